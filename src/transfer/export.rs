//! The resolved catalogue → one row per partnership, one cell per column
//! (`columns.rs`), written as CSV or JSON: the whole of `passerelle
//! export` after `catalogue::load`, and the inverse of `rows.rs`.
//!
//! Every cell is written so that import reads back the same value, and a
//! value that is the default is left empty (a slug equal to the key, the
//! countries of the members, a link of kind `website`): export → import →
//! export gives the same file.

use std::collections::BTreeSet;

use serde::Serialize;

use super::cells::{escape, join_items, join_parts, number_text};
use super::columns::{columns, Column, Field};
use crate::catalogue::{Catalogue, LinkKind, Partnership, PartnershipText};
use crate::types::ids::CountryCode;
use crate::types::text::write_csv_row;

/// The partnerships as a table of text cells.
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}

/// Every partnership of `catalogue` (drafts included, if it holds them),
/// sorted by key.
pub fn table(catalogue: &Catalogue) -> Table {
    let columns = columns(&catalogue.config.languages);
    let rows = catalogue
        .partnerships
        .iter()
        .map(|p| {
            columns
                .iter()
                .map(|column| cell(catalogue, p, column))
                .collect()
        })
        .collect();
    Table { columns, rows }
}

/// UTF-8 with a BOM (a spreadsheet then reads it as UTF-8), CRLF line
/// endings.
pub fn csv(table: &Table, delimiter: char) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let header: Vec<String> = table.columns.iter().map(Column::name).collect();
    write_csv_row(&mut out, &header, delimiter);
    for row in &table.rows {
        write_csv_row(&mut out, row, delimiter);
    }
    out.into_bytes()
}

/// An array of objects, one per row, with the column names as keys in
/// column order.
pub fn json(table: &Table) -> Vec<u8> {
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut out = String::from("[");
    for (i, row) in table.rows.iter().enumerate() {
        out.push_str(if i == 0 { "\n  {" } else { ",\n  {" });
        for (j, (column, value)) in table.columns.iter().zip(row).enumerate() {
            let separator = if j == 0 { "" } else { "," };
            let name = quote(&column.name());
            out.push_str(&format!("{separator}\n    {name}: {}", quote(value)));
        }
        out.push_str("\n  }");
    }
    out.push_str(if table.rows.is_empty() {
        "]\n"
    } else {
        "\n]\n"
    });
    out.into_bytes()
}

fn cell(c: &Catalogue, p: &Partnership, column: &Column) -> String {
    match &column.lang {
        Some(lang) => p
            .texts
            .get(lang)
            .map(|text| text_cell(p, column.field, text))
            .unwrap_or_default(),
        None => shared_cell(c, p, column.field),
    }
}

fn text_cell(p: &Partnership, field: Field, text: &PartnershipText) -> String {
    match field {
        Field::Title => text.title.clone(),
        Field::Summary => text.summary.clone(),
        Field::Slug if text.slug != p.key => text.slug.clone(),
        Field::Beneficiaries => text.beneficiaries.clone().unwrap_or_default(),
        Field::ContactRoles => labels(&text.contact_roles),
        Field::LinkLabels => labels(&text.link_labels),
        Field::VideoTitles => labels(&text.video_titles),
        Field::LogoAlt => text.logo_alt.clone().unwrap_or_default(),
        Field::ImageAlt => text.image_alt.clone().unwrap_or_default(),
        Field::Body => body_cell(&text.body.source),
        _ => String::new(),
    }
}

fn shared_cell(c: &Catalogue, p: &Partnership, field: Field) -> String {
    let optional = |s: &Option<String>| s.clone().unwrap_or_default();
    match field {
        Field::Key => p.key.clone(),
        Field::Acronym => optional(&p.acronym),
        Field::Kind => word(&p.kind),
        Field::Programme => p.programme.clone(),
        Field::Action => optional(&p.action),
        Field::ProjectRef => optional(&p.project_ref),
        Field::Themes => join_items(p.themes.iter().map(|t| escape(t))),
        Field::Status => word(&p.status),
        Field::FirstAgreement => p.first_agreement.map(|y| y.to_string()).unwrap_or_default(),
        Field::Start => p.start.iso(),
        Field::End => p.end.map(|d| d.iso()).unwrap_or_default(),
        Field::Countries if p.countries != members_countries(c, p) => {
            join_items(p.countries.iter().map(|t| escape(t)))
        }
        Field::Members => join_items(
            p.members
                .iter()
                .map(|m| format!("{}:{}", m.institution, word(&m.role))),
        ),
        Field::Mobility => join_items(p.mobility.iter().map(|m| {
            let places = m.places.map(|n| n.to_string()).unwrap_or_default();
            let months = m.months.map(number_text).unwrap_or_default();
            let mut parts = vec![word(&m.kind), word(&m.direction), places, months];
            while parts.last().is_some_and(String::is_empty) {
                parts.pop();
            }
            parts.join(":")
        })),
        _ => lists_cell(p, field),
    }
}

/// The shared fields whose items have several parts.
fn lists_cell(p: &Partnership, field: Field) -> String {
    let year = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_default();
    match field {
        Field::Funding => join_items(p.funding.iter().map(|f| {
            let amount = number_text(f.amount);
            join_parts(&[f.funder.clone(), amount, f.currency.clone(), year(f.year)])
        })),
        Field::EuFunding => p
            .eu_funding
            .as_ref()
            .map(|e| join_parts(&[word(&e.statement), e.authority.clone().unwrap_or_default()]))
            .unwrap_or_default(),
        Field::Contacts => join_items(p.contacts.iter().map(|c| {
            let public = if c.public { "public" } else { "" };
            let optional = |s: &Option<String>| s.clone().unwrap_or_default();
            join_parts(&[
                c.name.clone(),
                optional(&c.email),
                optional(&c.phone),
                public.to_string(),
            ])
        })),
        Field::Links => join_items(p.links.iter().map(|l| {
            let kind = if l.kind == LinkKind::Website {
                String::new()
            } else {
                word(&l.kind)
            };
            join_parts(&[l.url.clone(), kind])
        })),
        Field::Videos => join_items(p.videos.iter().map(|v| escape(&v.url))),
        Field::Logo => p.logo.clone().unwrap_or_default(),
        Field::Image => p.image.as_ref().map_or_else(String::new, |i| {
            join_parts(&[i.file.clone(), i.credit.clone().unwrap_or_default()])
        }),
        Field::Featured if p.featured => "true".to_string(),
        Field::Draft if p.draft => "true".to_string(),
        _ => String::new(),
    }
}

/// The translated sub-field of each item of a list; empty when no item has
/// one.
fn labels(items: &[Option<String>]) -> String {
    if items.iter().all(Option::is_none) {
        return String::new();
    }
    join_items(items.iter().map(|l| escape(l.as_deref().unwrap_or(""))))
}

/// The countries a partnership has when it does not list them.
fn members_countries(c: &Catalogue, p: &Partnership) -> Vec<CountryCode> {
    let countries: BTreeSet<&CountryCode> = p
        .members
        .iter()
        .filter_map(|m| c.institutions.get(&m.institution))
        .map(|i| &i.country)
        .collect();
    countries.into_iter().cloned().collect()
}

/// The word an enum is written with in the front matter.
fn word(value: &impl Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A Markdown body without its leading blank lines and trailing white
/// space: import writes it back that way, so both directions agree.
pub fn body_cell(source: &str) -> String {
    let text = source.trim_end();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() {
            break;
        }
        start += line.len();
    }
    text[start..].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::lang::Lang;

    #[test]
    fn bodies_lose_only_their_blank_edges() {
        assert_eq!(
            body_cell("\n  \nText\n\n  indented\n\n"),
            "Text\n\n  indented"
        );
        assert_eq!(body_cell(""), "");
    }

    #[test]
    fn json_keeps_the_column_order() {
        let table = Table {
            columns: columns(&[Lang::Fr]),
            rows: vec![vec!["a\"b".to_string(); 33]],
        };
        let json = String::from_utf8(json(&table)).unwrap();
        assert!(json.starts_with("[\n  {\n    \"key\": \"a\\\"b\",\n    \"title_fr\""));
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value[0]["body_fr"], "a\"b");
        assert_eq!(
            String::from_utf8(super::json(&Table {
                columns: vec![],
                rows: vec![]
            }))
            .unwrap(),
            "[]\n"
        );
    }
}
