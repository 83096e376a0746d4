//! A site kept in memory between builds, for `serve`.
//!
//! A rebuild reads the site through the pipeline's [`SiteReader`], which
//! re-reads and re-parses only the content files that changed and resolves
//! the catalogue again (or, for edits to partnership files, only their
//! partnerships, on a copy of the last good catalogue); nothing is
//! rendered ahead: the server renders each page when a browser asks for it
//! ([`Pages::answer`]), so a change reaches the browser as soon as the
//! catalogue is read, and memory holds the catalogue, not the site. The
//! files made from the whole catalogue (feeds, exports, search index) are
//! made when one of them is first asked for after a change.
//!
//! [`LiveSite`] reads; each read without error gives a [`GoodSite`], a
//! shared, unchanging snapshot that another thread answers from
//! ([`GoodSite::pages`]) while the next read is under way.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::catalogue::Catalogue;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::media::Images;
use crate::output::{Sink, SiteOutput};
use crate::render::{self, same_lists, Job, Lookup, Parts, Renewal, SiteData};
use crate::site::{partnership_files_only, BuildOptions, SiteReader};
use crate::theme::Theme;
use crate::timings::Timings;

/// A site that read without error. Never changed once made: an edit in
/// place changes a copy of its catalogue, the rest is shared.
struct Good {
    catalogue: Catalogue,
    theme: Arc<Theme>,
    images: Images,
    media: Arc<BTreeMap<String, Vec<u8>>>,
}

/// A site that read without error, as the server is handed it: what the
/// pages are rendered from, and what changed since the one before it.
pub struct GoodSite {
    good: Arc<Good>,
    /// After an edit made in place, what it changed: the pages of this
    /// site rebuild only that from the parts of the previous one.
    renewal: Option<Renewal>,
}

pub struct LiveSite {
    /// Keeps the parsed content files between reads.
    reader: SiteReader,
    good: Option<Arc<Good>>,
}

/// What the server sends back for a path.
#[derive(Debug)]
pub enum Answer {
    /// A file of the site.
    File(Vec<u8>),
    /// A page, with the problems of its texts (shown over it).
    Page(Vec<u8>, Vec<Diagnostic>),
    /// A folder asked without its final slash: where it is.
    Redirect(String),
    NotFound,
    /// The page exists but its template failed.
    Failed(Diagnostic),
}

/// The shared render data of the last good site, with what it has made so far.
pub struct Pages<'a> {
    data: SiteData<'a>,
    lookup: Lookup<'a>,
    good: &'a Good,
    /// The files made from the whole catalogue, once one is asked for.
    catalogue_files: Option<BTreeMap<String, Vec<u8>>>,
    /// The problems of pages already shown, to report each once.
    reported: std::collections::HashSet<String>,
}

impl LiveSite {
    pub fn new(root: &Path, options: BuildOptions) -> Self {
        LiveSite {
            reader: SiteReader::preview(root, &options),
            good: None,
        }
    }

    /// Reads the site again after `touched` paths changed (relative to the
    /// site root; empty means "anything may have changed"). Returns the
    /// diagnostics, and the new site when it read without error (with an
    /// error, the last good site stays in place).
    pub fn rebuild(&mut self, touched: &BTreeSet<PathBuf>) -> (Diagnostics, Option<GoodSite>) {
        if let Some(done) = self.update_in_place(touched) {
            return done;
        }
        let (site, mut diagnostics) = self.reader.read(&mut Timings::default());
        let Some(site) = site else {
            return (diagnostics, None);
        };
        let media = self.media(touched, &mut diagnostics);
        let good = Good {
            catalogue: site.catalogue,
            theme: Arc::new(site.theme),
            images: site.images,
            media,
        };
        // A template that fails keeps the last good site in place.
        diagnostics.extend(probe(&good));
        if diagnostics.has_errors() {
            return (diagnostics, None);
        }
        (diagnostics, Some(self.keep(good, None)))
    }

    fn keep(&mut self, good: Good, renewal: Option<Renewal>) -> GoodSite {
        let good = Arc::new(good);
        self.good = Some(Arc::clone(&good));
        GoodSite { good, renewal }
    }

    /// The files of `content/media/`: read again only when `touched` may
    /// have changed them.
    fn media(
        &self,
        touched: &BTreeSet<PathBuf>,
        diagnostics: &mut Diagnostics,
    ) -> Arc<BTreeMap<String, Vec<u8>>> {
        let media_changed = touched.is_empty()
            || touched.iter().any(|p| p.starts_with("content/media"))
            || self.good.is_none();
        match &self.good {
            Some(old) if !media_changed => Arc::clone(&old.media),
            _ => Arc::new(crate::media::published(self.reader.root(), diagnostics)),
        }
    }

    /// The quick way for the most common change, edits to existing
    /// partnership files (see [`SiteReader::reread_partnerships`]), made on
    /// a copy of the last good catalogue. `None` when the change needs a
    /// whole read.
    fn update_in_place(
        &mut self,
        touched: &BTreeSet<PathBuf>,
    ) -> Option<(Diagnostics, Option<GoodSite>)> {
        let good = self.good.as_ref()?;
        // Checked before the catalogue is copied.
        if !partnership_files_only(touched) {
            return None;
        }
        let mut catalogue = good.catalogue.clone();
        let (replaced, diagnostics) = self.reader.reread_partnerships(&mut catalogue, touched)?;
        if replaced.is_empty() {
            // Nothing was replaced: the errors are in the diagnostics.
            return Some((diagnostics, None));
        }
        let mut renewal = Renewal {
            changed: BTreeSet::new(),
            same_lists: true,
        };
        for (i, old) in replaced {
            renewal.same_lists &= same_lists(&old, &catalogue.partnerships[i]);
            renewal.changed.insert(i);
        }
        let good = Good {
            catalogue,
            theme: Arc::clone(&good.theme),
            images: good.images.clone(),
            media: Arc::clone(&good.media),
        };
        Some((diagnostics, Some(self.keep(good, Some(renewal)))))
    }
}

impl GoodSite {
    /// The render data of this site, reusing the `previous` site's parts
    /// when the change from it allows (`previous` must come from the pages
    /// of the site read just before this one).
    pub fn pages(&self, previous: Option<Parts>) -> Pages<'_> {
        let good = &*self.good;
        let reuse = previous.zip(self.renewal.as_ref());
        let mut data = SiteData::reusing(&good.catalogue, &good.images, &good.theme, reuse);
        // The preview serves the site at the server's root.
        data.served_path = "/".to_string();
        let lookup = Lookup::new(&data);
        Pages {
            data,
            lookup,
            good,
            catalogue_files: None,
            reported: Default::default(),
        }
    }
}

/// Renders one page of each kind in every language, so that a template
/// that fails is reported when the theme changes, not when a page is asked.
fn probe(good: &Good) -> Vec<Diagnostic> {
    let data = SiteData::new(&good.catalogue, &good.images, &good.theme);
    let mut seen = std::collections::HashSet::new();
    let mut problems = Vec::new();
    for job in data.jobs() {
        let kind = std::mem::discriminant(&job);
        if seen.insert((kind, job.lang())) {
            if let (Err(d), _) = render::render_checked(&data, job) {
                problems.push(d);
            }
        }
    }
    problems
}

impl Pages<'_> {
    /// What the next site data may reuse.
    pub fn into_parts(self) -> Parts {
        self.data.into_parts()
    }

    /// The file at `path` (a site path without its leading slash:
    /// `fr/pays/belgique/`, `static/style.css`).
    pub fn answer(&mut self, path: &str) -> Answer {
        let route = path.strip_suffix("index.html").unwrap_or(path);
        if let Some(job) = self.lookup.job_at(&self.data, route) {
            return self.render(job);
        }
        if let Some(file) = path.strip_prefix("static/") {
            if let Some(bytes) = self.good.theme.static_files.get(file) {
                return Answer::File(bytes.clone());
            }
        }
        if let Some(bytes) = self.good.media.get(path) {
            return Answer::File(bytes.clone());
        }
        if let Some(bytes) = self.good.images.file(path) {
            return Answer::File(bytes);
        }
        if let Some(bytes) = self.catalogue_files().get(path) {
            return Answer::File(bytes.clone());
        }
        let folder = format!("{path}/");
        if !path.is_empty() && self.lookup.job_at(&self.data, &folder).is_some() {
            return Answer::Redirect(folder);
        }
        Answer::NotFound
    }

    /// Those of `problems` not reported yet since the last change.
    pub fn unreported(&mut self, problems: &[Diagnostic]) -> Vec<Diagnostic> {
        problems
            .iter()
            .filter(|d| self.reported.insert(format!("{d:?}")))
            .cloned()
            .collect()
    }

    /// The site's 404 page.
    pub fn not_found_page(&self) -> Option<Vec<u8>> {
        render::render_checked(&self.data, Job::NotFound).0.ok()
    }

    fn render(&self, job: Job) -> Answer {
        match render::render_checked(&self.data, job) {
            (Ok(bytes), problems) => Answer::Page(bytes, problems),
            (Err(d), _) => Answer::Failed(d),
        }
    }

    fn catalogue_files(&mut self) -> &BTreeMap<String, Vec<u8>> {
        let data = &self.data;
        self.catalogue_files.get_or_insert_with(|| {
            let files = Mutex::new(SiteOutput::default());
            render::render_catalogue_files(data, &files, &mut Diagnostics::default());
            for (path, bytes) in crate::cms::files(data.catalogue, data.theme) {
                files.put(path, bytes);
            }
            files.into_inner().unwrap_or_else(|e| e.into_inner()).files
        })
    }
}
