//! serde's messages in plain words: an unknown field or value with the
//! closest allowed one, a missing field, a value of the wrong kind ("expected
//! a number, found the text `15 000 €`" and the number to write), a date
//! written another way. Tied to the words of serde's messages, which the
//! editor never sees.

use crate::diagnostics::{suggest, Text};
use crate::text;

/// A message and its hint, in both languages.
pub(super) type Explained = (Text, Option<Text>);

/// Rewords serde's messages for people who do not write Rust.
pub(super) fn explain_serde_message(message: &str) -> Explained {
    explain_unknown(message)
        .or_else(|| explain_missing(message))
        .or_else(|| explain_invalid(message))
        .or_else(|| explain_date(message))
        .unwrap_or_else(|| {
            // A message of the library that has no words of ours yet: its
            // own would mean nothing to the reader.
            (
                text!(
                    "this value cannot be read for this field",
                    "cette valeur ne peut pas être lue pour ce champ"
                ),
                Some(text!(
                    "compare it with the comments that `passerelle new` writes in a new file: they show how each field is written",
                    "comparez-la aux commentaires que `passerelle new` écrit dans un nouveau fichier : ils montrent comment s'écrit chaque champ"
                )),
            )
        })
}

/// An unknown field or value: the closest allowed name, or all of them.
fn explain_unknown(message: &str) -> Option<Explained> {
    if let Some((name, candidates)) = unknown_and_allowed(message, "unknown field `") {
        let all = candidates.join(", ");
        let hint = suggest(name, candidates.iter().map(String::as_str)).unwrap_or_else(|| {
            text!(
                "the allowed fields here are: {all}",
                "les champs permis ici sont : {all}"
            )
        });
        return Some((
            text!("unknown field `{name}`", "champ inconnu `{name}`"),
            Some(hint),
        ));
    }
    let (name, candidates) = unknown_and_allowed(message, "unknown variant `")?;
    let all = candidates.join(", ");
    let hint = suggest(name, candidates.iter().map(String::as_str))
        .unwrap_or_else(|| text!("expected one of: {all}", "valeurs possibles : {all}"));
    Some((
        text!("unknown value `{name}`", "valeur inconnue `{name}`"),
        Some(hint),
    ))
}

/// `<prefix>name`, expected one of `a`, `b`` → the name and the allowed ones.
fn unknown_and_allowed<'a>(message: &'a str, prefix: &str) -> Option<(&'a str, Vec<String>)> {
    let (name, expected) = message.strip_prefix(prefix)?.split_once("`, expected ")?;
    let allowed = expected
        .split(['`', ',', ' '])
        .filter(|s| !s.is_empty() && !["one", "of", "or", "a", "an"].contains(s))
        .map(str::to_string)
        .collect();
    Some((name, allowed))
}

fn explain_missing(message: &str) -> Option<Explained> {
    let name = message
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))?;
    Some((
        text!(
            "the required field `{name}` is missing",
            "le champ obligatoire `{name}` manque"
        ),
        Some(text!("add a `{name}:` line", "ajoutez une ligne `{name}:`")),
    ))
}

/// A value of another kind than the field takes (`invalid type`), or of
/// the right kind but not one it accepts (`invalid value`).
fn explain_invalid(message: &str) -> Option<Explained> {
    let (is_type, rest) = match (
        message.strip_prefix("invalid type: "),
        message.strip_prefix("invalid value: "),
    ) {
        (Some(rest), _) => (true, rest),
        (None, Some(rest)) => (false, rest),
        (None, None) => return None,
    };
    let (found, expected) = rest.split_once(", expected ")?;
    let (found_en, found_fr) = describe_found(found);
    let (exp_en, exp_fr) = describe_expected(expected);
    let hint = if is_type {
        wrong_type_hint(&exp_en, found)
    } else {
        None
    };
    Some((
        text!(
            "expected {exp_en}, found {found_en}",
            "attendu : {exp_fr} ; trouvé : {found_fr}"
        ),
        hint,
    ))
}

/// What to do about the usual mistakes of type: a number written with its
/// unit, a text that YAML read as a list.
fn wrong_type_hint(expected_en: &str, found: &str) -> Option<Text> {
    if expected_en == "a whole number" {
        Some(text!(
            "write one whole number alone, without spaces, quotes or a second number: `2024`",
            "écrivez un seul nombre entier, sans espace, guillemets ni second nombre : `2024`"
        ))
    } else if expected_en.ends_with("number") {
        let written = found
            .strip_prefix("string ")
            .map(|s| s.trim_matches(['"', '`']));
        if let Some(number) = written.and_then(super::numbers::canonical) {
            return Some(text!(
                "write `{number}`: the number alone, with a decimal point, without spaces, currency or quotes",
                "écrivez `{number}` : le nombre seul, avec un point décimal, sans espace, devise ni guillemets"
            ));
        }
        Some(text!(
            "write the number alone, without spaces, currency or quotes: `15000`",
            "écrivez le nombre seul, sans espace, devise ni guillemets : `15000`"
        ))
    } else if expected_en == "true or false" {
        Some(text!(
            "write `true` (yes) or `false` (no), without quotes",
            "écrivez `true` (oui) ou `false` (non), sans guillemets"
        ))
    } else if expected_en == "a text" && ["sequence", "map"].contains(&found) {
        Some(text!(
            "a value that starts with `[` or `{{` is read as a list; to write a text, put it in quotes",
            "une valeur qui commence par `[` ou `{{` est lue comme une liste ; pour écrire un texte, mettez-le entre guillemets"
        ))
    } else {
        None
    }
}

/// A date that `PartialDate` could not read, with the date it probably
/// means where it can tell.
fn explain_date(message: &str) -> Option<Explained> {
    let rest = message.strip_prefix("expected a date written ")?;
    let (_, found) = rest.split_once(", found ").unwrap_or((rest, "?"));
    let hint = match crate::types::date::PartialDate::guess(found.trim_matches('`')) {
        Some(date) => text!("write it `{date}`", "écrivez-la `{date}`"),
        None => text!(
            "for example `2024`, `2024-03` or `2024-03-15`",
            "par exemple `2024`, `2024-03` ou `2024-03-15`"
        ),
    };
    Some((
        text!(
            "expected a date written YYYY, YYYY-MM or YYYY-MM-DD, found {found}",
            "attendu : une date écrite AAAA, AAAA-MM ou AAAA-MM-JJ ; trouvé : {found}"
        ),
        Some(hint),
    ))
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
        // serde_yaml's word for an enum: one of its values.
        e if e.contains("YAML tag") => (
            "one of the values this field takes",
            "une des valeurs que prend ce champ",
        ),
        e if e.starts_with("a date") => (
            "a date written YYYY, YYYY-MM or YYYY-MM-DD",
            "une date écrite AAAA, AAAA-MM ou AAAA-MM-JJ",
        ),
        other => return (other.to_string(), other.to_string()),
    };
    (en.to_string(), fr.to_string())
}
