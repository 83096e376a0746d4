//! The sections of a site's content and the `@/section/id` references to
//! their items, parsed once.

use std::fmt;

use serde::{Serialize, Serializer};

/// A folder of `content/` whose items can be linked to with `@/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Partnerships,
    Countries,
    Institutions,
    Themes,
    Programmes,
    Pages,
}

impl Section {
    /// Every section, in the order the documentation lists them.
    pub const ALL: [Section; 6] = [
        Section::Partnerships,
        Section::Countries,
        Section::Institutions,
        Section::Themes,
        Section::Programmes,
        Section::Pages,
    ];

    /// The names as written after `@/`.
    pub const NAMES: [&'static str; 6] = [
        "partnerships",
        "countries",
        "institutions",
        "themes",
        "programmes",
        "pages",
    ];

    /// The section written `name` after `@/` (`partnerships`).
    pub fn parse(name: &str) -> Option<Section> {
        let index = Self::NAMES.iter().position(|n| *n == name)?;
        Some(Self::ALL[index])
    }

    /// The name as written after `@/`, which is also its `content/` folder
    /// (`themes` and `programmes` live in `content/taxonomies/`).
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// Serialised as its name (`"partnerships"`), as reports show it.
impl Serialize for Section {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An item of the site, as an `@/section/id` link names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemRef<'a> {
    pub section: Section,
    pub id: &'a str,
}

impl<'a> ItemRef<'a> {
    /// The item named by a link's path after `@/` (`countries/be`); `None`
    /// when the section is not one of the site's.
    pub fn parse(path: &'a str) -> Option<ItemRef<'a>> {
        let (section, id) = path.split_once('/').unwrap_or((path, ""));
        Some(ItemRef {
            section: Section::parse(section)?,
            id,
        })
    }
}

impl fmt::Display for ItemRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.section, self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_name_a_section_and_an_id() {
        let cases = [
            ("countries/be", Some((Section::Countries, "be"))),
            ("partnerships/dlis", Some((Section::Partnerships, "dlis"))),
            ("pages", Some((Section::Pages, ""))),
            ("media/logo.png", None),
            ("pays/be", None),
        ];
        for (path, expected) in cases {
            let found = ItemRef::parse(path).map(|r| (r.section, r.id));
            assert_eq!(found, expected, "{path}");
        }
    }

    #[test]
    fn names_round_trip() {
        for section in Section::ALL {
            assert_eq!(Section::parse(section.name()), Some(section));
        }
        let item = ItemRef::parse("institutions/helmo").unwrap();
        assert_eq!(item.to_string(), "institutions/helmo");
        let json = serde_json::to_string(&Section::Partnerships).unwrap();
        assert_eq!(json, "\"partnerships\"");
    }
}
