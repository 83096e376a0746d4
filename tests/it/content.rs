//! How content reaches the page: escaping of YAML strings, `@/` links,
//! contacts, the language of institution names.

use crate::support::{selector, squash, SiteTest};

const TITLE_FR: &str = r#"Titre <script>alert("x")</script> & "quotes""#;
const SUMMARY_FR: &str = r#"Résumé <script>alert("x")</script> & "quotes" <b>gras</b>"#;
const TITLE_EN: &str = r#"Title <script>alert("x")</script> & "quotes""#;
const SUMMARY_EN: &str = r#"Summary <script>alert("x")</script> & "quotes" <b>bold</b>"#;

#[test]
fn yaml_strings_are_escaped_and_shown_literally() {
    let b = SiteTest::fixture("build/basic").build().success();
    let html_files = b.html_files();
    for file in &html_files {
        let html = b.html(file);
        for script in html.select(&selector("script")) {
            let text: String = script.text().collect();
            assert!(
                !text.contains("alert"),
                "`{file}` runs a script from the content: {text:?}"
            );
        }
        if let Some(element) = html
            .select(&selector(".card-summary b, .lead b, h1 b, title b"))
            .next()
        {
            panic!(
                "`{file}` made an element of the content: {}",
                element.html()
            );
        }
    }
    let cases = [
        (
            "fr/partenariats/echappement/index.html",
            TITLE_FR,
            SUMMARY_FR,
        ),
        ("en/partnerships/escaping/index.html", TITLE_EN, SUMMARY_EN),
    ];
    for (page, title, summary) in cases {
        assert_eq!(
            b.select_one(page, "h1").squashed(),
            title,
            "<h1> of `{page}`"
        );
        assert_eq!(
            b.select_one(page, "p.lead").squashed(),
            summary,
            "summary of `{page}`"
        );
        assert_eq!(
            b.select_one(page, "meta[name=description]").attr("content"),
            Some(summary),
            "description of `{page}`"
        );
        let head_title = b.select_one(page, "title").text;
        assert!(
            head_title.starts_with(title),
            "<title> of `{page}`: {head_title:?}"
        );
    }
    // In lists too.
    let list = "fr/partenariats/index.html";
    let card = b
        .select_all(list, "article.card")
        .into_iter()
        .find(|c| c.text.contains("Titre <script>"))
        .expect("the card of the partnership with HTML-like text");
    assert!(squash(&card.text).contains(SUMMARY_FR), "{:?}", card.text);
}

#[test]
fn at_links_become_relative_links_to_the_items_in_the_page_language() {
    let b = SiteTest::fixture("build/basic").build().success();
    // (page, container, link text, expected target)
    let cases = [
        (
            "fr/partenariats/echanges-liege/index.html",
            "div.body",
            "la Belgique",
            "fr/pays/belgique/index.html",
        ),
        (
            "fr/partenariats/echanges-liege/index.html",
            "div.body",
            "la Haute École Libre Mosane",
            "fr/institutions/helmo/index.html",
        ),
        (
            "fr/partenariats/echanges-liege/index.html",
            "div.body",
            "le réseau québécois",
            "fr/partenariats/reseau-quebec/index.html",
        ),
        (
            "fr/partenariats/echanges-liege/index.html",
            "div.body",
            "la page À propos",
            "fr/a-propos/index.html",
        ),
        (
            "en/partnerships/liege-exchanges/index.html",
            "div.body",
            "Belgium",
            "en/countries/belgium/index.html",
        ),
        (
            "en/partnerships/liege-exchanges/index.html",
            "div.body",
            "Haute École Libre Mosane",
            "en/institutions/helmo/index.html",
        ),
        (
            "en/partnerships/liege-exchanges/index.html",
            "div.body",
            "the Québec network",
            "en/partnerships/quebec-network/index.html",
        ),
        (
            "en/partnerships/liege-exchanges/index.html",
            "div.body",
            "the About page",
            "en/about/index.html",
        ),
        (
            "en/partnerships/quebec-network/index.html",
            "div.body",
            "the exchanges with Liège",
            "en/partnerships/liege-exchanges/index.html",
        ),
        // A French body shown on the English site links to English pages.
        (
            "en/partnerships/atelier-eupen/index.html",
            "div.body",
            "Eupen",
            "en/institutions/ahs-eupen/index.html",
        ),
        // Country intros, institution descriptions and static pages.
        (
            "fr/pays/belgique/index.html",
            ".intro",
            "HELMo",
            "fr/institutions/helmo/index.html",
        ),
        (
            "en/countries/quebec-canada/index.html",
            ".intro",
            "network",
            "en/partnerships/quebec-network/index.html",
        ),
        (
            "en/institutions/irts-hdf/index.html",
            "div.body",
            "exchanges with Liège",
            "en/partnerships/liege-exchanges/index.html",
        ),
        (
            "fr/a-propos/index.html",
            "article",
            "les échanges avec Liège",
            "fr/partenariats/echanges-liege/index.html",
        ),
        (
            "en/about/index.html",
            "article",
            "the exchanges with Liège",
            "en/partnerships/liege-exchanges/index.html",
        ),
    ];
    for (page, container, text, expected) in cases {
        let links = b.select_all(page, &format!("{container} a"));
        let link = links
            .iter()
            .find(|a| a.squashed() == text)
            .unwrap_or_else(|| {
                panic!("`{page}`: no link `{text}` in `{container}`; links: {links:?}")
            });
        let href = link.attr("href").unwrap();
        assert!(
            !href.starts_with('@') && !href.starts_with('/') && !href.contains("://"),
            "`{page}`: `{text}` → `{href}` is not a relative link"
        );
        assert_eq!(
            b.target(page, href).as_deref(),
            Some(expected),
            "`{page}`: `{text}` → `{href}`"
        );
        assert!(b.exists(expected));
    }
}

#[test]
fn only_public_contacts_are_shown_with_an_obfuscated_email() {
    let b = SiteTest::fixture("build/basic").build().success();
    for (page, role) in [
        (
            "fr/partenariats/echanges-liege/index.html",
            "Chargée des relations internationales",
        ),
        (
            "en/partnerships/liege-exchanges/index.html",
            "International relations officer",
        ),
    ] {
        let contacts = b.select_all(page, "ul.contacts > li");
        assert_eq!(
            contacts.len(),
            1,
            "`{page}`: only the public contact is shown"
        );
        let text = contacts[0].squashed();
        assert!(
            text.contains("Marie Dupont") && text.contains(role),
            "`{page}`: {text:?}"
        );
        let mail = b.select_one(page, "ul.contacts a");
        assert_eq!(
            mail.squashed(),
            "marie.dupont@example.org",
            "`{page}`: readers see the address"
        );
        assert_eq!(
            mail.attr("href"),
            Some("mailto:marie.dupont@example.org"),
            "`{page}`"
        );
        let source = b.read(page);
        assert!(
            !source.contains("marie.dupont@example.org"),
            "`{page}`: the address is in the HTML source as plain text"
        );
        assert!(
            !source.contains("mailto:marie"),
            "`{page}`: the mailto: link is in the HTML source as plain text"
        );
    }
    // The private contact is nowhere in the output.
    for file in b.files() {
        let bytes = std::fs::read(b.path(&file)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for secret in ["Paul Secret", "paul.secret", "Comptable", "Accountant"] {
            assert!(
                !text.contains(secret),
                "`{file}` shows the private contact ({secret})"
            );
        }
    }
}

#[test]
fn institution_names_are_marked_with_their_own_language() {
    let b = SiteTest::fixture("build/basic").build().success();
    for page in [
        "fr/institutions/ahs-eupen/index.html",
        "en/institutions/ahs-eupen/index.html",
    ] {
        let h1 = b.select_one(page, "h1");
        assert_eq!(h1.attr("lang"), Some("de"), "`{page}`");
    }
    for (page, institution, lang) in [
        (
            "en/institutions/index.html",
            "Autonome Hochschule in der Deutschsprachigen Gemeinschaft",
            Some("de"),
        ),
        (
            "en/institutions/index.html",
            "Haute École Libre Mosane",
            Some("en"),
        ),
        (
            "fr/partenariats/echanges-liege/index.html",
            "Autonome Hochschule in der Deutschsprachigen Gemeinschaft",
            Some("de"),
        ),
    ] {
        let link = b
            .select_all(page, "main a")
            .into_iter()
            .find(|a| a.squashed() == institution)
            .unwrap_or_else(|| panic!("`{page}`: no link to {institution}"));
        assert_eq!(link.lang.as_deref(), lang, "`{page}`: {institution}");
    }
}

#[test]
fn partnership_page_shows_every_filled_field() {
    let b = SiteTest::fixture("build/basic").build().success();
    let page = "en/partnerships/liege-exchanges/index.html";
    let main = b.select_one(page, "main").squashed();
    for expected in [
        "(ELI)",
        "KA220",
        "2024-1-FR01-KA220-HED-000123456",
        "Social-work students",
        "HELMo website",
        "Project results",
        "Video presentation",
        // The wording the EU requires for its emblem.
        "Co-funded by the European Union",
        "Agence Erasmus+ France Éducation Formation",
    ] {
        assert!(main.contains(expected), "`{page}` lacks {expected:?}");
    }
    assert_eq!(
        b.select_all(page, "ul.members > li").len(),
        3,
        "`{page}`: three members"
    );
    let numbers: Vec<String> = b
        .select_all(page, "section[aria-labelledby=mobility-title] tbody td.num")
        .iter()
        .map(|cell| cell.squashed())
        .collect();
    assert_eq!(
        numbers,
        ["4", "5", "2", "–"],
        "`{page}`: places and months of the two mobility lines"
    );
    let logo = b.select_one(page, "img.logo");
    assert_eq!(logo.attr("alt"), Some("Logo of the ELI project"));
    assert_eq!(
        b.target(page, logo.attr("src").unwrap()).as_deref(),
        Some("media/logos/echanges.svg")
    );
    let links: Vec<_> = b
        .select_all(page, "ul.links a")
        .iter()
        .map(|a| a.attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        links,
        ["https://www.helmo.be/", "https://example.org/resultats.pdf"]
    );
    // A video of a site other than YouTube or Vimeo is a plain link.
    let video = b.select_one(page, "ul.videos a");
    assert_eq!(
        video.attr("href"),
        Some("https://video.example.org/watch/42")
    );
    let institution_logo = b.select_one("en/institutions/helmo/index.html", "img.logo");
    assert_eq!(
        b.target(
            "en/institutions/helmo/index.html",
            institution_logo.attr("src").unwrap()
        )
        .as_deref(),
        // The 1 × 1 pixel PNG, named after the hash of its bytes.
        Some("media/logos/helmo-517bc141-1x1.png")
    );
}

#[test]
fn english_labels_have_no_space_before_a_colon() {
    let b = SiteTest::fixture("build/basic").build().success();
    let authority = b.select_one(
        "en/partnerships/liege-exchanges/index.html",
        "p.eu-authority",
    );
    assert_eq!(
        authority.squashed(),
        "Granting authority: Agence Erasmus+ France Éducation Formation"
    );
}
