//! Raw files → [`Catalogue`]: required fields, shared/translated fields,
//! references, dates, URLs and slugs, with a located diagnostic for every
//! problem. Files are read and parsed in parallel; resolution is sequential
//! and cheap.
//!
//! This module owns the load itself (the cache of parsed files, the order
//! in which items are resolved so that references are known) and the items
//! other than partnerships: taxonomies, institutions, pages and countries.
//! Partnerships, which have the most rules, are in [`partnership`]; checks
//! shared by all items in [`checks`]; reading, parsing and caching files
//! in [`parsed`].

mod checks;
mod parsed;
mod partnership;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub use self::checks::is_key;
use self::checks::key_hint;
pub use self::parsed::FileCache;
use self::parsed::{read_item, Item, Parsed};
use super::raw::{RawCountry, RawInstitution, RawPage, RawPartnership, RawTaxonomy};
use super::{
    countries, links, Catalogue, Country, Institution, Markdown, Page, PageText, Partnership, Term,
};
use crate::config::{LangText, SiteConfig};
use crate::diagnostics::display_path;
use crate::diagnostics::{Diagnostic, Diagnostics, Text};
use crate::source::{self, ContentKind};
use crate::text;
use rayon::prelude::*;

/// Reads, parses and resolves the whole `content/` folder.
pub fn load(
    root: &Path,
    config: SiteConfig,
    drafts: bool,
    diagnostics: &mut Diagnostics,
) -> Catalogue {
    let found = source::discover(root, diagnostics);
    let items = found
        .into_par_iter()
        .map(|(kind, rel)| (kind.clone(), read_item(root, kind, &rel)))
        .collect();
    resolve_all(root, config, drafts, items, diagnostics)
}

/// Reads, parses and resolves the whole `content/` folder, reusing what
/// `cache` holds for files that have not changed.
pub fn load_cached(
    root: &Path,
    config: SiteConfig,
    drafts: bool,
    cache: &mut FileCache,
    diagnostics: &mut Diagnostics,
) -> Catalogue {
    let found = source::discover(root, diagnostics);
    cache.refresh(root, found);
    resolve_all(root, config, drafts, cache.items(), diagnostics)
}

/// Resolves again, in place in `catalogue`, the partnerships `keys`, whose
/// files changed (none created or removed) and which `cache` has read
/// again; everything else is kept. Returns the partnerships replaced, with
/// their places, so that a caller can put them back; `None` when the change
/// is one this cannot make in place (a partnership that appears, goes,
/// becomes a draft or changes countries): then a whole load is due. With an
/// error in `diagnostics`, nothing is replaced.
pub fn update_partnerships(
    root: &Path,
    catalogue: &mut Catalogue,
    cache: &FileCache,
    keys: &BTreeSet<String>,
    drafts: bool,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<(usize, Partnership)>> {
    let places: Vec<usize> = keys
        .iter()
        .map(|k| {
            catalogue
                .partnerships
                .binary_search_by(|p| p.key.cmp(k))
                .ok()
        })
        .collect::<Option<_>>()?;
    let config = catalogue.config.clone();
    let mut r = Resolver {
        root,
        config: &config,
        diags: Vec::new(),
        broken: BTreeSet::new(),
    };
    let (fresh, bodies) = r.partnerships_again(catalogue, cache, keys);
    if !r.diags.iter().any(Diagnostic::is_error) {
        let moved = fresh.iter().zip(&places).any(|(p, &i)| {
            let old = &catalogue.partnerships[i];
            (p.draft && !drafts) || p.countries != old.countries
        });
        if fresh.len() != places.len() || moved {
            return None;
        }
    }
    diagnostics.extend(std::mem::take(&mut r.diags));
    if diagnostics.has_errors() {
        diagnostics.extend(links::check_unrendered(catalogue, &bodies));
        return Some(Vec::new());
    }
    let replaced: Vec<(usize, Partnership)> = places
        .iter()
        .zip(fresh)
        .map(|(&i, p)| (i, std::mem::replace(&mut catalogue.partnerships[i], p)))
        .collect();
    r.check_slugs(&catalogue.partnerships, &catalogue.pages);
    diagnostics.extend(r.diags);
    // The links of the new texts, which are rendered only when asked for.
    diagnostics.extend(links::check_unrendered(catalogue, &bodies));
    if diagnostics.has_errors() {
        put_back(catalogue, replaced);
        return Some(Vec::new());
    }
    Some(replaced)
}

impl Resolver<'_> {
    /// The partnerships `keys` resolved again from `cache` against the
    /// rest of `catalogue`, with the texts of their files.
    fn partnerships_again(
        &mut self,
        catalogue: &Catalogue,
        cache: &FileCache,
        keys: &BTreeSet<String>,
    ) -> (Vec<Partnership>, Vec<Markdown>) {
        let mut files = self.group(cache.partnership_files(keys)).partnerships;
        for key in keys {
            files.entry(key.clone()).or_default();
        }
        let refs = References {
            themes: &catalogue.themes,
            programmes: &catalogue.programmes,
            institutions: &catalogue.institutions,
            country_files: cache.country_files(),
        };
        let bodies: Vec<Markdown> = files
            .values()
            .flat_map(|f| f.iter().map(|(_, p)| p.body()))
            .collect();
        let mut unrendered = Vec::new();
        let fresh = self.resolve_items("partnerships", files, &mut unrendered, |r, key, f| {
            r.partnership(key, f, &refs)
        });
        (fresh, bodies)
    }
}

/// Puts back the partnerships [`update_partnerships`] replaced.
fn put_back(catalogue: &mut Catalogue, replaced: Vec<(usize, Partnership)>) {
    for (i, p) in replaced {
        catalogue.partnerships[i] = p;
    }
}

/// Resolves the parsed content files into the catalogue.
fn resolve_all(
    root: &Path,
    config: SiteConfig,
    drafts: bool,
    items: Vec<(ContentKind, Result<Item, Diagnostic>)>,
    diagnostics: &mut Diagnostics,
) -> Catalogue {
    let mut r = Resolver {
        root,
        config: &config,
        diags: Vec::new(),
        broken: BTreeSet::new(),
    };
    let files = r.group(items);
    let institutions = r.institutions(files.institutions);
    let refs = References {
        themes: &files.themes,
        programmes: &files.programmes,
        institutions: &institutions,
        country_files: files.countries.iter().map(|(c, _)| c.clone()).collect(),
    };
    // The texts of items that fail are never rendered: their links are
    // checked here instead.
    let mut unrendered = Vec::new();
    let mut partnerships = r.resolve_items(
        "partnerships",
        files.partnerships,
        &mut unrendered,
        |r, key, f| r.partnership(key, f, &refs),
    );
    // Drafts are checked like the others, then left out unless asked for.
    partnerships.retain(|p| drafts || !p.draft);
    let pages = r.resolve_items("pages", files.pages, &mut unrendered, Resolver::page);
    r.check_slugs(&partnerships, &pages);
    let countries = r.countries(files.countries, &partnerships, &institutions);
    diagnostics.extend(r.diags);
    let catalogue = Catalogue {
        broken: r.broken,
        config,
        partnerships,
        countries,
        institutions,
        themes: files.themes,
        programmes: files.programmes,
        pages,
    };
    diagnostics.extend(links::check_unrendered(&catalogue, &unrendered));
    catalogue
}

/// The files of one load grouped by the item they make up (the files of a
/// partnership or page, one a language). Taxonomies, which refer to
/// nothing, are already resolved.
#[derive(Default)]
struct Files {
    partnerships: BTreeMap<String, Vec<(String, Parsed<RawPartnership>)>>,
    pages: BTreeMap<String, Vec<(String, Parsed<RawPage>)>>,
    countries: Vec<(String, Parsed<RawCountry>)>,
    institutions: Vec<(String, Parsed<RawInstitution>)>,
    themes: BTreeMap<String, Term>,
    programmes: BTreeMap<String, Term>,
}

/// What a partnership may refer to, resolved before partnerships are.
struct References<'a> {
    themes: &'a BTreeMap<String, Term>,
    programmes: &'a BTreeMap<String, Term>,
    institutions: &'a BTreeMap<String, Institution>,
    country_files: BTreeSet<String>,
}

struct Resolver<'a> {
    root: &'a Path,
    config: &'a SiteConfig,
    diags: Vec<Diagnostic>,
    /// Items that exist but could not be read or resolved (`section/id`,
    /// or `section/id.lang` for one file); problems that would only repeat
    /// theirs are not reported.
    broken: BTreeSet<String>,
}

/// The name under which a file that failed is remembered.
fn broken_name(kind: &ContentKind) -> String {
    match kind {
        ContentKind::Partnership { key, lang } => format!("partnerships/{key}.{lang}"),
        ContentKind::Page { key, lang } => format!("pages/{key}.{lang}"),
        ContentKind::Country { code } => format!("countries/{code}"),
        ContentKind::Institution { id } => format!("institutions/{id}"),
        ContentKind::Themes => "taxonomies/themes".to_string(),
        ContentKind::Programmes => "taxonomies/programmes".to_string(),
    }
}

/// The URL segments under the catalogue that are not partnerships (lists'
/// later pages, facet values): a partnership's slug may not take one.
const CATALOGUE_FOLDERS: [&str; 9] = [
    "page", "type", "kind", "statut", "status", "mobilite", "mobility", "annee", "year",
];

/// The section names under a language folder; a page slug may not take one.
const RESERVED_SLUGS: [&str; 14] = [
    "partenariats",
    "partnerships",
    "pays",
    "countries",
    "institutions",
    "thematiques",
    "themes",
    "programmes",
    "recherche",
    "search",
    "chiffres",
    "figures",
    "static",
    "media",
];

impl Resolver<'_> {
    fn default_lang(&self) -> &str {
        self.config.default_lang()
    }

    /// Groups the files of a load by item, reporting the ones that could
    /// not be read or parsed.
    fn group(&mut self, items: Vec<(ContentKind, Result<Item, Diagnostic>)>) -> Files {
        let mut files = Files::default();
        for (kind, result) in items {
            match result {
                Err(d) => {
                    self.diags.push(d);
                    self.broken.insert(broken_name(&kind));
                    if let ContentKind::Partnership { key, .. } | ContentKind::Page { key, .. } =
                        kind
                    {
                        // The item exists even if one of its files is broken.
                        files.partnerships.entry(key.clone()).or_default();
                        files.pages.entry(key).or_default();
                    }
                }
                Ok(Item::Partnership(key, lang, p)) => {
                    files.partnerships.entry(key).or_default().push((lang, p))
                }
                Ok(Item::Page(key, lang, p)) => files.pages.entry(key).or_default().push((lang, p)),
                Ok(Item::Country(code, p)) => files.countries.push((code, p)),
                Ok(Item::Institution(id, p)) => files.institutions.push((id, p)),
                Ok(Item::Themes(p)) => files.themes = self.taxonomy(p),
                Ok(Item::Programmes(p)) => files.programmes = self.taxonomy(p),
            }
        }
        files
    }

    /// Resolves each item of `section` (its files, one a language) with
    /// `resolve`. The texts of an item that fails go to `unrendered`.
    fn resolve_items<T: Send, R: Send>(
        &mut self,
        section: &str,
        items: BTreeMap<String, Vec<(String, Parsed<T>)>>,
        unrendered: &mut Vec<Markdown>,
        resolve: impl Fn(&mut Self, String, Vec<(String, Parsed<T>)>) -> Option<R> + Sync,
    ) -> Vec<R> {
        // Items refer to each other only through what is resolved before
        // them: each is resolved on its own, in parallel, and the results
        // and problems are then taken in order.
        let items: Vec<_> = items.into_iter().filter(|(_, f)| !f.is_empty()).collect();
        let (root, config, broken) = (self.root, self.config, &self.broken);
        let done: Vec<_> = items
            .into_par_iter()
            .map_init(
                || Resolver {
                    root,
                    config,
                    diags: Vec::new(),
                    broken: broken.clone(),
                },
                |r, (key, files)| {
                    let bodies: Vec<Markdown> = files.iter().map(|(_, p)| p.body()).collect();
                    let item = resolve(r, key.clone(), files);
                    (key, item, bodies, std::mem::take(&mut r.diags))
                },
            )
            .collect();
        let mut resolved = Vec::new();
        for (key, item, bodies, diags) in done {
            self.diags.extend(diags);
            match item {
                Some(item) => resolved.push(item),
                None => {
                    self.broken.insert(format!("{section}/{key}"));
                    unrendered.extend(bodies);
                }
            }
        }
        resolved
    }

    /// Drops the files of `files` in a language the site does not have,
    /// and returns the position of the default-language one. Without it,
    /// each translation is reported, unless that file exists but is broken:
    /// its own error says enough.
    fn default_file<T>(
        &mut self,
        section: &str,
        key: &str,
        files: &mut Vec<(String, Parsed<T>)>,
        hint: fn(&str) -> Text,
    ) -> Option<usize> {
        let default_lang = self.default_lang().to_string();
        files.retain(|(lang, p)| self.known_lang(lang, p));
        let index = files.iter().position(|(lang, _)| *lang == default_lang);
        let default_file = format!("{section}/{key}.{default_lang}");
        if index.is_some() || self.broken.contains(&default_file) {
            return index;
        }
        let expected = format!("content/{default_file}.md");
        for (lang, p) in files.iter() {
            self.diags.push(
                Diagnostic::error(
                    &p.file.rel,
                    text!(
                        "this `{lang}` translation has no `{default_lang}` file",
                        "cette traduction `{lang}` n'a pas de fichier `{default_lang}`"
                    ),
                )
                .hint(hint(&expected)),
            );
        }
        None
    }

    fn taxonomy(&mut self, p: Parsed<RawTaxonomy>) -> BTreeMap<String, Term> {
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

    fn institutions(
        &mut self,
        files: Vec<(String, Parsed<RawInstitution>)>,
    ) -> BTreeMap<String, Institution> {
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
        Some(Institution {
            description: p.markdown_map(&raw.description),
            id,
            name: raw.name.clone(),
            name_lang: raw.name_lang.clone(),
            short_name: raw.short_name.clone(),
            kind: raw.kind,
            country: raw.country.clone(),
            city: raw.city.clone(),
            website: raw.website.clone(),
            logo: raw.logo.clone(),
        })
    }

    fn page(&mut self, key: String, mut files: Vec<(String, Parsed<RawPage>)>) -> Option<Page> {
        let hint = |expected: &str| text!("create `{expected}`", "créez `{expected}`");
        self.default_file("pages", &key, &mut files, hint)?;
        let default_lang = self.default_lang().to_string();
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
            self.check_slug_among(&p, &slug, &RESERVED_SLUGS);
            let text = PageText {
                is_default: lang == default_lang,
                lang: lang.clone(),
                title: p.raw.title.clone(),
                slug,
                summary: p.raw.summary.clone(),
                body: p.body(),
            };
            texts.insert(lang, text);
        }
        Some(Page { key, texts })
    }

    /// Two items of one kind may not share a URL in one language.
    fn check_slugs(&mut self, partnerships: &[Partnership], pages: &[Page]) {
        for lang in self.config.languages.clone() {
            let mut seen: BTreeMap<(&str, &str), &Path> = BTreeMap::new();
            let items =
                partnerships
                    .iter()
                    .filter_map(|p| {
                        p.texts
                            .get(&lang)
                            .map(|t| ("partnership", &t.slug, &t.file))
                    })
                    .chain(pages.iter().filter_map(|p| {
                        p.texts.get(&lang).map(|t| ("page", &t.slug, &t.body.file))
                    }));
            for (kind, slug, file) in items {
                if let Some(first) = seen.insert((kind, slug), file) {
                    let first = display_path(first);
                    let message = match kind {
                        "page" => text!("two pages have the slug `{slug}` in `{lang}`: this file and `{first}`", "deux pages ont le slug `{slug}` en `{lang}` : ce fichier et `{first}`"),
                        _ => text!("two partnerships have the slug `{slug}` in `{lang}`: this file and `{first}`", "deux partenariats ont le slug `{slug}` en `{lang}` : ce fichier et `{first}`"),
                    };
                    let d = Diagnostic::error(file, message)
                        .field("slug")
                        .hint(text!("the slug is the end of the page's address; without a `slug:` line it is the file name's key: give one of them another `slug:`", "le slug est la fin de l'adresse de la page ; sans ligne `slug:`, c'est la clé du nom du fichier : donnez à l'un des deux un autre `slug:`"));
                    self.diags.push(self.at_slug_line(d, file));
                }
            }
        }
    }

    /// Points `d` at the `slug:` line of `file`, if it has one. Slugs are
    /// compared once the files are resolved and their text dropped, so the
    /// file is read again: only when there is a problem to show.
    fn at_slug_line(&self, d: Diagnostic, file: &Path) -> Diagnostic {
        let Ok(source) = source::read_text(self.root, file) else {
            return d;
        };
        let line = source
            .text
            .lines()
            .position(|l| l.starts_with("slug:"))
            .map(|i| i + 1);
        match line {
            Some(line) => d.at(&source.text, line, 7),
            None => d,
        }
    }

    fn countries(
        &mut self,
        files: Vec<(String, Parsed<RawCountry>)>,
        partnerships: &[Partnership],
        institutions: &BTreeMap<String, Institution>,
    ) -> BTreeMap<String, Country> {
        let mut by_code: BTreeMap<String, Option<Parsed<RawCountry>>> = partnerships
            .iter()
            .flat_map(|p| p.countries.iter().cloned())
            .chain(institutions.values().map(|i| i.country.clone()))
            .map(|c| (c, None))
            .collect();
        for (code, p) in files {
            by_code.insert(code, Some(p));
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
            for lang in &self.config.languages {
                if !names.contains_key(lang) {
                    let name =
                        countries::builtin_name(&code, lang).unwrap_or_else(|| code.to_uppercase());
                    names.insert(lang.clone(), name);
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
