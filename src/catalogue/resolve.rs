//! Raw files → [`Catalogue`]: required fields, shared/translated fields,
//! references, dates, URLs and slugs, with a located diagnostic for every
//! problem. Files are read and parsed in parallel; resolution is sequential
//! and cheap.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::raw::{
    RawContact, RawCountry, RawInstitution, RawLink, RawLogo, RawPage, RawPartnership, RawTaxonomy,
    RawVideo, SHARED_FIELDS,
};
use super::{
    countries, date, hints, links, Catalogue, Contact, Country, Institution, Link, Markdown, Page,
    PageText, Partnership, PartnershipText, Status, Term, Video,
};
use crate::config::{LangText, SiteConfig};
use crate::diagnostics::{suggest, Diagnostic, Diagnostics, Text};
use crate::source::{self, display_path, ContentKind, SourceFile};
use crate::text;

/// A parsed Markdown file: its front matter as `T`, its text kept for
/// locating later problems.
#[derive(Clone)]
struct Parsed<T> {
    file: SourceFile,
    raw: T,
    yaml_start: usize,
    yaml_end: usize,
    yaml_line: usize,
    body_start: usize,
    body_line: usize,
}

impl<T> Parsed<T> {
    fn yaml(&self) -> &str {
        &self.file.text[self.yaml_start..self.yaml_end]
    }

    fn body(&self) -> Markdown {
        Markdown {
            source: self.file.text[self.body_start..].to_string(),
            file: self.file.rel.clone(),
            line: self.body_line,
        }
    }

    /// A required field that is missing: points at the closing `---`,
    /// before which the line is to be added.
    fn missing(&self, field: &str, hint: Text) -> Diagnostic {
        let closing = self.yaml_line + self.yaml().matches('\n').count();
        Diagnostic::error(
            &self.file.rel,
            text!(
                "the required field `{field}` is missing",
                "le champ obligatoire `{field}` manque"
            ),
        )
        .field(field)
        .at(&self.file.text, closing, 1)
        .hint(hint)
    }

    /// An error pointing at where `value` is written for `field`.
    fn error(&self, field: &str, value: &str, message: Text) -> Diagnostic {
        let key = field.rsplit(['.', ']']).next().unwrap_or(field);
        let key = key.split('[').next().unwrap_or(key);
        let (line, column) = source::locate(self.yaml(), key, value)
            .map(|(l, c)| (l + self.yaml_line - 1, c))
            .unwrap_or((self.yaml_line.saturating_sub(1).max(1), 1));
        Diagnostic::error(&self.file.rel, message)
            .field(field)
            .at(&self.file.text, line, column)
    }
}

#[allow(clippy::large_enum_variant)] // One per file.
#[derive(Clone)]
enum Item {
    Partnership(String, String, Parsed<RawPartnership>),
    Page(String, String, Parsed<RawPage>),
    Country(String, Parsed<RawCountry>),
    Institution(String, Parsed<RawInstitution>),
    Themes(Parsed<RawTaxonomy>),
    Programmes(Parsed<RawTaxonomy>),
}

fn parse_markdown<T: serde::de::DeserializeOwned>(
    file: SourceFile,
) -> Result<Parsed<T>, Diagnostic> {
    let fm = source::split_front_matter(&file)?;
    let raw = source::parse_yaml(&file, fm.yaml, fm.yaml_line)?;
    let base = file.text.as_ptr() as usize;
    let yaml_start = fm.yaml.as_ptr() as usize - base;
    let body_start = fm.body.as_ptr() as usize - base;
    let (yaml_line, body_line, yaml_len) = (fm.yaml_line, fm.body_line, fm.yaml.len());
    Ok(Parsed {
        raw,
        yaml_start,
        yaml_end: yaml_start + yaml_len,
        yaml_line,
        body_start,
        body_line,
        file,
    })
}

fn parse_yaml_file<T: serde::de::DeserializeOwned>(
    file: SourceFile,
) -> Result<Parsed<T>, Diagnostic> {
    if file.text.trim().is_empty() {
        return Err(Diagnostic::error(
            &file.rel,
            text!("this file is empty", "ce fichier est vide"),
        ));
    }
    let raw = source::parse_yaml(&file, &file.text, 1)?;
    let len = file.text.len();
    Ok(Parsed {
        raw,
        yaml_start: 0,
        yaml_end: len,
        yaml_line: 1,
        body_start: len,
        body_line: 0,
        file,
    })
}

fn read_item(root: &Path, kind: ContentKind, rel: &Path) -> Result<Item, Diagnostic> {
    let file = source::read_text(root, rel)?;
    Ok(match kind {
        ContentKind::Partnership { key, lang } => {
            Item::Partnership(key, lang, parse_markdown(file)?)
        }
        ContentKind::Page { key, lang } => Item::Page(key, lang, parse_markdown(file)?),
        ContentKind::Country { code } => Item::Country(code, parse_yaml_file(file)?),
        ContentKind::Institution { id } => Item::Institution(id, parse_yaml_file(file)?),
        ContentKind::Themes => Item::Themes(parse_yaml_file(file)?),
        ContentKind::Programmes => Item::Programmes(parse_yaml_file(file)?),
    })
}

/// Reads, parses and resolves the whole `content/` folder.
pub fn load(
    root: &Path,
    config: SiteConfig,
    drafts: bool,
    diagnostics: &mut Diagnostics,
) -> Catalogue {
    load_cached(root, config, drafts, &mut FileCache::default(), diagnostics)
}

/// The parsed content files of the previous load, so that a rebuild reads
/// and parses only the files that changed since (serve).
#[derive(Default)]
pub struct FileCache {
    entries: BTreeMap<PathBuf, CachedFile>,
    /// The files added, changed or removed by the last load.
    pub changed: BTreeSet<PathBuf>,
}

struct CachedFile {
    stamp: (Option<std::time::SystemTime>, u64),
    kind: ContentKind,
    item: Result<Item, Diagnostic>,
}

fn stamp(path: &Path) -> (Option<std::time::SystemTime>, u64) {
    std::fs::metadata(path).map_or((None, 0), |m| (m.modified().ok(), m.len()))
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
    let stamped: Vec<_> = found
        .into_par_iter()
        .map(|(kind, rel)| {
            let stamp = stamp(&root.join(&rel));
            (kind, rel, stamp)
        })
        .collect();
    let present: BTreeSet<PathBuf> = stamped.iter().map(|(_, rel, _)| rel.clone()).collect();
    let removed: Vec<PathBuf> = cache
        .entries
        .keys()
        .filter(|rel| !present.contains(*rel))
        .cloned()
        .collect();
    let fresh: BTreeMap<PathBuf, CachedFile> = stamped
        .into_par_iter()
        .filter(|(_, rel, stamp)| {
            cache
                .entries
                .get(rel)
                .is_none_or(|c| c.stamp != *stamp || stamp.0.is_none())
        })
        .map(|(kind, rel, stamp)| {
            let item = read_item(root, kind.clone(), &rel);
            (rel, CachedFile { stamp, kind, item })
        })
        .collect();
    cache.changed = fresh
        .keys()
        .cloned()
        .chain(removed.iter().cloned())
        .collect();
    for rel in &removed {
        cache.entries.remove(rel);
    }
    cache.entries.extend(fresh);
    let results: Vec<(ContentKind, Result<Item, Diagnostic>)> = cache
        .entries
        .values()
        .map(|c| (c.kind.clone(), c.item.clone()))
        .collect();
    let mut r = Resolver {
        root,
        config: &config,
        diags: Vec::new(),
        broken: BTreeSet::new(),
    };
    let mut partnership_files: BTreeMap<String, Vec<(String, Parsed<RawPartnership>)>> =
        BTreeMap::new();
    let mut page_files: BTreeMap<String, Vec<(String, Parsed<RawPage>)>> = BTreeMap::new();
    let mut country_files = Vec::new();
    let mut institution_files = Vec::new();
    let (mut themes, mut programmes) = (BTreeMap::new(), BTreeMap::new());
    for (kind, result) in results {
        match result {
            Err(d) => {
                r.diags.push(d);
                r.broken.insert(broken_name(&kind));
                if let ContentKind::Partnership { key, .. } | ContentKind::Page { key, .. } = kind {
                    // The item exists even if one of its files is broken.
                    partnership_files.entry(key.clone()).or_default();
                    page_files.entry(key).or_default();
                }
            }
            Ok(Item::Partnership(key, lang, p)) => {
                partnership_files.entry(key).or_default().push((lang, p))
            }
            Ok(Item::Page(key, lang, p)) => page_files.entry(key).or_default().push((lang, p)),
            Ok(Item::Country(code, p)) => country_files.push((code, p)),
            Ok(Item::Institution(id, p)) => institution_files.push((id, p)),
            Ok(Item::Themes(p)) => themes = r.taxonomy(p),
            Ok(Item::Programmes(p)) => programmes = r.taxonomy(p),
        }
    }
    let mut institutions = BTreeMap::new();
    for (id, p) in institution_files {
        if let Some(institution) = r.institution(id, p) {
            institutions.insert(institution.id.clone(), institution);
        }
    }
    let refs = References {
        themes: &themes,
        programmes: &programmes,
        institutions: &institutions,
        country_files: country_files.iter().map(|(c, _)| c.clone()).collect(),
    };
    let mut partnerships = Vec::new();
    // The texts of items that fail are never rendered: their links are
    // checked here instead.
    let mut unrendered = Vec::new();
    for (key, files) in partnership_files {
        if files.is_empty() {
            continue;
        }
        let bodies: Vec<Markdown> = files.iter().map(|(_, p)| p.body()).collect();
        match r.partnership(key.clone(), files, &refs) {
            Some(p) if drafts || !p.draft => partnerships.push(p),
            Some(_) => {}
            None => {
                r.broken.insert(format!("partnerships/{key}"));
                unrendered.extend(bodies);
            }
        }
    }
    let mut pages = Vec::new();
    for (key, files) in page_files {
        if files.is_empty() {
            continue;
        }
        let bodies: Vec<Markdown> = files.iter().map(|(_, p)| p.body()).collect();
        match r.page(key.clone(), files) {
            Some(page) => pages.push(page),
            None => {
                r.broken.insert(format!("pages/{key}"));
                unrendered.extend(bodies);
            }
        }
    }
    r.check_slugs(&partnerships, &pages);
    let countries = r.countries(country_files, &partnerships, &institutions);
    diagnostics.extend(r.diags);
    let catalogue = Catalogue {
        broken: r.broken,
        config,
        partnerships,
        countries,
        institutions,
        themes,
        programmes,
        pages,
    };
    diagnostics.extend(links::check_unrendered(&catalogue, &unrendered));
    catalogue
}

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

    /// Every site language has a text in `texts`, and no other language.
    fn check_langs<T>(&mut self, p: &Parsed<T>, field: &str, texts: &LangText) {
        for lang in &self.config.languages {
            if !texts.contains_key(lang) {
                self.diags.push(p.error(
                    field,
                    field,
                    text!(
                        "`{field}` has no text for `{lang}`",
                        "`{field}` n'a pas de texte pour `{lang}`"
                    ),
                ));
            }
        }
        for lang in texts.keys() {
            if !self.config.languages.contains(lang) {
                let langs = self.config.languages.iter().map(String::as_str);
                self.diags.push(
                    p.error(
                        &format!("{field}.{lang}"),
                        lang,
                        text!(
                            "`{lang}` is not a language of the site",
                            "`{lang}` n'est pas une langue du site"
                        ),
                    )
                    .hint_opt(suggest(lang, langs)),
                );
            }
        }
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
            description: self.markdown_map(&p, &raw.description),
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

    fn check_optional_langs<T>(&mut self, p: &Parsed<T>, field: &str, texts: &LangText) {
        if !texts.is_empty() {
            self.check_langs(p, field, texts);
        }
    }

    fn markdown_map<T>(&self, p: &Parsed<T>, texts: &LangText) -> BTreeMap<String, Markdown> {
        texts
            .iter()
            .map(|(lang, text)| {
                let line = source::locate(p.yaml(), lang, "").map_or(p.yaml_line, |(l, _)| l);
                let md = Markdown {
                    source: text.clone(),
                    file: p.file.rel.clone(),
                    line,
                };
                (lang.clone(), md)
            })
            .collect()
    }

    fn check_country<T>(
        &mut self,
        p: &Parsed<T>,
        field: &str,
        code: &str,
        files: &BTreeSet<String>,
    ) {
        if countries::lookup(code).is_some() || files.contains(code) {
            return;
        }
        let hint = hints::country_hint(code);
        self.diags.push(
            p.error(
                field,
                code,
                text!(
                    "unknown country code `{code}`",
                    "code de pays inconnu `{code}`"
                ),
            )
            .hint(hint),
        );
    }

    fn check_url<T>(&mut self, p: &Parsed<T>, field: &str, url: &str) {
        if let Some(message) = url_problem(url) {
            self.diags.push(p.error(field, url, message).hint(text!(
                "write a full address such as `https://www.example.org/`",
                "écrivez une adresse complète, comme `https://www.example.org/`"
            )));
        }
    }

    fn check_media<T>(&mut self, p: &Parsed<T>, field: &str, file: &str) {
        let path = Path::new(file);
        let escapes = path.is_absolute()
            || path
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir));
        if escapes || !self.root.join("content/media").join(path).is_file() {
            self.diags.push(
                p.error(
                    field,
                    file,
                    text!(
                        "no file `{file}` in `content/media/`",
                        "aucun fichier `{file}` dans `content/media/`"
                    ),
                )
                .hint(text!(
                    "file names are relative to `content/media/`, like `logos/helmo.png`",
                    "les noms de fichiers partent de `content/media/`, comme `logos/helmo.png`"
                )),
            );
        }
    }

    fn partnership(
        &mut self,
        key: String,
        mut files: Vec<(String, Parsed<RawPartnership>)>,
        refs: &References,
    ) -> Option<Partnership> {
        let default_lang = self.default_lang().to_string();
        files.retain(|(lang, p)| self.known_lang(lang, p));
        let Some(index) = files.iter().position(|(lang, _)| *lang == default_lang) else {
            if self
                .broken
                .contains(&format!("partnerships/{key}.{default_lang}"))
            {
                return None;
            }
            for (lang, p) in &files {
                let expected = format!("content/partnerships/{key}.{default_lang}.md");
                self.diags.push(
                    Diagnostic::error(&p.file.rel, text!("this `{lang}` translation has no `{default_lang}` file", "cette traduction `{lang}` n'a pas de fichier `{default_lang}`"))
                        .hint(text!("the shared fields are written in `{expected}`: create it, or rename this file if it is the original", "les champs communs s'écrivent dans `{expected}` : créez-le, ou renommez ce fichier si c'est l'original")),
                );
            }
            return None;
        };
        let (_, main) = files.remove(index);
        let errors_before = self.diags.len();
        let shared = self.shared_fields(&key, &main, refs);
        let mut texts = BTreeMap::new();
        let (contacts_len, links_len, videos_len) = (
            main.raw.contacts.as_ref().map_or(0, Vec::len),
            main.raw.links.as_ref().map_or(0, Vec::len),
            main.raw.videos.as_ref().map_or(0, Vec::len),
        );
        texts.insert(
            default_lang.clone(),
            self.partnership_text(&key, &default_lang, &main, true),
        );
        for (lang, p) in &files {
            self.compare_shared(&main, p, (contacts_len, links_len, videos_len));
            texts.insert(lang.clone(), self.partnership_text(&key, lang, p, false));
        }
        for lang in &self.config.languages {
            if !texts.contains_key(lang)
                && !self.broken.contains(&format!("partnerships/{key}.{lang}"))
            {
                let rel = display_path(&main.file.rel);
                self.diags.push(
                    Diagnostic::warning(&main.file.rel, text!("no `{lang}` translation: the `{default_lang}` text is shown on the `{lang}` site", "pas de traduction `{lang}` : le texte `{default_lang}` est affiché sur le site `{lang}`"))
                        .hint({
                            let wanted = rel.replace(&format!(".{default_lang}.md"), &format!(".{lang}.md"));
                            text!("create `{wanted}` with the translated fields", "créez `{wanted}` avec les champs traduits")
                        }),
                );
            }
        }
        let shared = shared?;
        if self.diags[errors_before..].iter().any(Diagnostic::is_error) {
            return None;
        }
        Some(Partnership {
            key,
            texts,
            ..shared
        })
    }

    fn known_lang<T>(&mut self, lang: &str, p: &Parsed<T>) -> bool {
        if self.config.languages.iter().any(|l| l == lang) {
            return true;
        }
        let langs = self.config.languages.iter().map(String::as_str);
        self.diags.push(
            Diagnostic::error(
                &p.file.rel,
                text!(
                    "`{lang}` is not a language of the site",
                    "`{lang}` n'est pas une langue du site"
                ),
            )
            .hint_opt(suggest(lang, langs).or_else(|| {
                let all = self.config.languages.join(", ");
                Some(text!(
                    "the site's languages are: {all}",
                    "les langues du site sont : {all}"
                ))
            })),
        );
        false
    }

    fn required<T: Clone>(
        &mut self,
        p: &Parsed<RawPartnership>,
        field: &str,
        value: &Option<T>,
        refs: &References,
    ) -> Option<T> {
        if value.is_none() {
            let programmes: Vec<&str> = refs.programmes.keys().map(String::as_str).collect();
            let themes: Vec<&str> = refs.themes.keys().map(String::as_str).collect();
            let hint = hints::missing_field_hint(field, &programmes, &themes);
            self.diags.push(p.missing(field, hint));
        }
        value.clone()
    }

    /// The shared fields of the default-language file, checked. Returns a
    /// partnership whose texts are still empty.
    fn shared_fields(
        &mut self,
        key: &str,
        p: &Parsed<RawPartnership>,
        refs: &References,
    ) -> Option<Partnership> {
        let raw = &p.raw;
        let kind = self.required(p, "kind", &raw.kind, refs);
        let programme = self.required(p, "programme", &raw.programme, refs);
        let themes = self.required(p, "themes", &raw.themes, refs);
        let status = self.required(p, "status", &raw.status, refs);
        let start = self.required(p, "start", &raw.start, refs);
        let members = self.required(p, "members", &raw.members, refs);
        if let Some(programme) = &programme {
            if !refs.programmes.contains_key(programme)
                && !self.broken.contains("taxonomies/programmes")
            {
                let hint = hints::unknown_id_hint(
                    programme,
                    refs.programmes.keys().map(String::as_str),
                    "content/taxonomies/programmes.yaml",
                );
                self.diags.push(
                    p.error(
                        "programme",
                        programme,
                        text!(
                            "unknown programme `{programme}`",
                            "programme inconnu `{programme}`"
                        ),
                    )
                    .hint(hint),
                );
            }
        }
        for (i, theme) in themes.iter().flatten().enumerate() {
            if !refs.themes.contains_key(theme) && !self.broken.contains("taxonomies/themes") {
                let hint = hints::unknown_id_hint(
                    theme,
                    refs.themes.keys().map(String::as_str),
                    "content/taxonomies/themes.yaml",
                );
                self.diags.push(
                    p.error(
                        &format!("themes[{i}]"),
                        theme,
                        text!("unknown theme `{theme}`", "thématique inconnue `{theme}`"),
                    )
                    .hint(hint),
                );
            }
        }
        if themes.as_ref().is_some_and(Vec::is_empty) {
            self.diags.push(p.error(
                "themes",
                "themes",
                text!(
                    "`themes` lists no theme; at least one is needed",
                    "`themes` ne contient aucune thématique ; il en faut au moins une"
                ),
            ));
        }
        if members.as_ref().is_some_and(Vec::is_empty) {
            self.diags.push(p.error(
                "members",
                "members",
                text!(
                    "`members` lists no institution; at least one is needed",
                    "`members` ne contient aucun établissement ; il en faut au moins un"
                ),
            ));
        }
        for (i, member) in members.iter().flatten().enumerate() {
            let id = &member.institution;
            if !refs.institutions.contains_key(id)
                && !self.broken.contains(&format!("institutions/{id}"))
            {
                let hint = suggest(id, refs.institutions.keys().map(String::as_str))
                    .unwrap_or_else(|| text!("create `content/institutions/{id}.yaml`, or use the id (the file name) of an existing one", "créez `content/institutions/{id}.yaml`, ou utilisez l'identifiant (le nom du fichier) d'un établissement existant"));
                self.diags.push(
                    p.error(
                        &format!("members[{i}].institution"),
                        id,
                        text!("unknown institution `{id}`", "établissement inconnu `{id}`"),
                    )
                    .hint(hint),
                );
            }
        }
        for (i, code) in raw.countries.iter().flatten().enumerate() {
            self.check_country(p, &format!("countries[{i}]"), code, &refs.country_files);
        }
        if let (Some(start), Some(end)) = (&start, &raw.end) {
            if end.latest() < start.earliest() {
                self.diags.push(p.error(
                    "end",
                    &end.iso(),
                    text!(
                        "the end ({end}) is before the start ({start})",
                        "la fin ({end}) précède le début ({start})"
                    ),
                ));
            }
        }
        if let (Some(status), Some(start)) = (status, &start) {
            self.check_status(p, status, start, raw.end.as_ref());
        }
        for (i, f) in raw.funding.iter().flatten().enumerate() {
            if !(f.amount.is_finite() && f.amount >= 0.0) {
                self.diags.push(p.error(
                    &format!("funding[{i}].amount"),
                    "amount",
                    text!(
                        "expected a positive amount",
                        "un montant positif est attendu"
                    ),
                ));
            }
        }
        let contacts = self.contacts(p, raw.contacts.as_deref().unwrap_or_default());
        let links = self.links(p, raw.links.as_deref().unwrap_or_default());
        let videos = self.videos(p, raw.videos.as_deref().unwrap_or_default());
        let logo = raw.logo.as_ref().and_then(|logo| self.logo(p, logo));
        if let Some(summary) = &raw.summary {
            self.check_summary(p, summary);
        }
        let countries = match &raw.countries {
            Some(list) => list
                .iter()
                .cloned()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
            None => members
                .iter()
                .flatten()
                .filter_map(|m| refs.institutions.get(&m.institution))
                .map(|i| i.country.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
        };
        Some(Partnership {
            key: key.to_string(),
            texts: BTreeMap::new(),
            acronym: raw.acronym.clone(),
            kind: kind?,
            programme: programme?,
            action: raw.action.clone(),
            project_ref: raw.project_ref.clone(),
            themes: themes?,
            status: status?,
            first_agreement: raw.first_agreement,
            start: start?,
            end: raw.end,
            countries,
            members: members?,
            mobility: raw.mobility.clone().unwrap_or_default(),
            funding: raw.funding.clone().unwrap_or_default(),
            contacts,
            links,
            videos,
            logo,
            eu_funding: raw.eu_funding.clone(),
            draft: raw.draft.unwrap_or(false),
        })
    }

    fn check_status(
        &mut self,
        p: &Parsed<RawPartnership>,
        status: Status,
        start: &date::PartialDate,
        end: Option<&date::PartialDate>,
    ) {
        let today = date::today();
        let problem = match (status, end) {
            (Status::Ongoing, Some(end)) if end.latest() < today => Some((
                text!(
                    "`status` is ongoing but the end ({end}) has passed",
                    "`status` vaut ongoing (en cours) mais la fin ({end}) est passée"
                ),
                text!(
                    "if the partnership is over, write `status: ended`; if it goes on, correct `end`",
                    "si le partenariat est terminé, écrivez `status: ended` ; s'il continue, corrigez `end`"
                ),
            )),
            (Status::Ended, Some(end)) if end.earliest() > today => Some((
                text!(
                    "`status` is ended but the end ({end}) is still to come",
                    "`status` vaut ended (terminé) mais la fin ({end}) est à venir"
                ),
                text!(
                    "if the partnership is still running, write `status: ongoing`; if it stopped early, correct `end`",
                    "si le partenariat est toujours en cours, écrivez `status: ongoing` ; s'il s'est arrêté plus tôt, corrigez `end`"
                ),
            )),
            (Status::Planned, _) if start.latest() < today => Some((
                text!(
                    "`status` is planned but the start ({start}) has passed",
                    "`status` vaut planned (en préparation) mais le début ({start}) est passé"
                ),
                text!(
                    "if the partnership has started, write `status: ongoing`; if it is postponed, correct `start`",
                    "si le partenariat a commencé, écrivez `status: ongoing` ; s'il est reporté, corrigez `start`"
                ),
            )),
            _ => None,
        };
        if let Some((message, hint)) = problem {
            let mut d = p.error("status", "status", message).hint(hint);
            d.severity = crate::diagnostics::Severity::Warning;
            self.diags.push(d);
        }
    }

    fn check_summary(&mut self, p: &Parsed<RawPartnership>, summary: &str) {
        let count = summary.chars().count();
        if count > 300 {
            self.diags.push(
                p.error("summary", "summary", text!("the summary has {count} characters; at most 300 are allowed", "le résumé compte {count} caractères ; 300 au plus sont permis"))
                    .hint(text!("keep the summary to one or two sentences and move the rest into the text below the front matter", "limitez le résumé à une ou deux phrases et placez le reste dans le texte sous l'en-tête")),
            );
        }
        if summary.trim().is_empty() {
            self.diags.push(p.error(
                "summary",
                "summary",
                text!("the summary is empty", "le résumé est vide"),
            ));
        }
    }

    fn contacts(&mut self, p: &Parsed<RawPartnership>, raw: &[RawContact]) -> Vec<Contact> {
        let mut contacts = Vec::new();
        for (i, c) in raw.iter().enumerate() {
            let Some(name) = &c.name else {
                self.diags.push(p.error(
                    &format!("contacts[{i}].name"),
                    "contacts",
                    text!(
                        "this contact has no `name`",
                        "ce contact n'a pas de nom (`name`)"
                    ),
                ));
                continue;
            };
            if let Some(email) = &c.email {
                if !email.contains('@') || email.contains(char::is_whitespace) {
                    self.diags.push(p.error(
                        &format!("contacts[{i}].email"),
                        email,
                        text!(
                            "`{email}` is not an e-mail address",
                            "`{email}` n'est pas une adresse e-mail"
                        ),
                    ));
                }
            }
            contacts.push(Contact {
                name: name.clone(),
                email: c.email.clone(),
                phone: c.phone.clone(),
                public: c.public.unwrap_or(false),
            });
        }
        contacts
    }

    fn links(&mut self, p: &Parsed<RawPartnership>, raw: &[RawLink]) -> Vec<Link> {
        let mut links = Vec::new();
        for (i, l) in raw.iter().enumerate() {
            let Some(url) = &l.url else {
                self.diags.push(p.error(
                    &format!("links[{i}].url"),
                    "links",
                    text!(
                        "this link has no `url`",
                        "ce lien n'a pas d'adresse (`url`)"
                    ),
                ));
                continue;
            };
            self.check_url(p, &format!("links[{i}].url"), url);
            links.push(Link {
                url: url.clone(),
                kind: l.kind.unwrap_or(super::LinkKind::Website),
            });
        }
        links
    }

    fn videos(&mut self, p: &Parsed<RawPartnership>, raw: &[RawVideo]) -> Vec<Video> {
        let mut videos = Vec::new();
        for (i, v) in raw.iter().enumerate() {
            let Some(url) = &v.url else {
                self.diags.push(p.error(
                    &format!("videos[{i}].url"),
                    "videos",
                    text!(
                        "this video has no `url`",
                        "cette vidéo n'a pas d'adresse (`url`)"
                    ),
                ));
                continue;
            };
            self.check_url(p, &format!("videos[{i}].url"), url);
            videos.push(Video { url: url.clone() });
        }
        videos
    }

    fn logo(&mut self, p: &Parsed<RawPartnership>, logo: &RawLogo) -> Option<String> {
        let Some(file) = &logo.file else {
            self.diags.push(p.error(
                "logo.file",
                "logo",
                text!(
                    "the logo has no `file`",
                    "le logo n'a pas de fichier (`file`)"
                ),
            ));
            return None;
        };
        self.check_media(p, "logo.file", file);
        Some(file.clone())
    }

    fn partnership_text(
        &mut self,
        key: &str,
        lang: &str,
        p: &Parsed<RawPartnership>,
        is_default: bool,
    ) -> PartnershipText {
        let raw = &p.raw;
        let mut missing = |field: &str, value: &Option<String>| {
            if value.is_none() {
                let hint = hints::missing_field_hint(field, &[], &[]);
                self.diags.push(p.missing(field, hint));
            }
        };
        missing("title", &raw.title);
        missing("summary", &raw.summary);
        if !is_default {
            if let Some(summary) = &raw.summary {
                self.check_summary(p, summary);
            }
        }
        let slug = raw.slug.clone().unwrap_or_else(|| key.to_string());
        if !is_key(&slug) {
            self.diags.push(
                p.error(
                    "slug",
                    &slug,
                    text!(
                        "`{slug}` is not a valid URL segment",
                        "`{slug}` n'est pas un segment d'adresse valide"
                    ),
                )
                .hint(key_hint()),
            );
        }
        if let Some(logo) = &raw.logo {
            if logo.file.is_some() && logo.alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
                let mut d = p.error("logo.alt", "logo", text!("the logo has no text alternative (`alt`)", "le logo n'a pas d'alternative textuelle (`alt`)"))
                    .hint(text!("describe the logo in a few words, such as `alt: HELMo logo`; screen readers read it", "décrivez le logo en quelques mots, comme `alt: Logo de HELMo` ; les lecteurs d'écran le lisent"));
                d.severity = crate::diagnostics::Severity::Warning;
                self.diags.push(d);
            }
        }
        PartnershipText {
            lang: lang.to_string(),
            is_default,
            file: p.file.rel.clone(),
            title: raw.title.clone().unwrap_or_default(),
            summary: raw.summary.clone().unwrap_or_default(),
            slug,
            beneficiaries: raw.beneficiaries.clone(),
            body: p.body(),
            contact_roles: translated_items(&raw.contacts, |c: &RawContact| c.role.clone()),
            link_labels: translated_items(&raw.links, |l: &RawLink| l.label.clone()),
            video_titles: translated_items(&raw.videos, |v: &RawVideo| v.title.clone()),
            logo_alt: raw.logo.as_ref().and_then(|l| l.alt.clone()),
        }
    }

    /// A translation may repeat a shared field only with the same value.
    fn compare_shared(
        &mut self,
        main: &Parsed<RawPartnership>,
        t: &Parsed<RawPartnership>,
        lens: (usize, usize, usize),
    ) {
        let (a, b) = (&main.raw, &t.raw);
        let differs = [
            a.acronym != b.acronym && b.acronym.is_some(),
            a.kind != b.kind && b.kind.is_some(),
            a.programme != b.programme && b.programme.is_some(),
            a.action != b.action && b.action.is_some(),
            a.project_ref != b.project_ref && b.project_ref.is_some(),
            a.themes != b.themes && b.themes.is_some(),
            a.status != b.status && b.status.is_some(),
            a.first_agreement != b.first_agreement && b.first_agreement.is_some(),
            a.start != b.start && b.start.is_some(),
            a.end != b.end && b.end.is_some(),
            a.countries != b.countries && b.countries.is_some(),
            a.members != b.members && b.members.is_some(),
            a.mobility != b.mobility && b.mobility.is_some(),
            a.funding != b.funding && b.funding.is_some(),
            a.eu_funding != b.eu_funding && b.eu_funding.is_some(),
            a.draft != b.draft && b.draft.is_some(),
        ];
        for (field, _) in SHARED_FIELDS.iter().zip(differs).filter(|(_, d)| *d) {
            self.shared_conflict(main, t, field);
        }
        let items = [
            (
                "contacts",
                lens.0,
                b.contacts.as_ref().map(|l| {
                    l.iter().zip(a.contacts.iter().flatten()).any(|(x, y)| {
                        differs_opt(&x.name, &y.name)
                            || differs_opt(&x.email, &y.email)
                            || differs_opt(&x.phone, &y.phone)
                            || (x.public.is_some() && x.public != y.public)
                    })
                }),
            ),
            (
                "links",
                lens.1,
                b.links.as_ref().map(|l| {
                    l.iter().zip(a.links.iter().flatten()).any(|(x, y)| {
                        differs_opt(&x.url, &y.url) || (x.kind.is_some() && x.kind != y.kind)
                    })
                }),
            ),
            (
                "videos",
                lens.2,
                b.videos.as_ref().map(|l| {
                    l.iter()
                        .zip(a.videos.iter().flatten())
                        .any(|(x, y)| differs_opt(&x.url, &y.url))
                }),
            ),
        ];
        let counts = [
            b.contacts.as_ref().map(Vec::len),
            b.links.as_ref().map(Vec::len),
            b.videos.as_ref().map(Vec::len),
        ];
        for ((field, expected, conflict), count) in items.into_iter().zip(counts) {
            if let Some(count) = count.filter(|c| *c != expected) {
                self.diags.push(
                    t.error(field, field, {
                        let main_rel = display_path(&main.file.rel);
                        text!("`{field}` has {count} item(s) here but {expected} in `{main_rel}`", "`{field}` a {count} élément(s) ici mais {expected} dans `{main_rel}`")
                    })
                        .hint(text!("a translation repeats the list item by item, in the same order, to translate its labels", "une traduction reprend la liste élément par élément, dans le même ordre, pour en traduire les libellés")),
                );
            } else if conflict == Some(true) {
                self.shared_conflict(main, t, field);
            }
        }
        if let (Some(x), Some(y)) = (&b.logo, &a.logo) {
            if differs_opt(&x.file, &y.file) {
                self.shared_conflict(main, t, "logo");
            }
        }
    }

    fn shared_conflict(
        &mut self,
        main: &Parsed<RawPartnership>,
        t: &Parsed<RawPartnership>,
        field: &str,
    ) {
        let main_rel = display_path(&main.file.rel);
        let written = |p: &Parsed<RawPartnership>| hints::written_value(p.yaml(), field);
        let message = match (written(t), written(main)) {
            (Some(here), Some(there)) if here != there => text!(
                "`{field}` is `{here}` here but `{there}` in `{main_rel}`",
                "`{field}` vaut `{here}` ici mais `{there}` dans `{main_rel}`"
            ),
            (Some(_), None) if !main.yaml().contains(&format!("{field}:")) => text!(
                "`{field}` is set here but not in `{main_rel}`",
                "`{field}` est indiqué ici mais pas dans `{main_rel}`"
            ),
            _ => text!(
                "`{field}` differs from its value in `{main_rel}`",
                "`{field}` diffère de sa valeur dans `{main_rel}`"
            ),
        };
        self.diags.push(
            t.error(field, field, message)
                .hint(text!("`{field}` is shared by all languages: write it once, in `{main_rel}`, and remove it here", "`{field}` est commun à toutes les langues : écrivez-le une seule fois, dans `{main_rel}`, et retirez-le d'ici")),
        );
    }

    fn page(&mut self, key: String, mut files: Vec<(String, Parsed<RawPage>)>) -> Option<Page> {
        let default_lang = self.default_lang().to_string();
        files.retain(|(lang, p)| self.known_lang(lang, p));
        if !files.iter().any(|(lang, _)| *lang == default_lang) {
            if self.broken.contains(&format!("pages/{key}.{default_lang}")) {
                return None;
            }
            for (lang, p) in &files {
                self.diags.push(
                    Diagnostic::error(
                        &p.file.rel,
                        text!(
                            "this `{lang}` translation has no `{default_lang}` file",
                            "cette traduction `{lang}` n'a pas de fichier `{default_lang}`"
                        ),
                    )
                    .hint(text!(
                        "create `content/pages/{key}.{default_lang}.md`",
                        "créez `content/pages/{key}.{default_lang}.md`"
                    )),
                );
            }
            return None;
        }
        let mut texts = BTreeMap::new();
        for (lang, p) in files {
            let slug = p.raw.slug.clone().unwrap_or_else(|| key.clone());
            if !is_key(&slug) {
                self.diags.push(
                    p.error(
                        "slug",
                        &slug,
                        text!(
                            "`{slug}` is not a valid URL segment",
                            "`{slug}` n'est pas un segment d'adresse valide"
                        ),
                    )
                    .hint(key_hint()),
                );
            } else if RESERVED_SLUGS.contains(&slug.as_str()) {
                self.diags.push(
                    p.error(
                        "slug",
                        &slug,
                        text!(
                            "the slug `{slug}` is the name of a section of the site",
                            "le slug `{slug}` est le nom d'une rubrique du site"
                        ),
                    )
                    .hint(text!(
                        "choose another slug for this page",
                        "choisissez un autre slug pour cette page"
                    )),
                );
            }
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
                intro = self.markdown_map(p, &p.raw.intro);
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

fn key_hint() -> Text {
    text!(
        "use lower-case letters a-z, digits and hyphens, such as `helmo-mobility`",
        "utilisez des minuscules a-z sans accent, des chiffres et des tirets, comme `mobilite-helmo`"
    )
}

/// Keys, ids and slugs: lower-case ASCII letters, digits and inner hyphens.
pub fn is_key(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The translated sub-field of each item of a list.
fn translated_items<T>(
    list: &Option<Vec<T>>,
    field: fn(&T) -> Option<String>,
) -> Vec<Option<String>> {
    list.iter().flatten().map(field).collect()
}

fn differs_opt<T: PartialEq>(translation: &Option<T>, main: &Option<T>) -> bool {
    translation.is_some() && translation != main
}

/// Why an address may not be used in a link, if it may not.
pub fn url_problem(url: &str) -> Option<Text> {
    let lower: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase();
    for scheme in ["javascript:", "vbscript:", "data:"] {
        if lower.starts_with(scheme) {
            return Some(text!(
                "`{scheme}` addresses are not allowed in links, found `{url}`",
                "les adresses `{scheme}` sont interdites dans les liens ; trouvé : `{url}`"
            ));
        }
    }
    if lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
    {
        return None;
    }
    Some(text!(
        "expected an address starting with `https://`, found `{url}`",
        "attendu : une adresse qui commence par `https://` ; trouvé : `{url}`"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_urls() {
        for (key, ok) in [
            ("helmo", true),
            ("irts-hdf-2", true),
            ("Helmo", false),
            ("-x", false),
            ("a b", false),
            ("", false),
        ] {
            assert_eq!(is_key(key), ok, "{key}");
        }
        let urls = [
            ("https://www.helmo.be/", true),
            ("mailto:a@b.org", true),
            ("javascript:alert(1)", false),
            (" JaVa\tScRiPt:alert(1)", false),
            ("data:text/html,x", false),
            ("www.helmo.be", false),
        ];
        for (url, ok) in urls {
            assert_eq!(url_problem(url).is_none(), ok, "{url}");
        }
    }
}
