//! The map's shapes, steps and links.

use super::*;

fn place(code: &str, label: &str, count: usize) -> Place {
    Place {
        code: code.into(),
        label: label.into(),
        count,
        href: format!("../pays/{code}/"),
    }
}

/// The `d` of the path drawn for a linked place, read from the SVG.
fn linked_paths(svg: &str) -> Vec<(String, String)> {
    svg.split("<a href=\"")
        .skip(1)
        .map(|s| {
            let href = s.split('"').next().unwrap().to_string();
            let class = s
                .split("class=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            (href, class.to_string())
        })
        .collect()
}

#[test]
fn a_region_is_drawn_as_itself_not_as_its_country() {
    let svg = svg(&[place("ca-qc", "Québec (Canada) : 3", 3)], &[], "Carte");
    let quebec = &shapes()["ca-qc"];
    let canada = &shapes()["ca"];
    // Québec is lit with its own outline; Canada stays plain land.
    assert!(svg.contains(&format!(
        "<path class=\"land partner step-2\" d=\"{}\"/>",
        quebec.d
    )));
    assert!(svg.contains(&format!("<path class=\"land\" d=\"{}\"/>", canada.d)));
    assert!(
        quebec.area < canada.area / 4.0,
        "{} vs {}",
        quebec.area,
        canada.area
    );
    assert_eq!(
        linked_paths(&svg),
        [("../pays/ca-qc/".into(), "land partner step-2".into())]
    );
}

#[test]
fn france_is_lit_without_french_guiana() {
    let svg = svg(&[place("fr", "France : 12", 12)], &[], "Carte");
    let guiana = &shapes()["gf"];
    // French Guiana is land of its own, not coloured with France.
    assert!(svg.contains(&format!("<path class=\"land\" d=\"{}\"/>", guiana.d)));
    assert!(!shapes()["fr"].d.contains(guiana.d));
    let x: f64 = shapes()["fr"].x.parse().unwrap();
    assert!(
        x > 480.0 && x < 530.0,
        "France's marker at x = {x}, in Europe"
    );
}

#[test]
fn small_partners_get_a_marker_and_large_ones_none() {
    let svg = svg(
        &[
            place("lu", "Luxembourg : 1", 1),
            place("mt", "Malte : 1", 1),
            place("es", "Espagne : 6", 6),
        ],
        &[],
        "Carte",
    );
    assert_eq!(svg.matches("<circle class=\"marker").count(), 2, "{svg}");
    let malta = &shapes()["mt"];
    assert!(svg.contains(&format!("cx=\"{}\" cy=\"{}\"", malta.x, malta.y)));
    // Every link has its accessible name.
    assert_eq!(
        svg.matches("<a href=").count(),
        svg.matches("</title>").count()
    );
}

#[test]
fn every_region_of_the_country_table_has_a_shape() {
    let regions: Vec<&str> = crate::catalogue::countries::codes()
        .filter(|c| c.contains('-'))
        .collect();
    assert!(regions.len() >= 9);
    for code in regions {
        assert!(
            knows(code),
            "no shape for {code}: run tools/map/generate.js"
        );
    }
    assert!(shapes().len() > 200);
}

#[test]
fn legend_steps_cover_the_counts_and_no_more() {
    assert_eq!(legend(0), []);
    let one = legend(1);
    assert_eq!((one[0].from, one[0].to), (1, Some(1)));
    let seven: Vec<_> = legend(7).iter().map(|s| (s.from, s.to)).collect();
    assert_eq!(seven, [(1, Some(1)), (2, Some(4)), (5, Some(7))]);
    let many: Vec<_> = legend(40).iter().map(|s| (s.from, s.to)).collect();
    assert_eq!(many.last(), Some(&(20, None)));
    assert_eq!(step_of(3), 2);
    assert_eq!(step_of(25), 5);
}

#[test]
fn pins_are_projected_where_their_country_is() {
    // Liège (50.63 N, 5.57 E) falls on Belgium's marker, give or take.
    let (x, y) = project(5.57, 50.63);
    let be = &shapes()["be"];
    let (bx, by): (f64, f64) = (be.x.parse().unwrap(), be.y.parse().unwrap());
    assert!(
        (x - bx).abs() < 3.0 && (y - by).abs() < 3.0,
        "({x}, {y}) vs ({bx}, {by})"
    );
    let pins = [Pin {
        label: "HELMo".into(),
        href: "../etablissements/helmo/".into(),
        lat: 50.63,
        lon: 5.57,
    }];
    let svg = svg(&[], &pins, "Carte");
    assert!(svg.contains(&format!(
        "<a href=\"../etablissements/helmo/\"><title>HELMo</title><path class=\"pin\" d=\"{}\"/>",
        diamond(x, y, PIN)
    )));
    assert!(!svg.contains("<circle"), "a point is a diamond, not a dot");
}

#[test]
fn the_legend_has_a_mark_for_each_kind_the_map_shows() {
    let label = |kind: &str| format!("[{kind}]");
    let pin = Pin {
        label: "HELMo".into(),
        href: "../etablissements/helmo/".into(),
        lat: 50.63,
        lon: 5.57,
    };
    let large = [place("es", "Espagne : 6", 6)];
    assert_eq!(marks(&large, &[], label), []);
    let small = [
        place("lu", "Luxembourg : 1", 1),
        place("mt", "Malte : 7", 7),
    ];
    let both = marks(&small, std::slice::from_ref(&pin), label);
    let kinds: Vec<_> = both.iter().map(|m| (m.kind, m.label.as_str())).collect();
    assert_eq!(kinds, [("small", "[small]"), ("pin", "[pin]")]);
    // The dot in the darkest step of the small partners, the diamond as on
    // the map; both hidden from screen readers.
    assert!(both[0].swatch.contains("<circle class=\"marker step-3\""));
    assert!(both[1]
        .swatch
        .contains("<path class=\"pin\" d=\"M0.0 -4.2l4.2 4.2"));
    assert!(both
        .iter()
        .all(|m| m.swatch.contains("aria-hidden=\"true\"")));
    let only_pin = marks(&large, &[pin], label);
    assert_eq!(only_pin.len(), 1);
    assert_eq!(only_pin[0].kind, "pin");
}
