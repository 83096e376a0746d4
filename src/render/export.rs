//! The catalogue as data: `data/partnerships.json` (a documented, versioned
//! schema, `docs/data-exports.md`) and `data/partnerships.csv` (UTF-8 with
//! BOM, `;` between columns, as a French spreadsheet opens it).
//!
//! Both are built from the resolved catalogue, never from rendered pages.
//!
//! They are among the files made from the whole catalogue at the end of
//! render ([`super::build`]), beside the feeds and the search index.

use serde::Serialize;

use super::site::SiteData;
use crate::catalogue::Partnership;
use crate::types::date::PartialDate;
use crate::types::ids::CountryCode;
use crate::types::lang::Lang;
use crate::types::text::write_csv_row;

/// The version of the JSON schema; raised when a field changes meaning or
/// goes away (adding a field keeps it).
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Export<'a> {
    schema: &'static str,
    version: u32,
    languages: &'a [Lang],
    partnerships: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Item<'a> {
    key: &'a str,
    acronym: Option<&'a str>,
    kind: crate::catalogue::Kind,
    programme: &'a str,
    action: Option<&'a str>,
    project_ref: Option<&'a str>,
    themes: &'a [String],
    status: crate::catalogue::Status,
    first_agreement: Option<i32>,
    start: String,
    end: Option<String>,
    countries: &'a [CountryCode],
    members: Vec<Member<'a>>,
    funding: Vec<Funding<'a>>,
    /// One entry per site language; `translated` is false when the text is
    /// the default language's.
    texts: std::collections::BTreeMap<Lang, Text<'a>>,
}

#[derive(Serialize)]
struct Member<'a> {
    institution: &'a str,
    name: &'a str,
    country: &'a str,
    role: crate::catalogue::Role,
}

#[derive(Serialize)]
struct Funding<'a> {
    funder: &'a str,
    amount: f64,
    currency: &'a str,
    year: Option<i32>,
}

#[derive(Serialize)]
struct Text<'a> {
    title: &'a str,
    summary: &'a str,
    translated: bool,
    /// The page's address: absolute with `base_url`, else from the site root.
    url: String,
}

/// `data/partnerships.json`.
pub fn json(r: &SiteData) -> Vec<u8> {
    let c = r.catalogue;
    let partnerships = c.partnerships.iter().map(|p| item(r, p)).collect();
    let export = Export {
        schema: "passerelle/partnerships",
        version: SCHEMA_VERSION,
        languages: &c.config.languages,
        partnerships,
    };
    let mut bytes = serde_json::to_vec_pretty(&export).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn item<'a>(r: &'a SiteData, p: &'a Partnership) -> Item<'a> {
    let c = r.catalogue;
    let texts = c
        .config
        .languages
        .iter()
        .map(|&lang| {
            let text = p.text(lang);
            let route = r.routes.partnership(lang, p);
            let url = r.routes.absolute(&route).unwrap_or(route);
            let text = Text {
                title: &text.title,
                summary: &text.summary,
                translated: text.lang == lang,
                url,
            };
            (lang, text)
        })
        .collect();
    Item {
        key: &p.key,
        acronym: p.acronym.as_deref(),
        kind: p.kind,
        programme: &p.programme,
        action: p.action.as_deref(),
        project_ref: p.project_ref.as_deref(),
        themes: &p.themes,
        status: p.status,
        first_agreement: p.first_agreement,
        start: p.start.iso(),
        end: p.end.as_ref().map(PartialDate::iso),
        countries: &p.countries,
        members: p
            .members
            .iter()
            .filter_map(|m| {
                let inst = c.institutions.get(&m.institution)?;
                Some(Member {
                    institution: &inst.id,
                    name: &inst.name,
                    country: &inst.country,
                    role: m.role,
                })
            })
            .collect(),
        funding: p
            .funding
            .iter()
            .map(|f| Funding {
                funder: &f.funder,
                amount: f.amount,
                currency: &f.currency,
                year: f.year,
            })
            .collect(),
        texts,
    }
}

/// `data/partnerships.csv`: one row per partnership, lists joined with `;`
/// inside their quoted cell, amounts with a decimal comma.
pub fn csv(r: &SiteData) -> Vec<u8> {
    let c = r.catalogue;
    // The BOM tells a spreadsheet the file is UTF-8.
    let mut out = String::from("\u{feff}");
    write_csv_row(&mut out, &csv_header(&c.config.languages), ';');
    for p in &c.partnerships {
        write_csv_row(&mut out, &csv_row(r, p), ';');
    }
    out.into_bytes()
}

/// The column names: the fields of a partnership, then a title, summary and
/// address for each site language, suffixed with the language.
fn csv_header(languages: &[Lang]) -> Vec<String> {
    let mut header: Vec<String> = [
        "key",
        "acronym",
        "kind",
        "programme",
        "action",
        "project_ref",
        "status",
        "first_agreement",
        "start",
        "end",
        "themes",
        "countries",
        "members",
        "funding_total_eur",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for lang in languages {
        header.extend(
            ["title", "summary", "url"]
                .iter()
                .map(|f| format!("{f}_{lang}")),
        );
    }
    header
}

/// One partnership's cells, in the order of `csv_header`.
fn csv_row(r: &SiteData, p: &Partnership) -> Vec<String> {
    let eur: f64 = p
        .funding
        .iter()
        .filter(|f| f.currency == "EUR")
        .map(|f| f.amount)
        .sum();
    let mut row = vec![
        p.key.clone(),
        p.acronym.clone().unwrap_or_default(),
        enum_name(&p.kind),
        p.programme.clone(),
        p.action.clone().unwrap_or_default(),
        p.project_ref.clone().unwrap_or_default(),
        enum_name(&p.status),
        p.first_agreement.map(|y| y.to_string()).unwrap_or_default(),
        p.start.iso(),
        p.end.as_ref().map(PartialDate::iso).unwrap_or_default(),
        p.themes.join(";"),
        p.countries.join(";"),
        p.members
            .iter()
            .map(|m| m.institution.as_str())
            .collect::<Vec<_>>()
            .join(";"),
        // An empty cell says "no funding recorded", which a zero would not.
        if p.funding.is_empty() {
            String::new()
        } else {
            decimal_comma(eur)
        },
    ];
    for &lang in &r.catalogue.config.languages {
        let text = p.text(lang);
        let route = r.routes.partnership(lang, p);
        row.push(text.title.clone());
        row.push(text.summary.clone());
        row.push(r.routes.absolute(&route).unwrap_or(route));
    }
    row
}

fn enum_name(value: &impl Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// `15000` or `1234,5`: what a spreadsheet in French reads as a number.
fn decimal_comma(n: f64) -> String {
    let text = format!("{}", (n * 100.0).round() / 100.0);
    text.replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_only_when_needed() {
        let mut out = String::new();
        write_csv_row(
            &mut out,
            &["a".into(), "b;c".into(), "d \"e\"".into(), "f\ng".into()],
            ';',
        );
        assert_eq!(out, "a;\"b;c\";\"d \"\"e\"\"\";\"f\ng\"\r\n");
    }

    #[test]
    fn amounts_use_a_decimal_comma() {
        assert_eq!(decimal_comma(15000.0), "15000");
        assert_eq!(decimal_comma(1234567.5), "1234567,5");
    }
}
