//! `data/partnerships.json` and `data/partnerships.csv` against the
//! fixture's facts.

use crate::support::SiteTest;

#[test]
fn the_json_export_holds_every_partnership_with_its_facts_and_texts() {
    let b = SiteTest::fixture("build/basic").build().success();
    let json: serde_json::Value =
        serde_json::from_str(&b.read("data/partnerships.json")).expect("valid JSON");
    assert_eq!(json["schema"], "passerelle/partnerships");
    assert_eq!(json["version"], 1);
    let list = json["partnerships"].as_array().unwrap();
    assert_eq!(list.len(), 4);
    let liege = list.iter().find(|p| p["key"] == "echanges-liege").unwrap();
    assert_eq!(liege["start"], "2024-03-15");
    let amounts: Vec<f64> = liege["funding"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["amount"].as_f64().unwrap())
        .collect();
    assert_eq!(amounts, [15000.0, 1234567.5]);
    assert_eq!(liege["texts"]["fr"]["title"], "Échanges avec Liège");
    assert_eq!(liege["texts"]["en"]["title"], "Exchanges with Liège");
    assert_eq!(
        liege["texts"]["en"]["url"],
        "https://example.org/international/en/partnerships/liege-exchanges/"
    );
    assert_eq!(liege["members"][1]["institution"], "helmo");
    let untranslated = list.iter().find(|p| p["key"] == "atelier-eupen").unwrap();
    assert_eq!(untranslated["texts"]["en"]["translated"], false);
    assert_eq!(untranslated["texts"]["fr"]["translated"], true);
}

#[test]
fn the_csv_export_opens_in_a_french_spreadsheet() {
    let b = SiteTest::fixture("build/basic").build().success();
    let bytes = std::fs::read(b.path("data/partnerships.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "no UTF-8 BOM");
    let text = String::from_utf8(bytes).unwrap();
    let lines: Vec<&str> = text
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines.len(), 5, "a header and four partnerships");
    let header: Vec<&str> = lines[0].split(';').collect();
    assert_eq!(&header[..3], ["key", "acronym", "kind"]);
    assert!(header.contains(&"title_fr") && header.contains(&"title_en"));
    let liege = lines
        .iter()
        .find(|l| l.starts_with("echanges-liege;"))
        .unwrap();
    assert!(
        liege.contains(";1249567,5;"),
        "the EUR total with a decimal comma: {liege}"
    );
    assert!(liege.contains("Échanges avec Liège") && liege.contains("Exchanges with Liège"));
}
