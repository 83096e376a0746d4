//! An import from start to end: the rows read into files, those files
//! checked on a copy of the site, each compared with the file already
//! there (create, update, unchanged, remove), the refusals without
//! `--force`; then, only if nothing is wrong, the writing, each file
//! atomically (a temporary file renamed over it).
//!
//! `plan_import` (`mod.rs`) calls it once the CSV is parsed; it drives
//! `columns.rs`, `rows.rs`, `front.rs` and `validate.rs` in that order.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::columns::{read_header, Column, Field};
use super::csv::Record;
use super::front::{self, Assembled};
use super::locate::{at_row, CellRef};
use super::rows::{self, Draft};
use super::validate::{Overlay, Tracer, Written};
use crate::catalogue::is_key;
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    Unchanged,
    Remove,
}

impl Action {
    /// `create`, or `created` once done.
    pub fn verb(self, done: bool) -> Text {
        match (self, done) {
            (Action::Create, false) => text!("create", "créer"),
            (Action::Create, true) => text!("created", "créé"),
            (Action::Update, false) => text!("update", "mettre à jour"),
            (Action::Update, true) => text!("updated", "mis à jour"),
            (Action::Unchanged, _) => text!("unchanged", "inchangé"),
            (Action::Remove, false) => text!("remove", "supprimer"),
            (Action::Remove, true) => text!("removed", "supprimé"),
        }
    }
}

/// One file of `content/partnerships/` and what the import does to it.
#[derive(Debug, Clone)]
pub struct Change {
    /// Relative to the site's folder.
    pub path: PathBuf,
    pub action: Action,
    text: Option<String>,
}

/// Everything an import changes, checked.
#[derive(Debug)]
pub struct Plan {
    root: PathBuf,
    pub changes: Vec<Change>,
    /// The rows read, one partnership each.
    pub partnerships: usize,
}

impl Plan {
    /// Writes the plan: each file through a temporary file renamed over
    /// it, so that no file is ever half written.
    pub fn apply(&self) -> Result<(), Text> {
        for change in &self.changes {
            let path = self.root.join(&change.path);
            let result = match (&change.action, &change.text) {
                (Action::Create | Action::Update, Some(text)) => write_atomically(&path, text),
                (Action::Remove, _) => fs::remove_file(&path),
                _ => Ok(()),
            };
            result.map_err(|e| {
                let shown = path.display();
                text!(
                    "cannot write `{shown}`: {e}",
                    "impossible d'écrire `{shown}` : {e}"
                )
            })?;
        }
        Ok(())
    }
}

fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = path.with_file_name(format!(".{name}.passerelle-import"));
    fs::write(&temporary, text)?;
    fs::rename(&temporary, path).inspect_err(|_| {
        let _ = fs::remove_file(&temporary);
    })
}

/// One row read: its partnership's files and what traces problems back.
struct Row {
    row: usize,
    key: String,
    assembled: Assembled,
    reported: BTreeSet<String>,
}

/// The sheet being read.
struct Sheet<'a> {
    file: &'a Path,
    header: Vec<Option<Column>>,
    languages: &'a [Lang],
}

impl Sheet<'_> {
    fn index(&self, column: &Column) -> Option<usize> {
        self.header.iter().position(|c| c.as_ref() == Some(column))
    }
}

/// Reads, checks and compares every row; see [`super::plan_import`].
pub(super) fn plan(
    root: &Path,
    file: &Path,
    languages: &[Lang],
    records: &[Record],
    options: &ImportOptions,
) -> (Option<Plan>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let Some((first, rest)) = records.split_first() else {
        let d = at_row(file, 1).diagnostic(
            text!("the spreadsheet is empty", "le tableau est vide"),
            Some(text!(
                "export one to start from: `passerelle export --output partnerships.csv`",
                "exportez-en un pour partir de là : `passerelle export --output partenariats.csv`"
            )),
        );
        return (None, vec![d]);
    };
    let header = read_header(file, &first.cells, languages, &mut problems);
    let sheet = Sheet {
        file,
        header,
        languages,
    };
    let mut rows: Vec<Row> = Vec::new();
    for record in rest {
        if let Some(row) = read_row(&sheet, record, &mut problems) {
            match rows.iter().find(|r| r.key == row.key) {
                Some(first) => problems.push(duplicate(&sheet, &row, first.row)),
                None => rows.push(row),
            }
        }
    }
    let changes = changes(root, &sheet, &rows, options, &mut problems);
    problems.extend(check(root, &sheet, &rows));
    if problems.iter().any(Diagnostic::is_error) {
        return (None, problems);
    }
    let plan = Plan {
        root: root.to_path_buf(),
        changes,
        partnerships: rows.len(),
    };
    (Some(plan), problems)
}

/// One row into files; `None` for an empty row or one without a usable
/// key (reported).
fn read_row(sheet: &Sheet, record: &Record, problems: &mut Vec<Diagnostic>) -> Option<Row> {
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
                "give each value a column, with its name in the first row",
                "donnez à chaque valeur une colonne, avec son nom dans la première ligne"
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
        if !cell.trim().is_empty() {
            let read = draft.read(column, cell);
            found.extend(read.into_iter().map(|p| (column.clone(), p)));
        }
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
    })
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

/// What each row does to the files of its key; a row that would change an
/// existing partnership is refused without `--force`.
fn changes(
    root: &Path,
    sheet: &Sheet,
    rows: &[Row],
    options: &ImportOptions,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Change> {
    let mut all = Vec::new();
    for row in rows {
        let changes = row_changes(root, sheet.languages, row);
        let changing = changes
            .iter()
            .find(|c| matches!(c.action, Action::Update | Action::Remove));
        if let (Some(change), false) = (changing, options.force) {
            problems.push(refusal(sheet, row, &change.path));
        }
        all.extend(changes);
    }
    all
}

fn row_changes(root: &Path, languages: &[Lang], row: &Row) -> Vec<Change> {
    let mut changes = Vec::new();
    for lang in languages {
        let path = Path::new("content/partnerships").join(format!("{}.{lang}.md", row.key));
        let old = fs::read(root.join(&path)).ok();
        let new = row.assembled.files.get(lang).map(|f| f.text.clone());
        let action = match (&old, &new) {
            (None, Some(_)) => Action::Create,
            (Some(old), Some(new)) if old == new.as_bytes() => Action::Unchanged,
            (Some(_), Some(_)) => Action::Update,
            (Some(_), None) => Action::Remove,
            (None, None) => continue,
        };
        changes.push(Change {
            path,
            action,
            text: new,
        });
    }
    changes
}

fn refusal(sheet: &Sheet, row: &Row, path: &Path) -> Diagnostic {
    let (key, shown) = (&row.key, crate::diagnostics::display_path(path));
    let index = sheet.index(&Column {
        field: Field::Key,
        lang: None,
    });
    CellRef::new(sheet.file, row.row)
        .named(index, "key")
        .diagnostic(
            text!(
                "the partnership `{key}` already exists (`{shown}`) and this row would change it",
                "le partenariat `{key}` existe déjà (`{shown}`) et cette ligne le modifierait"
            ),
            Some(text!(
                "to replace its files with this row, run the import again with `--force`; to add a new partnership, give the row another key",
                "pour remplacer ses fichiers par cette ligne, relancez l'import avec `--force` ; pour ajouter un nouveau partenariat, donnez une autre clé à la ligne"
            )),
        )
}

/// The problems `build` would find once the rows' files are written,
/// traced back to their cells.
fn check(root: &Path, sheet: &Sheet, rows: &[Row]) -> Vec<Diagnostic> {
    let replaced: BTreeSet<String> = rows.iter().map(|r| r.key.clone()).collect();
    let overlay = match Overlay::create(root, &replaced) {
        Ok(overlay) => overlay,
        Err(e) => return vec![overlay_failed(root, &e)],
    };
    let mut files = BTreeMap::new();
    for row in rows {
        for (lang, file) in &row.assembled.files {
            let rel = Path::new("content/partnerships").join(format!("{}.{lang}.md", row.key));
            if let Err(e) = overlay.write(&rel, &file.text) {
                return vec![overlay_failed(root, &e)];
            }
            let written = Written {
                row: row.row,
                lang: *lang,
                body_line: file.body_line,
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
    let diagnostics = overlay.check();
    diagnostics
        .into_sorted()
        .into_iter()
        .filter_map(|d| tracer.trace(d))
        .collect()
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
