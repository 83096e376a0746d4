//! What an import does to each file of `content/partnerships/`, and the
//! doing of it: a row whose partnership has the same values as the files
//! on disk (compared as `export` writes them, whatever the layout of the
//! files) leaves them unchanged; otherwise each file is created, updated
//! (only its changed fields, `patch.rs`) or removed, and an update or a
//! removal needs `--force`. Writing comes last, only if nothing is wrong,
//! each file atomically (a temporary file renamed over it).
//!
//! `plan.rs` calls it once the rows are read and checked.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::columns::{Column, Field};
use super::front::Assembled;
use super::locate::CellRef;
use crate::diagnostics::{Diagnostic, Text};
use crate::text;
use crate::types::lang::Lang;

/// One row read: its partnership's files and what traces problems back.
pub struct Row {
    pub row: usize,
    pub key: String,
    pub assembled: Assembled,
    pub reported: BTreeSet<String>,
    /// The files on disk, by language (`None`: no file).
    pub old: BTreeMap<Lang, Option<Vec<u8>>>,
    /// The text each file of the row will have, and its body's line.
    pub texts: BTreeMap<Lang, (String, usize)>,
}

/// The sheet being read.
pub struct Sheet<'a> {
    pub file: &'a Path,
    pub header: Vec<Option<Column>>,
    pub languages: &'a [Lang],
}

impl Sheet<'_> {
    pub fn index(&self, column: &Column) -> Option<usize> {
        self.header.iter().position(|c| c.as_ref() == Some(column))
    }

    pub fn file(&self) -> &Path {
        self.file
    }
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
    pub(super) text: Option<String>,
}

/// Everything an import changes, checked.
#[derive(Debug)]
pub struct Plan {
    pub(super) root: PathBuf,
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

/// Writes `text` to `path` through a temporary file beside it, renamed
/// over it: a reader never sees half a file.
pub(super) fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
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

/// Partnerships as export rows, by key: what their values are, whatever
/// the layout of their files.
pub type Rows = BTreeMap<String, Vec<String>>;

/// The file of `key` in `lang`, relative to the site's folder.
pub fn file_of(key: &str, lang: Lang) -> PathBuf {
    Path::new("content/partnerships").join(format!("{key}.{lang}.md"))
}

/// What each row does to the files of its key; a row that would change an
/// existing partnership is refused without `--force`. `before` and
/// `after` are the partnerships as export rows, from the site and from
/// its copy with the import's files.
pub(super) fn changes(
    sheet: &Sheet,
    rows: &[Row],
    force: bool,
    compared: (Option<&Rows>, Option<&Rows>),
    problems: &mut Vec<Diagnostic>,
) -> Vec<Change> {
    let mut all = Vec::new();
    for row in rows {
        let (before, after) = compared;
        let same = match (
            before.and_then(|b| b.get(&row.key)),
            after.and_then(|a| a.get(&row.key)),
        ) {
            (Some(before), Some(after)) => before == after,
            _ => false,
        };
        let changes = row_changes(sheet.languages, row, same);
        let changing = changes
            .iter()
            .find(|c| matches!(c.action, Action::Update | Action::Remove));
        if let (Some(change), false) = (changing, force) {
            problems.push(refusal(sheet, row, &change.path));
        }
        all.extend(changes);
    }
    all
}

/// The files of one row; `same` when its partnership keeps its values.
fn row_changes(languages: &[Lang], row: &Row, same: bool) -> Vec<Change> {
    let mut changes = Vec::new();
    for &lang in languages {
        let old = row.old.get(&lang).and_then(Option::as_ref);
        let new = row.texts.get(&lang).map(|(text, _)| text.clone());
        let action = match (old, &new) {
            (None, Some(_)) => Action::Create,
            (Some(_), _) if same => Action::Unchanged,
            (Some(old), Some(new)) if old == new.as_bytes() => Action::Unchanged,
            (Some(_), Some(_)) => Action::Update,
            (Some(_), None) => Action::Remove,
            (None, None) => continue,
        };
        changes.push(Change {
            path: file_of(&row.key, lang),
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
    CellRef::new(sheet.file(), row.row)
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
