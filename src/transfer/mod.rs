//! The catalogue as a spreadsheet, both ways: `passerelle export` writes
//! one row per partnership and one column per field and language;
//! `passerelle import` turns such a spreadsheet back into partnership
//! files, checked exactly as `build` checks them. The columns and the
//! syntax of their cells are documented in `docs/spreadsheet.md`.
//!
//! Transfer keeps no copy of the front matter: the columns, their order
//! and the required cells come from the table of a partnership's fields
//! (`catalogue::raw`, `RawPartnership::FIELDS`), and the files import
//! writes are those raw structs serialised. What it adds is the syntax of
//! each cell (`rows.rs` reads it, `export.rs` writes it).
//!
//! ```text
//! export: SiteReader::read_catalogue ─▶ export::table ─▶ CSV (csv.rs) or JSON
//! import: CSV ─ csv::parse ─▶ records ─ columns::read_header, rows::Draft ─▶ files (front.rs: RawPartnership serialised)
//!         files ─ validate::Overlay (a copy of the site + the files, the real pipeline) ─▶ problems
//!         traced back to rows and columns ─▶ plan::Plan (create, update, unchanged, remove) ─▶ disk
//! ```
//!
//! Import writes nothing unless every row is right, and never replaces a
//! partnership without `--force`.

mod cells;
mod changes;
mod columns;
pub mod csv;
mod encoding;
pub mod eu;
mod export;
mod front;
mod habits;
mod locate;
mod normalise;
mod patch;
mod plan;
pub mod read;
mod rows;
mod sizes;
mod validate;
mod vocabulary;
mod xlsx;

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, Text};
use crate::site::{BuildOptions, SiteReader};
use crate::text;

pub use changes::{Action, Change, Plan};
pub use plan::ImportOptions;
pub use validate::Overlay;

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A spreadsheet: UTF-8 with BOM, `;` between cells by default.
    Csv,
    /// An array of objects with the same names as the CSV columns.
    Json,
    /// An Excel workbook: drop-down lists, header row frozen.
    Xlsx,
}

impl Format {
    /// The format a file name asks for: `.xlsx`, `.json`, else CSV.
    pub fn of(path: &Path) -> Format {
        let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        match extension.as_deref() {
            Some("xlsx") => Format::Xlsx,
            Some("json") => Format::Json,
            _ => Format::Csv,
        }
    }
}

/// `--delimiter`: one character, or `tab`.
pub fn parse_delimiter(s: &str) -> Result<char, String> {
    let mut chars = s.chars();
    match (s, chars.next(), chars.next()) {
        ("tab" | "\\t", _, _) => Ok('\t'),
        (_, Some(c), None) if !matches!(c, '"' | '\n' | '\r' | '\\') => Ok(c),
        _ => Err("expected one character, such as `;` or `,`, or `tab`".to_string()),
    }
}

/// Every partnership of the site at `root`, drafts included, as `format`;
/// `None` when the content has errors (all of them in the diagnostics).
pub fn export(root: &Path, format: Format, delimiter: char) -> (Option<Vec<u8>>, Diagnostics) {
    let options = BuildOptions {
        drafts: true,
        ..Default::default()
    };
    let (catalogue, mut diagnostics) = SiteReader::new(root, &options).read_catalogue();
    let Some(catalogue) = catalogue.filter(|_| !diagnostics.has_errors()) else {
        return (None, diagnostics);
    };
    let table = export::table(&catalogue);
    let bytes = match format {
        Format::Csv => export::csv(&table, delimiter),
        Format::Json => export::json(&table),
        Format::Xlsx => match xlsx::workbook(&table, &catalogue) {
            Ok(bytes) => bytes,
            Err(e) => {
                diagnostics.push(Diagnostic::error(
                    root,
                    text!(
                        "cannot make the workbook: {e}",
                        "impossible de créer le classeur : {e}"
                    ),
                ));
                return (None, diagnostics);
            }
        },
    };
    (Some(bytes), diagnostics)
}

/// Refuses an `--output` of `export` inside `content/` or `themes/` of
/// the site, or over its `site.yaml`: the spreadsheet would be read as
/// content, or replace the site's own files.
pub fn check_output(root: &Path, output: &Path) -> Result<(), Text> {
    let absolute = |p: &Path| -> std::path::PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // The folder exists (or the write fails anyway); the file may not.
        let name = p.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        let folder = p.parent().map(Path::to_path_buf).unwrap_or_default();
        folder.canonicalize().unwrap_or(folder).join(name)
    };
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let output = absolute(output);
    let shown = output.display();
    let inside = ["content", "themes"]
        .iter()
        .find(|folder| output.starts_with(root.join(folder)));
    if let Some(folder) = inside {
        return Err(text!(
            "`{shown}` is inside the site's `{folder}/` folder, where it would be read as part of the site",
            "`{shown}` est dans le dossier `{folder}/` du site, où il serait lu comme une partie du site"
        ));
    }
    if output == root.join("site.yaml")
        || output.canonicalize().ok() == root.join("site.yaml").canonicalize().ok()
            && output.exists()
    {
        return Err(text!(
            "`{shown}` is the site's settings file",
            "`{shown}` est le fichier de réglages du site"
        ));
    }
    Ok(())
}

/// What an import would do, and what it found on the way.
pub struct Outcome {
    /// `None` when a row is wrong or would replace a partnership without
    /// `--force` (every problem is in the diagnostics).
    pub plan: Option<Plan>,
    pub diagnostics: Diagnostics,
    /// How the file was read (its encoding, its sheet).
    pub read_as: Option<Text>,
    /// Each value read in another form than it was written.
    pub notes: Vec<Text>,
}

/// What importing `file` into the site at `root` would change. Nothing is
/// written.
pub fn plan_import(root: &Path, file: &Path, options: &ImportOptions) -> Outcome {
    let mut outcome = Outcome {
        plan: None,
        diagnostics: Diagnostics::default(),
        read_as: None,
        notes: Vec::new(),
    };
    let reading = BuildOptions {
        drafts: true,
        ..Default::default()
    };
    let (catalogue, site) = SiteReader::new(root, &reading).read_catalogue();
    let Some(catalogue) = catalogue else {
        outcome.diagnostics = site;
        return outcome;
    };
    let loaded = match read::load(file, options.delimiter) {
        Ok(loaded) => loaded,
        Err(problems) => {
            outcome.diagnostics.extend(problems);
            return outcome;
        }
    };
    outcome.read_as = Some(loaded.read_as);
    let config = &catalogue.config;
    let oversized = sizes::oversized_cells(file, &loaded.records, config.limits.cell);
    if !oversized.is_empty() {
        outcome.diagnostics.extend(oversized);
        return outcome;
    }
    let mut ignored = Diagnostics::default();
    let theme = crate::theme::load(root, &config.theme, &config.languages, &mut ignored);
    let vocabulary = vocabulary::Vocabulary::new(theme.as_ref(), Some(&catalogue));
    // The site's partnerships as rows, to tell an unchanged one whatever
    // the layout of its files; only when the site reads without error.
    let exported: Option<BTreeMap<String, Vec<String>>> = (!site.has_errors()).then(|| {
        let table = export::table(&catalogue);
        let keys = catalogue.partnerships.iter().map(|p| p.key.clone());
        keys.zip(table.rows).collect()
    });
    let countries: BTreeMap<String, String> = catalogue
        .institutions
        .values()
        .map(|i| (i.id.to_string(), i.country.to_string()))
        .collect();
    let context = plan::Context {
        languages: &config.languages,
        vocabulary: &vocabulary,
        exported: exported.as_ref(),
        countries: &countries,
    };
    let (plan, problems, notes) = plan::plan(root, file, &context, &loaded.records, options);
    outcome.plan = plan;
    outcome.diagnostics.extend(problems);
    outcome.notes = notes;
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters() {
        assert_eq!(parse_delimiter(";"), Ok(';'));
        assert_eq!(parse_delimiter("tab"), Ok('\t'));
        assert!(parse_delimiter("ab").is_err());
        assert!(parse_delimiter("\"").is_err());
        assert!(parse_delimiter("").is_err());
    }
}
