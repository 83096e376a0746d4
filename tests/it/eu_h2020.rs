//! `passerelle import` of the older single-file CORDIS extract of Horizon
//! 2020 (`tests/fixtures/eu/cordis-h2020/`): the organisations flattened
//! into the project's row (`coordinator`, `participants` and their
//! countries), recognised from the header row, into a fresh `passerelle
//! init` site that must then build without error.

use std::fs;

use crate::eu_import::{fixture, fresh_site, import};

const FILE: &str = "cordis-h2020/cordis-h2020projects.csv";

#[test]
fn the_single_file_h2020_extract_imports_into_a_new_site_that_builds() {
    let (_dir, site) = fresh_site();
    let dry = import(&site, &fixture(FILE), &["--dry-run", "--theme", "research"]).code(0);
    assert!(
        dry.stdout
            .contains("create content/partnerships/social-bridge-770123.en.md"),
        "{}\n{}",
        dry.stdout,
        dry.stderr
    );
    let run = import(&site, &fixture(FILE), &["--theme", "research"]).code(0);
    assert!(
        run.stderr.contains("Imported 2 project(s)"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    let programmes =
        fs::read_to_string(site.root().join("content/taxonomies/programmes.yaml")).unwrap();
    assert!(programmes.contains("horizon-2020:"), "{programmes}");
    let shared = fs::read_to_string(
        site.root()
            .join("content/partnerships/social-bridge-770123.fr.md"),
    )
    .unwrap();
    assert!(shared.contains("project_ref: '770123'"), "{shared}");
    assert!(shared.contains("action: RIA"), "{shared}");
    assert!(shared.contains("status: ended"), "{shared}");

    let b = site.build().success();
    let page = "en/partnerships/social-bridge-770123/index.html";
    assert_eq!(
        b.select_one(page, "h1").squashed(),
        "Bridging social work and the reception of migrants (SOCIAL-BRIDGE)"
    );
    let members: Vec<String> = b
        .select_all(page, "ul.members li")
        .iter()
        .map(|m| m.squashed())
        .collect();
    let joined = members.join("\n");
    assert_eq!(members.len(), 4, "{joined}");
    for (name, country) in [
        ("UNIVERSITEIT VAN AMSTERDAM", "Netherlands"),
        ("PANEPISTIMIO DYTIKIS ATTIKIS", "Greece"),
        ("UNIVERSITY OF THE WEST OF SCOTLAND", "United Kingdom"),
        ("FUNDACIO PERE TARRES", "Spain"),
    ] {
        assert!(
            members
                .iter()
                .any(|m| m.contains(name) && m.contains(country)),
            "{name} ({country}) is a member:\n{joined}"
        );
    }
    assert!(
        members[0].contains("UNIVERSITEIT VAN AMSTERDAM") && members[0].contains("oordinator"),
        "the coordinator first: {joined}"
    );
    let funding = b.select_one(page, "table.funding tbody tr").squashed();
    assert!(funding.contains("Union européenne"), "{funding}");
    assert!(
        funding.contains("2,499,875.25"),
        "the decimal comma: {funding}"
    );
    let facts = b.select_one(page, "aside.facts").squashed();
    assert!(facts.contains("770123"), "the identifier: {facts}");
    let html = b.read(page);
    assert!(
        html.contains("https://www.social-bridge.eu"),
        "projectUrl is a link"
    );
    assert!(
        html.contains("https://cordis.europa.eu/project/id/770123"),
        "the CORDIS page is a link"
    );
    let body = b.select_one(page, "div.body").squashed();
    assert!(
        body.contains("Topics: Social sciences; Migration"),
        "{body}"
    );
    // The objective with unescaped `;` is whole.
    let other = "en/partnerships/care-links-812345/index.html";
    let body = b.select_one(other, "div.body").squashed();
    assert!(
        body.contains("leaving care; it compares the support they get; it writes guidance"),
        "{body}"
    );
    let members = b.select_one(other, "ul.members").squashed();
    for name in ["HAUTE ECOLE LIBRE MOSANE", "Belgium", "France"] {
        assert!(members.contains(name), "{name}: {members}");
    }
    // The French page shows the English text, marked.
    let fr = "fr/partenariats/social-bridge-770123/index.html";
    assert_eq!(b.select_one(fr, "h1").attr("lang"), Some("en"));
}

#[test]
fn participants_without_their_countries_are_refused_at_their_cell() {
    let (dir, site) = fresh_site();
    let text = fs::read_to_string(fixture(FILE)).unwrap();
    let broken = text.replace("\"EL;UK;ES\"", "\"EL;UK\"").replace(
        ";HAUTE ECOLE LIBRE MOSANE;BE;",
        ";HAUTE ECOLE LIBRE MOSANE;QQ;",
    );
    let file = dir.path().join("h2020.csv");
    fs::write(&file, broken).unwrap();
    let run = import(&site, &file, &["--theme", "research", "--format", "cordis"]).code(1);
    for expected in [
        "row 2, column T (`participantCountries`): 3 participant(s) but 2 country(ies)",
        "row 3, column T (`participantCountries`), item 1: unknown country `QQ`",
        "Nothing was imported",
    ] {
        assert!(run.stderr.contains(expected), "{expected}:\n{}", run.stderr);
    }
    assert!(!site
        .root()
        .join("content/partnerships/social-bridge-770123.fr.md")
        .exists());
}
