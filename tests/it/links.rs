//! Every internal link of the output leads to a file of the output, so the
//! site works under any path of any static server.

use std::path::Path;

use crate::support::SiteTest;

#[test]
fn every_internal_link_of_the_fixture_resolves() {
    let b = SiteTest::fixture("build/basic").build().success();
    let problems = b.broken_links();
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_example_site_builds_cleanly_and_every_internal_link_resolves() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let b = SiteTest::in_place(root).build().success();
    let errors: Vec<&str> = b
        .stderr
        .lines()
        .filter(|l| l.starts_with("error"))
        .collect();
    assert!(
        errors.is_empty(),
        "the example site reports errors:\n{}",
        b.stderr
    );
    if let Some(summary) = b.stderr.lines().find(|l| l.contains("error(s)")) {
        assert!(summary.starts_with("0 error(s)"), "{summary}");
    }
    let html_files = b.html_files();
    assert!(
        html_files.len() > 50,
        "the example site built only {} pages",
        html_files.len()
    );
    for lang in ["fr", "en"] {
        assert!(b.exists(&format!("{lang}/index.html")) && b.exists(&format!("{lang}/atom.xml")));
    }
    let problems = b.broken_links();
    assert!(
        problems.is_empty(),
        "broken links in the example site:\n{}",
        problems.join("\n")
    );
}
