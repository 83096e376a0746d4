//! The world map: an inline SVG drawn at build time from the committed
//! outlines in `data/world.tsv` (Natural Earth 1:110m, public domain,
//! projected by `tools/map/generate.js`). Partner countries are filled and
//! link to their pages; a region (Québec) lights its country up and links
//! to the region's page.
//!
//! The country and home pages place the partners
//! ([`super::pages`]); this file draws them and knows nothing else of
//! render.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::OnceLock;

use crate::types::text::escape;

const WORLD: &str = include_str!("../../data/world.tsv");

/// Country code → SVG path.
fn outlines() -> &'static BTreeMap<&'static str, &'static str> {
    static OUTLINES: OnceLock<BTreeMap<&'static str, &'static str>> = OnceLock::new();
    OUTLINES.get_or_init(|| {
        WORLD
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .collect()
    })
}

/// A partner country (or region) on the map.
pub struct Place {
    /// The code, `be` or `ca-qc`.
    pub code: String,
    pub label: String,
    /// The href of its page, relative to the page the map is on.
    pub href: String,
}

/// The map as SVG markup; `label` names it for screen readers.
pub fn svg(places: &[Place], label: &str) -> String {
    let outlines = outlines();
    // A region is drawn as its country: `ca-qc` → `ca`.
    let mut lit: BTreeMap<&str, &Place> = BTreeMap::new();
    for place in places {
        let outline = place.code.split('-').next().unwrap_or(&place.code);
        if let Some((code, _)) = outlines.get_key_value(outline) {
            lit.entry(code).or_insert(place);
        }
    }
    let mut out = String::with_capacity(WORLD.len() + 4096);
    let _ = write!(
        out,
        "<svg class=\"world-map\" viewBox=\"0 0 1000 450\" role=\"group\" aria-label=\"{}\">",
        escape(label)
    );
    for (code, d) in outlines {
        if !lit.contains_key(code) {
            let _ = write!(out, "<path class=\"land\" d=\"{d}\"/>");
        }
    }
    // Partners last, so that their outlines are drawn over their neighbours'.
    for (code, place) in &lit {
        let _ = write!(
            out,
            "<a href=\"{}\"><title>{}</title><path class=\"land partner\" d=\"{}\"/></a>",
            escape(&place.href),
            escape(&place.label),
            outlines[code]
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partners_are_linked_and_regions_light_their_country() {
        let places = [
            Place {
                code: "be".into(),
                label: "Belgique".into(),
                href: "../pays/belgique/".into(),
            },
            Place {
                code: "ca-qc".into(),
                label: "Québec (Canada)".into(),
                href: "../pays/quebec-canada/".into(),
            },
            Place {
                code: "mt".into(),
                label: "Malte".into(),
                href: "../pays/malte/".into(),
            },
        ];
        let svg = svg(&places, "Carte");
        assert!(svg.contains("<a href=\"../pays/belgique/\"><title>Belgique</title>"));
        assert!(svg.contains("<a href=\"../pays/quebec-canada/\"><title>Québec (Canada)</title>"));
        // Malta is too small for the 1:110m outlines: no link, no error.
        assert!(!svg.contains("malte"));
        assert_eq!(svg.matches("class=\"land partner\"").count(), 2);
        assert!(outlines().len() > 150);
    }
}
