//! The shared site data every page builder reads: the catalogue, images
//! and theme, the routes, and for each language the display order and
//! lists, the cards (plain, as template values and rendered by
//! `card.html`) and the template engine with the language's globals.
//!
//! It is built here and only here, from nothing ([`SiteData::new`]) or from
//! the parts of the previous one ([`SiteData::reusing`]): after an edit to a
//! few partnerships (`serve`), only their cards are built again, the
//! theme's engines are kept, and so are the lists when [`same_lists`]
//! says the edit moved no partnership. Which pages depend on which items
//! is known here, so that `serve` asks rather than guesses.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use rayon::prelude::*;

use super::bodies::{Bodies, Body};
use super::cards::{card_html, CardHtml};
use super::chrome::{icon, language_globals, IconView};
use super::kinds::{page_count, pages_of, Facet, Job, LegalPage, NavSection, Order};
use super::lists::{sorted, Index};
use super::media_links::PageMedia;
use super::routes::{relative, Routes};
use super::views::{Card, ViewBuilder};
use crate::catalogue::{Catalogue, Partnership};
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, Markdown, MarkdownOptions, MediaLinks};
use crate::media::Images;
use crate::theme::Theme;
use crate::types::item::ItemRef;
use crate::types::lang::Lang;

/// Everything a render needs, built once and shared by every page.
pub struct SiteData<'a> {
    pub catalogue: &'a Catalogue,
    /// The logos and flags, measured and resized.
    pub images: &'a Images,
    pub theme: &'a Theme,
    pub routes: Routes<'a>,
    /// The path the site is served under, from the server's root: the path
    /// of `base_url` (`/international/`), or `/`. The 404 page links from
    /// it, as a server shows that page at any depth. `serve`, which serves
    /// the site at its root, sets `/`.
    pub served_path: String,
    /// The browser's icons, the same on every page.
    pub icon: IconView,
    /// lang → which partnerships each country, institution, theme and
    /// programme has, each list in title order.
    indexes: BTreeMap<Lang, Index>,
    /// lang → every partnership, in title order.
    order: BTreeMap<Lang, Vec<usize>>,
    /// lang → cards of all partnerships, in catalogue order.
    cards: BTreeMap<Lang, Vec<Card>>,
    /// The same cards as template values, converted once: a list page
    /// shares them instead of serialising its cards again.
    card_values: BTreeMap<Lang, Vec<tera::Value>>,
    /// The same cards rendered by the theme's `card.html`, headed `h2`,
    /// their links relative to the site root: list pages place them (see
    /// [`super::cards::relocate`]) instead of rendering them each time.
    card_html: BTreeMap<Lang, Vec<CardHtml>>,
    /// lang → the theme's templates, with that language's globals set.
    engines: BTreeMap<Lang, tera::Tera>,
    /// The partnerships' texts, rendered once for their page and the index.
    bodies: Bodies,
    /// lang → template values many of its pages show.
    pub shared: BTreeMap<Lang, Shared>,
}

/// Template values that many pages of a language show, each made when
/// first asked for and then shared.
#[derive(Default)]
pub struct Shared {
    /// The navigation with each section current, then with the key
    /// figures, then with none.
    pub navs: [OnceLock<tera::Value>; NavSection::ALL.len() + 2],
    /// The facets' panels of the catalogue's pages.
    pub facets: OnceLock<tera::Value>,
}

/// What a site's data owns that outlives its catalogue's changes: each
/// language's cards (plain and as template values) and template engines.
pub struct Parts {
    cards: BTreeMap<Lang, Vec<Card>>,
    card_values: BTreeMap<Lang, Vec<tera::Value>>,
    card_html: BTreeMap<Lang, Vec<CardHtml>>,
    engines: BTreeMap<Lang, tera::Tera>,
    /// The display orders and lists, kept when no title or list changed.
    order: BTreeMap<Lang, Vec<usize>>,
    indexes: BTreeMap<Lang, Index>,
}

impl Parts {
    /// The cards and engine of a language, taken out of the parts.
    fn take(&mut self, lang: Lang) -> Option<CardSet> {
        Some(CardSet {
            cards: self.cards.remove(&lang)?,
            values: self.card_values.remove(&lang)?,
            html: self.card_html.remove(&lang)?,
            engine: self.engines.remove(&lang)?,
        })
    }

    /// Frees the parts, a language and a form at a time, on every core.
    pub fn free(self) {
        let Parts {
            cards,
            card_values,
            card_html,
            engines,
            order,
            indexes,
        } = self;
        rayon::scope(|s| {
            for values in card_values.into_values() {
                s.spawn(move |_| drop(values));
            }
            for cards in cards.into_values() {
                s.spawn(move |_| drop(cards));
            }
            for html in card_html.into_values() {
                s.spawn(move |_| drop(html));
            }
            s.spawn(move |_| drop((engines, order, indexes)));
        });
    }
}

/// What changed since the site whose parts are reused.
pub struct Renewal {
    /// The partnerships to build the cards of again, by place.
    pub changed: BTreeSet<usize>,
    /// Whether their titles and the lists they are in are the same (then
    /// the display order and the lists are kept).
    pub same_lists: bool,
}

/// Whether a partnership keeps its place in every list: the same titles,
/// countries, members, themes, programme, start and facet values.
pub fn same_lists(old: &Partnership, new: &Partnership) -> bool {
    old.texts.len() == new.texts.len()
        && old
            .texts
            .iter()
            .zip(&new.texts)
            .all(|((a, x), (b, y))| a == b && x.title == y.title)
        && old.countries == new.countries
        && old
            .members
            .iter()
            .map(|m| &m.institution)
            .eq(new.members.iter().map(|m| &m.institution))
        && old.themes == new.themes
        && old.programme == new.programme
        && old.start == new.start
        && Facet::of(old) == Facet::of(new)
}

/// The cards of one language, in every form, and its engine.
struct CardSet {
    cards: Vec<Card>,
    values: Vec<tera::Value>,
    html: Vec<CardHtml>,
    engine: tera::Tera,
}

/// The path of `base_url` (`https://example.org/international/` →
/// `/international/`), or `/` without one.
pub fn served_path(base_url: Option<&str>) -> String {
    let Some(url) = base_url else {
        return "/".to_string();
    };
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(i) => {
            let path = &after_scheme[i..];
            let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
            if path.ends_with('/') {
                path.to_string()
            } else {
                format!("{path}/")
            }
        }
        None => "/".to_string(),
    }
}

/// A language's display order and lists.
type Lists = (Vec<usize>, Index);

impl<'a> SiteData<'a> {
    pub fn new(catalogue: &'a Catalogue, images: &'a Images, theme: &'a Theme) -> Self {
        SiteData::reusing(catalogue, images, theme, None)
    }

    /// The site's data, reusing `previous` parts when given: the catalogue
    /// has the same partnerships in the same places, only those numbered
    /// in `changed` differ, and the theme and settings are the same.
    pub fn reusing(
        catalogue: &'a Catalogue,
        images: &'a Images,
        theme: &'a Theme,
        previous: Option<(Parts, &Renewal)>,
    ) -> Self {
        let routes = Routes::new(catalogue);
        let mut site = SiteData {
            catalogue,
            images,
            theme,
            icon: icon(catalogue, &routes, images),
            routes,
            served_path: served_path(catalogue.config.base_url.as_deref()),
            indexes: BTreeMap::new(),
            order: BTreeMap::new(),
            cards: BTreeMap::new(),
            card_values: BTreeMap::new(),
            card_html: BTreeMap::new(),
            engines: BTreeMap::new(),
            bodies: Bodies::new(&catalogue.config.languages, catalogue.partnerships.len()),
            shared: (catalogue.config.languages.iter())
                .map(|&l| (l, Default::default()))
                .collect(),
        };
        let (mut parts, renewal) = match previous {
            Some((parts, renewal)) => (Some(parts), Some(renewal)),
            None => (None, None),
        };
        let sets: Vec<(Lang, CardSet, Option<Lists>)> = catalogue
            .config
            .languages
            .iter()
            .map(|&lang| {
                let (set, kept) = site.language(lang, parts.as_mut(), renewal);
                (lang, set, kept)
            })
            .collect();
        // The languages' orders and lists, made side by side.
        let made: Vec<Option<Lists>> = sets
            .par_iter()
            .map(|(_, set, kept)| kept.is_none().then(|| sorted(catalogue, &set.cards)))
            .collect();
        for ((lang, set, kept), made) in sets.into_iter().zip(made) {
            // One of the two is always there.
            let Some((order, index)) = kept.or(made) else {
                continue;
            };
            site.order.insert(lang, order);
            site.indexes.insert(lang, index);
            site.card_html.insert(lang, set.html);
            site.card_values.insert(lang, set.values);
            site.cards.insert(lang, set.cards);
            site.engines.insert(lang, set.engine);
        }
        site
    }

    /// The cards and engine of a language, renewed from `parts` when they
    /// have them, and its lists when the renewal kept them.
    fn language(
        &self,
        lang: Lang,
        parts: Option<&mut Parts>,
        renewal: Option<&Renewal>,
    ) -> (CardSet, Option<Lists>) {
        let (Some(p), Some(renewal)) = (parts, renewal) else {
            return (self.fresh(lang), None);
        };
        let set = match p.take(lang) {
            Some(old) => self.renew(lang, old, &renewal.changed),
            None => self.fresh(lang),
        };
        let kept = match renewal.same_lists {
            true => p.order.remove(&lang).zip(p.indexes.remove(&lang)),
            false => None,
        };
        (set, kept)
    }

    /// The parts to hand to the next site.
    pub fn into_parts(self) -> Parts {
        Parts {
            cards: self.cards,
            card_values: self.card_values,
            card_html: self.card_html,
            engines: self.engines,
            order: self.order,
            indexes: self.indexes,
        }
    }

    /// Every card of a language, and its engine.
    fn fresh(&self, lang: Lang) -> CardSet {
        let builder = self.builder(lang);
        let mut engine = self.theme.tera.clone();
        let globals = engine.global_context();
        language_globals(
            self.catalogue,
            &self.routes,
            self.theme,
            &self.icon,
            lang,
            globals,
        );
        // Each card made, turned into a template value and rendered in one
        // go: one pass over the catalogue on every core.
        let (cards, (values, html)) = self
            .catalogue
            .partnerships
            .par_iter()
            .map(|p| {
                let card = builder.card(p);
                let value = tera::Value::from_serializable(&card);
                let html = card_html(&engine, &value);
                (card, (value, html))
            })
            .unzip();
        CardSet {
            cards,
            values,
            html,
            engine,
        }
    }

    /// The previous cards of a language, with those of `changed` built again.
    fn renew(&self, lang: Lang, mut set: CardSet, changed: &BTreeSet<usize>) -> CardSet {
        let builder = self.builder(lang);
        for &i in changed {
            let card = builder.card(&self.catalogue.partnerships[i]);
            set.values[i] = tera::Value::from_serializable(&card);
            set.html[i] = card_html(&set.engine, &set.values[i]);
            set.cards[i] = card;
        }
        set
    }

    /// The builder of the views of `lang`.
    pub fn builder(&'a self, lang: Lang) -> ViewBuilder<'a> {
        ViewBuilder {
            catalogue: self.catalogue,
            images: self.images,
            routes: &self.routes,
            theme: self.theme,
            lang,
        }
    }

    /// The lists of a language.
    pub fn lists(&self, lang: Lang) -> &Index {
        &self.indexes[&lang]
    }

    /// Every partnership of a language, in display order.
    pub fn order(&self, lang: Lang) -> &[usize] {
        &self.order[&lang]
    }

    /// The cards of a language, in catalogue order.
    pub fn cards(&self, lang: Lang) -> &[Card] {
        &self.cards[&lang]
    }

    /// The cards of a language as template values, in catalogue order.
    pub fn card_values(&self, lang: Lang) -> &[tera::Value] {
        &self.card_values[&lang]
    }

    /// The cards of a language rendered by `card.html`, in catalogue order.
    pub fn card_html(&self, lang: Lang) -> &[CardHtml] {
        &self.card_html[&lang]
    }

    /// The template engine of a language, its globals set.
    pub fn engine(&self, lang: Lang) -> &tera::Tera {
        &self.engines[&lang]
    }

    /// Every page of the site.
    pub fn jobs(&self) -> Vec<Job<'a>> {
        let c = self.catalogue;
        let mut jobs = vec![Job::LanguageChooser, Job::NotFound];
        for &lang in &c.config.languages {
            let index = self.lists(lang);
            let pages = |list: Option<&Vec<usize>>| 1..=page_count(list.map_or(0, Vec::len));
            jobs.extend(Job::indexes(lang));
            jobs.push(Job::Search(lang));
            for order in Order::ALL {
                let first = Job::Partnerships(lang, order, 1);
                let count = pages_of(first, c.partnerships.len());
                jobs.extend((1..=count).map(|n| first.with_page(n)));
            }
            jobs.extend((0..c.partnerships.len()).map(|i| Job::Partnership(lang, i)));
            for code in c.countries.keys() {
                jobs.extend(
                    pages(index.by_country.get(code.as_str())).map(|n| Job::Country(lang, code, n)),
                );
            }
            for id in c.institutions.keys() {
                jobs.extend(
                    pages(index.by_institution.get(id.as_str()))
                        .map(|n| Job::Institution(lang, id, n)),
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
            jobs.extend(
                LegalPage::generated(c)
                    .into_iter()
                    .map(|l| Job::Legal(lang, l)),
            );
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

    /// The home page's partnerships: the featured ones (all of them),
    /// newest first, then the newest of the others, `n` in all at least.
    pub fn featured_then_newest(&self, n: usize) -> Vec<usize> {
        let p = &self.catalogue.partnerships;
        let mut order: Vec<usize> = (0..p.len()).collect();
        order.sort_by_key(|&i| {
            let newest = std::cmp::Reverse((p[i].start.earliest(), &p[i].key));
            (!p[i].featured, newest)
        });
        let featured = p.iter().filter(|p| p.featured).count();
        order.truncate(n.max(featured));
        order
    }

    /// The partnerships a list page shows all pages of, in display order.
    pub fn list(&self, job: Job) -> &[usize] {
        let Some(lang) = job.lang() else { return &[] };
        let index = self.lists(lang);
        let list = match job {
            Job::Partnerships(_, Order::Title, _) => return &self.order[&lang],
            Job::Partnerships(_, Order::Newest, _) => return &index.newest,
            Job::Partnerships(_, Order::Start, _) => return &index.by_start,
            Job::Country(_, code, _) => index.by_country.get(code),
            Job::Institution(_, id, _) => index.by_institution.get(id),
            Job::Theme(_, id, _) => index.by_theme.get(id),
            Job::Programme(_, id, _) => index.by_programme.get(id),
            Job::Facet(_, facet, _) => index.by_facet.get(&facet),
            _ => None,
        };
        list.map_or(&[], Vec::as_slice)
    }

    /// The route of a job's page.
    pub fn route(&self, job: Job) -> String {
        self.routes.route_of(job)
    }

    /// The text of partnership `i` as HTML for its page at `route`.
    pub fn partnership_body(
        &self,
        lang: Lang,
        i: usize,
        route: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> String {
        let md = &self.catalogue.partnerships[i].text(lang).body;
        let body = self.bodies.get(lang, i, || self.body(md, lang, route));
        let taken = body.and_then(|b| b.html.lock().unwrap_or_else(|e| e.into_inner()).take());
        match taken {
            Some((html, problems)) => {
                diags.extend(problems);
                html
            }
            // Asked for a second time (serve): rendered again.
            None => self.markdown(md, lang, route, diags),
        }
    }

    /// The text of partnership `i` that its page shows, for the index.
    pub fn partnership_text(&self, lang: Lang, i: usize) -> String {
        let md = &self.catalogue.partnerships[i].text(lang).body;
        let route = || self.route(Job::Partnership(lang, i));
        let body = self.bodies.get(lang, i, || self.body(md, lang, &route()));
        let taken = body.and_then(|b| b.text.lock().unwrap_or_else(|e| e.into_inner()).take());
        // Asked for a second time: rendered again.
        taken.unwrap_or_else(|| {
            let text = self.body(md, lang, &route()).text.into_inner();
            text.unwrap_or_else(|e| e.into_inner()).unwrap_or_default()
        })
    }

    fn body(&self, md: &Markdown, lang: Lang, route: &str) -> Body {
        let mut problems = Vec::new();
        let media = self.page_media(lang, route);
        let (html, text) = markdown::render_with_text(
            md,
            &self.markdown_options(&media),
            &self.resolver(lang, route),
            &mut problems,
        );
        Body {
            html: std::sync::Mutex::new(Some((html, problems))),
            text: std::sync::Mutex::new(Some(text)),
        }
    }

    fn markdown_options<'m>(&self, media: &'m PageMedia<'m>) -> MarkdownOptions<'m> {
        MarkdownOptions {
            raw_html: self.catalogue.config.markdown.raw_html,
            media: self
                .images
                .knows_media()
                .then_some(media as &dyn MediaLinks),
        }
    }

    /// The `@/media/` links of a text on the page at `route`.
    fn page_media<'m>(&'m self, lang: Lang, route: &'m str) -> PageMedia<'m> {
        PageMedia {
            images: self.images,
            lang,
            route,
        }
    }

    /// How the `@/` links of a text on the page at `route` are written.
    fn resolver<'r>(
        &'r self,
        lang: Lang,
        route: &'r str,
    ) -> impl Fn(&ItemRef) -> Option<String> + 'r {
        move |link: &ItemRef| match self.routes.internal(lang, *link) {
            Some(to) => Some(relative(route, &to)),
            // The target failed to load and has its own error already.
            None => self
                .catalogue
                .broken
                .has_link_target(*link)
                .then(|| "#".to_string()),
        }
    }

    /// A Markdown text as HTML for the page at `route`.
    pub fn markdown(
        &self,
        md: &Markdown,
        lang: Lang,
        route: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> String {
        let media = self.page_media(lang, route);
        markdown::render(
            md,
            &self.markdown_options(&media),
            &self.resolver(lang, route),
            diags,
        )
    }
}
