//! The text of a CSV file in the encodings spreadsheets save it in: UTF-8
//! with or without a BOM ("CSV UTF-8"), UTF-16 with its BOM ("Unicode
//! text"), and Windows-1252, which French Excel writes for "CSV (séparateur
//! : point-virgule)" and which covers ISO-8859-1 (Latin-1) as every reader
//! of the web does. Decoding is done by `encoding_rs`.
//!
//! Nothing is guessed in a way that could corrupt accents: a file that
//! mixes UTF-8 with another encoding, or holds bytes that no text holds
//! (control characters, bytes Windows-1252 leaves undefined, a ZIP
//! archive), is refused at its first such byte.
//!
//! The first step of reading a CSV (`read.rs`), before `csv::parse`.

use std::path::Path;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

use crate::diagnostics::{Diagnostic, Text};
use crate::text;

/// The text of a file, and the sentence saying how it was read.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub read_as: Text,
}

/// Decodes the bytes of `file`; the error names the line and column of
/// the first byte that cannot be text.
pub fn decode(file: &Path, bytes: &[u8]) -> Result<Decoded, Diagnostic> {
    let shown = crate::diagnostics::display_path(file);
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let rest = &bytes[bom..];
        let (text, failed) = encoding.decode_without_bom_handling(rest);
        if failed {
            let at = first_invalid(rest, encoding).unwrap_or(0);
            return Err(not_text(file, bytes, bom + at, encoding.name()));
        }
        let name = if encoding == UTF_8 {
            "UTF-8 (BOM)"
        } else {
            encoding.name()
        };
        return Ok(Decoded {
            text: text.into_owned(),
            read_as: text!(
                "read `{shown}` as {name} text",
                "`{shown}` lu comme du texte {name}"
            ),
        });
    }
    let invalid = match std::str::from_utf8(bytes) {
        Ok(text) => {
            if let Some(at) = text.find(is_not_text) {
                return Err(not_text(file, bytes, at, "UTF-8"));
            }
            return Ok(Decoded {
                text: text.to_string(),
                read_as: text!(
                    "read `{shown}` as UTF-8 text",
                    "`{shown}` lu comme du texte UTF-8"
                ),
            });
        }
        Err(e) => e.valid_up_to(),
    };
    if has_utf8_sequence(bytes) {
        return Err(mixed(file, bytes, invalid));
    }
    if let Some(at) = bytes.iter().position(|&b| undefined_in_1252(b)) {
        return Err(not_text(file, bytes, at, "Windows-1252"));
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        read_as: text!(
            "read `{shown}` as Windows-1252 (Western European) text, the encoding of Excel's \"CSV (semicolon delimited)\"",
            "`{shown}` lu comme du texte Windows-1252 (Europe occidentale), l'encodage du « CSV (séparateur : point-virgule) » d'Excel"
        ),
    })
}

/// A character no spreadsheet writes in a CSV: control characters other
/// than the tab and the line breaks.
fn is_not_text(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r') && !('\u{80}'..='\u{9f}').contains(&c)
        || c == '\u{0}'
}

/// Bytes that no Windows-1252 text holds: control characters, and the
/// five bytes the encoding leaves undefined.
fn undefined_in_1252(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0b | 0x0c | 0x0e..=0x1f | 0x7f | 0x81 | 0x8d | 0x8f | 0x90 | 0x9d)
}

/// Whether the bytes hold a well-formed multi-byte UTF-8 sequence (an
/// accented letter written as UTF-8).
fn has_utf8_sequence(bytes: &[u8]) -> bool {
    bytes.windows(2).enumerate().any(|(i, w)| {
        let len = match w[0] {
            0xc2..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf4 => 4,
            _ => return false,
        };
        bytes
            .get(i..i + len)
            .is_some_and(|s| std::str::from_utf8(s).is_ok())
    })
}

/// The offset of the first byte `encoding` cannot decode.
fn first_invalid(bytes: &[u8], encoding: &'static Encoding) -> Option<usize> {
    if encoding == UTF_8 {
        return std::str::from_utf8(bytes).err().map(|e| e.valid_up_to());
    }
    let unit = if encoding == UTF_16LE || encoding == UTF_16BE {
        2
    } else {
        1
    };
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 2);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(len, _) => {
            Some(read.saturating_sub(usize::from(len)) / unit * unit)
        }
        _ => None,
    }
}

/// The line (1-based) and column (1-based, in characters as far as they
/// can be read) of the byte at `at`.
fn line_and_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = 1 + String::from_utf8_lossy(&before[start..]).chars().count();
    (line, column)
}

fn located(file: &Path, bytes: &[u8], at: usize, message: Text) -> Diagnostic {
    let (line, column) = line_and_column(bytes, at);
    let byte = bytes.get(at).copied().unwrap_or(0);
    let message = Text {
        en: format!(
            "line {line}, column {column} (byte 0x{byte:02X}): {}",
            message.en
        ),
        fr: format!(
            "ligne {line}, colonne {column} (octet 0x{byte:02X}) : {}",
            message.fr
        ),
    };
    let mut d = Diagnostic::error(file, message);
    d.line = line;
    d
}

fn not_text(file: &Path, bytes: &[u8], at: usize, encoding: &str) -> Diagnostic {
    let zip = bytes.starts_with(b"PK\x03\x04");
    let hint = if zip {
        text!(
            "this looks like a workbook (.xlsx or .ods) whose name ends in .csv: give it its real extension, `import` reads it as it is",
            "cela ressemble à un classeur (.xlsx ou .ods) dont le nom finit par .csv : redonnez-lui sa vraie extension, `import` le lit tel quel"
        )
    } else {
        save_as_hint()
    };
    located(
        file,
        bytes,
        at,
        text!(
            "this file is not text in {encoding}, UTF-8 or Windows-1252",
            "ce fichier n'est pas du texte en {encoding}, UTF-8 ou Windows-1252"
        ),
    )
    .hint(hint)
}

fn mixed(file: &Path, bytes: &[u8], at: usize) -> Diagnostic {
    located(
        file,
        bytes,
        at,
        text!(
            "this file mixes UTF-8 with another encoding: its accents cannot be read without a guess",
            "ce fichier mélange l'UTF-8 et un autre encodage : ses accents ne peuvent pas être lus sans deviner"
        ),
    )
    .hint(save_as_hint())
}

fn save_as_hint() -> Text {
    text!(
        "open it in the spreadsheet, check the accents, and save it again as \"CSV UTF-8\" (LibreOffice: Save as → Text CSV, character set Unicode (UTF-8)), or save the workbook as .xlsx",
        "ouvrez-le dans le tableur, vérifiez les accents et enregistrez-le à nouveau au format « CSV UTF-8 » (LibreOffice : Enregistrer sous → Texte CSV, jeu de caractères Unicode (UTF-8)), ou enregistrez le classeur en .xlsx"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<Decoded, Diagnostic> {
        decode(Path::new("p.csv"), bytes)
    }

    #[test]
    fn the_encodings_spreadsheets_save() {
        let utf8 = read("key;title_fr\nx;Été\n".as_bytes()).unwrap();
        assert_eq!(utf8.text, "key;title_fr\nx;Été\n");
        assert!(utf8.read_as.en.contains("as UTF-8 text"));
        let bom = read("\u{feff}key;Été".as_bytes()).unwrap();
        assert_eq!(bom.text, "key;Été");
        assert!(bom.read_as.en.contains("UTF-8 (BOM)"));
        let latin = read(b"key;title_fr\nx;\xc9t\xe9 \x80 \x92\n").unwrap();
        assert_eq!(latin.text, "key;title_fr\nx;Été € ’\n");
        assert!(latin.read_as.en.contains("Windows-1252"));
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("k;É".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(read(&utf16).unwrap().text, "k;É");
    }

    #[test]
    fn what_is_not_text_is_refused_where_it_is() {
        let bytes: Vec<u8> = [&b"key\n"[..], "Été".as_bytes(), b"\n\xe9t\xe9"].concat();
        let e = read(&bytes).unwrap_err();
        assert!(
            e.message.en.starts_with("line 3, column 1"),
            "{}",
            e.message.en
        );
        assert!(e.message.en.contains("mixes UTF-8"));
        let e = read(b"key\nab\x81c").unwrap_err();
        assert!(
            e.message.en.starts_with("line 2, column 3 (byte 0x81)"),
            "{}",
            e.message.en
        );
        assert_eq!(e.line, 2);
        let e = read(b"PK\x03\x04\x14\x00\x00").unwrap_err();
        assert!(e.hint.unwrap().en.contains("real extension"));
        let e = read(b"key\nx\x00y").unwrap_err();
        assert!(
            e.message.en.starts_with("line 2, column 2"),
            "{}",
            e.message.en
        );
    }
}
