//! The words a cell may hold for a fixed choice, as the site shows them:
//! the labels of kinds, statuses, roles, mobility types, directions, link
//! kinds and EU statements (the theme's strings, `kind.eu_project:
//! Projet européen`), of programmes and themes (their taxonomy files), and
//! country names (the built-in table and the site's country files), in
//! French and in English, each leading to its id.
//!
//! Words are compared folded (case, accents, apostrophes, `-`, `_` and
//! spaces alike), so `en cours`, `En Cours` and `ongoing` are one status.
//! `normalise.rs` asks it for each cell of those columns.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::catalogue::countries;
use crate::catalogue::raw::values::{Direction, EuStatement, LinkKind, MobilityType, Role};
use crate::catalogue::{Catalogue, Kind, Status};
use crate::theme::Theme;
use crate::types::lang::Lang;
use crate::types::text::fold_accent;

/// A fixed choice a cell or a part of an item holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Choice {
    Kind,
    Status,
    Role,
    Mobility,
    Direction,
    Link,
    Eu,
    Programme,
    Theme,
    Country,
}

/// What a word is, for one choice.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// The id itself, as the files write it.
    Id,
    /// A label or another spelling of this id.
    Label(String),
    /// A label of several ids.
    Ambiguous(Vec<String>),
    Unknown,
}

/// Folded label → ids, by choice.
#[derive(Debug, Default)]
pub struct Vocabulary {
    words: BTreeMap<Choice, BTreeMap<String, Vec<String>>>,
}

/// `Projet européen` → `projet europeen`; `eu_project` → `eu project`.
pub fn fold(text: &str) -> String {
    let folded: String = text
        .chars()
        .flat_map(fold_accent)
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '’' | '‘' | '`' => '\'',
            '-' | '_' | '\u{a0}' | '\u{202f}' => ' ',
            c => c,
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The serde word of a value of an enum of the content model.
fn word(value: &impl Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

impl Vocabulary {
    /// The words of the site: its theme's labels (when it has a theme),
    /// its taxonomies and country files (when its content could be read).
    pub fn new(theme: Option<&Theme>, catalogue: Option<&Catalogue>) -> Self {
        let mut v = Vocabulary::default();
        v.choice(Choice::Kind, "kind", Kind::ALL.iter().map(word), theme);
        v.choice(
            Choice::Status,
            "status",
            Status::ALL.iter().map(word),
            theme,
        );
        v.choice(Choice::Role, "role", Role::ALL.iter().map(word), theme);
        let mobility = MobilityType::ALL.iter().map(word);
        v.choice(Choice::Mobility, "mobility", mobility, theme);
        let directions = Direction::ALL.iter().map(word);
        v.choice(Choice::Direction, "direction", directions, theme);
        v.choice(Choice::Link, "link", LinkKind::ALL.iter().map(word), theme);
        v.choice(Choice::Eu, "eu", EuStatement::ALL.iter().map(word), theme);
        for code in countries::codes() {
            v.add(Choice::Country, code, code);
            if let Some(name) = countries::lookup(code) {
                v.add(Choice::Country, name.fr, code);
                v.add(Choice::Country, name.en, code);
            }
        }
        if let Some(c) = catalogue {
            for (choice, terms) in [
                (Choice::Programme, &c.programmes),
                (Choice::Theme, &c.themes),
            ] {
                for term in terms.values() {
                    v.add(choice, &term.id, &term.id);
                    for label in term.labels.values() {
                        v.add(choice, label, &term.id);
                    }
                }
            }
            for country in c.countries.values() {
                for name in country.names.values() {
                    v.add(Choice::Country, name, &country.code);
                }
            }
        }
        v
    }

    /// The ids of an enum and their labels in the theme (`kind.<id>`).
    fn choice(
        &mut self,
        choice: Choice,
        prefix: &str,
        ids: impl Iterator<Item = String>,
        theme: Option<&Theme>,
    ) {
        for id in ids {
            self.add(choice, &id, &id);
            let Some(theme) = theme else { continue };
            for lang in [Lang::Fr, Lang::En] {
                let key = format!("{prefix}.{id}");
                let label = theme.text(lang, &key);
                if label != key {
                    self.add(choice, label, &id);
                }
            }
        }
    }

    fn add(&mut self, choice: Choice, label: &str, id: &str) {
        let ids = self
            .words
            .entry(choice)
            .or_default()
            .entry(fold(label))
            .or_default();
        if !ids.iter().any(|i| i == id) {
            ids.push(id.to_string());
        }
    }

    /// What `text` is for `choice`.
    pub fn find(&self, choice: Choice, text: &str) -> Found {
        let ids = self
            .words
            .get(&choice)
            .and_then(|words| words.get(&fold(text)));
        match ids.map(Vec::as_slice) {
            None | Some([]) => Found::Unknown,
            Some([id]) if id == text => Found::Id,
            Some([id]) => Found::Label(id.clone()),
            Some(ids) if ids.iter().any(|i| i == text) => Found::Id,
            Some(ids) => Found::Ambiguous(ids.to_vec()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_ids_without_a_theme() {
        let v = Vocabulary::new(None, None);
        assert_eq!(v.find(Choice::Kind, "eu_project"), Found::Id);
        assert_eq!(
            v.find(Choice::Kind, "EU project"),
            Found::Label("eu_project".into())
        );
        assert_eq!(v.find(Choice::Country, "be"), Found::Id);
        assert_eq!(
            v.find(Choice::Country, "Belgique"),
            Found::Label("be".into())
        );
        assert_eq!(v.find(Choice::Country, "BE"), Found::Label("be".into()));
        assert_eq!(v.find(Choice::Status, "someday"), Found::Unknown);
        assert_eq!(fold("Maître d’œuvre"), "maitre d'oeuvre");
    }
}
