//! Where a problem is in a spreadsheet: the file, the row as a spreadsheet
//! numbers it (the header is row 1 unless title rows come first), the column by letter and name, the
//! item of a list cell, the line of a multi-line text; and the letter a
//! spreadsheet gives a column. Every diagnostic of an import is built
//! here, so they all read the same way, from the header (`columns.rs`) to
//! the problems the real pipeline finds in the written files
//! (`validate.rs`).

use std::path::Path;

use crate::diagnostics::{Diagnostic, Text};
use crate::text;

/// A row, a cell, or a place inside a cell.
#[derive(Debug, Clone)]
pub struct CellRef<'a> {
    file: &'a Path,
    row: usize,
    /// The column's letter (none when the spreadsheet lacks the column)
    /// and name.
    column: Option<(Option<String>, String)>,
    item: Option<usize>,
    line: Option<usize>,
}

/// A whole row.
pub fn at_row(file: &Path, row: usize) -> CellRef<'_> {
    CellRef::new(file, row)
}

impl<'a> CellRef<'a> {
    pub fn new(file: &'a Path, row: usize) -> Self {
        CellRef {
            file,
            row,
            column: None,
            item: None,
            line: None,
        }
    }

    /// The cell of the column at `index`, named `name`.
    pub fn column(mut self, index: usize, name: &str) -> Self {
        self.column = Some((Some(letter(index)), name.to_string()));
        self
    }

    /// The cell of a column the spreadsheet may not have.
    pub fn named(mut self, index: Option<usize>, name: &str) -> Self {
        self.column = Some((index.map(letter), name.to_string()));
        self
    }

    /// The 0-based item of a list cell.
    pub fn item(mut self, item: Option<usize>) -> Self {
        self.item = item;
        self
    }

    /// The 1-based line of a multi-line cell.
    pub fn line(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }

    /// An error here, its message prefixed with the place.
    pub fn diagnostic(&self, message: Text, hint: Option<Text>) -> Diagnostic {
        let place = self.place();
        let message = Text {
            en: format!("{}: {}", place.en, message.en),
            fr: format!("{} : {}", place.fr, message.fr),
        };
        let mut d = Diagnostic::error(self.file, message).hint_opt(hint);
        d.line = self.row;
        d.field = self.column.as_ref().map(|(_, name)| name.clone());
        d
    }

    /// A remark about this place (not a problem): the message prefixed
    /// with the place.
    pub fn note(&self, message: Text) -> Text {
        let place = self.place();
        Text {
            en: format!("{}: {}", place.en, message.en),
            fr: format!("{} : {}", place.fr, message.fr),
        }
    }

    /// `row 3, column E (`kind`), item 2`.
    fn place(&self) -> Text {
        let row = self.row;
        let mut place = text!("row {row}", "ligne {row}");
        match &self.column {
            Some((Some(letter), name)) => append(
                &mut place,
                text!(
                    ", column {letter} (`{name}`)",
                    ", colonne {letter} (`{name}`)"
                ),
            ),
            Some((None, name)) => append(
                &mut place,
                text!(
                    ", column `{name}` (not in the spreadsheet)",
                    ", colonne `{name}` (absente du tableau)"
                ),
            ),
            None => {}
        }
        if let Some(item) = self.item.map(|i| i + 1) {
            append(&mut place, text!(", item {item}", ", élément {item}"));
        }
        if let Some(line) = self.line {
            append(
                &mut place,
                text!(", line {line} of the text", ", ligne {line} du texte"),
            );
        }
        place
    }
}

/// The letter a spreadsheet gives the column at `index` (0 → `A`, 26 →
/// `AA`).
pub fn letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

fn append(text: &mut Text, more: Text) {
    text.en.push_str(&more.en);
    text.fr.push_str(&more.fr);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::MessageLang;

    #[test]
    fn a_cell_is_named_by_row_letter_and_name_in_both_languages() {
        let d = CellRef::new(Path::new("p.csv"), 3)
            .column(15, "members")
            .item(Some(1))
            .diagnostic(
                text!("unknown institution `x`", "établissement inconnu `x`"),
                None,
            );
        assert_eq!(
            d.message.en,
            "row 3, column P (`members`), item 2: unknown institution `x`"
        );
        assert_eq!(
            d.message.fr,
            "ligne 3, colonne P (`members`), élément 2 : établissement inconnu `x`"
        );
        let shown = d.render(MessageLang::En);
        assert!(shown.contains("--> p.csv:3 (field `members`)"), "{shown}");
    }

    #[test]
    fn letters_as_a_spreadsheet_shows_them() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(38), "AM");
        assert_eq!(letter(701), "ZZ");
        assert_eq!(letter(702), "AAA");
    }
}
