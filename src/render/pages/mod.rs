//! One builder per kind of page, each a module of plain functions that
//! read the shared site data ([`super::site::SiteData`]) and fill the page's
//! template context; [`page_context`] sends each [`Job`] to its builder,
//! then adds what every page shares ([`frame`]).
//!
//! Pages are the last step of render before the output: `build` renders
//! the context each builder makes with the language's engine.

pub mod catalogue;
mod chooser;
mod country;
mod figures;
pub mod frame;
mod home;
mod institution;
pub mod legal;
mod page;
mod paged;
mod partnership;
mod search;
mod terms;
mod translations;

use super::kinds::Job;
use super::site::SiteData;
use crate::diagnostics::Diagnostic;

/// The template and the full context of a page at `route`; problems
/// found in its texts (a broken `@/` link) go into `diags`.
pub fn page_context(
    site: &SiteData,
    job: Job,
    route: &str,
    diags: &mut Vec<Diagnostic>,
) -> (&'static str, tera::Context) {
    let lang = job.lang().unwrap_or(site.catalogue.config.default_lang());
    let mut ctx = tera::Context::new();
    let c = &mut ctx;
    let (template, title): (&str, String) = match job {
        Job::LanguageChooser => chooser::languages(site, c, lang),
        Job::NotFound => chooser::not_found(site, c, lang),
        Job::Home(_) => home::home(site, c, lang, route),
        Job::Partnerships(..) => catalogue::catalogue(site, c, job, lang),
        Job::Facet(_, facet, _) => catalogue::facet(site, c, job, facet, lang),
        Job::Partnership(_, i) => partnership::partnership(site, c, i, lang, route, diags),
        Job::Countries(_) => country::countries(site, c, lang, route),
        Job::Country(_, code, _) => country::country(site, c, job, code, route, diags),
        Job::Institutions(_) => institution::institutions(site, c, lang),
        Job::Institution(_, id, _) => institution::institution(site, c, job, id, route, diags),
        Job::Themes(_) | Job::Programmes(_) => terms::index(site, c, job, lang),
        Job::Theme(_, id, _) | Job::Programme(_, id, _) => terms::term(site, c, job, id, lang),
        Job::Page(_, page) => page::page(site, c, page, lang, route, diags),
        Job::Figures(_) => figures::figures(site, c, lang),
        Job::Search(_) => search::search(site, c, lang),
        Job::Translations(_) => translations::translations(site, c, lang),
        Job::Legal(_, page) => legal::legal(site, c, page, lang),
    };
    frame::frame(site, &mut ctx, job, lang, route, &title);
    (template, ctx)
}
