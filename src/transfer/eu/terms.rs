//! The export's topics and programmes as the site's themes and
//! programmes. A topic is matched to a theme by its id or one of its
//! labels (folded, or nearly the same). A topic that matches none is not
//! lost: with `--add-themes` it becomes a new theme, otherwise it stays in
//! the project's text, as a "Topics" line that the page shows and search
//! indexes. A programme the site lacks (Horizon Europe…) is added.

use std::collections::BTreeMap;

use super::institutions::{fold_name, similarity};
use super::project::{Programme, Project};
use crate::catalogue::{Catalogue, Term};
use crate::types::text::slugify;

/// How near a topic must be to a theme's label to be taken for it.
const NEAR: f64 = 0.85;

/// The themes and programmes after the import.
#[derive(Debug, Default)]
pub struct Terms {
    /// id → folded id and labels, the site's and the added ones.
    themes: BTreeMap<String, Vec<String>>,
    programmes: BTreeMap<String, Vec<String>>,
    /// Themes to add: id → label.
    pub new_themes: BTreeMap<String, String>,
    /// Programmes to add: id → (fr, en).
    pub new_programmes: BTreeMap<String, (String, String)>,
}

fn folded_names(terms: &BTreeMap<String, Term>) -> BTreeMap<String, Vec<String>> {
    terms
        .values()
        .map(|t| {
            let mut names = vec![fold_name(&t.id)];
            names.extend(t.labels.values().map(|l| fold_name(l)));
            (t.id.clone(), names)
        })
        .collect()
}

impl Terms {
    pub fn of(catalogue: &Catalogue) -> Terms {
        Terms {
            themes: folded_names(&catalogue.themes),
            programmes: folded_names(&catalogue.programmes),
            ..Terms::default()
        }
    }

    pub fn has_theme(&self, id: &str) -> bool {
        self.themes.contains_key(id)
    }

    /// The theme a topic names, if any.
    pub fn theme(&self, topic: &str) -> Option<String> {
        best(&self.themes, &fold_name(topic))
    }

    /// A new theme for `topic` (or the one already added for it).
    pub fn add_theme(&mut self, topic: &str) -> String {
        if let Some(id) = self.theme(topic) {
            return id;
        }
        let base = slugify(topic);
        let base = if base.is_empty() {
            "theme".to_string()
        } else {
            base
        };
        let id = std::iter::once(base.clone())
            .chain((2..).map(|n| format!("{base}-{n}")))
            .find(|id| !self.themes.contains_key(id))
            .unwrap_or(base);
        self.themes
            .insert(id.clone(), vec![fold_name(&id), fold_name(topic)]);
        self.new_themes.insert(id.clone(), topic.trim().to_string());
        id
    }

    /// The site's id for `programme`, added when the site has none of its
    /// name.
    pub fn programme(&mut self, programme: Programme) -> String {
        let (id, fr, en) = programme.term();
        if let Some(found) = best(&self.programmes, &fold_name(en))
            .or_else(|| best(&self.programmes, &fold_name(fr)))
            .or_else(|| best(&self.programmes, &fold_name(id)))
        {
            return found;
        }
        self.programmes.insert(
            id.to_string(),
            vec![fold_name(id), fold_name(fr), fold_name(en)],
        );
        self.new_programmes
            .insert(id.to_string(), (fr.to_string(), en.to_string()));
        id.to_string()
    }
}

/// The term whose names hold `folded`, exactly or nearly.
fn best(terms: &BTreeMap<String, Vec<String>>, folded: &str) -> Option<String> {
    if folded.is_empty() {
        return None;
    }
    terms
        .iter()
        .flat_map(|(id, names)| names.iter().map(move |n| (id, similarity(folded, n))))
        .filter(|(_, score)| *score >= NEAR)
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(id, _)| id.clone())
}

/// The themes of one project, and its topics that match none (kept in
/// its text).
#[derive(Debug, Default, Clone)]
pub struct Themes {
    pub ids: Vec<String>,
    pub unmatched: Vec<String>,
}

/// The themes of `project`: its topics matched, each new one added with
/// `add`, then `extra` (`--theme`).
pub fn themes_of(project: &Project, terms: &mut Terms, add: bool, extra: Option<&str>) -> Themes {
    let mut out = Themes::default();
    for topic in &project.topics {
        let id = match terms.theme(topic) {
            Some(id) => Some(id),
            None if add => Some(terms.add_theme(topic)),
            None => None,
        };
        match id {
            Some(id) if !out.ids.contains(&id) => out.ids.push(id),
            Some(_) => {}
            None => out.unmatched.push(topic.clone()),
        }
    }
    if let Some(extra) = extra.filter(|e| !out.ids.iter().any(|id| id == e)) {
        out.ids.push(extra.to_string());
    }
    out
}

/// `id: {fr: "…", en: "…"}` lines appended to a taxonomy file, the labels
/// quoted as JSON strings (which YAML reads as they are).
pub fn taxonomy_text(existing: Option<&str>, added: &BTreeMap<String, (String, String)>) -> String {
    let mut text = existing.unwrap_or("").to_string();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for (id, (fr, en)) in added {
        let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
        text.push_str(&format!("{id}: {{fr: {}, en: {}}}\n", quote(fr), quote(en)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms() -> Terms {
        let mut themes = BTreeMap::new();
        themes.insert(
            "inclusion".to_string(),
            vec![
                fold_name("inclusion"),
                fold_name("Inclusion - equity"),
                fold_name("Inclusion et équité"),
            ],
        );
        Terms {
            themes,
            ..Terms::default()
        }
    }

    #[test]
    fn topics_match_themes_by_label_or_are_added() {
        let mut t = terms();
        assert_eq!(t.theme("Inclusion - Equity").as_deref(), Some("inclusion"));
        assert_eq!(t.theme("Social dialogue"), None);
        assert_eq!(t.add_theme("Social dialogue"), "social-dialogue");
        assert_eq!(t.add_theme("Social  dialogue"), "social-dialogue");
        assert_eq!(t.new_themes.len(), 1);
        assert_eq!(t.programme(Programme::ErasmusPlus), "erasmus-plus");
        assert!(t.new_programmes.contains_key("erasmus-plus"));
    }

    #[test]
    fn taxonomy_lines_are_appended() {
        let mut added = BTreeMap::new();
        added.insert(
            "social-dialogue".to_string(),
            (
                "Social \"dialogue\"".to_string(),
                "Social dialogue".to_string(),
            ),
        );
        let text = taxonomy_text(Some("a: {fr: A, en: A}"), &added);
        assert_eq!(
            text,
            "a: {fr: A, en: A}\nsocial-dialogue: {fr: \"Social \\\"dialogue\\\"\", en: \"Social dialogue\"}\n"
        );
        let parsed: BTreeMap<String, BTreeMap<String, String>> =
            serde_yaml::from_str(&text).unwrap();
        assert_eq!(parsed["social-dialogue"]["fr"], "Social \"dialogue\"");
    }
}
