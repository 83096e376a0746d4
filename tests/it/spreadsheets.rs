//! Spreadsheets as editors really use them: workbooks (.xlsx written by
//! `export` or by another program), CSV saved by French Excel in
//! Windows-1252, French habits in the cells, values compared by meaning
//! (the untouched example site imports as all `unchanged`), only the
//! changed lines rewritten, formula-like cells neutralised both ways, and
//! `export` kept out of the site's own folders.

use std::fs;
use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};

use crate::support::{read_tree, SiteTest};

/// The example site of the repository (its `site.yaml` and `content/`).
fn example_site() -> SiteTest {
    let site = SiteTest::fixture("build/basic");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::remove_dir_all(site.root().join("content")).unwrap();
    let status = std::process::Command::new("cp")
        .arg("-r")
        .arg(repo.join("content"))
        .arg(site.root())
        .status()
        .unwrap();
    assert!(status.success());
    fs::copy(repo.join("site.yaml"), site.root().join("site.yaml")).unwrap();
    site
}

/// The cells of the first sheet of a workbook.
fn sheet(path: &Path) -> Vec<Vec<String>> {
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// A workbook written by rust_xlsxwriter, as another program would.
fn write_book(path: &Path, rows: &[Vec<String>]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

fn column(rows: &[Vec<String>], name: &str) -> usize {
    rows[0].iter().position(|c| c == name).unwrap()
}

/// The lines of `before` and `after` that differ, as (old, new) pairs.
fn changed_lines(before: &[u8], after: &[u8]) -> Vec<(String, String)> {
    let (before, after) = (
        String::from_utf8_lossy(before),
        String::from_utf8_lossy(after),
    );
    assert_eq!(before.lines().count(), after.lines().count());
    before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn the_untouched_example_site_comes_back_unchanged_from_csv_and_xlsx() {
    let site = example_site();
    let before = read_tree(site.root());
    for name in ["site.csv", "site.xlsx"] {
        site.run(&["export", "--output", &format!("../{name}")])
            .code(0);
        let run = site.run(&["import", &format!("../{name}")]).code(0);
        assert!(!run.stdout.is_empty());
        for line in run.stdout.lines() {
            assert!(line.starts_with("unchanged "), "{name}: {line}");
        }
        assert!(
            run.stderr.contains("0 of 33 file(s) changed"),
            "{}",
            run.stderr
        );
        assert_eq!(read_tree(site.root()), before, "{name}");
    }
    let first = fs::read(site.tmp().join("site.xlsx")).unwrap();
    site.run(&["export", "--output", "../again.xlsx"]).code(0);
    assert_eq!(fs::read(site.tmp().join("again.xlsx")).unwrap(), first);
}

#[test]
fn a_title_changed_in_the_workbook_changes_only_that_title_line() {
    let site = example_site();
    site.run(&["export", "--output", "../p.xlsx"]).code(0);
    let mut rows = sheet(&site.tmp().join("p.xlsx"));
    assert_eq!(rows[0][0], "key");
    let (key, title) = (column(&rows, "key"), column(&rows, "title_fr"));
    let row = rows.iter().position(|r| r[key] == "clap-hands").unwrap();
    rows[row][title] = "Clap Hands : handicap et arts de la scène".to_string();
    write_book(&site.tmp().join("changed.xlsx"), &rows);
    let before = read_tree(site.root());
    site.run(&["import", "../changed.xlsx"]).code(1);
    assert_eq!(read_tree(site.root()), before);
    let run = site.run(&["import", "../changed.xlsx", "--force"]).code(0);
    assert!(
        run.stdout
            .contains("updated content/partnerships/clap-hands.fr.md\n"),
        "{}",
        run.stdout
    );
    let after = read_tree(site.root());
    let changed: Vec<&String> = after.keys().filter(|k| after[*k] != before[*k]).collect();
    assert_eq!(changed, ["content/partnerships/clap-hands.fr.md"]);
    let file = changed[0];
    assert_eq!(
        changed_lines(&before[file], &after[file]),
        [(
            "title: \"Clap Hands : handicap et métiers du spectacle\"".to_string(),
            "title: 'Clap Hands : handicap et arts de la scène'".to_string()
        )]
    );
    let b = site.build().success();
    let h1 = b.select_one("fr/partenariats/clap-hands/index.html", "h1");
    assert!(
        h1.squashed().contains("arts de la scène"),
        "{}",
        h1.squashed()
    );
}

#[test]
fn every_title_changed_at_once_touches_only_the_title_lines() {
    let site = example_site();
    site.run(&["export", "--output", "../p.xlsx"]).code(0);
    let mut rows = sheet(&site.tmp().join("p.xlsx"));
    for lang in ["fr", "en"] {
        let title = column(&rows, &format!("title_{lang}"));
        for row in rows.iter_mut().skip(1) {
            if !row[title].is_empty() {
                row[title].push_str(" (2)");
            }
        }
    }
    write_book(&site.tmp().join("all.xlsx"), &rows);
    let before = read_tree(site.root());
    site.run(&["import", "../all.xlsx", "--force"]).code(0);
    let after = read_tree(site.root());
    for (path, old) in &before {
        if !path.starts_with("content/partnerships/") {
            assert_eq!(&after[path], old, "{path}");
            continue;
        }
        let lines = changed_lines(old, &after[path]);
        assert_eq!(lines.len(), 1, "{path}: {lines:?}");
        assert!(lines[0].1.starts_with("title: "), "{path}: {lines:?}");
        assert!(lines[0].1.contains("(2)"), "{path}: {lines:?}");
    }
}

#[test]
fn a_windows_1252_csv_keeps_its_accents() {
    let site = SiteTest::fixture("build/basic");
    site.run(&["export", "--output", "../p.csv"]).code(0);
    let text = fs::read_to_string(site.tmp().join("p.csv")).unwrap();
    let text = text.trim_start_matches('\u{feff}').replace(
        "Échanges avec Liège",
        "Échanges élargis à Liège et Eupen – été",
    );
    let (bytes, _, lossy) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!lossy);
    assert!(bytes.contains(&0xc9), "an É written as one byte");
    fs::write(site.tmp().join("latin.csv"), &bytes).unwrap();
    let run = site.run(&["import", "../latin.csv", "--force"]).code(0);
    assert!(run.stderr.contains("as Windows-1252"), "{}", run.stderr);
    let file = site
        .root()
        .join("content/partnerships/echanges-liege.fr.md");
    let written = fs::read_to_string(file).unwrap();
    assert!(
        written.contains("title: Échanges élargis à Liège et Eupen – été\n"),
        "{written}"
    );
    let mut broken = bytes.to_vec();
    broken.extend_from_slice("\r\nx;Été".as_bytes());
    fs::write(site.tmp().join("mixed.csv"), &broken).unwrap();
    let before = read_tree(site.root());
    let run = site.run(&["import", "../mixed.csv", "--force"]).code(1);
    assert!(run.stderr.contains("mixes UTF-8"), "{}", run.stderr);
    assert!(
        run.stderr.contains("line 2, column 25 (byte 0xE9)"),
        "{}",
        run.stderr
    );
    assert_eq!(read_tree(site.root()), before);
}

#[test]
fn a_row_typed_with_french_habits_gives_canonical_files() {
    let site = SiteTest::fixture("build/basic");
    let header = "key;title_fr;summary_fr;kind;programme;themes;status;start;end;countries;members;mobility;funding;draft";
    let row = "stage-habitudes;Stages;Des stages.;Mobilité Erasmus+;Erasmus+;Mobilité étudiante; Formation en travail social;en cours;15/03/2024;mars 2026;Belgique; France;irts-hdf:Coordinateur; helmo:partenaire;Mobilité d'études (étudiants):Dans les deux sens:2:5,5;Région | 12 500 € | | 2024; Ville | 12.500,50; Fonds | 12,500.50;FAUX";
    let row = row
        .replace(
            "Mobilité étudiante; Formation en travail social",
            "\"Mobilité étudiante; Formation en travail social\"",
        )
        .replace("Belgique; France", "\"Belgique; France\"")
        .replace(
            "irts-hdf:Coordinateur; helmo:partenaire",
            "\"irts-hdf:Coordinateur; helmo:partenaire\"",
        )
        .replace(
            "Région | 12 500 € | | 2024; Ville | 12.500,50; Fonds | 12,500.50",
            "\"Région | 12 500 € | | 2024; Ville | 12.500,50; Fonds | 12,500.50\"",
        );
    fs::write(site.tmp().join("habits.csv"), format!("{header}\n{row}\n")).unwrap();
    let run = site.run(&["import", "../habits.csv", "--dry-run"]).code(0);
    for said in [
        "column D (`kind`): `Mobilité Erasmus+` read as `erasmus_mobility`",
        "column G (`status`): `en cours` read as `ongoing`",
        "column H (`start`): `15/03/2024` read as `2024-03-15`",
        "column I (`end`): `mars 2026` read as `2026-03`",
        "column J (`countries`), item 1: `Belgique` read as `be`",
        "column K (`members`), item 2: `partenaire` read as `partner`",
        "column M (`funding`), item 1: `12 500 €` read as `12500`",
        "column M (`funding`), item 3: `12,500.50` read as `12500.5`",
        "column N (`draft`): `FAUX` read as `false`",
    ] {
        assert!(
            run.stdout.contains(&format!("row 2, {said}")),
            "{said}\n{}",
            run.stdout
        );
    }
    site.run(&["import", "../habits.csv"]).code(0);
    let file = site
        .root()
        .join("content/partnerships/stage-habitudes.fr.md");
    let text = fs::read_to_string(file).unwrap();
    for line in [
        "kind: erasmus_mobility\n",
        "programme: erasmus-plus\n",
        "- student-mobility\n- social-work-training\n",
        "status: ongoing\n",
        "start: 2024-03-15\n",
        "end: 2026-03\n",
        "- be\n- fr\n",
        "  role: coordinator\n",
        "  role: partner\n",
        "- type: SMS\n  direction: both\n  places: 2\n  months: 5.5\n",
        "  amount: 12500\n  currency: EUR\n  year: 2024\n",
        "  amount: 12500.5\n",
    ] {
        assert!(text.contains(line), "{line:?} in:\n{text}");
    }
    assert!(!text.contains("draft"), "{text}");
    site.build().success();
}

#[test]
fn an_ambiguous_amount_is_refused_with_its_cell() {
    let site = SiteTest::fixture("build/basic");
    let csv = "key;title_fr;summary_fr;kind;programme;themes;status;start;members;funding\nx;T;S;bilateral;erasmus-plus;student-mobility;ongoing;2024;irts-hdf:coordinator;A | 12,500\n";
    fs::write(site.tmp().join("a.csv"), csv).unwrap();
    let before = read_tree(site.root());
    let run = site.run(&["import", "../a.csv"]).code(1);
    assert!(
        run.stderr
            .contains("row 2, column J (`funding`), item 1: `12,500` can be read in two ways"),
        "{}",
        run.stderr
    );
    assert_eq!(read_tree(site.root()), before);
}

#[test]
fn formula_cells_are_neutralised_and_the_round_trip_stays_exact() {
    let site = SiteTest::fixture("build/basic");
    let file = site
        .root()
        .join("content/partnerships/echanges-liege.fr.md");
    let text = fs::read_to_string(&file).unwrap();
    let text = text.replace("acronym: ELI", "acronym: \"=HYPERLINK(\\\"x\\\")\"");
    fs::write(&file, text).unwrap();
    let b = site.build().success();
    let public = String::from_utf8(fs::read(b.path("data/partnerships.csv")).unwrap()).unwrap();
    assert!(public.contains(";\"'=HYPERLINK(\"\"x\"\")\";"), "{public}");
    site.run(&["export", "--output", "../p.csv"]).code(0);
    let csv = fs::read_to_string(site.tmp().join("p.csv")).unwrap();
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    site.run(&["export", "--output", "../p.xlsx"]).code(0);
    let rows = sheet(&site.tmp().join("p.xlsx"));
    let acronym = column(&rows, "acronym");
    assert!(rows.iter().any(|r| r[acronym] == "'=HYPERLINK(\"x\")"));
    for name in ["p.csv", "p.xlsx"] {
        let run = site.run(&["import", &format!("../{name}")]).code(0);
        assert!(!run.stdout.contains("update"), "{}", run.stdout);
    }
}

#[test]
fn export_does_not_write_into_the_site() {
    let site = SiteTest::fixture("build/basic");
    let before = read_tree(site.root());
    for output in [
        "content/p.csv",
        "themes/p.xlsx",
        "site.yaml",
        "./content/media/p.csv",
    ] {
        let run = site.run(&["export", "--output", output]).code(1);
        assert!(
            run.stderr.contains(if output == "site.yaml" {
                "settings file"
            } else {
                "inside the site's"
            }),
            "{output}: {}",
            run.stderr
        );
    }
    assert_eq!(read_tree(site.root()), before);
    let run = site.run(&["export", "--format", "xlsx"]).code(2);
    assert!(run.stderr.contains("--output"), "{}", run.stderr);
}
