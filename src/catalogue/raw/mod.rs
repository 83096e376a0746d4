//! The content files as serde structs, and the single description of
//! their fields: each struct mirrors a file (or an item of one) exactly and
//! carries its table of fields (`FIELDS`: name, label, kind of value,
//! required, translated or shared).
//!
//! This is the first step of the catalogue: `source` parses a file's YAML
//! into these structs, `resolve` turns them into the model. Everything
//! else that knows the front matter derives from here: import writes a
//! partnership's files by serialising [`RawPartnership`] (the skip rules
//! below leave out what a file does not say, the field order is the order
//! of `docs/content-format.md`), the web editor's config (`cms`) and the
//! spreadsheet's columns (`transfer`) read the tables. A new field is
//! described here, once: the struct's field and its row in the table (the
//! tests of `tests.rs` fail when they disagree). `resolve` then gives it
//! its meaning, and its spreadsheet cell needs a syntax in `transfer` (a
//! test there fails until it has one).
//!
//! Every field of a partnership is optional here because a translation file
//! holds only the translated fields; `resolve` checks what each file must
//! have. `deny_unknown_fields` makes a misspelt field an error with its
//! position.

pub mod field;
pub mod values;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, Serializer};

use crate::config::LangText;
use crate::types::date::PartialDate;
use crate::types::ids::InstitutionId;
use field::I18n::{Duplicated as D, Shared as S, Translated as T};
use field::{field, Choices, Field, Widget};
use values::{Direction, EuStatement, InstitutionType, Kind, LinkKind, MobilityType, Role, Status};

/// A partnership's front matter, one file per language.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPartnership {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub programme: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_ref: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub themes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_agreement: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "iso")]
    pub start: Option<PartialDate>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "iso")]
    pub end: Option<PartialDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub countries: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub members: Option<Vec<Member>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mobility: Option<Vec<Mobility>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funding: Option<Vec<Funding>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eu_funding: Option<EuFunding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beneficiaries: Option<String>,
    // Shared lists with a translated sub-field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contacts: Option<Vec<RawContact>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<RawLink>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub videos: Option<Vec<RawVideo>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo: Option<RawLogo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<RawImage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub featured: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draft: Option<bool>,
}

impl RawPartnership {
    /// The fields of a partnership, in the order of the struct (which is
    /// the order import writes them in).
    #[rustfmt::skip]
    pub const FIELDS: &'static [Field] = &[
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
        field("members", ["Members", "Membres"], Widget::List(Member::FIELDS), true, S),
        field("mobility", ["Mobility", "Mobilités"], Widget::List(Mobility::FIELDS), false, S),
        field("funding", ["Funding", "Financements"], Widget::List(Funding::FIELDS), false, S),
        field("eu_funding", ["EU funding statement", "Mention du financement européen"], Widget::Object(EuFunding::FIELDS), false, S),
        field("beneficiaries", ["Beneficiaries", "Bénéficiaires"], Widget::Text(None), false, T),
        field("contacts", ["Contacts", "Contacts"], Widget::List(RawContact::FIELDS), false, T),
        field("links", ["Links", "Liens"], Widget::List(RawLink::FIELDS), false, T),
        field("videos", ["Videos", "Vidéos"], Widget::List(RawVideo::FIELDS), false, T),
        field("logo", ["Logo", "Logo"], Widget::Object(RawLogo::FIELDS), false, T),
        field("image", ["Cover image", "Image de couverture"], Widget::Object(RawImage::FIELDS), false, T),
        field("featured", ["Featured (first on the home page)", "À la une (en tête de la page d'accueil)"], Widget::Boolean, false, S),
        field("draft", ["Draft (not published)", "Brouillon (non publié)"], Widget::Boolean, false, S),
    ];
}

/// A date as it is written: `2014`, `2014-09` or `2014-09-15`.
fn iso<S: Serializer>(date: &Option<PartialDate>, serializer: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => serializer.serialize_str(&date.iso()),
        None => serializer.serialize_none(),
    }
}

/// The names of the shared fields, for "a translation file may not set…".
pub const SHARED_FIELDS: [&str; 17] = [
    "acronym",
    "kind",
    "programme",
    "action",
    "project_ref",
    "themes",
    "status",
    "first_agreement",
    "start",
    "end",
    "countries",
    "members",
    "mobility",
    "funding",
    "eu_funding",
    "featured",
    "draft",
];

/// An item of `members`; also the model's, every value being checked by
/// serde.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub institution: InstitutionId,
    pub role: Role,
}

impl Member {
    #[rustfmt::skip]
    pub const FIELDS: &'static [Field] = &[
        field("institution", ["Institution", "Établissement"], Widget::Relation("institutions"), true, S),
        field("role", ["Role", "Rôle"], Widget::Select(Choices::Role), true, S),
    ];
}

/// An item of `mobility`; also the model's.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Mobility {
    #[serde(rename = "type")]
    pub kind: MobilityType,
    pub direction: Direction,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub places: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub months: Option<f64>,
}

impl Mobility {
    #[rustfmt::skip]
    pub const FIELDS: &'static [Field] = &[
        field("type", ["Type", "Type"], Widget::Select(Choices::MobilityType), true, S),
        field("direction", ["Direction", "Sens"], Widget::Select(Choices::Direction), true, S),
        field("places", ["Places", "Places"], Widget::Integer, false, S),
        field("months", ["Months", "Mois"], Widget::Number, false, S),
    ];
}

/// An item of `funding`; also the model's.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    /// Free text, or the id of an institution.
    pub funder: String,
    pub amount: f64,
    #[serde(default = "default_currency")]
    pub currency: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

impl Funding {
    #[rustfmt::skip]
    pub const FIELDS: &'static [Field] = &[
        field("funder", ["Funder (name or institution id)", "Financeur (nom ou identifiant d'établissement)"], Widget::String, true, S),
        field("amount", ["Amount", "Montant"], Widget::Number, true, S),
        field("currency", ["Currency (EUR by default)", "Devise (EUR par défaut)"], Widget::String, false, S),
        field("year", ["Year", "Année"], Widget::Integer, false, S),
    ];
}

fn default_currency() -> String {
    "EUR".to_string()
}

/// `eu_funding`; also the model's.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EuFunding {
    pub statement: EuStatement,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
}

impl EuFunding {
    #[rustfmt::skip]
    pub const FIELDS: &'static [Field] = &[
        field("statement", ["Statement", "Mention"], Widget::Select(Choices::EuStatement), true, S),
        field("authority", ["Granting authority", "Autorité de financement"], Widget::String, false, S),
    ];
}

/// An item of `contacts`: the default-language file holds the whole
/// item, a translation only its `role`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public: Option<bool>,
}

impl RawContact {
    #[rustfmt::skip]
    pub const FIELDS: &'static [Field] = &[
        field("name", ["Name", "Nom"], Widget::String, false, D),
        field("role", ["Role", "Fonction"], Widget::String, false, T),
        field("email", ["Email", "Courriel"], Widget::String, false, D),
        field("phone", ["Phone", "Téléphone"], Widget::String, false, D),
        field("public", ["Shown on the site", "Affiché sur le site"], Widget::Boolean, false, D),
    ];
}

/// An item of `links`, its `label` translated.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawLink {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<LinkKind>,
}

impl RawLink {
    #[rustfmt::skip]
    pub const FIELDS: &'static [Field] = &[
        field("url", ["Address", "Adresse"], Widget::String, false, D),
        field("label", ["Label", "Libellé"], Widget::String, false, T),
        field("kind", ["Kind", "Nature"], Widget::Select(Choices::LinkKind), false, D),
    ];
}

/// An item of `videos`, its `title` translated.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawVideo {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl RawVideo {
    #[rustfmt::skip]
    pub const FIELDS: &'static [Field] = &[
        field("url", ["Address", "Adresse"], Widget::String, false, D),
        field("title", ["Title", "Titre"], Widget::String, false, T),
    ];
}

/// `logo`, its `alt` translated.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawLogo {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
}

impl RawLogo {
    #[rustfmt::skip]
    pub const FIELDS: &'static [Field] = &[
        field("file", ["File", "Fichier"], Widget::Image, false, D),
        field("alt", ["Text alternative", "Alternative textuelle"], Widget::String, false, T),
    ];
}

/// `image`, the cover: its `alt` translated, its `credit` (the author or
/// the source, shown under the picture) the same in every language.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawImage {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
}

impl RawImage {
    #[rustfmt::skip]
    pub const FIELDS: &'static [Field] = &[
        field("file", ["File", "Fichier"], Widget::Image, false, D),
        field("alt", ["Text alternative", "Alternative textuelle"], Widget::String, false, T),
        field("credit", ["Credit (author, source)", "Crédit (auteur, source)"], Widget::String, false, D),
    ];
}

/// A page's front matter, one file per language.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

impl RawPage {
    #[rustfmt::skip]
    pub const FIELDS: &'static [Field] = &[
        field("title", ["Title", "Titre"], Widget::String, true, T),
        field("slug", ["Address segment (default: the file name)", "Segment d'adresse (par défaut : le nom du fichier)"], Widget::Slug, false, T),
        field("summary", ["Summary", "Résumé"], Widget::Text(None), false, T),
    ];
}

/// `countries/<code>.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawCountry {
    #[serde(default, skip_serializing_if = "LangText::is_empty")]
    pub name: LangText,
    #[serde(default, skip_serializing_if = "LangText::is_empty")]
    pub intro: LangText,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flag: Option<String>,
}

impl RawCountry {
    #[rustfmt::skip]
    pub const FIELDS: &'static [Field] = &[
        field("name", ["Name (default: the built-in name)", "Nom (par défaut : le nom intégré)"], Widget::PerLanguage { markdown: false }, false, S),
        field("intro", ["Introduction", "Introduction"], Widget::PerLanguage { markdown: true }, false, S),
        field("flag", ["Flag", "Drapeau"], Widget::Image, false, S),
    ];
}

/// `institutions/<id>.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawInstitution {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_lang: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    #[serde(rename = "type")]
    pub kind: InstitutionType,
    pub country: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// `[latitude, longitude]` in degrees: a point on the map.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coordinates: Option<Vec<f64>>,
    #[serde(default, skip_serializing_if = "LangText::is_empty")]
    pub description: LangText,
}

impl RawInstitution {
    #[rustfmt::skip]
    pub const FIELDS: &'static [Field] = &[
        field("name", ["Official name", "Nom officiel"], Widget::String, true, S),
        field("name_lang", ["Language of the name (de, it, ca…)", "Langue du nom (de, it, ca…)"], Widget::String, false, S),
        field("short_name", ["Short name", "Nom court"], Widget::String, false, S),
        field("type", ["Type", "Type"], Widget::Select(Choices::InstitutionType), true, S),
        field("country", ["Country", "Pays"], Widget::Select(Choices::Country), true, S),
        field("city", ["City", "Ville"], Widget::String, false, S),
        field("website", ["Website", "Site web"], Widget::String, false, S),
        field("logo", ["Logo", "Logo"], Widget::Image, false, S),
        field("coordinates", ["Coordinates [latitude, longitude]", "Coordonnées [latitude, longitude]"], Widget::Coordinates, false, S),
        field("description", ["Description", "Description"], Widget::PerLanguage { markdown: true }, false, S),
    ];
}

/// `themes.yaml` and `programmes.yaml`: id → labels.
pub type RawTaxonomy = BTreeMap<String, LangText>;

#[cfg(test)]
mod tests;
