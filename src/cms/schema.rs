//! passerelle's content schema as the web editor sees it: one table per
//! kind of file, each field with its widget, whether it is required, and
//! whether it is translated (DESIGN §2, column S/T).
//!
//! The tests below hold the table to the serde structs that `check` reads
//! (`catalogue::raw`): every field of the table deserialises into them,
//! and every field they accept is in the table, so the editor cannot offer
//! a field that `check` refuses, nor miss one it accepts.

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

/// Where the options of a choice come from.
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

/// What the editor shows for a field, and so what it writes.
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
    List(&'static [Field]),
    Object(&'static [Field]),
    /// One text per site language, `{fr: …, en: …}`; Markdown or not.
    PerLanguage {
        markdown: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    /// The label in English and in French.
    pub label: [&'static str; 2],
    pub widget: Widget,
    pub required: bool,
    pub i18n: I18n,
}

const fn field(
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

use I18n::{Duplicated as D, Shared as S, Translated as T};

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

#[rustfmt::skip]
const MEMBER: &[Field] = &[
    field("institution", ["Institution", "Établissement"], Widget::Relation("institutions"), true, S),
    field("role", ["Role", "Rôle"], Widget::Select(Choices::Role), true, S),
];

#[rustfmt::skip]
const MOBILITY: &[Field] = &[
    field("type", ["Type", "Type"], Widget::Select(Choices::MobilityType), true, S),
    field("direction", ["Direction", "Sens"], Widget::Select(Choices::Direction), true, S),
    field("places", ["Places", "Places"], Widget::Integer, false, S),
    field("months", ["Months", "Mois"], Widget::Number, false, S),
];

#[rustfmt::skip]
const FUNDING: &[Field] = &[
    field("funder", ["Funder (name or institution id)", "Financeur (nom ou identifiant d'établissement)"], Widget::String, true, S),
    field("amount", ["Amount", "Montant"], Widget::Number, true, S),
    field("currency", ["Currency (EUR by default)", "Devise (EUR par défaut)"], Widget::String, false, S),
    field("year", ["Year", "Année"], Widget::Integer, false, S),
];

#[rustfmt::skip]
const CONTACT: &[Field] = &[
    field("name", ["Name", "Nom"], Widget::String, false, D),
    field("role", ["Role", "Fonction"], Widget::String, false, T),
    field("email", ["Email", "Courriel"], Widget::String, false, D),
    field("phone", ["Phone", "Téléphone"], Widget::String, false, D),
    field("public", ["Shown on the site", "Affiché sur le site"], Widget::Boolean, false, D),
];

#[rustfmt::skip]
const LINK: &[Field] = &[
    field("url", ["Address", "Adresse"], Widget::String, false, D),
    field("label", ["Label", "Libellé"], Widget::String, false, T),
    field("kind", ["Kind", "Nature"], Widget::Select(Choices::LinkKind), false, D),
];

#[rustfmt::skip]
const VIDEO: &[Field] = &[
    field("url", ["Address", "Adresse"], Widget::String, false, D),
    field("title", ["Title", "Titre"], Widget::String, false, T),
];

#[rustfmt::skip]
const LOGO: &[Field] = &[
    field("file", ["File", "Fichier"], Widget::Image, false, D),
    field("alt", ["Text alternative", "Alternative textuelle"], Widget::String, false, T),
];

#[rustfmt::skip]
const EU_FUNDING: &[Field] = &[
    field("statement", ["Statement", "Mention"], Widget::Select(Choices::EuStatement), true, S),
    field("authority", ["Granting authority", "Autorité de financement"], Widget::String, false, S),
];

/// A partnership's front matter (`raw::RawPartnership`).
#[rustfmt::skip]
pub const PARTNERSHIP: &[Field] = &[
    field("title", ["Title", "Titre"], Widget::String, true, T),
    field("summary", ["Summary (300 characters at most)", "Résumé (300 caractères au plus)"], Widget::Text(Some(300)), true, T),
    field("slug", ["Address segment (default: the file name)", "Segment d'adresse (par défaut : le nom du fichier)"], Widget::Slug, false, T),
    field("acronym", ["Acronym", "Acronyme"], Widget::String, false, S),
    field("kind", ["Kind", "Type"], Widget::Select(Choices::Kind), true, S),
    field("programme", ["Programme", "Programme"], Widget::Select(Choices::Programme), true, S),
    field("action", ["Action (KA131, KA220…)", "Action (KA131, KA220…)"], Widget::String, false, S),
    field("project_ref", ["Project reference", "Référence du projet"], Widget::String, false, S),
    field("themes", ["Themes", "Thématiques"], Widget::SelectMany(Choices::Theme, 1), true, S),
    field("status", ["Status", "Statut"], Widget::Select(Choices::Status), true, S),
    field("first_agreement", ["First agreement (year)", "Premier accord (année)"], Widget::Integer, false, S),
    field("start", ["Start (YYYY, YYYY-MM or YYYY-MM-DD)", "Début (AAAA, AAAA-MM ou AAAA-MM-JJ)"], Widget::Date, true, S),
    field("end", ["End (YYYY, YYYY-MM or YYYY-MM-DD)", "Fin (AAAA, AAAA-MM ou AAAA-MM-JJ)"], Widget::Date, false, S),
    field("countries", ["Countries (default: the members' countries)", "Pays (par défaut : ceux des membres)"], Widget::SelectMany(Choices::Country, 0), false, S),
    field("members", ["Members", "Membres"], Widget::List(MEMBER), true, S),
    field("mobility", ["Mobility", "Mobilités"], Widget::List(MOBILITY), false, S),
    field("funding", ["Funding", "Financements"], Widget::List(FUNDING), false, S),
    field("eu_funding", ["EU funding statement", "Mention du financement européen"], Widget::Object(EU_FUNDING), false, S),
    field("beneficiaries", ["Beneficiaries", "Bénéficiaires"], Widget::Text(None), false, T),
    field("contacts", ["Contacts", "Contacts"], Widget::List(CONTACT), false, T),
    field("links", ["Links", "Liens"], Widget::List(LINK), false, T),
    field("videos", ["Videos", "Vidéos"], Widget::List(VIDEO), false, T),
    field("logo", ["Logo", "Logo"], Widget::Object(LOGO), false, T),
    field("draft", ["Draft (not published)", "Brouillon (non publié)"], Widget::Boolean, false, S),
];

/// A page's front matter (`raw::RawPage`).
#[rustfmt::skip]
pub const PAGE: &[Field] = &[
    field("title", ["Title", "Titre"], Widget::String, true, T),
    field("slug", ["Address segment (default: the file name)", "Segment d'adresse (par défaut : le nom du fichier)"], Widget::Slug, false, T),
    field("summary", ["Summary", "Résumé"], Widget::Text(None), false, T),
];

/// `institutions/<id>.yaml` (`raw::RawInstitution`).
#[rustfmt::skip]
pub const INSTITUTION: &[Field] = &[
    field("name", ["Official name", "Nom officiel"], Widget::String, true, S),
    field("name_lang", ["Language of the name (de, it, ca…)", "Langue du nom (de, it, ca…)"], Widget::String, false, S),
    field("short_name", ["Short name", "Nom court"], Widget::String, false, S),
    field("type", ["Type", "Type"], Widget::Select(Choices::InstitutionType), true, S),
    field("country", ["Country", "Pays"], Widget::Select(Choices::Country), true, S),
    field("city", ["City", "Ville"], Widget::String, false, S),
    field("website", ["Website", "Site web"], Widget::String, false, S),
    field("logo", ["Logo", "Logo"], Widget::Image, false, S),
    field("description", ["Description", "Description"], Widget::PerLanguage { markdown: true }, false, S),
];

/// `countries/<code>.yaml` (`raw::RawCountry`).
#[rustfmt::skip]
pub const COUNTRY: &[Field] = &[
    field("name", ["Name (default: the built-in name)", "Nom (par défaut : le nom intégré)"], Widget::PerLanguage { markdown: false }, false, S),
    field("intro", ["Introduction", "Introduction"], Widget::PerLanguage { markdown: true }, false, S),
    field("flag", ["Flag", "Drapeau"], Widget::Image, false, S),
];

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
        fields: PARTNERSHIP,
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
        fields: INSTITUTION,
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
        fields: COUNTRY,
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
        fields: PAGE,
    },
];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde::de::DeserializeOwned;
    use serde_yaml::{Mapping, Value};

    use super::*;
    use crate::catalogue::raw::{
        RawContact, RawCountry, RawInstitution, RawLink, RawLogo, RawPage, RawPartnership, RawVideo,
    };
    use crate::catalogue::{
        Direction, EuFunding, EuStatement, Funding, InstitutionType, Kind, LinkKind, Member,
        Mobility, MobilityType, Role, Status,
    };
    use crate::cms::enum_id;

    /// The names serde lists in its "unknown …, expected one of `a`, `b`"
    /// message: the fields a struct accepts, or the variants of an enum.
    fn accepted<T: DeserializeOwned>(probe: &str) -> BTreeSet<String> {
        let error = match serde_yaml::from_str::<T>(probe) {
            Ok(_) => panic!("`{probe}` was accepted"),
            Err(e) => e.to_string(),
        };
        let expected = error.split("expected").nth(1).unwrap_or_default();
        let names: BTreeSet<String> = expected
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect();
        assert!(!names.is_empty(), "no names in: {error}");
        names
    }

    fn fields<T: DeserializeOwned>() -> BTreeSet<String> {
        accepted::<T>("__probe__: 0")
    }

    fn names(table: &[Field]) -> BTreeSet<String> {
        table.iter().map(|f| f.name.to_string()).collect()
    }

    /// A value every widget accepts, of the type `check` reads.
    fn sample(widget: Widget) -> Value {
        let first = |ids: Vec<String>| Value::from(ids[0].clone());
        match widget {
            Widget::String | Widget::Text(_) | Widget::Markdown | Widget::Slug => "x".into(),
            Widget::Image | Widget::Relation(_) => "x".into(),
            Widget::Boolean => true.into(),
            Widget::Integer => 2024.into(),
            Widget::Number => 1.5.into(),
            Widget::Date => "2024-03".into(),
            Widget::Select(c) => first(ids(c)),
            Widget::SelectMany(c, _) => Value::Sequence(vec![first(ids(c))]),
            Widget::List(table) => Value::Sequence(vec![front_matter(table)]),
            Widget::Object(table) => front_matter(table),
            Widget::PerLanguage { .. } => {
                serde_yaml::from_str("{fr: x, en: x}").expect("a map of texts")
            }
        }
    }

    fn ids(choices: Choices) -> Vec<String> {
        let all = |v: Vec<String>| v;
        match choices {
            Choices::Kind => all(Kind::ALL.iter().map(enum_id).collect()),
            Choices::Status => all(Status::ALL.iter().map(enum_id).collect()),
            Choices::Role => all(Role::ALL.iter().map(enum_id).collect()),
            Choices::MobilityType => all(MobilityType::ALL.iter().map(enum_id).collect()),
            Choices::Direction => all(Direction::ALL.iter().map(enum_id).collect()),
            Choices::LinkKind => all(LinkKind::ALL.iter().map(enum_id).collect()),
            Choices::EuStatement => all(EuStatement::ALL.iter().map(enum_id).collect()),
            Choices::InstitutionType => all(InstitutionType::ALL.iter().map(enum_id).collect()),
            Choices::Programme | Choices::Theme => vec!["x".to_string()],
            Choices::Country => vec!["be".to_string()],
        }
    }

    /// Every field of `table`, each with a sample value.
    fn front_matter(table: &[Field]) -> Value {
        let m: Mapping = table
            .iter()
            .map(|f| (Value::from(f.name), sample(f.widget)))
            .collect();
        Value::Mapping(m)
    }

    fn deserialises<T: DeserializeOwned>(table: &[Field]) {
        let yaml = serde_yaml::to_string(&front_matter(table)).unwrap();
        if let Err(e) = serde_yaml::from_str::<T>(&yaml) {
            panic!("the schema writes what check refuses: {e}\n{yaml}");
        }
    }

    #[test]
    fn every_field_of_the_schema_is_read_by_check() {
        deserialises::<RawPartnership>(PARTNERSHIP);
        deserialises::<RawPage>(PAGE);
        deserialises::<RawInstitution>(INSTITUTION);
        deserialises::<RawCountry>(COUNTRY);
    }

    #[test]
    fn every_field_check_reads_is_in_the_schema() {
        let cases = [
            (
                "partnership",
                names(PARTNERSHIP),
                fields::<RawPartnership>(),
            ),
            ("page", names(PAGE), fields::<RawPage>()),
            (
                "institution",
                names(INSTITUTION),
                fields::<RawInstitution>(),
            ),
            ("country", names(COUNTRY), fields::<RawCountry>()),
            ("members", names(MEMBER), fields::<Member>()),
            ("mobility", names(MOBILITY), fields::<Mobility>()),
            ("funding", names(FUNDING), fields::<Funding>()),
            ("contacts", names(CONTACT), fields::<RawContact>()),
            ("links", names(LINK), fields::<RawLink>()),
            ("videos", names(VIDEO), fields::<RawVideo>()),
            ("logo", names(LOGO), fields::<RawLogo>()),
            ("eu_funding", names(EU_FUNDING), fields::<EuFunding>()),
        ];
        for (what, schema, read) in cases {
            assert_eq!(
                schema, read,
                "{what}: schema (left) and check (right) differ"
            );
        }
    }

    #[test]
    fn enum_choices_are_every_variant() {
        let cases = [
            (Choices::Kind, accepted::<Kind>("__probe__")),
            (Choices::Status, accepted::<Status>("__probe__")),
            (Choices::Role, accepted::<Role>("__probe__")),
            (Choices::MobilityType, accepted::<MobilityType>("__probe__")),
            (Choices::Direction, accepted::<Direction>("__probe__")),
            (Choices::LinkKind, accepted::<LinkKind>("__probe__")),
            (Choices::EuStatement, accepted::<EuStatement>("__probe__")),
            (
                Choices::InstitutionType,
                accepted::<InstitutionType>("__probe__"),
            ),
        ];
        for (choices, variants) in cases {
            let listed: BTreeSet<String> = ids(choices).into_iter().collect();
            assert_eq!(listed, variants, "{choices:?}");
            assert_eq!(
                ids(choices).len(),
                variants.len(),
                "{choices:?} repeats a value"
            );
        }
    }

    #[test]
    fn translated_fields_follow_the_design() {
        // DESIGN §2: T fields, and the translated sub-fields of S lists.
        let translated = |table: &[Field]| -> BTreeSet<&str> {
            table
                .iter()
                .filter(|f| f.i18n == I18n::Translated)
                .map(|f| f.name)
                .collect()
        };
        let expected = [
            "title",
            "summary",
            "slug",
            "beneficiaries",
            "contacts",
            "links",
            "videos",
            "logo",
        ];
        assert_eq!(translated(PARTNERSHIP), expected.into_iter().collect());
        for (table, field) in [
            (CONTACT, "role"),
            (LINK, "label"),
            (VIDEO, "title"),
            (LOGO, "alt"),
        ] {
            assert_eq!(translated(table), [field].into_iter().collect());
            assert!(table.iter().all(|f| f.i18n != I18n::Shared), "{field}");
        }
        assert!(PAGE.iter().all(|f| f.i18n == I18n::Translated));
    }
}
