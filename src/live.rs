//! A site kept in memory between builds, for `serve`.
//!
//! A rebuild re-reads and re-parses only the content files that changed
//! (the [`FileCache`]), and when only partnerships changed without moving
//! any URL, re-renders only the pages that show them: their own pages in
//! every language, the listings, and the country, institution, theme and
//! programme pages they appear on, plus the feeds and the sitemap. Any
//! other change (site.yaml, theme, institutions, countries, taxonomies,
//! pages, media, a new or removed partnership, a new slug) renders the
//! whole site again from the parsed files in memory.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::catalogue::{self, Catalogue, FileCache};
use crate::diagnostics::Diagnostics;
use crate::render::facets::Facet;
use crate::render::{self, Job, Renderer, SiteOutput};
use crate::{config, source, BuildOptions};

/// What a rebuild changed in the served site.
#[derive(Debug)]
pub enum Update {
    /// The whole site, replaced.
    Full(SiteOutput),
    /// These files, replaced or added.
    Partial(Vec<(String, Vec<u8>)>),
    /// The content has errors: keep serving the last good site.
    Failed,
}

pub struct LiveSite {
    root: PathBuf,
    options: BuildOptions,
    cache: FileCache,
    /// The catalogue of the last good build.
    last: Option<Catalogue>,
    /// Files changed since the last good build (failed builds in between
    /// have parsed them already, but their pages are still to render).
    pending: BTreeSet<PathBuf>,
    /// Whether anything but partnerships was touched since then.
    pending_other: bool,
}

impl LiveSite {
    pub fn new(root: &Path, options: BuildOptions) -> Self {
        LiveSite {
            root: root.to_path_buf(),
            options,
            cache: FileCache::default(),
            last: None,
            pending: BTreeSet::new(),
            pending_other: false,
        }
    }

    /// Rebuilds after `touched` paths changed (relative to the site root;
    /// empty means "anything may have changed").
    pub fn rebuild(&mut self, touched: &BTreeSet<PathBuf>) -> (Update, Diagnostics) {
        let mut diagnostics = Diagnostics::default();
        let in_partnerships = |p: &PathBuf| p.starts_with("content/partnerships");
        self.pending_other |= touched.is_empty() || !touched.iter().all(in_partnerships);
        let Some(config) = config::load(&self.root, &mut diagnostics) else {
            return (Update::Failed, diagnostics);
        };
        let config = crate::apply_options(config, &self.options);
        let theme = render::theme::load(
            &self.root,
            &config.theme,
            &config.languages,
            &mut diagnostics,
        );
        let catalogue = catalogue::load_cached(
            &self.root,
            config,
            self.options.drafts,
            &mut self.cache,
            &mut diagnostics,
        );
        let Some(theme) = theme else {
            return (Update::Failed, diagnostics);
        };
        self.pending_other |= !self.cache.changed.iter().all(in_partnerships);
        self.pending.extend(self.cache.changed.iter().cloned());
        if diagnostics.has_errors() {
            // Rendering would only add problems that repeat these.
            return (Update::Failed, diagnostics);
        }
        let renderer = Renderer::new(&catalogue, &theme);
        let jobs = match &self.last {
            Some(old) if !self.pending_other => {
                affected_jobs(old, &catalogue, &renderer, &self.pending)
            }
            _ => None,
        };
        let update = match jobs {
            Some(jobs) => {
                let pages = Mutex::new(SiteOutput::default());
                renderer.render_into(jobs, &pages, &mut diagnostics);
                renderer.render_catalogue_files(&pages, &mut diagnostics);
                let pages = pages.into_inner().unwrap_or_else(|e| e.into_inner());
                Update::Partial(pages.files.into_iter().collect())
            }
            None => {
                let site = Mutex::new(SiteOutput::default());
                renderer.render_all(&site, &mut diagnostics);
                let mut site = site.into_inner().unwrap_or_else(|e| e.into_inner());
                source::collect_media(&self.root, &mut site.files, &mut diagnostics);
                Update::Full(site)
            }
        };
        if diagnostics.has_errors() {
            return (Update::Failed, diagnostics);
        }
        drop(renderer);
        self.last = Some(catalogue);
        self.pending.clear();
        self.pending_other = false;
        (update, diagnostics)
    }
}

/// The pages that show the partnerships whose files changed, or `None`
/// when the change moves URLs or the set of items (a full render is due).
fn affected_jobs<'a>(
    old: &'a Catalogue,
    new: &'a Catalogue,
    renderer: &Renderer<'a>,
    changed: &BTreeSet<PathBuf>,
) -> Option<Vec<Job<'a>>> {
    let keys: BTreeSet<String> = changed
        .iter()
        .filter_map(|p| {
            p.file_name()?
                .to_str()?
                .split('.')
                .next()
                .map(str::to_string)
        })
        .collect();
    if !same_addresses(old, new) {
        return None;
    }
    let mut jobs = Vec::new();
    for lang in &new.config.languages {
        let lang = lang.as_str();
        jobs.extend(Job::indexes(lang));
        for (i, p) in new
            .partnerships
            .iter()
            .enumerate()
            .filter(|(_, p)| keys.contains(&p.key))
        {
            jobs.push(Job::Partnership(lang, i));
            let before = &old.partnerships[i];
            // A new country, member, theme, programme, kind, status,
            // mobility type or start year changes the length
            // of lists, and so their page count: a page may have to go,
            // which only a full render does.
            let regrouped = before.countries != p.countries
                || before
                    .members
                    .iter()
                    .map(|m| &m.institution)
                    .ne(p.members.iter().map(|m| &m.institution))
                || before.themes != p.themes
                || before.programme != p.programme
                || Facet::of(before) != Facet::of(p);
            if regrouped {
                return None;
            }
            // A new title moves the card within its lists: they are rendered
            // again whole. Otherwise only the page showing it is.
            let moved = before.text(lang).title != p.text(lang).title;
            for list in Renderer::lists_of(lang, new, i) {
                jobs.extend(renderer.pages_showing(list, (!moved).then_some(i)));
            }
        }
    }
    let mut routed: Vec<(String, Job)> = jobs
        .into_iter()
        .map(|job| (renderer.route(job), job))
        .collect();
    routed.sort_by(|a, b| a.0.cmp(&b.0));
    routed.dedup_by(|a, b| a.0 == b.0);
    Some(routed.into_iter().map(|(_, job)| job).collect())
}

/// Whether both catalogues have the same partnerships, translations,
/// slugs, countries and institutions: then no page appears, disappears or
/// moves, and no link to an item changes.
fn same_addresses(old: &Catalogue, new: &Catalogue) -> bool {
    let same_partnerships = old.partnerships.len() == new.partnerships.len()
        && old
            .partnerships
            .iter()
            .zip(&new.partnerships)
            .all(|(a, b)| {
                a.key == b.key
                    && a.texts.keys().eq(b.texts.keys())
                    && a.texts
                        .values()
                        .map(|t| &t.slug)
                        .eq(b.texts.values().map(|t| &t.slug))
            });
    same_partnerships
        && old.countries.keys().eq(new.countries.keys())
        && old.institutions.keys().eq(new.institutions.keys())
}
