//! What the pages that list partnerships share: the cards of one page of
//! the list, placed from those rendered once for the whole site, the
//! total, and the links to the other pages; and the cards of the
//! countries, themes and programmes that the indexes list with their
//! counts.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::render::cards::{lower_heading, place_into, CardHtml};
use crate::render::kinds::{pages_of, Job, PAGE_SIZE};
use crate::render::routes::relative;
use crate::render::site::SiteData;
use crate::render::views::{Link, TermCard};
use crate::types::text::sort_key;

/// The page of a list of partnerships that `job` is: its cards, the
/// total, and the links to the other pages.
pub fn insert_page(site: &SiteData, ctx: &mut tera::Context, job: Job) {
    let lang = job.lang().unwrap_or(site.catalogue.config.default_lang());
    let list = site.list(job);
    let n = job.page();
    let cards = site.card_values(lang);
    let start = (n - 1) * PAGE_SIZE;
    let shown = || list.iter().skip(start).take(PAGE_SIZE);
    let page: Vec<tera::Value> = shown().map(|&i| cards[i].clone()).collect();
    ctx.insert_value("partnerships", tera::Value::from(page));
    // The same cards, rendered once for the whole site and placed here;
    // under a section heading (country, institution) headed `h3`.
    let root = relative(&site.route(job), "");
    let all = site.card_html(lang);
    let rendered: Option<Vec<&CardHtml>> = shown()
        .map(|&i| Some(&all[i]).filter(|c| !c.html.is_empty()))
        .collect();
    let lower = matches!(job, Job::Institution(..) | Job::Country(..));
    // Written into one string, read once.
    let html = rendered.map_or_else(String::new, |cards| {
        let size = |c: &&CardHtml| c.html.len() + c.links.len() * root.len();
        let mut html = String::with_capacity(cards.iter().map(size).sum());
        for card in cards {
            let start = html.len();
            place_into(&mut html, &card.html, &card.links, &root);
            if lower {
                lower_heading(&mut html, start);
            }
        }
        html
    });
    ctx.insert("cards_html", &html);
    ctx.insert("total", &list.len());
    ctx.insert("pagination", &pagination(site, job, list.len(), n));
}

/// Links to the pages of a list: first, last, and two around the current one.
fn pagination(site: &SiteData, job: Job, total: usize, current: usize) -> Option<Pagination> {
    let count = pages_of(job, total);
    if count == 1 {
        return None;
    }
    let at = |n: usize| site.route(job.with_page(n));
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

/// The cards of the items `ids`, each linked by `link` and counted in
/// `index`, in the order of their labels.
pub fn term_cards<'k>(
    index: &BTreeMap<String, Vec<usize>>,
    ids: impl Iterator<Item = &'k str>,
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
