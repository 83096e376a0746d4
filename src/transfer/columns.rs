//! The columns of a spreadsheet of partnerships: one per shared field, one
//! per translated field and site language (`title_fr`, `title_en`), in a
//! fixed order; their letters as a spreadsheet shows them; and reading a
//! header row back into columns.

use std::path::Path;

use super::locate::{at_row, letter, CellRef};
use crate::diagnostics::{suggest, Diagnostic};
use crate::text;

/// A field of a partnership that a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Key,
    Title,
    Summary,
    Slug,
    Acronym,
    Kind,
    Programme,
    Action,
    ProjectRef,
    Themes,
    Status,
    FirstAgreement,
    Start,
    End,
    Countries,
    Members,
    Mobility,
    Funding,
    EuFunding,
    Beneficiaries,
    Contacts,
    ContactRoles,
    Links,
    LinkLabels,
    Videos,
    VideoTitles,
    Logo,
    LogoAlt,
    Draft,
    Body,
}

/// Every field in column order, with its name and whether it is
/// translated (one column per language).
const FIELDS: [(Field, &str, bool); 30] = [
    (Field::Key, "key", false),
    (Field::Title, "title", true),
    (Field::Summary, "summary", true),
    (Field::Slug, "slug", true),
    (Field::Acronym, "acronym", false),
    (Field::Kind, "kind", false),
    (Field::Programme, "programme", false),
    (Field::Action, "action", false),
    (Field::ProjectRef, "project_ref", false),
    (Field::Themes, "themes", false),
    (Field::Status, "status", false),
    (Field::FirstAgreement, "first_agreement", false),
    (Field::Start, "start", false),
    (Field::End, "end", false),
    (Field::Countries, "countries", false),
    (Field::Members, "members", false),
    (Field::Mobility, "mobility", false),
    (Field::Funding, "funding", false),
    (Field::EuFunding, "eu_funding", false),
    (Field::Beneficiaries, "beneficiaries", true),
    (Field::Contacts, "contacts", false),
    (Field::ContactRoles, "contact_roles", true),
    (Field::Links, "links", false),
    (Field::LinkLabels, "link_labels", true),
    (Field::Videos, "videos", false),
    (Field::VideoTitles, "video_titles", true),
    (Field::Logo, "logo", false),
    (Field::LogoAlt, "logo_alt", true),
    (Field::Draft, "draft", false),
    (Field::Body, "body", true),
];

impl Field {
    pub fn name(self) -> &'static str {
        FIELDS
            .iter()
            .find(|(f, _, _)| *f == self)
            .map_or("", |(_, name, _)| name)
    }
}

/// One column: a field, and the language of a translated one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub field: Field,
    pub lang: Option<String>,
}

impl Column {
    /// `kind`, `title_fr`.
    pub fn name(&self) -> String {
        match &self.lang {
            Some(lang) => format!("{}_{lang}", self.field.name()),
            None => self.field.name().to_string(),
        }
    }
}

/// The columns of a site with these languages, in the order export writes
/// them.
pub fn columns(languages: &[String]) -> Vec<Column> {
    let mut columns = Vec::new();
    for (field, _, translated) in FIELDS {
        if translated {
            for lang in languages {
                columns.push(Column {
                    field,
                    lang: Some(lang.clone()),
                });
            }
        } else {
            columns.push(Column { field, lang: None });
        }
    }
    columns
}

/// The columns of a header row, in its order (`None` for a column that is
/// reported), or the problems of the header.
pub fn read_header(
    file: &Path,
    cells: &[String],
    languages: &[String],
    problems: &mut Vec<Diagnostic>,
) -> Vec<Option<Column>> {
    let known = columns(languages);
    let names: Vec<String> = known.iter().map(Column::name).collect();
    let mut header: Vec<Option<Column>> = Vec::new();
    for (index, cell) in cells.iter().enumerate() {
        let name = cell.trim().to_lowercase();
        let at = CellRef::new(file, 1).column(index, &name);
        let column = names.iter().position(|n| *n == name).map(|i| &known[i]);
        match column {
            _ if name.is_empty() => {}
            None => problems.push(at.diagnostic(
                text!("unknown column `{name}`", "colonne inconnue `{name}`"),
                suggest(&name, names.iter().map(String::as_str)).or_else(|| {
                    Some(text!(
                        "the columns are described in `docs/spreadsheet.md`; export a spreadsheet to see them all",
                        "les colonnes sont décrites dans `docs/spreadsheet.md` ; exportez un tableau pour les voir toutes"
                    ))
                }),
            )),
            Some(column) => {
                if let Some(first) = header.iter().position(|c| c.as_ref() == Some(column)) {
                    let first = letter(first);
                    problems.push(at.diagnostic(
                        text!(
                            "the column `{name}` is also column {first}",
                            "la colonne `{name}` est aussi la colonne {first}"
                        ),
                        Some(text!("keep one of them", "gardez-en une seule")),
                    ));
                    header.push(None);
                    continue;
                }
                header.push(Some(column.clone()));
                continue;
            }
        }
        header.push(None);
    }
    if !header.iter().flatten().any(|c| c.field == Field::Key) {
        problems.push(at_row(file, 1).diagnostic(
            text!(
                "the header row has no `key` column",
                "la ligne d'en-tête n'a pas de colonne `key`"
            ),
            Some(text!(
                "the first row names the columns; `key` (the partnership's file name) is required",
                "la première ligne nomme les colonnes ; `key` (le nom de fichier du partenariat) est obligatoire"
            )),
        ));
    }
    header
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translated_fields_have_a_column_per_language() {
        let names: Vec<String> = columns(&["fr".into(), "en".into()])
            .iter()
            .map(Column::name)
            .collect();
        assert_eq!(names.len(), 39);
        assert_eq!(&names[..4], ["key", "title_fr", "title_en", "summary_fr"]);
        assert_eq!(names.last().map(String::as_str), Some("body_en"));
    }

    #[test]
    fn header_problems() {
        let langs = ["fr".to_string(), "en".to_string()];
        let cells: Vec<String> = ["key", "titel_fr", "kind", "Kind", ""]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut problems = Vec::new();
        let header = read_header(Path::new("p.csv"), &cells, &langs, &mut problems);
        assert_eq!(header.iter().flatten().count(), 2);
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert!(problems[0].message.en.contains("column B"));
        assert_eq!(
            problems[0].hint.as_ref().map(|h| h.en.as_str()),
            Some("did you mean `title_fr`?")
        );
        assert!(problems[1].message.en.contains("also column C"));
    }
}
