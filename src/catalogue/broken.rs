//! The items that exist but failed to load, so that problems that would
//! only repeat theirs (a link to them, a translation that seems missing)
//! are not reported: the build fails for their own errors.

use std::collections::BTreeSet;

use crate::types::item::{ItemRef, Section};

/// What failed, by section: a whole item, one language's file of a
/// partnership or a page, or a taxonomy's file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Entry {
    /// `partnerships/dlis`, `countries/be`, `institutions/helmo`.
    Item(Section, String),
    /// `partnerships/dlis.fr`: the key, then the language.
    File(Section, String, String),
    /// `content/taxonomies/themes.yaml`: every term of the section.
    Taxonomy(Section),
}

/// The items and files of a site that failed to load.
#[derive(Debug, Clone, Default)]
pub struct Broken(BTreeSet<Entry>);

impl Broken {
    /// The item `id` of `section` failed (its file, or its resolution).
    pub fn add_item(&mut self, section: Section, id: &str) {
        self.0.insert(Entry::Item(section, id.to_string()));
    }

    /// The `lang` file of the partnership or page `key` failed.
    pub fn add_file(&mut self, section: Section, key: &str, lang: &str) {
        self.0
            .insert(Entry::File(section, key.to_string(), lang.to_string()));
    }

    /// The file of the taxonomy `section` (themes, programmes) failed.
    pub fn add_taxonomy(&mut self, section: Section) {
        self.0.insert(Entry::Taxonomy(section));
    }

    pub fn has_item(&self, section: Section, id: &str) -> bool {
        // Borrowed look-ups would need a key type per variant; the set is
        // small (the failures of one build).
        self.0.contains(&Entry::Item(section, id.to_string()))
    }

    pub fn has_file(&self, section: Section, key: &str, lang: &str) -> bool {
        self.0
            .contains(&Entry::File(section, key.to_string(), lang.to_string()))
    }

    pub fn has_taxonomy(&self, section: Section) -> bool {
        self.0.contains(&Entry::Taxonomy(section))
    }

    /// Whether the target of an `@/` link failed to load: an item, or one
    /// language's file when the link names it (`@/partnerships/dlis.fr`).
    pub fn has_link_target(&self, item: ItemRef) -> bool {
        self.has_item(item.section, item.id)
            || item
                .id
                .rsplit_once('.')
                .is_some_and(|(key, lang)| self.has_file(item.section, key, lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_find_broken_items_and_files() {
        let mut broken = Broken::default();
        broken.add_item(Section::Institutions, "helmo");
        broken.add_file(Section::Partnerships, "dlis", "fr");
        broken.add_taxonomy(Section::Themes);
        let cases = [
            ("institutions/helmo", true),
            ("partnerships/dlis.fr", true),
            ("partnerships/dlis", false),
            ("countries/helmo", false),
            ("themes/", false),
        ];
        for (path, expected) in cases {
            let item = ItemRef::parse(path).unwrap();
            assert_eq!(broken.has_link_target(item), expected, "{path}");
        }
        assert!(broken.has_taxonomy(Section::Themes));
        assert!(!broken.has_taxonomy(Section::Programmes));
    }
}
