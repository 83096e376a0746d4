//! `appearance:` in site.yaml (colours, logo, footer links), and a site
//! theme that overrides one template of the default theme.

use std::fs;

use crate::support::SiteTest;

/// The fixture with `from` replaced by `to` in its site.yaml.
fn site_with(from: &str, to: &str) -> SiteTest {
    let site = SiteTest::fixture("legal/full");
    let path = site.root().join("site.yaml");
    let yaml = fs::read_to_string(&path).unwrap();
    assert!(yaml.contains(from), "the fixture has no `{from}`");
    fs::write(&path, yaml.replacen(from, to, 1)).unwrap();
    site
}

#[test]
fn colours_become_css_variables_of_every_page() {
    let b = SiteTest::fixture("legal/full").build().success();
    for page in ["fr/index.html", "en/privacy/index.html", "404.html"] {
        let style = b.select_one(page, "head style");
        assert_eq!(style.text, ":root{--accent:#1d4e89;--accent-dark:#112233;}");
    }
}

#[test]
fn a_bad_colour_is_a_located_error() {
    let run = site_with("\"#1D4E89\"", "\"#12345g\"")
        .run(&["check"])
        .code(1);
    insta::assert_snapshot!(run.normalised_stderr());
}

#[test]
fn nothing_but_a_hexadecimal_colour_reaches_the_page() {
    let attempts = [
        "\"red;}</style><script>alert(1)</script>\"",
        "\"#123456;}</style><script>alert(1)</script>\"",
        "\"#123456 }body{display:none\"",
        "red",
        "\"url(https://tracker.example/x)\"",
    ];
    for attempt in attempts {
        let run = site_with("\"#1D4E89\"", attempt).run(&["check"]).code(1);
        assert!(
            run.stderr.contains("appearance.colors.accent")
                && run.stderr.contains("site.yaml:30:1"),
            "`{attempt}` not refused where it is written:\n{}",
            run.stderr
        );
    }
    let run = site_with("accent: \"#1D4E89\"", "acent: \"#1D4E89\"")
        .run(&["check"])
        .code(1);
    assert!(
        run.stderr.contains("did you mean `accent`"),
        "{}",
        run.stderr
    );
    let run = site_with("accent: \"#1D4E89\"", "accent: #1D4E89")
        .run(&["check"])
        .code(1);
    assert!(run.stderr.contains("in quotes"), "{}", run.stderr);
}

#[test]
fn the_header_shows_the_logo_with_its_size_and_the_publishers_name() {
    let b = SiteTest::fixture("legal/full").build().success();
    let logo = b.select_one(
        "en/partnerships/helmo-mobility/index.html",
        "header .brand img",
    );
    assert_eq!(
        logo.attr("alt"),
        Some("Institut régional d'essai du travail social")
    );
    assert_eq!(
        (logo.attr("width"), logo.attr("height")),
        (Some("10"), Some("10"))
    );
    assert_eq!(logo.attr("src"), Some("../../../media/logos/helmo.svg"));
    assert!(b.exists("media/logos/helmo.svg"));
    let run = site_with("logo: logos/helmo.svg", "logo: logos/missing.svg")
        .run(&["check"])
        .code(1);
    assert!(
        run.stderr.contains("site.yaml:32:9") && run.stderr.contains("appearance.logo"),
        "{}",
        run.stderr
    );
}

#[test]
fn footer_links_from_the_settings_are_on_every_page_in_its_language() {
    let b = SiteTest::fixture("legal/full").build().success();
    for (page, label, href) in [
        (
            "fr/index.html",
            "Nous écrire",
            "mailto:international@example.org",
        ),
        (
            "fr/partenariats/helmo/index.html",
            "Site de l'institut",
            "https://institut.example/",
        ),
        (
            "en/countries/index.html",
            "Write to us",
            "mailto:international@example.org",
        ),
        (
            "en/accessibility/index.html",
            "Institute website",
            "https://institut.example/",
        ),
    ] {
        let links = b.select_all(page, "footer a");
        let link = links.iter().find(|a| a.squashed() == label);
        assert_eq!(
            link.and_then(|a| a.attr("href")),
            Some(href),
            "{page}: {label}"
        );
    }
    let run = site_with(
        "url: \"https://institut.example/\"",
        "url: \"javascript:alert(1)\"",
    )
    .run(&["check"])
    .code(1);
    assert!(
        run.stderr.contains("appearance.footer_links[1].url"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_site_theme_overriding_card_html_changes_the_cards() {
    let site = site_with(
        "publisher: Institut d'essai",
        "publisher: Institut d'essai\ntheme: maison",
    );
    let templates = site.root().join("themes/maison/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("card.html"),
        "<article class=\"house-card\"><h{{ h }}><a href=\"{{ root }}{{ p.url }}\">{{ p.title }}</a></h{{ h }}></article>\n",
    )
    .unwrap();
    let b = site.build().success();
    for page in ["fr/partenariats/index.html", "en/index.html"] {
        assert!(
            !b.select_all(page, "article.house-card").is_empty(),
            "{page}"
        );
        assert!(b.select_all(page, "article.card").is_empty(), "{page}");
    }
    // The templates it does not override are the default theme's.
    assert_eq!(
        b.select_all("fr/accessibilite/index.html", "main h1").len(),
        1
    );
}
