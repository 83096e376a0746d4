//! The size limit of a spreadsheet cell (`limits: {cell: …}` in
//! site.yaml): a cell larger than it is refused at its row and column
//! before anything is made of it.

use std::path::Path;

use super::csv::Record;
use super::locate;
use crate::diagnostics::Diagnostic;
use crate::text;
use crate::types::limits::show_size;

/// An error for each cell of `records` larger than `max` bytes, named by
/// its row and by its column's letter and header.
pub fn oversized_cells(file: &Path, records: &[Record], max: u64) -> Vec<Diagnostic> {
    let header = records
        .first()
        .map(|r| r.cells.as_slice())
        .unwrap_or_default();
    let (max_en, max_fr) = show_size(max);
    let mut problems = Vec::new();
    for record in records {
        for (index, cell) in record.cells.iter().enumerate() {
            if cell.len() as u64 <= max {
                continue;
            }
            let (size_en, size_fr) = show_size(cell.len() as u64);
            let name = header.get(index).map_or("", String::as_str);
            let name: String = name.chars().take(40).collect();
            let place = locate::at_row(file, record.row).column(index, &name);
            problems.push(place.diagnostic(
                text!(
                    "this cell holds {size_en}, more than the {max_en} a cell may hold",
                    "cette cellule contient {size_fr}, plus que les {max_fr} permis pour une cellule"
                ),
                Some(text!(
                    "shorten it, or raise `limits: {{cell: …}}` in site.yaml",
                    "raccourcissez-la, ou relevez `limits: {{cell: …}}` dans site.yaml"
                )),
            ));
        }
    }
    problems
}
