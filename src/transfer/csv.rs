//! CSV as RFC 4180 and spreadsheets write it: a delimiter between cells
//! (`;` by default, as a French spreadsheet writes it), cells holding the
//! delimiter, a quote or a line break between double quotes, a quote inside
//! them doubled. Reading also takes a BOM, CRLF or LF line endings, and
//! finds the delimiter from the header line.
//!
//! Records are numbered as a spreadsheet shows its rows (the header is row
//! 1): a cell holding line breaks is one row, not several lines.
//!
//! The outer layer of both directions: `export.rs` writes its rows with
//! it, `plan_import` (`mod.rs`) parses the spreadsheet with it first.

use crate::diagnostics::Text;
use crate::text;

/// One row of the file: its number as a spreadsheet shows it, its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub row: usize,
    pub cells: Vec<String>,
}

/// A file that is not CSV, at the row where the problem starts.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    pub row: usize,
    pub message: Text,
    pub hint: Text,
}

/// The delimiter of the header line: the most frequent of `;`, `,` and a
/// tab outside quotes (`;` if none or a tie).
pub fn detect_delimiter(text: &str) -> char {
    let mut counts = [(';', 0), (',', 0), ('\t', 0)];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            _ if !quoted => {
                if let Some(entry) = counts.iter_mut().find(|(d, _)| *d == c) {
                    entry.1 += 1;
                }
            }
            _ => {}
        }
    }
    let best = counts.iter().max_by_key(|(_, n)| *n).copied();
    match best {
        Some((d, n)) if n > counts[0].1 => d,
        _ => ';',
    }
}

/// The records of `text` (a leading BOM is skipped).
pub fn parse(text: &str, delimiter: char) -> Result<Vec<Record>, SyntaxError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut started = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let row = records.len() + 1;
        match c {
            '"' if cell.is_empty() => {
                quoted(&mut chars, &mut cell, row)?;
                after_quote(chars.peek().copied(), delimiter, row)?;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                cells.push(std::mem::take(&mut cell));
                let cells = std::mem::take(&mut cells);
                records.push(Record { row, cells });
                started = false;
                continue;
            }
            c if c == delimiter => cells.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
        started = true;
    }
    if started {
        cells.push(cell);
        let row = records.len() + 1;
        records.push(Record { row, cells });
    }
    Ok(records)
}

/// Reads a quoted cell after its opening quote, up to its closing one.
/// Line breaks inside it are kept, as LF.
fn quoted(
    chars: &mut std::iter::Peekable<std::str::Chars>,
    cell: &mut String,
    row: usize,
) -> Result<(), SyntaxError> {
    while let Some(c) = chars.next() {
        match c {
            '"' if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' => return Ok(()),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                cell.push('\n');
            }
            c => cell.push(c),
        }
    }
    Err(SyntaxError {
        row,
        message: text!(
            "a cell of this row opens a quote (`\"`) that is never closed",
            "une cellule de cette ligne ouvre un guillemet (`\"`) qui n'est jamais fermé"
        ),
        hint: text!(
            "a quoted cell ends with a `\"`; a quote inside it is written twice (`\"\"`)",
            "une cellule entre guillemets se termine par un `\"` ; un guillemet à l'intérieur s'écrit deux fois (`\"\"`)"
        ),
    })
}

/// After a closing quote comes the delimiter, the end of the row or of the
/// file.
fn after_quote(next: Option<char>, delimiter: char, row: usize) -> Result<(), SyntaxError> {
    match next {
        None | Some('\r' | '\n') => Ok(()),
        Some(c) if c == delimiter => Ok(()),
        Some(c) => Err(SyntaxError {
            row,
            message: text!(
                "after the closing quote of a cell, expected `{delimiter}` or the end of the row; found `{c}`",
                "après le guillemet fermant d'une cellule, attendu : `{delimiter}` ou la fin de la ligne ; trouvé : `{c}`"
            ),
            hint: text!(
                "a quote inside a quoted cell is written twice (`\"\"`)",
                "un guillemet à l'intérieur d'une cellule entre guillemets s'écrit deux fois (`\"\"`)"
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::text::write_csv_row as write_row;

    fn cells(text: &str, delimiter: char) -> Vec<Vec<String>> {
        parse(text, delimiter)
            .unwrap()
            .into_iter()
            .map(|r| r.cells)
            .collect()
    }

    #[test]
    fn rows_written_are_read_back() {
        let rows = vec![
            vec!["key".to_string(), "body_fr".to_string(), String::new()],
            vec!["a;b".into(), "line 1\nline \"2\"".into(), "x".into()],
        ];
        let mut out = String::from("\u{feff}");
        for row in &rows {
            write_row(&mut out, row, ';');
        }
        assert_eq!(cells(&out, ';'), rows);
        let records = parse(&out, ';').unwrap();
        assert_eq!(records[1].row, 2);
    }

    #[test]
    fn crlf_lf_and_a_missing_last_line_break() {
        let expected = vec![vec!["a", "b"], vec!["c", ""], vec!["", "d\ne"]];
        let text = "a,b\r\nc,\r\n,\"d\r\ne\"";
        assert_eq!(cells(text, ','), expected);
        assert_eq!(cells("a,b\nc,\n,\"d\ne\"\n", ','), expected);
    }

    #[test]
    fn the_delimiter_is_found_in_the_header() {
        assert_eq!(detect_delimiter("key;title_fr;\"a,b\"\n1,2,3,4"), ';');
        assert_eq!(detect_delimiter("\u{feff}key,title_fr,summary_fr"), ',');
        assert_eq!(detect_delimiter("key\ttitle_fr"), '\t');
        assert_eq!(detect_delimiter("key"), ';');
    }

    #[test]
    fn broken_quotes_name_their_row() {
        let err = parse("key\n\"a\nb\n", ';').unwrap_err();
        assert_eq!(err.row, 2);
        let err = parse("key\nx\n\"a\"b\n", ';').unwrap_err();
        assert_eq!(err.row, 3);
        assert!(err.message.en.contains("found `b`"), "{}", err.message.en);
    }
}
