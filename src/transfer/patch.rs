//! A partnership file changed by an import only where its values change:
//! the fields whose value differs from the row's are rewritten, added or
//! taken out, line for line, and everything else stays byte for byte —
//! numbers as they were written, comments, the order of the fields, flow
//! or block lists, the line endings, and the body when its cell did not
//! change.
//!
//! Values are compared as the content format reads them, not as they
//! are written: `50000` and `50000.0`, `[a, b]` and a block list, a quoted
//! and a plain string, a field written with its default value (`kind:
//! website` for a link, a slug equal to the key, `draft: false`) and the
//! field left out, countries in any order, are the same. When the front matter is laid out in a
//! way this cannot edit line by line, the whole file is written anew.
//!
//! `plan.rs` asks it for each file of a row that already exists.

use serde_yaml::{Mapping, Value};

use super::export::body_cell;
use crate::catalogue::raw::RawPartnership;
use crate::catalogue::LinkKind;

/// What a file's values are compared with: the partnership's key, and
/// the countries of its members (which a file need not list).
pub struct Defaults<'a> {
    pub key: &'a str,
    pub countries: Option<&'a [String]>,
}

/// The front matter as a mapping of its values in canonical form.
pub fn canonical(front: &RawPartnership, defaults: &Defaults) -> Mapping {
    let mut front = front.clone();
    if front.slug.as_deref() == Some(defaults.key) {
        front.slug = None;
    }
    // The model keeps a partnership's countries sorted, without repeats.
    if let Some(countries) = &mut front.countries {
        countries.sort();
        countries.dedup();
    }
    if front
        .countries
        .as_deref()
        .is_some_and(|c| Some(c) == defaults.countries)
    {
        front.countries = None;
    }
    if front.draft == Some(false) {
        front.draft = None;
    }
    for link in front.links.iter_mut().flatten() {
        if link.kind == Some(LinkKind::Website) {
            link.kind = None;
        }
    }
    for contact in front.contacts.iter_mut().flatten() {
        if contact.public == Some(false) {
            contact.public = None;
        }
    }
    if front
        .logo
        .as_ref()
        .is_some_and(|l| l.file.is_none() && l.alt.is_none())
    {
        front.logo = None;
    }
    match serde_yaml::to_value(&front).map(whole_numbers) {
        Ok(Value::Mapping(mut m)) => {
            m.retain(|_, v| !v.as_sequence().is_some_and(Vec::is_empty));
            m
        }
        _ => Mapping::new(),
    }
}

/// Numbers without a fraction as integers, as people write them:
/// `amount: 50000`, not `50000.0`.
pub fn whole_numbers(value: Value) -> Value {
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 => {
                Value::Number((f as i64).into())
            }
            _ => Value::Number(n),
        },
        Value::Sequence(items) => Value::Sequence(items.into_iter().map(whole_numbers).collect()),
        Value::Mapping(m) => {
            Value::Mapping(m.into_iter().map(|(k, v)| (k, whole_numbers(v))).collect())
        }
        other => other,
    }
}

/// A file split into its parts, with what is needed to put it together
/// again as it was.
struct Split<'a> {
    bom: bool,
    crlf: bool,
    yaml: &'a str,
    /// The closing `---` line, as written.
    close: &'a str,
    body: &'a str,
}

fn split(text: &str) -> Option<Split<'_>> {
    let bom = text.starts_with('\u{feff}');
    let text = text.trim_start_matches('\u{feff}');
    let rest = text.strip_prefix("---\n")?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some(Split {
                bom,
                crlf: false,
                yaml: &rest[..offset],
                close: line,
                body: &rest[offset + line.len()..],
            });
        }
        offset += line.len();
    }
    None
}

/// The span of lines of each top-level field of `lines`, in order;
/// `None` when a line is neither a field, a comment, a blank line nor a
/// continuation of a field.
fn spans(lines: &[&str]) -> Option<Vec<(String, usize, usize)>> {
    let mut spans: Vec<(String, usize, usize)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_end();
        let continuation =
            t.is_empty() || t.starts_with([' ', '\t', '#']) || t == "-" || t.starts_with("- ");
        if continuation {
            continue;
        }
        let name: String = t
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let after = t[name.len()..].trim_start();
        let is_key = !name.is_empty()
            && after.starts_with(':')
            && (after.len() == 1 || after[1..].starts_with([' ', '\t']));
        if !is_key {
            return None;
        }
        if let Some(last) = spans.last_mut() {
            last.2 = i;
        }
        spans.push((name, i, lines.len()));
    }
    // Blank lines and comments at the end of a field stay where they are.
    for span in &mut spans {
        while span.2 > span.1 + 1 {
            let t = lines[span.2 - 1].trim_end();
            if t.is_empty() || t.starts_with('#') {
                span.2 -= 1;
            } else {
                break;
            }
        }
    }
    Some(spans)
}

/// One field written alone: `name: value`.
fn field_text(name: &Value, value: &Value) -> String {
    let mut one = Mapping::new();
    one.insert(name.clone(), value.clone());
    serde_yaml::to_string(&one).unwrap_or_default()
}

/// `old` changed to hold `front` and `body` (a body cell), field by
/// field; `None` when it has to be written anew.
pub fn patch(old: &str, front: &RawPartnership, body: &str, defaults: &Defaults) -> Option<String> {
    let lf = old.replace("\r\n", "\n");
    let mut parts = split(&lf)?;
    parts.crlf = old.contains("\r\n");
    let written: RawPartnership = if parts.yaml.trim().is_empty() {
        RawPartnership::default()
    } else {
        serde_yaml::from_str(parts.yaml).ok()?
    };
    let (before, after) = (canonical(&written, defaults), canonical(front, defaults));
    let lines: Vec<&str> = parts.yaml.split_inclusive('\n').collect();
    let spans = spans(&lines)?;
    let span_of = |name: &str| spans.iter().find(|(n, ..)| n == name);
    let order: Vec<&str> = RawPartnership::FIELDS.iter().map(|f| f.name).collect();
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for name in &order {
        let key_value = Value::String(name.to_string());
        let (was, now) = (before.get(&key_value), after.get(&key_value));
        if was == now {
            continue;
        }
        let text = now.map(|v| field_text(&key_value, v)).unwrap_or_default();
        match span_of(name) {
            Some((_, start, end)) => edits.push((*start, *end, text)),
            None if was.is_some() => return None,
            None => {
                let place = order
                    .iter()
                    .skip_while(|n| *n != name)
                    .find_map(|n| span_of(n))
                    .map_or(lines.len(), |(_, start, _)| *start);
                edits.push((place, place, text));
            }
        }
    }
    let keep_body = body_cell(parts.body) == body;
    if edits.is_empty() && keep_body {
        return Some(old.to_string());
    }
    let mut new_lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    edits.sort_by_key(|(start, end, _)| std::cmp::Reverse((*start, *end)));
    for (start, end, text) in edits {
        new_lines.splice(start..end, [text]);
    }
    let mut yaml = new_lines.concat();
    if !yaml.is_empty() && !yaml.ends_with('\n') {
        yaml.push('\n');
    }
    let body = if keep_body {
        parts.body.to_string()
    } else if body.is_empty() {
        String::new()
    } else {
        format!("{body}\n")
    };
    let mut text = format!("---\n{yaml}{}{body}", parts.close);
    if parts.crlf {
        text = text.replace('\n', "\r\n");
    }
    if parts.bom {
        text.insert(0, '\u{feff}');
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "---\n# Shared fields\ntitle: \"Échanges\"\nkind: bilateral\nthemes: [a, b]\n\n# Money\nfunding:\n  - {funder: X, amount: 50000, currency: EUR}\nlinks:\n- url: https://a.example/\n  kind: website\n---\n\nThe text.\n";

    const K: Defaults = Defaults {
        key: "k",
        countries: None,
    };

    fn front(title: &str) -> RawPartnership {
        let yaml = format!("title: {title}\nkind: bilateral\nthemes:\n- a\n- b\nfunding:\n- funder: X\n  amount: 50000.0\nlinks:\n- url: https://a.example/\n");
        serde_yaml::from_str(&yaml).unwrap()
    }

    #[test]
    fn the_same_values_in_another_layout_change_nothing() {
        assert_eq!(
            patch(OLD, &front("Échanges"), "The text.", &K).unwrap(),
            OLD
        );
    }

    #[test]
    fn only_the_changed_field_and_body_are_rewritten() {
        let new = patch(OLD, &front("Échanges et stages"), "The text.", &K).unwrap();
        assert_eq!(
            new,
            OLD.replace("title: \"Échanges\"\n", "title: Échanges et stages\n")
        );
        let new = patch(OLD, &front("Échanges"), "Another text.", &K).unwrap();
        assert!(
            new.ends_with("kind: website\n---\nAnother text.\n"),
            "{new}"
        );
        let crlf = OLD.replace('\n', "\r\n");
        let new = patch(&crlf, &front("B"), "The text.", &K).unwrap();
        assert_eq!(new, crlf.replace("title: \"Échanges\"", "title: B"));
    }

    #[test]
    fn fields_are_added_in_order_and_removed() {
        let mut f = front("Échanges");
        f.acronym = Some("ECH".into());
        f.funding = None;
        let new = patch(OLD, &f, "The text.", &K).unwrap();
        assert!(
            new.contains("title: \"Échanges\"\nacronym: ECH\nkind: bilateral\n"),
            "{new}"
        );
        assert!(new.contains("# Money\nlinks:"), "{new}");
        assert!(!new.contains("funding"), "{new}");
    }

    #[test]
    fn a_layout_that_cannot_be_edited_is_written_anew() {
        let odd = "---\n\"title\": A\nkind: bilateral\n---\n";
        assert_eq!(patch(odd, &front("B"), "", &K), None);
        assert_eq!(patch("no front matter", &front("B"), "", &K), None);
    }
}
