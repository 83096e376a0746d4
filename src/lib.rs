//! passerelle compiles a folder of Markdown and YAML describing
//! international partnerships into a static, bilingual HTML catalogue.
//!
//! The pipeline, one stage per module:
//!
//! ```text
//! read_site (site.rs):
//!   site.yaml ─ config ─▶ SiteConfig          themes/ ─ theme ─▶ Theme
//!   content/  ─ source (discover, read, front matter, YAML) ─▶ parsed files
//!             ─ catalogue (resolve, check; no IO) ─▶ Catalogue
//!   Catalogue ─ media (logos and flags measured, resized) ─▶ Images
//! render_site:
//!   Site ─ render (SiteData: routes, views, cards; one builder per page kind) ─▶ pages, in parallel,
//!          with the feeds, exports, search index, cms files and media
//! output:
//!   pages ─ output::Sink ─▶ output::Update (build: the folder, only what changed),
//!                           Mutex<SiteOutput> (serve, tests: memory), Discard (check)
//! ```
//!
//! Every stage reports problems as diagnostics and keeps going, so one run
//! lists every error of the site. `check` is the same pipeline into
//! nothing, `serve` reads with a [`SiteReader`] that keeps the parsed files
//! and renders each page when asked (`live.rs`), and `export` reads the
//! catalogue only.

// A diagnostic is the error of content stages; it is large because it
// carries its source line, and it is never on a hot path.
#![allow(clippy::result_large_err)]

pub mod catalogue;
pub mod cli;
pub mod cms;
pub mod config;
pub mod diagnostics;
pub mod external;
pub mod live;
pub mod markdown;
pub mod media;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod source;
pub mod theme;
pub mod timings;
pub mod transfer;
pub mod translations;
pub mod types;

use std::path::Path;

use rayon::prelude::*;

use diagnostics::Diagnostics;
use output::{Sink, SiteOutput};
use render::Parts;
use render::SiteData;

pub use site::{apply_options, read_site, BuildOptions, Site, SiteReader};
pub use timings::Timings;

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

/// The build: reads, checks and renders the site at `root`, putting each
/// file into `sink` as soon as it is rendered, and recording the time of
/// each stage. The files are only usable when the diagnostics have no
/// error.
pub fn generate_into(
    root: &Path,
    options: &BuildOptions,
    sink: &dyn Sink,
    timings: &mut Timings,
) -> Diagnostics {
    let (site, mut diagnostics) = read_site(root, options, timings);
    let Some(site) = site else {
        return diagnostics;
    };
    let parts = render_site(&site, sink, timings, &mut diagnostics);
    free_site(site, parts);
    diagnostics
}

/// Renders every file of `site` into `sink`: the pages, and beside them
/// the files made from the whole catalogue (feeds, exports, search index),
/// the CMS's files and the media. Returns the shared data's parts, to free.
pub fn render_site(
    site: &Site,
    sink: &dyn Sink,
    timings: &mut Timings,
    diagnostics: &mut Diagnostics,
) -> Parts {
    let data = timings.time("prepare views", || {
        SiteData::new(&site.catalogue, &site.images, &site.theme)
    });
    // Pages and whole-catalogue files (feeds, exports, search index) are
    // independent: each fills the cores the other leaves idle.
    timings.time("render pages, feeds, exports, search index", || {
        let mut more = Diagnostics::default();
        rayon::join(
            || render::render_pages(&data, sink, diagnostics),
            || {
                render::render_catalogue_files(&data, sink, &mut more);
                for (path, bytes) in cms::files(&site.catalogue, &site.theme) {
                    sink.put(path, bytes);
                }
            },
        );
        diagnostics.extend(more.iter().cloned());
    });
    timings.time("copy media", || copy_media(site, sink, diagnostics));
    data.into_parts()
}

/// The files of `content/media/` (SVGs cleaned), and the resized images.
fn copy_media(site: &Site, sink: &dyn Sink, diagnostics: &mut Diagnostics) {
    media::publish(&site.root, &site.images, sink, diagnostics);
    site.images.put_into(sink, diagnostics);
}

/// Frees a rendered site. A large catalogue leaves millions of values to
/// free: on every core (one core took 65 ms of a 10,000-partnership build).
pub fn free_site(site: Site, parts: Parts) {
    let partnerships = site.catalogue.partnerships;
    rayon::join(
        || parts.free(),
        || partnerships.into_par_iter().for_each(drop),
    );
}
