//! The translation report: `check --translations` and the unlisted pages
//! `fr/_traductions/` and `en/_translations/`.

use std::fs;

use crate::support::{SiteTest, BASE_URL};

const EN_PAGE: &str = "en/_translations/index.html";
const FR_PAGE: &str = "fr/_traductions/index.html";

#[test]
fn check_lists_the_partnership_without_an_english_file() {
    let site = SiteTest::fixture("build/basic");
    let run = site.run(&["check", "--translations"]).code(0);
    assert!(run.stdout.contains("  fr: complete"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("create content/partnerships/atelier-eupen.en.md (Atelier d'été à Eupen)"),
        "{}",
        run.stdout
    );
    let json = site
        .run(&["check", "--translations", "--message-format", "json"])
        .code(0);
    let report: serde_json::Value = serde_json::from_str(json.stdout.trim())
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", json.stdout));
    let languages = report["translations"]["languages"].as_array().unwrap();
    let en = languages.iter().find(|l| l["lang"] == "en").unwrap();
    let missing = en["missing"].as_array().unwrap();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert_eq!(missing[0]["key"], "atelier-eupen");
    assert_eq!(missing[0]["section"], "partnerships");
    assert_eq!(missing[0]["no_file"], true);
    assert_eq!(
        missing[0]["file"],
        "content/partnerships/atelier-eupen.en.md"
    );
    // Without the flag, check prints no report.
    let plain = site.run(&["check"]).code(0);
    assert!(plain.stdout.is_empty(), "{}", plain.stdout);
}

#[test]
fn untranslated_fields_are_listed_item_by_item() {
    let site = SiteTest::fixture("build/basic");
    let en = site
        .root()
        .join("content/partnerships/echanges-liege.en.md");
    let text = fs::read_to_string(&en)
        .unwrap()
        .replace("beneficiaries: Social-work students\n", "")
        .replace("{label: Project results}", "{}");
    fs::write(&en, text).unwrap();
    let run = site
        .run(&["check", "--translations", "--lang", "fr"])
        .code(0);
    assert!(
        run.stdout
            .contains("content/partnerships/echanges-liege.en.md : beneficiaries, links[1].label"),
        "{}",
        run.stdout
    );
    let b = site.build().success();
    let fields: Vec<String> = b
        .select_all(EN_PAGE, "ul[data-lang=en] code.field")
        .iter()
        .map(|n| n.text.clone())
        .collect();
    assert_eq!(fields, ["beneficiaries", "links[1].label"]);
}

#[test]
fn the_report_page_links_each_missing_item_to_its_page() {
    let b = SiteTest::fixture("build/basic").build().success();
    for page in [EN_PAGE, FR_PAGE] {
        let links = b.select_all(page, "ul[data-lang=en] li a");
        assert_eq!(links.len(), 1, "{page}");
        let href = links[0].attr("href").unwrap();
        assert_eq!(
            b.target(page, href).as_deref(),
            Some("en/partnerships/atelier-eupen/index.html"),
            "{page}"
        );
        assert_eq!(links[0].text, "Atelier d'été à Eupen");
        assert_eq!(links[0].lang.as_deref(), Some("fr"));
        let files: Vec<String> = b
            .select_all(page, "ul[data-lang=en] code.file")
            .iter()
            .map(|n| n.text.clone())
            .collect();
        assert_eq!(files, ["content/partnerships/atelier-eupen.en.md"]);
        assert!(b.select_all(page, "ul[data-lang=fr]").is_empty(), "{page}");
        let robots = b.select_one(page, "meta[name=robots]");
        assert_eq!(robots.attr("content"), Some("noindex"));
    }
    assert_eq!(b.select_one(EN_PAGE, "h1").text, "Missing translations");
    assert_eq!(b.select_one(FR_PAGE, "h1").text, "Traductions manquantes");
    assert!(b.broken_links().is_empty(), "{:?}", b.broken_links());
}

#[test]
fn the_report_page_is_linked_from_no_other_page_nor_the_sitemap() {
    let b = SiteTest::fixture("build/basic").build().success();
    let reports = [EN_PAGE, FR_PAGE];
    for file in b.html_files() {
        if reports.contains(&file.as_str()) {
            continue;
        }
        for a in b.select_all(&file, "[href]") {
            let href = a.attr("href").unwrap_or_default();
            let target = b.target(&file, href);
            assert!(
                !target.is_some_and(|t| reports.contains(&t.as_str())),
                "{file} links to the translation report ({href})"
            );
        }
    }
    let sitemap = b.read("sitemap.xml");
    assert!(!sitemap.contains("_translations"), "{sitemap}");
    assert!(!sitemap.contains("_traductions"), "{sitemap}");
    assert!(sitemap.contains(&format!("{BASE_URL}en/")));
}

#[test]
fn a_fully_translated_site_says_so() {
    let site = SiteTest::fixture("cms/translated");
    let run = site.run(&["check", "--translations"]).code(0);
    assert!(
        run.stdout
            .contains("Every item is translated in every language."),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("  en: complete"), "{}", run.stdout);
    let b = site.build().success();
    assert!(b.select_all(EN_PAGE, "ul.translation-report").is_empty());
    let notes = b.select_all(EN_PAGE, "section.translation-language p");
    assert_eq!(notes.len(), 2);
    assert!(notes
        .iter()
        .all(|n| n.text == "Nothing is missing in this language."));
    // This fixture enables the editor with Netlify's Git Gateway.
    assert!(b.exists("admin/config.yml"));
}

#[test]
fn check_still_reports_translations_when_the_theme_cannot_be_read() {
    let site = SiteTest::fixture("build/basic");
    let settings = site.root().join("site.yaml");
    let text = fs::read_to_string(&settings).unwrap();
    fs::write(&settings, text.replace("theme: default", "theme: absent")).unwrap();
    let run = site.run(&["check", "--translations"]).code(1);
    assert!(run.stderr.contains("absent"), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("create content/partnerships/atelier-eupen.en.md (Atelier d'été à Eupen)"),
        "{}",
        run.stdout
    );
}
