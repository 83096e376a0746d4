//! One file of the site read from disk: its bytes decoded as UTF-8 (a BOM
//! dropped, CRLF turned into LF), or a located diagnostic saying why it
//! cannot be read. The first step of the pipeline: every later stage sees
//! clean text.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use memchr::memmem::Finder;

use crate::diagnostics::{display_path, Diagnostic, Text};
use crate::text;

/// A text file of the site, decoded and normalised to LF line endings.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, with `/` separators.
    pub rel: PathBuf,
    pub text: String,
}

/// A partnership file holding `text`, for the tests of this stage.
#[cfg(test)]
pub(crate) fn partnership_file(text: &str) -> SourceFile {
    SourceFile {
        rel: PathBuf::from("content/partnerships/a.fr.md"),
        text: text.to_string(),
    }
}

/// Reads a text file: strips a UTF-8 BOM, turns CRLF into LF, and reports
/// unreadable files and invalid UTF-8 as diagnostics.
pub fn read_text(root: &Path, rel: &Path) -> Result<SourceFile, Diagnostic> {
    let bytes = fs::read(root.join(rel))
        .map_err(|e| Diagnostic::error(rel, unreadable(&root.join(rel), &e)))?;
    decode(rel, bytes)
}

/// The text of the file `rel` from its bytes, as [`read_text`] reads it.
pub fn decode(rel: &Path, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = String::from_utf8_lossy(valid);
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            // Show the whole line, the bad bytes as `�`, so that the word is recognisable.
            let shown = String::from_utf8_lossy(e.as_bytes());
            return Err(Diagnostic::error(rel, text!("this file is not UTF-8 text: the character at this position is written in another encoding", "ce fichier n'est pas du texte UTF-8 : le caractère à cette position est écrit dans un autre encodage"))
                .at(&shown, line, column)
                .hint(text!("save the file with the UTF-8 encoding (in most editors: \"Save with encoding\" → UTF-8)", "enregistrez le fichier avec l'encodage UTF-8 (dans la plupart des éditeurs : « Enregistrer avec l'encodage » → UTF-8)")));
        }
    };
    let mut text = text;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n");
    }
    if let Some(d) = control_characters(rel, &text).or_else(|| separators(rel, &text)) {
        return Err(d);
    }
    Ok(SourceFile {
        rel: rel.to_path_buf(),
        text,
    })
}

/// A file holding control characters (other than tabs and line breaks):
/// invisible, never meant, and harmful where they would go (a NUL in a
/// page, an ill-formed feed, a terminal escape). Located at the first, with
/// how many there are.
fn control_characters(rel: &Path, text: &str) -> Option<Diagnostic> {
    let bad = |c: char| c.is_control() && c != '\n' && c != '\t';
    let at = crate::types::text::find_control(text)?;
    let count = text.chars().filter(|&c| bad(c)).count();
    let c = text[at..].chars().next().map_or(0, u32::from);
    let code = format!("U+{c:04X}");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some(
        Diagnostic::error(
            rel,
            text!(
                "this file holds {count} invisible control character(s), the first here ({code})",
                "ce fichier contient {count} caractère(s) de contrôle invisible(s), le premier ici ({code})"
            ),
        )
        .hint(text!(
            "delete it (it often comes from a copy and paste from a PDF or a terminal); a line break alone written as a carriage return: save the file with ordinary line endings",
            "supprimez-le (il vient souvent d'un copier-coller depuis un PDF ou un terminal) ; un retour chariot seul en guise de fin de ligne : enregistrez le fichier avec des fins de ligne ordinaires"
        ))
        .at(text, line, column),
    )
}

/// A file holding Unicode's line or paragraph separators (U+2028,
/// U+2029), which Pages, Word or a PDF reader paste for a line break: the
/// YAML library takes them for line breaks, Markdown and most editors do
/// not (they show nothing), so the lines of a file would be counted two
/// ways. Refused, located at the first, so that every line number given
/// is the one the editor shows.
fn separators(rel: &Path, text: &str) -> Option<Diagnostic> {
    let is_separator = |c: char| matches!(c, '\u{2028}' | '\u{2029}');
    // Searched as two byte strings, each prepared once (a search for the
    // character would stop at every `é`, which ends with the same byte):
    // this runs over every source file of a build.
    static LINE: LazyLock<Finder> = LazyLock::new(|| Finder::new("\u{2028}"));
    static PARAGRAPH: LazyLock<Finder> = LazyLock::new(|| Finder::new("\u{2029}"));
    let at = [LINE.find(text.as_bytes()), PARAGRAPH.find(text.as_bytes())]
        .into_iter()
        .flatten()
        .min()?;
    let first = text[at..].chars().next().unwrap_or('\u{2028}');
    let found: Vec<char> = text.chars().filter(|&c| is_separator(c)).collect();
    let count = found.len();
    let code = format!("U+{:04X}", u32::from(first));
    let message = if found.iter().any(|&c| c != first) {
        text!(
            "this file holds {count} invisible line or paragraph separator(s), the first here ({code})",
            "ce fichier contient {count} séparateur(s) de ligne ou de paragraphe invisible(s), le premier ici ({code})"
        )
    } else if first == '\u{2028}' {
        text!(
            "this file holds {count} invisible line separator(s), the first here ({code})",
            "ce fichier contient {count} séparateur(s) de ligne invisible(s), le premier ici ({code})"
        )
    } else {
        text!(
            "this file holds {count} invisible paragraph separator(s), the first here ({code})",
            "ce fichier contient {count} séparateur(s) de paragraphe invisible(s), le premier ici ({code})"
        )
    };
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some(
        Diagnostic::error(rel, message)
            .hint(text!(
                "replace it with an ordinary line break (the Enter key) or a space: it comes from a copy and paste (Word, Pages, a PDF), and some programs take it for a line break where others show nothing",
                "remplacez-le par un retour à la ligne ordinaire (touche Entrée) ou par une espace : il vient d'un copier-coller (Word, Pages, un PDF), et certains logiciels le prennent pour un retour à la ligne quand d'autres n'affichent rien"
            ))
            .at(text, line, column),
    )
}

/// Why `path` cannot be read, in words that say what to do about it.
pub fn unreadable(path: &Path, error: &std::io::Error) -> Text {
    use std::io::ErrorKind;
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && !path.exists() {
        let target = fs::read_link(path).map_or_else(|_| "?".into(), |t| display_path(&t));
        return text!(
            "cannot read this file: it is a symbolic link to `{target}`, which does not exist",
            "impossible de lire ce fichier : c'est un lien symbolique vers `{target}`, qui n'existe pas"
        );
    }
    match error.kind() {
        ErrorKind::PermissionDenied => text!(
            "cannot read this file: permission denied (check who may read it)",
            "impossible de lire ce fichier : permission refusée (vérifiez qui a le droit de le lire)"
        ),
        ErrorKind::NotFound => text!(
            "cannot read this file: it disappeared while the site was being read",
            "impossible de lire ce fichier : il a disparu pendant la lecture du site"
        ),
        _ => text!(
            "cannot read this file: {error}",
            "impossible de lire ce fichier : {error}"
        ),
    }
}
