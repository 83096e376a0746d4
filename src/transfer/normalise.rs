//! A cell as a person typed it → the cell in the form the columns are
//! documented with, before `rows.rs` reads it: labels of fixed choices in
//! French or English → their ids (`vocabulary.rs`), amounts, dates and
//! yes/no in French or English habits → one form (`habits.rs`). Each
//! change is noted (the dry run shows them); what a habit cannot read
//! without a guess is a problem of the cell; anything else is left as it
//! is, for the strict reading to accept or report.
//!
//! In an import it runs on each non-empty cell, between `read.rs` and
//! `rows.rs`.

use super::cells::{escape, split_raw, unescape, Problem};
use super::columns::Field;
use super::habits;
use super::vocabulary::{Choice, Found, Vocabulary};
use crate::text;

/// One value read differently from how it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// The 0-based item of a list cell.
    pub item: Option<usize>,
    pub from: String,
    pub to: String,
}

/// A cell once normalised.
#[derive(Debug, Default)]
pub struct Normalised {
    /// The cell to read in its place, when something changed.
    pub cell: Option<String>,
    pub notes: Vec<Note>,
    pub problems: Vec<Problem>,
}

/// How one part of an item (or a whole cell) is read.
#[derive(Clone, Copy)]
enum Part {
    Choice(Choice),
    Amount,
    Date,
    YesNo,
    Public,
    Keep,
}

/// The parts of the items of `field`, their separators, and for a
/// funding line the part that takes `EUR` when the amount says `€`.
fn layout(field: Field) -> Option<(&'static [Part], &'static [char])> {
    use Part::*;
    Some(match field {
        Field::Kind => (&[Choice(self::Choice::Kind)], &[]),
        Field::Status => (&[Choice(self::Choice::Status)], &[]),
        Field::Programme => (&[Choice(self::Choice::Programme)], &[]),
        Field::Start | Field::End => (&[Date], &[]),
        Field::Draft => (&[YesNo], &[]),
        Field::Themes => (&[Choice(self::Choice::Theme)], &[]),
        Field::Countries => (&[Choice(self::Choice::Country)], &[]),
        Field::Members => (&[Keep, Choice(self::Choice::Role)], &[':', '|']),
        Field::Mobility => (
            &[
                Choice(self::Choice::Mobility),
                Choice(self::Choice::Direction),
                Keep,
                Amount,
            ],
            &[':', '|'],
        ),
        Field::Funding => (&[Keep, Amount, Keep, Keep], &['|']),
        Field::EuFunding => (&[Choice(self::Choice::Eu), Keep], &['|']),
        Field::Links => (&[Keep, Choice(self::Choice::Link)], &['|']),
        Field::Contacts => (&[Keep, Keep, Keep, Public], &['|']),
        _ => return None,
    })
}

/// Whether the items of `field` are separated by `;`.
fn is_list(field: Field) -> bool {
    !matches!(
        field,
        Field::Kind | Field::Status | Field::Programme | Field::Start | Field::End | Field::Draft
    )
}

/// Normalises one non-empty cell of a shared column.
pub fn cell(vocabulary: &Vocabulary, field: Field, cell: &str) -> Normalised {
    let mut out = Normalised::default();
    let Some((parts, seps)) = layout(field) else {
        return out;
    };
    let items: Vec<&str> = if is_list(field) {
        split_raw(cell, &[';'])
    } else {
        vec![cell]
    };
    let mut changed = false;
    let mut written = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let item_no = is_list(field).then_some(i);
        match normalise_item(vocabulary, item, parts, seps, field, item_no, &mut out) {
            Some(new) => {
                changed = true;
                written.push(new);
            }
            None => written.push(item.to_string()),
        }
    }
    if changed {
        out.cell = Some(written.join(";"));
    }
    out
}

/// One item: its new text when a part changed.
fn normalise_item(
    vocabulary: &Vocabulary,
    item: &str,
    parts: &[Part],
    seps: &[char],
    field: Field,
    item_no: Option<usize>,
    out: &mut Normalised,
) -> Option<String> {
    if item.trim().is_empty() {
        return None;
    }
    let mut values: Vec<String> = if seps.is_empty() {
        vec![unescape(item).trim().to_string()]
    } else {
        split_raw(item, seps)
            .into_iter()
            .map(|p| unescape(p).trim().to_string())
            .collect()
    };
    let mut changed = false;
    for (k, kind) in parts.iter().enumerate() {
        let Some(value) = values.get(k).filter(|v| !v.is_empty()).cloned() else {
            continue;
        };
        let read = match part(vocabulary, *kind, &value) {
            Ok(read) => read,
            Err(problem) => {
                out.problems.push(match item_no {
                    Some(i) => problem.item(i),
                    None => problem,
                });
                continue;
            }
        };
        let Some((new, euro)) = read else { continue };
        if euro && field == Field::Funding && values.get(2).is_none_or(String::is_empty) {
            values.resize(values.len().max(3), String::new());
            values[2] = "EUR".to_string();
        }
        out.notes.push(Note {
            item: item_no,
            from: value,
            to: new.clone(),
        });
        values[k] = new;
        changed = true;
    }
    if !changed {
        return None;
    }
    let sep = seps
        .iter()
        .copied()
        .find(|s| item.contains(*s))
        .or(seps.first().copied());
    let escaped: Vec<String> = values.iter().map(|v| escape(v)).collect();
    let mut text = match sep {
        Some(':') => escaped.join(":"),
        Some(sep) => escaped.join(&format!(" {sep} ")),
        None => escaped.concat(),
    };
    while text.contains("|  |") {
        text = text.replace("|  |", "| |");
    }
    Some(if item_no.is_some_and(|i| i > 0) {
        format!(" {text}")
    } else {
        text
    })
}

/// One part read: its new text (and whether it was in euros) when it
/// changes.
fn part(
    vocabulary: &Vocabulary,
    kind: Part,
    value: &str,
) -> Result<Option<(String, bool)>, Problem> {
    Ok(match kind {
        Part::Keep => None,
        Part::Choice(choice) => match vocabulary.find(choice, value) {
            Found::Label(id) => Some((id, false)),
            Found::Ambiguous(ids) => {
                let ids = ids.join(", ");
                return Err(Problem::new(text!(
                    "`{value}` is the name of more than one value: {ids}",
                    "`{value}` est le nom de plusieurs valeurs : {ids}"
                ))
                .hint(Some(text!(
                    "write the id of the one you mean",
                    "écrivez l'identifiant de celle que vous voulez dire"
                ))));
            }
            Found::Id | Found::Unknown => None,
        },
        Part::Amount => habits::amount(value)?
            .filter(|a| a.text != value || a.euro)
            .map(|a| (a.text, a.euro)),
        Part::Date => habits::date(value).map(|d| (d, false)),
        Part::YesNo => habits::yes_no(value)
            .map(|b| b.to_string())
            .filter(|b| b != value)
            .map(|b| (b, false)),
        Part::Public => match habits::yes_no(value) {
            Some(true) => Some(("public".to_string(), false)),
            Some(false) => Some(("private".to_string(), false)),
            None => None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(field: Field, typed: &str) -> Normalised {
        cell(&Vocabulary::new(None, None), field, typed)
    }

    #[test]
    fn french_habits_become_the_documented_form() {
        let cases = [
            (Field::Kind, "Cross-Border", "cross_border"),
            (Field::Start, "15/03/2024", "2024-03-15"),
            (Field::End, "mars 2025", "2025-03"),
            (Field::Draft, "FAUX", "false"),
            (Field::Countries, "Belgique; fr; Québec", "be; fr; ca-qc"),
            (
                Field::Members,
                "helmo:Partner; irts:coordinator",
                "helmo:partner; irts:coordinator",
            ),
            (
                Field::Funding,
                "Région | 12 500 € | | 2024",
                "Région | 12500 | EUR | 2024",
            ),
            (Field::Mobility, "SMS:both:2:5,5", "SMS:both:2:5.5"),
            (Field::Contacts, "Marie | | | oui", "Marie | | | public"),
        ];
        for (field, typed, expected) in cases {
            let n = run(field, typed);
            assert_eq!(n.cell.as_deref(), Some(expected), "{typed}");
            assert!(n.problems.is_empty(), "{typed}");
        }
        let n = run(Field::Countries, "Belgique; fr");
        assert_eq!(
            n.notes,
            [Note {
                item: Some(0),
                from: "Belgique".into(),
                to: "be".into()
            }]
        );
    }

    #[test]
    fn what_is_canonical_or_unknown_is_left_alone() {
        for (field, typed) in [
            (Field::Kind, "eu_project"),
            (Field::Kind, "erasmus"),
            (Field::Start, "2024-03"),
            (Field::Funding, "Région | 12500 | EUR"),
            (Field::Acronym, "ABC"),
        ] {
            let n = run(field, typed);
            assert_eq!(n.cell, None, "{typed}");
            assert!(n.notes.is_empty() && n.problems.is_empty(), "{typed}");
        }
        let n = run(Field::Funding, "A | 12,500; B | 1 000");
        assert_eq!(n.problems.len(), 1);
        assert_eq!(n.problems[0].item, Some(0));
        assert_eq!(n.cell.as_deref(), Some("A | 12,500; B | 1000"));
    }
}
