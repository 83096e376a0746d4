//! passerelle compiles a folder of Markdown and YAML describing
//! international partnerships into a static, bilingual HTML catalogue.
//!
//! The pipeline, one stage per module:
//!
//! ```text
//! site.yaml ─ config::load ─▶ SiteConfig
//! content/  ─ catalogue::load (source: discover, decode, parse; resolve) ─▶ Catalogue
//! themes/   ─ crate::theme::load ─▶ Theme
//! Catalogue + Theme ─ render::Renderer (routes, views, markdown) ─▶ pages, in parallel
//! pages ─ output::Sink ─▶ output::Update (build: the folder, only what changed),
//!                         Mutex<SiteOutput> (serve, tests: memory), Discard (check)
//! ```
//!
//! Every stage reports problems as diagnostics and keeps going, so one run
//! lists every error of the site.

// A diagnostic is the error of content stages; it is large because it
// carries its source line, and it is never on a hot path.
#![allow(clippy::result_large_err)]

pub mod catalogue;
pub mod cli;
pub mod cms;
pub mod config;
pub mod diagnostics;
pub mod live;
pub mod markdown;
pub mod media;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod source;
pub mod theme;
pub mod transfer;
pub mod translations;
pub mod types;

use std::path::Path;

use rayon::prelude::*;

use diagnostics::Diagnostics;
use output::SiteOutput;

/// What a build may change from the site's own settings.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Leaves logos and flags as they are, unread: for `import`'s check,
    /// whose copy of the site holds empty media files.
    pub skip_images: bool,
}

/// Reads, checks and renders the site at `root`, entirely in memory.
/// Returns the output only when there is no error.
pub fn generate(root: &Path, options: &BuildOptions) -> (Option<SiteOutput>, Diagnostics) {
    let site = std::sync::Mutex::new(SiteOutput::default());
    let diagnostics = generate_into(root, options, &site, &mut Timings::default());
    let site = site.into_inner().unwrap_or_else(|e| e.into_inner());
    if diagnostics.has_errors() {
        return (None, diagnostics);
    }
    (Some(site), diagnostics)
}

/// How long each stage took, for `build --timings` and the benchmarks.
#[derive(Debug, Default)]
pub struct Timings(pub Vec<(&'static str, std::time::Duration)>);

impl Timings {
    /// Runs `stage`, recording its time under `name`.
    pub fn time<T>(&mut self, name: &'static str, stage: impl FnOnce() -> T) -> T {
        let started = std::time::Instant::now();
        let result = stage();
        self.0.push((name, started.elapsed()));
        result
    }
}

/// Reads, checks and renders the site at `root`, putting each file into
/// `sink` as soon as it is rendered, and recording the time of each stage.
/// The files are only usable when the diagnostics have no error.
pub fn generate_into(
    root: &Path,
    options: &BuildOptions,
    sink: &dyn output::Sink,
    timings: &mut Timings,
) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    let Some(config) = timings.time("config", || config::load(root, &mut diagnostics)) else {
        return diagnostics;
    };
    let config = apply_options(config, options);
    let theme = timings.time("theme", || {
        crate::theme::load(root, &config.theme, &config.languages, &mut diagnostics)
    });
    let catalogue = timings.time("read and check content", || {
        catalogue::load(root, config, options.drafts, &mut diagnostics)
    });
    let images = if options.skip_images {
        media::Images::default()
    } else {
        timings.time("measure and resize images", || {
            media::prepare(root, &catalogue, &mut diagnostics)
        })
    };
    let Some(theme) = theme else {
        return diagnostics;
    };
    let renderer = timings.time("prepare views", || {
        render::Renderer::new(&catalogue, &images, &theme)
    });
    // Pages and whole-catalogue files (feeds, exports, search index) are
    // independent: each fills the cores the other leaves idle.
    timings.time("render pages, feeds, exports, search index", || {
        let mut more = Diagnostics::default();
        rayon::join(
            || renderer.render_pages(sink, &mut diagnostics),
            || {
                renderer.render_catalogue_files(sink, &mut more);
                for (path, bytes) in cms::files(&catalogue, &theme) {
                    sink.put(path, bytes);
                }
            },
        );
        diagnostics.extend(more.iter().cloned());
    });
    timings.time("copy media", || {
        let mut media = std::collections::BTreeMap::new();
        source::collect_media(root, &mut media, &mut diagnostics);
        for (path, bytes) in media {
            sink.put(path, bytes);
        }
        for (path, bytes) in images.files() {
            sink.put(path.clone(), bytes.clone());
        }
    });
    // A large catalogue leaves millions of values to free: on every core
    // (one core took 65 ms of a 10,000-partnership build).
    let parts = renderer.into_parts();
    let catalogue::Catalogue { partnerships, .. } = catalogue;
    rayon::join(
        || parts.free(),
        || partnerships.into_par_iter().for_each(drop),
    );
    diagnostics
}

/// The site's settings as the command line overrides them.
pub fn apply_options(mut config: config::SiteConfig, options: &BuildOptions) -> config::SiteConfig {
    if let Some(url) = &options.base_url {
        config.base_url = Some(if url.ends_with('/') {
            url.clone()
        } else {
            format!("{url}/")
        });
    }
    config
}
