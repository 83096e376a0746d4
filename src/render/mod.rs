//! Catalogue → [`SiteOutput`], the whole site in memory.
//!
//! Every page is a [`Job`]; jobs are independent and rendered in parallel,
//! and the result is keyed by output path, so the output is the same
//! whatever the order in which threads finish. A later incremental
//! rebuild re-runs only the jobs that depend on a changed item.

pub mod feeds;
pub mod locale;
pub mod routes;
pub mod theme;
pub mod views;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::catalogue::{Catalogue, Page};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, InternalLink, MarkdownOptions};
use routes::{file_path, relative, Routes, Section};
use theme::Theme;
use views::{sort_key, Card, Index, Link, TermCard, ViewBuilder};

/// The rendered site: output path → bytes.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SiteOutput {
    pub files: BTreeMap<String, Vec<u8>>,
}

/// One page to render.
#[derive(Debug, Clone, Copy)]
pub enum Job<'a> {
    LanguageChooser,
    NotFound,
    Home(&'a str),
    Partnerships(&'a str),
    Partnership(&'a str, usize),
    Countries(&'a str),
    Country(&'a str, &'a str),
    Institutions(&'a str),
    Institution(&'a str, &'a str),
    Themes(&'a str),
    Theme(&'a str, &'a str),
    Programmes(&'a str),
    Programme(&'a str, &'a str),
    Page(&'a str, &'a Page),
}

impl<'a> Job<'a> {
    /// The pages of a language that list items: home, sections.
    pub fn listings(lang: &'a str) -> [Job<'a>; 6] {
        [
            Job::Home(lang),
            Job::Partnerships(lang),
            Job::Countries(lang),
            Job::Institutions(lang),
            Job::Themes(lang),
            Job::Programmes(lang),
        ]
    }

    /// The language of the page; `None` for the pages of every language.
    pub fn lang(self) -> Option<&'a str> {
        match self {
            Job::LanguageChooser | Job::NotFound => None,
            Job::Home(l)
            | Job::Partnerships(l)
            | Job::Partnership(l, _)
            | Job::Countries(l)
            | Job::Country(l, _)
            | Job::Institutions(l)
            | Job::Institution(l, _)
            | Job::Themes(l)
            | Job::Theme(l, _)
            | Job::Programmes(l)
            | Job::Programme(l, _)
            | Job::Page(l, _) => Some(l),
        }
    }
}

/// Everything a render needs, built once and shared by every job.
pub struct Renderer<'a> {
    pub catalogue: &'a Catalogue,
    pub theme: &'a Theme,
    pub routes: Routes<'a>,
    pub index: Index,
    /// lang → cards of all partnerships, in catalogue order.
    cards: BTreeMap<String, Vec<Card>>,
}

impl<'a> Renderer<'a> {
    pub fn new(catalogue: &'a Catalogue, theme: &'a Theme) -> Self {
        let routes = Routes::new(catalogue);
        let index = Index::new(catalogue);
        let mut renderer = Renderer {
            catalogue,
            theme,
            routes,
            index,
            cards: BTreeMap::new(),
        };
        for lang in &catalogue.config.languages {
            let builder = renderer.builder(lang);
            let cards = catalogue
                .partnerships
                .iter()
                .map(|p| builder.card(p))
                .collect();
            renderer.cards.insert(lang.clone(), cards);
        }
        renderer
    }

    fn builder(&'a self, lang: &'a str) -> ViewBuilder<'a> {
        ViewBuilder {
            catalogue: self.catalogue,
            routes: &self.routes,
            theme: self.theme,
            lang,
        }
    }

    /// Every page of the site.
    pub fn jobs(&self) -> Vec<Job<'a>> {
        let c = self.catalogue;
        let mut jobs = vec![Job::LanguageChooser, Job::NotFound];
        for lang in &c.config.languages {
            let lang = lang.as_str();
            jobs.extend(Job::listings(lang));
            jobs.extend((0..c.partnerships.len()).map(|i| Job::Partnership(lang, i)));
            jobs.extend(c.countries.keys().map(|code| Job::Country(lang, code)));
            jobs.extend(c.institutions.keys().map(|id| Job::Institution(lang, id)));
            jobs.extend(c.themes.keys().map(|id| Job::Theme(lang, id)));
            jobs.extend(c.programmes.keys().map(|id| Job::Programme(lang, id)));
            jobs.extend(c.pages.iter().map(|p| Job::Page(lang, p)));
        }
        jobs
    }

    /// Renders the whole site.
    pub fn render_all(&self, diagnostics: &mut Diagnostics) -> SiteOutput {
        let mut output = SiteOutput::default();
        output
            .files
            .extend(self.render_jobs(self.jobs(), diagnostics));
        for (file, bytes) in &self.theme.static_files {
            output.files.insert(format!("static/{file}"), bytes.clone());
        }
        feeds::write_all(self, &mut output, diagnostics);
        output
    }

    /// Renders some pages, in parallel: (output path, bytes) of each.
    pub fn render_jobs(
        &self,
        jobs: Vec<Job>,
        diagnostics: &mut Diagnostics,
    ) -> Vec<(String, Vec<u8>)> {
        let results: Vec<_> = jobs
            .into_par_iter()
            .map(|job| self.render_job(job))
            .collect();
        let mut pages = Vec::with_capacity(results.len());
        // A template error repeats on every page of its kind: report it once.
        let mut template_errors = std::collections::BTreeSet::new();
        for (path, result, diags) in results {
            diagnostics.extend(diags);
            match result {
                Ok(bytes) => pages.push((path, bytes)),
                Err(d) => {
                    if template_errors.insert((d.file.clone(), d.line, d.column)) {
                        diagnostics.push(d);
                    }
                }
            }
        }
        pages
    }

    /// The route of a job's page and the routes of the same page in the
    /// site's languages.
    pub fn route(&self, job: Job) -> String {
        let r = &self.routes;
        match job {
            Job::LanguageChooser => r.language_root(),
            Job::NotFound => "404.html".to_string(),
            Job::Home(l) => r.home(l),
            Job::Partnerships(l) => r.section(l, Section::Partnerships),
            Job::Partnership(l, i) => r.partnership(l, &self.catalogue.partnerships[i]),
            Job::Countries(l) => r.section(l, Section::Countries),
            Job::Country(l, code) => r.country(l, code),
            Job::Institutions(l) => r.section(l, Section::Institutions),
            Job::Institution(l, id) => r.institution(l, id),
            Job::Themes(l) => r.section(l, Section::Themes),
            Job::Theme(l, id) => r.theme(l, id),
            Job::Programmes(l) => r.section(l, Section::Programmes),
            Job::Programme(l, id) => r.programme(l, id),
            Job::Page(l, p) => r.page(l, p),
        }
    }

    fn in_language<'b>(job: Job<'b>, other: &'b str) -> Job<'b> {
        match job {
            Job::LanguageChooser | Job::NotFound => job,
            Job::Home(_) => Job::Home(other),
            Job::Partnerships(_) => Job::Partnerships(other),
            Job::Partnership(_, p) => Job::Partnership(other, p),
            Job::Countries(_) => Job::Countries(other),
            Job::Country(_, c) => Job::Country(other, c),
            Job::Institutions(_) => Job::Institutions(other),
            Job::Institution(_, i) => Job::Institution(other, i),
            Job::Themes(_) => Job::Themes(other),
            Job::Theme(_, t) => Job::Theme(other, t),
            Job::Programmes(_) => Job::Programmes(other),
            Job::Programme(_, p) => Job::Programme(other, p),
            Job::Page(_, p) => Job::Page(other, p),
        }
    }

    fn render_job(&self, job: Job) -> (String, Result<Vec<u8>, Diagnostic>, Vec<Diagnostic>) {
        let route = self.route(job);
        let mut diags = Vec::new();
        let (template, context) = self.page_context(job, &route, &mut diags);
        let result = self
            .theme
            .tera
            .render(template, &context)
            .map(String::into_bytes)
            .map_err(|e| theme::template_diagnostic(&self.theme.sources, &e, Some(&route)));
        (file_path(&route), result, diags)
    }

    fn markdown(
        &self,
        md: &crate::catalogue::Markdown,
        lang: &str,
        route: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> String {
        let resolve = |link: &InternalLink| {
            let known = self.routes.internal(lang, link.section, link.id);
            match known {
                Some(to) => Some(relative(route, &to)),
                // The target failed to load and has its own error already.
                None => self
                    .catalogue
                    .broken
                    .contains(&format!("{}/{}", link.section, link.id))
                    .then(|| "#".to_string()),
            }
        };
        let options = MarkdownOptions {
            raw_html: self.catalogue.config.markdown.raw_html,
        };
        markdown::render(md, &options, &resolve, diags)
    }

    /// The template and the full context of a page.
    fn page_context(
        &self,
        job: Job,
        route: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> (&'static str, tera::Context) {
        let c = self.catalogue;
        let lang = job.lang().unwrap_or(c.config.default_lang());
        let b = self.builder(lang);
        let mut ctx = tera::Context::new();
        let (template, title): (&str, String) = match job {
            Job::LanguageChooser => {
                let choices: Vec<Choice> = c
                    .config
                    .languages
                    .iter()
                    .map(|l| Choice {
                        lang: l.clone(),
                        title: c.config.title[l].clone(),
                        description: c.config.description.get(l).cloned(),
                        url: self.routes.home(l),
                        absolute: self.routes.absolute(&self.routes.home(l)),
                        enter: self.theme.text(l, "enter_site").to_string(),
                    })
                    .collect();
                ctx.insert("choices", &choices);
                ("index.html", c.config.title[lang].clone())
            }
            Job::NotFound => ("404.html", b.t("not_found")),
            Job::Home(_) => {
                let mut order: Vec<usize> = (0..c.partnerships.len()).collect();
                order.sort_by_key(|&i| {
                    std::cmp::Reverse((c.partnerships[i].start.earliest(), &c.partnerships[i].key))
                });
                let latest: Vec<&Card> = order
                    .iter()
                    .take(6)
                    .map(|&i| &self.cards[lang][i])
                    .collect();
                ctx.insert("latest", &latest);
                ctx.insert("figures", &self.home_figures(lang));
                ctx.insert("description", &c.config.description.get(lang));
                ("home.html", c.config.title[lang].clone())
            }
            Job::Partnerships(_) => {
                ctx.insert("partnerships", &self.sorted_cards(lang, None));
                ("partnerships.html", b.t("partnerships"))
            }
            Job::Partnership(_, i) => {
                let p = &c.partnerships[i];
                let body = self.markdown(&p.text(lang).body, lang, route, diags);
                let view = b.partnership(p, self.cards[lang][i].clone(), body);
                let title = view.card.title.clone();
                ctx.insert("p", &view);
                ("partnership.html", title)
            }
            Job::Countries(_) => {
                let list =
                    self.term_cards(lang, &self.index.by_country, c.countries.keys(), |code| {
                        b.country_link(code)
                    });
                ctx.insert("terms", &list);
                ctx.insert("kind", "countries");
                ("countries.html", b.t("countries"))
            }
            Job::Country(_, code) => {
                let country = &c.countries[code];
                let intro = country
                    .intro
                    .get(lang)
                    .map(|md| self.markdown(md, lang, route, diags));
                let institutions: Vec<_> = self
                    .index
                    .institutions_by_country
                    .get(code)
                    .into_iter()
                    .flatten()
                    .map(|id| {
                        b.institution_card(
                            &c.institutions[id],
                            self.index.by_institution.get(id).map_or(0, Vec::len),
                        )
                    })
                    .collect();
                ctx.insert("intro_html", &intro);
                ctx.insert("institutions", &institutions);
                ctx.insert(
                    "partnerships",
                    &self.sorted_cards(lang, self.index.by_country.get(code)),
                );
                ctx.insert("flag", &country.flag.as_ref().map(|f| self.routes.media(f)));
                ("country.html", country.names[lang].clone())
            }
            Job::Institutions(_) => {
                let mut list: Vec<_> = c
                    .institutions
                    .values()
                    .map(|i| {
                        b.institution_card(
                            i,
                            self.index.by_institution.get(&i.id).map_or(0, Vec::len),
                        )
                    })
                    .collect();
                list.sort_by_key(|i| sort_key(&i.name));
                ctx.insert("institutions", &list);
                ("institutions.html", b.t("institutions"))
            }
            Job::Institution(_, id) => {
                let inst = &c.institutions[id];
                let description = inst
                    .description
                    .get(lang)
                    .map(|md| self.markdown(md, lang, route, diags));
                ctx.insert("institution", &b.institution_card(inst, 0));
                ctx.insert("website", &inst.website);
                ctx.insert("logo", &inst.logo.as_ref().map(|f| self.routes.media(f)));
                ctx.insert("description_html", &description);
                ctx.insert(
                    "partnerships",
                    &self.sorted_cards(lang, self.index.by_institution.get(id)),
                );
                ("institution.html", inst.name.clone())
            }
            Job::Themes(_) | Job::Programmes(_) => {
                let (kind, index, terms) = match job {
                    Job::Themes(_) => ("themes", &self.index.by_theme, &c.themes),
                    _ => ("programmes", &self.index.by_programme, &c.programmes),
                };
                let list = self.term_cards(lang, index, terms.keys(), |id| {
                    if kind == "themes" {
                        b.theme_link(id)
                    } else {
                        b.programme_link(id)
                    }
                });
                ctx.insert("terms", &list);
                ctx.insert("kind", kind);
                ("terms.html", b.t(kind))
            }
            Job::Theme(_, id) | Job::Programme(_, id) => {
                let (kind, index, term) = match job {
                    Job::Theme(..) => ("theme", &self.index.by_theme, &c.themes[id]),
                    _ => ("programme", &self.index.by_programme, &c.programmes[id]),
                };
                ctx.insert("kind", kind);
                ctx.insert("partnerships", &self.sorted_cards(lang, index.get(id)));
                ("term.html", term.labels[lang].clone())
            }
            Job::Page(_, page) => {
                let text = page.text(lang);
                ctx.insert("body_html", &self.markdown(&text.body, lang, route, diags));
                ctx.insert("summary", &text.summary);
                ctx.insert("text_lang", &text.lang);
                ctx.insert("translated", &(text.lang == lang));
                ("page.html", text.title.clone())
            }
        };
        self.base_context(&mut ctx, job, lang, route, &title);
        (template, ctx)
    }

    /// Cards of some partnerships (all when `only` is None), by title.
    fn sorted_cards(&self, lang: &str, only: Option<&Vec<usize>>) -> Vec<&Card> {
        let cards = &self.cards[lang];
        let mut list: Vec<&Card> = match only {
            Some(indexes) => indexes.iter().map(|&i| &cards[i]).collect(),
            None => cards.iter().collect(),
        };
        list.sort_by_cached_key(|c| (sort_key(&c.title), c.key.clone()));
        list
    }

    fn term_cards<'k>(
        &self,
        _lang: &str,
        index: &BTreeMap<String, Vec<usize>>,
        ids: impl Iterator<Item = &'k String>,
        link: impl Fn(&str) -> Link,
    ) -> Vec<TermCard> {
        let mut list: Vec<TermCard> = ids
            .map(|id| {
                let l = link(id);
                TermCard {
                    label: l.label,
                    url: l.url,
                    count: index.get(id).map_or(0, Vec::len),
                }
            })
            .collect();
        list.sort_by_cached_key(|t| sort_key(&t.label));
        list
    }

    fn home_figures(&self, lang: &str) -> Vec<TermCard> {
        let c = self.catalogue;
        let r = &self.routes;
        let ongoing = c
            .partnerships
            .iter()
            .filter(|p| p.status == crate::catalogue::Status::Ongoing)
            .count();
        let b = self.builder(lang);
        vec![
            TermCard {
                label: b.t("figure_partnerships"),
                url: r.section(lang, Section::Partnerships),
                count: c.partnerships.len(),
            },
            TermCard {
                label: b.t("figure_ongoing"),
                url: r.section(lang, Section::Partnerships),
                count: ongoing,
            },
            TermCard {
                label: b.t("figure_countries"),
                url: r.section(lang, Section::Countries),
                count: c.countries.len(),
            },
            TermCard {
                label: b.t("figure_institutions"),
                url: r.section(lang, Section::Institutions),
                count: c.institutions.len(),
            },
        ]
    }

    /// What every page shares: language, navigation, alternates, strings.
    fn base_context(
        &self,
        ctx: &mut tera::Context,
        job: Job,
        lang: &str,
        route: &str,
        title: &str,
    ) {
        let c = self.catalogue;
        let depth_root = relative(route, "");
        ctx.insert("lang", lang);
        ctx.insert("root", &depth_root);
        ctx.insert("route", route);
        ctx.insert("title", title);
        ctx.insert("t", &self.theme.strings[lang]);
        ctx.insert(
            "site",
            &SiteView {
                title: c.config.title[lang].clone(),
                publisher: c.config.publisher.clone(),
                home: self.routes.home(lang),
                stylesheet: self.routes.stylesheet(),
                feed: self.routes.feed(lang),
                languages: c
                    .config
                    .languages
                    .iter()
                    .map(|l| Link {
                        label: self.theme.text(l, "language_name").to_string(),
                        url: self.routes.home(l),
                    })
                    .collect(),
            },
        );
        let section = match job {
            Job::Partnerships(_) | Job::Partnership(..) => Some(Section::Partnerships),
            Job::Countries(_) | Job::Country(..) => Some(Section::Countries),
            Job::Institutions(_) | Job::Institution(..) => Some(Section::Institutions),
            Job::Themes(_) | Job::Theme(..) => Some(Section::Themes),
            Job::Programmes(_) | Job::Programme(..) => Some(Section::Programmes),
            _ => None,
        };
        let nav: Vec<NavItem> = [
            Section::Partnerships,
            Section::Countries,
            Section::Institutions,
            Section::Themes,
            Section::Programmes,
        ]
        .into_iter()
        .map(|s| NavItem {
            label: self.theme.text(lang, s.folder("en")).to_string(),
            url: self.routes.section(lang, s),
            current: section == Some(s),
        })
        .collect();
        ctx.insert("nav", &nav);
        let footer: Vec<Link> = c
            .pages
            .iter()
            .map(|p| Link {
                label: p.text(lang).title.clone(),
                url: self.routes.page(lang, p),
            })
            .collect();
        ctx.insert("footer_pages", &footer);
        let alternates: Vec<Alternate> = if matches!(job, Job::LanguageChooser | Job::NotFound) {
            Vec::new()
        } else {
            c.config
                .languages
                .iter()
                .map(|l| {
                    let other = self.route(Self::in_language(job, l));
                    Alternate {
                        lang: l.clone(),
                        name: self.theme.text(l, "language_name").to_string(),
                        absolute: self.routes.absolute(&other),
                        url: other,
                        current: l == lang,
                    }
                })
                .collect()
        };
        ctx.insert("alternates", &alternates);
        ctx.insert("canonical", &self.routes.absolute(route));
        // The language chooser stands for the home pages; any other page's
        // default is its version in the site's default language.
        let x_default = match job {
            Job::Home(_) | Job::LanguageChooser => self.routes.absolute(""),
            _ => alternates.first().and_then(|a| a.absolute.clone()),
        };
        ctx.insert("x_default", &x_default);
    }
}

#[derive(Serialize)]
struct SiteView {
    title: String,
    publisher: Option<String>,
    home: String,
    stylesheet: String,
    feed: String,
    languages: Vec<Link>,
}

#[derive(Serialize)]
struct Choice {
    lang: String,
    title: String,
    description: Option<String>,
    url: String,
    absolute: Option<String>,
    enter: String,
}

#[derive(Serialize)]
struct NavItem {
    label: String,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    name: String,
    url: String,
    absolute: Option<String>,
    current: bool,
}
