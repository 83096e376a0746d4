//! Facets: the seven ways to narrow the catalogue (country, programme,
//! theme, kind, status, mobility type, start year).
//!
//! Every facet value has a static page, so the catalogue can be browsed
//! without JavaScript: countries, themes and programmes have their
//! sections; the other four values have pages of their own under the
//! catalogue ([`Facet`]). With JavaScript, the catalogue page combines
//! facets in place from `search/<lang>/facets.json`, written here.

use std::collections::BTreeMap;

use serde::Serialize;

use super::views::{Link, ViewBuilder};
use super::Renderer;
use crate::catalogue::{Kind, MobilityType, Partnership, Status};
use crate::types::text::sort_key;

/// The facets of the catalogue page, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetGroup {
    Country,
    Programme,
    Theme,
    Kind,
    Status,
    Mobility,
    Year,
}

impl FacetGroup {
    pub const ALL: [FacetGroup; 7] = [
        FacetGroup::Country,
        FacetGroup::Programme,
        FacetGroup::Theme,
        FacetGroup::Kind,
        FacetGroup::Status,
        FacetGroup::Mobility,
        FacetGroup::Year,
    ];

    /// The interface string that names the facet.
    pub fn label_key(self) -> &'static str {
        match self {
            FacetGroup::Country => "country",
            FacetGroup::Programme => "programme",
            FacetGroup::Theme => "theme",
            FacetGroup::Kind => "kind_label",
            FacetGroup::Status => "status",
            FacetGroup::Mobility => "mobility_type_label",
            FacetGroup::Year => "start_year",
        }
    }
}

/// A value of the facets that have no section of their own; its page
/// lists the partnerships that have it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Facet {
    Kind(Kind),
    Status(Status),
    Mobility(MobilityType),
    /// The year the partnership started.
    Year(i32),
}

impl Facet {
    pub fn group(self) -> FacetGroup {
        match self {
            Facet::Kind(_) => FacetGroup::Kind,
            Facet::Status(_) => FacetGroup::Status,
            Facet::Mobility(_) => FacetGroup::Mobility,
            Facet::Year(_) => FacetGroup::Year,
        }
    }

    /// The facet values of a partnership, each once.
    pub fn of(p: &Partnership) -> Vec<Facet> {
        let mut values = vec![
            Facet::Kind(p.kind),
            Facet::Status(p.status),
            Facet::Year(p.start.year),
        ];
        for m in &p.mobility {
            let value = Facet::Mobility(m.kind);
            if !values.contains(&value) {
                values.push(value);
            }
        }
        values
    }

    /// The value as the theme's strings name it in the builder's language.
    pub fn label(self, b: &ViewBuilder) -> String {
        match self {
            Facet::Kind(k) => b.enum_label("kind", &k),
            Facet::Status(s) => b.enum_label("status", &s),
            Facet::Mobility(m) => b.enum_label("mobility", &m),
            Facet::Year(y) => y.to_string(),
        }
    }
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

impl Renderer<'_> {
    /// The facets of the catalogue page in `lang`, with the values that at
    /// least one partnership has, and their counts.
    pub fn facet_panels(&self, lang: &str) -> Vec<FacetPanel> {
        let b = self.builder(lang);
        FacetGroup::ALL
            .into_iter()
            .map(|group| FacetPanel {
                param: self.routes.facet_param(lang, group).to_string(),
                legend: b.t(group.label_key()),
                values: self
                    .facet_lists(lang, group)
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
    pub fn facets_json(&self, lang: &str) -> Vec<u8> {
        let mut rank = vec![0; self.catalogue.partnerships.len()];
        for (position, &i) in self.order[lang].iter().enumerate() {
            rank[i] = position;
        }
        let mut docs: Vec<Vec<usize>> = vec![Vec::new(); rank.len()];
        let mut groups = Vec::new();
        let mut number = 0;
        for group in FacetGroup::ALL {
            let mut slugs = Vec::new();
            for (link, list) in self.facet_lists(lang, group) {
                for &i in list {
                    docs[rank[i]].push(number);
                }
                slugs.push(last_segment(&link.url));
                number += 1;
            }
            groups.push(serde_json::json!({
                "param": self.routes.facet_param(lang, group),
                "values": slugs,
            }));
        }
        let data = serde_json::json!({
            "version": 1,
            "page_size": super::PAGE_SIZE,
            "doc_shard": super::search::DOC_SHARD,
            "groups": groups,
            "docs": docs,
        });
        serde_json::to_vec(&data).unwrap_or_default()
    }

    /// The values of a facet that at least one partnership has, each with
    /// its link and its partnerships, in the order the panel shows them.
    fn facet_lists(&self, lang: &str, group: FacetGroup) -> Vec<(Link, &[usize])> {
        let c = self.catalogue;
        let b = self.builder(lang);
        let index = self.index(lang);
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
                        label: facet.label(&b),
                        url: self.routes.facet(lang, facet),
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
}

/// `fr/pays/belgique/` → `belgique`.
fn last_segment(route: &str) -> String {
    route
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string()
}
