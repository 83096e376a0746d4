//! The resolved model: every item of the site, keyed by id, with every
//! reference known to exist. What the catalogue stage hands to the later
//! ones (media, render, exports), which read it only and never re-check.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::config::{LangText, SiteConfig};
use crate::markdown::Markdown;
use crate::types::date::PartialDate;
use crate::types::ids::{CountryCode, InstitutionId};
use crate::types::lang::Lang;

// The words a field may take and the items of the shared lists are the
// raw structs themselves: serde checks every value, and the model keeps
// them as they are written.
pub use super::raw::values::{
    Direction, EuStatement, InstitutionType, Kind, LinkKind, MobilityType, Role, Status,
};
pub use super::raw::{EuFunding, Funding, Member, Mobility};

/// Everything the site shows, flat and keyed by id (Zola's `Library`).
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub config: SiteConfig,
    /// Sorted by key; drafts are left out unless the build asked for them.
    pub partnerships: Vec<Partnership>,
    pub countries: BTreeMap<CountryCode, Country>,
    pub institutions: BTreeMap<InstitutionId, Institution>,
    pub themes: BTreeMap<String, Term>,
    pub programmes: BTreeMap<String, Term>,
    pub pages: Vec<Page>,
    /// Items that exist but failed to load (`partnerships/dlis`): links to
    /// them are not reported again, the build fails for their own errors.
    pub broken: super::broken::Broken,
}

#[derive(Debug, Clone)]
pub struct Partnership {
    pub key: String,
    /// The texts present, by language: at least one, the default
    /// language's unless the text is written in another language only.
    pub texts: BTreeMap<Lang, PartnershipText>,
    pub acronym: Option<String>,
    pub kind: Kind,
    pub programme: String,
    pub action: Option<String>,
    pub project_ref: Option<String>,
    pub themes: Vec<String>,
    pub status: Status,
    pub first_agreement: Option<i32>,
    pub start: PartialDate,
    pub end: Option<PartialDate>,
    /// Given, or derived from the members' countries; sorted, no repeats.
    pub countries: Vec<CountryCode>,
    pub members: Vec<Member>,
    pub mobility: Vec<Mobility>,
    pub funding: Vec<Funding>,
    pub contacts: Vec<Contact>,
    pub links: Vec<Link>,
    pub videos: Vec<Video>,
    pub logo: Option<String>,
    /// The cover image, a file of `content/media/`.
    pub image: Option<Cover>,
    pub eu_funding: Option<EuFunding>,
    /// Shown first on the home page.
    pub featured: bool,
    pub draft: bool,
}

/// A partnership's cover: the file and its credit; the text alternative
/// is translated ([`PartnershipText::image_alt`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cover {
    pub file: String,
    pub credit: Option<String>,
}

impl Partnership {
    /// The text to show in `lang`: its own, or the default language's, or
    /// else the one language it is written in.
    pub fn text(&self, lang: Lang) -> &PartnershipText {
        self.texts
            .get(&lang)
            .or_else(|| self.texts.values().find(|t| t.is_default))
            .or_else(|| self.texts.values().next())
            .expect("a partnership always has a text in one language")
    }
}

/// The translated part of a partnership, one per language file.
#[derive(Debug, Clone)]
pub struct PartnershipText {
    pub lang: Lang,
    pub is_default: bool,
    pub file: PathBuf,
    pub title: String,
    pub summary: String,
    pub slug: String,
    pub beneficiaries: Option<String>,
    pub body: Markdown,
    /// Item by item, the translated sub-fields of the shared lists.
    pub contact_roles: Vec<Option<String>>,
    pub link_labels: Vec<Option<String>>,
    pub video_titles: Vec<Option<String>>,
    pub logo_alt: Option<String>,
    pub image_alt: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Contact {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub public: bool,
}

#[derive(Debug, Clone)]
pub struct Link {
    pub url: String,
    pub kind: LinkKind,
}

#[derive(Debug, Clone)]
pub struct Video {
    pub url: String,
}

#[derive(Debug, Clone)]
pub struct Country {
    pub code: CountryCode,
    /// One name per site language.
    pub names: LangText,
    pub intro: BTreeMap<Lang, Markdown>,
    pub flag: Option<String>,
}

/// The text of `texts` to show in `lang`: its own, or else the default
/// language's, or else the first one written (a text in one language
/// only); with the language it is written in.
pub fn text_in(
    texts: &BTreeMap<Lang, Markdown>,
    lang: Lang,
    default: Lang,
) -> Option<(Lang, &Markdown)> {
    [lang, default]
        .into_iter()
        .find_map(|l| texts.get(&l).map(|t| (l, t)))
        .or_else(|| texts.iter().next().map(|(l, t)| (*l, t)))
}

#[derive(Debug, Clone)]
pub struct Institution {
    pub id: InstitutionId,
    pub name: String,
    pub name_lang: Option<String>,
    pub short_name: Option<String>,
    pub kind: InstitutionType,
    pub country: CountryCode,
    pub city: Option<String>,
    pub website: Option<String>,
    pub logo: Option<String>,
    /// Latitude and longitude in degrees, checked to be on the earth.
    pub coordinates: Option<(f64, f64)>,
    pub description: BTreeMap<Lang, Markdown>,
}

/// A theme or a programme.
#[derive(Debug, Clone)]
pub struct Term {
    pub id: String,
    pub labels: LangText,
}

impl Term {
    /// The label in `lang`, or else in the one language it is written in
    /// (a warning the build has already given); the id when the file has
    /// none (an error already reported).
    pub fn label(&self, lang: Lang) -> String {
        self.label_lang(lang)
            .and_then(|l| self.labels.get(l))
            .cloned()
            .unwrap_or_else(|| self.id.clone())
    }

    /// The language of the label shown in `lang`: `lang` itself, or
    /// another when the label is not translated.
    pub fn label_lang(&self, lang: Lang) -> Option<&str> {
        if self.labels.contains_key(lang.as_str()) {
            return Some(lang.as_str());
        }
        self.labels
            .keys()
            .find(|l| Lang::parse(l).is_some())
            .map(String::as_str)
    }
}

#[derive(Debug, Clone)]
pub struct Page {
    pub key: String,
    pub texts: BTreeMap<Lang, PageText>,
}

impl Page {
    /// The text to show in `lang`: its own, or the default language's, or
    /// else the one language it is written in.
    pub fn text(&self, lang: Lang) -> &PageText {
        self.texts
            .get(&lang)
            .or_else(|| self.texts.values().find(|t| t.is_default))
            .or_else(|| self.texts.values().next())
            .expect("a page always has a text in one language")
    }
}

#[derive(Debug, Clone)]
pub struct PageText {
    pub lang: Lang,
    pub is_default: bool,
    pub title: String,
    pub slug: String,
    pub summary: Option<String>,
    pub body: Markdown,
}
