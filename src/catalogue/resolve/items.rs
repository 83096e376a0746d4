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
            // A label may be written in one language only (a warning);
            // a term needs one in a language of the site.
            let one = (self.config.languages.iter()).any(|l| labels.contains_key(l.as_str()));
            if one {
                self.check_some_langs(&p, id, labels, true);
            } else {
                self.check_langs(&p, id, labels);
            }
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
        self.check_some_langs(&p, "description", &raw.description, true);
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
        let files = self.page_files(&key, files)?;
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

    /// The files of a page in the site's languages. A page may be written
    /// in one language only, not the default one: the other languages
    /// show it, marked (a warning). `None` when its default-language file
    /// exists but is broken, or no file is in a language of the site.
    fn page_files(
        &mut self,
        key: &str,
        files: Vec<(String, Parsed<RawPage>)>,
    ) -> Option<super::resolver::LangFiles<RawPage>> {
        let default_lang = self.default_lang();
        let files: super::resolver::LangFiles<RawPage> = files
            .into_iter()
            .filter_map(|(lang, p)| Some((self.known_lang(&lang, &p)?, p)))
            .collect();
        if files.iter().any(|(lang, _)| *lang == default_lang) {
            return Some(files);
        }
        if files.is_empty()
            || self
                .broken
                .has_file(Section::Pages, key, default_lang.as_str())
        {
            return None;
        }
        let (shown, p) = &files[0];
        let expected = format!("content/pages/{key}.{default_lang}.md");
        self.diags.push(
            Diagnostic::warning(
                &p.file.rel,
                text!(
                    "no `{default_lang}` text: the `{shown}` text is shown on the `{default_lang}` site",
                    "pas de texte `{default_lang}` : le texte `{shown}` est affiché sur le site `{default_lang}`"
                ),
            )
            .hint(text!(
                "to translate it, create `{expected}` with its `title` and text",
                "pour la traduire, créez `{expected}` avec son `title` et son texte"
            )),
        );
        Some(files)
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
                let builtin = countries::lookup(&code).is_some();
                self.check_some_langs(p, "name", &p.raw.name, !builtin);
                self.check_some_langs(p, "intro", &p.raw.intro, true);
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
            // A name given in one language only is every language's when
            // the country has no built-in name.
            let given = self
                .config
                .languages
                .iter()
                .find_map(|l| names.get(l.as_str()).cloned());
            for &lang in &self.config.languages {
                if !names.contains_key(lang.as_str()) {
                    let name = countries::builtin_name(&code, lang)
                        .or_else(|| given.clone())
                        .unwrap_or_else(|| code.to_uppercase());
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
