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
use crate::render::kinds::{Facet, FacetGroup, Job, PAGE_SIZE};
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
    ctx.insert("facets", &facet_panels(site, lang));
    ctx.insert("search_data", &site.routes.search_folder(lang));
    (
        "partnerships.html",
        site.theme.text(lang, "partnerships").to_string(),
    )
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
/// search index) the numbers of its values, counted across facets.
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
    let data = serde_json::json!({
        "version": 1,
        "page_size": PAGE_SIZE,
        "doc_shard": DOC_SHARD,
        "groups": groups,
        "docs": docs,
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
