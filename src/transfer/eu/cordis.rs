//! CORDIS, the EU's research projects: `project.csv` (one row a project)
//! with `organization.csv` beside it (one row an organisation and
//! project, with its `role`), both `;`-separated with decimal commas.
//! Some `objective` cells hold an unescaped `;`: a row's extra fields are
//! put back into that cell.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::super::csv::Record;
use super::project::{self, Organisation, Origin, Programme, Project};
use super::sheet::Sheet;
use crate::catalogue::{Role, Status};
use crate::diagnostics::Diagnostic;
use crate::text;
use crate::types::date::{self, PartialDate};
use crate::types::text::slugify;

/// Whether a header row is CORDIS's `project.csv`.
pub fn recognises_projects(sheet: &Sheet) -> bool {
    sheet.column(&["ecMaxContribution"]).is_some() && sheet.column(&["acronym"]).is_some()
}

/// Whether a header row is CORDIS's `organization.csv`.
pub fn recognises_organisations(sheet: &Sheet) -> bool {
    sheet.column(&["projectID"]).is_some() && sheet.column(&["organisationID"]).is_some()
}

/// The two files of an extract, whichever of them was named.
pub fn pair(file: &Path) -> (PathBuf, PathBuf) {
    let folder = file.parent().unwrap_or(Path::new(""));
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if name.contains("organi") {
        (folder.join("project.csv"), file.to_path_buf())
    } else {
        (file.to_path_buf(), folder.join("organization.csv"))
    }
}

/// Every project of the pair of files, with its organisations.
pub fn read(
    projects: &Sheet,
    organisations: &Sheet,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Project> {
    let mut by_project = read_organisations(organisations, problems);
    let id = projects.column(&["id"]);
    let title = projects.column(&["title"]);
    for (column, name) in [(id, "id"), (title, "title")] {
        if column.is_none() {
            problems.push(projects.missing_column(name));
        }
    }
    if id.is_none() || title.is_none() {
        return Vec::new();
    }
    let objective = projects.column(&["objective"]);
    let mut out = Vec::new();
    for record in &projects.rows {
        let record = merged(record, projects.header.len(), objective);
        let identifier = projects.cell(&record, id).to_string();
        let organisations = by_project.remove(&identifier).unwrap_or_default();
        if let Some(p) = read_project(projects, &record, organisations, problems) {
            out.push(p);
        }
    }
    out
}

/// A row whose `objective` held unescaped `;`: its extra fields joined
/// back into that cell.
pub(super) fn merged(record: &Record, width: usize, objective: Option<usize>) -> Record {
    let mut record = record.clone();
    if let Some(at) = objective.filter(|_| record.cells.len() > width) {
        let extra = record.cells.len() - width;
        let joined = record.cells[at..=at + extra].join(";");
        record.cells.splice(at..=at + extra, [joined]);
    }
    record
}

pub(super) fn read_project(
    sheet: &Sheet,
    record: &Record,
    mut organisations: Vec<(u32, Organisation)>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Project> {
    let row = record.row;
    let column = |name: &str| sheet.column(&[name]);
    let cell = |name: &str| sheet.cell(record, column(name));
    let identifier = cell("id").to_string();
    let title = cell("title").to_string();
    if identifier.is_empty() || title.is_empty() {
        let at = if identifier.is_empty() { "id" } else { "title" };
        problems.push(sheet.at(row, column(at).unwrap_or_default()).diagnostic(
            text!("this cell is empty", "cette cellule est vide"),
            Some(text!(
                "every project needs its `id` and its `title`, as CORDIS exports them",
                "chaque projet a besoin de son `id` et de son `title`, tels que CORDIS les exporte"
            )),
        ));
        return None;
    }
    let (start, end, grant) = figures(sheet, record, problems);
    organisations.sort_by_key(|(order, o)| (o.role != Role::Coordinator, *order));
    let acronym = Some(cell("acronym").to_string()).filter(|a| !a.is_empty());
    let key = match &acronym {
        Some(a) if !slugify(a).is_empty() => format!("{}-{}", slugify(a), slugify(&identifier)),
        _ => format!("cordis-{}", slugify(&identifier)),
    };
    let start = start.unwrap_or(PartialDate {
        year: date::today().0,
        month: None,
        day: None,
    });
    let topic = cell("topics");
    Some(Project {
        origin: Origin {
            row,
            column: column("id"),
        },
        id_header: "id",
        key,
        acronym,
        summary: cell("objective").to_string(),
        topics: Vec::new(),
        topics_origin: Origin {
            row,
            column: column("topics"),
        },
        topics_header: "topics",
        note: (!topic.is_empty()).then(|| ("Call topic".to_string(), topic.to_string())),
        programme: programme(cell("frameworkProgramme")),
        kind: crate::catalogue::Kind::EuProject,
        action: Some(cell("fundingScheme").to_string()).filter(|s| !s.is_empty()),
        status: status(cell("status"), &start, end.as_ref()),
        year: Some(start.year),
        start,
        end,
        grant,
        website: None,
        card: Some((
            format!("https://cordis.europa.eu/project/id/{identifier}"),
            "CORDIS project page",
        )),
        countries: Vec::new(),
        organisations: organisations.into_iter().map(|(_, o)| o).collect(),
        identifier,
        title,
    })
}

/// The start, the end and the EU's contribution of a project row.
fn figures(
    sheet: &Sheet,
    record: &Record,
    problems: &mut Vec<Diagnostic>,
) -> (Option<PartialDate>, Option<PartialDate>, Option<f64>) {
    let row = record.row;
    let column = |name: &str| sheet.column(&[name]);
    let cell = |name: &str| sheet.cell(record, column(name));
    let mut date = |name: &str| {
        let value = cell(name);
        if value.is_empty() {
            return None;
        }
        let parsed = PartialDate::parse(value);
        if parsed.is_err() {
            problems.push(sheet.at(row, column(name)?).diagnostic(
                text!(
                    "expected a date such as `2024-01-01`; found `{value}`",
                    "attendu : une date comme `2024-01-01` ; trouvé : `{value}`"
                ),
                None,
            ));
        }
        parsed.ok()
    };
    let start = date("startDate");
    let end = date("endDate");
    let grant_text = cell("ecMaxContribution");
    let grant = project::amount(grant_text, true);
    if grant.is_none() && !grant_text.is_empty() {
        let at = sheet.at(row, column("ecMaxContribution").unwrap_or_default());
        problems.push(at.diagnostic(
            text!(
                "expected an amount such as `2999692,5`; found `{grant_text}`",
                "attendu : un montant comme `2999692,5` ; trouvé : `{grant_text}`"
            ),
            None,
        ));
    }
    (start, end, grant)
}

fn programme(framework: &str) -> Programme {
    match framework.trim().to_uppercase().as_str() {
        "H2020" => Programme::Horizon2020,
        "FP7" => Programme::Fp7,
        _ => Programme::HorizonEurope,
    }
}

/// CORDIS says `SIGNED` for a project not started or finished since: the
/// dates tell which.
fn status(value: &str, start: &PartialDate, end: Option<&PartialDate>) -> Status {
    let today = date::today();
    match project::status(value) {
        Some(Status::Ended) => Status::Ended,
        _ if end.is_some_and(|e| e.latest() < today) => Status::Ended,
        _ if start.earliest() > today => Status::Planned,
        _ => Status::Ongoing,
    }
}

/// The organisations of `organization.csv` by project id, each with its
/// `order`.
fn read_organisations(
    sheet: &Sheet,
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Vec<(u32, Organisation)>> {
    let mut out: BTreeMap<String, Vec<(u32, Organisation)>> = BTreeMap::new();
    let column = |name: &str| sheet.column(&[name]);
    for (name, found) in [("projectID", column("projectID")), ("name", column("name"))] {
        if found.is_none() {
            problems.push(sheet.missing_column(name));
            return out;
        }
    }
    for record in &sheet.rows {
        let cell = |name: &str| sheet.cell(record, column(name));
        let name = cell("name");
        if name.is_empty() {
            continue;
        }
        let Some(country) = column("country") else {
            problems.push(sheet.missing_column("country"));
            return out;
        };
        let Ok(code) = project::read_country(cell("country"), &sheet.at(record.row, country))
            .map_err(|d| problems.push(d))
        else {
            continue;
        };
        let role = match cell("role").to_lowercase().as_str() {
            "coordinator" => Role::Coordinator,
            "associatedpartner" | "thirdparty" => Role::Associate,
            _ => Role::Partner,
        };
        let organisation = Organisation {
            origin: Origin {
                row: record.row,
                column: column("name"),
            },
            name: name.to_string(),
            kind: project::institution_type(cell("activityType")),
            country: code,
            city: Some(cell("city").to_string()).filter(|c| !c.is_empty()),
            website: project::website(cell("organizationURL")),
            coordinates: project::coordinates(cell("geolocation")),
            role,
        };
        let order = cell("order").parse::<u32>().unwrap_or(u32::MAX);
        out.entry(cell("projectID").to_string())
            .or_default()
            .push((order, organisation));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_objective_with_unescaped_semicolons_is_put_back_together() {
        let record = Record {
            row: 2,
            cells: ["1", "It does a; b; c", "2024"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        };
        let record = Record {
            cells: vec![
                record.cells[0].clone(),
                "It does a".into(),
                " b".into(),
                " c".into(),
                "2024".into(),
            ],
            ..record
        };
        let merged = merged(&record, 3, Some(1));
        assert_eq!(merged.cells, ["1", "It does a; b; c", "2024"]);
    }

    #[test]
    fn the_other_file_of_the_pair_is_beside_it() {
        let (p, o) = pair(Path::new("x/project.csv"));
        assert_eq!(
            (p.as_path(), o.as_path()),
            (Path::new("x/project.csv"), Path::new("x/organization.csv"))
        );
        let (p, o) = pair(Path::new("x/organization.csv"));
        assert_eq!(
            (p.as_path(), o.as_path()),
            (Path::new("x/project.csv"), Path::new("x/organization.csv"))
        );
    }
}
