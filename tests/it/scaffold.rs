//! `passerelle init` and `passerelle new`: the files they write build and
//! check cleanly, and they refuse to overwrite anything.

use std::fs;
use std::path::Path;

use crate::support::{Run, SiteTest, TempDir};

/// `passerelle <args>` run in `dir`, with English messages.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    SiteTest::in_place(dir).run(args)
}

#[test]
fn init_creates_a_site_that_builds_without_warnings() {
    let tmp = TempDir::new("init");
    run_in(tmp.path(), &["init", "site"]).code(0);
    let site = SiteTest::in_place(&tmp.path().join("site"));
    let b = site.build().success();
    assert!(!b.stderr.contains("warning"), "{}", b.stderr);
    assert!(!b.stderr.contains("error"), "{}", b.stderr);
    for page in [
        "fr/index.html",
        "en/index.html",
        "fr/partenariats/exemple-partenariat/index.html",
        "en/partnerships/exemple-partenariat/index.html",
        "fr/a-propos/index.html",
        "en/about/index.html",
        "fr/accessibilite/index.html",
        "en/accessibility/index.html",
        "fr/mentions-legales/index.html",
        "en/legal-notice/index.html",
        "fr/donnees-personnelles/index.html",
        "en/privacy/index.html",
    ] {
        assert!(b.exists(page), "no `{page}` in {:#?}", b.files());
    }
    assert_eq!(b.broken_links(), Vec::<String>::new());
    let readme = fs::read_to_string(tmp.path().join("site/README.md")).unwrap();
    assert!(readme.contains("passerelle new partnership"), "{readme}");
    // Git keeps what the editors write, not what passerelle makes.
    let ignored = fs::read_to_string(tmp.path().join("site/.gitignore")).unwrap();
    assert!(ignored.lines().any(|l| l == "/public/"), "{ignored}");
    let spare = "/.public.passerelle-spare/";
    assert!(ignored.lines().any(|l| l == spare), "{ignored}");
    assert!(
        ignored.lines().any(|l| l == "/.passerelle-cache/"),
        "{ignored}"
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = TempDir::new("init-not-empty");
    fs::create_dir_all(tmp.path().join("site")).unwrap();
    fs::write(tmp.path().join("site/notes.txt"), "mine").unwrap();
    let run = run_in(tmp.path(), &["init", "site"]).code(1);
    assert!(run.stderr.contains("not an empty folder"), "{}", run.stderr);
    assert!(!tmp.path().join("site/site.yaml").exists());
}

#[test]
fn every_new_item_is_written_and_checks() {
    let site = SiteTest::fixture("build/basic");
    let cases = [
        (
            "partnership",
            "nouveau-projet",
            &[
                "content/partnerships/nouveau-projet.fr.md",
                "content/partnerships/nouveau-projet.en.md",
            ][..],
        ),
        ("country", "de", &["content/countries/de.yaml"][..]),
        (
            "institution",
            "nouvel-etablissement",
            &["content/institutions/nouvel-etablissement.yaml"][..],
        ),
        (
            "page",
            "contact",
            &["content/pages/contact.fr.md", "content/pages/contact.en.md"][..],
        ),
    ];
    for (kind, key, files) in cases {
        let run = site.run(&["new", kind, key]).code(0);
        for file in files {
            assert!(site.root().join(file).is_file(), "no `{file}`");
            assert!(run.stderr.contains(file), "{}", run.stderr);
        }
    }
    let fr = fs::read_to_string(site.root().join(cases[0].2[0])).unwrap();
    assert!(fr.contains("programme: erasmus-plus"), "{fr}");
    assert!(fr.contains("themes: [social-work-training]"), "{fr}");
    assert!(
        fr.contains("{institution: ahs-eupen, role: coordinator}"),
        "{fr}"
    );
    let check = site.run(&["check", "--message-format", "json"]).code(0);
    // Besides the fixture's own warning (a partnership without
    // translation), only the texts that `new` wrote to be replaced.
    for line in check.stderr.lines() {
        let d: serde_json::Value = serde_json::from_str(line).unwrap();
        let new_file = [
            "nouveau-projet",
            "contact",
            "nouvel-etablissement",
            "/de.yaml",
        ]
        .iter()
        .any(|k| d["file"].as_str().unwrap().contains(k));
        assert_eq!(d["severity"], "warning", "{line}");
        if new_file {
            assert!(
                d["message"]
                    .as_str()
                    .unwrap()
                    .starts_with("text to replace: "),
                "{line}"
            );
        }
    }
}

#[test]
fn texts_to_replace_are_warnings_and_errors_under_strict() {
    let site = SiteTest::fixture("build/basic");
    site.run(&["new", "partnership", "nouveau-projet"]).code(0);
    let check = site.run(&["check", "--lang", "fr"]).code(0);
    for text in [
        "avertissement: texte à remplacer : « TITRE DU PARTENARIAT À REMPLACER »",
        "avertissement: texte à remplacer : « RÉSUMÉ À REMPLACER : une ou deux phrases qui présentent le p… »",
        "avertissement: texte à remplacer : « PARTNERSHIP TITLE TO REPLACE »",
        "nouveau-projet.fr.md:3:8",
    ] {
        assert!(check.stderr.contains(text), "`{text}` in:\n{}", check.stderr);
    }
    site.build().success();
    let strict = site.build_with("strict", &["--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", strict.stderr);
    assert!(
        strict
            .stderr
            .contains("error: text to replace: “PARTNERSHIP TITLE TO REPLACE”"),
        "{}",
        strict.stderr
    );
    assert!(
        !strict.out.exists(),
        "nothing is written under --strict with warnings"
    );
}

#[test]
fn new_country_refuses_a_code_that_is_no_country_and_suggests_one() {
    let site = SiteTest::fixture("build/basic");
    for (code, suggestion) in [
        ("xx", "did you mean"),
        ("qc", "write `ca-qc`"),
        ("uk", "write `gb`"),
    ] {
        let run = site.run(&["new", "country", code]).code(1);
        assert!(
            run.stderr
                .contains("is not an ISO 3166 country or region code"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains(suggestion), "{}", run.stderr);
        assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
        assert!(!site
            .root()
            .join(format!("content/countries/{code}.yaml"))
            .exists());
    }
    site.run(&["new", "country", "it"]).code(0);
    site.run(&["check"]).code(0);
}

#[test]
fn new_works_with_root_from_another_folder() {
    let site = SiteTest::fixture("build/basic");
    let root = site.root().to_str().unwrap();
    run_in(site.tmp(), &["new", "page", "contact", "--root", root]).code(0);
    assert!(site.root().join("content/pages/contact.en.md").is_file());
}

#[test]
fn new_refuses_an_existing_key_and_writes_nothing() {
    let site = SiteTest::fixture("build/basic");
    let fr = site
        .root()
        .join("content/partnerships/echanges-liege.fr.md");
    let before = fs::read(&fr).unwrap();
    let run = site.run(&["new", "partnership", "echanges-liege"]).code(1);
    assert!(run.stderr.contains("exists already"), "{}", run.stderr);
    assert_eq!(fs::read(&fr).unwrap(), before);
    // atelier-eupen has no English file: it must not be written either.
    site.run(&["new", "partnership", "atelier-eupen"]).code(1);
    assert!(!site
        .root()
        .join("content/partnerships/atelier-eupen.en.md")
        .exists());
    site.run(&["new", "institution", "helmo"]).code(1);
}

#[test]
fn new_refuses_an_invalid_key() {
    let site = SiteTest::fixture("build/basic");
    for key in ["Nouveau", "é-t-é", "-bord", "bord-", "a_b", "a b"] {
        let run = site.run(&["new", "partnership", "--", key]).code(1);
        assert!(run.stderr.contains("not a valid key"), "{}", run.stderr);
    }
    let run = site
        .run_env(&["new", "page", "A"], &[("LANG", "fr_FR.UTF-8")])
        .code(1);
    assert!(
        run.stderr.contains("n'est pas une clé valide"),
        "{}",
        run.stderr
    );
    let partnerships = fs::read_dir(site.root().join("content/partnerships"))
        .unwrap()
        .count();
    assert_eq!(partnerships, 7);
}

#[test]
fn new_refuses_a_folder_without_site_yaml() {
    let tmp = TempDir::new("new-no-site");
    let run = run_in(tmp.path(), &["new", "partnership", "x"]).code(1);
    assert!(run.stderr.contains("no `site.yaml`"), "{}", run.stderr);
    assert!(!tmp.path().join("content").exists());
}

#[test]
fn comments_are_in_the_language_of_the_file() {
    let site = SiteTest::fixture("build/basic");
    site.run(&["new", "partnership", "langues"]).code(0);
    let dir = site.root().join("content/partnerships");
    let fr = fs::read_to_string(dir.join("langues.fr.md")).unwrap();
    let en = fs::read_to_string(dir.join("langues.en.md")).unwrap();
    let comments = |text: &str| -> String {
        text.lines()
            .filter(|l| l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let (fr, en) = (comments(&fr), comments(&en));
    assert!(fr.contains("Titre du partenariat (obligatoire)"), "{fr}");
    assert!(fr.contains("Champs communs"), "{fr}");
    assert!(
        !fr.contains("(required)") && !fr.contains("(optional"),
        "{fr}"
    );
    assert!(en.contains("Title of the partnership (required)"), "{en}");
    assert!(
        !en.contains("obligatoire") && !en.contains("facultatif"),
        "{en}"
    );
    // The translation holds no shared field, not even commented out.
    assert!(!en.contains("kind:") && !en.contains("programme:"), "{en}");
}

/// `init` writes the publishing workflows of GitHub and GitLab Pages; the
/// GitLab job's script, run here as GitLab runs it (from the repository's
/// folder, with the release archive at its root), builds the site for the
/// sub-path of its Pages address.
#[test]
fn init_writes_publishing_workflows_that_build_the_site() {
    let tmp = TempDir::new("init-workflows");
    run_in(tmp.path(), &["init", "site"]).code(0);
    let site = tmp.path().join("site");
    let github = fs::read_to_string(site.join(".github/workflows/publish.yml")).unwrap();
    let github: serde_yaml::Value = serde_yaml::from_str(&github).unwrap();
    let steps = github["jobs"]["build"]["steps"].as_sequence().unwrap();
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(
        runs.iter()
            .any(|r| r.contains("passerelle build --base-url")),
        "{runs:?}"
    );
    assert!(steps
        .iter()
        .any(|s| s["with"]["path"].as_str() == Some("public")));
    assert_eq!(
        github["jobs"]["deploy"]["steps"][0]["uses"].as_str(),
        Some("actions/deploy-pages@v4")
    );

    let gitlab = fs::read_to_string(site.join(".gitlab-ci.yml")).unwrap();
    let gitlab: serde_yaml::Value = serde_yaml::from_str(&gitlab).unwrap();
    let job = &gitlab["pages"];
    assert_eq!(job["artifacts"]["paths"][0].as_str(), Some("public"));
    let script: Vec<&str> = job["script"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|line| line.as_str().unwrap())
        .collect();
    // The archive as tools/dist.sh makes it, with the binary under test.
    let name = "passerelle-0.1.0-x86_64-unknown-linux-gnu";
    let stage = tmp.path().join(name);
    fs::create_dir_all(&stage).unwrap();
    fs::copy(env!("CARGO_BIN_EXE_passerelle"), stage.join("passerelle")).unwrap();
    let archive = site.join(format!("{name}.tar.gz"));
    let tar = std::process::Command::new("tar")
        .arg("-czf")
        .arg(&archive)
        .arg("-C")
        .arg(tmp.path())
        .arg(name)
        .status()
        .unwrap();
    assert!(tar.success());
    let run = std::process::Command::new("bash")
        .args(["-euo", "pipefail", "-c", &script.join("\n")])
        .current_dir(&site)
        .env("CI_PAGES_URL", "https://institut.gitlab.io/partenariats")
        .env("PASSERELLE_ARCHIVE", "")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    let not_found = fs::read_to_string(site.join("public/404.html")).unwrap();
    assert!(
        not_found.contains("href=\"/partenariats/fr/\""),
        "{not_found}"
    );
    let sitemap = fs::read_to_string(site.join("public/sitemap.xml")).unwrap();
    assert!(sitemap.contains("https://institut.gitlab.io/partenariats/fr/"));
}
