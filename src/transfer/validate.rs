//! Checks the files an import would write exactly as `build` checks them:
//! the site is copied to a temporary folder (media files as empty files:
//! only their names are checked), the rows' files are laid over it, and
//! the real pipeline runs on it, rendering to nowhere. Each problem found
//! in a row's file is then traced back to the row and column it came from.
//!
//! In an import it comes after `front.rs` has made the rows' files, and
//! before `plan.rs` compares them with the files already there.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::columns::{column_of, Column};
use super::front::Assembled;
use super::locate::CellRef;
use crate::diagnostics::{Diagnostic, Diagnostics, Text};
use crate::text;
use crate::types::lang::Lang;
use crate::{free_site, generate_into, output, read_site, render_site, BuildOptions, Timings};

/// A copy of a site in a temporary folder, removed when dropped.
pub struct Overlay {
    root: PathBuf,
}

impl Drop for Overlay {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

impl Overlay {
    /// Copies `site.yaml`, `themes/` and `content/` of `site`, leaving out
    /// the partnership files of `replaced` keys.
    pub fn create(site: &Path, replaced: &BTreeSet<String>) -> io::Result<Overlay> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!("passerelle-import-{}-{nanos}", std::process::id());
        let overlay = Overlay {
            root: std::env::temp_dir().join(name),
        };
        fs::create_dir(&overlay.root)?;
        fs::copy(site.join("site.yaml"), overlay.root.join("site.yaml"))?;
        for folder in ["content", "themes"] {
            overlay.copy_folder(site, folder, replaced)?;
        }
        Ok(overlay)
    }

    fn copy_folder(
        &self,
        site: &Path,
        folder: &str,
        replaced: &BTreeSet<String>,
    ) -> io::Result<()> {
        let walker = WalkDir::new(site.join(folder))
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'));
        // Unreadable entries are left out: they are not the import's to report.
        for entry in walker.filter_map(Result::ok) {
            let Ok(rel) = entry.path().strip_prefix(site) else {
                continue;
            };
            let target = self.root.join(rel);
            if entry.file_type().is_dir() {
                fs::create_dir_all(&target)?;
            } else if rel.starts_with("content/media") {
                fs::write(&target, b"")?;
            } else if !is_replaced(rel, replaced) {
                fs::hard_link(entry.path(), &target)
                    .or_else(|_| fs::copy(entry.path(), &target).map(|_| ()))?;
            }
        }
        Ok(())
    }

    /// Writes a file of the import, `rel` being under `content/partnerships/`.
    pub fn write(&self, rel: &Path, text: &str) -> io::Result<()> {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, text)
    }

    /// Puts `bytes` at `rel`, in place of the file copied there: the copy
    /// may be a hard link to the site's own file, which must not change.
    pub fn replace(&self, rel: &Path, bytes: &[u8]) -> io::Result<()> {
        self.remove(rel)?;
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, bytes)
    }

    /// Takes the file at `rel` out of the copy.
    pub fn remove(&self, rel: &Path) -> io::Result<()> {
        match fs::remove_file(self.root.join(rel)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Everything `build` would report on the overlaid site.
    pub fn check(&self) -> Diagnostics {
        self.check_with(&BuildOptions {
            skip_images: true,
            ..Default::default()
        })
    }

    /// Everything `build --drafts` would report on the overlaid site, and
    /// the partnerships of `keys` as export rows (when the site reads).
    pub fn check_and_export(
        &self,
        keys: &BTreeSet<String>,
    ) -> (Diagnostics, Option<BTreeMap<String, Vec<String>>>) {
        let options = BuildOptions {
            skip_images: true,
            drafts: true,
            ..Default::default()
        };
        let mut timings = Timings::default();
        let (site, mut diagnostics) = read_site(&self.root, &options, &mut timings);
        let Some(site) = site else {
            return (diagnostics, None);
        };
        let discard = output::Discard::default();
        let parts = render_site(&site, &discard, &mut timings, &mut diagnostics);
        let table = super::export::table(&site.catalogue);
        let rows = site.catalogue.partnerships.iter().zip(table.rows);
        let rows = rows
            .filter(|(p, _)| keys.contains(&p.key))
            .map(|(p, row)| (p.key.clone(), row))
            .collect();
        free_site(site, parts);
        (diagnostics, Some(rows))
    }

    /// The same, with the command line's options (drafts…).
    pub fn check_with(&self, options: &BuildOptions) -> Diagnostics {
        let discard = output::Discard::default();
        generate_into(&self.root, options, &discard, &mut Timings::default())
    }
}

/// `content/partnerships/<key>.<lang>.md` of a replaced key.
fn is_replaced(rel: &Path, replaced: &BTreeSet<String>) -> bool {
    let Ok(name) = rel.strip_prefix("content/partnerships") else {
        return false;
    };
    let name = name.to_string_lossy();
    name.strip_suffix(".md")
        .and_then(|stem| stem.rsplit_once('.'))
        .is_some_and(|(key, _)| replaced.contains(key))
}

/// One file an import writes, and the row it comes from.
pub struct Written<'a> {
    pub row: usize,
    pub lang: Lang,
    pub body_line: usize,
    pub assembled: &'a Assembled,
    /// The columns whose cells already have a problem reported.
    pub reported: &'a BTreeSet<String>,
}

/// How the problems of the overlaid site are told: those of the rows'
/// files as cells of the spreadsheet, the others as they are.
pub struct Tracer<'a> {
    pub csv: &'a Path,
    pub header: &'a [Option<Column>],
    pub languages: &'a [Lang],
    pub files: BTreeMap<PathBuf, Written<'a>>,
}

impl Tracer<'_> {
    /// The diagnostic as the user should see it; `None` for a warning
    /// about a file the import does not touch, or a repeat of a problem
    /// already reported for its cell.
    pub fn trace(&self, d: Diagnostic) -> Option<Diagnostic> {
        let Some(written) = self.files.get(&d.file) else {
            return d.is_error().then_some(d);
        };
        let (column, item) = match &d.field {
            Some(field) => self.column_of(field, written.lang),
            None => (None, None),
        };
        let in_body = d.field.is_none() && d.line >= written.body_line;
        let column = column.or_else(|| in_body.then(|| format!("body_{}", written.lang)));
        let line = in_body.then(|| d.line + 1 - written.body_line);
        if let Some(name) = &column {
            if item.is_none() && written.reported.contains(name) {
                return None;
            }
        }
        let item = match (&column, item) {
            (Some(name), Some(i)) => Some(
                written
                    .assembled
                    .kept
                    .get(name)
                    .and_then(|kept| kept.get(i).copied())
                    .unwrap_or(i),
            ),
            _ => None,
        };
        let mut at = CellRef::new(self.csv, written.row).item(item).line(line);
        if let Some(name) = &column {
            let index = self
                .header
                .iter()
                .position(|c| c.as_ref().is_some_and(|c| c.name() == *name));
            at = at.named(index, name);
        }
        let hint = self.untranslated_hint(&d, written).or(d.hint);
        let mut traced = at.diagnostic(d.message, hint);
        traced.severity = d.severity;
        Some(traced)
    }

    /// For the warning that a language has no text (a problem of no
    /// field and no line), what to fill in the spreadsheet rather than
    /// which file to create.
    fn untranslated_hint(&self, d: &Diagnostic, written: &Written) -> Option<Text> {
        if d.is_error() || d.field.is_some() || d.line > 0 {
            return None;
        }
        let files = &written.assembled.files;
        let lang = self.languages.iter().find(|l| !files.contains_key(*l))?;
        Some(text!(
            "to translate it, fill the columns ending in `_{lang}`: at least `title_{lang}` and `summary_{lang}`",
            "pour le traduire, remplissez les colonnes qui finissent par `_{lang}` : au moins `title_{lang}` et `summary_{lang}`"
        ))
    }

    /// The column a field path of a row's file comes from, and the item
    /// it names: `members[1].institution` → (`members`, 1), `logo.alt` in
    /// the English file → `logo_alt_en`.
    fn column_of(&self, field: &str, lang: Lang) -> (Option<String>, Option<usize>) {
        let root = field.split(['[', '.']).next().unwrap_or(field);
        let item = field
            .split_once('[')
            .and_then(|(_, rest)| rest.split_once(']'))
            .and_then(|(n, _)| n.parse::<usize>().ok());
        let sub = field.rsplit_once('.').map(|(_, sub)| sub);
        let translation = self.languages.first().is_some_and(|&l| l != lang);
        let name = column_of(root, sub, lang, translation);
        (Some(name), item)
    }
}
