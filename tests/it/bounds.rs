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

/// `site.yaml` of the base site with `more` added.
fn with_settings(site: &SiteTest, more: &str) {
    let path = site.root().join("site.yaml");
    let yaml = fs::read_to_string(&path).unwrap() + more;
    fs::write(path, yaml).unwrap();
}

#[test]
fn control_characters_in_content_are_refused_where_they_are() {
    for (label, title) in [
        ("NUL", "HELMo\u{0}"),
        ("escape", "HELMo \u{1b}[2J\u{1b}]0;pwned\u{7}"),
        ("carriage return", "HELMo\rLiège"),
        ("C1", "HELMo\u{85}"),
    ] {
        let site = with_partnership(&format!("notes: \"{title}\"\n"), "");
        let run = site.run(&["build"]).code(1);
        assert!(
            run.stderr.contains("control character"),
            "{label}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("helmo.fr.md:2:"),
            "{label}: {}",
            run.stderr
        );
        // The diagnostic itself prints no control character.
        let printed = run.stderr.chars().any(|c| c.is_control() && c != '\n');
        assert!(!printed, "{label}: {:?}", run.stderr);
        assert!(!site.root().join("public").exists());
    }
}

#[test]
fn line_and_paragraph_separators_are_refused_at_the_line_editors_show() {
    // The YAML library takes U+2028 and U+2029 for line breaks, editors
    // show nothing: a YAML error after one would be given a line too far.
    for (label, front, at, shown) in [
        (
            "line separator",
            "notes: \"Liège\u{2028}Lille\"\n",
            "helmo.fr.md:2:14",
            "\\u{2028}",
        ),
        (
            "paragraph separator before a YAML error",
            "notes: Liège\u{2029}\nstatus: [\n",
            "helmo.fr.md:2:13",
            "\\u{2029}",
        ),
    ] {
        let site = with_partnership(front, "");
        let run = site.run(&["check"]).code(1);
        assert!(run.stderr.contains("invisible"), "{label}: {}", run.stderr);
        assert!(run.stderr.contains(at), "{label}: {}", run.stderr);
        // Named in the message, and written visibly in the line shown.
        assert!(run.stderr.contains("separator"), "{label}: {}", run.stderr);
        assert!(run.stderr.contains(shown), "{label}: {}", run.stderr);
        let raw = run.stderr.contains(['\u{2028}', '\u{2029}']);
        assert!(!raw, "{label}: {:?}", run.stderr);
        assert_eq!(
            run.stderr.matches("error:").count(),
            1,
            "{label}: {}",
            run.stderr
        );
    }
}

#[test]
fn terminal_escapes_in_diagnostics_are_printed_escaped() {
    // A file name and a line holding escape sequences, in an error that
    // shows both (an unknown field).
    let site = SiteTest::error_case("_base");
    let dir = site.root().join("content/partnerships");
    fs::write(dir.join("x\u{1b}[31m.fr.md"), "---\ntitle: x\n---\n").unwrap();
    let run = site.run(&["check"]);
    let printed = run.stderr.chars().any(|c| c.is_control() && c != '\n');
    assert!(!printed, "{:?}", run.stderr);
    assert!(run.stderr.contains("\\u{1b}[31m"), "{}", run.stderr);
}

#[test]
fn base_url_must_be_one_absolute_web_address() {
    for bad in [
        "https://example.org/\nDisallow: /",
        "https://exa mple.org/",
        "https://example.org/\"><script>",
        "ftp://example.org/",
        "https:///path",
        "https://example.org/?q=1",
    ] {
        let site = SiteTest::error_case("_base");
        let path = site.root().join("site.yaml");
        let yaml = fs::read_to_string(&path).unwrap().replace(
            "base_url: https://example.org/international/",
            &format!("base_url: {}", serde_json::to_string(bad).unwrap()),
        );
        fs::write(&path, yaml).unwrap();
        let run = site.run(&["build"]).code(1);
        assert!(run.stderr.contains("base_url"), "{bad:?}: {}", run.stderr);
        let site = SiteTest::error_case("_base");
        let run = site.run(&["build", "--base-url", bad]).code(2);
        assert!(
            run.stderr.contains("address"),
            "--base-url {bad:?}: {}",
            run.stderr
        );
        assert!(!site.root().join("public").exists());
    }
    let site = SiteTest::error_case("_base");
    site.run(&["build", "--base-url", "http://localhost:8080/a/b"])
        .code(0);
    let robots = fs::read_to_string(site.root().join("public/robots.txt")).unwrap();
    assert!(
        robots.contains("http://localhost:8080/a/b/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn a_content_file_larger_than_the_limit_is_refused_unread() {
    let site = with_partnership("", &"Un paragraphe de texte.\n".repeat(5_000));
    site.run(&["check"]).code(0);
    with_settings(&site, "limits: {content_file: 64 KB}\n");
    let run = site.run(&["check"]).code(1);
    assert!(run.stderr.contains("helmo.fr.md"), "{}", run.stderr);
    assert!(run.stderr.contains("more than the 64 KB"), "{}", run.stderr);
    // The default limit, 2 MB.
    let site = with_partnership("", &"Un paragraphe de texte.\n".repeat(100_000));
    let run = site.run(&["check"]).code(1);
    assert!(run.stderr.contains("more than the 2 MB"), "{}", run.stderr);
    // A limit that is not a size.
    let site = SiteTest::error_case("_base");
    with_settings(&site, "limits: {image: 20 megas}\n");
    let run = site.run(&["check"]).code(1);
    assert!(run.stderr.contains("limits.image"), "{}", run.stderr);
}

/// A PNG logo of `side` pixels for HELMo, written into the site.
fn png_logo(site: &SiteTest, side: u32) -> std::path::PathBuf {
    let image = image::RgbImage::from_fn(side, side, |x, y| image::Rgb([x as u8, y as u8, 90]));
    let path = site.root().join("content/media/logos/helmo.png");
    image.save(&path).unwrap();
    let institution = site.root().join("content/institutions/helmo.yaml");
    let yaml = fs::read_to_string(&institution).unwrap() + "logo: logos/helmo.png\n";
    fs::write(institution, yaml).unwrap();
    path
}

#[test]
fn damaged_and_oversized_images_are_refused_at_their_name() {
    let site = SiteTest::error_case("_base");
    let path = png_logo(&site, 300);
    site.run(&["check"]).code(0);
    let bytes = fs::read(&path).unwrap();
    fs::write(&path, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let run = site.run(&["check"]).code(1);
    assert!(
        run.stderr.contains("ends before the image does"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("helmo.yaml:"), "{}", run.stderr);

    let jpeg = site.root().join("content/media/logos/helmo.jpg");
    let image = image::RgbImage::from_fn(300, 200, |x, y| image::Rgb([x as u8, y as u8, 9]));
    image.save(&jpeg).unwrap();
    let institution = site.root().join("content/institutions/helmo.yaml");
    let yaml = fs::read_to_string(&institution)
        .unwrap()
        .replace("helmo.png", "helmo.jpg");
    fs::write(&institution, yaml).unwrap();
    site.run(&["check"]).code(0);
    let bytes = fs::read(&jpeg).unwrap();
    fs::write(&jpeg, &bytes[..bytes.len() - 200]).unwrap();
    let run = site.run(&["check"]).code(1);
    assert!(
        run.stderr.contains("ends before the image does"),
        "{}",
        run.stderr
    );

    fs::write(&jpeg, &bytes).unwrap();
    with_settings(&site, "limits: {image: 1 KB}\n");
    let run = site.run(&["check"]).code(1);
    assert!(
        run.stderr.contains("more than the 1 KB an image may be"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_spreadsheet_cell_larger_than_the_limit_is_refused_at_its_place() {
    let site = SiteTest::error_case("_base");
    with_settings(&site, "limits: {cell: 1 KB}\n");
    let big = "x".repeat(2_000);
    let csv = format!("key,title_fr\nhelmo,Court\nautre,{big}\n");
    fs::write(site.tmp().join("p.csv"), csv).unwrap();
    let run = site.run(&["import", "../p.csv", "--dry-run"]).code(1);
    assert!(
        run.stderr.contains("more than the 1 KB a cell may hold"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("title_fr"), "{}", run.stderr);
}

#[test]
fn control_characters_written_as_escapes_or_entities_are_refused() {
    let site = with_partnership("notes: \"Titre \\u001B[2J \\0\"\n", "");
    let run = site.run(&["check"]).code(1);
    assert!(run.stderr.contains("control character"), "{}", run.stderr);
    assert!(run.stderr.contains("helmo.fr.md:2:15"), "{}", run.stderr);
    let site = with_partnership("", "\nUn texte &#27;[31m rouge.\n");
    let run = site.run(&["check"]).code(1);
    assert!(run.stderr.contains("control character"), "{}", run.stderr);
    assert!(run.stderr.contains("helmo.fr.md:"), "{}", run.stderr);
}
