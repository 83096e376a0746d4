//! The two languages: hreflang alternates, the language switcher,
//! per-locale dates and amounts, and partnerships not translated yet.

use std::collections::BTreeMap;

use crate::support::{url_of_file, Build, SiteTest, BASE_URL};

/// The `hreflang` → `href` alternates a page declares.
fn alternates(b: &Build, file: &str) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for link in b.select_all(file, "link[rel=alternate][hreflang]") {
        let lang = link.attr("hreflang").unwrap().to_string();
        let href = link.attr("href").unwrap_or_default().to_string();
        assert!(
            map.insert(lang.clone(), href).is_none(),
            "`{file}` declares hreflang `{lang}` twice"
        );
    }
    map
}

#[test]
fn hreflang_alternates_are_absolute_existing_and_reciprocal() {
    let b = SiteTest::fixture("build/basic").build().success();
    let mut problems = Vec::new();
    let mut pages_with_alternates = 0;
    for file in b.html_files() {
        let declared = alternates(&b, &file);
        if declared.is_empty() {
            continue;
        }
        pages_with_alternates += 1;
        let own_url = url_of_file(BASE_URL, &file);
        if !declared.values().any(|href| *href == own_url) {
            problems.push(format!(
                "{file}: its alternates do not include the page itself ({own_url})"
            ));
        }
        for lang in ["fr", "en", "x-default"] {
            if !declared.contains_key(lang) {
                problems.push(format!("{file}: no hreflang `{lang}`"));
            }
        }
        for (lang, href) in &declared {
            let Some(target) = b.file_of_url(BASE_URL, href).filter(|t| b.exists(t)) else {
                problems.push(format!(
                    "{file}: hreflang `{lang}` → `{href}` is not an existing page under {BASE_URL}"
                ));
                continue;
            };
            if lang != "x-default" {
                let target_lang = b
                    .select_one(&target, "html")
                    .attr("lang")
                    .map(str::to_string);
                if target_lang.as_deref() != Some(lang.as_str()) {
                    problems.push(format!("{file}: hreflang `{lang}` → `{target}`, whose <html lang> is {target_lang:?}"));
                }
            }
            if target != file
                && !alternates(&b, &target)
                    .values()
                    .any(|back| *back == own_url)
            {
                problems.push(format!(
                    "{file}: hreflang `{lang}` → `{target}`, which does not link back to {own_url}"
                ));
            }
        }
    }
    assert!(
        pages_with_alternates > 40,
        "only {pages_with_alternates} pages declare alternates"
    );
    assert!(
        problems.is_empty(),
        "hreflang problems:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_language_chooser_is_the_x_default() {
    let b = SiteTest::fixture("build/basic").build().success();
    let chooser = alternates(&b, "index.html");
    assert_eq!(chooser.get("x-default").map(String::as_str), Some(BASE_URL));
    assert_eq!(
        chooser.get("fr").map(String::as_str),
        Some(format!("{BASE_URL}fr/").as_str())
    );
    assert_eq!(
        chooser.get("en").map(String::as_str),
        Some(format!("{BASE_URL}en/").as_str())
    );
}

/// The file the language switcher of `file` leads to for `lang`.
fn switch_target(b: &Build, file: &str, lang: &str) -> String {
    let link = b.select_one(file, &format!("nav.lang-switch a[hreflang={lang}]"));
    let href = link.attr("href").unwrap();
    assert!(
        !href.contains("://"),
        "`{file}`: the switcher link `{href}` should be relative"
    );
    b.target(file, href)
        .unwrap_or_else(|| panic!("`{file}`: the switcher link `{href}` leads nowhere"))
}

#[test]
fn the_language_switcher_links_to_the_same_item_under_its_translated_slug() {
    let b = SiteTest::fixture("build/basic").build().success();
    let pairs = [
        // Partnership with a translated slug.
        (
            "fr/partenariats/echanges-liege/index.html",
            "en/partnerships/liege-exchanges/index.html",
        ),
        // Partnership without an English file: same key-based slug.
        (
            "fr/partenariats/atelier-eupen/index.html",
            "en/partnerships/atelier-eupen/index.html",
        ),
        // Countries: the slug is the country's name in each language.
        (
            "fr/pays/belgique/index.html",
            "en/countries/belgium/index.html",
        ),
        (
            "fr/pays/quebec-canada/index.html",
            "en/countries/quebec-canada/index.html",
        ),
        // Static page with a translated slug, and section indexes.
        ("fr/a-propos/index.html", "en/about/index.html"),
        ("fr/thematiques/index.html", "en/themes/index.html"),
        ("fr/index.html", "en/index.html"),
    ];
    for (fr, en) in pairs {
        assert_eq!(switch_target(&b, fr, "en"), en, "switcher of `{fr}`");
        assert_eq!(switch_target(&b, en, "fr"), fr, "switcher of `{en}`");
        assert!(b.exists(en) && b.exists(fr));
        let current = b.select_one(fr, "nav.lang-switch [aria-current]");
        assert_eq!(current.squashed(), "Français", "current language on `{fr}`");
        let current = b.select_one(en, "nav.lang-switch [aria-current]");
        assert_eq!(current.squashed(), "English", "current language on `{en}`");
    }
}

/// `<dt>` label → `<dd>` text of the facts box of a partnership page.
fn facts(b: &Build, file: &str) -> BTreeMap<String, String> {
    let dts = b.select_all(file, "aside.facts dl > dt");
    let dds = b.select_all(file, "aside.facts dl > dd");
    assert_eq!(
        dts.len(),
        dds.len(),
        "`{file}`: every <dt> should have one <dd>"
    );
    dts.iter()
        .zip(&dds)
        .map(|(dt, dd)| (dt.squashed(), dd.squashed()))
        .collect()
}

#[test]
fn amounts_are_formatted_per_locale() {
    let b = SiteTest::fixture("build/basic").build().success();
    let cases = [
        (
            "fr/partenariats/echanges-liege/index.html",
            ["15\u{202f}000\u{a0}€", "1\u{202f}234\u{202f}567,50\u{a0}€"],
            "1\u{202f}249\u{202f}567,50\u{a0}€",
        ),
        (
            "en/partnerships/liege-exchanges/index.html",
            ["€15,000", "€1,234,567.50"],
            "€1,249,567.50",
        ),
    ];
    for (file, lines, total) in cases {
        let amounts: Vec<String> = b
            .select_all(file, "table.funding tbody td.num")
            .iter()
            .map(|n| n.text.trim().to_string())
            .collect();
        assert_eq!(amounts, lines, "funding lines of `{file}`");
        let sum = b.select_one(file, "table.funding tfoot td.num");
        assert_eq!(sum.text.trim(), total, "funding total of `{file}`");
    }
}

#[test]
fn dates_are_formatted_per_locale() {
    let b = SiteTest::fixture("build/basic").build().success();
    let fr = facts(&b, "fr/partenariats/echanges-liege/index.html");
    assert_eq!(
        fr.get("Début").map(String::as_str),
        Some("15 mars 2024"),
        "{fr:?}"
    );
    assert_eq!(
        fr.get("Fin").map(String::as_str),
        Some("31 août 2026"),
        "{fr:?}"
    );
    assert_eq!(
        fr.get("Premier accord").map(String::as_str),
        Some("2014"),
        "{fr:?}"
    );
    let en = facts(&b, "en/partnerships/liege-exchanges/index.html");
    assert_eq!(
        en.get("Start").map(String::as_str),
        Some("15 March 2024"),
        "{en:?}"
    );
    assert_eq!(
        en.get("End").map(String::as_str),
        Some("31 August 2026"),
        "{en:?}"
    );
    // A month-only date.
    let fr = facts(&b, "fr/partenariats/reseau-quebec/index.html");
    assert_eq!(
        fr.get("Début").map(String::as_str),
        Some("août 2011"),
        "{fr:?}"
    );
    let en = facts(&b, "en/partnerships/quebec-network/index.html");
    assert_eq!(
        en.get("Start").map(String::as_str),
        Some("August 2011"),
        "{en:?}"
    );
}

#[test]
fn an_untranslated_partnership_is_in_the_english_catalogue_marked_as_french() {
    let b = SiteTest::fixture("build/basic").build().success();
    let list = "en/partnerships/index.html";
    let titles = b.select_all(list, "article.card .card-title a");
    assert_eq!(
        titles.len(),
        4,
        "every partnership is in the English catalogue"
    );
    let card_link = titles
        .iter()
        .find(|a| {
            b.target(list, a.attr("href").unwrap()).as_deref()
                == Some("en/partnerships/atelier-eupen/index.html")
        })
        .expect("the untranslated partnership is listed in the English catalogue");
    assert_eq!(card_link.squashed(), "Atelier d'été à Eupen");
    assert_eq!(
        card_link.lang.as_deref(),
        Some("fr"),
        "its French title is marked lang=fr in the list"
    );
    let translated = titles
        .iter()
        .find(|a| a.squashed() == "Exchanges with Liège")
        .unwrap();
    assert_eq!(
        translated.lang.as_deref(),
        Some("en"),
        "a translated title keeps the page language"
    );

    let page = "en/partnerships/atelier-eupen/index.html";
    assert_eq!(b.select_one(page, "html").attr("lang"), Some("en"));
    let h1 = b.select_one(page, "h1");
    assert_eq!(h1.squashed(), "Atelier d'été à Eupen");
    assert_eq!(
        h1.lang.as_deref(),
        Some("fr"),
        "the French title is marked lang=fr"
    );
    let summary = b.select_one(page, "p.lead");
    assert_eq!(
        summary.lang.as_deref(),
        Some("fr"),
        "the French summary is marked lang=fr"
    );
    assert!(summary.text.contains("atelier plurilingue"));
    let body = b.select_one(page, "div.body");
    assert_eq!(
        body.lang.as_deref(),
        Some("fr"),
        "the French body is marked lang=fr"
    );
    assert!(body.text.contains("Texte seulement en français"));
    let notice = b.select_one(page, "p.notice");
    assert!(notice.text.contains("translated"), "{:?}", notice.text);
    assert_eq!(
        notice.lang.as_deref(),
        Some("en"),
        "the notice is in English"
    );
    // The interface around it stays English.
    assert_eq!(
        b.select_one(page, "#members-title").lang.as_deref(),
        Some("en")
    );

    // The French page is the original: no notice, nothing marked.
    let fr = "fr/partenariats/atelier-eupen/index.html";
    assert!(b.select_all(fr, "p.notice").is_empty());
    assert_eq!(b.select_one(fr, "h1").lang.as_deref(), Some("fr"));
    assert!(b.select_one(fr, "h1").attr("lang").is_none());
    // A translated English page has no notice.
    assert!(b
        .select_all("en/partnerships/liege-exchanges/index.html", "p.notice")
        .is_empty());
}

#[test]
fn the_build_lists_every_missing_translation() {
    let b = SiteTest::fixture("build/basic").build().success();
    let missing: Vec<&str> = b
        .stderr
        .lines()
        .filter(|l| l.contains("no `en` translation"))
        .collect();
    assert_eq!(
        missing.len(),
        1,
        "one missing translation in the fixture:\n{}",
        b.stderr
    );
    assert!(
        b.stderr.to_lowercase().contains("warning"),
        "reported as a warning:\n{}",
        b.stderr
    );
    assert!(
        b.stderr
            .contains("content/partnerships/atelier-eupen.fr.md"),
        "the warning names the file:\n{}",
        b.stderr
    );
}

#[test]
fn the_404_page_speaks_every_language_of_the_site() {
    let b = SiteTest::fixture("build/basic").build().success();
    let english = b.select_one("404.html", "main p[lang=en]");
    assert!(
        english.squashed().starts_with("Page not found."),
        "{}",
        english.squashed()
    );
    let title = b.select_one("404.html", "main h1");
    assert_eq!(title.squashed(), "Page introuvable");
    assert_eq!(title.lang.as_deref(), Some("fr"));
}

/// A partnership written in English only: the French file holds the shared
/// fields alone.
fn english_only_site() -> SiteTest {
    let site = SiteTest::fixture("build/basic");
    let dir = site.root().join("content/partnerships");
    std::fs::write(
        dir.join("english-only.fr.md"),
        "---\nkind: eu_project\nprogramme: erasmus-plus\nthemes: [social-work-training]\n\
         status: ongoing\nstart: 2024\nmembers:\n  - {institution: helmo, role: coordinator}\n---\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("english-only.en.md"),
        "---\ntitle: Social work without borders\nsummary: A project told in English only.\n---\n\
         The whole text is in English.\n",
    )
    .unwrap();
    site
}

#[test]
fn a_text_written_in_the_second_language_only_is_shown_in_the_first_marked() {
    let site = english_only_site();
    let b = site.build().success();
    assert!(
        b.stderr.contains("no `fr` text"),
        "the build lists the missing French text:\n{}",
        b.stderr
    );
    let fr = "fr/partenariats/english-only/index.html";
    assert_eq!(b.select_one(fr, "html").attr("lang"), Some("fr"));
    let h1 = b.select_one(fr, "h1");
    assert_eq!(h1.squashed(), "Social work without borders");
    assert_eq!(h1.attr("lang"), Some("en"), "the English title is marked");
    assert_eq!(b.select_one(fr, "p.lead").attr("lang"), Some("en"));
    let body = b.select_one(fr, "div.body");
    assert_eq!(body.lang.as_deref(), Some("en"));
    assert!(body.text.contains("The whole text is in English."));
    let notice = b.select_one(fr, "p.notice");
    assert_eq!(notice.lang.as_deref(), Some("fr"), "the notice is French");
    // The French catalogue lists it, its card marked too.
    let list = "fr/partenariats/index.html";
    let card = b
        .select_all(list, "article.card .card-title a")
        .into_iter()
        .find(|a| a.squashed() == "Social work without borders")
        .expect("the English-only partnership is in the French catalogue");
    assert_eq!(card.attr("lang"), Some("en"));
    // The English page is the original: nothing marked.
    let en = "en/partnerships/english-only/index.html";
    assert!(b.select_all(en, "p.notice").is_empty());
    assert!(b.select_one(en, "h1").attr("lang").is_none());

    let run = site.run(&["check", "--translations"]).code(0);
    assert!(
        run.stdout
            .contains("content/partnerships/english-only.fr.md: title, summary, body"),
        "the translation report lists the French text to write:\n{}",
        run.stdout
    );
}
