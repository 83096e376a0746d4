//! Serde structs that mirror the content files exactly.
//!
//! Every field of a partnership is optional here because a translation file
//! holds only the translated fields; `resolve` checks what each file must
//! have. `deny_unknown_fields` makes a misspelt field an error with its
//! position.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::model::{EuFunding, Funding, InstitutionType, Kind, LinkKind, Member, Mobility, Status};
use crate::config::LangText;
use crate::types::date::PartialDate;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPartnership {
    // Translated fields.
    pub title: Option<String>,
    pub summary: Option<String>,
    pub slug: Option<String>,
    pub beneficiaries: Option<String>,
    // Shared fields.
    pub acronym: Option<String>,
    pub kind: Option<Kind>,
    pub programme: Option<String>,
    pub action: Option<String>,
    pub project_ref: Option<String>,
    pub themes: Option<Vec<String>>,
    pub status: Option<Status>,
    pub first_agreement: Option<i32>,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    pub countries: Option<Vec<String>>,
    pub members: Option<Vec<Member>>,
    pub mobility: Option<Vec<Mobility>>,
    pub funding: Option<Vec<Funding>>,
    pub eu_funding: Option<EuFunding>,
    pub draft: Option<bool>,
    // Shared lists with a translated sub-field.
    pub contacts: Option<Vec<RawContact>>,
    pub links: Option<Vec<RawLink>>,
    pub videos: Option<Vec<RawVideo>>,
    pub logo: Option<RawLogo>,
}

/// The names of the shared fields, for "a translation file may not set…".
pub const SHARED_FIELDS: [&str; 16] = [
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
    "draft",
];

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    pub name: Option<String>,
    pub role: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub public: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawLink {
    pub url: Option<String>,
    pub label: Option<String>,
    pub kind: Option<LinkKind>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawVideo {
    pub url: Option<String>,
    pub title: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawLogo {
    pub file: Option<String>,
    pub alt: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    pub title: String,
    pub slug: Option<String>,
    pub summary: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCountry {
    #[serde(default)]
    pub name: LangText,
    #[serde(default)]
    pub intro: LangText,
    pub flag: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawInstitution {
    pub name: String,
    pub name_lang: Option<String>,
    pub short_name: Option<String>,
    #[serde(rename = "type")]
    pub kind: InstitutionType,
    pub country: String,
    pub city: Option<String>,
    pub website: Option<String>,
    pub logo: Option<String>,
    #[serde(default)]
    pub description: LangText,
}

/// `themes.yaml` and `programmes.yaml`: id → labels.
pub type RawTaxonomy = BTreeMap<String, LangText>;
