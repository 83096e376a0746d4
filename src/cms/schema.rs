//! passerelle's content as the web editor sees it: one collection per
//! kind of file (its folder, how its files are written, what names new
//! files), each with the table of fields of the serde struct that `check`
//! reads (`catalogue::raw`, e.g. `RawPartnership::FIELDS`).
//!
//! The fields themselves are described once, beside those structs; this
//! file only says how the editor groups them, so the editor can neither
//! offer a field that `check` refuses nor miss one it accepts.

pub use crate::catalogue::raw::field::{Choices, Field, I18n, Widget};
use crate::catalogue::raw::{RawCountry, RawInstitution, RawPage, RawPartnership};

/// How a collection's files are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `<key>.<lang>.md`: YAML front matter and a Markdown body, one file
    /// per language.
    MarkdownPerLanguage,
    /// `<id>.yaml`, every language in the one file.
    Yaml,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Collection {
    pub name: &'static str,
    pub label: [&'static str; 2],
    pub singular: [&'static str; 2],
    pub folder: &'static str,
    pub format: Format,
    /// Whether editors may add files; a country's file name must be its
    /// ISO code, which the editor cannot ask for.
    pub create: bool,
    /// The field the editor names new files after (slugified).
    pub identifier: &'static str,
    /// How the editor's list names each file, when not by its identifier.
    pub summary: Option<&'static str>,
    pub fields: &'static [Field],
}

/// The editor's collections, in the order of its menu.
pub const COLLECTIONS: [Collection; 4] = [
    Collection {
        name: "partnerships",
        label: ["Partnerships", "Partenariats"],
        singular: ["Partnership", "Partenariat"],
        folder: "content/partnerships",
        format: Format::MarkdownPerLanguage,
        create: true,
        identifier: "title",
        summary: None,
        fields: RawPartnership::FIELDS,
    },
    Collection {
        name: "institutions",
        label: ["Institutions", "Établissements"],
        singular: ["Institution", "Établissement"],
        folder: "content/institutions",
        format: Format::Yaml,
        create: true,
        identifier: "name",
        summary: None,
        fields: RawInstitution::FIELDS,
    },
    Collection {
        name: "countries",
        label: ["Countries", "Pays"],
        singular: ["Country", "Pays"],
        folder: "content/countries",
        format: Format::Yaml,
        create: false,
        identifier: "name",
        summary: Some("{{slug}}"),
        fields: RawCountry::FIELDS,
    },
    Collection {
        name: "pages",
        label: ["Pages", "Pages"],
        singular: ["Page", "Page"],
        folder: "content/pages",
        format: Format::MarkdownPerLanguage,
        create: true,
        identifier: "title",
        summary: None,
        fields: RawPage::FIELDS,
    },
];
