//! `passerelle export` and `passerelle import`: the catalogue goes out as
//! a spreadsheet and comes back unchanged, a dry run writes nothing, an
//! existing partnership is replaced only with `--force`, and bad cells are
//! all reported with their row and column while nothing is written.

use std::fs;
use std::path::Path;

use crate::support::{read_tree, SiteTest};

/// Deletes every partnership file of the site.
fn delete_partnerships(site: &SiteTest) {
    let dir = site.root().join("content/partnerships");
    for entry in fs::read_dir(&dir).unwrap() {
        fs::remove_file(entry.unwrap().path()).unwrap();
    }
}

/// `passerelle export --output ../<name>`, returning the file's bytes.
fn export(site: &SiteTest, name: &str) -> Vec<u8> {
    let output = format!("../{name}");
    site.run(&["export", "--output", &output]).code(0);
    fs::read(site.tmp().join(name)).unwrap()
}

/// Copies `tests/fixtures/transfer/<name>` beside the site, as `../<name>`.
fn spreadsheet(site: &SiteTest, name: &str) -> String {
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/transfer")
        .join(name);
    fs::copy(source, site.tmp().join(name)).unwrap();
    format!("../{name}")
}

#[test]
fn export_then_import_then_export_gives_the_same_file_and_the_same_pages() {
    let site = SiteTest::fixture("build/basic");
    let first = export(&site, "first.csv");
    assert!(first.starts_with("\u{feff}key;title_fr;title_en;".as_bytes()));
    let text = String::from_utf8(first.clone()).unwrap();
    assert!(
        text.contains("\"irts-hdf:coordinator; helmo:partner; ahs-eupen:associate\""),
        "{text}"
    );
    delete_partnerships(&site);
    let run = site.run(&["import", "../first.csv"]).code(0);
    assert!(
        run.stdout
            .contains("created content/partnerships/echanges-liege.en.md"),
        "{}",
        run.stdout
    );
    assert_eq!(export(&site, "second.csv"), first);
    let original = SiteTest::fixture("build/basic").build().success();
    let imported = site.build().success();
    for page in [
        "fr/partenariats/echanges-liege/index.html",
        "en/partnerships/liege-exchanges/index.html",
        "fr/partenariats/atelier-eupen/index.html",
        "en/partnerships/escaping/index.html",
    ] {
        assert!(
            imported.read(page) == original.read(page),
            "`{page}` differs after the round trip"
        );
    }
}

#[test]
fn json_export_has_the_columns_of_the_csv() {
    let site = SiteTest::fixture("build/basic");
    let csv = String::from_utf8(export(&site, "p.csv")).unwrap();
    let header: Vec<&str> = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap()
        .split(';')
        .collect();
    let run = site.run(&["export", "--format", "json"]).code(0);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    let keys: Vec<&str> = rows[1]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut sorted_header = header.clone();
    sorted_header.sort_unstable();
    assert_eq!(keys, sorted_header);
    assert_eq!(rows[1]["key"], "echanges-liege");
    assert_eq!(rows[1]["slug_en"], "liege-exchanges");
    assert_eq!(rows[1]["mobility"], "SMS:both:4:5; STA:outgoing:2");
}

#[test]
fn export_refuses_a_site_with_errors() {
    let site = SiteTest::fixture("build/basic");
    let file = site.root().join("content/partnerships/echappement.fr.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace("kind: bilateral", "kind: bilaterl")).unwrap();
    let run = site.run(&["export"]).code(1);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("echappement.fr.md"), "{}", run.stderr);
}

#[test]
fn a_dry_run_lists_the_changes_and_writes_nothing() {
    let site = SiteTest::fixture("build/basic");
    export(&site, "p.csv");
    delete_partnerships(&site);
    let before = read_tree(site.root());
    let run = site.run(&["import", "../p.csv", "--dry-run"]).code(0);
    assert!(
        run.stdout
            .contains("create content/partnerships/echanges-liege.fr.md\n"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(read_tree(site.root()), before);
    site.run(&["import", "../p.csv"]).code(0);
    let before = read_tree(site.root());
    let run = site.run(&["import", "../p.csv", "--dry-run"]).code(0);
    assert!(
        run.stdout
            .contains("unchanged content/partnerships/reseau-quebec.en.md\n"),
        "{}",
        run.stdout
    );
    assert_eq!(read_tree(site.root()), before);
}

#[test]
fn an_existing_partnership_is_replaced_only_with_force() {
    let site = SiteTest::fixture("build/basic");
    let csv = String::from_utf8(export(&site, "p.csv")).unwrap();
    let changed = csv.replace("Échanges avec Liège", "Échanges avec Liège et Eupen");
    fs::write(site.tmp().join("changed.csv"), changed).unwrap();
    let before = read_tree(site.root());
    let run = site.run(&["import", "../changed.csv"]).code(1);
    assert!(
        run.stderr
            .contains("row 3, column A (`key`): the partnership `echanges-liege` already exists"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(read_tree(site.root()), before);
    let run = site
        .run(&["import", "../changed.csv", "--force", "--dry-run"])
        .code(0);
    assert!(
        run.stdout
            .contains("update content/partnerships/echanges-liege.fr.md\n"),
        "{}",
        run.stdout
    );
    assert_eq!(read_tree(site.root()), before);
    let run = site.run(&["import", "../changed.csv", "--force"]).code(0);
    assert!(
        run.stdout
            .contains("updated content/partnerships/echanges-liege.fr.md\n"),
        "{}",
        run.stdout
    );
    let file = site
        .root()
        .join("content/partnerships/echanges-liege.fr.md");
    let text = fs::read_to_string(file).unwrap();
    assert!(
        text.contains("title: Échanges avec Liège et Eupen\n"),
        "{text}"
    );
    let b = site.build().success();
    let title = b.select_one("fr/partenariats/echanges-liege/index.html", "h1");
    assert_eq!(title.squashed(), "Échanges avec Liège et Eupen (ELI)");
}

#[test]
fn bad_cells_are_all_reported_with_their_row_and_column_and_nothing_is_written() {
    let site = SiteTest::fixture("build/basic");
    let csv = spreadsheet(&site, "bad-cells.csv");
    let before = read_tree(site.root());
    let run = site.run(&["import", &csv]).code(1);
    let expected = [
        "error: row 2, column H (`start`): expected a date written YYYY, YYYY-MM or YYYY-MM-DD; found `printemps 2024`",
        "error: row 3, column I (`countries`), item 1: unknown country code `belgiqe`",
        "error: row 4, column J (`members`), item 2: unknown institution `helmoo`",
        "error: row 5, column B (`title_fr`): this cell is empty, but `title` is required",
        "error: row 6, column D (`kind`): expected one of erasmus_mobility, eu_project, cross_border, bilateral, network, decentralised_cooperation; found `erasmus`",
    ];
    for message in expected {
        assert_eq!(
            run.stderr.matches(message).count(),
            1,
            "`{message}` once in:\n{}",
            run.stderr
        );
    }
    assert!(run
        .stderr
        .contains("--> ../bad-cells.csv:4 (field `members`)"));
    assert!(run.stderr.contains("did you mean `erasmus_mobility`?"));
    assert!(run.stderr.contains("5 error(s)"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert_eq!(read_tree(site.root()), before);
    let run = site.run(&["--lang", "fr", "import", &csv]).code(1);
    assert!(
        run.stderr.contains(
            "erreur: ligne 4, colonne J (`members`), élément 2 : établissement inconnu `helmoo`"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("aucun fichier n'a été écrit"));
}

#[test]
fn a_hand_written_spreadsheet_imports_builds_and_exports_stably() {
    let site = SiteTest::fixture("build/basic");
    let csv = spreadsheet(&site, "hand-written.csv");
    site.run(&["import", &csv]).code(0);
    let b = site.build().success();
    let h1 = b.select_one("en/partnerships/stage-liege/index.html", "h1");
    assert_eq!(h1.squashed(), "Placements in Liège");
    let page = b.read("fr/partenariats/stage-liege/index.html");
    assert!(page.contains("12\u{202f}500,50\u{a0}€"), "{page}");
    assert!(page.contains("Trois mois, chaque printemps."), "{page}");
    let first = export(&site, "first.csv");
    site.run(&["import", "../first.csv", "--force"]).code(0);
    assert_eq!(export(&site, "second.csv"), first);
    let run = site.run(&["import", "../first.csv"]).code(0);
    assert!(!run.stdout.contains("create"), "{}", run.stdout);
}
