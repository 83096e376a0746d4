//! The Erasmus+ Project Results Platform's exports: the bulk
//! "Projects_Overview" CSV (22 fixed columns, then six a partner:
//! `Partner n name / organisation type / address / region / country /
//! website`) and the search results' "Export to Excel" (the coordinator
//! and the participating countries only). Both are read by their column
//! names, the same code for both: a column the file lacks is left empty.

use super::super::csv::Record;
use super::project::{self, Organisation, Origin, Programme, Project};
use super::sheet::Sheet;
use crate::catalogue::{Role, Status};
use crate::diagnostics::Diagnostic;
use crate::text;
use crate::types::date::{self, PartialDate};
use crate::types::text::slugify;

/// Whether a header row is one of the platform's.
pub fn recognises(sheet: &Sheet) -> bool {
    sheet.column(&["Project Identifier"]).is_some()
        && sheet
            .column(&["Key Action", "Action Type", "Programme"])
            .is_some()
}

/// The columns of the platform's exports, found by name.
struct Columns {
    identifier: Option<usize>,
    title: Option<usize>,
    summary: Option<usize>,
    topics: Option<usize>,
    status: Option<usize>,
    year: Option<usize>,
    grant: Option<usize>,
    website: Option<usize>,
    card: Option<usize>,
    countries: Option<usize>,
    coordinator: [Option<usize>; 5],
    /// Per partner: name, type, address, country, website.
    partners: Vec<[Option<usize>; 5]>,
}

impl Columns {
    fn find(sheet: &Sheet) -> Columns {
        let coordinator = [
            sheet.column(&["Coordinating organisation name", "Coordinator name"]),
            sheet.column(&["Coordinating organisation type", "Coordinator type"]),
            sheet.column(&["Coordinator's address"]),
            sheet.column(&["Coordinator's country"]),
            sheet.column(&["Coordinator's website"]),
        ];
        let mut partners = Vec::new();
        for n in 1.. {
            let column = |field: &str| sheet.column(&[&format!("Partner {n} {field}")]);
            let name = column("name");
            if name.is_none() {
                break;
            }
            partners.push([
                name,
                column("organisation type"),
                column("address"),
                column("country"),
                column("website"),
            ]);
        }
        Columns {
            identifier: sheet.column(&["Project Identifier"]),
            title: sheet.column(&["Project Title"]),
            summary: sheet.column(&["Project Summary"]),
            topics: sheet.column(&["Topics"]),
            status: sheet.column(&["Project Status", "Project or accreditation status"]),
            year: sheet.column(&["Call year", "Funding Year"]),
            grant: sheet.column_starting("EU Grant award in euros"),
            website: sheet.column(&["Project Website"]),
            card: sheet.column(&["Results Platform Project Card"]),
            countries: sheet.column(&["Participating countries"]),
            coordinator,
            partners,
        }
    }
}

/// Every project of the sheet, and every problem of its cells.
pub fn read(sheet: &Sheet, problems: &mut Vec<Diagnostic>) -> Vec<Project> {
    let columns = Columns::find(sheet);
    for (column, name) in [
        (columns.identifier, "Project Identifier"),
        (columns.title, "Project Title"),
    ] {
        if column.is_none() {
            problems.push(sheet.missing_column(name));
        }
    }
    if columns.identifier.is_none() || columns.title.is_none() {
        return Vec::new();
    }
    sheet
        .rows
        .iter()
        .filter_map(|record| read_row(sheet, &columns, record, problems))
        .collect()
}

fn read_row(
    sheet: &Sheet,
    c: &Columns,
    record: &Record,
    problems: &mut Vec<Diagnostic>,
) -> Option<Project> {
    let row = record.row;
    let cell = |column| sheet.cell(record, column);
    let origin = |column: Option<usize>| Origin { row, column };
    let identifier = cell(c.identifier).to_string();
    let title = cell(c.title).to_string();
    let mut missing = false;
    for (value, column) in [(&identifier, c.identifier), (&title, c.title)] {
        if value.is_empty() {
            let at = sheet.at(row, column.unwrap_or_default());
            problems.push(at.diagnostic(
                text!("this cell is empty", "cette cellule est vide"),
                Some(text!(
                    "every project needs its identifier and its title, as the platform exports them",
                    "chaque projet a besoin de son identifiant et de son titre, tels que la plateforme les exporte"
                )),
            ));
            missing = true;
        }
    }
    let year = read_year(sheet, record, c.year, problems);
    let grant = read_grant(sheet, record, c.grant, problems);
    let status = read_status(sheet, record, c.status, year, problems);
    let countries = read_countries(sheet, record, c.countries, problems);
    let mut organisations = Vec::new();
    let groups = std::iter::once((c.coordinator, Role::Coordinator))
        .chain(c.partners.iter().map(|p| (*p, Role::Partner)));
    for (columns, role) in groups {
        if let Some(o) = organisation(sheet, record, columns, role, problems) {
            organisations.push(o);
        }
    }
    if missing {
        return None;
    }
    let action = project::action_code(&identifier);
    let card = project::website(cell(c.card)).map(|url| (url, "Erasmus+ Project Results Platform"));
    Some(Project {
        origin: origin(c.identifier),
        id_header: "Project Identifier",
        key: slugify(&identifier),
        acronym: None,
        summary: cell(c.summary).to_string(),
        topics: cell(c.topics)
            .split(';')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect(),
        topics_origin: origin(c.topics),
        topics_header: "Topics",
        note: None,
        programme: Programme::ErasmusPlus,
        kind: project::kind_of_action(action.as_deref()),
        action,
        status,
        start: PartialDate {
            year: year.unwrap_or(date::today().0),
            month: None,
            day: None,
        },
        end: None,
        year,
        grant,
        website: project::website(cell(c.website)),
        card,
        countries,
        organisations,
        identifier,
        title,
    })
}

fn read_year(
    sheet: &Sheet,
    record: &Record,
    column: Option<usize>,
    problems: &mut Vec<Diagnostic>,
) -> Option<i32> {
    let value = sheet.cell(record, column);
    if value.is_empty() {
        return None;
    }
    let year = value
        .parse::<i32>()
        .ok()
        .filter(|y| (1987..=2100).contains(y));
    if year.is_none() {
        problems.push(sheet.at(record.row, column?).diagnostic(
            text!(
                "expected a year such as `2018`; found `{value}`",
                "attendu : une année comme `2018` ; trouvé : `{value}`"
            ),
            None,
        ));
    }
    year
}

fn read_grant(
    sheet: &Sheet,
    record: &Record,
    column: Option<usize>,
    problems: &mut Vec<Diagnostic>,
) -> Option<f64> {
    let value = sheet.cell(record, column);
    if value.is_empty() {
        return None;
    }
    let grant = project::amount(value, false);
    if grant.is_none() {
        problems.push(sheet.at(record.row, column?).diagnostic(
            text!(
                "expected an amount in euros such as `112527.93`; found `{value}`",
                "attendu : un montant en euros comme `112527.93` ; trouvé : `{value}`"
            ),
            None,
        ));
    }
    grant
}

/// The status the file gives; without the column (the search results),
/// a project of the last three call years is taken as ongoing.
fn read_status(
    sheet: &Sheet,
    record: &Record,
    column: Option<usize>,
    year: Option<i32>,
    problems: &mut Vec<Diagnostic>,
) -> Status {
    let value = sheet.cell(record, column);
    let recent = year.is_none_or(|y| y + 3 > date::today().0);
    let guessed = if recent {
        Status::Ongoing
    } else {
        Status::Ended
    };
    if value.is_empty() {
        return guessed;
    }
    project::status(value).unwrap_or_else(|| {
        if let Some(column) = column {
            let taken = match guessed {
                Status::Ongoing => "ongoing",
                _ => "ended",
            };
            let d = sheet.at(record.row, column).diagnostic(
                text!("unknown status `{value}`: taken as `{taken}` from the call year", "statut inconnu `{value}` : pris pour `{taken}` d'après l'année de l'appel"),
                Some(text!("the platform writes `finalized` or `ongoing`; correct `status` in the partnership's file if needed", "la plateforme écrit `finalized` ou `ongoing` ; corrigez `status` dans le fichier du partenariat si besoin")),
            );
            problems.push(d.as_warning());
        }
        guessed
    })
}

fn read_countries(
    sheet: &Sheet,
    record: &Record,
    column: Option<usize>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut codes = Vec::new();
    for (i, code) in project::country_list(sheet.cell(record, column))
        .into_iter()
        .enumerate()
    {
        match (code, column) {
            (Ok(code), _) => codes.push(code),
            (Err(value), Some(column)) => problems.push(
                sheet
                    .at(record.row, column)
                    .item(Some(i))
                    .diagnostic(
                        text!("unknown country `{value}`", "pays inconnu `{value}`"),
                        Some(text!("expected two-letter codes separated by commas, such as `BE,EL,UK`", "attendu : des codes de deux lettres séparés par des virgules, comme `BE,EL,UK`")),
                    ),
            ),
            (Err(_), None) => {}
        }
    }
    codes
}

/// The organisation of one group of columns; `None` when its name is
/// empty (the unused partner columns) or its country unknown (reported).
fn organisation(
    sheet: &Sheet,
    record: &Record,
    [name, kind, address, country, website]: [Option<usize>; 5],
    role: Role,
    problems: &mut Vec<Diagnostic>,
) -> Option<Organisation> {
    let cell = |column| sheet.cell(record, column);
    let name_text = cell(name);
    if name_text.is_empty() {
        return None;
    }
    let country_column = match country {
        Some(column) => column,
        None => {
            problems.push(sheet.at(record.row, name?).diagnostic(
                text!(
                    "the organisation `{name_text}` has no country column",
                    "l'organisation `{name_text}` n'a pas de colonne de pays"
                ),
                None,
            ));
            return None;
        }
    };
    let at = sheet.at(record.row, country_column);
    let code = project::read_country(cell(country), &at)
        .map_err(|d| problems.push(d))
        .ok()?;
    Some(Organisation {
        origin: Origin {
            row: record.row,
            column: name,
        },
        name: name_text.to_string(),
        kind: project::institution_type(cell(kind)),
        country: code,
        city: project::town(cell(address)),
        website: project::website(cell(website)),
        coordinates: None,
        role,
    })
}
