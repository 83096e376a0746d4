//! The older CORDIS extracts of Horizon 2020 (2018–2019): one file, each
//! project with its organisations flattened into four cells, `coordinator`
//! and `coordinatorCountry`, `participants` and `participantCountries`
//! (lists separated by `;` inside one quoted cell, in the same order),
//! plus `projectUrl` and `subjects`. The project's own columns (`id`,
//! `acronym`, `title`, dates, `ecMaxContribution`, `objective`…) are those
//! of today's `project.csv`, read as `cordis.rs` reads them.

use super::cordis;
use super::project::{self, Organisation, Origin, Project};
use super::sheet::Sheet;
use crate::catalogue::{InstitutionType, Role};
use crate::diagnostics::Diagnostic;
use crate::text;

/// Whether a header row is the single-file layout: the organisations are
/// in the project's row.
pub fn recognises(sheet: &Sheet) -> bool {
    ["id", "coordinator", "coordinatorCountry", "participants"]
        .iter()
        .all(|name| sheet.column(&[name]).is_some())
}

/// Every project of the file, with its organisations.
pub fn read(sheet: &Sheet, problems: &mut Vec<Diagnostic>) -> Vec<Project> {
    let needed = ["id", "title", "coordinator", "coordinatorCountry"];
    let missing: Vec<&str> = needed
        .into_iter()
        .filter(|name| sheet.column(&[name]).is_none())
        .collect();
    if !missing.is_empty() {
        problems.extend(missing.into_iter().map(|name| sheet.missing_column(name)));
        return Vec::new();
    }
    let objective = sheet.column(&["objective"]);
    let subjects = sheet.column(&["subjects"]);
    let mut out = Vec::new();
    for record in &sheet.rows {
        let record = cordis::merged(record, sheet.header.len(), objective);
        let organisations = organisations(sheet, &record, problems);
        let Some(mut p) = cordis::read_project(sheet, &record, organisations, problems) else {
            continue;
        };
        p.website = project::website(sheet.cell(&record, sheet.column(&["projectUrl"])));
        p.topics = sheet
            .cell(&record, subjects)
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        if !p.topics.is_empty() {
            p.topics_origin = Origin {
                row: record.row,
                column: subjects,
            };
            p.topics_header = "subjects";
        }
        out.push(p);
    }
    out
}

/// The coordinator and the participants of a row, each with its place in
/// the row's order (the coordinator first).
fn organisations(
    sheet: &Sheet,
    record: &super::super::csv::Record,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(u32, Organisation)> {
    let row = record.row;
    let column = |name: &str| sheet.column(&[name]);
    let cell = |name: &str| sheet.cell(record, column(name));
    let organisation = |name: &str, country: String, role, at: Option<usize>| Organisation {
        origin: Origin { row, column: at },
        name: name.to_string(),
        kind: InstitutionType::Other,
        country,
        city: None,
        website: None,
        role,
        coordinates: None,
    };
    let mut out = Vec::new();
    let coordinator = cell("coordinator");
    if !coordinator.is_empty() {
        let at = sheet.at(row, column("coordinatorCountry").unwrap_or_default());
        match project::read_country(cell("coordinatorCountry"), &at) {
            Ok(code) => out.push((
                0,
                organisation(coordinator, code, Role::Coordinator, column("coordinator")),
            )),
            Err(d) => problems.push(d),
        }
    }
    let names = list(cell("participants"));
    let countries = list(cell("participantCountries"));
    let countries_at = column("participantCountries");
    let Some(countries) = paired(&names, &countries) else {
        let (n, m) = (names.len(), countries.len());
        let at = match countries_at {
            Some(c) => sheet.at(row, c),
            None => super::super::locate::at_row(&sheet.file, row),
        };
        problems.push(at.diagnostic(
            text!(
                "{n} participant(s) but {m} country(ies): each participant needs its country, in the same order",
                "{n} participant(s) mais {m} pays : chaque participant a besoin de son pays, dans le même ordre"
            ),
            Some(text!(
                "import the file as CORDIS exported it; or download the current `project.csv` and `organization.csv`, which give each organisation its row",
                "importez le fichier tel que CORDIS l'a exporté ; ou téléchargez les fichiers actuels `project.csv` et `organization.csv`, qui donnent une ligne à chaque organisation"
            )),
        ));
        return out;
    };
    for (i, (name, country)) in names.iter().zip(countries).enumerate() {
        let at = sheet
            .at(row, countries_at.unwrap_or_default())
            .item(Some(i));
        match project::read_country(country, &at) {
            Ok(code) => out.push((
                i as u32 + 1,
                organisation(name, code, Role::Partner, column("participants")),
            )),
            Err(d) => problems.push(d),
        }
    }
    out
}

/// The items of a `;`-separated cell.
fn list(cell: &str) -> Vec<&str> {
    cell.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The country of each participant: the list in the same order, or one
/// country for all of them; `None` when they cannot be paired.
fn paired<'a>(names: &[&str], countries: &[&'a str]) -> Option<Vec<&'a str>> {
    if countries.len() == names.len() {
        return Some(countries.to_vec());
    }
    let first = countries.first()?;
    countries
        .iter()
        .all(|c| c.eq_ignore_ascii_case(first))
        .then(|| vec![*first; names.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn participants_are_paired_with_their_countries() {
        let names = ["A", "B"];
        assert_eq!(paired(&names, &["BE", "EL"]), Some(vec!["BE", "EL"]));
        assert_eq!(paired(&names, &["BE"]), Some(vec!["BE", "BE"]));
        assert_eq!(paired(&names, &["BE", "EL", "UK"]), None);
        assert_eq!(paired(&names, &[]), None);
        assert_eq!(paired(&[], &[]), Some(vec![]));
        assert_eq!(list(" A ;; B;"), ["A", "B"]);
    }
}
