//! Splitting a Markdown file into its YAML front matter and its body,
//! with the line on which each starts, so that every later problem points
//! at the file's own line.

use super::file::SourceFile;
use crate::diagnostics::Diagnostic;
use crate::text;

/// A Markdown file split into its YAML front matter and its body.
#[derive(Debug, Clone)]
pub struct FrontMatter<'a> {
    pub yaml: &'a str,
    /// The line of the file on which the YAML starts (1-based).
    pub yaml_line: usize,
    pub body: &'a str,
    /// The line of the file on which the body starts (1-based).
    pub body_line: usize,
}

/// Splits `---\nyaml\n---\nbody`.
pub fn split_front_matter(file: &SourceFile) -> Result<FrontMatter<'_>, Diagnostic> {
    let text = file.text.as_str();
    if text.trim().is_empty() {
        return Err(Diagnostic::error(
            &file.rel,
            text!("this file is empty", "ce fichier est vide"),
        )
        .hint(text!(
            "start it with front matter between two `---` lines (title, summary…), then the text",
            "commencez-le par l'en-tête entre deux lignes `---` (title, summary…), puis le texte",
        )));
    }
    let Some(rest) = text.strip_prefix("---\n").or_else(|| {
        text.strip_prefix("---")
            .filter(|r| r.trim_start_matches([' ', '\t']).starts_with('\n'))
            // Only the newline of the `---` line: blank lines after it
            // belong to the YAML, and keep the line numbers right.
            .map(|r| &r.trim_start_matches([' ', '\t'])[1..])
    }) else {
        return Err(Diagnostic::error(
            &file.rel,
            text!(
                "the file does not start with front matter",
                "le fichier ne commence pas par l'en-tête (front matter)"
            ),
        )
        .at(text, 1, 1)
        .hint(text!(
            "the first line must be `---`, followed by the fields, then another `---` line",
            "la première ligne doit être `---`, suivie des champs, puis d'une autre ligne `---`",
        )));
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let yaml_lines = yaml.matches('\n').count();
            return Ok(FrontMatter {
                yaml,
                yaml_line: 2,
                body,
                body_line: 3 + yaml_lines,
            });
        }
        offset += line.len();
    }
    Err(not_closed(file))
}

/// Front matter without its closing `---` line.
fn not_closed(file: &SourceFile) -> Diagnostic {
    let text = file.text.as_str();
    let error = Diagnostic::error(
        &file.rel,
        text!(
            "the front matter is not closed",
            "l'en-tête (front matter) n'est pas fermé"
        ),
    );
    // Point at the first line that reads like text rather than a field:
    // that is where the closing `---` is missing.
    match first_text_line(text) {
        Some(line) => error.at(text, line, 1).hint(text!(
            "this line looks like the start of the text: add a line with only `---` just before it",
            "cette ligne semble être le début du texte : ajoutez juste avant une ligne contenant seulement `---`"
        )),
        None => error.at(text, 1, 1).hint(text!(
            "add a line with only `---` after the last field, before the text",
            "ajoutez une ligne contenant seulement `---` après le dernier champ, avant le texte"
        )),
    }
}

/// The 1-based number of the first line after the opening `---` that is
/// neither a `field:` line, nor indented, nor a list item, nor a comment.
fn first_text_line(text: &str) -> Option<usize> {
    let is_field = |line: &str| {
        line.split_once(':').is_some_and(|(key, _)| {
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        })
    };
    text.lines().enumerate().skip(1).find_map(|(i, line)| {
        let looks_like_yaml =
            line.trim().is_empty() || line.starts_with([' ', '\t', '-', '#']) || is_field(line);
        (!looks_like_yaml).then_some(i + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::file::partnership_file as file;

    #[test]
    fn front_matter_is_split_with_line_numbers() {
        let f = file("---\ntitle: A\nkind: x\n---\nBody\n");
        let fm = split_front_matter(&f).unwrap();
        assert_eq!(fm.yaml, "title: A\nkind: x\n");
        assert_eq!(fm.body, "Body\n");
        assert_eq!(fm.body_line, 5);
        // Regression: blank lines after a `---` with trailing spaces were
        // dropped, and every line number after them was off.
        let f = file("---  \n\n\ntitle: A\n---\nBody\n");
        let fm = split_front_matter(&f).unwrap();
        assert_eq!((fm.yaml_line, fm.body_line), (2, 6));
        assert_eq!(fm.yaml, "\n\ntitle: A\n");
    }

    #[test]
    fn front_matter_errors() {
        let cases = [
            ("", "this file is empty"),
            ("title: A\n", "the file does not start with front matter"),
            ("---\ntitle: A\nBody\n", "the front matter is not closed"),
        ];
        for (text, expected) in cases {
            let err = split_front_matter(&file(text)).unwrap_err();
            assert_eq!(err.message.en, expected, "{text:?}");
        }
    }
}
