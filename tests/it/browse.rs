//! Browsing without a server: the facet pages, the catalogue's facets, the
//! filter's data (`search/<lang>/facets.json`) and the search index, read
//! back the way the browser reads them.

use std::collections::{BTreeMap, BTreeSet};

use passerelle::render::search::query_terms;
use serde_json::Value;

use crate::support::{Build, SiteTest};

/// The number a list page announces in its `.count` line.
fn count(b: &Build, page: &str) -> usize {
    let text = b.select_one(page, ".count").squashed();
    text.split(' ').next().unwrap().parse().unwrap()
}

fn card_titles(b: &Build, page: &str) -> BTreeSet<String> {
    b.select_all(page, ".card-title a")
        .iter()
        .map(|n| n.squashed())
        .collect()
}

#[test]
fn each_kind_status_mobility_type_and_start_year_has_its_page() {
    let b = SiteTest::fixture("build/basic").build().success();
    let cases = [
        (
            "fr/partenariats/statut/en-cours/index.html",
            vec![
                "Atelier d'été à Eupen",
                "Titre <script>alert(\"x\")</script> & \"quotes\"",
            ],
        ),
        (
            "en/partnerships/status/ended/index.html",
            vec![
                "Exchanges with Liège",
                "France-Québec child protection network",
            ],
        ),
        (
            "fr/partenariats/type/reseau/index.html",
            vec!["Réseau France-Québec en protection de l'enfance"],
        ),
        (
            "en/partnerships/mobility/teaching/index.html",
            vec!["Exchanges with Liège"],
        ),
        (
            "fr/partenariats/mobilite/etudes/index.html",
            vec!["Échanges avec Liège"],
        ),
        (
            "fr/partenariats/annee/2011/index.html",
            vec!["Réseau France-Québec en protection de l'enfance"],
        ),
        (
            "en/partnerships/year/2025/index.html",
            vec!["Atelier d'été à Eupen"],
        ),
    ];
    for (page, titles) in cases {
        let expected: BTreeSet<String> = titles.into_iter().map(str::to_string).collect();
        assert_eq!(card_titles(&b, page), expected, "{page}");
        assert_eq!(count(&b, page), expected.len(), "{page}");
    }
    // A value no partnership has gets no page.
    assert!(!b.exists("fr/partenariats/statut/en-preparation/index.html"));
    assert!(!b.exists("en/partnerships/kind/cross-border/index.html"));
    // The page names its facet, and its alternate is the same value.
    let kicker = b.select_one("fr/partenariats/statut/en-cours/index.html", ".kicker");
    assert_eq!(kicker.squashed(), "Partenariats · Statut");
    let alternate = b.select_one(
        "fr/partenariats/statut/en-cours/index.html",
        "link[rel=alternate][hreflang=en]",
    );
    assert_eq!(
        alternate.attr("href"),
        Some("https://example.org/international/en/partnerships/status/ongoing/")
    );
}

#[test]
fn every_facet_value_of_the_catalogue_links_to_a_page_with_its_count() {
    let b = SiteTest::fixture("build/basic").build().success();
    for (lang, page, params) in [
        (
            "fr",
            "fr/partenariats/index.html",
            [
                "pays",
                "programmes",
                "thematiques",
                "type",
                "statut",
                "mobilite",
                "annee",
            ],
        ),
        (
            "en",
            "en/partnerships/index.html",
            [
                "countries",
                "programmes",
                "themes",
                "kind",
                "status",
                "mobility",
                "year",
            ],
        ),
    ] {
        let html = b.html(page);
        let facets: Vec<_> = html.select(&crate::support::selector(".facet")).collect();
        let found: Vec<&str> = facets.iter().filter_map(|f| f.attr("data-param")).collect();
        assert_eq!(found, params, "{lang}");
        let mut values = 0;
        for facet in &facets {
            for item in facet.select(&crate::support::selector("li")) {
                let link = item.select(&crate::support::selector("a")).next().unwrap();
                let shown: usize = item
                    .select(&crate::support::selector(".facet-count"))
                    .next()
                    .map(|c| c.text().collect::<String>().trim().parse().unwrap())
                    .unwrap();
                let href = link.attr("href").unwrap();
                let target = b.target(page, href).unwrap();
                assert!(b.exists(&target), "{page}: {href} leads nowhere");
                assert_eq!(count(&b, &target), shown, "{page}: {href}");
                let slug = link.attr("data-value").unwrap();
                assert!(
                    href.trim_end_matches('/').ends_with(slug),
                    "{href} vs {slug}"
                );
                values += 1;
            }
        }
        // 3 countries, 2 programmes, 3 themes, 3 kinds, 2 statuses, 2
        // mobility types, 4 start years.
        assert_eq!(values, 19, "{lang}");
    }
}

/// The documents of a language's index, by number, read from its shards.
fn documents(b: &Build, lang: &str) -> Vec<Value> {
    let meta = json(b, &format!("search/{lang}/meta.json"));
    let total = meta["docs"].as_u64().unwrap() as usize;
    let shard = meta["doc_shard"].as_u64().unwrap() as usize;
    let docs: Vec<Value> = (0..total.div_ceil(shard))
        .flat_map(|n| {
            json(b, &format!("search/{lang}/docs/{n}.json"))
                .as_array()
                .unwrap()
                .clone()
        })
        .collect();
    assert_eq!(docs.len(), total);
    docs
}

fn json(b: &Build, file: &str) -> Value {
    serde_json::from_str(&b.read(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn the_filter_data_gives_each_value_the_partnerships_of_its_page() {
    let b = SiteTest::fixture("build/basic").build().success();
    for (lang, page) in [
        ("fr", "fr/partenariats/index.html"),
        ("en", "en/partnerships/index.html"),
    ] {
        let docs = documents(&b, lang);
        let data = json(&b, &format!("search/{lang}/facets.json"));
        let mut numbered = Vec::new();
        for group in data["groups"].as_array().unwrap() {
            for value in group["values"].as_array().unwrap() {
                numbered.push(format!(
                    "{}/{}",
                    group["param"].as_str().unwrap(),
                    value.as_str().unwrap()
                ));
            }
        }
        let mut titles: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (doc, values) in data["docs"].as_array().unwrap().iter().enumerate() {
            for v in values.as_array().unwrap() {
                let title = docs[doc]["t"].as_str().unwrap().to_string();
                titles
                    .entry(numbered[v.as_u64().unwrap() as usize].clone())
                    .or_default()
                    .insert(title);
            }
        }
        // Each value's partnerships are the cards of its page.
        let html = b.html(page);
        for facet in html.select(&crate::support::selector(".facet")) {
            let param = facet.attr("data-param").unwrap();
            for link in facet.select(&crate::support::selector("a[data-value]")) {
                let key = format!("{param}/{}", link.attr("data-value").unwrap());
                let target = b.target(page, link.attr("href").unwrap()).unwrap();
                assert_eq!(
                    titles.get(&key),
                    Some(&card_titles(&b, &target)),
                    "{lang} {key}"
                );
            }
        }
        // Documents are numbered in the catalogue's order.
        let listed: Vec<String> = b
            .select_all(page, ".card-title a")
            .iter()
            .map(|n| n.squashed())
            .collect();
        let numbered_titles: Vec<String> = docs
            .iter()
            .map(|d| d["t"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(listed, numbered_titles, "{lang}");
    }
}

/// The titles a query finds in the index of `lang`, best first: every word
/// must match, by one of its terms (the browser's rule, without prefixes).
fn search(b: &Build, lang: &str, query: &str) -> Vec<String> {
    let meta = json(b, &format!("search/{lang}/meta.json"));
    let shards: BTreeSet<&str> = meta["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let docs = documents(b, lang);
    let mut total: Option<BTreeMap<u64, u64>> = None;
    for variants in query_terms(passerelle::types::lang::Lang::parse(lang).unwrap(), query) {
        let mut scores = BTreeMap::new();
        for term in variants {
            for (doc, score) in postings(b, lang, &shards, &term) {
                let best = scores.entry(doc).or_insert(0);
                *best = score.max(*best);
            }
        }
        total = Some(match total {
            None => scores,
            Some(t) => t
                .into_iter()
                .filter_map(|(d, s)| scores.get(&d).map(|x| (d, s + x)))
                .collect(),
        });
    }
    let mut found: Vec<(u64, u64)> = total.unwrap_or_default().into_iter().collect();
    found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    found
        .into_iter()
        .map(|(d, _)| docs[d as usize]["t"].as_str().unwrap().to_string())
        .collect()
}

/// (document, score) of a term, read from its shard.
fn postings(b: &Build, lang: &str, shards: &BTreeSet<&str>, term: &str) -> Vec<(u64, u64)> {
    let letters: Vec<char> = term.chars().collect();
    let Some(shard) = (1..=letters.len())
        .rev()
        .map(|k| letters[..k].iter().collect::<String>())
        .find(|name| shards.contains(name.as_str()))
    else {
        return Vec::new();
    };
    let file = passerelle::render::search::file_name(&shard);
    let terms = json(b, &format!("search/{lang}/terms/{file}.json"));
    let mut found = Vec::new();
    if let Some(list) = terms[term].as_array() {
        let mut doc = 0;
        for pair in list.chunks(2) {
            doc += pair[0].as_u64().unwrap();
            found.push((doc, pair[1].as_u64().unwrap()));
        }
    }
    found
}

#[test]
fn the_search_index_finds_stems_without_accents_in_each_language() {
    let b = SiteTest::fixture("build/basic").build().success();
    let liege_fr = "Échanges avec Liège";
    let quebec_fr = "Réseau France-Québec en protection de l'enfance";
    // A plural finds the singular, a word without accents its accented form.
    let escaped = "Titre <script>alert(\"x\")</script> & \"quotes\"";
    assert_eq!(search(&b, "fr", "mobilité"), [liege_fr, escaped]);
    assert_eq!(search(&b, "fr", "Mobilités"), [liege_fr, escaped]);
    // Without accents, in any place of the query.
    assert_eq!(search(&b, "fr", "mobilites"), [liege_fr, escaped]);
    assert_eq!(search(&b, "fr", "mobilites etudiants"), [liege_fr, escaped]);
    assert_eq!(search(&b, "fr", "quebecois"), [quebec_fr, liege_fr]);
    // A title outranks a text that mentions the word.
    assert_eq!(search(&b, "fr", "liege"), [liege_fr, quebec_fr]);
    // Partners, countries and themes are searched too.
    assert_eq!(search(&b, "fr", "mosane"), [liege_fr]);
    // Every word must match; stop words are left out.
    assert_eq!(search(&b, "fr", "les stages croisés"), [quebec_fr]);
    assert!(search(&b, "fr", "stages liège belgique").is_empty());
    // English has its own index, in English.
    assert_eq!(
        search(&b, "en", "youth centres"),
        ["France-Québec child protection network"]
    );
    assert_eq!(
        search(&b, "en", "mobilities"),
        [
            "Exchanges with Liège",
            "Title <script>alert(\"x\")</script> & \"quotes\""
        ]
    );
    assert!(
        search(&b, "en", "échanges").is_empty(),
        "French words are not in the English index"
    );
    // The partnership without an English text is in the English index, in
    // French, marked as such.
    let docs = documents(&b, "en");
    let eupen = docs
        .iter()
        .find(|d| d["t"] == "Atelier d'été à Eupen")
        .unwrap();
    assert_eq!(eupen["l"], "fr");
    assert_eq!(eupen["u"], "en/partnerships/atelier-eupen/");
}

#[test]
fn the_search_page_is_a_form_in_each_language_and_every_page_links_to_it() {
    let b = SiteTest::fixture("build/basic").build().success();
    for (page, other) in [
        (
            "fr/recherche/index.html",
            "https://example.org/international/en/search/",
        ),
        (
            "en/search/index.html",
            "https://example.org/international/fr/recherche/",
        ),
    ] {
        let input = b.select_one(page, ".search-page form input[name=q]");
        assert_eq!(input.attr("type"), Some("search"));
        let alternates = b.select_all(page, "link[rel=alternate][hreflang]");
        assert!(
            alternates.iter().any(|l| l.attr("href") == Some(other)),
            "{page}"
        );
        let scripts: Vec<String> = b
            .select_all(page, "script[src]")
            .iter()
            .map(|s| b.target(page, s.attr("src").unwrap()).unwrap())
            .collect();
        assert_eq!(scripts, ["static/search/stem.js", "static/browse.js"]);
        assert!(scripts.iter().all(|s| b.exists(s)));
        // Without JavaScript, the page leads to the catalogue.
        assert!(b.read(page).contains("<noscript>"));
    }
    let header = b.select_one(
        "fr/partenariats/echanges-liege/index.html",
        "form.header-search",
    );
    let action = header.attr("action").unwrap();
    assert_eq!(
        b.target("fr/partenariats/echanges-liege/index.html", action)
            .as_deref(),
        Some("fr/recherche/index.html")
    );
}

#[test]
fn list_pages_place_the_cards_rendered_once_with_their_links_and_headings() {
    let b = SiteTest::fixture("build/basic").build().success();
    for (page, heading) in [
        ("fr/partenariats/index.html", "h2"),
        ("fr/partenariats/statut/en-cours/index.html", "h2"),
        ("fr/thematiques/student-mobility/index.html", "h2"),
        ("fr/pays/belgique/index.html", "h3"),
        ("en/institutions/helmo/index.html", "h3"),
    ] {
        let titles = b.select_all(page, &format!(".cards {heading}.card-title a"));
        assert!(!titles.is_empty(), "{page}: no {heading} card titles");
        let other = if heading == "h2" { "h3" } else { "h2" };
        assert!(
            b.select_all(page, &format!(".cards {other}.card-title"))
                .is_empty(),
            "{page}"
        );
        // Every link of every card leads to a page of the site.
        for link in b.select_all(page, ".cards a") {
            let href = link.attr("href").unwrap();
            let target = b.target(page, href).unwrap();
            assert!(b.exists(&target), "{page}: {href}");
        }
    }
}
