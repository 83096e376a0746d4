//! The files an EU import writes, checked before anything is written:
//! each compared with the file already there (create, update, unchanged),
//! a partnership that exists refused without `--force`, and all of them
//! laid over a copy of the site on which the real pipeline runs
//! (`validate::Overlay`), its problems traced back to the export's rows.
//! Then, only if nothing is wrong, each file written atomically.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::super::changes::write_atomically;
use super::super::locate::CellRef;
use super::super::validate::Overlay;
use crate::diagnostics::{display_path, Diagnostic, Text};
use crate::text;
use crate::transfer::Action;

/// One file of the import and what it does.
#[derive(Debug, Clone)]
pub struct EuChange {
    /// Relative to the site's folder.
    pub path: PathBuf,
    pub action: Action,
    text: String,
}

/// Everything an EU import changes, checked.
#[derive(Debug)]
pub struct EuPlan {
    root: PathBuf,
    pub changes: Vec<EuChange>,
    /// What the organisations and topics were matched to.
    pub notes: Vec<Text>,
    /// The projects imported.
    pub projects: usize,
}

impl EuPlan {
    /// Writes the plan, each file through a temporary file renamed over it.
    pub fn apply(&self) -> Result<(), Text> {
        for change in &self.changes {
            if change.action == Action::Unchanged {
                continue;
            }
            let path = self.root.join(&change.path);
            write_atomically(&path, &change.text).map_err(|e| {
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

/// A file to write and the row it comes from.
#[derive(Debug, Clone)]
pub struct Planned {
    pub rel: PathBuf,
    pub text: String,
    pub source: PathBuf,
    pub row: usize,
    /// The key, for a partnership's file.
    pub key: Option<String>,
}

/// What the import needs besides its files.
pub struct Context<'a> {
    pub root: &'a Path,
    pub force: bool,
    pub notes: Vec<Text>,
    pub projects: usize,
}

/// Compares, refuses and checks `files`; `None` when anything is wrong.
pub fn plan(context: Context, files: Vec<Planned>) -> (Option<EuPlan>, Vec<Diagnostic>) {
    let root = context.root;
    let mut problems = Vec::new();
    let mut changes = Vec::new();
    for f in &files {
        let old = fs::read(root.join(&f.rel)).ok();
        let action = match &old {
            None => Action::Create,
            Some(old) if old == f.text.as_bytes() => Action::Unchanged,
            Some(_) => Action::Update,
        };
        if let (Action::Update, Some(key), false) = (action, &f.key, context.force) {
            problems.push(refusal(f, key));
        }
        changes.push(EuChange {
            path: f.rel.clone(),
            action,
            text: f.text.clone(),
        });
    }
    problems.extend(check(root, &files));
    if problems.iter().any(Diagnostic::is_error) {
        return (None, problems);
    }
    let plan = EuPlan {
        root: root.to_path_buf(),
        changes,
        notes: context.notes,
        projects: context.projects,
    };
    (Some(plan), problems)
}

fn refusal(f: &Planned, key: &str) -> Diagnostic {
    let shown = display_path(&f.rel);
    CellRef::new(&f.source, f.row).diagnostic(
        text!(
            "the partnership `{key}` already exists (`{shown}`) and this project would change it",
            "le partenariat `{key}` existe déjà (`{shown}`) et ce projet le modifierait"
        ),
        Some(text!(
            "to replace its files with the export's values, run the import again with `--force`",
            "pour remplacer ses fichiers par les valeurs de l'export, relancez l'import avec `--force`"
        )),
    )
}

/// The problems `build` would find once the files are written, those of
/// the import's files traced back to their rows.
fn check(root: &Path, files: &[Planned]) -> Vec<Diagnostic> {
    let keys: BTreeSet<String> = files.iter().filter_map(|f| f.key.clone()).collect();
    let failed = |e: io::Error| {
        vec![Diagnostic::error(
            root,
            text!(
                "cannot copy the site to a temporary folder to check the import: {e}",
                "impossible de copier le site dans un dossier temporaire pour vérifier l'import : {e}"
            ),
        )]
    };
    let overlay = match Overlay::create(root, &keys) {
        Ok(overlay) => overlay,
        Err(e) => return failed(e),
    };
    let mut by_path: BTreeMap<&Path, &Planned> = BTreeMap::new();
    for f in files {
        // A partnership's files were left out of the copy; the others may
        // be links to the site's own files, which must not change.
        let written = match f.key {
            Some(_) => overlay.write(&f.rel, &f.text),
            None => overlay.replace(&f.rel, f.text.as_bytes()),
        };
        if let Err(e) = written {
            return failed(e);
        }
        by_path.insert(&f.rel, f);
    }
    overlay
        .check()
        .into_sorted()
        .into_iter()
        .filter_map(|d| trace(d, &by_path))
        .collect()
}

/// A problem of an import's file as a problem of its row; the notice
/// that a text exists in one language only is what such an import
/// means, and is left out.
fn trace(d: Diagnostic, files: &BTreeMap<&Path, &Planned>) -> Option<Diagnostic> {
    let Some(f) = files.get(d.file.as_path()) else {
        return d.is_error().then_some(d);
    };
    if !d.is_error() && d.field.is_none() {
        return None;
    }
    let shown = display_path(&f.rel);
    let field = d.field.clone().unwrap_or_default();
    let message = Text {
        en: format!("in `{shown}` ({field}): {}", d.message.en),
        fr: format!("dans `{shown}` ({field}) : {}", d.message.fr),
    };
    let mut traced = CellRef::new(&f.source, f.row).diagnostic(message, d.hint);
    traced.severity = d.severity;
    Some(traced)
}
