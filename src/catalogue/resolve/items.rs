//! The items other than partnerships: taxonomies, institutions, pages and
//! countries, each resolved from its raw struct with its checks.

use std::collections::{BTreeMap, BTreeSet};

use super::checks::{is_key, key_hint};
use super::resolver::Resolver;
use crate::catalogue::countries;
use crate::catalogue::model::{Country, Institution, Page, PageText, Partnership, Term};
use crate::catalogue::raw::{RawCountry, RawInstitution, RawPage, RawTaxonomy};
use crate::config::LangText;
use crate::diagnostics::Diagnostic;
use crate::source::Parsed;
use crate::text;
use crate::types::ids::{CountryCode, InstitutionId};
use crate::types::item::Section;

impl Resolver<'_> {
    pub(super) fn taxonomy(&mut self, p: Parsed<RawTaxonomy>) -> BTreeMap<String, Term> {
        let mut terms = BTreeMap::new();
        for (id, labels) in &p.raw {
            if !is_key(id) {
                self.diags.push(
                    p.error(
                        id,
                        id,
                        text!(
                            "`{id}` is not a valid id",
                            "`{id}` n'est pas un identifiant valide"
                        ),
                    )
                    .hint(key_hint()),
                );
            }
            self.check_langs(&p, id, labels);
            terms.insert(
                id.clone(),
                Term {
                    id: id.clone(),
                    labels: labels.clone(),
                },
            );
        }
        terms
    }

    pub(super) fn institutions(
        &mut self,
        files: Vec<(String, Parsed<RawInstitution>)>,
    ) -> BTreeMap<InstitutionId, Institution> {
        let mut institutions = BTreeMap::new();
        for (id, p) in files {
            if let Some(institution) = self.institution(id, p) {
                institutions.insert(institution.id.clone(), institution);
            }
        }
        institutions
    }

    fn institution(&mut self, id: String, p: Parsed<RawInstitution>) -> Option<Institution> {
        if !is_key(&id) {
            self.diags.push(
                Diagnostic::error(
                    &p.file.rel,
                    text!("`{id}` is not a valid institution id (the file name)", "`{id}` n'est pas un identifiant d'établissement valide (le nom du fichier)"),
                )
                .hint(key_hint()),
            );
        }
        let raw = &p.raw;
        self.check_country(&p, "country", &raw.country, &BTreeSet::new());
        if let Some(url) = &raw.website {
            self.check_url(&p, "website", url);
        }
        if let Some(logo) = &raw.logo {
            self.check_media(&p, "logo", logo);
        }
        self.check_optional_langs(&p, "description", &raw.description);
        let coordinates = raw
            .coordinates
            .as_deref()
            .and_then(|c| self.check_coordinates(&p, c));
        Some(Institution {
            coordinates,
            description: p.markdown_map(&raw.description),
            id: id.into(),
            name: raw.name.clone(),
            name_lang: raw.name_lang.clone(),
            short_name: raw.short_name.clone(),
            kind: raw.kind,
            country: raw.country.as_str().into(),
            city: raw.city.clone(),
            website: raw.website.clone(),
            logo: raw.logo.clone(),
        })
    }

    pub(super) fn page(
        &mut self,
        key: String,
        files: Vec<(String, Parsed<RawPage>)>,
    ) -> Option<Page> {
        let hint = |expected: &str| text!("create `{expected}`", "créez `{expected}`");
        let (_, files) = self.default_file(Section::Pages, &key, files, hint)?;
        let default_lang = self.default_lang();
        let mut texts = BTreeMap::new();
        for (lang, p) in files {
            if p.raw.title.trim().is_empty() {
                self.diags.push(p.error(
                    "title",
                    "title",
                    text!("the title is empty", "le titre est vide"),
                ));
            }
            let slug = p.raw.slug.clone().unwrap_or_else(|| key.clone());
            self.check_slug_among(&p, &slug, self.options.reserved_slugs);
            let text = PageText {
                is_default: lang == default_lang,
                lang,
                title: p.raw.title.clone(),
                slug,
                summary: p.raw.summary.clone(),
                body: p.body(),
            };
            texts.insert(lang, text);
        }
        Some(Page { key, texts })
    }

    pub(super) fn countries(
        &mut self,
        files: Vec<(String, Parsed<RawCountry>)>,
        partnerships: &[Partnership],
        institutions: &BTreeMap<InstitutionId, Institution>,
    ) -> BTreeMap<CountryCode, Country> {
        let mut by_code: BTreeMap<CountryCode, Option<Parsed<RawCountry>>> = partnerships
            .iter()
            .flat_map(|p| p.countries.iter().cloned())
            .chain(institutions.values().map(|i| i.country.clone()))
            .map(|c| (c, None))
            .collect();
        for (code, p) in files {
            by_code.insert(code.into(), Some(p));
        }
        let mut countries = BTreeMap::new();
        for (code, parsed) in by_code {
            let mut names = LangText::new();
            let mut intro = BTreeMap::new();
            let mut flag = None;
            if let Some(p) = &parsed {
                self.check_optional_langs(p, "name", &p.raw.name);
                self.check_optional_langs(p, "intro", &p.raw.intro);
                if countries::lookup(&code).is_none() && p.raw.name.is_empty() {
                    self.check_country(p, "code", &code, &BTreeSet::new());
                }
                if let Some(f) = &p.raw.flag {
                    self.check_media(p, "flag", f);
                }
                names = p.raw.name.clone();
                intro = p.markdown_map(&p.raw.intro);
                flag = p.raw.flag.clone();
            }
            for &lang in &self.config.languages {
                if !names.contains_key(lang.as_str()) {
                    let name =
                        countries::builtin_name(&code, lang).unwrap_or_else(|| code.to_uppercase());
                    names.insert(lang.to_string(), name);
                }
            }
            countries.insert(
                code.clone(),
                Country {
                    code,
                    names,
                    intro,
                    flag,
                },
            );
        }
        countries
    }
}
