//! Diagnostics as people read them: one fixture per kind of content
//! problem (`tests/fixtures/errors/<case>/`, laid over `errors/_base/`),
//! the message of `passerelle check` kept as a reviewed snapshot, in
//! English and, for a few cases, in French; exit statuses; JSON output;
//! files written on Windows (BOM, CRLF).

use std::fs;
use std::path::Path;

use crate::support::{read_tree, SiteTest};

/// `passerelle check` on an error case: asserts the exit status and
/// returns the messages, ready for a snapshot.
#[track_caller]
fn check(case: &str, code: i32) -> String {
    check_site(&SiteTest::error_case(case), code)
}

#[track_caller]
fn check_site(site: &SiteTest, code: i32) -> String {
    let run = site.run(&["check"]).code(code);
    assert_eq!(run.stdout, "", "messages go to stderr");
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "{}",
        run.stderr
    );
    run.normalised_stderr()
}

#[track_caller]
fn check_fr(case: &str, code: i32) -> String {
    SiteTest::error_case(case)
        .run(&["check", "--lang", "fr"])
        .code(code)
        .normalised_stderr()
}

#[test]
fn the_base_of_the_error_cases_is_valid_and_says_so() {
    let run = SiteTest::error_case("_base").run(&["check"]).code(0);
    let said = run.stderr.trim_end();
    assert!(
        said.starts_with("No problem found: the site makes ") && said.ends_with(" files."),
        "{said}"
    );
    assert_eq!(said.lines().count(), 1, "{said}");
}

#[test]
fn coordinates_of_the_wrong_shape_or_off_the_earth() {
    insta::assert_snapshot!(check("bad-coordinates", 1));
}

#[test]
fn coordinates_of_the_wrong_shape_or_off_the_earth_fr() {
    insta::assert_snapshot!(check_fr("bad-coordinates", 1));
}

/// A partnership whose front matter has a mistake is not rendered: its
/// `@/media/` problems are reported in the same run all the same.
#[test]
fn media_problems_of_a_partnership_with_a_front_matter_error() {
    let said = check("media-in-broken-partnership", 1);
    for expected in [
        "belgium",
        "photos/liege.jpg",
        "no text alternative",
        "docs/plaquette.pdf",
    ] {
        assert!(said.contains(expected), "{expected} in:\n{said}");
    }
    insta::assert_snapshot!(said);
}

/// A partnership or page whose front matter cannot be read at all (a YAML
/// mistake, an unknown field) still has the problems of its text
/// reported in the same run, at the file's own lines; a file whose front
/// matter is not closed has no text to check.
#[test]
fn text_problems_of_files_whose_front_matter_cannot_be_read() {
    let run = SiteTest::error_case("text-of-unparsed-files")
        .run(&["check", "--message-format", "json"])
        .code(1);
    let found: Vec<(String, u64, u64, String)> = run
        .stderr
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .map(|o| {
            let file = o["file"].as_str().unwrap().to_string();
            let (line, column) = (o["line"].as_u64().unwrap(), o["column"].as_u64().unwrap());
            (
                file,
                line,
                column,
                o["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let partnership = "content/partnerships/helmo.fr.md";
    let (page_fr, page_en) = ("content/pages/about.fr.md", "content/pages/about.en.md");
    let expected = [
        (page_en, 3, 1, "the front matter is not closed"),
        (page_fr, 3, 1, "unknown field `titre`"),
        (page_fr, 6, 22, "no partnership `parme`"),
        (page_fr, 8, 22, "no file `docs/programme.pdf`"),
        (partnership, 3, 19, "unexpected `:`"),
        (partnership, 14, 26, "no file `photos/liege.jpg`"),
        (
            partnership,
            16,
            15,
            "`logos/helmo.svg` has no text alternative",
        ),
        (partnership, 16, 62, "no page `a-propos`"),
        (partnership, 18, 22, "no file `docs/plaquette.pdf`"),
    ];
    for (file, line, column, message) in expected {
        assert!(
            found
                .iter()
                .any(|(f, l, c, m)| (f.as_str(), *l, *c) == (file, line, column)
                    && m.contains(message)),
            "no `{message}` at {file}:{line}:{column} in:\n{}",
            run.stderr
        );
    }
    // Nothing else: the text after an unclosed front matter is unchecked.
    assert_eq!(found.len(), expected.len(), "{}", run.stderr);
}

#[test]
fn yaml_syntax_error() {
    insta::assert_snapshot!(check("yaml-syntax", 1));
}

#[test]
fn yaml_syntax_error_fr() {
    insta::assert_snapshot!(check_fr("yaml-syntax", 1));
}

#[test]
fn front_matter_not_closed() {
    insta::assert_snapshot!(check("front-matter-not-closed", 1));
}

#[test]
fn missing_required_field() {
    insta::assert_snapshot!(check("missing-required-field", 1));
}

#[test]
fn unknown_field() {
    insta::assert_snapshot!(check("unknown-field", 1));
}

#[test]
fn unknown_field_fr() {
    insta::assert_snapshot!(check_fr("unknown-field", 1));
}

#[test]
fn wrong_type_amount() {
    insta::assert_snapshot!(check("wrong-type-amount", 1));
}

#[test]
fn wrong_type_amount_fr() {
    insta::assert_snapshot!(check_fr("wrong-type-amount", 1));
}

#[test]
fn invalid_date() {
    insta::assert_snapshot!(check("invalid-date", 1));
}

#[test]
fn end_before_start() {
    insta::assert_snapshot!(check("end-before-start", 1));
}

/// The dates are far from today (end in 2099) so the message is stable.
#[test]
fn status_contradicting_dates_is_a_warning() {
    insta::assert_snapshot!(check("status-contradicts-dates", 0));
}

#[test]
fn unknown_country() {
    insta::assert_snapshot!(check("unknown-country", 1));
}

#[test]
fn unknown_institution() {
    insta::assert_snapshot!(check("unknown-institution", 1));
}

#[test]
fn unknown_institution_fr() {
    insta::assert_snapshot!(check_fr("unknown-institution", 1));
}

#[test]
fn unknown_theme() {
    insta::assert_snapshot!(check("unknown-theme", 1));
}

#[test]
fn unknown_programme() {
    insta::assert_snapshot!(check("unknown-programme", 1));
}

#[test]
fn broken_internal_link() {
    insta::assert_snapshot!(check("broken-link", 1));
}

#[test]
fn duplicate_slug() {
    insta::assert_snapshot!(check("duplicate-slug", 1));
}

#[test]
fn translation_repeating_a_shared_field_with_another_value() {
    insta::assert_snapshot!(check("translation-differs", 1));
}

#[test]
fn translation_without_default_language_file() {
    insta::assert_snapshot!(check("translation-without-default", 1));
}

#[test]
fn missing_translation_is_a_warning() {
    insta::assert_snapshot!(check("missing-translation", 0));
}

#[test]
fn missing_translation_in_french_from_the_locale() {
    let run = SiteTest::error_case("missing-translation")
        .run_env(&["check"], &[("LANG", "fr_FR.UTF-8")])
        .code(0);
    insta::assert_snapshot!(run.normalised_stderr());
}

#[test]
fn logo_without_alt_is_a_warning() {
    insta::assert_snapshot!(check("logo-without-alt", 0));
}

#[test]
fn empty_file() {
    insta::assert_snapshot!(check("empty-file", 1));
}

#[test]
fn invalid_utf8() {
    insta::assert_snapshot!(check("invalid-utf8", 1));
}

#[test]
fn invalid_utf8_fr() {
    insta::assert_snapshot!(check_fr("invalid-utf8", 1));
}

/// A file that cannot be read: git cannot keep one, and tests run as root
/// (so `chmod 000` does not stop reading), so a dangling symbolic link
/// stands for it, made at run time.
#[test]
fn unreadable_file() {
    let site = SiteTest::error_case("_base");
    let link = site.root().join("content/partnerships/liege.fr.md");
    std::os::unix::fs::symlink("../../../elsewhere/liege.fr.md", link).unwrap();
    insta::assert_snapshot!(check_site(&site, 1));
}

/// A folder named like a content file is not silently skipped.
#[test]
fn folder_named_like_a_content_file() {
    let site = SiteTest::error_case("_base");
    fs::create_dir(site.root().join("content/partnerships/liege.fr.md")).unwrap();
    insta::assert_snapshot!(check_site(&site, 1));
}

#[test]
fn symlink_loop_in_content() {
    let site = SiteTest::error_case("_base");
    let link = site.root().join("content/partnerships/loop");
    std::os::unix::fs::symlink(".", link).unwrap();
    insta::assert_snapshot!(check_site(&site, 1));
}

#[test]
fn template_error_names_the_template_file_and_line() {
    insta::assert_snapshot!(check("template-error", 1));
}

#[test]
fn unknown_key_in_site_yaml() {
    insta::assert_snapshot!(check("site-yaml-unknown-key", 1));
}

#[test]
fn unknown_key_in_site_yaml_fr() {
    insta::assert_snapshot!(check_fr("site-yaml-unknown-key", 1));
}

#[test]
fn every_problem_of_a_site_is_reported_at_once() {
    let stderr = check("many", 1);
    let errors = stderr.lines().filter(|l| l.starts_with("error: ")).count();
    assert!(errors >= 5, "{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn warnings_alone_exit_with_0() {
    let site = SiteTest::error_case("missing-translation");
    let run = site.run(&["check"]).code(0);
    assert!(run.stderr.starts_with("warning: "), "{}", run.stderr);
    let out = site.tmp().join("out");
    let out = out.to_str().unwrap();
    let run = site.run(&["build", "--output", out]).code(0);
    assert!(run.stderr.starts_with("warning: "), "{}", run.stderr);
    assert!(Path::new(out).join("index.html").is_file());
}

#[test]
fn usage_errors_exit_with_2() {
    let site = SiteTest::error_case("_base");
    let cases: [&[&str]; 4] = [
        &["check", "--no-such-option"],
        &["no-such-command"],
        &["build", "--output"],
        &["check", "--message-format", "xml"],
    ];
    for args in cases {
        let run = site.run(args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn json_messages_are_one_object_per_line() {
    let run = SiteTest::error_case("many")
        .run(&["check", "--message-format", "json"])
        .code(1);
    let objects: Vec<serde_json::Value> = run
        .stderr
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}")))
        .collect();
    assert!(objects.len() >= 5, "{}", run.stderr);
    for o in &objects {
        for key in ["severity", "file", "line", "column", "message"] {
            assert!(o.get(key).is_some(), "no `{key}` in {o}");
        }
    }
    let institution = objects
        .iter()
        .find(|o| o["field"] == "members[1].institution")
        .unwrap_or_else(|| panic!("no diagnostic on the member: {}", run.stderr));
    assert_eq!(institution["severity"], "error");
    assert_eq!(institution["file"], "content/partnerships/helmo.fr.md");
    assert_eq!(institution["line"], 13);
    assert_eq!(institution["column"], 19);
    assert_eq!(
        institution["source_line"],
        "  - {institution: helmoo, role: partner}"
    );
    assert_eq!(institution["hint"], "did you mean `helmo`?");
    let french = SiteTest::error_case("many")
        .run(&["check", "--message-format", "json", "--lang", "fr"])
        .code(1);
    assert!(
        french
            .stderr
            .contains(r#""message":"établissement inconnu"#),
        "{}",
        french.stderr
    );
}

/// Content written on Windows: every text file with a BOM and CRLF line
/// endings builds without a message and gives the same site.
#[test]
fn bom_and_crlf_files_build_like_lf_files() {
    let lf = SiteTest::fixture("build/basic");
    let crlf = SiteTest::fixture("build/basic");
    let mut converted = 0;
    for entry in walk_files(crlf.root()) {
        let is_text = ["md", "yaml"]
            .iter()
            .any(|ext| entry.extension().is_some_and(|e| e == *ext));
        if is_text {
            let text = fs::read_to_string(&entry).unwrap();
            let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
            fs::write(&entry, windows).unwrap();
            converted += 1;
        }
    }
    assert!(converted > 10);
    let a = lf.build().success();
    let b = crlf.build().success();
    assert_eq!(
        a.stderr.lines().filter(|l| l.contains("warning")).count(),
        b.stderr.lines().filter(|l| l.contains("warning")).count(),
        "{}",
        b.stderr
    );
    assert!(!b.stderr.contains("error:"), "{}", b.stderr);
    let (a, b) = (read_tree(&a.out), read_tree(&b.out));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (file, bytes) in &a {
        assert!(b[file] == *bytes, "`{file}` differs with BOM + CRLF input");
    }
}

/// A file written on Windows is reported at the same line and column, and
/// shows the same source line, as the same file with LF endings.
#[test]
fn bom_and_crlf_files_are_located_like_lf_files() {
    for case in [
        "many",
        "broken-link",
        "yaml-syntax",
        "text-of-unparsed-files",
    ] {
        let lf = check(case, 1);
        let site = SiteTest::error_case(case);
        for file in walk_files(&site.root().join("content")) {
            let text = fs::read_to_string(&file).unwrap();
            if !text.is_empty() && file.extension().is_some_and(|e| e == "md" || e == "yaml") {
                fs::write(&file, format!("\u{feff}{}", text.replace('\n', "\r\n"))).unwrap();
            }
        }
        assert_eq!(check_site(&site, 1), lf, "{case}");
    }
}

fn walk_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk_files(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Regression: a theme label missing in one language crashed the render
/// (`labels[lang]`). It is a warning now: the label written is shown.
#[test]
fn a_theme_label_missing_a_language_is_reported_without_a_crash() {
    let site = SiteTest::fixture("build/basic");
    let themes = site.root().join("content/taxonomies/themes.yaml");
    let text = std::fs::read_to_string(&themes).unwrap();
    let text = text.replace(
        "student-mobility: {fr: Mobilité étudiante, en: Student mobility}",
        "student-mobility: {fr: Mobilité étudiante}",
    );
    std::fs::write(&themes, text).unwrap();
    for command in ["check", "build"] {
        let run = site.run(&[command]).code(0);
        assert!(
            run.stderr
                .contains("warning: `student-mobility` has no text for `en`"),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
}

/// Regressions: an empty title was accepted (pages with an empty heading),
/// and a negative length of mobility was shown as `0` months.
#[test]
fn an_empty_title_and_a_negative_mobility_length_are_errors() {
    let site = SiteTest::fixture("build/basic");
    let en = site
        .root()
        .join("content/partnerships/echanges-liege.en.md");
    let text = std::fs::read_to_string(&en).unwrap();
    let title = text
        .lines()
        .find(|l| l.starts_with("title:"))
        .unwrap()
        .to_string();
    std::fs::write(&en, text.replace(&title, "title: \"  \"")).unwrap();
    let fr = site
        .root()
        .join("content/partnerships/echanges-liege.fr.md");
    let text = std::fs::read_to_string(&fr).unwrap();
    assert!(text.contains("months: 5"), "the fixture's mobility changed");
    std::fs::write(&fr, text.replacen("months: 5", "months: -1.5", 1)).unwrap();
    let run = site.run(&["check"]).code(1);
    assert!(run.stderr.contains("the title is empty"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("echanges-liege.en.md:2:1 (field `title`)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("(field `mobility[0].months`)"),
        "{}",
        run.stderr
    );
}
