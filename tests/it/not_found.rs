//! The built 404 page: a server shows it for a missing address at any
//! depth, so its links start from the path the site is served under (the
//! path of `base_url`, or `/`), never relative to where it was asked.

use crate::support::{selector, SiteTest};

/// Every link, stylesheet and script of the built 404.html.
fn links(site: &SiteTest, extra: &[&str]) -> Vec<String> {
    let built = site.build_with("public", extra).success();
    let page = built.html("404.html");
    page.select(&selector("link[href], a[href], script[src]"))
        .map(|e| {
            let v = e.value();
            v.attr("href").or(v.attr("src")).unwrap().to_string()
        })
        .collect()
}

#[test]
fn the_404_page_links_from_the_sub_path_of_base_url() {
    let site = SiteTest::fixture("build/basic");
    let links = links(&site, &[]);
    let local: Vec<&String> = links
        .iter()
        .filter(|l| !l.starts_with("https://") && !l.starts_with('#'))
        .collect();
    assert!(local.len() >= 5, "{links:?}");
    for link in &local {
        assert!(link.starts_with("/international/"), "`{link}` in 404.html");
    }
    assert!(local.iter().any(|l| l.ends_with(".css")), "{links:?}");
    assert!(
        local.contains(&&"/international/fr/".to_string()),
        "{links:?}"
    );
}

#[test]
fn the_404_page_links_from_the_root_without_a_sub_path() {
    let site = SiteTest::fixture("build/basic");
    let links = links(&site, &["--base-url", "https://partenariats.example.org"]);
    let local: Vec<&String> = links
        .iter()
        .filter(|l| !l.starts_with("https://") && !l.starts_with('#'))
        .collect();
    assert!(local.len() >= 5, "{links:?}");
    for link in &local {
        assert!(
            link.starts_with('/') && !link.starts_with("//"),
            "`{link}` in 404.html"
        );
    }
    assert!(local.contains(&&"/en/".to_string()), "{links:?}");
}
