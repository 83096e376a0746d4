//! The context each template receives: the page's own views, and what
//! every page shares (language, navigation, alternates, strings).

mod lists;

use serde::Serialize;

use super::facets::Facet;
use super::routes::{relative, Section};
use super::views::{Card, Link, TermCard};
use super::{Job, Renderer};
use crate::catalogue::{Page, Status};
use crate::diagnostics::Diagnostic;
use crate::types::text::sort_key;

impl Renderer<'_> {
    /// The template and the full context of a page.
    pub(super) fn page_context(
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
                ctx.insert("choices", &self.choices());
                ("index.html", c.config.title[lang].clone())
            }
            Job::NotFound => self.not_found(&mut ctx, lang),
            Job::Partnerships(..)
            | Job::Facet(..)
            | Job::Countries(_)
            | Job::Themes(_)
            | Job::Programmes(_)
            | Job::Institutions(_)
            | Job::Theme(..)
            | Job::Programme(..) => self.list_context(&mut ctx, job, lang, route),
            Job::Institution(_, id, _) => self.institution(&mut ctx, job, id, route, diags),
            Job::Page(_, page) => self.static_page(&mut ctx, page, lang, route, diags),
            Job::Home(_) => {
                self.home(&mut ctx, lang, route);
                ("home.html", c.config.title[lang].clone())
            }
            Job::Partnership(_, i) => {
                let p = &c.partnerships[i];
                let body = self.markdown(&p.text(lang).body, lang, route, diags);
                let view = b.partnership(p, self.cards[lang][i].clone(), body);
                let title = view.card.title.clone();
                ctx.insert("p", &view);
                ("partnership.html", title)
            }
            Job::Country(_, code, _) => {
                self.country(&mut ctx, job, code, route, diags);
                ("country.html", c.countries[code].names[lang].clone())
            }
            Job::Figures(_) => {
                ctx.insert("charts", &super::figures::charts(c, &b));
                ("figures.html", b.t("figures"))
            }
            Job::Search(_) => {
                ctx.insert("search_data", &self.routes.search_folder(lang));
                ("search.html", b.t("search"))
            }
            Job::Translations(_) => {
                let views = super::translations::views(c, &self.routes, self.theme);
                ctx.insert("languages", &views);
                ("translations.html", b.t("translations"))
            }
            Job::Legal(_, page) => self.legal_context(&mut ctx, page, lang),
        };
        self.base_context(&mut ctx, job, lang, route, &title);
        (template, ctx)
    }

    /// The 404 page, one for every language: the others say it too.
    fn not_found(&self, ctx: &mut tera::Context, lang: &str) -> (&'static str, String) {
        let c = self.catalogue;
        let b = self.builder(lang);
        let others: Vec<Notice> = c
            .config
            .languages
            .iter()
            .filter(|l| *l != lang)
            .map(|l| Notice {
                lang: l.clone(),
                title: self.theme.text(l, "not_found").to_string(),
                text: self.theme.text(l, "not_found_text").to_string(),
            })
            .collect();
        ctx.insert("in_other_languages", &others);
        ("404.html", b.t("not_found"))
    }

    /// An institution: its description and its partnerships.
    fn institution(
        &self,
        ctx: &mut tera::Context,
        job: Job,
        id: &str,
        route: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> (&'static str, String) {
        let lang = job.lang().unwrap_or_default();
        let b = self.builder(lang);
        let inst = &self.catalogue.institutions[id];
        let description = inst
            .description
            .get(lang)
            .map(|md| self.markdown(md, lang, route, diags));
        ctx.insert("institution", &b.institution_card(inst, 0));
        ctx.insert("website", &inst.website);
        ctx.insert("logo", &b.institution_logo(inst));
        ctx.insert("description_html", &description);
        self.insert_page(ctx, job);
        ("institution.html", inst.name.clone())
    }

    /// A page written in `content/pages/`.
    fn static_page(
        &self,
        ctx: &mut tera::Context,
        page: &Page,
        lang: &str,
        route: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> (&'static str, String) {
        let text = page.text(lang);
        ctx.insert("body_html", &self.markdown(&text.body, lang, route, diags));
        ctx.insert("summary", &text.summary);
        ctx.insert("text_lang", &text.lang);
        ctx.insert("translated", &(text.lang == lang));
        ("page.html", text.title.clone())
    }

    /// The root page: the site's title and a way in, in each language.
    fn choices(&self) -> Vec<Choice> {
        let config = &self.catalogue.config;
        config
            .languages
            .iter()
            .map(|l| Choice {
                lang: l.clone(),
                title: config.title[l].clone(),
                description: config.description.get(l).cloned(),
                url: self.routes.home(l),
                absolute: self.routes.absolute(&self.routes.home(l)),
                enter: self.theme.text(l, "enter_site").to_string(),
                footer: self.footer_links(l),
            })
            .collect()
    }

    /// The home page: key figures, the map, the latest partnerships, and the
    /// countries and themes with the most partnerships.
    fn home(&self, ctx: &mut tera::Context, lang: &str, route: &str) {
        let c = self.catalogue;
        let b = self.builder(lang);
        let index = self.index(lang);
        let latest: Vec<&Card> = self
            .newest(6)
            .into_iter()
            .map(|i| &self.cards[lang][i])
            .collect();
        let most = |mut list: Vec<TermCard>| {
            list.retain(|t| t.count > 0);
            list.sort_by(|a, b| {
                b.count
                    .cmp(&a.count)
                    .then_with(|| sort_key(&a.label).cmp(&sort_key(&b.label)))
            });
            list.truncate(12);
            list
        };
        let countries = self.term_cards(&index.by_country, c.countries.keys(), |code| {
            b.country_link(code)
        });
        let themes = self.term_cards(&index.by_theme, c.themes.keys(), |id| b.theme_link(id));
        ctx.insert("latest", &latest);
        ctx.insert("figures", &self.home_figures(lang));
        ctx.insert("map_svg", &self.map(lang, route));
        ctx.insert("top_countries", &most(countries));
        ctx.insert("top_themes", &most(themes));
        ctx.insert("description", &c.config.description.get(lang));
    }

    /// A country: its introduction, its partnerships and its institutions.
    fn country(
        &self,
        ctx: &mut tera::Context,
        job: Job,
        code: &str,
        route: &str,
        diags: &mut Vec<Diagnostic>,
    ) {
        let c = self.catalogue;
        let lang = job.lang().unwrap_or_default();
        let b = self.builder(lang);
        let index = self.index(lang);
        let country = &c.countries[code];
        let intro = country
            .intro
            .get(lang)
            .map(|md| self.markdown(md, lang, route, diags));
        let institutions: Vec<_> = index
            .institutions_by_country
            .get(code)
            .into_iter()
            .flatten()
            .map(|id| {
                let count = index.by_institution.get(id).map_or(0, Vec::len);
                b.institution_card(&c.institutions[id], count)
            })
            .collect();
        ctx.insert("intro_html", &intro);
        ctx.insert("institutions", &institutions);
        ctx.insert("flag", &b.flag(country));
        self.insert_page(ctx, job);
    }

    /// The world map with the countries that have partnerships, linked
    /// from the page at `route`.
    fn map(&self, lang: &str, route: &str) -> String {
        let b = self.builder(lang);
        let index = self.index(lang);
        let places: Vec<super::map::Place> = self
            .catalogue
            .countries
            .keys()
            .filter_map(|code| {
                let count = index.by_country.get(code).map_or(0, Vec::len);
                (count > 0).then(|| {
                    let link = b.country_link(code);
                    let what = if count == 1 {
                        b.t("partnership_one")
                    } else {
                        b.t("partnership_many")
                    };
                    super::map::Place {
                        code: code.clone(),
                        label: format!("{} ({count} {what})", link.label),
                        href: relative(route, &link.url),
                    }
                })
            })
            .collect();
        super::map::svg(&places, &b.t("map_label"))
    }

    fn home_figures(&self, lang: &str) -> Vec<TermCard> {
        let c = self.catalogue;
        let r = &self.routes;
        let ongoing = c
            .partnerships
            .iter()
            .filter(|p| p.status == Status::Ongoing)
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
                url: match ongoing {
                    0 => r.section(lang, Section::Partnerships),
                    _ => r.facet(lang, Facet::Status(Status::Ongoing)),
                },
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

    /// What every page of a language shares, set once in that language's
    /// template engine rather than serialised for each page: the interface
    /// strings `t`, the `site` and the footer links.
    pub(super) fn language_globals(&self, lang: &str, globals: &mut tera::Context) {
        let c = self.catalogue;
        globals.insert("t", &self.theme.strings[lang]);
        globals.insert(
            "site",
            &SiteView {
                title: c.config.title[lang].clone(),
                publisher: c.config.publisher.clone(),
                home: self.routes.home(lang),
                stylesheet: self.routes.stylesheet(),
                feed: self.routes.feed(lang),
                search: self.routes.search(lang),
                languages: c
                    .config
                    .languages
                    .iter()
                    .map(|l| LanguageLink {
                        lang: l.clone(),
                        label: self.theme.text(l, "language_name").to_string(),
                        url: self.routes.home(l),
                    })
                    .collect(),
            },
        );
        globals.insert("footer_pages", &self.footer_links(lang));
        let publisher = c.config.legal.as_ref().map(|l| &l.publisher);
        let alt = publisher.or(c.config.publisher.as_ref());
        let alt = alt.unwrap_or(&c.config.title[lang]);
        let media = |file: &str| self.routes.media(file);
        let appearance = super::legal::appearance_view(&c.config.appearance, lang, alt, media);
        globals.insert("appearance", &appearance);
    }

    /// The same page in every language of the site (none for the language
    /// chooser and the 404 page, which are in no one language).
    fn alternates(&self, job: Job, lang: &str) -> Vec<Alternate> {
        if matches!(job, Job::LanguageChooser | Job::NotFound) {
            return Vec::new();
        }
        self.catalogue
            .config
            .languages
            .iter()
            .map(|l| {
                let other = self.route(job.in_language(l));
                Alternate {
                    lang: l.clone(),
                    name: self.theme.text(l, "language_name").to_string(),
                    absolute: self.routes.absolute(&other),
                    url: other,
                    current: l == lang,
                }
            })
            .collect()
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
        // A server shows 404.html for a missing address at any depth, where
        // relative links would not resolve: it links absolutely when it can.
        let depth_root = match (job, &c.config.base_url) {
            (Job::NotFound, Some(base)) => base.clone(),
            _ => relative(route, ""),
        };
        ctx.insert("lang", lang);
        ctx.insert("root", &depth_root);
        ctx.insert("route", route);
        ctx.insert("title", title);
        let section = job.section();
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
        let mut nav = nav;
        nav.push(NavItem {
            label: self.theme.text(lang, "figures").to_string(),
            url: self.routes.figures(lang),
            current: matches!(job, Job::Figures(_)),
        });
        ctx.insert("nav", &nav);
        let alternates = self.alternates(job, lang);
        ctx.insert("alternates", &alternates);
        let canonical = match job {
            Job::NotFound => None,
            _ => self.routes.absolute(route),
        };
        ctx.insert("canonical", &canonical);
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
    search: String,
    languages: Vec<LanguageLink>,
}

/// The home page of one language, named in that language (`lang` marks it).
#[derive(Serialize)]
struct LanguageLink {
    lang: String,
    label: String,
    url: String,
}

#[derive(Serialize)]
struct Choice {
    lang: String,
    title: String,
    description: Option<String>,
    url: String,
    absolute: Option<String>,
    enter: String,
    /// The legal and other pages of the language, linked from its part
    /// of the chooser.
    footer: Vec<Link>,
}

#[derive(Serialize)]
struct NavItem {
    label: String,
    url: String,
    current: bool,
}

/// A short text in one of the site's languages.
#[derive(Serialize)]
struct Notice {
    lang: String,
    title: String,
    text: String,
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    name: String,
    url: String,
    absolute: Option<String>,
    current: bool,
}
