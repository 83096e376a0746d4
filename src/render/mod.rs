//! Catalogue → the site's pages and files, put into an output [`Sink`]
//! (render is the stage between the catalogue and the output).
//!
//! The stage reads from the bottom up, each file importing only those
//! below it:
//!
//! - [`kinds`]: the kinds of pages ([`Job`]) and the values of their
//!   addresses; [`routes`]: every URL, built there and only there;
//! - [`views`], [`locale`], [`map`], [`cards`]: what templates see;
//! - [`lists`], [`chrome`], then [`site`]: the shared site data (lists,
//!   cards, engines), built once and reused by `serve`;
//! - [`pages`]: one builder per kind of page; [`feeds`], [`export`],
//!   [`search`]: the files made from the whole catalogue;
//! - [`build`] and [`lookup`]: every page in parallel, or one on request.
//!
//! [`Renderer`] is the entry point the rest of the crate uses. Lists are
//! paginated ([`PAGE_SIZE`] cards a page), so the output grows linearly
//! with the catalogue.

pub mod build;
pub mod cards;
pub mod chrome;
pub mod export;
pub mod feeds;
pub mod kinds;
pub mod lists;
pub mod locale;
pub mod lookup;
pub mod map;
pub mod pages;
pub mod routes;
pub mod search;
pub mod site;
pub mod views;

use std::ops::Deref;

use crate::catalogue::Catalogue;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::media::Images;
use crate::output::Sink;
use crate::theme::Theme;

pub use kinds::{page_count, Job, PAGE_SIZE};
pub use lookup::Lookup;
pub use site::{same_lists, Parts, Renewal, Site};

/// The renderer of a site: its shared data ([`Site`], which it derefs to)
/// and the entry points of a build and of `serve`.
pub struct Renderer<'a> {
    site: Site<'a>,
}

impl<'a> Renderer<'a> {
    pub fn new(catalogue: &'a Catalogue, images: &'a Images, theme: &'a Theme) -> Self {
        let site = Site::new(catalogue, images, theme);
        Renderer { site }
    }

    /// A renderer reusing the `previous` one's parts when given (see
    /// [`Site::reusing`]).
    pub fn reusing(
        catalogue: &'a Catalogue,
        images: &'a Images,
        theme: &'a Theme,
        previous: Option<(Parts, &Renewal)>,
    ) -> Self {
        let site = Site::reusing(catalogue, images, theme, previous);
        Renderer { site }
    }

    /// The parts to hand to the next renderer.
    pub fn into_parts(self) -> Parts {
        self.site.into_parts()
    }

    /// Renders every page, and copies the theme's static files.
    pub fn render_pages(&self, sink: &dyn Sink, diagnostics: &mut Diagnostics) {
        build::render_pages(&self.site, sink, diagnostics);
    }

    /// The files made from the whole catalogue rather than from one page:
    /// feeds, sitemap, robots.txt, the data exports, and the filter's data
    /// and search index of each language.
    pub fn render_catalogue_files(&self, sink: &dyn Sink, diagnostics: &mut Diagnostics) {
        build::render_catalogue_files(&self.site, sink, diagnostics);
    }

    /// Renders pages in parallel, each put into `sink` when done.
    pub fn render_into(&self, jobs: Vec<Job>, sink: &dyn Sink, diagnostics: &mut Diagnostics) {
        build::render_into(&self.site, jobs, sink, diagnostics);
    }

    /// Renders one page: its bytes, or the template error that stopped it.
    pub fn render_page(&self, job: Job) -> Result<Vec<u8>, Diagnostic> {
        build::render_checked(&self.site, job).0
    }

    /// Renders one page, with the problems found in its texts (a broken
    /// `@/` link): its bytes, or the template error that stopped it.
    pub fn render_checked(&self, job: Job) -> (Result<Vec<u8>, Diagnostic>, Vec<Diagnostic>) {
        build::render_checked(&self.site, job)
    }

    /// The table [`Renderer::job_at`] reads, made once for a build.
    pub fn lookup(&self) -> Lookup<'a> {
        Lookup::new(&self.site)
    }

    /// The page whose route is `route` (`fr/pays/belgique/page/2/`), if the
    /// site has one.
    pub fn job_at(&self, lookup: &Lookup<'a>, route: &str) -> Option<Job<'a>> {
        lookup.job_at(&self.site, route)
    }
}

impl<'a> Deref for Renderer<'a> {
    type Target = Site<'a>;

    fn deref(&self) -> &Site<'a> {
        &self.site
    }
}
