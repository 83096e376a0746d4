//! The site read: settings, theme, catalogue and images, the first half of
//! every command (build, check, serve, the translation report, export and
//! import's check), written once here.
//!
//! ```text
//! site.yaml ─ config::load, the command line's options ─▶ SiteConfig
//! themes/   ─ theme::load ─▶ Theme
//! content/  ─ source::discover ─ read_all (catalogue::parse_item) ─▶ Files
//!           ─ catalogue::resolve (routes' reserved names) ─▶ Catalogue
//! Catalogue ─ media::prepare ─▶ Images
//! ```
//!
//! [`read_site`] reads everything once. A [`SiteReader`] made for a
//! preview ([`SiteReader::preview`]) keeps the parsed files between reads,
//! so that `serve` reads again only what changed, and re-resolves the
//! partnerships whose files were edited in place
//! ([`SiteReader::reread_partnerships`]). The catalogue reads no file: what
//! it asks of the site's folder is answered here, through `source`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::catalogue::{self, Catalogue, Item, Partnership, Reread, ResolveOptions, SiteFiles};
use crate::config::{self, SiteConfig};
use crate::diagnostics::Diagnostics;
use crate::media::{self, Images};
use crate::render::routes::{CATALOGUE_FOLDERS, RESERVED_SLUGS};
use crate::source::{self, ContentKind, FileCache};
use crate::theme::{self, Theme};
use crate::timings::Timings;

/// What a build may change from the site's own settings.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Leaves logos and flags as they are, unread: for `import`'s check,
    /// whose copy of the site holds empty media files.
    pub skip_images: bool,
}

/// The site's settings as the command line overrides them.
pub fn apply_options(mut config: SiteConfig, options: &BuildOptions) -> SiteConfig {
    if let Some(url) = &options.base_url {
        config.base_url = Some(if url.ends_with('/') {
            url.clone()
        } else {
            format!("{url}/")
        });
    }
    config
}

/// Everything the renderer needs, read and checked.
pub struct Site {
    pub root: PathBuf,
    /// The content, resolved, with the site's settings (`catalogue.config`).
    pub catalogue: Catalogue,
    pub theme: Theme,
    pub images: Images,
}

/// Reads the site at `root`, recording the time of each stage. `None` when
/// its settings or its theme cannot be read. A site whose content has
/// errors is still returned, so that rendering it reports the problems of
/// its pages too: one run lists every problem.
pub fn read_site(
    root: &Path,
    options: &BuildOptions,
    timings: &mut Timings,
) -> (Option<Site>, Diagnostics) {
    SiteReader::new(root, options).read(timings)
}

/// Reads a site, once or again and again.
pub struct SiteReader {
    root: PathBuf,
    options: BuildOptions,
    /// For a preview, the parsed files of the last read; `None` when every
    /// read reads every file (which costs no bookkeeping).
    cache: Option<FileCache<Item>>,
}

impl SiteReader {
    /// A reader that reads every file at each read (build, check, import).
    pub fn new(root: &Path, options: &BuildOptions) -> Self {
        SiteReader {
            root: root.to_path_buf(),
            options: options.clone(),
            cache: None,
        }
    }

    /// A reader for `serve`: it keeps the parsed files between reads, and
    /// gives no site when the content has errors (the last good one stays
    /// served), without preparing its images.
    pub fn preview(root: &Path, options: &BuildOptions) -> Self {
        SiteReader {
            cache: Some(FileCache::new(catalogue::parse_item)),
            ..SiteReader::new(root, options)
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Reads the whole site: settings, theme, catalogue, images.
    pub fn read(&mut self, timings: &mut Timings) -> (Option<Site>, Diagnostics) {
        let mut diagnostics = Diagnostics::default();
        let Some(config) = timings.time("config", || self.config(&mut diagnostics)) else {
            return (None, diagnostics);
        };
        let theme = timings.time("theme", || {
            theme::load(
                &self.root,
                &config.theme,
                &config.languages,
                &mut diagnostics,
            )
        });
        let catalogue = timings.time("read and check content", || {
            self.catalogue(config, &mut diagnostics)
        });
        // A preview with errors keeps serving its last good site: the
        // images of this one are not worth preparing.
        let preview = self.cache.is_some();
        if preview && (theme.is_none() || diagnostics.has_errors()) {
            return (None, diagnostics);
        }
        let images = if self.options.skip_images {
            Images::default()
        } else {
            timings.time("measure and resize images", || {
                media::prepare(&self.root, &catalogue, &mut diagnostics)
            })
        };
        let Some(theme) = theme else {
            return (None, diagnostics);
        };
        let root = self.root.clone();
        let site = Site {
            root,
            catalogue,
            theme,
            images,
        };
        (Some(site), diagnostics)
    }

    /// Reads the settings and the content only, for the commands that make
    /// no page (export). `None` when the settings cannot be read.
    pub fn read_catalogue(&mut self) -> (Option<Catalogue>, Diagnostics) {
        let mut diagnostics = Diagnostics::default();
        let catalogue = self
            .config(&mut diagnostics)
            .map(|config| self.catalogue(config, &mut diagnostics));
        (catalogue, diagnostics)
    }

    /// The site's settings, with the command line's options.
    pub fn config(&self, diagnostics: &mut Diagnostics) -> Option<SiteConfig> {
        let config = config::load(&self.root, diagnostics)?;
        Some(apply_options(config, &self.options))
    }

    /// The content: the files found, read and parsed (from the cache for a
    /// preview), then resolved.
    fn catalogue(&mut self, config: SiteConfig, diagnostics: &mut Diagnostics) -> Catalogue {
        let found = source::discover(&self.root, diagnostics);
        let max = config.limits.content_file;
        let files = match &mut self.cache {
            None => source::read_all(&self.root, found, catalogue::parse_item, max),
            Some(cache) => {
                cache.refresh(&self.root, found, max);
                cache.items()
            }
        };
        let folder = Folder(&self.root);
        catalogue::resolve(config, files, &self.resolve_options(&folder), diagnostics)
    }

    fn resolve_options<'a>(&self, files: &'a dyn SiteFiles) -> ResolveOptions<'a> {
        ResolveOptions {
            drafts: self.options.drafts,
            catalogue_folders: &CATALOGUE_FOLDERS,
            reserved_slugs: &RESERVED_SLUGS,
            files,
        }
    }

    /// The quick way for the most common change in a preview, edits to
    /// existing partnership files: only those files are read again and
    /// only their partnerships resolved, in `catalogue` (the last good
    /// one). Returns the partnerships replaced, with their places, and the
    /// problems; `None` when the change needs a whole read.
    pub fn reread_partnerships(
        &mut self,
        catalogue: &mut Catalogue,
        touched: &BTreeSet<PathBuf>,
    ) -> Option<(Vec<(usize, Partnership)>, Diagnostics)> {
        let cache = self.cache.as_mut()?;
        let files: Vec<PathBuf> = touched.iter().cloned().collect();
        let keys: BTreeSet<String> = files
            .iter()
            .filter(|p| p.starts_with("content/partnerships"))
            .filter_map(|p| {
                p.file_name()?
                    .to_str()?
                    .split('.')
                    .next()
                    .map(str::to_string)
            })
            .collect();
        if !partnership_files_only(touched) || !cache.reread(&self.root, &files) {
            return None;
        }
        let reread = Reread {
            files: cache.items_where(
                |kind| matches!(kind, ContentKind::Partnership { key, .. } if keys.contains(key)),
            ),
            country_files: country_files(cache),
            keys,
        };
        let mut diagnostics = Diagnostics::default();
        let folder = Folder(&self.root);
        let options = self.resolve_options(&folder);
        let replaced =
            catalogue::update_partnerships(catalogue, reread, &options, &mut diagnostics)?;
        Some((replaced, diagnostics))
    }
}

/// Whether `touched` (paths relative to the site root) are partnership
/// files only: the change [`SiteReader::reread_partnerships`] can take.
pub fn partnership_files_only(touched: &BTreeSet<PathBuf>) -> bool {
    !touched.is_empty()
        && touched
            .iter()
            .all(|p| p.starts_with("content/partnerships"))
}

/// The countries that have a file.
fn country_files(cache: &FileCache<Item>) -> BTreeSet<String> {
    cache
        .kinds()
        .filter_map(|kind| match kind {
            ContentKind::Country { code } => Some(code.clone()),
            _ => None,
        })
        .collect()
}

/// The site's folder, as resolution asks about it: answered by `source`.
struct Folder<'a>(&'a Path);

impl SiteFiles for Folder<'_> {
    fn media_exists(&self, file: &Path) -> bool {
        source::media_exists(self.0, file)
    }

    fn text(&self, rel: &Path) -> Option<String> {
        source::read_text(self.0, rel).ok().map(|file| file.text)
    }
}
