//! Catalogue → [`SiteOutput`], the whole site in memory.
//!
//! Every page is a [`Job`]; jobs are independent and rendered in parallel,
//! and the result is keyed by output path, so the output is the same
//! whatever the order in which threads finish; `serve` renders one job
//! when a browser asks for its page (see `lookup`). Lists are
//! paginated ([`PAGE_SIZE`] cards a page), so the output grows linearly
//! with the catalogue.

mod context;
pub mod export;
pub mod facets;
pub mod feeds;
mod figures;
pub mod legal;
pub mod locale;
pub mod lookup;
mod map;
pub mod recycle;
pub mod routes;
pub mod search;
mod translations;

pub mod views;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::catalogue::{Catalogue, Page};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, InternalLink, MarkdownOptions};
use crate::media::Images;
use crate::output::Sink;
use crate::theme::Theme;
use facets::Facet;
use legal::LegalPage;
use routes::{file_path, relative, Routes, Section};
use views::{Card, Index, ViewBuilder};

/// A card as `card.html` renders it once for the whole site, with where
/// its relative links start ([`routes::link_points`]).
pub struct CardHtml {
    pub html: String,
    pub links: Vec<usize>,
}

/// How many partnerships a list page shows.
pub const PAGE_SIZE: usize = 30;

/// One page to render. Lists carry their page number, from 1.
#[derive(Debug, Clone, Copy)]
pub enum Job<'a> {
    LanguageChooser,
    NotFound,
    Home(&'a str),
    Partnerships(&'a str, usize),
    Partnership(&'a str, usize),
    Countries(&'a str),
    Country(&'a str, &'a str, usize),
    Institutions(&'a str),
    Institution(&'a str, &'a str, usize),
    Themes(&'a str),
    Theme(&'a str, &'a str, usize),
    Programmes(&'a str),
    Programme(&'a str, &'a str, usize),
    /// The partnerships of a kind, status, mobility type or start year.
    Facet(&'a str, Facet, usize),
    Page(&'a str, &'a Page),
    Figures(&'a str),
    Search(&'a str),
    /// The translation report, outside the navigation and the sitemap.
    Translations(&'a str),
    /// A legal page generated from site.yaml's `legal`.
    Legal(&'a str, LegalPage),
}

impl<'a> Job<'a> {
    /// The language of the page; `None` for the pages of every language.
    pub fn lang(self) -> Option<&'a str> {
        match self {
            Job::LanguageChooser | Job::NotFound => None,
            Job::Home(l)
            | Job::Partnerships(l, _)
            | Job::Partnership(l, _)
            | Job::Countries(l)
            | Job::Country(l, ..)
            | Job::Institutions(l)
            | Job::Institution(l, ..)
            | Job::Themes(l)
            | Job::Theme(l, ..)
            | Job::Programmes(l)
            | Job::Programme(l, ..)
            | Job::Facet(l, ..)
            | Job::Page(l, _)
            | Job::Figures(l)
            | Job::Search(l)
            | Job::Translations(l)
            | Job::Legal(l, _) => Some(l),
        }
    }

    /// The same page in another language.
    pub fn in_language(self, other: &'a str) -> Job<'a> {
        match self {
            Job::LanguageChooser | Job::NotFound => self,
            Job::Home(_) => Job::Home(other),
            Job::Partnerships(_, n) => Job::Partnerships(other, n),
            Job::Partnership(_, p) => Job::Partnership(other, p),
            Job::Countries(_) => Job::Countries(other),
            Job::Country(_, c, n) => Job::Country(other, c, n),
            Job::Institutions(_) => Job::Institutions(other),
            Job::Institution(_, i, n) => Job::Institution(other, i, n),
            Job::Themes(_) => Job::Themes(other),
            Job::Theme(_, t, n) => Job::Theme(other, t, n),
            Job::Programmes(_) => Job::Programmes(other),
            Job::Programme(_, p, n) => Job::Programme(other, p, n),
            Job::Facet(_, f, n) => Job::Facet(other, f, n),
            Job::Page(_, p) => Job::Page(other, p),
            Job::Figures(_) => Job::Figures(other),
            Job::Search(_) => Job::Search(other),
            Job::Translations(_) => Job::Translations(other),
            Job::Legal(_, page) => Job::Legal(other, page),
        }
    }

    /// The home page and the section indexes of a language, which count
    /// or list every item (the translation report too).
    pub fn indexes(lang: &'a str) -> [Job<'a>; 7] {
        [
            Job::Home(lang),
            Job::Figures(lang),
            Job::Countries(lang),
            Job::Institutions(lang),
            Job::Themes(lang),
            Job::Programmes(lang),
            Job::Translations(lang),
        ]
    }

    /// The page number of a list page, from 1; 1 for any other page.
    pub fn page(self) -> usize {
        match self {
            Job::Partnerships(_, n)
            | Job::Country(_, _, n)
            | Job::Institution(_, _, n)
            | Job::Theme(_, _, n)
            | Job::Programme(_, _, n)
            | Job::Facet(_, _, n) => n,
            _ => 1,
        }
    }

    /// Page `n` of the same list (other pages are returned unchanged).
    pub fn with_page(self, n: usize) -> Job<'a> {
        match self {
            Job::Partnerships(l, _) => Job::Partnerships(l, n),
            Job::Country(l, c, _) => Job::Country(l, c, n),
            Job::Institution(l, i, _) => Job::Institution(l, i, n),
            Job::Theme(l, t, _) => Job::Theme(l, t, n),
            Job::Programme(l, p, _) => Job::Programme(l, p, n),
            Job::Facet(l, f, _) => Job::Facet(l, f, n),
            other => other,
        }
    }

    /// The section of the site the page belongs to, for the navigation.
    pub fn section(self) -> Option<Section> {
        match self {
            Job::Partnerships(..) | Job::Partnership(..) | Job::Facet(..) => {
                Some(Section::Partnerships)
            }
            Job::Countries(_) | Job::Country(..) => Some(Section::Countries),
            Job::Institutions(_) | Job::Institution(..) => Some(Section::Institutions),
            Job::Themes(_) | Job::Theme(..) => Some(Section::Themes),
            Job::Programmes(_) | Job::Programme(..) => Some(Section::Programmes),
            _ => None,
        }
    }
}

/// The number of pages a list of `n` partnerships takes (at least one).
pub fn page_count(n: usize) -> usize {
    n.div_ceil(PAGE_SIZE).max(1)
}

/// Everything a render needs, built once and shared by every job.
pub struct Renderer<'a> {
    pub catalogue: &'a Catalogue,
    /// The logos and flags, measured and resized.
    pub images: &'a Images,
    pub theme: &'a Theme,
    pub routes: Routes<'a>,
    /// lang → which partnerships each country, institution, theme and
    /// programme has, each list in title order.
    indexes: BTreeMap<String, Index>,
    /// lang → every partnership, in title order.
    order: BTreeMap<String, Vec<usize>>,
    /// lang → cards of all partnerships, in catalogue order.
    cards: BTreeMap<String, Vec<Card>>,
    /// The same cards as template values, converted once: a list page
    /// shares them instead of serialising its cards again.
    card_values: BTreeMap<String, Vec<tera::Value>>,
    /// The same cards rendered by the theme's `card.html`, headed `h2`,
    /// their links relative to the site root: list pages place them (see
    /// [`routes::relocate`]) instead of rendering them each time.
    card_html: BTreeMap<String, Vec<CardHtml>>,
    /// lang → the theme's templates, with that language's globals set.
    engines: BTreeMap<String, tera::Tera>,
}

impl<'a> Renderer<'a> {
    pub fn new(catalogue: &'a Catalogue, images: &'a Images, theme: &'a Theme) -> Self {
        Renderer::reusing(catalogue, images, theme, None)
    }

    fn builder(&'a self, lang: &'a str) -> ViewBuilder<'a> {
        ViewBuilder {
            catalogue: self.catalogue,
            images: self.images,
            routes: &self.routes,
            theme: self.theme,
            lang,
        }
    }

    fn index(&self, lang: &str) -> &Index {
        &self.indexes[lang]
    }

    /// Every page of the site.
    pub fn jobs(&self) -> Vec<Job<'a>> {
        let c = self.catalogue;
        let mut jobs = vec![Job::LanguageChooser, Job::NotFound];
        for lang in &c.config.languages {
            let lang = lang.as_str();
            let index = self.index(lang);
            let pages = |list: Option<&Vec<usize>>| 1..=page_count(list.map_or(0, Vec::len));
            jobs.extend(Job::indexes(lang));
            jobs.push(Job::Search(lang));
            jobs.extend((1..=page_count(c.partnerships.len())).map(|n| Job::Partnerships(lang, n)));
            jobs.extend((0..c.partnerships.len()).map(|i| Job::Partnership(lang, i)));
            for code in c.countries.keys() {
                jobs.extend(pages(index.by_country.get(code)).map(|n| Job::Country(lang, code, n)));
            }
            for id in c.institutions.keys() {
                jobs.extend(
                    pages(index.by_institution.get(id)).map(|n| Job::Institution(lang, id, n)),
                );
            }
            for id in c.themes.keys() {
                jobs.extend(pages(index.by_theme.get(id)).map(|n| Job::Theme(lang, id, n)));
            }
            for id in c.programmes.keys() {
                jobs.extend(pages(index.by_programme.get(id)).map(|n| Job::Programme(lang, id, n)));
            }
            for (&facet, list) in &index.by_facet {
                jobs.extend(pages(Some(list)).map(|n| Job::Facet(lang, facet, n)));
            }
            jobs.extend(c.pages.iter().map(|p| Job::Page(lang, p)));
            jobs.extend(self.legal_pages().into_iter().map(|l| Job::Legal(lang, l)));
        }
        jobs
    }

    /// The `n` partnerships that started last (then by key), newest first:
    /// the home page's latest and the feeds' entries.
    pub fn newest(&self, n: usize) -> Vec<usize> {
        let p = &self.catalogue.partnerships;
        let mut order: Vec<usize> = (0..p.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse((p[i].start.earliest(), &p[i].key)));
        order.truncate(n);
        order
    }

    /// The partnerships a list page shows all pages of, in display order.
    pub fn list(&self, job: Job) -> &[usize] {
        let Some(lang) = job.lang() else { return &[] };
        let index = self.index(lang);
        let list = match job {
            Job::Partnerships(..) => return &self.order[lang],
            Job::Country(_, code, _) => index.by_country.get(code),
            Job::Institution(_, id, _) => index.by_institution.get(id),
            Job::Theme(_, id, _) => index.by_theme.get(id),
            Job::Programme(_, id, _) => index.by_programme.get(id),
            Job::Facet(_, facet, _) => index.by_facet.get(&facet),
            _ => None,
        };
        list.map_or(&[], Vec::as_slice)
    }

    /// Renders every page, and copies the theme's static files.
    pub fn render_pages(&self, sink: &dyn Sink, diagnostics: &mut Diagnostics) {
        self.check_legal_slugs(diagnostics);
        self.render_into(self.jobs(), sink, diagnostics);
        for (file, bytes) in &self.theme.static_files {
            sink.put(format!("static/{file}"), bytes.clone());
        }
    }

    /// The files made from the whole catalogue rather than from one page:
    /// feeds, sitemap, robots.txt, the data exports, and the filter's data
    /// and search index of each language.
    pub fn render_catalogue_files(&self, sink: &dyn Sink, diagnostics: &mut Diagnostics) {
        feeds::write_all(self, sink, diagnostics);
        sink.put("data/partnerships.json".into(), export::json(self));
        sink.put("data/partnerships.csv".into(), export::csv(self));
        self.catalogue.config.languages.par_iter().for_each(|lang| {
            let folder = self.routes.search_folder(lang);
            sink.put(format!("{folder}facets.json"), self.facets_json(lang));
            for (path, bytes) in self.search_files(lang) {
                sink.put(path, bytes);
            }
        });
    }

    /// Renders pages in parallel, each put into `sink` when done.
    pub fn render_into(&self, jobs: Vec<Job>, sink: &dyn Sink, diagnostics: &mut Diagnostics) {
        let problems: Vec<Diagnostic> = jobs
            .into_par_iter()
            .flat_map_iter(|job| {
                let (path, result, mut diags) = self.render_job(job);
                match result {
                    Ok(bytes) => sink.put(path, bytes),
                    Err(d) => diags.push(d),
                }
                diags
            })
            .collect();
        // A template error repeats on every page of its kind: report it once.
        let mut template_errors = std::collections::BTreeSet::new();
        for d in problems {
            let from_template = d.file.starts_with("themes");
            if !from_template || template_errors.insert((d.file.clone(), d.line, d.column)) {
                diagnostics.push(d);
            }
        }
    }

    /// The route of a job's page.
    pub fn route(&self, job: Job) -> String {
        let r = &self.routes;
        match job {
            Job::LanguageChooser => r.language_root(),
            Job::NotFound => "404.html".to_string(),
            Job::Home(l) => r.home(l),
            Job::Partnerships(l, n) => r.paged(r.section(l, Section::Partnerships), n),
            Job::Partnership(l, i) => r.partnership(l, &self.catalogue.partnerships[i]),
            Job::Countries(l) => r.section(l, Section::Countries),
            Job::Country(l, code, n) => r.paged(r.country(l, code), n),
            Job::Institutions(l) => r.section(l, Section::Institutions),
            Job::Institution(l, id, n) => r.paged(r.institution(l, id), n),
            Job::Themes(l) => r.section(l, Section::Themes),
            Job::Theme(l, id, n) => r.paged(r.theme(l, id), n),
            Job::Programmes(l) => r.section(l, Section::Programmes),
            Job::Programme(l, id, n) => r.paged(r.programme(l, id), n),
            Job::Facet(l, facet, n) => r.paged(r.facet(l, facet), n),
            Job::Page(l, p) => r.page(l, p),
            Job::Figures(l) => r.figures(l),
            Job::Search(l) => r.search(l),
            Job::Translations(l) => r.translations(l),
            Job::Legal(l, page) => r.legal(l, page),
        }
    }

    fn render_job(&self, job: Job) -> (String, Result<Vec<u8>, Diagnostic>, Vec<Diagnostic>) {
        let route = self.route(job);
        let mut diags = Vec::new();
        let (template, context) = self.page_context(job, &route, &mut diags);
        let lang = job.lang().unwrap_or(self.catalogue.config.default_lang());
        // Rendered straight into bytes: the page is UTF-8 by construction,
        // and checking it again would read every page once more.
        let mut page = Vec::with_capacity(16 * 1024);
        let result = self.engines[lang]
            .render_to(template, &context, &mut page)
            .map(|()| page)
            .map_err(|e| crate::theme::template_diagnostic(&self.theme.sources, &e, Some(&route)));
        (file_path(&route), result, diags)
    }

    /// A Markdown text as HTML for the page at `route`.
    fn markdown(
        &self,
        md: &crate::markdown::Markdown,
        lang: &str,
        route: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> String {
        let resolve = |link: &InternalLink| match self.routes.internal(lang, link.section, link.id)
        {
            Some(to) => Some(relative(route, &to)),
            // The target failed to load and has its own error already.
            None => {
                let name = format!("{}/{}", link.section, link.id);
                self.catalogue
                    .broken
                    .contains(&name)
                    .then(|| "#".to_string())
            }
        };
        let options = MarkdownOptions {
            raw_html: self.catalogue.config.markdown.raw_html,
        };
        markdown::render(md, &options, &resolve, diags)
    }
}
