//! A spreadsheet file → its rows of text cells, whatever the spreadsheet
//! saved: a workbook (`.xlsx`, `.xlsm`, `.ods`, `.xls`, read by calamine,
//! its first visible sheet) or CSV text in the encodings of `encoding.rs`,
//! its delimiter found from the header row.
//!
//! This is the one door of every import: [`load`] gives the rows as a
//! spreadsheet numbers them, each cell as the text a person would type
//! (numbers as written, Excel's date cells as `YYYY-MM-DD`, a neutralised
//! formula-like cell restored), and how the file was read. What the
//! columns mean is for the importers after it (`plan.rs` for the site's
//! own columns, found by their header names).

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader, SheetType, SheetVisible};

use super::csv::{self, Record};
use super::encoding;
use super::locate::{at_row, CellRef};
use crate::diagnostics::{Diagnostic, Text};
use crate::text;
use crate::types::text::restore_formula;

/// The rows of a file, and the sentence saying how it was read.
#[derive(Debug)]
pub struct Loaded {
    /// The header first; rows numbered as the spreadsheet shows them.
    pub records: Vec<Record>,
    pub read_as: Text,
}

/// Reads `file`: a workbook by its extension, else CSV (with `delimiter`,
/// or the one of its header row). Every problem found is returned.
pub fn load(file: &Path, delimiter: Option<char>) -> Result<Loaded, Vec<Diagnostic>> {
    let extension = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let bytes = std::fs::read(file).map_err(|e| {
        let message = if e.kind() == std::io::ErrorKind::NotFound {
            text!("there is no such file", "ce fichier n'existe pas")
        } else {
            crate::source::unreadable(file, &e)
        };
        vec![Diagnostic::error(file, message)]
    })?;
    let mut loaded = match extension.as_str() {
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => workbook(file)?,
        _ => csv_text(file, &bytes, delimiter)?,
    };
    for record in &mut loaded.records {
        for cell in &mut record.cells {
            let restored = restore_formula(cell);
            if restored.len() != cell.len() {
                *cell = restored.to_string();
            }
        }
    }
    Ok(loaded)
}

fn csv_text(file: &Path, bytes: &[u8], delimiter: Option<char>) -> Result<Loaded, Vec<Diagnostic>> {
    let decoded = encoding::decode(file, bytes).map_err(|d| vec![d])?;
    let delimiter = delimiter.unwrap_or_else(|| csv::detect_delimiter(&decoded.text));
    let records = csv::parse(&decoded.text, delimiter)
        .map_err(|e| vec![at_row(file, e.row).diagnostic(e.message, Some(e.hint))])?;
    Ok(Loaded {
        records,
        read_as: decoded.read_as,
    })
}

/// The first visible worksheet of a workbook.
fn workbook(file: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let unreadable = |e: &dyn std::fmt::Display| {
        vec![Diagnostic::error(
            file,
            text!(
                "this workbook cannot be read: {e}",
                "ce classeur ne peut pas être lu : {e}"
            ),
        )
        .hint(text!(
            "open it in the spreadsheet and save it again as .xlsx (Excel) or .ods (LibreOffice); or save its sheet as \"CSV UTF-8\"",
            "ouvrez-le dans le tableur et enregistrez-le à nouveau en .xlsx (Excel) ou .ods (LibreOffice) ; ou enregistrez sa feuille au format « CSV UTF-8 »"
        ))]
    };
    let mut book = open_workbook_auto(file).map_err(|e| unreadable(&e))?;
    let sheet = book
        .sheets_metadata()
        .iter()
        .find(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone());
    let Some(sheet) = sheet else {
        return Err(unreadable(&"it has no visible worksheet"));
    };
    let range = book.worksheet_range(&sheet).map_err(|e| unreadable(&e))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut records = Vec::new();
    let mut errors = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let number = top as usize + i + 1;
        let mut cells = vec![String::new(); left as usize];
        for data in row {
            match cell_text(data) {
                Ok(text) => cells.push(text),
                Err(error) => {
                    errors.push((number, cells.len(), error));
                    cells.push(String::new());
                }
            }
        }
        records.push(Record { row: number, cells });
    }
    if !errors.is_empty() {
        // The header names the columns: below title rows, it is the row
        // with `key`.
        let has_key = |r: &&Record| r.cells.iter().any(|c| c.trim().eq_ignore_ascii_case("key"));
        let header = records
            .iter()
            .find(has_key)
            .or(records.first())
            .map(|r| r.cells.clone())
            .unwrap_or_default();
        return Err(errors
            .into_iter()
            .map(|(row, column, error)| formula_error(file, &header, row, column, &error))
            .collect());
    }
    let shown = crate::diagnostics::display_path(file);
    Ok(Loaded {
        records,
        read_as: text!(
            "read the sheet `{sheet}` of `{shown}`",
            "feuille `{sheet}` de `{shown}` lue"
        ),
    })
}

/// A cell as the text a person would type in it; the error a formula
/// left there, if it holds one.
fn cell_text(data: &Data) -> Result<String, String> {
    Ok(match data {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        Data::DateTime(d) => number_text(d.as_f64()),
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => return Err(e.to_string()),
    })
}

/// A number cell as written: `2014`, not `2014.0`.
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

fn formula_error(
    file: &Path,
    header: &[String],
    row: usize,
    column: usize,
    error: &str,
) -> Diagnostic {
    let name = header.get(column).map_or("", |n| n.trim());
    CellRef::new(file, row).column(column, name).diagnostic(
        text!(
            "this cell holds the error `{error}` of a formula",
            "cette cellule contient l'erreur `{error}` d'une formule"
        ),
        Some(text!(
            "type the value itself in the cell (copy, then paste values only)",
            "tapez la valeur elle-même dans la cellule (copier, puis collage spécial : valeurs seulement)"
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_typed() {
        assert_eq!(cell_text(&Data::Float(2014.0)).unwrap(), "2014");
        assert_eq!(cell_text(&Data::Float(12500.5)).unwrap(), "12500.5");
        assert_eq!(cell_text(&Data::Bool(false)).unwrap(), "false");
        let date =
            calamine::ExcelDateTime::new(45366.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(date)).unwrap(), "2024-03-15");
        assert_eq!(
            cell_text(&Data::DateTimeIso("2024-03-15T00:00:00".into())).unwrap(),
            "2024-03-15"
        );
        assert!(cell_text(&Data::Error(calamine::CellErrorType::NA)).is_err());
    }
}
