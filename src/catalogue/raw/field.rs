//! How a field of the content files is described: its name, its label,
//! the kind of value it holds, whether it is required and whether it is
//! translated. The tables themselves sit beside the serde structs they
//! describe (`RawPartnership::FIELDS`…); this file holds only the words
//! they are written with, and imports nothing.
//!
//! Those tables are the single description of the front matter that the
//! rest of the pipeline derives from: the web editor's `admin/config.yml`
//! (`cms`) and the columns of a spreadsheet (`transfer`).

/// How a field is written across a partnership's (or page's) language
/// files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum I18n {
    /// In each language's file (T).
    Translated,
    /// Once, in the default language's file (S).
    Shared,
    /// A shared sub-field of a translated list item or of the logo: each
    /// language's file repeats it with the same value, which `check`
    /// accepts.
    Duplicated,
}

/// Where the allowed values of a choice come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choices {
    Kind,
    Status,
    Role,
    MobilityType,
    Direction,
    LinkKind,
    EuStatement,
    InstitutionType,
    /// The ids of `taxonomies/programmes.yaml`.
    Programme,
    /// The ids of `taxonomies/themes.yaml`.
    Theme,
    /// Every ISO 3166 code passerelle knows (`data/countries.tsv`).
    Country,
}

/// The kind of value a field holds, named after the editor's widget that
/// writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Widget {
    /// One line of text.
    String,
    /// Several lines of text, with at most this many characters.
    Text(Option<usize>),
    Markdown,
    Boolean,
    Integer,
    Number,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    Date,
    /// A point on the earth: `[latitude, longitude]` in degrees.
    Coordinates,
    /// A URL segment: lower-case letters a-z, digits, inner hyphens.
    Slug,
    /// A file of `content/media/`.
    Image,
    /// One of the choices.
    Select(Choices),
    /// Several of the choices, at least this many.
    SelectMany(Choices, usize),
    /// An item of another collection, stored by its file name.
    Relation(&'static str),
    /// A list of items, each with these fields.
    List(&'static [Field]),
    /// A map with these fields.
    Object(&'static [Field]),
    /// One text per site language, `{fr: …, en: …}`; Markdown or not.
    PerLanguage {
        markdown: bool,
    },
}

/// One field of a content file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The name in the file, as serde reads and writes it.
    pub name: &'static str,
    /// The label in English and in French.
    pub label: [&'static str; 2],
    pub widget: Widget,
    pub required: bool,
    pub i18n: I18n,
}

impl Field {
    /// The fields of a list's items or of a map's, if it has some.
    pub fn inner(&self) -> Option<&'static [Field]> {
        match self.widget {
            Widget::List(fields) | Widget::Object(fields) => Some(fields),
            _ => None,
        }
    }
}

/// A table row, kept on one line.
pub const fn field(
    name: &'static str,
    label: [&'static str; 2],
    widget: Widget,
    required: bool,
    i18n: I18n,
) -> Field {
    Field {
        name,
        label,
        widget,
        required,
        i18n,
    }
}
