//! The lists of the site: every partnership in a language's display order
//! (titles, then keys) and in the catalogue's other orders (by start
//! date, newest or earliest first), and which partnerships each country, institution,
//! theme, programme and facet value has, each list in that order.
//!
//! They are part of the shared site data ([`super::site`]), made once per
//! language and kept by `serve` when an edit moves no partnership.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::kinds::Facet;
use super::views::Card;
use crate::catalogue::Catalogue;
use crate::types::text::sort_key;

/// The display order of a language (titles, then keys) and the lists
/// of its countries, institutions, themes, programmes and facets, from
/// the language's cards in catalogue order.
pub fn sorted(catalogue: &Catalogue, cards: &[Card]) -> (Vec<usize>, Index) {
    let mut order: Vec<usize> = (0..cards.len()).collect();
    let keys: Vec<String> = cards.par_iter().map(|c| sort_key(&c.title)).collect();
    order.sort_by(|&a, &b| (&keys[a], &cards[a].key).cmp(&(&keys[b], &cards[b].key)));
    let mut rank = vec![0; order.len()];
    for (position, &i) in order.iter().enumerate() {
        rank[i] = position;
    }
    let index = Index::new(catalogue, &rank);
    (order, index)
}

/// Which partnerships each country, institution, theme and programme has,
/// as indexes into `catalogue.partnerships`.
pub struct Index {
    pub by_country: BTreeMap<String, Vec<usize>>,
    pub by_institution: BTreeMap<String, Vec<usize>>,
    pub by_theme: BTreeMap<String, Vec<usize>>,
    pub by_programme: BTreeMap<String, Vec<usize>>,
    /// The kinds, statuses, mobility types and start years.
    pub by_facet: BTreeMap<Facet, Vec<usize>>,
    pub institutions_by_country: BTreeMap<String, Vec<String>>,
    /// Every partnership, the latest start first, then in title order.
    pub newest: Vec<usize>,
    /// Every partnership, the earliest start first, then in title order.
    pub by_start: Vec<usize>,
}

impl Index {
    /// `rank[i]` is the place of partnership `i` in display order; every
    /// list is sorted by it.
    pub fn new(catalogue: &Catalogue, rank: &[usize]) -> Self {
        let mut index = Index {
            by_country: BTreeMap::new(),
            by_institution: BTreeMap::new(),
            by_theme: BTreeMap::new(),
            by_programme: BTreeMap::new(),
            by_facet: BTreeMap::new(),
            institutions_by_country: BTreeMap::new(),
            newest: Vec::new(),
            by_start: Vec::new(),
        };
        for (i, p) in catalogue.partnerships.iter().enumerate() {
            for code in &p.countries {
                index
                    .by_country
                    .entry(code.to_string())
                    .or_default()
                    .push(i);
            }
            for m in &p.members {
                let list = index
                    .by_institution
                    .entry(m.institution.to_string())
                    .or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
            for theme in &p.themes {
                index.by_theme.entry(theme.clone()).or_default().push(i);
            }
            index
                .by_programme
                .entry(p.programme.clone())
                .or_default()
                .push(i);
            for facet in Facet::of(p) {
                index.by_facet.entry(facet).or_default().push(i);
            }
        }
        for inst in catalogue.institutions.values() {
            index
                .institutions_by_country
                .entry(inst.country.to_string())
                .or_default()
                .push(inst.id.to_string());
        }
        let lists = [
            &mut index.by_country,
            &mut index.by_institution,
            &mut index.by_theme,
            &mut index.by_programme,
        ];
        let facet_lists = index.by_facet.values_mut();
        for list in lists
            .into_iter()
            .flat_map(|m| m.values_mut())
            .chain(facet_lists)
        {
            list.sort_by_key(|&i| rank[i]);
        }
        let p = &catalogue.partnerships;
        let mut by_start: Vec<usize> = (0..p.len()).collect();
        by_start.sort_by_key(|&i| (p[i].start.earliest(), rank[i]));
        let mut newest = by_start.clone();
        newest.sort_by_key(|&i| (std::cmp::Reverse(p[i].start.earliest()), rank[i]));
        index.by_start = by_start;
        index.newest = newest;
        index
    }
}
