//! The state of one resolution and what it is given: the [`Resolver`]
//! (the site's settings, the problems found so far, the items that failed),
//! the options the pipeline passes ([`ResolveOptions`], [`SiteFiles`]), and
//! the steps every kind of item shares: grouping the files of an item,
//! resolving the items of a section in parallel, finding the
//! default-language file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rayon::prelude::*;

use crate::catalogue::broken::Broken;
use crate::catalogue::item::{Files, Item};
use crate::catalogue::model::{Institution, Term};
use crate::catalogue::raw::{RawCountry, RawInstitution, RawPage, RawPartnership};
use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Text};
use crate::markdown::Markdown;
use crate::source::{ContentKind, Parsed};
use crate::text;
use crate::types::ids::InstitutionId;
use crate::types::item::Section;
use crate::types::lang::Lang;

/// What the pipeline tells resolution: which drafts to keep, and the names
/// that routes gives to folders of the site, which a slug may not take.
pub struct ResolveOptions<'a> {
    /// Drafts are checked like the others, then left out unless asked for.
    pub drafts: bool,
    /// The URL segments under the catalogue that are not partnerships
    /// (lists' later pages, facet values): a partnership's slug may not
    /// take one.
    pub catalogue_folders: &'a [&'a str],
    /// The section names under a language folder: a page's slug may not
    /// take one.
    pub reserved_slugs: &'a [&'a str],
    /// What resolution asks of the site's folder.
    pub files: &'a dyn SiteFiles,
}

/// The questions resolution asks about files it did not read: the
/// pipeline answers them (through `source`), so that the catalogue itself
/// reads nothing.
pub trait SiteFiles: Sync {
    /// Whether `content/media/<file>` is a file: a logo or a flag.
    fn media_exists(&self, file: &Path) -> bool;
    /// The text of a content file (`rel` from the site root), to point a
    /// problem found once the files are resolved at its line.
    fn text(&self, rel: &Path) -> Option<String>;
}

/// The files of one load grouped by the item they make up (the files of a
/// partnership or page, one a language). Taxonomies, which refer to
/// nothing, are already resolved.
#[derive(Default)]
pub(super) struct Grouped {
    pub(super) partnerships: BTreeMap<String, Vec<(String, Parsed<RawPartnership>)>>,
    pub(super) pages: BTreeMap<String, Vec<(String, Parsed<RawPage>)>>,
    pub(super) countries: Vec<(String, Parsed<RawCountry>)>,
    pub(super) institutions: Vec<(String, Parsed<RawInstitution>)>,
    pub(super) themes: BTreeMap<String, Term>,
    pub(super) programmes: BTreeMap<String, Term>,
    /// The texts of the partnership and page files whose front matter
    /// could not be read: never rendered, their links are checked apart.
    pub(super) unparsed: Vec<Markdown>,
}

/// The files of an item in the site's languages, one a language.
pub(super) type LangFiles<T> = Vec<(Lang, Parsed<T>)>;

/// What a partnership may refer to, resolved before partnerships are.
pub(super) struct References<'a> {
    pub(super) themes: &'a BTreeMap<String, Term>,
    pub(super) programmes: &'a BTreeMap<String, Term>,
    pub(super) institutions: &'a BTreeMap<InstitutionId, Institution>,
    pub(super) country_files: BTreeSet<String>,
}

/// One resolution: what it is given, and what it has found so far. Each
/// thread of a parallel step has its own, whose problems are then taken in
/// order.
pub(super) struct Resolver<'a> {
    pub(super) options: &'a ResolveOptions<'a>,
    pub(super) config: &'a SiteConfig,
    pub(super) diags: Vec<Diagnostic>,
    /// Items that exist but could not be read or resolved (or one of
    /// their files); problems that would only repeat theirs are not
    /// reported.
    pub(super) broken: Broken,
}

impl<'a> Resolver<'a> {
    pub(super) fn new(options: &'a ResolveOptions<'a>, config: &'a SiteConfig) -> Self {
        Resolver {
            options,
            config,
            diags: Vec::new(),
            broken: Broken::default(),
        }
    }
}

/// Remembers a file that failed.
fn add_broken(broken: &mut Broken, kind: &ContentKind) {
    match kind {
        ContentKind::Partnership { key, lang } => broken.add_file(Section::Partnerships, key, lang),
        ContentKind::Page { key, lang } => broken.add_file(Section::Pages, key, lang),
        ContentKind::Country { code } => broken.add_item(Section::Countries, code),
        ContentKind::Institution { id } => broken.add_item(Section::Institutions, id),
        ContentKind::Themes => broken.add_taxonomy(Section::Themes),
        ContentKind::Programmes => broken.add_taxonomy(Section::Programmes),
    }
}

impl Resolver<'_> {
    pub(super) fn default_lang(&self) -> Lang {
        self.config.default_lang()
    }

    /// Groups the files of a load by item, reporting the ones that could
    /// not be read or parsed.
    pub(super) fn group(&mut self, items: Files) -> Grouped {
        let mut files = Grouped::default();
        for (kind, result) in items {
            match result {
                Err(d) => self.failed(&mut files, kind, d),
                Ok(Item::Unparsed(d, body)) => {
                    files.unparsed.push(body);
                    self.failed(&mut files, kind, d);
                }
                Ok(Item::Partnership(key, lang, p)) => {
                    files.partnerships.entry(key).or_default().push((lang, p))
                }
                Ok(Item::Page(key, lang, p)) => files.pages.entry(key).or_default().push((lang, p)),
                Ok(Item::Country(code, p)) => {
                    self.diags
                        .extend(super::placeholders::placeholders(&p.file));
                    files.countries.push((code, p))
                }
                Ok(Item::Institution(id, p)) => {
                    self.diags
                        .extend(super::placeholders::placeholders(&p.file));
                    files.institutions.push((id, p))
                }
                Ok(Item::Themes(p)) => files.themes = self.taxonomy(p),
                Ok(Item::Programmes(p)) => files.programmes = self.taxonomy(p),
            }
        }
        files
    }

    /// A file that could not be read or parsed: its problem is reported,
    /// and it is remembered as broken.
    fn failed(&mut self, files: &mut Grouped, kind: ContentKind, problem: Diagnostic) {
        self.diags.push(problem);
        add_broken(&mut self.broken, &kind);
        if let ContentKind::Partnership { key, .. } | ContentKind::Page { key, .. } = kind {
            // The item exists even if one of its files is broken.
            files.partnerships.entry(key.clone()).or_default();
            files.pages.entry(key).or_default();
        }
    }

    /// Resolves each item of `section` (its files, one a language) with
    /// `resolve`. The texts of an item that fails go to `unrendered`.
    pub(super) fn resolve_items<T: Send, R: Send>(
        &mut self,
        section: Section,
        items: BTreeMap<String, Vec<(String, Parsed<T>)>>,
        unrendered: &mut Vec<Markdown>,
        resolve: impl Fn(&mut Self, String, Vec<(String, Parsed<T>)>) -> Option<R> + Sync,
    ) -> Vec<R> {
        // Items refer to each other only through what is resolved before
        // them: each is resolved on its own, in parallel, and the results
        // and problems are then taken in order.
        let items: Vec<_> = items.into_iter().filter(|(_, f)| !f.is_empty()).collect();
        let (options, config, broken) = (self.options, self.config, &self.broken);
        let done: Vec<_> = items
            .into_par_iter()
            .map_init(
                || Resolver {
                    broken: broken.clone(),
                    ..Resolver::new(options, config)
                },
                |r, (key, files)| {
                    for (_, p) in &files {
                        r.diags.extend(super::placeholders::placeholders(&p.file));
                    }
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
                    self.broken.add_item(section, &key);
                    unrendered.extend(bodies);
                }
            }
        }
        resolved
    }

    /// Drops the files of `files` in a language the site does not have,
    /// and returns the others with the position of the default-language
    /// one. Without it, each translation is reported, unless that file
    /// exists but is broken: its own error says enough.
    pub(super) fn default_file<T>(
        &mut self,
        section: Section,
        key: &str,
        files: Vec<(String, Parsed<T>)>,
        hint: fn(&str) -> Text,
    ) -> Option<(usize, LangFiles<T>)> {
        let default_lang = self.default_lang();
        let files: LangFiles<T> = files
            .into_iter()
            .filter_map(|(lang, p)| Some((self.known_lang(&lang, &p)?, p)))
            .collect();
        let index = files.iter().position(|(lang, _)| *lang == default_lang);
        if let Some(index) = index {
            return Some((index, files));
        }
        if self.broken.has_file(section, key, default_lang.as_str()) {
            return None;
        }
        let expected = format!("content/{section}/{key}.{default_lang}.md");
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
}
