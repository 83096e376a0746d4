//! Texts that `passerelle new` writes for the editor to replace
//! (« TITRE DU PARTENARIAT À REMPLACER », "TEXT TO REPLACE"): found in
//! every content file, they are warnings, and errors with `build
//! --strict`, so that a placeholder is never published without a word.

use crate::diagnostics::Diagnostic;
use crate::text;

/// The words by which `passerelle new` marks the text an editor must write.
const PLACEHOLDER_MARKS: [&str; 2] = ["REMPLACER", "TO REPLACE"];

/// A warning for each line of `file` that still holds a text written by
/// `passerelle new` to be replaced (an error with `build --strict`).
/// Comments are left out: they explain, they are not published.
pub(super) fn placeholders(file: &crate::source::SourceFile) -> Vec<Diagnostic> {
    let text = file.text.as_str();
    if !PLACEHOLDER_MARKS.iter().any(|m| text.contains(m)) {
        return Vec::new();
    }
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with('#'))
        .filter_map(|(i, line)| {
            let at = PLACEHOLDER_MARKS.iter().filter_map(|m| line.find(m)).min()?;
            // The value of a `field: value` line, else the line.
            let value_at = line[..at].find(": ").map_or(0, |i| i + 2);
            let start = value_at + line[value_at..].len() - line[value_at..].trim_start().len();
            let value = line[start..].trim().trim_matches('"');
            let mut shown: String = value.chars().take(60).collect();
            if shown.len() < value.len() {
                shown = format!("{}…", shown.trim_end());
            }
            let column = line[..start].chars().count() + 1;
            Some(
                Diagnostic::warning(
                    &file.rel,
                    text!("text to replace: “{shown}”", "texte à remplacer : « {shown} »"),
                )
                .at(text, i + 1, column)
                .hint(text!(
                    "`passerelle new` wrote this text for you to replace: it would be published as it is (`build --strict` refuses it)",
                    "`passerelle new` a écrit ce texte pour que vous le remplaciez : il serait publié tel quel (`build --strict` le refuse)"
                )),
            )
        })
        .collect()
}
