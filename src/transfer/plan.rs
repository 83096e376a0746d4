//! An import from start to end: the rows read into files (each cell
//! normalised first, `normalise.rs`), those files laid over the files
//! already there (`patch.rs`) and checked on a copy of the site, each
//! compared with the file on disk (`changes.rs`: create, update,
//! unchanged, remove), the refusals without `--force`.
//!
//! `plan_import` (`mod.rs`) calls it once the file is read into rows
//! (`read.rs`); it drives `columns.rs`, `normalise.rs`, `rows.rs`,
//! `front.rs`, `patch.rs`, `validate.rs` and `changes.rs` in that order.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::Path;

use super::changes::{changes, file_of, Plan, Row, Rows, Sheet};
use super::columns::{self, read_header, Column, Field};
use super::csv::Record;
use super::front;
use super::locate::{at_row, CellRef};
use super::normalise;
use super::patch::{patch, Defaults};
use super::rows::{self, Draft};
use super::validate::{Overlay, Tracer, Written};
use super::vocabulary::Vocabulary;
use crate::catalogue::is_key;
use crate::catalogue::raw::RawPartnership;
use crate::diagnostics::{Diagnostic, Text};
use crate::text;
use crate::types::lang::Lang;

/// What `import` may do.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Replace the files of partnerships that already exist.
    pub force: bool,
    /// The delimiter; found from the header line when not given.
    pub delimiter: Option<char>,
}

/// What an import knows of the site before it reads the rows.
pub struct Context<'a> {
    pub languages: &'a [Lang],
    pub vocabulary: &'a Vocabulary,
    /// The site's partnerships as export rows, by key.
    pub exported: Option<&'a Rows>,
    /// The country of each institution of the site.
    pub countries: &'a BTreeMap<String, String>,
}

/// Reads, checks and compares every row; see [`super::plan_import`].
pub(super) fn plan(
    root: &Path,
    file: &Path,
    context: &Context,
    records: &[Record],
    options: &ImportOptions,
) -> (Option<Plan>, Vec<Diagnostic>, Vec<Text>) {
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    let languages = context.languages;
    let Some(at) = columns::header_position(records, languages) else {
        let d = at_row(file, 1).diagnostic(
            text!("the spreadsheet is empty", "le tableau est vide"),
            Some(text!(
                "export one to start from: `passerelle export --output partnerships.xlsx`",
                "exportez-en un pour partir de là : `passerelle export --output partenariats.xlsx`"
            )),
        );
        return (None, vec![d], notes);
    };
    let (first, rest) = (&records[at], &records[at + 1..]);
    if let Some(title) = records[..at]
        .iter()
        .find(|r| r.cells.iter().any(|c| !c.trim().is_empty()))
    {
        let (from, to, header) = (title.row, first.row - 1, first.row);
        notes.push(text!(
            "rows {from} to {to}, above the header (row {header}), are not read: a title",
            "lignes {from} à {to}, au-dessus de l'en-tête (ligne {header}), non lues : un titre"
        ));
    }
    let header = read_header(file, first.row, &first.cells, languages, &mut problems);
    let sheet = Sheet {
        file,
        header,
        languages,
    };
    let mut rows: Vec<Row> = Vec::new();
    for record in rest {
        let read = read_row(
            &sheet,
            context.vocabulary,
            record,
            &mut problems,
            &mut notes,
        );
        if let Some(mut row) = read {
            match rows.iter().find(|r| r.key == row.key) {
                Some(first) => problems.push(duplicate(&sheet, &row, first.row)),
                None => {
                    lay_over(root, context, &mut row);
                    rows.push(row);
                }
            }
        }
    }
    let (checked, exported) = check(root, &sheet, &rows);
    let compared = (context.exported, exported.as_ref());
    let changes = changes(&sheet, &rows, options.force, compared, &mut problems);
    problems.extend(checked);
    if problems.iter().any(Diagnostic::is_error) {
        return (None, problems, notes);
    }
    let plan = Plan {
        root: root.to_path_buf(),
        changes,
        partnerships: rows.len(),
    };
    (Some(plan), problems, notes)
}

/// The text of each file of `row`: the file on disk changed only where
/// its values change, or written anew.
fn lay_over(root: &Path, context: &Context, row: &mut Row) {
    for &lang in context.languages {
        let old = fs::read(root.join(file_of(&row.key, lang))).ok();
        if let Some(file) = row.assembled.files.get(&lang) {
            let countries = members_countries(context, &file.front);
            let defaults = Defaults {
                key: &row.key,
                countries: countries.as_deref(),
            };
            let patched = old
                .as_deref()
                .and_then(|o| std::str::from_utf8(o).ok())
                .and_then(|o| patch(o, &file.front, &file.body, &defaults));
            let text = patched.unwrap_or_else(|| file.text.clone());
            let line = front::body_line(&text);
            row.texts.insert(lang, (text, line));
        }
        row.old.insert(lang, old);
    }
}

/// The countries of the members of `front`, sorted; `None` when it has
/// no members or one is not an institution of the site.
fn members_countries(context: &Context, front: &RawPartnership) -> Option<Vec<String>> {
    let members = front.members.as_ref()?;
    let mut countries = members
        .iter()
        .map(|m| context.countries.get(m.institution.as_str()).cloned())
        .collect::<Option<Vec<String>>>()?;
    countries.sort();
    countries.dedup();
    Some(countries)
}

/// One row into files; `None` for an empty row or one without a usable
/// key (reported).
fn read_row(
    sheet: &Sheet,
    vocabulary: &Vocabulary,
    record: &Record,
    problems: &mut Vec<Diagnostic>,
    notes: &mut Vec<Text>,
) -> Option<Row> {
    let cells = &record.cells;
    if cells.iter().all(|c| c.trim().is_empty()) {
        return None;
    }
    let (file, row) = (sheet.file, record.row);
    if cells
        .iter()
        .skip(sheet.header.len())
        .any(|c| !c.trim().is_empty())
    {
        let (found, expected) = (cells.len(), sheet.header.len());
        problems.push(at_row(file, row).diagnostic(
            text!(
                "this row has {found} cells but the header only {expected}",
                "cette ligne a {found} cellules mais l'en-tête seulement {expected}"
            ),
            Some(text!(
                "give each value a column, with its name in the header row",
                "donnez à chaque valeur une colonne, avec son nom dans la ligne d'en-tête"
            )),
        ));
    }
    let key = read_key(sheet, record, problems)?;
    let mut draft = Draft::default();
    let mut found: Vec<(Column, super::cells::Problem)> = Vec::new();
    for (i, column) in sheet.header.iter().enumerate() {
        let Some(column) = column.as_ref().filter(|c| c.field != Field::Key) else {
            continue;
        };
        let cell = cells.get(i).map_or("", String::as_str);
        if cell.trim().is_empty() {
            continue;
        }
        let normal = match column.lang {
            None => normalise::cell(vocabulary, column.field, cell),
            Some(_) => normalise::Normalised::default(),
        };
        let at = CellRef::new(file, row).column(i, &column.name());
        notes.extend(normal.notes.iter().map(|n| said(&at, n)));
        if !normal.problems.is_empty() {
            found.extend(normal.problems.into_iter().map(|p| (column.clone(), p)));
            continue;
        }
        let read = draft.read(column, normal.cell.as_deref().unwrap_or(cell));
        found.extend(read.into_iter().map(|p| (column.clone(), p)));
    }
    // A required cell whose value was wrong is already reported.
    let missing = rows::missing(&draft, sheet.languages);
    let missing: Vec<_> = missing
        .into_iter()
        .filter(|(column, _)| !found.iter().any(|(c, _)| c == column))
        .collect();
    found.extend(missing);
    let assembled = front::assemble(draft, sheet.languages);
    found.extend(assembled.problems.iter().cloned());
    for (column, problem) in &found {
        let at = CellRef::new(file, row)
            .named(sheet.index(column), &column.name())
            .item(problem.item);
        problems.push(at.diagnostic(problem.message.clone(), problem.hint.clone()));
    }
    let reported = rows::reported(&found);
    Some(Row {
        row,
        key,
        assembled,
        reported,
        old: BTreeMap::new(),
        texts: BTreeMap::new(),
    })
}

/// A value read in another form, as the dry run says it.
fn said(at: &CellRef, note: &normalise::Note) -> Text {
    let (from, to) = (&note.from, &note.to);
    let said = text!("`{from}` read as `{to}`", "`{from}` lu comme `{to}`");
    at.clone().item(note.item).note(said)
}

fn read_key(sheet: &Sheet, record: &Record, problems: &mut Vec<Diagnostic>) -> Option<String> {
    let column = Column {
        field: Field::Key,
        lang: None,
    };
    let index = sheet.index(&column)?;
    let key = record.cells.get(index).map_or("", |k| k.trim());
    let at = CellRef::new(sheet.file, record.row).column(index, "key");
    if is_key(key) {
        return Some(key.to_string());
    }
    let message = if key.is_empty() {
        text!("this row has no key", "cette ligne n'a pas de clé")
    } else {
        text!(
            "expected a key such as `helmo-mobility`; found `{key}`",
            "attendu : une clé comme `mobilite-helmo` ; trouvé : `{key}`"
        )
    };
    problems.push(at.diagnostic(message, Some(text!(
        "the key names the partnership's files (`content/partnerships/<key>.fr.md`): lower-case letters a-z, digits and hyphens",
        "la clé nomme les fichiers du partenariat (`content/partnerships/<clé>.fr.md`) : minuscules a-z sans accent, chiffres et tirets"
    ))));
    None
}

fn duplicate(sheet: &Sheet, row: &Row, first: usize) -> Diagnostic {
    let key = &row.key;
    let index = sheet.index(&Column {
        field: Field::Key,
        lang: None,
    });
    CellRef::new(sheet.file, row.row)
        .named(index, "key")
        .diagnostic(
            text!(
                "the key `{key}` is also the key of row {first}",
                "la clé `{key}` est aussi celle de la ligne {first}"
            ),
            Some(text!(
                "each partnership is one row: merge the two rows or give one another key",
                "chaque partenariat tient sur une ligne : fusionnez les deux lignes ou donnez une autre clé à l'une d'elles"
            )),
        )
}

/// The problems `build` would find once the rows' files are written,
/// traced back to their cells.
fn check(root: &Path, sheet: &Sheet, rows: &[Row]) -> (Vec<Diagnostic>, Option<Rows>) {
    let replaced: BTreeSet<String> = rows.iter().map(|r| r.key.clone()).collect();
    let overlay = match Overlay::create(root, &replaced) {
        Ok(overlay) => overlay,
        Err(e) => return (vec![overlay_failed(root, &e)], None),
    };
    let mut files = BTreeMap::new();
    for row in rows {
        for (lang, (text, body_line)) in &row.texts {
            let rel = file_of(&row.key, *lang);
            if let Err(e) = overlay.write(&rel, text) {
                return (vec![overlay_failed(root, &e)], None);
            }
            let written = Written {
                row: row.row,
                lang: *lang,
                body_line: *body_line,
                assembled: &row.assembled,
                reported: &row.reported,
            };
            files.insert(rel, written);
        }
    }
    let tracer = Tracer {
        csv: sheet.file,
        header: &sheet.header,
        languages: sheet.languages,
        files,
    };
    let (diagnostics, table) = overlay.check_and_export(&replaced);
    let traced = diagnostics
        .into_sorted()
        .into_iter()
        .filter_map(|d| tracer.trace(d))
        .collect();
    (traced, table)
}

fn overlay_failed(root: &Path, e: &io::Error) -> Diagnostic {
    Diagnostic::error(
        root,
        text!(
            "cannot copy the site to a temporary folder to check the import: {e}",
            "impossible de copier le site dans un dossier temporaire pour vérifier l'import : {e}"
        ),
    )
}
