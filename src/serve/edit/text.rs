//! The text of an entry as the editor saves it, compared with the file it
//! replaces: whether it says the same thing (then the file is left as it
//! was), and what to write otherwise, keeping the part of the file that
//! did not change (its front matter with its comments, or its text) and
//! its byte-order mark and line endings.

use std::collections::BTreeMap;

/// What to write for Decap's `raw`: its front matter without the empty
/// values it adds, and, of the file it replaces, the front matter when
/// only the text changed, or the text when only the front matter did.
pub fn written(raw: &str, existing: Option<&[u8]>, rel: &str) -> String {
    let raw = tidy(raw, rel);
    let old = existing.and_then(|b| std::str::from_utf8(b).ok());
    let Some(old) = old.filter(|_| rel.ends_with(".md")) else {
        return raw;
    };
    let clean = |s: &str| s.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let (old, new) = (clean(old), clean(&raw));
    let (Some((old_yaml, old_body)), Some((new_yaml, new_body))) = (split(&old), split(&new))
    else {
        return raw;
    };
    if same_yaml(old_yaml, new_yaml) {
        format!("---\n{old_yaml}\n---\n{new_body}")
    } else if old_body.trim() == new_body.trim() {
        format!("---\n{new_yaml}\n---\n{old_body}")
    } else {
        raw
    }
}

/// Decap's text, with the file's byte-order mark and line endings when it
/// had them.
pub fn like_before(raw: &str, existing: Option<&[u8]>) -> Vec<u8> {
    let Some(old) = existing else {
        return raw.as_bytes().to_vec();
    };
    let mut text = raw.replace("\r\n", "\n");
    if old.windows(2).any(|w| w == b"\r\n") {
        text = text.replace('\n', "\r\n");
    }
    if old.starts_with("\u{feff}".as_bytes()) {
        text.insert(0, '\u{feff}');
    }
    text.into_bytes()
}

/// Decap's text without the empty values it writes for fields left
/// empty (`themes: []` in a translation, where a shared field must not
/// be), which passerelle reads as absent anyway; as Decap wrote it when it
/// has none.
fn tidy(raw: &str, rel: &str) -> String {
    let (yaml, rest) = if rel.ends_with(".md") {
        match split(raw) {
            Some((yaml, body)) => (yaml, Some(body)),
            None => return raw.to_string(),
        }
    } else {
        (raw, None)
    };
    let Ok(mut value) = serde_yaml::from_str::<serde_yaml::Value>(yaml) else {
        return raw.to_string();
    };
    if !drop_empty(&mut value) {
        return raw.to_string();
    }
    let yaml = match &value {
        serde_yaml::Value::Mapping(m) if m.is_empty() => String::new(),
        _ => serde_yaml::to_string(&value).unwrap_or_default(),
    };
    match rest {
        Some(body) => format!("---\n{yaml}---\n{body}"),
        None => yaml,
    }
}

/// Removes the empty values of the mappings in `value`; whether it did.
fn drop_empty(value: &mut serde_yaml::Value) -> bool {
    use serde_yaml::Value as Y;
    let mut changed = false;
    match value {
        Y::Mapping(map) => {
            for (_, v) in map.iter_mut() {
                changed |= drop_empty(v);
            }
            let before = map.len();
            map.retain(|_, v| !is_empty(v));
            changed |= map.len() != before;
        }
        Y::Sequence(list) => {
            for v in list.iter_mut() {
                changed |= drop_empty(v);
            }
        }
        _ => {}
    }
    changed
}

fn is_empty(value: &serde_yaml::Value) -> bool {
    use serde_yaml::Value as Y;
    match value {
        Y::Null => true,
        Y::String(s) => s.is_empty(),
        Y::Sequence(list) => list.is_empty(),
        Y::Mapping(map) => map.is_empty(),
        _ => false,
    }
}

/// Whether `raw` says what the file says: the same fields with the same
/// values (empty ones left aside, numbers and text alike) and the same
/// text after the front matter.
pub fn same_meaning(old: &[u8], raw: &str, rel: &str) -> bool {
    let Ok(old) = std::str::from_utf8(old) else {
        return false;
    };
    let clean = |s: &str| s.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let (old, new) = (clean(old), clean(raw));
    if rel.ends_with(".md") {
        let (Some((old_yaml, old_body)), Some((new_yaml, new_body))) = (split(&old), split(&new))
        else {
            return false;
        };
        old_body.trim() == new_body.trim() && same_yaml(old_yaml, new_yaml)
    } else {
        same_yaml(&old, &new)
    }
}

/// `---\nyaml\n---\nbody`.
fn split(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest
        .find("\n---\n")
        .map(|at| (at, at + 5))
        .or_else(|| rest.strip_suffix("\n---").map(|r| (r.len(), rest.len())))?;
    Some((&rest[..end.0], &rest[end.1..]))
}

#[derive(Debug, PartialEq)]
enum Plain {
    Text(String),
    List(Vec<Plain>),
    Map(BTreeMap<String, Plain>),
}

fn same_yaml(old: &str, new: &str) -> bool {
    let parse = |s: &str| serde_yaml::from_str::<serde_yaml::Value>(s).ok().map(plain);
    match (parse(old), parse(new)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// A YAML value with its empty parts left out and every scalar as text.
fn plain(value: serde_yaml::Value) -> Option<Plain> {
    use serde_yaml::Value as Y;
    match value {
        Y::Null => None,
        Y::Bool(b) => Some(Plain::Text(b.to_string())),
        Y::Number(n) => Some(Plain::Text(n.to_string())),
        Y::String(s) if s.is_empty() => None,
        Y::String(s) => Some(Plain::Text(s)),
        Y::Sequence(list) => {
            let list: Vec<Plain> = list.into_iter().filter_map(plain).collect();
            (!list.is_empty()).then_some(Plain::List(list))
        }
        Y::Mapping(map) => {
            let map: BTreeMap<String, Plain> = map
                .into_iter()
                .filter_map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s,
                        other => serde_yaml::to_string(&other).ok()?.trim().to_string(),
                    };
                    plain(v).map(|v| (key, v))
                })
                .collect();
            (!map.is_empty()).then_some(Plain::Map(map))
        }
        Y::Tagged(tagged) => plain(tagged.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_meaning_whatever_the_writing() {
        let old = "---\r\n# a comment\r\ntitle: Réseau\r\nstart: 2019\r\nthemes: [a, b]\r\n---\r\n\r\nText.\r\n";
        let same = "---\ntitle: Réseau\nstart: '2019'\nthemes:\n  - a\n  - b\nacronym: ''\nlinks: []\n---\nText.\n";
        assert!(same_meaning(old.as_bytes(), same, "x.fr.md"));
        let changed = "---\ntitle: Réseau 2\nstart: '2019'\nthemes: [a, b]\n---\nText.\n";
        assert!(!same_meaning(old.as_bytes(), changed, "x.fr.md"));
        let text_changed = "---\ntitle: Réseau\nstart: 2019\nthemes: [a, b]\n---\nOther.\n";
        assert!(!same_meaning(old.as_bytes(), text_changed, "x.fr.md"));
        assert!(same_meaning(
            b"name: A\ncountry: be\n",
            "country: be\nname: A\n",
            "x.yaml"
        ));
        let decap = "---\ntitle: Gand\nthemes: []\nlogo:\n  file: ''\n  alt: Logo\n---\nText.\n";
        assert_eq!(
            tidy(decap, "x.en.md"),
            "---\ntitle: Gand\nlogo:\n  alt: Logo\n---\nText.\n"
        );
        let clean = "---\ntitle:   'Gand'\n---\n";
        assert_eq!(tidy(clean, "x.en.md"), clean);
        assert_eq!(
            like_before("a\nb\n", Some("\u{feff}x\r\n".as_bytes())),
            "\u{feff}a\r\nb\r\n".as_bytes()
        );
    }

    #[test]
    fn the_part_that_did_not_change_is_kept() {
        let old = "---\n# kept\ntitle: A\n---\nOld *text*.\n";
        let text_only = "---\ntitle: A\n---\nNew text.\n";
        assert_eq!(
            written(text_only, Some(old.as_bytes()), "x.fr.md"),
            "---\n# kept\ntitle: A\n---\nNew text.\n"
        );
        let fields_only = "---\ntitle: B\nthemes: []\n---\nOld *text*.\n";
        assert_eq!(
            written(fields_only, Some(old.as_bytes()), "x.fr.md"),
            "---\ntitle: B\n---\nOld *text*.\n"
        );
    }
}
