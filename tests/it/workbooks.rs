//! The workbook as Excel and LibreOffice read it: the drop-down lists of
//! the exported `.xlsx` read back from its XML (each list column has a
//! list validation pointing at the hidden `lists` sheet, whose range holds
//! exactly the site's allowed values), and a workbook whose table starts
//! below title rows, its problems located at the real rows.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Read;
use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};

use crate::support::SiteTest;

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

/// The text of one part of a workbook's ZIP archive.
fn part(book: &Path, name: &str) -> String {
    let file = fs::File::open(book).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut entry = archive.by_name(name).unwrap();
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    text
}

/// The cells of a sheet of a workbook, by name.
fn cells(book: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut workbook = open_workbook_auto(book).unwrap();
    let range = workbook.worksheet_range(sheet).unwrap();
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

/// `AB` → 27 (0-based).
fn column_index(letters: &str) -> usize {
    letters
        .chars()
        .fold(0, |n, c| n * 26 + (c as usize - 'A' as usize + 1))
        - 1
}

/// `$C$12` → (column `C`, row 12).
fn cell_ref(text: &str) -> (String, usize) {
    let text = text.replace('$', "");
    let split = text.find(|c: char| c.is_ascii_digit()).unwrap();
    (text[..split].to_string(), text[split..].parse().unwrap())
}

/// Each list validation of the sheet: the column it covers (its letter
/// and first and last rows) and its formula.
fn validations(sheet_xml: &str) -> Vec<(String, usize, usize, String)> {
    let doc = roxmltree::Document::parse(sheet_xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("dataValidation"))
        .map(|n| {
            assert_eq!(n.attribute("type"), Some("list"), "{n:?}");
            let sqref = n.attribute("sqref").unwrap();
            let (from, to) = sqref.split_once(':').unwrap();
            let ((c1, r1), (c2, r2)) = (cell_ref(from), cell_ref(to));
            assert_eq!(c1, c2, "one column per drop-down: {sqref}");
            let formula = n
                .children()
                .find(|c| c.has_tag_name("formula1"))
                .and_then(|f| f.text())
                .unwrap()
                .to_string();
            (c1, r1, r2, formula)
        })
        .collect()
}

/// The ids of a taxonomy file of the example site.
fn taxonomy(name: &str) -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("content/taxonomies/{name}"));
    let map: BTreeMap<String, serde_yaml::Value> =
        serde_yaml::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    map.into_keys().collect()
}

fn set(values: &[&str]) -> BTreeSet<String> {
    values.iter().map(|s| s.to_string()).collect()
}

#[test]
fn each_list_column_of_the_exported_workbook_has_its_drop_down_of_the_allowed_values() {
    let site = example_site();
    site.run(&["export", "--format", "xlsx", "--output", "../p.xlsx"])
        .code(0);
    let book = site.tmp().join("p.xlsx");
    let workbook = part(&book, "xl/workbook.xml");
    assert!(
        workbook.contains(r#"name="partnerships" sheetId="1""#),
        "{workbook}"
    );
    assert!(
        workbook.contains(r#"name="lists" sheetId="2" state="hidden""#),
        "the lists sheet is hidden: {workbook}"
    );
    let table = cells(&book, "partnerships");
    let lists = cells(&book, "lists");
    let found = validations(&part(&book, "xl/worksheets/sheet1.xml"));

    let institutions: BTreeSet<String> =
        fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/institutions"))
            .unwrap()
            .map(|e| {
                let name = e.unwrap().file_name().to_string_lossy().to_string();
                name.trim_end_matches(".yaml").to_string()
            })
            .collect();
    let countries: BTreeSet<String> = passerelle::catalogue::countries::codes()
        .map(str::to_string)
        .collect();
    let expected: [(&str, BTreeSet<String>); 6] = [
        (
            "kind",
            set(&[
                "erasmus_mobility",
                "eu_project",
                "cross_border",
                "bilateral",
                "network",
                "decentralised_cooperation",
            ]),
        ),
        ("status", set(&["planned", "ongoing", "ended"])),
        ("programme", taxonomy("programmes.yaml")),
        ("themes", taxonomy("themes.yaml")),
        ("members", institutions),
        ("countries", countries),
    ];
    assert_eq!(found.len(), expected.len(), "{found:?}");
    assert!(expected[3].1.contains("child-protection"));
    assert!(expected[4].1.contains("helmo"));
    assert!(expected[5].1.contains("be") && expected[5].1.contains("ca-qc"));
    for (column, values) in &expected {
        let index = table[0].iter().position(|c| c == column).unwrap();
        let letter = passerelle_letter(index);
        let (_, first, last, formula) = found
            .iter()
            .find(|(l, ..)| *l == letter)
            .unwrap_or_else(|| panic!("no drop-down on column {letter} (`{column}`): {found:?}"));
        assert_eq!(*first, 2, "`{column}`: from the first row under the header");
        assert!(*last >= table.len(), "`{column}`: down to row {last}");
        // `lists!$C$2:$C$7`: a column of the hidden sheet, from row 2.
        let range = formula.trim_start_matches('=');
        let (sheet, range) = range.split_once('!').unwrap();
        assert_eq!(sheet, "lists", "{formula}");
        let (from, to) = range.split_once(':').unwrap();
        let ((c1, r1), (c2, r2)) = (cell_ref(from), cell_ref(to));
        assert_eq!((c1.as_str(), r1), (c2.as_str(), 2), "{formula}");
        let list = column_index(&c1);
        assert_eq!(
            lists[0][list], *column,
            "the list's header names its column"
        );
        let held: Vec<String> = lists[1..r2]
            .iter()
            .map(|row| row.get(list).cloned().unwrap_or_default())
            .collect();
        assert!(held.iter().all(|v| !v.is_empty()), "`{column}`: {held:?}");
        let held_set: BTreeSet<String> = held.iter().cloned().collect();
        assert_eq!(held_set.len(), held.len(), "`{column}`: no value twice");
        assert_eq!(&held_set, values, "`{column}`: exactly the allowed values");
        let below = lists.get(r2).and_then(|row| row.get(list));
        assert!(
            below.is_none_or(String::is_empty),
            "`{column}`: the range ends with the list"
        );
    }
}

/// The letter of a column, as the spreadsheet shows it.
fn passerelle_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        letters.push(char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// A workbook written by rust_xlsxwriter, as another program would: two
/// title rows, an empty row, then the table from row 4 and column B.
fn titled_book(path: &Path, rows: &[Vec<String>]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .write_string(0, 0, "Partenariats internationaux")
        .unwrap();
    sheet
        .write_string(1, 0, "Mis à jour le 5 décembre")
        .unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet
                    .write_string(r as u32 + 3, c as u16 + 1, cell)
                    .unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

#[test]
fn a_table_below_title_rows_is_read_and_its_problems_are_at_their_real_rows() {
    let site = example_site();
    site.run(&["export", "--output", "../p.xlsx"]).code(0);
    let exported = cells(&site.tmp().join("p.xlsx"), "partnerships");
    let index = |name: &str| exported[0].iter().position(|c| c == name).unwrap();
    let row = exported
        .iter()
        .find(|r| r[index("key")] == "clap-hands")
        .unwrap();
    // Untouched, below the titles: read, unchanged, the titles said.
    let book = site.tmp().join("titled.xlsx");
    titled_book(&book, &[exported[0].clone(), row.clone()]);
    let run = site.run(&["import", "../titled.xlsx", "--dry-run"]).code(0);
    assert!(
        run.stdout
            .contains("unchanged content/partnerships/clap-hands.fr.md"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    assert!(
        run.stdout
            .contains("rows 1 to 3, above the header (row 4), are not read: a title"),
        "{}",
        run.stdout
    );

    // An unknown column in the header, a wrong kind and an unknown
    // institution in the second row of data.
    let mut header = exported[0].clone();
    header[index("title_en")] = "titel_en".to_string();
    let mut wrong = row.clone();
    wrong[index("key")] = "clap-hands-again".to_string();
    wrong[index("kind")] = "nope".to_string();
    wrong[index("members")] = "irts-hdf:coordinator; nowhere-school:partner".to_string();
    titled_book(&book, &[header, row.clone(), wrong]);
    let run = site.run(&["import", "../titled.xlsx", "--dry-run"]).code(1);
    let err = &run.stderr;
    // The table starts at column B: each letter is one further right.
    let letter = |name: &str| passerelle_letter(index(name) + 1);
    let (title, kind, members) = (letter("title_en"), letter("kind"), letter("members"));
    for expected in [
        format!("row 4, column {title} (`titel_en`): unknown column"),
        format!("row 6, column {kind} (`kind`)"),
        format!("row 6, column {members} (`members`)"),
        "nowhere-school".to_string(),
        "--> ../titled.xlsx:4 (field `titel_en`)".to_string(),
    ] {
        assert!(err.contains(&expected), "{expected}:\n{err}");
    }
    for wrong_row in ["row 1", "row 2,", "row 3", ":1 ", ":2 ", ":3 "] {
        assert!(!err.contains(wrong_row), "{wrong_row}:\n{err}");
    }

    // A header without `key`, on row 4.
    let mut header = exported[0].clone();
    header[index("key")] = "clef".to_string();
    titled_book(&book, &[header, row.clone()]);
    let run = site.run(&["import", "../titled.xlsx"]).code(1);
    let key = letter("key");
    for expected in [
        format!("row 4, column {key} (`clef`): unknown column"),
        "row 4: the header row has no `key` column".to_string(),
    ] {
        assert!(
            run.stderr.contains(&expected),
            "{expected}:\n{}",
            run.stderr
        );
    }
    let fr = site
        .run(&["import", "../titled.xlsx", "--lang", "fr"])
        .code(1);
    assert!(
        fr.stderr
            .contains("ligne 4 : la ligne d'en-tête n'a pas de colonne `key`"),
        "{}",
        fr.stderr
    );
}
