
/// Deserialises YAML, turning a serde error into a diagnostic that points
/// at the file's own line (`first_line` is where the YAML starts).
pub fn parse_yaml<T: DeserializeOwned>(
    file: &SourceFile,
    yaml: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    serde_yaml::from_str(yaml).map_err(|e| yaml_diagnostic(file, &e, first_line))
}

fn yaml_diagnostic(file: &SourceFile, error: &serde_yaml::Error, first_line: usize) -> Diagnostic {
    let shown = error.to_string();
    // libyaml writes `problem at line L column C, while parsing X at line L column C`.
    let (head, context) = match shown.split_once(", while ") {
        Some((head, context)) => (head, Some(context)),
        None => (shown.as_str(), None),
    };
    let message = head.find(" at line ").map_or(head, |i| &head[..i]);
    // serde_yaml prefixes messages with the field path (`members[1]: …`).
    let (mut field, message) = match message.split_once(": ") {
        Some((path, rest)) if is_field_path(path) => (Some(path.to_string()), rest),
        _ => (None, message),
    };
    let file_line = |line: usize| first_line + line - 1;
    let mut position = error
        .location()
        .map(|loc| (file_line(loc.line()), loc.column()));
    let named_field = unknown_field_name(message).or_else(|| {
        message
            .strip_prefix("missing field `")
            .and_then(|r| r.strip_suffix('`'))
    });
    let (message, hint) = if let Some(name) = named_field {
        // The path names the field's parent; add the field itself.
        field = Some(match field {
            Some(parent) => format!("{parent}.{name}"),
            None => name.to_string(),
        });
        explain_serde_message(message)
    } else if let Some(name) = message
        .strip_prefix("duplicate field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        // serde gives no position for a repeated field: find its second line.
        position = second_key_line(&file.text, first_line, name).or(position);
        field = field.or_else(|| Some(name.to_string()));
        (
            text!("`{name}` is written twice", "`{name}` est écrit deux fois"),
            Some(text!(
                "keep only one `{name}:` line",
                "gardez une seule ligne `{name}:`"
            )),
        )
    } else if error.location().is_some() && field.is_none() && is_syntax_error(message) {
        let found = position.and_then(|(line, column)| rest_of_line(&file.text, line, column));
        let syntax = yaml_syntax_message(message, context.unwrap_or(""), found);
        if syntax.at_context {
            if let Some((line, column)) = context.and_then(parse_position) {
                position = Some((file_line(line), column));
            }
        }
        field = position.and_then(|(line, _)| top_level_key(&file.text, line));
        (syntax.message, syntax.hint)
    } else {
        explain_serde_message(message)
    };
    let mut diagnostic = Diagnostic::error(&file.rel, message).hint_opt(hint);
    if let Some(field) = field {
        diagnostic = diagnostic.field(field);
    }
    match position {
        Some((line, column)) => diagnostic.at(&file.text, line, column),
        None => diagnostic,
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

/// Rewords serde's messages for people who do not write Rust.
fn explain_serde_message(message: &str) -> (Text, Option<Text>) {
    let list = |expected: &str| -> Vec<String> {
        expected
            .split(['`', ',', ' '])
            .filter(|s| !s.is_empty() && !["one", "of", "or", "a", "an"].contains(s))
            .map(str::to_string)
            .collect()
    };
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some((name, expected)) = rest.split_once("`, expected ") {
            let candidates = list(expected);
            let all = candidates.join(", ");
            let hint = suggest(name, candidates.iter().map(String::as_str)).unwrap_or_else(|| {
                text!(
                    "the allowed fields here are: {all}",
                    "les champs permis ici sont : {all}"
                )
            });
            return (
                text!("unknown field `{name}`", "champ inconnu `{name}`"),
                Some(hint),
            );
        }
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        if let Some((name, expected)) = rest.split_once("`, expected ") {
            let candidates = list(expected);
            let all = candidates.join(", ");
            let hint = suggest(name, candidates.iter().map(String::as_str))
                .unwrap_or_else(|| text!("expected one of: {all}", "valeurs possibles : {all}"));
            return (
                text!("unknown value `{name}`", "valeur inconnue `{name}`"),
                Some(hint),
            );
        }
    }
    if let Some(name) = message
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        return (
            text!(
                "the required field `{name}` is missing",
                "le champ obligatoire `{name}` manque"
            ),
            Some(text!("add a `{name}:` line", "ajoutez une ligne `{name}:`")),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let (found_en, found_fr) = describe_found(found);
            let (exp_en, exp_fr) = describe_expected(expected);
            let hint = if exp_en == "a number" {
                Some(text!(
                    "write the number alone, without spaces, currency or quotes: `15000`",
                    "écrivez le nombre seul, sans espace, devise ni guillemets : `15000`"
                ))
            } else if exp_en == "a text" && ["sequence", "map"].contains(&found) {
                Some(text!(
                    "a value that starts with `[` or `{{` is read as a list; to write a text, put it in quotes",
                    "une valeur qui commence par `[` ou `{{` est lue comme une liste ; pour écrire un texte, mettez-le entre guillemets"
                ))
            } else {
                None
            };
            return (
                text!(
                    "expected {exp_en}, found {found_en}",
                    "attendu : {exp_fr} ; trouvé : {found_fr}"
                ),
                hint,
            );
        }
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let (found_en, found_fr) = describe_found(found);
            let (exp_en, exp_fr) = describe_expected(expected);
            return (
                text!(
                    "expected {exp_en}, found {found_en}",
                    "attendu : {exp_fr} ; trouvé : {found_fr}"
                ),
                None,
            );
        }
    }
    if let Some(rest) = message.strip_prefix("expected a date written ") {
        let (_, found) = rest.split_once(", found ").unwrap_or((rest, "?"));
        let hint = match crate::catalogue::PartialDate::guess(found.trim_matches('`')) {
            Some(date) => text!("write it `{date}`", "écrivez-la `{date}`"),
            None => text!(
                "for example `2024`, `2024-03` or `2024-03-15`",
                "par exemple `2024`, `2024-03` ou `2024-03-15`"
            ),
        };
        return (
            text!(
                "expected a date written YYYY, YYYY-MM or YYYY-MM-DD, found {found}",
                "attendu : une date écrite AAAA, AAAA-MM ou AAAA-MM-JJ ; trouvé : {found}"
            ),
            Some(hint),
        );
    }
    (
        text!("invalid YAML: {message}", "YAML invalide : {message}"),
        None,
    )
}

/// serde's words for a found value, for readers: `string "x"` → `the text "x"`.
fn describe_found(found: &str) -> (String, String) {
    let pairs = [
        ("string ", "the text ", "le texte "),
        ("integer ", "the number ", "le nombre "),
        ("floating point ", "the number ", "le nombre "),
        ("boolean ", "", ""),
    ];
    for (prefix, en, fr) in pairs {
        if let Some(rest) = found.strip_prefix(prefix) {
            let rest = rest.trim_matches('`');
            return (format!("{en}{rest}"), format!("{fr}{rest}"));
        }
    }
    match found {
        "sequence" => ("a list".into(), "une liste".into()),
        "map" => ("a group of fields".into(), "un groupe de champs".into()),
        "unit value" | "null" => ("nothing".into(), "rien".into()),
        other => (other.to_string(), other.to_string()),
    }
}

/// serde's words for an expected type: `f64` → `a number`.
fn describe_expected(expected: &str) -> (String, String) {
    let (en, fr) = match expected {
        "f64" | "f32" => ("a number", "un nombre"),
        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" | "usize" => {
            ("a whole number", "un nombre entier")
        }
        "a string" => ("a text", "un texte"),
        "a boolean" => ("true or false", "true ou false"),
        "a sequence" => ("a list", "une liste"),
        "a map" => ("a group of fields", "un groupe de champs"),
        e if e.starts_with("struct ") => ("a group of fields", "un groupe de champs"),
        e if e.starts_with("a date") => (
            "a date written YYYY, YYYY-MM or YYYY-MM-DD",
            "une date écrite AAAA, AAAA-MM ou AAAA-MM-JJ",
        ),
        other => return (other.to_string(), other.to_string()),
    };
    (en.to_string(), fr.to_string())
}

/// A YAML syntax error in plain words.
struct SyntaxMessage {
    message: Text,
    hint: Option<Text>,
    /// Point at where the parser's context began (an opening quote or
    /// bracket) rather than where it gave up.
    at_context: bool,
}

/// The parser's messages (libyaml's words) reworded for people who do not
/// know YAML's vocabulary; an unknown one is kept in its words.
fn yaml_syntax_message(message: &str, context: &str, found: Option<String>) -> SyntaxMessage {
    let plain = |message: Text, hint: Text| SyntaxMessage {
        message,
        hint: Some(hint),
        at_context: false,
    };
    let check_line = || {
        text!(
            "check the indentation and the brackets or quotes on this line and the one before",
            "vérifiez l'indentation et les crochets ou guillemets de cette ligne et de la précédente"
        )
    };
    if message.contains("mapping values are not allowed") {
        return plain(
            text!("unexpected `:` in a value", "`:` inattendu dans une valeur"),
            text!(
                "a text containing `: ` must be put in quotes: `summary: \"Erasmus+ : mobilités\"`; otherwise, check the indentation of this line",
                "un texte qui contient `: ` doit être mis entre guillemets : `summary: \"Erasmus+ : mobilités\"` ; sinon, vérifiez l'indentation de cette ligne"
            ),
        );
    }
    if context.starts_with("scanning a quoted scalar") {
        return SyntaxMessage {
            at_context: true,
            ..plain(
                text!("this quote is never closed", "ce guillemet n'est jamais fermé"),
                text!(
                    "end the text with the same quote it starts with; to write `\"` inside a text, put the text in single quotes",
                    "terminez le texte par le même guillemet qu'au début ; pour écrire `\"` dans un texte, mettez le texte entre apostrophes"
                ),
            )
        };
    }
    for (closing, opening) in [("']'", '['), ("'}'", '{')] {
        if message.contains(&format!("expected ',' or {closing}")) {
            let closing = closing.trim_matches('\'');
            return SyntaxMessage {
                at_context: true,
                ..plain(
                    text!(
                        "this `{opening}` is not closed by a `{closing}`",
                        "ce `{opening}` n'est pas fermé par un `{closing}`"
                    ),
                    text!(
                        "close it on the same line, and separate the items with commas",
                        "fermez-le sur la même ligne, et séparez les éléments par des virgules"
                    ),
                )
            };
        }
    }
    if message.contains("cannot start any token") || message.contains("unknown anchor") {
        let value = found.unwrap_or_else(|| "?".to_string());
        let c = value.chars().next().unwrap_or('?');
        let quoted = value.replace('"', "\\\"");
        return plain(
            text!(
                "a value cannot start with `{c}` unless it is in quotes",
                "une valeur ne peut pas commencer par `{c}` sans guillemets"
            ),
            text!(
                "put the whole value in quotes: `\"{quoted}\"`",
                "mettez toute la valeur entre guillemets : `\"{quoted}\"`"
            ),
        );
    }
    if message.contains("tab character") {
        return plain(
            text!(
                "a tab is used to indent this line",
                "une tabulation sert à indenter cette ligne"
            ),
            text!(
                "indent with spaces only",
                "indentez uniquement avec des espaces"
            ),
        );
    }
    if message.contains("did not find expected key") {
        return plain(
            text!(
                "this line does not fit: it is not a `field: value` line, or text follows a closing quote",
                "cette ligne ne s'insère pas : ce n'est pas une ligne `champ: valeur`, ou du texte suit un guillemet fermant"
            ),
            text!(
                "check the indentation and the quotes; an apostrophe inside a text in single quotes is written twice: `'l''enfance'`",
                "vérifiez l'indentation et les guillemets ; une apostrophe dans un texte entre apostrophes s'écrit deux fois : `'l''enfance'`"
            ),
        );
    }
    if message.contains("did not find expected '-' indicator") {
        return plain(
            text!(
                "this line is not indented like the list items around it",
                "cette ligne n'est pas indentée comme les éléments de liste qui l'entourent"
            ),
            check_line(),
        );
    }
    let hint = (message.contains("did not find expected") || !context.is_empty()).then(check_line);
    SyntaxMessage {
        message: text!("invalid YAML: {message}", "YAML invalide : {message}"),
        hint,
        at_context: false,
    }
}

/// Finds where `value` is written in a YAML text, preferring a line that
/// also names `key`; returns a 1-based (line, column) relative to the text.
/// Resolution errors (an unknown id) are found after parsing, when serde's
/// positions are gone; the written value is what the reader must fix.
pub fn locate(yaml: &str, key: &str, value: &str) -> Option<(usize, usize)> {
    let find = |must_have_key: bool| {
        yaml.lines().enumerate().find_map(|(i, line)| {
            let code = line.split(" #").next().unwrap_or(line);
            if must_have_key && !code.contains(key) {
                return None;
            }
            let start = if must_have_key { code.find(key)? } else { 0 };
            let col = find_token(&code[start..], value)? + start;
            Some((i + 1, code[..col].chars().count() + 1))
        })
    };
    find(true).or_else(|| find(false)).or_else(|| {
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

    fn file(text: &str) -> SourceFile {
        SourceFile {
            rel: PathBuf::from("content/partnerships/a.fr.md"),
            text: text.to_string(),
        }
    }


    #[test]
    fn locate_prefers_the_line_with_the_key() {
        let yaml = "title: helmo\nmembers:\n  - {institution: helmo, role: partner}\n";
        assert_eq!(locate(yaml, "institution", "helmo"), Some((3, 19)));
        assert_eq!(locate(yaml, "members", "nothing"), Some((2, 1)));
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
