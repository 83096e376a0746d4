//! What the build writes for web servers. The 404 page: a server shows it
//! for a missing address at any depth, so its links start from the path
//! the site is served under (the path of `base_url`, or `/`), never
//! relative to where it was asked. `_headers` always, `.htaccess` when
//! asked, saying what docs/publishing.md's nginx configuration says.

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

/// The Content-Security-Policy of docs/publishing.md's nginx block (the one
/// tests/browser/nginx.mjs serves the site with).
fn documented_csp() -> String {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/publishing.md"))
        .unwrap();
    let line = doc
        .lines()
        .find(|l| l.contains("add_header Content-Security-Policy"))
        .expect("a CSP in docs/publishing.md");
    line.split('"').nth(1).unwrap().to_string()
}

#[test]
fn headers_for_netlify_and_cloudflare_say_what_the_nginx_recipe_says() {
    let b = SiteTest::fixture("build/basic").build().success();
    let headers = b.read("_headers");
    let csp = documented_csp();
    // Every page of each language, the chooser and the 404 page; not admin/.
    for path in ["/", "/index.html", "/404.html", "/fr/*", "/en/*"] {
        let rule = format!("{path}\n  Content-Security-Policy: {csp}\n");
        assert!(headers.contains(&rule), "no `{rule}` in:\n{headers}");
    }
    assert!(!headers.contains("/admin"), "{headers}");
    assert!(headers.contains("X-Content-Type-Options: nosniff"));
    // Apache's file only when asked.
    assert!(!b.exists(".htaccess"));
}

#[test]
fn htaccess_when_asked_with_the_404_page_at_the_path_of_base_url() {
    let site = SiteTest::fixture("build/basic");
    let yaml = site.root().join("site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, format!("{text}\npublish: {{apache: true}}\n")).unwrap();
    let b = site.build().success();
    let htaccess = b.read(".htaccess");
    assert!(
        htaccess.contains("ErrorDocument 404 /international/404.html\n"),
        "{htaccess}"
    );
    let csp = documented_csp();
    assert!(
        htaccess.contains(&format!("Content-Security-Policy \"{csp}\"")),
        "{htaccess}"
    );
    assert!(
        htaccess.contains("max-age=31536000, immutable"),
        "{htaccess}"
    );
    assert!(
        htaccess.contains("AddOutputFilterByType DEFLATE text/html"),
        "{htaccess}"
    );
    // A mistyped key is refused with a suggestion.
    std::fs::write(&yaml, format!("{text}\npublish: {{apach: true}}\n")).unwrap();
    let run = site.run(&["check"]).code(1);
    assert!(run.stderr.contains("apach"), "{}", run.stderr);
}

/// `--version` names the version and the commit the program was built from.
#[test]
fn version_names_the_commit() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .arg("--version")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        text.starts_with(&format!("passerelle {version} (commit ")),
        "{text}"
    );
    let commit = text
        .split("(commit ")
        .nth(1)
        .unwrap()
        .trim_end()
        .trim_end_matches(')');
    // A checkout gives the hash and date; a source archive `unknown`.
    let hash = commit.split(' ').next().unwrap();
    assert!(
        hash == "unknown" || (hash.len() == 12 && hash.chars().all(|c| c.is_ascii_hexdigit())),
        "{text}"
    );
}
