//! The legal pages generated from `legal:` in site.yaml (accessibility
//! statement, legal notice, personal data), the footer that links them
//! from every page, the settings' checks, and the EU emblem.

use std::fs;

use crate::support::{selector, SiteTest, BASE_URL};

/// Each generated page and its address, per language.
const PAGES: [(&str, &str, &str); 6] = [
    ("fr", "accessibility", "fr/accessibilite/index.html"),
    ("fr", "legal-notice", "fr/mentions-legales/index.html"),
    ("fr", "privacy", "fr/donnees-personnelles/index.html"),
    ("en", "accessibility", "en/accessibility/index.html"),
    ("en", "legal-notice", "en/legal-notice/index.html"),
    ("en", "privacy", "en/privacy/index.html"),
];

/// The text of the page's `<main>`, white space squashed.
fn main_text(b: &crate::support::Build, file: &str) -> String {
    b.select_one(file, "main").squashed()
}

#[test]
fn each_generated_page_holds_the_facts_of_the_settings_in_both_languages() {
    let b = SiteTest::fixture("legal/full").build().success();
    let expected: [(&str, &[&str]); 3] = [
        (
            "accessibility",
            &[
                "Institut régional d'essai du travail social",
                "RGAA 4.1",
                "Audit Exemple",
                "accessibilite@example.org",
                "Défenseur des droits",
                "Libre réponse 71120",
            ],
        ),
        (
            "legal-notice",
            &[
                "Institut régional d'essai du travail social",
                "Camille Exemple",
                "1 rue de l'Exemple, 59000 Lille",
                "+33 3 00 00 00 00",
                "international@example.org",
                "123 456 789 00012",
                "Hébergeur Exemple SAS",
                "2 avenue de l'Hébergement, 75000 Paris",
                "+33 1 00 00 00 00",
                "https://hebergeur.example/contact/",
            ],
        ),
        (
            "privacy",
            &[
                "Institut régional d'essai du travail social",
                "international@example.org",
                "CNIL",
                "cookie",
            ],
        ),
    ];
    for (lang, key, file) in PAGES {
        let text = main_text(&b, file);
        let facts = expected.iter().find(|(k, _)| *k == key).unwrap().1;
        for fact in facts {
            assert!(text.contains(fact), "{file} lacks `{fact}`:\n{text}");
        }
        assert_eq!(b.select_one(file, "html").attr("lang"), Some(lang));
    }
    let fr = main_text(&b, "fr/accessibilite/index.html");
    for fact in [
        "partiellement conforme",
        "2 octobre 2026",
        "72,5\u{a0}%",
        "23 novembre 2026",
        "Les vidéos des partenaires n'ont pas de sous-titres.",
    ] {
        assert!(fr.contains(fact), "fr statement lacks `{fact}`:\n{fr}");
    }
    let en = main_text(&b, "en/accessibility/index.html");
    for fact in [
        "partially compliant",
        "2 October 2026",
        "72.5%",
        "23 November 2026",
        "Partner videos have no subtitles.",
    ] {
        assert!(en.contains(fact), "en statement lacks `{fact}`:\n{en}");
    }
}

#[test]
fn contacts_are_links_and_the_pages_are_in_the_sitemap() {
    let b = SiteTest::fixture("legal/full").build().success();
    let hrefs: Vec<String> = b
        .select_all("en/legal-notice/index.html", "main a")
        .iter()
        .filter_map(|a| a.attr("href").map(str::to_string))
        .collect();
    assert!(hrefs.contains(&"mailto:international@example.org".to_string()));
    assert!(hrefs.contains(&"https://hebergeur.example/contact/".to_string()));
    let sitemap = b.read("sitemap.xml");
    for (_, _, file) in PAGES {
        let loc = format!(
            "<loc>https://example.org/international/{}</loc>",
            file.trim_end_matches("index.html")
        );
        assert!(sitemap.contains(&loc), "no {loc} in the sitemap");
    }
    let alternate = r#"hreflang="en" href="https://example.org/international/en/legal-notice/""#;
    assert!(sitemap.contains(alternate));
}

#[test]
fn every_page_links_the_three_legal_pages_in_its_footer() {
    let b = SiteTest::fixture("legal/full").build().success();
    for file in b.html_files() {
        let html = b.html(&file);
        let lang = html
            .select(&selector("html"))
            .next()
            .and_then(|h| h.attr("lang"))
            .unwrap_or("")
            .to_string();
        // The language chooser links the pages of both languages; the 404
        // page links from the path of base_url, since a server shows it at
        // any depth.
        let (langs, links) = match file.as_str() {
            "index.html" => (vec!["fr", "en"], ".chooser-footer a[href]"),
            _ => (vec![lang.as_str()], "footer a[href]"),
        };
        let targets: Vec<String> = html
            .select(&selector(links))
            .filter_map(|a| {
                let href = a.attr("href")?;
                b.file_of_url(BASE_URL, href)
                    .or_else(|| b.file_of_url("/international/", href))
                    .or_else(|| b.target(&file, href))
            })
            .collect();
        for (_, _, page) in PAGES.iter().filter(|p| langs.contains(&p.0)) {
            assert!(
                targets.iter().any(|t| t == page),
                "{file} does not link {page} in its footer: {targets:?}"
            );
        }
    }
    assert!(b.html_files().len() > 20);
    assert_eq!(b.broken_links(), Vec::<String>::new());
}

#[test]
fn the_home_page_shows_the_conformity_line_linking_to_the_statement() {
    let b = SiteTest::fixture("legal/full").build().success();
    let cases = [
        (
            "fr/index.html",
            "Accessibilité\u{a0}: partiellement conforme",
            "fr/accessibilite/index.html",
        ),
        (
            "en/index.html",
            "Accessibility: partially compliant",
            "en/accessibility/index.html",
        ),
    ];
    for (home, line, statement) in cases {
        let links = b.select_all(home, "a");
        let link = links
            .iter()
            .find(|a| a.squashed() == line)
            .unwrap_or_else(|| panic!("no `{line}` link on {home}"));
        assert_eq!(
            b.target(home, link.attr("href").unwrap()).as_deref(),
            Some(statement)
        );
    }
}

#[test]
fn a_hand_written_page_with_the_same_key_wins_over_the_generated_one() {
    let site = SiteTest::fixture("legal/full");
    let pages = site.root().join("content/pages");
    fs::write(
        pages.join("legal-notice.fr.md"),
        "---\ntitle: Nos mentions\nslug: nos-mentions\n---\nÉcrit à la main.\n",
    )
    .unwrap();
    fs::write(
        pages.join("legal-notice.en.md"),
        "---\ntitle: Our notice\n---\nWritten by hand.\n",
    )
    .unwrap();
    let b = site.build().success();
    assert!(!b.exists("fr/mentions-legales/index.html"));
    assert!(main_text(&b, "fr/nos-mentions/index.html").contains("Écrit à la main."));
    assert!(main_text(&b, "en/legal-notice/index.html").contains("Written by hand."));
    let footer = b.select_all("fr/index.html", "footer a");
    let notice = footer
        .iter()
        .find(|a| a.squashed() == "Nos mentions")
        .unwrap();
    let target = b.target("fr/index.html", notice.attr("href").unwrap());
    assert_eq!(target.as_deref(), Some("fr/nos-mentions/index.html"));
    // The other two are still generated.
    assert!(b.exists("fr/accessibilite/index.html") && b.exists("en/privacy/index.html"));
}

#[test]
fn a_page_that_takes_the_address_of_a_generated_one_is_an_error() {
    let site = SiteTest::fixture("legal/full");
    fs::write(
        site.root().join("content/pages/other.fr.md"),
        "---\ntitle: Autre\nslug: accessibilite\n---\nTexte.\n",
    )
    .unwrap();
    let run = site.run(&["check"]).code(1);
    assert!(
        run.stderr.contains("content/pages/other.fr.md")
            && run.stderr.contains("fr/accessibilite/"),
        "{}",
        run.stderr
    );
}

/// `site.yaml:L:C`, where the value after `key: ` is in the fixture
/// once `from` is replaced by `to`.
fn position(from: &str, to: &str) -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/legal/full/site.yaml"
    );
    let yaml = fs::read_to_string(path).unwrap().replacen(from, to, 1);
    let (i, line) = yaml
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(to))
        .unwrap();
    let column = line.find(to).unwrap() + to.find(": ").unwrap() + 3;
    format!("site.yaml:{}:{column}", i + 1)
}

/// `check` on the fixture with `from` replaced by `to` in its site.yaml.
fn check_with(from: &str, to: &str) -> String {
    let site = SiteTest::fixture("legal/full");
    let path = site.root().join("site.yaml");
    let yaml = fs::read_to_string(&path).unwrap();
    assert!(yaml.contains(from), "the fixture has no `{from}`");
    fs::write(&path, yaml.replacen(from, to, 1)).unwrap();
    site.run(&["check"]).code(1).normalised_stderr()
}

#[test]
fn bad_legal_settings_are_located_errors() {
    let cases = [
        (
            "status: partial",
            "status: partly",
            "legal.accessibility.status",
        ),
        (
            "statement_date: 2026-11-23",
            "statement_date: 2026-02-30",
            "legal.accessibility.statement_date",
        ),
        (
            "audit_date: 2026-10-02",
            "audit_date: 02/10/2026",
            "legal.accessibility.audit_date",
        ),
        (
            "contact: international@example.org",
            "contact: international",
            "legal.contact",
        ),
        ("siret: 123 456 789 00012", "siret: 123 456", "legal.siret"),
        (
            "compliance_rate: 72.5",
            "compliance_rate: 42",
            "legal.accessibility.compliance_rate",
        ),
    ];
    for (from, to, field) in cases {
        let stderr = check_with(from, to);
        let at = position(from, to);
        assert!(
            stderr.contains(&at),
            "`{to}` not located at {at}:\n{stderr}"
        );
        assert!(
            stderr.contains(field),
            "`{to}` does not name {field}:\n{stderr}"
        );
    }
}

#[test]
fn a_conformity_claimed_without_an_audit_is_refused() {
    let stderr = check_with("    audit_date: 2026-10-02\n", "");
    insta::assert_snapshot!(stderr);
}

#[test]
fn missing_legal_facts_are_one_warning_and_invent_nothing() {
    let site = SiteTest::fixture("legal/full");
    let yaml = "title: {fr: Partenariats, en: Partnerships}\nlanguages: [fr, en]\n\
        base_url: https://example.org/\nlegal:\n  publisher: Institut d'essai\n  \
        accessibility: {status: none, statement_date: 2026-11-23}\n";
    fs::write(site.root().join("site.yaml"), yaml).unwrap();
    let run = site.run(&["check"]).code(0);
    insta::assert_snapshot!(run.normalised_stderr());
    let b = site.build().success();
    let notice = b
        .select_one("fr/mentions-legales/index.html", "main")
        .squashed();
    assert!(!notice.contains("Directeur"), "{notice}");
    let statement = b
        .select_one("fr/accessibilite/index.html", "main")
        .squashed();
    assert!(statement.contains("non conforme") && statement.contains("Aucun audit"));
    let footer = b.select_all("en/index.html", "footer a");
    assert!(footer
        .iter()
        .any(|a| a.squashed() == "Accessibility: not compliant"));
}

#[test]
fn the_eu_emblem_has_twelve_upright_stars_on_the_official_circle() {
    let b = SiteTest::fixture("legal/full").build().success();
    let page = "fr/partenariats/helmo/index.html";
    let svg = b.select_one(page, ".eu-funding svg");
    assert_eq!(svg.attr("viewBox"), Some("0 0 150 100"), "a 2:3 rectangle");
    let rect = b.select_one(page, ".eu-funding svg rect");
    assert_eq!(rect.attr("fill"), Some("#039"), "Reflex Blue #003399");
    let star = b.select_one(page, ".eu-funding svg path");
    assert_eq!(star.attr("fill"), Some("#fc0"), "Yellow #FFCC00");
    // The star: five points on a circle of 1/18 of the height, one up.
    let points: Vec<(f64, f64)> = star
        .attr("d")
        .unwrap()
        .split(['M', 'L', 'Z', ' '])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect();
    assert_eq!(points.len(), 10);
    let radius = 100.0 / 18.0;
    for (k, &(x, y)) in points.iter().step_by(2).enumerate() {
        let angle = (72.0 * k as f64).to_radians();
        let close =
            (x - radius * angle.sin()).abs() < 0.01 && (y + radius * angle.cos()).abs() < 0.01;
        assert!(close, "star point {k} at ({x}, {y})");
    }
    let uses = b.select_all(page, ".eu-funding svg use");
    assert_eq!(uses.len(), 12);
    for (k, u) in uses.iter().enumerate() {
        let x: f64 = u.attr("x").unwrap().parse().unwrap();
        let y: f64 = u.attr("y").unwrap().parse().unwrap();
        let angle = (30.0 * k as f64).to_radians();
        let (ex, ey) = (
            75.0 + 100.0 / 3.0 * angle.sin(),
            50.0 - 100.0 / 3.0 * angle.cos(),
        );
        assert!(
            (x - ex).abs() < 0.006 && (y - ey).abs() < 0.006,
            "star {k} at ({x}, {y}), expected ({ex:.3}, {ey:.3})"
        );
    }
}

#[test]
fn the_eu_block_names_the_statement_and_the_granting_authority_per_language() {
    let b = SiteTest::fixture("legal/full").build().success();
    let cases = [
        (
            "fr/partenariats/helmo/index.html",
            "Cofinancé par l'Union européenne",
            "(Agence Erasmus+ France)",
        ),
        (
            "en/partnerships/helmo-mobility/index.html",
            "Co-funded by the European Union",
            "(Agence Erasmus+ France)",
        ),
    ];
    for (page, statement, authority) in cases {
        assert_eq!(b.select_one(page, ".eu-statement").squashed(), statement);
        let disclaimer = b.select_one(page, ".eu-disclaimer").squashed();
        assert!(disclaimer.contains(authority), "{disclaimer}");
    }
}
