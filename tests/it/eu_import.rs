//! `passerelle import` of the official exports (`tests/fixtures/eu/`): the
//! Erasmus+ bulk CSV, the Erasmus+ search results as a workbook, and a
//! CORDIS pair, each into a fresh `passerelle init` site that must then
//! build without error, its pages showing the partners, their countries,
//! the grant and the identifier.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{SiteTest, TempDir};

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/eu")
        .join(rel)
}

const BULK: &str = "erasmus/ErasmusPlus_KA2_Projects_Overview_2024-03-01.csv";

/// A site made by `passerelle init`, in a fresh folder.
pub fn fresh_site() -> (TempDir, SiteTest) {
    let dir = TempDir::new("eu-import");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .args(["init", "site"])
        .current_dir(dir.path())
        .output()
        .expect("run passerelle init");
    assert!(status.status.success(), "{status:?}");
    let site = SiteTest::in_place(&dir.path().join("site"));
    (dir, site)
}

pub fn import(site: &SiteTest, file: &Path, extra: &[&str]) -> crate::support::Run {
    let mut args = vec!["import", file.to_str().unwrap(), "--lang", "en"];
    args.extend_from_slice(extra);
    site.run(&args)
}

#[test]
fn the_erasmus_plus_bulk_file_imports_into_a_new_site_that_builds() {
    let (_dir, site) = fresh_site();
    let dry = import(&site, &fixture(BULK), &["--dry-run", "--add-themes"]).code(0);
    assert!(
        dry.stdout
            .contains("create content/partnerships/2019-1-fr01-ka204-062345.fr.md"),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stdout.contains("new theme `inclusion-equity`"),
        "{}",
        dry.stdout
    );
    assert!(
        !site
            .root()
            .join("content/partnerships/2019-1-fr01-ka204-062345.fr.md")
            .exists(),
        "a dry run writes nothing"
    );

    let run = import(&site, &fixture(BULK), &["--add-themes"]).code(0);
    assert!(
        run.stderr.contains("Imported 3 project(s)"),
        "{}",
        run.stderr
    );
    let institutions = fs::read_dir(site.root().join("content/institutions"))
        .unwrap()
        .count();
    // The example institution, and six organisations: the coordinator
    // written twice (in capitals on one row) is one institution.
    assert_eq!(institutions, 7, "{}", run.stdout);
    let shared = fs::read_to_string(
        site.root()
            .join("content/partnerships/2019-1-fr01-ka204-062345.fr.md"),
    )
    .unwrap();
    assert!(
        !shared.contains("title:"),
        "the default-language file holds the shared fields only:\n{shared}"
    );
    assert!(
        shared.contains("project_ref: 2019-1-FR01-KA204-062345"),
        "{shared}"
    );
    assert!(shared.contains("action: KA204"), "{shared}");

    let b = site.build();
    let b = b.success();
    let page = "en/partnerships/2019-1-fr01-ka204-062345/index.html";
    assert_eq!(
        b.select_one(page, "h1").squashed(),
        "Philia+: supporting young people leaving child protection"
    );
    let members: Vec<String> = b
        .select_all(page, "ul.members li")
        .iter()
        .map(|m| m.squashed())
        .collect();
    let joined = members.join("\n");
    for (name, country) in [
        ("Institut Régional du Travail Social de Perpignan", "France"),
        ("Panepistimio Dytikis Attikis", "Greece"),
        ("University of the West of Scotland", "United Kingdom"),
        ("Fundació Pere Tarrés", "Spain"),
    ] {
        assert!(
            members
                .iter()
                .any(|m| m.contains(name) && m.contains(country)),
            "{name} ({country}) is a member:\n{joined}"
        );
    }
    let funding = b.select_one(page, "table.funding tbody tr").squashed();
    assert!(
        funding.contains("European Union") || funding.contains("Union européenne"),
        "{funding}"
    );
    assert!(funding.contains("298,765"), "the grant: {funding}");
    let facts = b.select_one(page, "aside.facts").squashed();
    assert!(
        facts.contains("2019-1-FR01-KA204-062345"),
        "the identifier: {facts}"
    );
    // The French page shows the English text, marked.
    let fr = "fr/partenariats/2019-1-fr01-ka204-062345/index.html";
    assert_eq!(b.select_one(fr, "h1").attr("lang"), Some("en"));
    assert!(b.select_one(fr, "table.funding").squashed().contains("298"));
    assert!(
        b.exists("fr/pays/grece/index.html")
            || b.files()
                .iter()
                .any(|f| f.starts_with("fr/pays/") && f.contains("gr")),
        "Greece has its page"
    );
}

#[test]
fn a_cordis_pair_with_decimal_commas_imports_and_builds() {
    let (_dir, site) = fresh_site();
    let run = import(
        &site,
        &fixture("cordis/project.csv"),
        &["--theme", "research"],
    )
    .code(0);
    assert!(
        run.stderr.contains("Imported 2 project(s)"),
        "{}",
        run.stderr
    );
    let programmes =
        fs::read_to_string(site.root().join("content/taxonomies/programmes.yaml")).unwrap();
    assert!(programmes.contains("horizon-europe:"), "{programmes}");
    let b = site.build().success();
    let page = "en/partnerships/care-net-101094123/index.html";
    let members = b.select_one(page, "ul.members").squashed();
    for name in [
        "PANEPISTIMIO DYTIKIS ATTIKIS",
        "UNIVERSITY OF THE WEST OF SCOTLAND",
        "Greece",
        "United Kingdom",
    ] {
        assert!(members.contains(name), "{name}: {members}");
    }
    let funding = b.select_one(page, "table.funding tbody tr").squashed();
    assert!(
        funding.contains("2,999,692.5"),
        "the decimal comma read: {funding}"
    );
    let facts = b.select_one(page, "aside.facts").squashed();
    assert!(facts.contains("101094123"), "{facts}");
    // The objective held unescaped `;`: it is whole.
    let body = b.select_one(page, "div.body").squashed();
    assert!(
        body.contains("it compares six countries; it trains social workers"),
        "{body}"
    );
}

#[test]
fn organisations_are_matched_to_the_sites_institutions_and_an_institution_filters() {
    let (_dir, site) = fresh_site();
    import(&site, &fixture(BULK), &["--add-themes"]).code(0);
    // CORDIS writes the same organisations in capitals: matched, not doubled.
    let dry = import(
        &site,
        &fixture("cordis/organization.csv"),
        &["--dry-run", "--theme", "research"],
    )
    .code(0);
    assert!(
        dry.stdout.contains("`PANEPISTIMIO DYTIKIS ATTIKIS` (gr) is the site's institution `panepistimio-dytikis-attikis`"),
        "{}",
        dry.stdout
    );
    assert!(
        !dry.stdout.contains("create content/institutions/"),
        "{}",
        dry.stdout
    );

    let (_dir2, other) = fresh_site();
    let run = import(
        &other,
        &fixture(BULK),
        &["--add-themes", "--institution", "Haute Ecole Libre Mosane"],
    )
    .code(0);
    assert!(
        run.stderr.contains("Imported 1 project(s)"),
        "{}",
        run.stderr
    );
    assert!(other
        .root()
        .join("content/partnerships/2023-1-fr01-ka220-adu-000154321.en.md")
        .exists());
    let none = import(
        &other,
        &fixture(BULK),
        &["--institution", "Nowhere University"],
    )
    .code(1);
    assert!(
        none.stderr
            .contains("no project of this file names the organisation"),
        "{}",
        none.stderr
    );
}

#[test]
fn refused_rows_are_all_reported_located_and_nothing_is_written() {
    let (dir, site) = fresh_site();
    let text = fs::read_to_string(fixture(BULK)).unwrap();
    let broken = text
        .replace(",ES,Carrer", ",XX,Carrer")
        .replace("\"FR,EL,UK,ES\"", "\"FR,EL,QQ\"")
        .replace("298765.00", "lots");
    let file = dir.path().join("broken.csv");
    fs::write(&file, broken).unwrap();
    let run = import(&site, &file, &["--add-themes"]).code(1);
    assert!(
        run.stderr.contains("Nothing was imported"),
        "{}",
        run.stderr
    );
    for expected in [
        "row 2, column J (`EU Grant award in euros",
        "found `lots`",
        "row 2, column P (`Participating countries`), item 3: unknown country `QQ`",
    ] {
        assert!(run.stderr.contains(expected), "{expected}:\n{}", run.stderr);
    }
    assert!(!site
        .root()
        .join("content/partnerships/2019-1-fr01-ka204-062345.fr.md")
        .exists());
    // Again in French.
    let fr = site.run(&[
        "import",
        file.to_str().unwrap(),
        "--lang",
        "fr",
        "--add-themes",
    ]);
    assert!(fr.stderr.contains("pays inconnu `QQ`"), "{}", fr.stderr);
}

#[test]
fn an_existing_partnership_is_replaced_only_with_force() {
    let (_dir, site) = fresh_site();
    import(&site, &fixture(BULK), &["--add-themes"]).code(0);
    let again = import(&site, &fixture(BULK), &["--add-themes"]).code(0);
    assert!(
        again
            .stdout
            .contains("unchanged content/partnerships/2019-1-fr01-ka204-062345.en.md"),
        "{}",
        again.stdout
    );
    let en = site
        .root()
        .join("content/partnerships/2019-1-fr01-ka204-062345.en.md");
    fs::write(
        &en,
        fs::read_to_string(&en)
            .unwrap()
            .replace("Philia+:", "Philia plus:"),
    )
    .unwrap();
    let refused = import(&site, &fixture(BULK), &["--add-themes"]).code(1);
    assert!(
        refused.stderr.contains("already exists"),
        "{}",
        refused.stderr
    );
    import(&site, &fixture(BULK), &["--add-themes", "--force"]).code(0);
    assert!(fs::read_to_string(&en).unwrap().contains("Philia+:"));
}

#[test]
fn the_search_results_workbook_imports_and_builds() {
    let (dir, site) = fresh_site();
    let file = dir.path().join("search-results.xlsx");
    let header = [
        "Programme", "Key Action", "Action Type", "Funding Year", "Project Identifier", "Project Title",
        "Project Summary", "Topics", "Results Platform Project Card", "Coordinating organisation name",
        "Coordinator's country", "Participating Countries",
        "EU Grant award in euros (This amount is indicative. It might change throughout the project lifecycle and the figure will not be updated.)",
        "Is Good Practice",
    ];
    let row = [
        "Erasmus+",
        "Partnerships for cooperation and exchanges of practices",
        "Small-scale partnerships in youth",
        "2022",
        "2022-2-BE05-KA210-YOU-000098765",
        "Youth workers meet social-work students",
        "Two short exchanges between youth workers and social-work students.",
        "Youth participation; Inclusion - equity",
        "https://erasmus-plus.ec.europa.eu/projects/search/details/2022-2-BE05-KA210-YOU-000098765",
        "Haute École Libre Mosane",
        "Belgium",
        "BE,EL,UK",
        "",
        "No",
    ];
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (i, h) in header.iter().enumerate() {
        sheet.write_string(0, i as u16, *h).unwrap();
    }
    for (i, v) in row.iter().enumerate() {
        sheet.write_string(1, i as u16, *v).unwrap();
    }
    // Excel exports the grant as a number.
    sheet.write_number(1, 12, 60000.0).unwrap();
    book.save(&file).unwrap();

    let run = import(&site, &file, &["--add-themes"]).code(0);
    assert!(
        run.stderr.contains("Imported 1 project(s)"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    let b = site.build().success();
    let page = "en/partnerships/2022-2-be05-ka210-you-000098765/index.html";
    assert!(b
        .select_one(page, "ul.members")
        .squashed()
        .contains("Haute École Libre Mosane"));
    let facts = b.select_one(page, "aside.facts").squashed();
    assert!(facts.contains("2022-2-BE05-KA210-YOU-000098765"), "{facts}");
    assert!(b
        .select_one(page, "table.funding")
        .squashed()
        .contains("60,000"));
    // The participating countries without a member are the partnership's too.
    let card = b.html(page).root_element().text().collect::<String>();
    for country in ["Belgium", "Greece", "United Kingdom"] {
        assert!(card.contains(country), "{country}");
    }
}

#[test]
fn nearly_the_same_name_is_the_sites_institution_and_a_known_project_keeps_its_key() {
    let (_dir, site) = fresh_site();
    let content = site.root().join("content");
    fs::write(
        content.join("institutions/irts-perpignan.yaml"),
        "name: Institut régional de travail social Perpignan\ntype: training_institute\ncountry: fr\n",
    )
    .unwrap();
    fs::write(
        content.join("partnerships/philia.fr.md"),
        "---\ntitle: Philia+\nsummary: Les jeunes majeurs sortant de la protection de l'enfance.\n\
         kind: eu_project\nprogramme: erasmus-plus\nproject_ref: 2019-1-FR01-KA204-062345\n\
         themes: [social-work-training]\nstatus: ended\nstart: 2019\n\
         members:\n  - {institution: irts-perpignan, role: coordinator}\n---\n",
    )
    .unwrap();
    let dry = import(&site, &fixture(BULK), &["--dry-run", "--add-themes"]).code(1);
    assert!(
        dry.stderr
            .contains("the partnership `philia` already exists"),
        "the known project is refused without --force:\n{}",
        dry.stderr
    );
    let dry = import(
        &site,
        &fixture(BULK),
        &["--dry-run", "--add-themes", "--force"],
    )
    .code(0);
    let out = &dry.stdout;
    assert!(
        out.contains("`Institut Régional du Travail Social de Perpignan` (fr) taken as the site's institution `irts-perpignan` (names"),
        "{out}"
    );
    assert!(
        out.contains("the project `2019-1-FR01-KA204-062345` is the site's partnership `philia`"),
        "{out}"
    );
    assert!(
        out.contains("update content/partnerships/philia.fr.md"),
        "{out}"
    );
    assert!(
        !out.contains("institut-regional-du-travail-social"),
        "no second institution:\n{out}"
    );
}

#[test]
fn an_imported_site_goes_through_the_spreadsheet_unchanged() {
    let (dir, site) = fresh_site();
    import(&site, &fixture(BULK), &["--add-themes"]).code(0);
    import(
        &site,
        &fixture("cordis/project.csv"),
        &["--theme", "research"],
    )
    .code(0);
    let csv = dir.path().join("all.csv");
    site.run(&["export", "--output", csv.to_str().unwrap()])
        .code(0);
    // The English-only partnerships have empty French cells, which the
    // spreadsheet import accepts: their files come back byte for byte.
    // (`--force` for the example partnership, whose hand-written layout
    // differs from what the spreadsheet writes.)
    let args = [
        "import",
        csv.to_str().unwrap(),
        "--dry-run",
        "--force",
        "--lang",
        "en",
    ];
    let run = site.run(&args).code(0);
    let eu: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| !l.contains("exemple-partenariat"))
        .collect();
    assert_eq!(eu.len(), 10, "{}\n{}", run.stdout, run.stderr);
    assert!(
        eu.iter().all(|l| l.starts_with("unchanged ")),
        "{}",
        run.stdout
    );
    assert!(!run.stderr.contains("title_fr"), "{}", run.stderr);
}
