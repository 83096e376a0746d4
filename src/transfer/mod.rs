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
mod columns;
pub mod csv;
pub mod eu;
mod export;
mod front;
mod locate;
mod plan;
mod rows;
mod sizes;
mod validate;

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::{BuildOptions, SiteReader};
use crate::text;

pub use plan::{Action, Change, ImportOptions, Plan};
pub use validate::Overlay;

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A spreadsheet: UTF-8 with BOM, `;` between cells by default.
    Csv,
    /// An array of objects with the same names as the CSV columns.
    Json,
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
    let (catalogue, diagnostics) = SiteReader::new(root, &options).read_catalogue();
    let Some(catalogue) = catalogue.filter(|_| !diagnostics.has_errors()) else {
        return (None, diagnostics);
    };
    let table = export::table(&catalogue);
    let bytes = match format {
        Format::Csv => export::csv(&table, delimiter),
        Format::Json => export::json(&table),
    };
    (Some(bytes), diagnostics)
}

/// What importing `file` into the site at `root` would change; `None`
/// when a row is wrong or would replace a partnership without `--force`
/// (every problem is in the diagnostics). Nothing is written.
pub fn plan_import(
    root: &Path,
    file: &Path,
    options: &ImportOptions,
) -> (Option<Plan>, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let reader = SiteReader::new(root, &BuildOptions::default());
    let Some(config) = reader.config(&mut diagnostics) else {
        return (None, diagnostics);
    };
    let text = match read_csv(file) {
        Ok(text) => text,
        Err(d) => {
            diagnostics.push(d);
            return (None, diagnostics);
        }
    };
    let delimiter = options
        .delimiter
        .unwrap_or_else(|| csv::detect_delimiter(&text));
    let records = match csv::parse(&text, delimiter) {
        Ok(records) => records,
        Err(e) => {
            let d = locate::at_row(file, e.row).diagnostic(e.message, Some(e.hint));
            diagnostics.push(d);
            return (None, diagnostics);
        }
    };
    let oversized = sizes::oversized_cells(file, &records, config.limits.cell);
    if !oversized.is_empty() {
        diagnostics.extend(oversized);
        return (None, diagnostics);
    }
    let plan = plan::plan(root, file, &config.languages, &records, options);
    diagnostics.extend(plan.1);
    (plan.0, diagnostics)
}

/// The spreadsheet's text: UTF-8, as spreadsheets save "CSV UTF-8".
fn read_csv(file: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(file).map_err(|e| {
        let message = if e.kind() == std::io::ErrorKind::NotFound {
            text!("there is no such file", "ce fichier n'existe pas")
        } else {
            crate::source::unreadable(file, &e)
        };
        Diagnostic::error(file, message)
    })?;
    String::from_utf8(bytes).map_err(|_| {
        Diagnostic::error(
            file,
            text!(
                "this file is not UTF-8 text",
                "ce fichier n'est pas du texte UTF-8"
            ),
        )
        .hint(text!(
            "save the spreadsheet as \"CSV UTF-8\" (in LibreOffice: Save as → Text CSV, character set Unicode (UTF-8))",
            "enregistrez le tableau au format « CSV UTF-8 » (dans LibreOffice : Enregistrer sous → Texte CSV, jeu de caractères Unicode (UTF-8))"
        ))
    })
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
