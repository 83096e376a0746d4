//! The key figures page: charts drawn at build time, with their tables.

use crate::support::SiteTest;

#[test]
fn key_figures_give_counts_and_funding_totals_in_both_languages() {
    let b = SiteTest::fixture("build/basic").build().success();
    for (page, lang) in [
        ("fr/chiffres/index.html", "fr"),
        ("en/figures/index.html", "en"),
    ] {
        let charts = b.select_all(page, "section.figure > .bars[aria-hidden=true]");
        assert_eq!(charts.len(), 8, "{page}: one chart per figure");
        let html = b.html(page);
        let lang_attr = html.root_element().value().attr("lang");
        assert_eq!(lang_attr, Some(lang));
        // Each chart is followed by its table, named by the section's
        // heading rather than by a caption that would repeat it.
        let tables = b.select_all(page, "section.figure > .bars + table[aria-labelledby]");
        assert_eq!(tables.len(), 8, "{page}: every chart has its table");
        assert!(b.select_all(page, "section.figure caption").is_empty());
        for table in &tables {
            let id = table.attr("aria-labelledby").unwrap();
            assert_eq!(b.select_all(page, &format!("h2#{id}")).len(), 1, "{id}");
        }
    }
    // A partnership counted in several countries is one partnership: the
    // total is of distinct partnerships, below the sum of the rows, and a
    // note says why.
    let rows: usize = b
        .select_all("fr/chiffres/index.html", "#countries tbody td")
        .iter()
        .map(|td| td.squashed().parse::<usize>().unwrap())
        .sum();
    let total = b
        .select_one("fr/chiffres/index.html", "#countries tfoot td")
        .squashed();
    assert_eq!(total, "4", "the fixture's four partnerships");
    assert!(rows > 4, "the rows count some partnerships twice: {rows}");
    let label = b
        .select_one("fr/chiffres/index.html", "#countries tfoot th")
        .squashed();
    assert_eq!(label, "Partenariats distincts");
    let note = b
        .select_one("fr/chiffres/index.html", "#countries .chart-note")
        .squashed();
    assert!(note.contains("plusieurs pays"), "{note}");
    // Each bar is as wide as its share of the largest value.
    let bars = b.select_all("fr/chiffres/index.html", "#countries .bar");
    assert_eq!(bars[0].attr("style"), Some("width:100.0%"));
    // Funding by funder: the free-text funder and the institution (linked).
    let rows = b.select_all("fr/chiffres/index.html", "#funding-funders tbody tr");
    let texts: Vec<String> = rows.iter().map(|r| r.squashed()).collect();
    assert_eq!(
        texts,
        [
            "Haute École Libre Mosane1\u{202f}234\u{202f}567,50\u{a0}€",
            "Agence Erasmus+ France15\u{202f}000\u{a0}€"
        ]
    );
    let total = b
        .select_one("fr/chiffres/index.html", "#funding-funders tfoot td")
        .squashed();
    assert_eq!(total, "1\u{202f}249\u{202f}567,50\u{a0}€");
    let total = b
        .select_one("en/figures/index.html", "#funding-funders tfoot td")
        .squashed();
    assert_eq!(total, "€1,249,567.50");
    // Partnerships by status add up to the number of partnerships.
    let total = b
        .select_one("en/figures/index.html", "#status tfoot td")
        .squashed();
    assert_eq!(total, "4");
    let links = b.select_all("fr/chiffres/index.html", "#funding-funders tbody a");
    assert_eq!(links[0].attr("href"), Some("../../fr/institutions/helmo/"));
}

#[test]
fn the_map_links_every_partner_country_it_can_draw() {
    let b = SiteTest::fixture("build/basic").build().success();
    let links = b.select_all("fr/index.html", "svg.world-map a");
    let hrefs: Vec<&str> = links.iter().filter_map(|a| a.attr("href")).collect();
    // Belgium, France and Québec (drawn as itself) have partnerships.
    for expected in [
        "../fr/pays/belgique/",
        "../fr/pays/france/",
        "../fr/pays/quebec-canada/",
    ] {
        assert!(hrefs.contains(&expected), "{expected} not in {hrefs:?}");
    }
    let en = b.select_all("en/countries/index.html", "svg.world-map a title");
    assert!(
        en.iter().any(|t| t.squashed().starts_with("Belgium (")),
        "English titles on the English map"
    );
    assert!(b.broken_links().is_empty(), "{:?}", b.broken_links());
}

#[test]
fn institutions_with_coordinates_are_named_points_of_the_map() {
    let b = SiteTest::fixture("build/basic").build().success();
    for (page, name) in [
        ("fr/index.html", "(Eupen, Belgique)"),
        ("en/countries/index.html", "(Eupen, Belgium)"),
    ] {
        let pins = b.select_all(page, "svg.world-map a:has(path.pin)");
        assert_eq!(pins.len(), 1, "{page}: only AHS Eupen has coordinates");
        let href = pins[0].attr("href").unwrap();
        assert!(href.ends_with("/institutions/ahs-eupen/"), "{page}: {href}");
        assert!(b.target(page, href).is_some_and(|f| b.exists(&f)), "{href}");
        let title = b.select_all(page, "svg.world-map a:has(path.pin) title");
        assert_eq!(
            title[0].squashed(),
            format!("Autonome Hochschule in der Deutschsprachigen Gemeinschaft {name}"),
        );
        // Eupen (50.63 N, 6.04 E) is drawn on Belgium, near its marker.
        // A diamond (`M x top l r r …`), not a dot like a small country's.
        let d = b.select_one(page, "svg.world-map path.pin");
        let d = d.attr("d").unwrap();
        let numbers: Vec<f64> = d
            .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .filter_map(|n| n.parse().ok())
            .collect();
        let (x, y) = (numbers[0], numbers[1] + numbers[2]);
        assert!(
            (510.0..520.0).contains(&x) && (92.0..102.0).contains(&y),
            "({x}, {y})"
        );
    }
}

#[test]
fn the_map_has_a_legend_of_its_steps_and_a_list_with_counts() {
    let b = SiteTest::fixture("build/basic").build().success();
    // Every lit shape has a step of the legend, and the legend lists them.
    let lit = b.select_all("fr/index.html", "svg.world-map a path.partner");
    let legend: Vec<String> = b
        .select_all("fr/index.html", ".map-legend li")
        .iter()
        .map(|li| li.squashed())
        .collect();
    assert!(!legend.is_empty());
    assert_eq!(legend[0], "1");
    for path in &lit {
        let class = path.attr("class").unwrap_or_default();
        let step: usize = class.rsplit("step-").next().unwrap().parse().unwrap();
        assert!(step <= legend.len(), "{class} beyond the legend {legend:?}");
    }
    // The same places as a list, each with its count, for narrow screens.
    let list: Vec<String> = b
        .select_all("fr/index.html", ".map-list li")
        .iter()
        .map(|li| li.squashed())
        .collect();
    assert_eq!(list.len(), lit.len(), "{list:?}");
    assert!(list.iter().any(|l| l.starts_with("Belgique ")), "{list:?}");
    assert!(list.iter().all(|l| l.contains("partenariat")), "{list:?}");
}

/// The legend names every kind of mark the map shows, each drawn as the
/// map draws it: the dot of a small country, the diamond of an institution.
#[test]
fn the_legend_names_the_marks_of_small_countries_and_institutions() {
    let site = SiteTest::fixture("build/basic");
    let b = site.build().success();
    for (page, small, pin) in [
        (
            "fr/index.html",
            "Pays ou région trop petit",
            "Établissement partenaire",
        ),
        (
            "en/countries/index.html",
            "Country or region too small",
            "Partner institution",
        ),
    ] {
        let marks: Vec<String> = b
            .select_all(page, ".map-marks li")
            .iter()
            .map(|li| li.squashed())
            .collect();
        assert_eq!(marks.len(), 2, "{page}: {marks:?}");
        assert!(
            marks[0].starts_with(small) && marks[1] == pin,
            "{page}: {marks:?}"
        );
        // Each swatch has the shape and class of its mark on the map, and
        // is hidden from screen readers, which read the text.
        assert!(!b.select_all(page, "svg.world-map circle.marker").is_empty());
        let dot = b.select_one(
            page,
            ".map-marks li.mark-small svg[aria-hidden=true] circle",
        );
        let step = dot
            .attr("class")
            .unwrap()
            .strip_prefix("marker step-")
            .unwrap();
        let steps = b.select_all(page, ".map-legend li").len();
        assert!(
            step.parse::<usize>().unwrap() <= steps,
            "{step} beyond the legend"
        );
        let diamond = b.select_one(page, ".map-marks li.mark-pin svg[aria-hidden=true] path");
        assert_eq!(diamond.attr("class"), Some("pin"));
        assert!(b.select_all(page, ".map-marks circle.pin").is_empty());
    }
    // Without coordinates, no point on the map and none in the legend.
    let eupen = site.root().join("content/institutions/ahs-eupen.yaml");
    let text = std::fs::read_to_string(&eupen).unwrap();
    std::fs::write(&eupen, text.replace("coordinates: [50.6306, 6.0361]\n", "")).unwrap();
    let b = site.build().success();
    assert!(b
        .select_all("fr/index.html", "svg.world-map .pin")
        .is_empty());
    let marks = b.select_all("fr/index.html", ".map-marks li");
    assert_eq!(marks.len(), 1, "only the small countries' dot");
    assert!(b.select_all("fr/index.html", ".map-marks .pin").is_empty());
}
