//! Which pages and files a build writes, in which language, and that a
//! build is reproducible.

use std::fs;

use crate::support::{SiteTest, BASE_URL};

/// One page of each kind in both languages of `build/basic`, with the
/// language of its `<html>` and the text its `<h1>` must hold.
const PAGES: &[(&str, &str, &str)] = &[
    ("index.html", "fr", "Partenariats de test"),
    ("404.html", "fr", "Page introuvable"),
    ("fr/index.html", "fr", "Partenariats de test"),
    ("en/index.html", "en", "Test partnerships"),
    ("fr/partenariats/index.html", "fr", "Partenariats"),
    ("en/partnerships/index.html", "en", "Partnerships"),
    (
        "fr/partenariats/echanges-liege/index.html",
        "fr",
        "Échanges avec Liège",
    ),
    (
        "en/partnerships/liege-exchanges/index.html",
        "en",
        "Exchanges with Liège",
    ),
    ("fr/pays/index.html", "fr", "Pays"),
    ("en/countries/index.html", "en", "Countries"),
    ("fr/pays/belgique/index.html", "fr", "Belgique"),
    ("en/countries/belgium/index.html", "en", "Belgium"),
    ("fr/pays/quebec-canada/index.html", "fr", "Québec (Canada)"),
    (
        "en/countries/quebec-canada/index.html",
        "en",
        "Quebec (Canada)",
    ),
    ("fr/institutions/index.html", "fr", "Établissements"),
    ("en/institutions/index.html", "en", "Institutions"),
    (
        "fr/institutions/helmo/index.html",
        "fr",
        "Haute École Libre Mosane",
    ),
    (
        "en/institutions/helmo/index.html",
        "en",
        "Haute École Libre Mosane",
    ),
    ("fr/thematiques/index.html", "fr", "Thématiques"),
    ("en/themes/index.html", "en", "Themes"),
    (
        "fr/thematiques/child-protection/index.html",
        "fr",
        "Protection de l'enfance",
    ),
    (
        "en/themes/child-protection/index.html",
        "en",
        "Child protection",
    ),
    ("fr/programmes/index.html", "fr", "Programmes"),
    ("en/programmes/index.html", "en", "Programmes"),
    (
        "fr/programmes/ffqcd/index.html",
        "fr",
        "Fonds franco-québécois pour la coopération décentralisée",
    ),
    (
        "en/programmes/ffqcd/index.html",
        "en",
        "Franco-Québec Fund for Decentralised Cooperation",
    ),
    ("fr/a-propos/index.html", "fr", "À propos"),
    ("en/about/index.html", "en", "About"),
];

#[test]
fn every_page_kind_is_built_in_both_languages() {
    let b = SiteTest::fixture("build/basic").build().success();
    for (file, lang, heading) in PAGES {
        assert!(
            b.exists(file),
            "`{file}` was not built; the output has:\n{}",
            b.files().join("\n")
        );
        let html = b.select_one(file, "html");
        assert_eq!(html.attr("lang"), Some(*lang), "<html lang> of `{file}`");
        let h1 = b.select_all(file, "h1");
        assert_eq!(h1.len(), 1, "`{file}` should have one <h1>");
        assert!(
            h1[0].squashed().starts_with(heading),
            "<h1> of `{file}` is {:?}, expected {heading:?}",
            h1[0].squashed()
        );
    }
    for file in [
        "sitemap.xml",
        "robots.txt",
        "fr/atom.xml",
        "en/atom.xml",
        "static/style.css",
        "media/logos/echanges.svg",
        "media/logos/helmo.png",
    ] {
        assert!(b.exists(file), "`{file}` was not built");
    }
}

#[test]
fn the_language_chooser_leads_to_each_language_home() {
    let b = SiteTest::fixture("build/basic").build().success();
    let choices = b.select_all("index.html", "main section[lang]");
    let langs: Vec<_> = choices.iter().map(|c| c.attr("lang").unwrap()).collect();
    assert_eq!(langs, ["fr", "en"]);
    for lang in ["fr", "en"] {
        let link = b.select_one(
            "index.html",
            &format!("main section[lang={lang}] a[hreflang={lang}]"),
        );
        let target = b.target("index.html", link.attr("href").unwrap());
        assert_eq!(
            target.as_deref(),
            Some(format!("{lang}/index.html").as_str())
        );
    }
}

#[test]
fn media_files_are_copied_unchanged() {
    let site = SiteTest::fixture("build/basic");
    let b = site.build().success();
    for file in ["logos/echanges.svg", "logos/helmo.png"] {
        let source = fs::read(site.root().join("content/media").join(file)).unwrap();
        let copied = fs::read(b.path(&format!("media/{file}"))).unwrap();
        assert_eq!(source, copied, "media/{file}");
    }
}

#[test]
fn two_builds_of_the_same_site_are_byte_identical() {
    let site = SiteTest::fixture("build/basic");
    let first = site.build_with("first", &[]).success();
    let second = site.build_with("second", &[]).success();
    let files = first.files();
    assert_eq!(
        files,
        second.files(),
        "the two builds wrote different files"
    );
    assert!(files.len() > 40, "suspiciously few files: {files:?}");
    let differing: Vec<_> = files
        .iter()
        .filter(|f| fs::read(first.path(f)).unwrap() != fs::read(second.path(f)).unwrap())
        .collect();
    assert!(
        differing.is_empty(),
        "these files differ between two builds: {differing:?}"
    );
}

#[test]
fn a_site_without_base_url_builds_without_absolute_addresses() {
    let b = SiteTest::fixture("build/no-base-url").build().success();
    assert_eq!(
        b.stderr.matches("no `base_url`").count(),
        1,
        "one warning about base_url expected:\n{}",
        b.stderr
    );
    assert!(b.stderr.contains("warning"), "{}", b.stderr);
    assert!(
        !b.exists("sitemap.xml"),
        "a sitemap needs absolute addresses"
    );
    assert!(b.exists("robots.txt"));
    assert!(
        !b.read("robots.txt").contains("Sitemap:"),
        "robots.txt names a sitemap that does not exist"
    );
    let html_files = b.html_files();
    assert!(
        html_files.contains(&"en/partnerships/liege-mobility/index.html".to_string()),
        "{html_files:?}"
    );
    for file in &html_files {
        assert!(
            b.select_all(file, "link[rel=canonical]").is_empty(),
            "`{file}` has a canonical link"
        );
        assert!(
            b.select_all(file, "link[hreflang]").is_empty(),
            "`{file}` has hreflang links"
        );
        assert!(
            !b.read(file).contains("://example"),
            "`{file}` holds an absolute address"
        );
    }
    assert_eq!(b.broken_links(), Vec::<String>::new());
}

#[test]
fn base_url_given_on_the_command_line_is_used_with_a_trailing_slash() {
    let site = SiteTest::fixture("build/no-base-url");
    let b = site
        .build_with("public", &["--base-url", "https://other.example/catalogue"])
        .success();
    assert!(!b.stderr.contains("no `base_url`"), "{}", b.stderr);
    let canonical = b.select_one(
        "fr/partenariats/mobilite-liege/index.html",
        "link[rel=canonical]",
    );
    assert_eq!(
        canonical.attr("href"),
        Some("https://other.example/catalogue/fr/partenariats/mobilite-liege/")
    );
    assert!(b
        .read("sitemap.xml")
        .contains("<loc>https://other.example/catalogue/en/partnerships/liege-mobility/</loc>"));
}

#[test]
fn canonical_links_are_the_pages_own_absolute_addresses() {
    let b = SiteTest::fixture("build/basic").build().success();
    let mut checked = 0;
    for file in b.html_files() {
        for link in b.select_all(&file, "link[rel=canonical]") {
            // The catalogue in another order names the catalogue.
            let resorted = [
                ("fr/partenariats/tri/", "fr/partenariats/"),
                ("en/partnerships/sort/", "en/partnerships/"),
            ]
            .into_iter()
            .find_map(|(folder, catalogue)| file.starts_with(folder).then_some(catalogue));
            let expected = match resorted {
                Some(catalogue) => format!("{BASE_URL}{catalogue}"),
                None => crate::support::url_of_file(BASE_URL, &file),
            };
            assert_eq!(
                link.attr("href"),
                Some(expected.as_str()),
                "canonical of `{file}`"
            );
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} canonical links");
}

/// Whole pages as snapshots, so that any change of the output, from the
/// theme or the generator, is reviewed rather than accepted silently.
#[test]
fn partnership_pages_in_both_languages_snapshot() {
    let b = SiteTest::fixture("build/basic").build().success();
    insta::assert_snapshot!(
        "partnership_page_fr",
        b.read("fr/partenariats/echanges-liege/index.html")
    );
    insta::assert_snapshot!(
        "partnership_page_en",
        b.read("en/partnerships/liege-exchanges/index.html")
    );
}
