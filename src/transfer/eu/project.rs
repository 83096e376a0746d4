//! What the Erasmus+ and CORDIS readers agree on: a [`Project`] and its
//! [`Organisation`]s, each value already in the catalogue's words, and the
//! readings of the cells both layouts share (amounts, country codes,
//! statuses, organisation types, web addresses).
//!
//! `erasmus.rs` and `cordis.rs` fill these from their rows; `files.rs`
//! turns them into the site's files.

use crate::catalogue::countries;
use crate::catalogue::{InstitutionType, Kind, Role, Status};
use crate::text;
use crate::types::date::PartialDate;

use super::super::locate::CellRef;
use crate::diagnostics::Diagnostic;

/// Where a value was read: the row and, for a cell, its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    pub row: usize,
    pub column: Option<usize>,
}

/// One project of an export, in the catalogue's words.
#[derive(Debug, Clone)]
pub struct Project {
    pub origin: Origin,
    /// `2018-1-FI01-KA203-047242`, or CORDIS's grant number.
    pub identifier: String,
    /// The header of the identifier's column.
    pub id_header: &'static str,
    /// The key of its files.
    pub key: String,
    pub acronym: Option<String>,
    pub title: String,
    /// The full summary, paragraphs separated by blank lines.
    pub summary: String,
    /// The export's topics, matched to themes later.
    pub topics: Vec<String>,
    /// Where the topics are, and their column's header (for a located
    /// hint).
    pub topics_origin: Origin,
    pub topics_header: &'static str,
    /// A note kept in the text as it is (CORDIS's call topic).
    pub note: Option<(String, String)>,
    pub programme: Programme,
    pub kind: Kind,
    pub action: Option<String>,
    pub status: Status,
    pub start: PartialDate,
    pub end: Option<PartialDate>,
    pub year: Option<i32>,
    pub grant: Option<f64>,
    pub website: Option<String>,
    /// The project's page on the EU's platform, and its label.
    pub card: Option<(String, &'static str)>,
    /// Participating countries (lower-case codes).
    pub countries: Vec<String>,
    pub organisations: Vec<Organisation>,
}

/// The programme a project comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Programme {
    ErasmusPlus,
    HorizonEurope,
    Horizon2020,
    Fp7,
}

impl Programme {
    /// The id it gets in `taxonomies/programmes.yaml` when the site has
    /// none of its name, and its labels (fr, en).
    pub fn term(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Programme::ErasmusPlus => ("erasmus-plus", "Erasmus+", "Erasmus+"),
            Programme::HorizonEurope => ("horizon-europe", "Horizon Europe", "Horizon Europe"),
            Programme::Horizon2020 => ("horizon-2020", "Horizon 2020", "Horizon 2020"),
            Programme::Fp7 => (
                "fp7",
                "7e programme-cadre de recherche",
                "Seventh Framework Programme",
            ),
        }
    }
}

/// One organisation of a project.
#[derive(Debug, Clone)]
pub struct Organisation {
    pub origin: Origin,
    pub name: String,
    pub kind: InstitutionType,
    /// Lower-case code (`gr`, `gb`).
    pub country: String,
    pub city: Option<String>,
    pub website: Option<String>,
    /// `[latitude, longitude]`, where the export gives them (CORDIS's
    /// `geolocation`).
    pub coordinates: Option<Vec<f64>>,
    pub role: Role,
}

/// CORDIS's `geolocation` (`"50.6326,5.5797"`) as `[latitude, longitude]`,
/// if it is two numbers on the earth.
pub fn coordinates(value: &str) -> Option<Vec<f64>> {
    let (lat, lon) = value.trim().split_once(',')?;
    let lat: f64 = lat.trim().parse().ok()?;
    let lon: f64 = lon.trim().parse().ok()?;
    let on_earth = (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon);
    on_earth.then(|| vec![lat, lon])
}

/// A country code as the EU writes it (`EL`, `UK`, `BE`), or a country's
/// French or English name, as the site's code (`gr`, `gb`, `be`).
pub fn country_code(value: &str) -> Option<String> {
    let value = value.trim();
    let code = match value.to_ascii_uppercase().as_str() {
        "EL" => "gr".to_string(),
        "UK" => "gb".to_string(),
        code if code.len() == 2 && code.chars().all(|c| c.is_ascii_alphabetic()) => {
            code.to_ascii_lowercase()
        }
        _ => return countries::code_for_name(value).map(str::to_string),
    };
    countries::lookup(&code).map(|_| code)
}

/// The reading of a country cell, or a diagnostic at `at`.
pub fn read_country(value: &str, at: &CellRef) -> Result<String, Diagnostic> {
    country_code(value).ok_or_else(|| {
        at.diagnostic(
            text!(
                "unknown country `{value}`",
                "pays inconnu `{value}`"
            ),
            Some(text!(
                "expected a two-letter code such as `BE`, `EL` (Greece) or `UK`, or a country's name",
                "attendu : un code de deux lettres comme `BE`, `EL` (Grèce) ou `UK`, ou le nom d'un pays"
            )),
        )
    })
}

/// Every country of a list cell: `LI,DE,BE`, `LI; DE`.
pub fn country_list(value: &str) -> Vec<Result<String, String>> {
    value
        .split([',', ';', '|', ' '])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| country_code(c).ok_or_else(|| c.to_string()))
        .collect()
}

/// An amount in euros: `112527.93`, `200,000.00`, `€ 200 000`; with
/// `decimal_comma` (CORDIS) a lone comma is the decimal mark
/// (`2999692,5`).
pub fn amount(value: &str, decimal_comma: bool) -> Option<f64> {
    let kept: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '€' | '\u{a0}' | '\u{202f}'))
        .collect();
    let kept = kept.trim_start_matches("EUR").trim_end_matches("EUR");
    let normal = match (kept.rfind(','), kept.rfind('.')) {
        (Some(comma), Some(dot)) if comma > dot => kept.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => kept.replace(',', ""),
        (Some(_), None) if decimal_comma => kept.replace(',', "."),
        (Some(_), None) => kept.replace(',', ""),
        _ => kept.to_string(),
    };
    normal
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n >= 0.0)
}

/// `finalized`, `closed` and `terminated` are over; `ongoing` and
/// `signed` are running.
pub fn status(value: &str) -> Option<Status> {
    match value.trim().to_lowercase().as_str() {
        "finalized" | "finalised" | "closed" | "terminated" | "completed" | "ended" => {
            Some(Status::Ended)
        }
        "ongoing" | "signed" | "running" | "open" => Some(Status::Ongoing),
        _ => None,
    }
}

/// The action code inside an identifier: `2018-1-FI01-KA203-047242` →
/// `KA203`, `590191-EPP-1-2017-1-BE-EPPKA3-PI-FORWARD` → `KA3`.
pub fn action_code(identifier: &str) -> Option<String> {
    identifier.split('-').find_map(|part| {
        let part = part.trim().to_ascii_uppercase();
        let part = part.strip_prefix("EPP").unwrap_or(&part);
        let digits = part.strip_prefix("KA")?;
        (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then(|| part.to_string())
    })
}

/// Key Action 1 (KA1xx) is the mobility of people.
pub fn kind_of_action(action: Option<&str>) -> Kind {
    match action {
        Some(a) if a.starts_with("KA1") => Kind::ErasmusMobility,
        _ => Kind::EuProject,
    }
}

/// The institution type from an Erasmus+ organisation type or a CORDIS
/// activity type (`HES`, `PUB`, `REC`, `PRC`, `OTH`).
pub fn institution_type(value: &str) -> InstitutionType {
    let lower = value.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    match lower.trim() {
        "hes" => return InstitutionType::University,
        "pub" => return InstitutionType::PublicAuthority,
        _ => {}
    }
    if has(&["higher education", "university", "université"]) {
        InstitutionType::University
    } else if has(&["public body", "public authority", "ministry", "municipal"]) {
        InstitutionType::PublicAuthority
    } else if has(&["network", "european ngo", "federation"]) {
        InstitutionType::Network
    } else if has(&[
        "non-governmental",
        "association",
        "ngo",
        "social enterprise",
        "foundation",
    ]) {
        InstitutionType::Association
    } else if has(&["vocational", "training", "school", "educational"]) {
        InstitutionType::TrainingInstitute
    } else {
        InstitutionType::Other
    }
}

/// A web address as the site needs it: `www.example.eu` gets `https://`.
pub fn website(value: &str) -> Option<String> {
    let value = value.trim();
    let lower = value.to_lowercase();
    if value.is_empty() || value.contains(char::is_whitespace) {
        return None;
    }
    if lower.starts_with("http://") || lower.starts_with("https://") {
        Some(value.to_string())
    } else if value.contains('.') && !value.contains('@') {
        Some(format!("https://{value}"))
    } else {
        None
    }
}

/// The town of an address written `street, postcode, town`.
pub fn town(address: &str) -> Option<String> {
    let last = address.rsplit(',').next()?.trim();
    let town: String = last
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '-' || c == ' ')
        .trim()
        .to_string();
    (!town.is_empty() && town.chars().any(char::is_alphabetic)).then_some(town)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cordis_geolocation_becomes_latitude_then_longitude() {
        assert_eq!(coordinates("50.6326,5.5797"), Some(vec![50.6326, 5.5797]));
        assert_eq!(coordinates(" 46.81 , -71.2 "), Some(vec![46.81, -71.2]));
        for wrong in ["", "50.6", "north,east", "95,5", "50,190"] {
            assert_eq!(coordinates(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn eu_country_codes_become_the_sites() {
        assert_eq!(country_code("EL").as_deref(), Some("gr"));
        assert_eq!(country_code("UK").as_deref(), Some("gb"));
        assert_eq!(country_code("be").as_deref(), Some("be"));
        assert_eq!(country_code("Belgium").as_deref(), Some("be"));
        assert_eq!(country_code("ZZ"), None);
        let list = country_list("LI,DE, EL");
        assert_eq!(list, [Ok("li".into()), Ok("de".into()), Ok("gr".into())]);
    }

    #[test]
    fn amounts_as_the_exports_write_them() {
        assert_eq!(amount("112527.93", false), Some(112527.93));
        assert_eq!(amount("200,000.00", false), Some(200000.0));
        assert_eq!(amount("2999692,5", true), Some(2999692.5));
        assert_eq!(amount("1.234.567,80", true), Some(1234567.8));
        assert_eq!(amount("€ 12 500", false), Some(12500.0));
        assert_eq!(amount("n/a", false), None);
    }

    #[test]
    fn action_codes_are_read_from_identifiers() {
        let code = |id| action_code(id);
        assert_eq!(code("2018-1-FI01-KA203-047242").as_deref(), Some("KA203"));
        assert_eq!(
            code("2025-1-AT01-KA121-VET-000306220").as_deref(),
            Some("KA121")
        );
        assert_eq!(
            code("590191-EPP-1-2017-1-BE-EPPKA3-PI-FORWARD").as_deref(),
            Some("KA3")
        );
        assert_eq!(code("101094123"), None);
        assert_eq!(kind_of_action(Some("KA121")), Kind::ErasmusMobility);
        assert_eq!(kind_of_action(Some("KA203")), Kind::EuProject);
    }

    #[test]
    fn statuses_types_addresses() {
        assert_eq!(status("finalized"), Some(Status::Ended));
        assert_eq!(status("SIGNED"), Some(Status::Ongoing));
        assert_eq!(status("maybe"), None);
        let t = institution_type("Higher education institution (tertiary level)");
        assert_eq!(t, InstitutionType::University);
        let t = institution_type("Non-governmental organisation/association/social enterprise");
        assert_eq!(t, InstitutionType::Association);
        assert_eq!(institution_type("PUB"), InstitutionType::PublicAuthority);
        assert_eq!(
            website("www.example.eu").as_deref(),
            Some("https://www.example.eu")
        );
        assert_eq!(website("http://a.org/").as_deref(), Some("http://a.org/"));
        assert_eq!(website("none"), None);
        assert_eq!(town("Rue X 1, 4000, Liège").as_deref(), Some("Liège"));
        assert_eq!(town("Main St 5, 10-100 Kraków").as_deref(), Some("Kraków"));
    }
}
