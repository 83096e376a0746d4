//! Turning the shared site data into files: every page rendered in
//! parallel into a [`Sink`], one page on request (`serve`), and the files
//! made from the whole catalogue rather than from one page.
//!
//! Jobs are independent and the output is keyed by path, so the output is
//! the same whatever the order in which threads finish. This is the end
//! of the render stage: the sink belongs to output.

use std::collections::BTreeSet;

use rayon::prelude::*;

use super::export;
use super::feeds;
use super::kinds::Job;
use super::pages::catalogue::facets_json;
use super::pages::legal;
use super::pages::page_context;
use super::routes::file_path;
use super::search::search_files;
use super::site::SiteData;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Sink;

/// A rendered page: its output path, its bytes or the template error that
/// stopped it, and the problems found in its texts.
type Rendered = (String, Result<Vec<u8>, Diagnostic>, Vec<Diagnostic>);

/// Renders every page, copies the theme's static files, and writes the
/// files web hosts read (`_headers`, `.htaccess`).
pub fn render_pages(site: &SiteData, sink: &dyn Sink, diagnostics: &mut Diagnostics) {
    legal::check_slugs(site, diagnostics);
    render_into(site, site.jobs(), sink, diagnostics);
    for (file, bytes) in &site.theme.static_files {
        sink.put(site.routes.theme_file(file), bytes.clone());
    }
    super::hosts::write_all(site, sink);
}

/// The files made from the whole catalogue rather than from one page:
/// feeds, sitemap, robots.txt, the data exports, and the filter's data
/// and search index of each language.
pub fn render_catalogue_files(site: &SiteData, sink: &dyn Sink, diagnostics: &mut Diagnostics) {
    feeds::write_all(site, sink, diagnostics);
    sink.put(site.routes.export("json"), export::json(site));
    sink.put(site.routes.export("csv"), export::csv(site));
    site.catalogue.config.languages.par_iter().for_each(|lang| {
        sink.put(site.routes.facets_data(*lang), facets_json(site, *lang));
        for (path, bytes) in search_files(site, *lang) {
            sink.put(path, bytes);
        }
    });
}

/// Renders pages in parallel, each put into `sink` when done.
pub fn render_into(
    site: &SiteData,
    jobs: Vec<Job>,
    sink: &dyn Sink,
    diagnostics: &mut Diagnostics,
) {
    let problems: Vec<Diagnostic> = jobs
        .into_par_iter()
        .flat_map_iter(|job| {
            let (path, result, mut diags) = render_job(site, job);
            match result {
                Ok(bytes) => sink.put(path, bytes),
                Err(d) => diags.push(d),
            }
            diags
        })
        .collect();
    // A template error repeats on every page of its kind: report it once.
    let mut template_errors = BTreeSet::new();
    for d in problems {
        let from_template = d.file.starts_with("themes");
        if !from_template || template_errors.insert((d.file.clone(), d.line, d.column)) {
            diagnostics.push(d);
        }
    }
}

/// Renders one page, with the problems found in its texts (a broken
/// `@/` link): its bytes, or the template error that stopped it.
pub fn render_checked(site: &SiteData, job: Job) -> (Result<Vec<u8>, Diagnostic>, Vec<Diagnostic>) {
    let (_, result, problems) = render_job(site, job);
    (result, problems)
}

fn render_job(site: &SiteData, job: Job) -> Rendered {
    let route = site.route(job);
    let mut diags = Vec::new();
    let (template, context) = page_context(site, job, &route, &mut diags);
    let lang = job.lang().unwrap_or(site.catalogue.config.default_lang());
    // Rendered straight into bytes: the page is UTF-8 by construction,
    // and checking it again would read every page once more.
    let mut page = Vec::with_capacity(16 * 1024);
    let result = site
        .engine(lang)
        .render_to(template, &context, &mut page)
        .map(|()| page)
        .map_err(|e| crate::theme::template_diagnostic(&site.theme.sources, &e, Some(&route)));
    (file_path(&route), result, diags)
}
