//! Bounded work for any input: nesting, sizes, control characters, the
//! base address, damaged images and what diagnostics print. Each hostile
//! input gets a located error, fast, and never reaches the output.

use std::fs;
use std::time::{Duration, Instant};

use crate::support::SiteTest;

/// The base site with the French partnership's front matter (`front`,
/// added after its first line) and body (`body`, after its text) grown.
fn with_partnership(front: &str, body: &str) -> SiteTest {
    let site = SiteTest::error_case("_base");
    let file = site.root().join("content/partnerships/helmo.fr.md");
    let text = fs::read_to_string(&file).unwrap();
    let text = text.replacen("---\n", &format!("---\n{front}"), 1) + body;
    fs::write(&file, text).unwrap();
    site
}

/// `check` on the site, which must fail within `limit`.
fn fails_fast(site: &SiteTest, limit: Duration) -> String {
    let started = Instant::now();
    let run = site.run(&["check"]).code(1);
    assert!(started.elapsed() < limit, "took {:?}", started.elapsed());
    run.stderr
}

#[test]
fn deeply_nested_yaml_is_refused_fast_where_it_goes_too_deep() {
    for (label, value, at) in [
        ("brackets", "[".repeat(100_000), "2:71"),
        ("maps", "{a: ".repeat(100_000), "2:260"),
        ("dashes", format!("\n{}", "- ".repeat(50_000)), "3:129"),
    ] {
        let site = with_partnership(&format!("notes: {value}\n"), "");
        let stderr = fails_fast(&site, Duration::from_secs(5));
        let head = &stderr[..stderr.len().min(2000)];
        assert!(stderr.contains("more than 64 levels"), "{label}: {head}");
        assert!(
            stderr.contains(&format!("helmo.fr.md:{at}")),
            "{label}: {head}"
        );
    }
}

#[test]
fn deeply_nested_markdown_is_refused_where_it_goes_too_deep() {
    for (label, body) in [
        ("quotes", format!("\n{}deep\n", "> ".repeat(100_000))),
        ("lists", format!("\n{}deep\n", "- ".repeat(20_000))),
        (
            "emphasis",
            format!("\n{}deep{}\n", "*a ".repeat(30_000), " a*".repeat(30_000)),
        ),
    ] {
        let site = with_partnership("", &body);
        let stderr = fails_fast(&site, Duration::from_secs(20));
        assert!(stderr.contains("more than 64 levels"), "{label}: {stderr}");
        assert!(stderr.contains("helmo.fr.md:"), "{label}: {stderr}");
    }
}
