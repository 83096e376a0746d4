//! The syntax inside one cell: lists (`a; b`), items made of parts
//! (`helmo:partner`, `Agence Erasmus+ | 15000 | EUR | 2024`), and the
//! scalar values a cell may hold (dates, numbers, yes/no, the fixed words of
//! `kind` or `status`).
//!
//! Scalars are read with the same types and functions as the front matter
//! (`PartialDate::parse`, the serde names of the enums), so a cell accepts
//! exactly what a content file accepts. Writing is the exact inverse of
//! reading: `\` escapes a `;`, a `|` or itself inside a value.
//!
//! Both directions use it: `export.rs` writes cells, `rows.rs` reads them.

use serde::de::value::{Error as ValueError, StrDeserializer};
use serde::de::{DeserializeOwned, IntoDeserializer};

use crate::diagnostics::{suggest, Text};
use crate::text;
use crate::types::date::PartialDate;

/// What is wrong with a cell, or with one item of a list cell.
#[derive(Debug, Clone)]
pub struct Problem {
    /// 0-based item of a list cell, when the problem is in one item.
    pub item: Option<usize>,
    pub message: Text,
    pub hint: Option<Text>,
}

impl Problem {
    pub fn new(message: Text) -> Self {
        Problem {
            item: None,
            message,
            hint: None,
        }
    }

    pub fn hint(mut self, hint: Option<Text>) -> Self {
        self.hint = hint;
        self
    }

    pub fn item(mut self, item: usize) -> Self {
        self.item = Some(item);
        self
    }
}

/// `value` with `\`, `;` and `|` escaped by a `\`.
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if matches!(c, '\\' | ';' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Items written in a cell: `a; b; c` (each already escaped).
pub fn join_items(items: impl IntoIterator<Item = String>) -> String {
    items.into_iter().collect::<Vec<_>>().join("; ")
}

/// An item made of parts, `a | b | c`, each escaped; trailing empty parts
/// are left out.
pub fn join_parts(parts: &[String]) -> String {
    let mut parts: Vec<String> = parts.iter().map(|p| escape(p)).collect();
    while parts.last().is_some_and(String::is_empty) {
        parts.pop();
    }
    parts.join(" | ")
}

/// Splits `s` at each unescaped separator of `seps`; the pieces keep their
/// escapes, so that they can be split again.
pub fn split_raw<'a>(s: &'a str, seps: &[char]) -> Vec<&'a str> {
    let mut pieces = Vec::new();
    let (mut start, mut escaped) = (0, false);
    for (i, c) in s.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if seps.contains(&c) {
            pieces.push(&s[start..i]);
            start = i + c.len_utf8();
        }
    }
    pieces.push(&s[start..]);
    pieces
}

/// `\;`, `\|` and `\\` read as the character; any other `\` is kept.
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(&next)) if matches!(next, '\\' | ';' | '|') => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// The items of a list cell, unescaped and trimmed, empty ones kept (an
/// empty cell has no item).
pub fn items(cell: &str) -> Vec<String> {
    if cell.trim().is_empty() {
        return Vec::new();
    }
    split_raw(cell, &[';'])
        .into_iter()
        .map(|item| unescape(item).trim().to_string())
        .collect()
}

/// The items of a list cell, each split into its parts at any of `seps`;
/// empty items are left out, and each keeps its 0-based place in the cell.
pub fn item_parts(cell: &str, seps: &[char]) -> Vec<(usize, Vec<String>)> {
    split_raw(cell, &[';'])
        .into_iter()
        .enumerate()
        .filter(|(_, item)| !item.trim().is_empty())
        .map(|(i, item)| {
            let parts = split_raw(item, seps)
                .into_iter()
                .map(|p| unescape(p).trim().to_string())
                .collect();
            (i, parts)
        })
        .collect()
}

/// The words an enum of the content model is written with, as its serde
/// error lists them: `a, b, c`.
pub fn allowed<T: DeserializeOwned>() -> String {
    let de: StrDeserializer<ValueError> = "\u{0}".into_deserializer();
    match T::deserialize(de) {
        Ok(_) => String::new(),
        Err(e) => expected_words(&e.to_string()).join(", "),
    }
}

/// The backquoted words after "expected" in a serde error message.
fn expected_words(message: &str) -> Vec<&str> {
    message
        .split_once("expected")
        .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
        .unwrap_or_default()
}

/// One of the words an enum of the content model is written with
/// (`erasmus_mobility`, `SMS`…), read by its own serde names.
pub fn word<T: DeserializeOwned>(s: &str) -> Result<T, Problem> {
    let de: StrDeserializer<ValueError> = s.into_deserializer();
    T::deserialize(de).map_err(|e| {
        let message = e.to_string();
        let allowed = expected_words(&message);
        let list = allowed.join(", ");
        Problem::new(text!(
            "expected one of {list}; found `{s}`",
            "attendu : {list} ; trouvé : `{s}`"
        ))
        .hint(suggest(s, allowed.iter().copied()))
    })
}

/// `2014`, `2014-09` or `2014-09-15`, as in the front matter.
pub fn date(s: &str) -> Result<PartialDate, Problem> {
    PartialDate::parse(s).map_err(|_| {
        let hint = PartialDate::guess(s).map(|d| {
            text!(
                "did you mean `{d}`? Spreadsheets sometimes turn dates into `15/09/2014`: format the column as text",
                "vouliez-vous dire `{d}` ? Les tableurs changent parfois les dates en `15/09/2014` : mettez la colonne au format texte"
            )
        });
        Problem::new(text!(
            "expected a date written YYYY, YYYY-MM or YYYY-MM-DD; found `{s}`",
            "attendu : une date écrite AAAA, AAAA-MM ou AAAA-MM-JJ ; trouvé : `{s}`"
        ))
        .hint(hint)
    })
}

/// A year such as `2014`.
pub fn year(s: &str) -> Result<i32, Problem> {
    s.parse::<i32>()
        .ok()
        .filter(|y| (1000..=9999).contains(y))
        .ok_or_else(|| {
            Problem::new(text!(
                "expected a year such as `2014`; found `{s}`",
                "attendu : une année comme `2014` ; trouvé : `{s}`"
            ))
        })
}

/// A whole number such as `4`.
pub fn whole(s: &str) -> Result<u32, Problem> {
    s.parse::<u32>().map_err(|_| {
        Problem::new(text!(
            "expected a whole number such as `4`; found `{s}`",
            "attendu : un nombre entier comme `4` ; trouvé : `{s}`"
        ))
    })
}

/// A number as a cell shows it: `15000`, `1234567.5`.
pub fn number_text(n: f64) -> String {
    format!("{n}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{Kind, Role};

    #[test]
    fn lists_round_trip_through_their_escapes() {
        let values = ["a;b", "c|d", "e\\f", "plain", ""];
        let cell = join_items(values.iter().map(|v| join_parts(&[v.to_string()])));
        assert_eq!(items(&cell), values);
        let cell = join_items([join_parts(&["x;y".into(), "1".into(), String::new()])]);
        assert_eq!(cell, "x\\;y | 1");
        assert_eq!(
            item_parts(&cell, &['|']),
            vec![(0, vec!["x;y".to_string(), "1".to_string()])]
        );
        assert_eq!(
            item_parts("helmo:partner; ;irts-hdf | coordinator", &[':', '|']),
            vec![
                (0, vec!["helmo".to_string(), "partner".to_string()]),
                (2, vec!["irts-hdf".to_string(), "coordinator".to_string()]),
            ]
        );
        assert_eq!(items("C:\\dossier"), ["C:\\dossier"]);
    }

    #[test]
    fn words_are_the_serde_names_with_a_suggestion() {
        assert_eq!(word::<Kind>("eu_project").unwrap(), Kind::EuProject);
        assert_eq!(word::<Role>("partner").unwrap(), Role::Partner);
        let problem = word::<Kind>("erasmus").unwrap_err();
        assert!(
            problem.message.en.contains("erasmus_mobility, eu_project"),
            "{}",
            problem.message.en
        );
        assert_eq!(
            problem.hint.map(|h| h.en).as_deref(),
            Some("did you mean `erasmus_mobility`?")
        );
    }

    #[test]
    fn scalars() {
        assert_eq!(number_text(15000.0), "15000");
        assert_eq!(number_text(1234567.5), "1234567.5");
        assert!(date("15/09/2014").unwrap_err().hint.is_some());
        assert!(year("14").is_err());
    }
}
