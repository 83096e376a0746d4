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
