//! The world map: an inline SVG drawn at build time from the committed
//! shapes in `data/world.tsv` (Natural Earth, public domain, projected by
//! `tools/map/generate.js`). Each partner country or region is drawn as
//! itself (Québec, not Canada; France without French Guiana), filled in a
//! few steps by its number of partnerships, and links to its page; a shape
//! too small to see or click (Luxembourg, Malta) gets a marker; places
//! with coordinates show as diamonds. The legend's steps and marks are
//! made here too.
//!
//! The country and home pages place the partners
//! ([`super::pages`]); this file draws them and knows nothing else of
//! render.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::OnceLock;

use serde::Serialize;

use crate::types::text::escape;

const WORLD: &str = include_str!("../../data/world.tsv");
/// The width and height of the box `data/world.tsv` is projected into.
const WIDTH: f64 = 1000.0;
const HEIGHT: f64 = 520.0;
/// A shape smaller than this (in square pixels of the 1000-wide map) gets
/// a marker.
const SMALL: f64 = 40.0;
/// From the centre of an institution's point to its corners, in pixels of
/// the 1000-wide map.
const PIN: f64 = 3.4;
/// The lower bound of each colour step.
const STEPS: [usize; 5] = [1, 2, 5, 10, 20];

/// A shape of the map: where its marker goes, its area, its outline.
struct Shape {
    x: &'static str,
    y: &'static str,
    area: f64,
    d: &'static str,
}

/// Code → shape.
fn shapes() -> &'static BTreeMap<&'static str, Shape> {
    static SHAPES: OnceLock<BTreeMap<&'static str, Shape>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        WORLD
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut cols = l.split('\t');
                let code = cols.next()?;
                let (x, y) = cols.next()?.split_once(',')?;
                let area = cols.next()?.parse().ok()?;
                let d = cols.next()?;
                Some((code, Shape { x, y, area, d }))
            })
            .collect()
    })
}

/// Whether the map can draw this code (a country, a territory, a region).
pub fn knows(code: &str) -> bool {
    shapes().contains_key(code)
}

/// A partner country (or region) on the map.
pub struct Place {
    /// The code, `be` or `ca-qc`.
    pub code: String,
    /// Its accessible name, with its count: "Belgique : 5 partenariats".
    pub label: String,
    pub count: usize,
    /// The href of its page, relative to the page the map is on.
    pub href: String,
}

/// A point of the map: an institution with coordinates.
pub struct Pin {
    pub label: String,
    pub href: String,
    pub lat: f64,
    pub lon: f64,
}

/// One colour step of the legend: `from`–`to` partnerships (`to` is
/// `None` for the last, open step).
#[derive(Debug, Serialize, PartialEq)]
pub struct Step {
    pub class: String,
    pub from: usize,
    pub to: Option<usize>,
}

/// The steps that the largest count needs: at most five, each a range.
pub fn legend(max: usize) -> Vec<Step> {
    let used = STEPS.iter().filter(|&&s| s <= max).count();
    (0..used)
        .map(|i| Step {
            class: format!("step-{}", i + 1),
            from: STEPS[i],
            to: match STEPS.get(i + 1) {
                Some(next) if i + 1 < used => Some(next - 1),
                _ if i + 1 == STEPS.len() => None,
                _ => Some(max),
            },
        })
        .collect()
}

/// A kind of mark the map draws besides its coloured shapes, for the
/// legend: `kind` is `small` (the dot on a partner too small to see) or
/// `pin` (an institution with coordinates); `swatch` draws the mark as the
/// map does, in a small SVG hidden from screen readers, which read `label`.
#[derive(Debug, Serialize, PartialEq)]
pub struct Mark {
    pub kind: &'static str,
    pub label: String,
    pub swatch: String,
}

/// The marks that the map of `places` and `pins` shows, each named by
/// `label(kind)`: none when it shows neither small partners nor points.
pub fn marks(places: &[Place], pins: &[Pin], label: impl Fn(&str) -> String) -> Vec<Mark> {
    let shapes = shapes();
    // The dot is drawn in the darkest step of the small partners, a colour
    // of the legend.
    let small = places
        .iter()
        .filter(|p| shapes.get(p.code.as_str()).is_some_and(|s| s.area < SMALL))
        .map(|p| step_of(p.count))
        .max();
    let swatch = |mark: &str| {
        format!(
            "<svg class=\"map-swatch\" viewBox=\"-5 -5 10 10\" width=\"16\" height=\"16\" aria-hidden=\"true\" focusable=\"false\">{mark}</svg>"
        )
    };
    let mut marks = Vec::new();
    if let Some(step) = small {
        marks.push(Mark {
            kind: "small",
            label: label("small"),
            swatch: swatch(&dot("0", "0", "3.6", step)),
        });
    }
    if !pins.is_empty() {
        marks.push(Mark {
            kind: "pin",
            label: label("pin"),
            swatch: swatch(&format!(
                "<path class=\"pin\" d=\"{}\"/>",
                diamond(0.0, 0.0, 4.2)
            )),
        });
    }
    marks
}

/// The dot on a partner too small to see, centred on (`x`, `y`), in the
/// colour of its `step`.
fn dot(x: &str, y: &str, r: &str, step: usize) -> String {
    format!("<circle class=\"marker step-{step}\" cx=\"{x}\" cy=\"{y}\" r=\"{r}\"/>")
}

/// A diamond centred on (`x`, `y`), `r` from its centre to each corner:
/// the shape of an institution's point, unlike the round dots of small
/// countries, so that colour is not all that tells them apart.
fn diamond(x: f64, y: f64, r: f64) -> String {
    format!("M{x:.1} {:.1}l{r} {r}l-{r} {r}l-{r} -{r}z", y - r)
}

fn step_of(count: usize) -> usize {
    STEPS.iter().filter(|&&s| s <= count).count().max(1)
}

/// The map as SVG markup; `label` names it for screen readers.
pub fn svg(places: &[Place], pins: &[Pin], label: &str) -> String {
    let shapes = shapes();
    let mut lit: Vec<(&str, &Shape, &Place)> = places
        .iter()
        .filter_map(|p| {
            shapes
                .get_key_value(p.code.as_str())
                .map(|(c, s)| (*c, s, p))
        })
        .collect();
    // Countries, then regions over them; the large before the small, so
    // that a small partner is never hidden under its neighbour.
    lit.sort_by(|a, b| {
        a.0.contains('-')
            .cmp(&b.0.contains('-'))
            .then(b.1.area.total_cmp(&a.1.area))
            .then(a.0.cmp(b.0))
    });
    let mut out = String::with_capacity(WORLD.len() + 4096);
    let _ = write!(
        out,
        "<svg class=\"world-map\" viewBox=\"0 0 1000 450\" role=\"group\" aria-label=\"{}\">",
        escape(label)
    );
    for (code, shape) in shapes {
        // Regions are drawn only where they are partners; their country
        // is drawn as land.
        if !code.contains('-') && !lit.iter().any(|(c, ..)| c == code) {
            let _ = write!(out, "<path class=\"land\" d=\"{}\"/>", shape.d);
        }
    }
    for (_, shape, place) in &lit {
        let step = step_of(place.count);
        let _ = write!(
            out,
            "<a href=\"{}\"><title>{}</title><path class=\"land partner step-{step}\" d=\"{}\"/>",
            escape(&place.href),
            escape(&place.label),
            shape.d
        );
        if shape.area < SMALL {
            out.push_str(&dot(shape.x, shape.y, "3.2", step));
        }
        out.push_str("</a>");
    }
    for pin in pins {
        let (x, y) = project(pin.lon, pin.lat);
        let _ = write!(
            out,
            "<a href=\"{}\"><title>{}</title><path class=\"pin\" d=\"{}\"/></a>",
            escape(&pin.href),
            escape(&pin.label),
            diamond(x, y, PIN),
        );
    }
    out.push_str("</svg>");
    out
}

/// Longitude and latitude to the map's pixels, as `tools/map/generate.js`
/// projects the shapes: Natural Earth I (Šavrič, Patterson, Jenny, 2011).
fn project(lon: f64, lat: f64) -> (f64, f64) {
    fn natural_earth(lon: f64, lat: f64) -> (f64, f64) {
        let l = lon.to_radians();
        let p = lat.to_radians();
        let p2 = p * p;
        let p4 = p2 * p2;
        let x =
            l * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)));
        let y = p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)));
        (x, y)
    }
    let (max_x, _) = natural_earth(180.0, 0.0);
    let (_, max_y) = natural_earth(0.0, 90.0);
    let scale = (WIDTH / (2.0 * max_x)).min(HEIGHT / (2.0 * max_y));
    let (x, y) = natural_earth(lon, lat);
    (WIDTH / 2.0 + x * scale, HEIGHT / 2.0 - y * scale)
}

#[cfg(test)]
mod tests;
