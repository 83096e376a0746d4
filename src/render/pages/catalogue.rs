//! The catalogue page, the pages of the facet values, and the filter's
//! data.
//!
//! Every facet value has a static page, so the catalogue can be browsed
//! without JavaScript: countries, themes and programmes have their
//! sections; the other four facets (kind, status, mobility type, start
//! year) have pages of their own under the catalogue. With JavaScript, the
//! catalogue page combines facets in place from `search/<lang>/facets.json`,
//! written here ([`facets_json`]).

use std::collections::BTreeMap;

use serde::Serialize;

use super::paged::insert_page;
use crate::render::kinds::{page_count, pages_of, Facet, FacetGroup, Job, Order, PAGE_SIZE};
use crate::render::routes::last_segment;
use crate::render::search::DOC_SHARD;
use crate::render::site::SiteData;
use crate::render::views::Link;
use crate::types::lang::Lang;
use crate::types::text::sort_key;

/// The catalogue: a page of every partnership, with the facets' panels.
pub fn catalogue(
    site: &SiteData,
    ctx: &mut tera::Context,
    job: Job,
    lang: Lang,
) -> (&'static str, String) {
    insert_page(site, ctx, job);
    let facets = || tera::Value::from_serializable(&facet_panels(site, lang));
    let facets = site.shared[&lang].facets.get_or_init(facets).clone();
    ctx.insert_value("facets", facets);
    ctx.insert("search_data", &site.routes.search_folder(lang));
    ctx.insert("sorts", &sort_choices(site, job, lang));
    // The last page of a shortened order leads on to the title order.
    let total = site.list(job).len();
    let last = job.page() == pages_of(job, total) && pages_of(job, total) < page_count(total);
    let rest = last.then(|| site.route(Job::Partnerships(lang, Order::Title, 1)));
    ctx.insert("sorted_rest", &rest);
    (
        "partnerships.html",
        site.theme.text(lang, "partnerships").to_string(),
    )
}

/// One choice of the catalogue's sort control: a link to the first page
/// of the catalogue in that order.
#[derive(Debug, Clone, Serialize)]
pub struct SortChoice {
    pub label: String,
    pub url: String,
    /// The order's name in the filter's data (`facets.json`'s `orders`).
    pub order: &'static str,
    /// Whether the page is in this order.
    pub current: bool,
}

/// The catalogue's orders, as the sort control shows them on the page of
/// `job`.
fn sort_choices(site: &SiteData, job: Job, lang: Lang) -> Vec<SortChoice> {
    let b = site.builder(lang);
    let current = match job {
        Job::Partnerships(_, order, _) => order,
        _ => Order::Title,
    };
    Order::ALL
        .into_iter()
        .map(|order| SortChoice {
            label: b.t(order.label_key()),
            url: site.route(Job::Partnerships(lang, order, 1)),
            order: order_name(order),
            current: order == current,
        })
        .collect()
}

/// The name of an order in the filter's data and the page's
/// `data-order`.
fn order_name(order: Order) -> &'static str {
    match order {
        Order::Title => "title",
        Order::Newest => "newest",
        Order::Start => "start",
    }
}

/// A page of the partnerships with a kind, status, mobility type or start
/// year.
pub fn facet(
    site: &SiteData,
    ctx: &mut tera::Context,
    job: Job,
    facet: Facet,
    lang: Lang,
) -> (&'static str, String) {
    let b = site.builder(lang);
    ctx.insert("kind", "facet");
    ctx.insert("facet_legend", &b.t(facet.group().label_key()));
    insert_page(site, ctx, job);
    ("term.html", b.facet_label(facet))
}

/// One value of a facet on the catalogue page, linked to its own page.
#[derive(Debug, Clone, Serialize)]
pub struct FacetValue {
    pub label: String,
    pub url: String,
    /// The value in the filter's query string (`?statut=en-cours`): the
    /// last segment of its page's address.
    pub slug: String,
    pub count: usize,
}

/// A facet on the catalogue page.
#[derive(Debug, Clone, Serialize)]
pub struct FacetPanel {
    /// The query parameter of the filter (`pays`, `statut`…).
    pub param: String,
    pub legend: String,
    pub values: Vec<FacetValue>,
}

/// The facets of the catalogue page in `lang`, with the values that at
/// least one partnership has, and their counts.
pub fn facet_panels(site: &SiteData, lang: Lang) -> Vec<FacetPanel> {
    let b = site.builder(lang);
    FacetGroup::ALL
        .into_iter()
        .map(|group| FacetPanel {
            param: site.routes.facet_param(lang, group).to_string(),
            legend: b.t(group.label_key()),
            values: facet_lists(site, lang, group)
                .into_iter()
                .map(|(link, list)| FacetValue {
                    slug: last_segment(&link.url),
                    label: link.label,
                    url: link.url,
                    count: list.len(),
                })
                .collect(),
        })
        .collect()
}

/// The filter's data, `search/<lang>/facets.json`: the facets'
/// parameters and value slugs in the catalogue page's order, and for
/// each partnership in display order (its document number in the
/// search index) the numbers of its values, counted across facets; and
/// the document numbers in each of the catalogue's other orders.
pub fn facets_json(site: &SiteData, lang: Lang) -> Vec<u8> {
    let mut rank = vec![0; site.catalogue.partnerships.len()];
    for (position, &i) in site.order(lang).iter().enumerate() {
        rank[i] = position;
    }
    let mut docs: Vec<Vec<usize>> = vec![Vec::new(); rank.len()];
    let mut groups = Vec::new();
    let mut number = 0;
    for group in FacetGroup::ALL {
        let mut slugs = Vec::new();
        for (link, list) in facet_lists(site, lang, group) {
            for &i in list {
                docs[rank[i]].push(number);
            }
            slugs.push(last_segment(&link.url));
            number += 1;
        }
        groups.push(serde_json::json!({
            "param": site.routes.facet_param(lang, group),
            "values": slugs,
        }));
    }
    // The other orders, as document numbers: the filter lists its
    // matches in the order of the page it runs on.
    let index = site.lists(lang);
    let as_docs = |list: &[usize]| list.iter().map(|&i| rank[i]).collect::<Vec<usize>>();
    let orders = serde_json::json!({
        order_name(Order::Newest): as_docs(&index.newest),
        order_name(Order::Start): as_docs(&index.by_start),
    });
    let data = serde_json::json!({
        "version": 1,
        "page_size": PAGE_SIZE,
        "doc_shard": DOC_SHARD,
        "groups": groups,
        "docs": docs,
        "orders": orders,
    });
    serde_json::to_vec(&data).unwrap_or_default()
}

/// The values of a facet that at least one partnership has, each with
/// its link and its partnerships, in the order the panel shows them.
fn facet_lists<'s>(site: &'s SiteData, lang: Lang, group: FacetGroup) -> Vec<(Link, &'s [usize])> {
    let c = site.catalogue;
    let b = site.builder(lang);
    let index = site.lists(lang);
    fn list<'m>(map: &'m BTreeMap<String, Vec<usize>>, id: &str) -> &'m [usize] {
        map.get(id).map_or(&[], Vec::as_slice)
    }
    let mut values: Vec<(Link, &[usize])> = match group {
        FacetGroup::Country => c
            .countries
            .keys()
            .map(|code| (b.country_link(code), list(&index.by_country, code)))
            .collect(),
        FacetGroup::Programme => c
            .programmes
            .keys()
            .map(|id| (b.programme_link(id), list(&index.by_programme, id)))
            .collect(),
        FacetGroup::Theme => c
            .themes
            .keys()
            .map(|id| (b.theme_link(id), list(&index.by_theme, id)))
            .collect(),
        _ => index
            .by_facet
            .iter()
            .filter(|(facet, _)| facet.group() == group)
            .map(|(&facet, items)| {
                let link = Link {
                    label: b.facet_label(facet),
                    url: site.routes.facet(lang, facet),
                };
                (link, items.as_slice())
            })
            .collect(),
    };
    values.retain(|(_, items)| !items.is_empty());
    match group {
        FacetGroup::Country | FacetGroup::Programme | FacetGroup::Theme => {
            values.sort_by_cached_key(|(link, _)| sort_key(&link.label));
        }
        // The newest years first.
        FacetGroup::Year => values.reverse(),
        _ => {}
    }
    values
}
