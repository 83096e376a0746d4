//! The columns of a spreadsheet of partnerships, derived from the table
//! of a partnership's fields (`RawPartnership::FIELDS`, the single
//! description of the front matter): `key` first, then in the table's
//! order one column per shared field and one per translated field and
//! site language (`title_fr`, `title_en`), a shared list whose items have a
//! translated label followed by a translated column of those labels
//! (`contacts`, then `contact_roles_fr`…), and `body` per language last.
//! Also reading a header row back into columns.
//!
//! Export (`export.rs`) writes these columns and import (`rows.rs`) reads
//! them; the syntax of each cell is theirs.

use std::path::Path;

use super::csv::Record;
use super::locate::{at_row, letter, CellRef};
use crate::catalogue::raw::field::{I18n, Widget};
use crate::catalogue::raw::RawPartnership;
use crate::diagnostics::{suggest, Diagnostic};
use crate::text;
use crate::types::lang::Lang;

/// What a column holds: the key, a field of the front matter, the
/// translated labels of a list's items, or the body.
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
    Image,
    ImageAlt,
    Featured,
    Draft,
    Body,
}

/// Each column's field by name: the spreadsheet's own columns, and the
/// fields of the front matter, named as their table names them (a field
/// of the table left out here is a test failure below, not a silent gap).
const NAMES: [(Field, &str); 33] = [
    (Field::Key, "key"),
    (Field::Title, "title"),
    (Field::Summary, "summary"),
    (Field::Slug, "slug"),
    (Field::Acronym, "acronym"),
    (Field::Kind, "kind"),
    (Field::Programme, "programme"),
    (Field::Action, "action"),
    (Field::ProjectRef, "project_ref"),
    (Field::Themes, "themes"),
    (Field::Status, "status"),
    (Field::FirstAgreement, "first_agreement"),
    (Field::Start, "start"),
    (Field::End, "end"),
    (Field::Countries, "countries"),
    (Field::Members, "members"),
    (Field::Mobility, "mobility"),
    (Field::Funding, "funding"),
    (Field::EuFunding, "eu_funding"),
    (Field::Beneficiaries, "beneficiaries"),
    (Field::Contacts, "contacts"),
    (Field::ContactRoles, "contact_roles"),
    (Field::Links, "links"),
    (Field::LinkLabels, "link_labels"),
    (Field::Videos, "videos"),
    (Field::VideoTitles, "video_titles"),
    (Field::Logo, "logo"),
    (Field::LogoAlt, "logo_alt"),
    (Field::Image, "image"),
    (Field::ImageAlt, "image_alt"),
    (Field::Featured, "featured"),
    (Field::Draft, "draft"),
    (Field::Body, "body"),
];

impl Field {
    pub fn name(self) -> &'static str {
        NAMES
            .iter()
            .find(|(f, _)| *f == self)
            .map_or("", |(_, name)| name)
    }

    /// The column of the front-matter field `name`.
    pub fn named(name: &str) -> Option<Field> {
        NAMES.iter().find(|(_, n)| *n == name).map(|(f, _)| *f)
    }

    /// The column of the translated labels of this list's items (or of
    /// the logo's text alternative).
    fn labels(self) -> Option<Field> {
        match self {
            Field::Contacts => Some(Field::ContactRoles),
            Field::Links => Some(Field::LinkLabels),
            Field::Videos => Some(Field::VideoTitles),
            Field::Logo => Some(Field::LogoAlt),
            Field::Image => Some(Field::ImageAlt),
            _ => None,
        }
    }
}

/// One column: a field, and the language of a translated one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub field: Field,
    pub lang: Option<Lang>,
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
pub fn columns(languages: &[Lang]) -> Vec<Column> {
    let shared = |field| Column { field, lang: None };
    let per_language = |field| {
        languages.iter().map(move |&lang| Column {
            field,
            lang: Some(lang),
        })
    };
    let mut columns = vec![shared(Field::Key)];
    for f in RawPartnership::FIELDS {
        let Some(field) = Field::named(f.name) else {
            continue;
        };
        match (f.i18n, field.labels()) {
            (I18n::Translated, Some(labels)) => {
                columns.push(shared(field));
                columns.extend(per_language(labels));
            }
            (I18n::Translated, None) => columns.extend(per_language(field)),
            _ => columns.push(shared(field)),
        }
    }
    columns.extend(per_language(Field::Body));
    columns
}

/// The column a problem in a row's `lang` file comes from, by the field
/// path the problem names (`contacts[1].role`: the field `contacts`, the
/// sub-field `role`): a translated field's column in that language; the
/// column of the labels for the translated sub-field of a list's items or
/// of the logo, and for a whole list in a translation (which holds only
/// the labels); else the field's own column. A field the table does not
/// describe keeps its name.
pub fn column_of(field: &str, sub: Option<&str>, lang: Lang, translation: bool) -> String {
    let described = RawPartnership::FIELDS.iter().find(|f| f.name == field);
    let (Some(f), Some(column)) = (described, Field::named(field)) else {
        return field.to_string();
    };
    let in_lang = |field| {
        let lang = Some(lang);
        Column { field, lang }.name()
    };
    let translated_sub = |sub: &str| {
        f.inner().is_some_and(|inner| {
            inner
                .iter()
                .any(|s| s.name == sub && s.i18n == I18n::Translated)
        })
    };
    let list = matches!(f.widget, Widget::List(_));
    match (f.i18n, column.labels(), sub) {
        (I18n::Translated, None, _) => in_lang(column),
        (_, Some(labels), Some(sub)) if translated_sub(sub) => in_lang(labels),
        (_, Some(labels), None) if translation && list => in_lang(labels),
        _ => column.name().to_string(),
    }
}

/// Where the header is among `records`: the first row that names one of
/// the columns, so that title rows above the table are skipped; else the
/// first row with a cell (its unknown names are then reported). `None`
/// when every row is empty.
pub fn header_position(records: &[Record], languages: &[Lang]) -> Option<usize> {
    let names: Vec<String> = columns(languages).iter().map(Column::name).collect();
    let names_a_column = |r: &Record| {
        r.cells
            .iter()
            .any(|c| names.contains(&c.trim().to_lowercase()))
    };
    let filled = |r: &Record| r.cells.iter().any(|c| !c.trim().is_empty());
    records
        .iter()
        .position(names_a_column)
        .or_else(|| records.iter().position(filled))
}

/// The columns of the header row `row`, in its order (`None` for a
/// column that is reported), or the problems of the header.
pub fn read_header(
    file: &Path,
    row: usize,
    cells: &[String],
    languages: &[Lang],
    problems: &mut Vec<Diagnostic>,
) -> Vec<Option<Column>> {
    let known = columns(languages);
    let names: Vec<String> = known.iter().map(Column::name).collect();
    let mut header: Vec<Option<Column>> = Vec::new();
    for (index, cell) in cells.iter().enumerate() {
        let name = cell.trim().to_lowercase();
        let at = CellRef::new(file, row).column(index, &name);
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
        problems.push(at_row(file, row).diagnostic(
            text!(
                "the header row has no `key` column",
                "la ligne d'en-tête n'a pas de colonne `key`"
            ),
            Some(text!(
                "the header row names the columns; `key` (the partnership's file name) is required",
                "la ligne d'en-tête nomme les colonnes ; `key` (le nom de fichier du partenariat) est obligatoire"
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
        let names: Vec<String> = columns(&[Lang::Fr, Lang::En])
            .iter()
            .map(Column::name)
            .collect();
        assert_eq!(names.len(), 43);
        assert_eq!(&names[..4], ["key", "title_fr", "title_en", "summary_fr"]);
        assert_eq!(names.last().map(String::as_str), Some("body_en"));
    }

    #[test]
    fn every_field_of_a_partnership_has_its_columns() {
        let names: Vec<String> = columns(&[Lang::Fr]).iter().map(Column::name).collect();
        for f in RawPartnership::FIELDS {
            let field = Field::named(f.name);
            assert!(field.is_some(), "the field `{}` has no column", f.name);
            let translated_items = f.inner().is_some() && f.i18n == I18n::Translated;
            assert_eq!(
                field.and_then(Field::labels).is_some(),
                translated_items,
                "`{}`: a list with translated labels has a column of labels",
                f.name
            );
        }
        assert_eq!(
            names.len(),
            NAMES.len(),
            "every column is written: {names:?}"
        );
    }

    #[test]
    fn problems_in_the_written_files_are_traced_to_their_columns() {
        let cases = [
            ("title", None, false, "title_en"),
            ("beneficiaries", None, true, "beneficiaries_en"),
            ("contacts", Some("role"), false, "contact_roles_en"),
            ("contacts", Some("email"), false, "contacts"),
            ("contacts", None, false, "contacts"),
            ("contacts", None, true, "contact_roles_en"),
            ("links", Some("label"), true, "link_labels_en"),
            ("videos", None, true, "video_titles_en"),
            ("logo", Some("alt"), false, "logo_alt_en"),
            ("logo", Some("file"), false, "logo"),
            ("logo", None, true, "logo"),
            ("members", Some("institution"), false, "members"),
            ("kind", None, true, "kind"),
            ("titel", None, false, "titel"),
        ];
        for (field, sub, translation, expected) in cases {
            let found = column_of(field, sub, Lang::En, translation);
            assert_eq!(found, expected, "{field} {sub:?} {translation}");
        }
    }

    #[test]
    fn header_problems() {
        let langs = [Lang::Fr, Lang::En];
        let cells: Vec<String> = ["key", "titel_fr", "kind", "Kind", ""]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut problems = Vec::new();
        let header = read_header(Path::new("p.csv"), 1, &cells, &langs, &mut problems);
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
