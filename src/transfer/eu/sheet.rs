//! An official export as a grid of text cells under a header row, read
//! from CSV (the Erasmus+ bulk files, CORDIS) or from a workbook (the
//! Erasmus+ "Export to Excel", through calamine), with its columns found
//! by name: case, spaces and apostrophes folded, never by position, since
//! the layouts change between years.

use std::path::{Path, PathBuf};

use calamine::{open_workbook_auto, Data, Reader};

use super::super::csv::{self, Record};
use super::super::locate::{at_row, CellRef};
use crate::diagnostics::Diagnostic;
use crate::text;

/// The header and the rows of one export file.
#[derive(Debug)]
pub struct Sheet {
    pub file: PathBuf,
    /// The header's cells as written, and folded.
    pub header: Vec<String>,
    folded: Vec<String>,
    /// The row of the header (1 unless blank rows come first).
    pub header_row: usize,
    pub rows: Vec<Record>,
}

/// A header as it is compared: lower case, without spaces, apostrophes
/// (`'` and `’`) or a BOM; `Coordinator's country` → `coordinatorscountry`.
pub fn fold_header(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\'' | '’' | '\u{feff}' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

impl Sheet {
    /// Reads `file`: a workbook by its extension (`.xlsx`, `.xls`, `.ods`),
    /// CSV otherwise (UTF-8, with or without BOM; the delimiter found from
    /// the header line).
    pub fn read(file: &Path) -> Result<Sheet, Diagnostic> {
        let records = if is_workbook(file) {
            workbook_records(file)?
        } else {
            let text = read_text(file)?;
            let delimiter = csv::detect_delimiter(&text);
            csv::parse(&text, delimiter)
                .map_err(|e| at_row(file, e.row).diagnostic(e.message, Some(e.hint)))?
        };
        Ok(Sheet::from_records(file, records))
    }

    /// The first row with a cell is the header; the rows after it, with
    /// at least one cell, are the data.
    pub fn from_records(file: &Path, records: Vec<Record>) -> Sheet {
        let mut records = records
            .into_iter()
            .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()));
        let first = records.next().unwrap_or(Record {
            row: 1,
            cells: Vec::new(),
        });
        let header: Vec<String> = first.cells.iter().map(|c| c.trim().to_string()).collect();
        Sheet {
            file: file.to_path_buf(),
            folded: header.iter().map(|h| fold_header(h)).collect(),
            header,
            header_row: first.row,
            rows: records.collect(),
        }
    }

    /// The column whose folded header is one of `names` (folded too).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        let wanted: Vec<String> = names.iter().map(|n| fold_header(n)).collect();
        self.folded.iter().position(|h| wanted.contains(h))
    }

    /// The column whose folded header starts with `prefix`: the grant's
    /// header carries a sentence that changes between years.
    pub fn column_starting(&self, prefix: &str) -> Option<usize> {
        let prefix = fold_header(prefix);
        self.folded.iter().position(|h| h.starts_with(&prefix))
    }

    /// The trimmed cell of `record` in `column`; empty when either is
    /// missing.
    pub fn cell<'a>(&self, record: &'a Record, column: Option<usize>) -> &'a str {
        column
            .and_then(|i| record.cells.get(i))
            .map_or("", |c| c.trim())
    }

    /// The place of a cell, for a diagnostic.
    pub fn at(&self, row: usize, column: usize) -> CellRef<'_> {
        let name = self.header.get(column).map_or("", String::as_str);
        CellRef::new(&self.file, row).column(column, name)
    }

    /// A diagnostic on the header row: a column the export must have.
    pub fn missing_column(&self, name: &str) -> Diagnostic {
        at_row(&self.file, self.header_row).diagnostic(
            text!(
                "the column `{name}` is missing",
                "la colonne `{name}` manque"
            ),
            Some(text!(
                "import the file as the platform exported it, with its header row; the columns are found by name, in any order",
                "importez le fichier tel que la plateforme l'a exporté, avec sa ligne d'en-tête ; les colonnes sont trouvées par leur nom, dans n'importe quel ordre"
            )),
        )
    }
}

/// Whether `file` is a workbook calamine reads.
pub fn is_workbook(file: &Path) -> bool {
    let extension = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    matches!(extension.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods")
}

/// The bytes of `file` as UTF-8 text.
fn read_text(file: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(file)
        .map_err(|e| Diagnostic::error(file, crate::source::unreadable(file, &e)))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        Diagnostic::error(
            file,
            text!(
                "this file is not UTF-8 text (byte {at})",
                "ce fichier n'est pas du texte UTF-8 (octet {at})"
            ),
        )
        .hint(text!(
            "import the file as the platform exported it; if it was opened and saved again, save it as \"CSV UTF-8\"",
            "importez le fichier tel que la plateforme l'a exporté ; s'il a été ouvert puis réenregistré, enregistrez-le au format « CSV UTF-8 »"
        ))
    })
}

/// The first sheet of a workbook as records numbered as the spreadsheet
/// numbers its rows.
fn workbook_records(file: &Path) -> Result<Vec<Record>, Diagnostic> {
    let unreadable = |e: String| {
        Diagnostic::error(
            file,
            text!(
                "this workbook cannot be read: {e}",
                "ce classeur ne peut pas être lu : {e}"
            ),
        )
        .hint(text!(
            "import the file as the platform exported it, or save it again as .xlsx",
            "importez le fichier tel que la plateforme l'a exporté, ou réenregistrez-le en .xlsx"
        ))
    };
    let mut workbook = open_workbook_auto(file).map_err(|e| unreadable(e.to_string()))?;
    let range = match workbook.worksheet_range_at(0) {
        Some(Ok(range)) => range,
        Some(Err(e)) => return Err(unreadable(e.to_string())),
        None => return Err(unreadable("no sheet".to_string())),
    };
    let first = range.start().map_or(0, |(row, _)| row as usize);
    let skipped = range.start().map_or(0, |(_, column)| column as usize);
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut texts = vec![String::new(); skipped];
            texts.extend(cells.iter().map(cell_text));
            Record {
                row: first + i + 1,
                cells: texts,
            }
        })
        .collect())
}

/// A workbook cell as the text a CSV would hold: numbers without a
/// trailing `.0`, dates in ISO form.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "Yes" } else { "No" }.to_string(),
        Data::DateTime(d) => {
            let (year, month, day, ..) = d.to_ymd_hms_milli();
            format!("{year:04}-{month:02}-{day:02}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_folded() {
        assert_eq!(fold_header("Coordinator's country"), "coordinatorscountry");
        assert_eq!(fold_header("Coordinator’s Country "), "coordinatorscountry");
        assert_eq!(fold_header("\u{feff}Programme"), "programme");
        assert_eq!(fold_header("Partner 12 name"), "partner12name");
    }

    #[test]
    fn columns_are_found_by_name_in_any_order() {
        let records = vec![
            Record {
                row: 1,
                cells: vec!["Project Title".into(), "CALL YEAR".into()],
            },
            Record {
                row: 2,
                cells: vec!["A title".into(), " 2018 ".into()],
            },
        ];
        let sheet = Sheet::from_records(Path::new("x.csv"), records);
        let year = sheet.column(&["Call year", "Funding Year"]);
        assert_eq!(year, Some(1));
        assert_eq!(sheet.cell(&sheet.rows[0], year), "2018");
        assert_eq!(sheet.cell(&sheet.rows[0], None), "");
        assert_eq!(sheet.column(&["Project Identifier"]), None);
    }
}
