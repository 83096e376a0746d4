//! A generated catalogue of 200 partnerships (`examples/gen-corpus.rs`,
//! the one the benchmarks use at 10,000) builds cleanly, its lists are
//! paginated, and every link of its 1,000 pages resolves.

use std::path::PathBuf;
use std::process::Command;

use crate::support::SiteTest;

/// The example binary `cargo test` builds beside the test binaries.
fn generator() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let profile = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>");
    let generator = profile.join("examples").join("gen-corpus");
    if !generator.is_file() {
        let status = Command::new(env!("CARGO"))
            .args(["build", "--example", "gen-corpus"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("build the corpus generator");
        assert!(status.success());
    }
    generator
}

#[test]
fn a_generated_catalogue_of_200_builds_paginated_with_no_broken_link() {
    let dir = crate::support::TempDir::new("corpus");
    let root = dir.path().join("site");
    let status = Command::new(generator())
        .args(["--partnerships", "200", "--out"])
        .arg(&root)
        .status()
        .expect("run gen-corpus");
    assert!(status.success());
    let site = SiteTest::in_place(&root);
    let b = site.build().success();
    assert!(
        !b.stderr.lines().any(|l| l.starts_with("error")),
        "{}",
        b.stderr
    );

    // 200 partnerships, 30 a page: 7 pages of the catalogue in each language.
    for (lang, section) in [("fr", "partenariats"), ("en", "partnerships")] {
        assert!(
            b.exists(&format!("{lang}/{section}/page/7/index.html")),
            "{lang}"
        );
        assert!(
            !b.exists(&format!("{lang}/{section}/page/8/index.html")),
            "{lang}"
        );
        let first = b.select_all(&format!("{lang}/{section}/index.html"), "article.card");
        assert_eq!(first.len(), 30, "{lang}: cards on the first page");
        let last = b.select_all(
            &format!("{lang}/{section}/page/7/index.html"),
            "article.card",
        );
        assert_eq!(last.len(), 20, "{lang}: cards on the last page");
        let current = b.select_all(
            &format!("{lang}/{section}/page/7/index.html"),
            ".pagination [aria-current=page]",
        );
        assert_eq!(current.len(), 1);
    }
    // The second page of the French catalogue has its English counterpart.
    let alternates = b.select_all(
        "fr/partenariats/page/2/index.html",
        "link[rel=alternate][hreflang=en]",
    );
    assert_eq!(alternates.len(), 1);
    assert!(alternates[0]
        .attr("href")
        .unwrap_or_default()
        .ends_with("/en/partnerships/page/2/"));

    let pages = b.html_files().len();
    assert!(pages > 900, "only {pages} pages");
    let problems = b.broken_links();
    assert!(
        problems.is_empty(),
        "{} broken links, first: {:?}",
        problems.len(),
        problems.first()
    );
}

/// `2024-03` → (2024, 3, 1): the first day a date of the export may mean.
fn earliest(date: &str) -> (i32, u32, u32) {
    let mut parts = date.split('-').map(|p| p.parse::<u32>().unwrap());
    let year = parts.next().unwrap() as i32;
    (year, parts.next().unwrap_or(1), parts.next().unwrap_or(1))
}

/// The partnership pages the cards of a list lead to, from its first page
/// through every `rel=next`, with the chosen sort link of each page.
fn walk_list(b: &crate::support::Build, first: &str) -> (Vec<String>, Vec<String>) {
    let (mut page, mut cards, mut chosen) = (first.to_string(), Vec::new(), Vec::new());
    loop {
        for card in b.select_all(&page, "article.card .card-title a") {
            cards.push(b.target(&page, card.attr("href").unwrap()).unwrap());
        }
        let current = b.select_one(&page, ".sort a[aria-current=true]");
        chosen.push(b.target(&page, current.attr("href").unwrap()).unwrap());
        let next = b.select_all(&page, ".pagination a[rel=next]");
        match next.first() {
            Some(link) => page = b.target(&page, link.attr("href").unwrap()).unwrap(),
            None => return (cards, chosen),
        }
    }
}

#[test]
fn the_catalogue_reads_in_each_order_without_javascript() {
    let dir = crate::support::TempDir::new("sorted");
    let root = dir.path().join("site");
    let status = Command::new(generator())
        .args(["--partnerships", "200", "--out"])
        .arg(&root)
        .status()
        .expect("run gen-corpus");
    assert!(status.success());
    let base = "https://example.org/sorted/";
    let b = SiteTest::in_place(&root)
        .build_with("public", &["--base-url", base])
        .success();
    let export: serde_json::Value =
        serde_json::from_str(&b.read("data/partnerships.json")).unwrap();
    let cases = [("fr", "fr/partenariats/"), ("en", "en/partnerships/")];
    for (lang, section) in cases {
        // page file → (start, sort key of the title)
        let mut facts = std::collections::BTreeMap::new();
        for p in export["partnerships"].as_array().unwrap() {
            let url = p["texts"][lang]["url"].as_str().unwrap();
            let title = p["texts"][lang]["title"].as_str().unwrap();
            let start = earliest(p["start"].as_str().unwrap());
            let file = b.file_of_url(base, url).unwrap();
            facts.insert(file, (start, passerelle::types::text::sort_key(title)));
        }
        let sort = if lang == "fr" { "tri" } else { "sort" };
        let (newest, earliest_first) = match lang {
            "fr" => ("recents", "date-de-debut"),
            _ => ("newest", "start-date"),
        };
        let orders = [
            (format!("{section}index.html"), "title"),
            (format!("{section}{sort}/{newest}/index.html"), "newest"),
            (
                format!("{section}{sort}/{earliest_first}/index.html"),
                "start",
            ),
        ];
        let mut lists = std::collections::BTreeMap::new();
        for (first, order) in &orders {
            let (cards, chosen) = walk_list(&b, first);
            assert_eq!(cards.len(), 200, "{first}: every partnership once");
            let distinct: std::collections::BTreeSet<_> = cards.iter().collect();
            assert_eq!(distinct.len(), 200, "{first}");
            assert_eq!(chosen.len(), 7, "{first}: seven pages");
            assert!(chosen.iter().all(|c| c == first), "{first}: {chosen:?}");
            let keys: Vec<_> = cards.iter().map(|c| facts[c].clone()).collect();
            for pair in keys.windows(2) {
                let ((a_start, a_title), (b_start, b_title)) = (&pair[0], &pair[1]);
                let in_order = match *order {
                    "title" => a_title <= b_title,
                    "newest" => a_start > b_start || (a_start == b_start && a_title <= b_title),
                    _ => a_start < b_start || (a_start == b_start && a_title <= b_title),
                };
                assert!(in_order, "{first}: {:?} before {:?}", pair[0], pair[1]);
            }
            // The other orders are the catalogue's: not in the sitemap,
            // and their canonical address is its first page.
            let canonical = b.select_one(first, "link[rel=canonical]");
            assert_eq!(
                canonical.attr("href"),
                Some(format!("{base}{section}").as_str()),
                "{first}"
            );
            lists.insert(*order, cards);
        }
        let sitemap = b.read("sitemap.xml");
        assert!(!sitemap.contains(&format!("{sort}/{newest}/")));
        // The filter's data lists the same orders as document numbers,
        // which number the partnerships in title order.
        let data: serde_json::Value =
            serde_json::from_str(&b.read(&format!("search/{lang}/facets.json"))).unwrap();
        for order in ["newest", "start"] {
            let numbers = data["orders"][order].as_array().unwrap();
            let from_data: Vec<&String> = numbers
                .iter()
                .map(|n| &lists["title"][n.as_u64().unwrap() as usize])
                .collect();
            let from_pages: Vec<&String> = lists[order].iter().collect();
            assert_eq!(from_data, from_pages, "{lang}: {order}");
        }
    }
}
