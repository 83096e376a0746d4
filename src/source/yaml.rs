//! YAML in plain words: serde and libyaml errors turned into bilingual
//! diagnostics that point at the file's own line, and finding where a value
//! is written once serde's positions are gone.
//!
//! The readers are communications staff, not programmers: "expected a
//! number, found the text `15 000 €`" rather than "invalid type: string".
//! Kept apart from reading files because it is a vocabulary of its own,
//! tied to the words of serde_yaml's messages.

use serde::de::DeserializeOwned;

use super::file::SourceFile;
use super::mistakes;
use super::nesting::scan;
use super::serde_words::explain_serde_message;
use crate::diagnostics::{Diagnostic, Text};
use crate::text;
use crate::types::limits::MAX_DEPTH;

/// Deserialises YAML, turning a serde error into a diagnostic that points
/// at the file's own line (`first_line` is where the YAML starts).
pub fn parse_yaml<T: DeserializeOwned>(
    file: &SourceFile,
    yaml: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    let (deep, control) = scan(yaml);
    if let Some((line, column)) = deep {
        return Err(too_deep_diagnostic(file, first_line + line - 1, column));
    }
    if let Some((line, column)) = control {
        return Err(escaped_control(file, first_line + line - 1, column));
    }
    serde_yaml::from_str(yaml).map_err(|e| yaml_diagnostic(file, yaml, &e, first_line))
}

/// A control character written as an escape in a double-quoted text.
fn escaped_control(file: &SourceFile, line: usize, column: usize) -> Diagnostic {
    Diagnostic::error(
        &file.rel,
        text!(
            "this escape writes an invisible control character into the text",
            "cet échappement écrit un caractère de contrôle invisible dans le texte"
        ),
    )
    .hint(text!(
        "remove it: a text may hold line breaks (`\\n`) and tabs (`\\t`), no other control character",
        "retirez-le : un texte peut contenir des retours à la ligne (`\\n`) et des tabulations (`\\t`), aucun autre caractère de contrôle"
    ))
    .at(&file.text, line, column)
}

/// YAML nested deeper than [`MAX_DEPTH`] levels, at the line and column
/// where it goes too deep.
fn too_deep_diagnostic(file: &SourceFile, line: usize, column: usize) -> Diagnostic {
    Diagnostic::error(
        &file.rel,
        text!(
            "the YAML nests more than {MAX_DEPTH} levels deep here",
            "le YAML s'imbrique ici sur plus de {MAX_DEPTH} niveaux"
        ),
    )
    .hint(text!(
        "close the brackets `[` and `{{` that are open, or indent less: a catalogue's fields nest a few levels at most",
        "fermez les crochets `[` et accolades `{{` ouverts, ou indentez moins : les champs d'un catalogue s'imbriquent sur quelques niveaux au plus"
    ))
    .at(&file.text, line, column)
}

fn yaml_diagnostic(
    file: &SourceFile,
    yaml: &str,
    error: &serde_yaml::Error,
    first_line: usize,
) -> Diagnostic {
    let shown = error.to_string();
    let mut e = YamlError::new(&shown, error, first_line);
    // The editor's own mistake, where one explains the library's error.
    if let Some(m) = mistakes::explain(yaml, first_line, e.position.map(|p| p.0)) {
        let field = top_level_key(&file.text, m.line);
        let diagnostic = Diagnostic::error(&file.rel, m.message)
            .hint(m.hint)
            .at(&file.text, m.line, m.column);
        return match field {
            Some(field) => diagnostic.field(field),
            None => diagnostic,
        };
    }
    let (message, hint) = e.explain(file);
    let mut diagnostic = Diagnostic::error(&file.rel, message).hint_opt(hint);
    if let Some(field) = e.field {
        diagnostic = diagnostic.field(field);
    }
    match e.position {
        Some((line, column)) => diagnostic.at(&file.text, line, column),
        None => diagnostic,
    }
}

/// A serde_yaml error taken apart: its words, then the field and the
/// position the diagnostic points at, which explaining it may correct.
struct YamlError<'a> {
    /// The message without its position and field path.
    message: &'a str,
    /// libyaml's `while parsing X at line L column C`, if any.
    context: Option<&'a str>,
    field: Option<String>,
    /// A (line, column) of the file, 1-based.
    position: Option<(usize, usize)>,
    /// The line of the file on which the YAML starts.
    first_line: usize,
}

impl<'a> YamlError<'a> {
    fn new(shown: &'a str, error: &serde_yaml::Error, first_line: usize) -> Self {
        // libyaml writes `problem at line L column C, while parsing X at line L column C`.
        let (head, context) = match shown.split_once(", while ") {
            Some((head, context)) => (head, Some(context)),
            None => (shown, None),
        };
        let message = head.find(" at line ").map_or(head, |i| &head[..i]);
        // serde_yaml prefixes messages with the field path (`members[1]: …`).
        let (field, message) = match message.split_once(": ") {
            Some((path, rest)) if is_field_path(path) => (Some(path.to_string()), rest),
            _ => (None, message),
        };
        let position = error
            .location()
            .map(|loc| (first_line + loc.line() - 1, loc.column()));
        YamlError {
            message,
            context,
            field,
            position,
            first_line,
        }
    }

    /// The message and hint in plain words; corrects the field and the
    /// position where the error's own are not the reader's.
    fn explain(&mut self, file: &SourceFile) -> (Text, Option<Text>) {
        let message = self.message;
        let named_field = unknown_field_name(message).or_else(|| {
            message
                .strip_prefix("missing field `")
                .and_then(|r| r.strip_suffix('`'))
        });
        if let Some(name) = named_field {
            // The path names the field's parent; add the field itself.
            self.field = Some(match self.field.take() {
                Some(parent) => format!("{parent}.{name}"),
                None => name.to_string(),
            });
            explain_serde_message(message)
        } else if let Some(name) = message
            .strip_prefix("duplicate field `")
            .and_then(|r| r.strip_suffix('`'))
        {
            // serde gives no position for a repeated field: find its second line.
            self.position = second_key_line(&file.text, self.first_line, name).or(self.position);
            self.field = self.field.take().or_else(|| Some(name.to_string()));
            (
                text!("`{name}` is written twice", "`{name}` est écrit deux fois"),
                Some(text!(
                    "keep only one `{name}:` line",
                    "gardez une seule ligne `{name}:`"
                )),
            )
        } else if self.position.is_some() && self.field.is_none() && is_syntax_error(message) {
            self.explain_syntax(file)
        } else {
            explain_serde_message(message)
        }
    }

    /// An error of the YAML parser: points at where the reader must look
    /// and names the top-level field of that line.
    fn explain_syntax(&mut self, file: &SourceFile) -> (Text, Option<Text>) {
        if self.message.contains("alphabetic or numeric") {
            // An alias (`*x`) or anchor (`&x`): the reader wrote the `*`.
            self.position = self.position.map(|(l, c)| (l, c.saturating_sub(1).max(1)));
        }
        let found = self
            .position
            .and_then(|(line, column)| rest_of_line(&file.text, line, column));
        let mut syntax = yaml_syntax_message(self.message, self.context.unwrap_or(""), found);
        let layout = [
            "did not find expected key",
            "expected '-' indicator",
            "block end",
        ];
        if layout.iter().any(|l| self.message.contains(l)) {
            let indented = self
                .position
                .and_then(|(line, _)| mistakes::misindented(&file.text, line));
            if let Some((message, hint)) = indented {
                (syntax.message, syntax.hint) = (message, Some(hint));
            }
        }
        if syntax.at_context {
            if let Some((line, column)) = self.context.and_then(parse_position) {
                self.position = Some((self.first_line + line - 1, column));
            }
        }
        self.field = self
            .position
            .and_then(|(line, _)| top_level_key(&file.text, line));
        (syntax.message, syntax.hint)
    }
}

/// The field a line of a YAML mapping sets, when it is not indented.
fn top_level_key(text: &str, line: usize) -> Option<String> {
    let (key, _) = text.lines().nth(line.checked_sub(1)?)?.split_once(':')?;
    let is_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    is_key.then(|| key.to_string())
}

fn unknown_field_name(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    Some(&rest[..rest.find('`')?])
}

/// `… at line 3 column 8` → (3, 8).
fn parse_position(text: &str) -> Option<(usize, usize)> {
    let rest = &text[text.find(" at line ")? + " at line ".len()..];
    let (line, column) = rest.split_once(" column ")?;
    let column: String = column.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

/// The text of `line` from `column` on (both 1-based), trimmed.
fn rest_of_line(text: &str, line: usize, column: usize) -> Option<String> {
    let line = text.lines().nth(line.checked_sub(1)?)?;
    let rest: String = line.chars().skip(column.checked_sub(1)?).collect();
    Some(rest.trim().to_string()).filter(|r| !r.is_empty())
}

/// The second line of `text` (from `first_line` on) that sets `key`.
fn second_key_line(text: &str, first_line: usize, key: &str) -> Option<(usize, usize)> {
    text.lines()
        .enumerate()
        .skip(first_line - 1)
        .filter_map(|(i, line)| {
            let trimmed = line.trim_start().trim_start_matches("- ");
            let rest = trimmed.strip_prefix(key)?;
            rest.trim_start()
                .starts_with(':')
                .then(|| (i + 1, line.len() - trimmed.len() + 1))
        })
        .nth(1)
}

/// Messages of the YAML parser itself, as opposed to serde's.
fn is_syntax_error(message: &str) -> bool {
    ![
        "invalid type",
        "invalid value",
        "invalid length",
        "unknown field",
        "unknown variant",
        "missing field",
        "expected a date",
    ]
    .iter()
    .any(|p| message.starts_with(p))
}

fn is_field_path(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-.[]".contains(c))
}

/// A YAML syntax error in plain words.
struct SyntaxMessage {
    message: Text,
    hint: Option<Text>,
    /// Point at where the parser's context began (an opening quote or
    /// bracket) rather than where it gave up.
    at_context: bool,
}

impl SyntaxMessage {
    fn plain((message, hint): (Text, Text)) -> Self {
        SyntaxMessage {
            message,
            hint: Some(hint),
            at_context: false,
        }
    }
}

/// The parser's messages (libyaml's words) reworded for people who do not
/// know YAML's vocabulary; an unknown one is kept in its words.
fn yaml_syntax_message(message: &str, context: &str, found: Option<String>) -> SyntaxMessage {
    if message.contains("mapping values are not allowed") {
        return SyntaxMessage::plain((
            text!("unexpected `:` in a value", "`:` inattendu dans une valeur"),
            text!(
                "a text containing `: ` must be put in quotes: `summary: \"Erasmus+ : mobilités\"`; otherwise, check the indentation of this line",
                "un texte qui contient `: ` doit être mis entre guillemets : `summary: \"Erasmus+ : mobilités\"` ; sinon, vérifiez l'indentation de cette ligne"
            ),
        ));
    }
    if let Some(unclosed) = unclosed(message, context) {
        return SyntaxMessage {
            at_context: true,
            ..SyntaxMessage::plain(unclosed)
        };
    }
    let reserved = [
        "cannot start any token",
        "unknown anchor",
        "alphabetic or numeric",
    ];
    if reserved.iter().any(|r| message.contains(r)) {
        return SyntaxMessage::plain(needs_quotes(found));
    }
    if let Some(layout) = bad_layout(message) {
        return SyntaxMessage::plain(layout);
    }
    // Any other message of the parser: where it stopped, in our words.
    SyntaxMessage::plain((
        text!(
            "this line cannot be read: its layout is not that of a `field: value` line or a list item",
            "cette ligne ne peut pas être lue : elle n'a pas la forme d'une ligne `champ: valeur` ni d'un élément de liste"
        ),
        check_line(),
    ))
}

fn check_line() -> Text {
    text!(
        "check the indentation and the brackets or quotes on this line and the one before",
        "vérifiez l'indentation et les crochets ou guillemets de cette ligne et de la précédente"
    )
}

/// A quote or bracket that is never closed: the reader must look where it
/// opens, not where the parser gave up.
fn unclosed(message: &str, context: &str) -> Option<(Text, Text)> {
    if context.starts_with("scanning a quoted scalar") {
        return Some((
            text!("this quote is never closed", "ce guillemet n'est jamais fermé"),
            text!(
                "end the text with the same quote it starts with; to write `\"` inside a text, put the text in single quotes",
                "terminez le texte par le même guillemet qu'au début ; pour écrire `\"` dans un texte, mettez le texte entre apostrophes"
            ),
        ));
    }
    for (closing, opening) in [("']'", '['), ("'}'", '{')] {
        if message.contains(&format!("expected ',' or {closing}")) {
            let closing = closing.trim_matches('\'');
            return Some((
                text!(
                    "this `{opening}` is not closed by a `{closing}`",
                    "ce `{opening}` n'est pas fermé par un `{closing}`"
                ),
                text!(
                    "close it on the same line, and separate the items with commas",
                    "fermez-le sur la même ligne, et séparez les éléments par des virgules"
                ),
            ));
        }
    }
    None
}

/// A value starting with a character that YAML reserves (`@`, `` ` ``,
/// `*`…): `found` is the rest of the line from there.
fn needs_quotes(found: Option<String>) -> (Text, Text) {
    let value = found.unwrap_or_else(|| "?".to_string());
    let c = value.chars().next().unwrap_or('?');
    let quoted = value.replace('"', "\\\"");
    (
        text!(
            "a value cannot start with `{c}` unless it is in quotes",
            "une valeur ne peut pas commencer par `{c}` sans guillemets"
        ),
        text!(
            "put the whole value in quotes: `\"{quoted}\"`",
            "mettez toute la valeur entre guillemets : `\"{quoted}\"`"
        ),
    )
}

/// A line that does not fit the indentation or the shape around it.
fn bad_layout(message: &str) -> Option<(Text, Text)> {
    if message.contains("tab character") {
        return Some((
            text!(
                "a tab is used to indent this line",
                "une tabulation sert à indenter cette ligne"
            ),
            text!(
                "indent with spaces only",
                "indentez uniquement avec des espaces"
            ),
        ));
    }
    if message.contains("did not find expected key") {
        return Some((
            text!(
                "this line does not fit: it is not a `field: value` line, or text follows a closing quote",
                "cette ligne ne s'insère pas : ce n'est pas une ligne `champ: valeur`, ou du texte suit un guillemet fermant"
            ),
            text!(
                "check the indentation and the quotes; an apostrophe inside a text in single quotes is written twice: `'l''enfance'`",
                "vérifiez l'indentation et les guillemets ; une apostrophe dans un texte entre apostrophes s'écrit deux fois : `'l''enfance'`"
            ),
        ));
    }
    if message.contains("did not find expected '-' indicator") {
        return Some((
            text!(
                "this line is not indented like the list items around it",
                "cette ligne n'est pas indentée comme les éléments de liste qui l'entourent"
            ),
            check_line(),
        ));
    }
    None
}

/// Finds where `value` is written in a YAML text, preferring a line that
/// also names `key`; returns a 1-based (line, column) relative to the text.
/// Resolution errors (an unknown id) are found after parsing, when serde's
/// positions are gone; the written value is what the reader must fix.
pub fn locate(yaml: &str, key: &str, value: &str) -> Option<(usize, usize)> {
    // A value on a line without its key is looked for from the key's line
    // on: the items of a list written one a line.
    let key_line = yaml
        .lines()
        .position(|l| {
            l.trim_start()
                .trim_start_matches("- ")
                .starts_with(&format!("{key}:"))
        })
        .unwrap_or(0);
    let find = |must_have_key: bool| {
        let from = if must_have_key { 0 } else { key_line };
        yaml.lines().enumerate().skip(from).find_map(|(i, line)| {
            let code = line.split(" #").next().unwrap_or(line);
            if must_have_key && !code.contains(key) {
                return None;
            }
            let start = if must_have_key { code.find(key)? } else { 0 };
            let col = find_token(&code[start..], value)? + start;
            Some((i + 1, code[..col].chars().count() + 1))
        })
    };
    find(true)
        .or_else(|| find(false))
        .or_else(|| {
            // Neither after its key: anywhere.
            yaml.lines().enumerate().find_map(|(i, line)| {
                let col = find_token(line, value)?;
                Some((i + 1, line[..col].chars().count() + 1))
            })
        })
        .or_else(|| {
            yaml.lines()
                .enumerate()
                .find(|(_, l)| l.trim_start().starts_with(&format!("{key}:")))
                .map(|(i, l)| (i + 1, l.len() - l.trim_start().len() + 1))
        })
}

/// The byte index of `token` in `line` as a whole word.
fn find_token(line: &str, token: &str) -> Option<usize> {
    if token.is_empty() {
        return None;
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    line.match_indices(token).map(|(i, _)| i).find(|&i| {
        let before = line[..i].chars().next_back();
        let after = line[i + token.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::file::partnership_file as file;

    #[test]
    fn locate_prefers_the_line_with_the_key() {
        let yaml = "title: helmo\nmembers:\n  - {institution: helmo, role: partner}\n";
        assert_eq!(locate(yaml, "institution", "helmo"), Some((3, 19)));
        assert_eq!(locate(yaml, "members", "nothing"), Some((2, 1)));
        let listed = "title: France et Québec\ncountries:\n  - France\n  - Québec\n";
        assert_eq!(locate(listed, "countries", "Québec"), Some((4, 5)));
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            title: String,
        }
        let f = file("---\ntitel: A\n---\n");
        let err = parse_yaml::<T>(&f, "titel: A\n", 2).unwrap_err();
        assert_eq!(err.message.en, "unknown field `titel`");
        assert_eq!(
            err.hint.map(|h| h.en).as_deref(),
            Some("did you mean `title`?")
        );
        assert_eq!((err.line, err.column), (2, 1));
    }
}
