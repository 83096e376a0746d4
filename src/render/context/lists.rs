//! The pages that list partnerships or items: the catalogue, facet,
//! country, institution, theme and programme pages, and the indexes of
//! countries, institutions, themes and programmes; their cards, counts and
//! pagination.

use std::collections::BTreeMap;

use serde::Serialize;

use super::super::routes::{place, relative};
use super::super::views::{Link, TermCard};
use super::super::{page_count, CardHtml, Job, Renderer, PAGE_SIZE};
use crate::types::text::sort_key;

impl Renderer<'_> {
    /// A list page or an index: its template and title.
    pub(super) fn list_context(
        &self,
        ctx: &mut tera::Context,
        job: Job,
        lang: &str,
        route: &str,
    ) -> (&'static str, String) {
        let c = self.catalogue;
        let b = self.builder(lang);
        match job {
            Job::Partnerships(..) => {
                self.insert_page(ctx, job);
                ctx.insert("facets", &self.facet_panels(lang));
                ctx.insert("search_data", &self.routes.search_folder(lang));
                ("partnerships.html", b.t("partnerships"))
            }
            Job::Facet(_, facet, _) => {
                ctx.insert("kind", "facet");
                ctx.insert("facet_legend", &b.t(facet.group().label_key()));
                self.insert_page(ctx, job);
                ("term.html", facet.label(&b))
            }
            Job::Theme(_, id, _) | Job::Programme(_, id, _) => {
                let (kind, term) = match job {
                    Job::Theme(..) => ("theme", &c.themes[id]),
                    _ => ("programme", &c.programmes[id]),
                };
                ctx.insert("kind", kind);
                self.insert_page(ctx, job);
                ("term.html", term.label(lang))
            }
            Job::Institutions(_) => {
                let index = self.index(lang);
                let mut list: Vec<_> = c
                    .institutions
                    .values()
                    .map(|i| {
                        b.institution_card(i, index.by_institution.get(&i.id).map_or(0, Vec::len))
                    })
                    .collect();
                list.sort_by_cached_key(|i| sort_key(&i.name));
                ctx.insert("institutions", &list);
                ("institutions.html", b.t("institutions"))
            }
            _ => {
                let kind = self.terms(ctx, job, lang);
                if matches!(job, Job::Countries(_)) {
                    ctx.insert("map_svg", &self.map(lang, route));
                    ("countries.html", b.t(kind))
                } else {
                    ("terms.html", b.t(kind))
                }
            }
        }
    }

    /// The index of countries, themes or programmes, with their counts;
    /// returns the kind, which names the page.
    fn terms(&self, ctx: &mut tera::Context, job: Job, lang: &str) -> &'static str {
        let c = self.catalogue;
        let b = self.builder(lang);
        let index = self.index(lang);
        let (kind, list) = match job {
            Job::Countries(_) => (
                "countries",
                self.term_cards(&index.by_country, c.countries.keys(), |code| {
                    b.country_link(code)
                }),
            ),
            Job::Themes(_) => (
                "themes",
                self.term_cards(&index.by_theme, c.themes.keys(), |id| b.theme_link(id)),
            ),
            _ => (
                "programmes",
                self.term_cards(&index.by_programme, c.programmes.keys(), |id| {
                    b.programme_link(id)
                }),
            ),
        };
        ctx.insert("terms", &list);
        ctx.insert("kind", kind);
        kind
    }

    /// The page of a list of partnerships that `job` is: its cards, the
    /// total, and the links to the other pages.
    pub(super) fn insert_page(&self, ctx: &mut tera::Context, job: Job) {
        let lang = job.lang().unwrap_or_default();
        let list = self.list(job);
        let n = job.page();
        let cards = &self.card_values[lang];
        let start = (n - 1) * PAGE_SIZE;
        let page: Vec<tera::Value> = list
            .iter()
            .skip(start)
            .take(PAGE_SIZE)
            .map(|&i| cards[i].clone())
            .collect();
        ctx.insert_value("partnerships", tera::Value::from(page));
        // The same cards, rendered once for the whole site and placed here;
        // under a section heading (country, institution) headed `h3`.
        let root = relative(&self.route(job), "");
        let rendered: Option<Vec<&CardHtml>> = list
            .iter()
            .skip(start)
            .take(PAGE_SIZE)
            .map(|&i| Some(&self.card_html[lang][i]).filter(|c| !c.html.is_empty()))
            .collect();
        let lower = matches!(job, Job::Institution(..) | Job::Country(..));
        let html = rendered.map_or_else(String::new, |cards| {
            cards
                .iter()
                .map(|card| {
                    let card = place(&card.html, &card.links, &root);
                    match lower {
                        true => card.replacen("<h2", "<h3", 1).replacen("</h2>", "</h3>", 1),
                        false => card,
                    }
                })
                .collect()
        });
        ctx.insert("cards_html", &html);
        ctx.insert("total", &list.len());
        ctx.insert("pagination", &self.pagination(job, list.len(), n));
    }

    /// Links to the pages of a list: first, last, and two around the current one.
    fn pagination(&self, job: Job, total: usize, current: usize) -> Option<Pagination> {
        let count = page_count(total);
        if count == 1 {
            return None;
        }
        let at = |n: usize| self.route(job.with_page(n));
        let shown: Vec<usize> = (1..=count)
            .filter(|&n| n == 1 || n == count || n.abs_diff(current) <= 2)
            .collect();
        let mut pages = Vec::new();
        for (k, &n) in shown.iter().enumerate() {
            if k > 0 && n - shown[k - 1] > 1 {
                pages.push(PageLink {
                    number: None,
                    url: String::new(),
                    current: false,
                });
            }
            pages.push(PageLink {
                number: Some(n),
                url: at(n),
                current: n == current,
            });
        }
        Some(Pagination {
            current,
            count,
            prev: (current > 1).then(|| at(current - 1)),
            next: (current < count).then(|| at(current + 1)),
            pages,
        })
    }

    pub(super) fn term_cards<'k>(
        &self,
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
}

#[derive(Serialize)]
struct Pagination {
    current: usize,
    count: usize,
    prev: Option<String>,
    next: Option<String>,
    /// The page links to show; a `None` number is a gap (…).
    pages: Vec<PageLink>,
}

#[derive(Serialize)]
struct PageLink {
    number: Option<usize>,
    url: String,
    current: bool,
}
