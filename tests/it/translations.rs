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

/// Every kind of item with its text in English only: a page (no French
/// file at all), an institution's description, a country's introduction,
/// a theme's and a programme's label.
fn english_only_site() -> SiteTest {
    let site = SiteTest::fixture("build/basic");
    let content = site.root().join("content");
    fs::write(
        content.join("pages/charter.en.md"),
        "---\ntitle: Erasmus charter\nsummary: Our commitments.\n---\nWe apply the [charter](@/institutions/helmo).\n",
    )
    .unwrap();
    let helmo = content.join("institutions/helmo.yaml");
    let text = fs::read_to_string(&helmo).unwrap();
    fs::write(
        &helmo,
        text.replace("  fr: \"Haute école liégeoise.\"\n", ""),
    )
    .unwrap();
    fs::write(
        content.join("countries/be.yaml"),
        "intro:\n  en: \"Belgium hosts our students.\"\n",
    )
    .unwrap();
    let themes = content.join("taxonomies/themes.yaml");
    let mut text = fs::read_to_string(&themes).unwrap();
    text.push_str("research: {en: Research in social work}\n");
    fs::write(&themes, text).unwrap();
    let programmes = content.join("taxonomies/programmes.yaml");
    let text = fs::read_to_string(&programmes).unwrap();
    fs::write(
        &programmes,
        text.replace("{fr: Erasmus+, en: Erasmus+}", "{en: Erasmus+}"),
    )
    .unwrap();
    let file = content.join("partnerships/echappement.fr.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replace(
            "themes: [student-mobility]",
            "themes: [student-mobility, research]",
        ),
    )
    .unwrap();
    site
}

#[test]
fn a_text_in_one_language_only_is_shown_marked_in_the_others_for_every_kind_of_item() {
    let site = english_only_site();
    let b = site.build().success();
    for warning in [
        "content/pages/charter.en.md",
        "no `fr` text: the `en` text is shown on the `fr` site",
        "`description` has no text for `fr`: the `en` text is shown on the `fr` site",
        "`intro` has no text for `fr`",
        "`research` has no text for `fr`",
        "`erasmus-plus` has no text for `fr`",
    ] {
        assert!(b.stderr.contains(warning), "{warning}:\n{}", b.stderr);
    }
    assert!(
        b.stderr.contains("0 error(s), 6 warning(s)"),
        "{}",
        b.stderr
    );

    // The page: its French address shows the English text, marked.
    let fr = "fr/charter/index.html";
    let article = b.select_one(fr, "article.page");
    assert_eq!(article.attr("lang"), Some("en"));
    assert!(b
        .select_one(fr, "h1")
        .squashed()
        .contains("Erasmus charter"));
    let notice = b.select_one(fr, "article.page .notice").squashed();
    assert!(notice.contains("pas encore traduite"), "{notice}");
    let en = "en/charter/index.html";
    assert!(b.select_all(en, ".notice").is_empty());
    assert_eq!(b.select_one(en, "article.page").attr("lang"), None);

    // The institution's description and the country's introduction.
    for (page, selector, text) in [
        (
            "fr/institutions/helmo/index.html",
            "div.body",
            "A university college in Liège.",
        ),
        (
            "fr/pays/belgique/index.html",
            "div.intro",
            "Belgium hosts our students.",
        ),
    ] {
        let body = b.select_one(page, selector);
        assert_eq!(body.squashed(), text, "{page}");
        assert_eq!(body.attr("lang"), Some("en"), "{page}");
        let notice = b.select_one(page, "p.notice").squashed();
        assert!(notice.contains("pas encore traduit"), "{page}: {notice}");
    }
    for page in [
        "en/institutions/helmo/index.html",
        "en/countries/belgium/index.html",
    ] {
        assert!(b.select_all(page, "p.notice").is_empty(), "{page}");
    }

    // The theme's and the programme's pages.
    let theme = b
        .files()
        .into_iter()
        .find(|f| f.starts_with("fr/") && f.ends_with("/research/index.html"))
        .expect("the theme's French page");
    let h1 = b.select_one(&theme, "h1");
    assert_eq!(h1.squashed(), "Research in social work");
    assert_eq!(h1.attr("lang"), Some("en"));
    assert!(b
        .select_one(&theme, "p.notice")
        .squashed()
        .contains("pas encore traduit"));
    let programme = b
        .files()
        .into_iter()
        .find(|f| f.starts_with("fr/") && f.ends_with("/erasmus-plus/index.html"))
        .expect("the programme's French page");
    assert_eq!(b.select_one(&programme, "h1").attr("lang"), Some("en"));
    // The label shows in the partnership's facts, not the id.
    let facts = b
        .select_one("fr/partenariats/echappement/index.html", "aside.facts")
        .squashed();
    assert!(facts.contains("Research in social work"), "{facts}");

    // The translation report lists each of them in French.
    let run = site.run(&["check", "--translations"]).code(0);
    for expected in [
        "create content/pages/charter.fr.md (Erasmus charter)",
        "content/institutions/helmo.yaml: description.fr",
        "content/countries/be.yaml: intro.fr",
        "content/taxonomies/themes.yaml: research.fr",
        "content/taxonomies/programmes.yaml: erasmus-plus.fr",
    ] {
        assert!(run.stdout.contains(expected), "{expected}:\n{}", run.stdout);
    }
    assert!(
        run.stdout
            .contains("  en: 1 file(s) to create, 0 field(s) to translate"),
        "the English texts are complete but for the fixture's one partnership:\n{}",
        run.stdout
    );
}

#[test]
fn a_text_in_no_language_of_the_site_is_still_an_error() {
    let site = SiteTest::fixture("build/basic");
    let themes = site.root().join("content/taxonomies/themes.yaml");
    let mut text = fs::read_to_string(&themes).unwrap();
    text.push_str("research: {de: Forschung}\n");
    fs::write(&themes, text).unwrap();
    let run = site.run(&["check"]).code(1);
    assert!(
        run.stderr.contains("`research` has no text for `fr`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("`de` is not a language of the site"),
        "{}",
        run.stderr
    );
}
