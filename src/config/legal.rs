//! `legal:` in site.yaml: the facts the accessibility statement, the legal
//! notice and the personal-data page are generated from.
//!
//! French law asks for these pages (loi 2004-575 « LCEN » art. 6 for the
//! legal notice, loi 2005-102 art. 47 and the RGAA for the accessibility
//! statement, the GDPR for personal data). The checks refuse what would
//! publish a false statement (a conformity claimed without an audit, a date
//! that does not exist) and warn about facts the law requires but that a
//! site may not know yet, so that nothing is invented to fill a gap.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::report::{is_http, Report, SITE_YAML};
use crate::diagnostics::Diagnostic;
use crate::text;
use crate::types::date::PartialDate;

/// `legal:` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLegal {
    publisher: Option<String>,
    director: Option<String>,
    address: Option<String>,
    phone: Option<String>,
    contact: Option<String>,
    siret: Option<String>,
    host: Option<Host>,
    accessibility: RawAccessibility,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAccessibility {
    status: Conformity,
    statement_date: String,
    #[serde(default = "default_standard")]
    standard: String,
    audit_date: Option<String>,
    auditor: Option<String>,
    compliance_rate: Option<f64>,
    plan: Option<String>,
    #[serde(default)]
    non_compliant: BTreeMap<String, Vec<String>>,
    contact: Option<String>,
}

fn default_standard() -> String {
    "RGAA 4.1".to_string()
}

/// The conformity status of the RGAA: at least 50 % of its criteria met
/// for `partial`, all of them for `full`, and `none` when fewer are met
/// or when no audit has been made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Conformity {
    Full,
    Partial,
    None,
}

impl Conformity {
    /// The name used in site.yaml and in the interface strings.
    pub fn id(self) -> &'static str {
        match self {
            Conformity::Full => "full",
            Conformity::Partial => "partial",
            Conformity::None => "none",
        }
    }
}

/// The hosting provider, whose name, address and phone number the legal
/// notice must give.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Host {
    pub name: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub contact: Option<String>,
}

/// The legal settings, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Legal {
    /// The body that publishes the site (`legal.publisher`, or the
    /// site's `publisher`).
    pub publisher: String,
    /// The director of publication.
    pub director: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    /// An email address or an http(s) address.
    pub contact: Option<String>,
    /// 14 digits, as written.
    pub siret: Option<String>,
    pub host: Option<Host>,
    pub accessibility: Accessibility,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Accessibility {
    pub status: Conformity,
    pub statement_date: PartialDate,
    pub standard: String,
    pub audit_date: Option<PartialDate>,
    pub auditor: Option<String>,
    /// The share of the standard's criteria met, in percent.
    pub compliance_rate: Option<f64>,
    /// The address of the multi-year accessibility plan.
    pub plan: Option<String>,
    /// lang → the contents known not to be accessible.
    pub non_compliant: BTreeMap<String, Vec<String>>,
    /// Where to report a problem; `None` means the legal contact.
    pub contact: Option<String>,
}

/// Checks `legal:`. `publisher` is the site's top-level `publisher`,
/// which `legal.publisher` defaults to.
pub(super) fn check(
    raw: Option<RawLegal>,
    publisher: Option<&str>,
    languages: &[String],
    report: &mut Report,
) -> Option<Legal> {
    let raw = raw?;
    let Some(name) = raw.publisher.clone().or(publisher.map(str::to_string)) else {
        report.error(
            "legal",
            "legal",
            text!(
                "`legal` does not name the publisher",
                "`legal` ne nomme pas l'éditeur"
            ),
            Some(text!(
                "add `publisher: …` (the body that publishes the site) under `legal`, or at the top of site.yaml",
                "ajoutez `publisher: …` (l'organisme qui publie le site) sous `legal`, ou en haut de site.yaml"
            )),
        );
        return None;
    };
    check_contacts(&raw, report);
    let accessibility = check_accessibility(raw.accessibility, languages, report)?;
    let legal = Legal {
        publisher: name,
        director: raw.director,
        address: raw.address,
        phone: raw.phone,
        contact: raw.contact,
        siret: raw.siret,
        host: raw.host,
        accessibility,
    };
    warn_missing(&legal, report);
    Some(legal)
}

/// Email addresses, web addresses, phone numbers and the SIRET number.
fn check_contacts(raw: &RawLegal, report: &mut Report) {
    let contacts = [
        ("legal.contact", raw.contact.as_deref()),
        (
            "legal.host.contact",
            raw.host.as_ref().and_then(|h| h.contact.as_deref()),
        ),
        (
            "legal.accessibility.contact",
            raw.accessibility.contact.as_deref(),
        ),
    ];
    for (field, value) in contacts {
        if let Some(value) = value.filter(|v| !is_contact(v)) {
            report.error(
                field,
                value,
                text!(
                    "expected an email address or an http(s) address, found `{value}`",
                    "attendu : une adresse électronique ou une adresse http(s) ; trouvé : `{value}`"
                ),
                Some(text!(
                    "write it like `international@example.org` or `https://example.org/contact/`",
                    "écrivez-la comme `international@example.org` ou `https://example.org/contact/`"
                )),
            );
        }
    }
    let phones = [
        ("legal.phone", raw.phone.as_deref()),
        (
            "legal.host.phone",
            raw.host.as_ref().and_then(|h| h.phone.as_deref()),
        ),
    ];
    for (field, value) in phones {
        if let Some(value) = value.filter(|v| !is_phone(v)) {
            report.error(
                field,
                value,
                text!(
                    "expected a phone number, found `{value}`",
                    "attendu : un numéro de téléphone ; trouvé : `{value}`"
                ),
                Some(text!(
                    "write digits, spaces and `+`, like `+33 3 20 00 00 00`",
                    "écrivez des chiffres, des espaces et `+`, comme `+33 3 20 00 00 00`"
                )),
            );
        }
    }
    if let Some(siret) = raw.siret.as_deref().filter(|s| !is_siret(s)) {
        report.error(
            "legal.siret",
            siret,
            text!(
                "expected a SIRET number of 14 digits, found `{siret}`",
                "attendu : un numéro SIRET de 14 chiffres ; trouvé : `{siret}`"
            ),
            Some(text!(
                "copy it from the body's registration (spaces allowed), or leave `siret` out",
                "recopiez-le depuis l'immatriculation de l'organisme (espaces permises), ou retirez `siret`"
            )),
        );
    }
}

/// The statement's dates, its status against the audit, the rate and
/// the languages of the non-compliant contents.
fn check_accessibility(
    raw: RawAccessibility,
    languages: &[String],
    report: &mut Report,
) -> Option<Accessibility> {
    let statement_date = check_date(
        "legal.accessibility.statement_date",
        &raw.statement_date,
        report,
    );
    let audit_date = raw
        .audit_date
        .as_deref()
        .and_then(|date| check_date("legal.accessibility.audit_date", date, report));
    check_status(
        raw.status,
        raw.audit_date.is_some(),
        raw.compliance_rate,
        report,
    );
    if let Some(plan) = raw.plan.as_deref().filter(|p| !is_http(p)) {
        report.error(
            "legal.accessibility.plan",
            plan,
            text!(
                "expected an http(s) address, found `{plan}`",
                "attendu : une adresse http(s) ; trouvé : `{plan}`"
            ),
            None,
        );
    }
    for lang in raw.non_compliant.keys().filter(|l| !languages.contains(l)) {
        report.error(
            "legal.accessibility.non_compliant",
            lang,
            text!(
                "`{lang}` is not a language of the site",
                "`{lang}` n'est pas une langue du site"
            ),
            Some(text!(
                "write one list per language of `languages`: `non_compliant: {{fr: [...], en: [...]}}`",
                "écrivez une liste par langue de `languages` : `non_compliant: {{fr: [...], en: [...]}}`"
            )),
        );
    }
    Some(Accessibility {
        status: raw.status,
        statement_date: statement_date?,
        standard: raw.standard,
        audit_date,
        auditor: raw.auditor,
        compliance_rate: raw.compliance_rate,
        plan: raw.plan,
        non_compliant: raw.non_compliant,
        contact: raw.contact,
    })
}

/// A full date, `YYYY-MM-DD`, that exists.
fn check_date(field: &str, value: &str, report: &mut Report) -> Option<PartialDate> {
    match PartialDate::parse(value) {
        Ok(date) if date.day.is_some() => Some(date),
        _ => {
            report.error(
                field,
                value,
                text!(
                    "expected a date written YYYY-MM-DD, found `{value}`",
                    "attendu : une date écrite AAAA-MM-JJ ; trouvé : `{value}`"
                ),
                Some(text!(
                    "write the full date, like `2026-11-23`",
                    "écrivez la date complète, comme `2026-11-23`"
                )),
            );
            None
        }
    }
}

/// The RGAA's rule: without an audit a site is `none`; with one, the rate
/// of criteria met decides (100 % full, 50 % or more partial).
fn check_status(status: Conformity, audited: bool, rate: Option<f64>, report: &mut Report) {
    let id = status.id();
    if status != Conformity::None && !audited {
        report.error(
            "legal.accessibility.status",
            id,
            text!(
                "`status: {id}` needs an audit, and `audit_date` is missing",
                "`status: {id}` suppose un audit, et `audit_date` manque"
            ),
            Some(text!(
                "the RGAA says a site without a valid audit is `none` (not compliant): add `audit_date` (and `auditor`, `compliance_rate`), or write `status: none`",
                "le RGAA déclare non conforme un site sans audit en cours de validité : ajoutez `audit_date` (et `auditor`, `compliance_rate`), ou écrivez `status: none`"
            )),
        );
    }
    let Some(rate) = rate else { return };
    let shown = rate.to_string();
    let fits = match status {
        _ if !(0.0..=100.0).contains(&rate) => false,
        Conformity::Full => rate >= 100.0,
        Conformity::Partial => (50.0..100.0).contains(&rate),
        Conformity::None => rate < 50.0,
    };
    if !fits {
        report.error(
            "legal.accessibility.compliance_rate",
            &shown,
            text!(
                "a compliance rate of {shown} % does not match `status: {id}`",
                "un taux de conformité de {shown} % ne correspond pas à `status: {id}`"
            ),
            Some(text!(
                "the rate is a percentage: 100 is `full`, 50 to 99.9 `partial`, under 50 `none`",
                "le taux est un pourcentage : 100 donne `full`, de 50 à 99,9 `partial`, moins de 50 `none`"
            )),
        );
    }
}

/// One warning naming every fact the law asks for that `legal` leaves
/// out: the pages are generated without them, and nothing is made up.
fn warn_missing(legal: &Legal, report: &mut Report) {
    let host = legal.host.as_ref();
    let missing: Vec<&str> = [
        ("director", legal.director.is_none()),
        ("address", legal.address.is_none()),
        ("phone", legal.phone.is_none()),
        ("contact", legal.contact.is_none()),
        ("host", host.is_none()),
        ("host.address", host.is_some_and(|h| h.address.is_none())),
        ("host.phone", host.is_some_and(|h| h.phone.is_none())),
    ]
    .into_iter()
    .filter_map(|(name, missing)| missing.then_some(name))
    .collect();
    if missing.is_empty() {
        return;
    }
    let list = missing.join("`, `");
    let (line, column) = crate::source::locate(report.yaml, "legal", "").unwrap_or((0, 0));
    report.diagnostics.push(
        Diagnostic::warning(
            Path::new(SITE_YAML),
            text!(
                "the legal notice lacks facts the law requires: `{list}`",
                "il manque aux mentions légales des informations que la loi exige : `{list}`"
            ),
        )
        .field("legal")
        .at(report.yaml, line, column)
        .hint(text!(
            "the pages are generated without them; add them under `legal` when you know them (see docs/content-format.md, Legal pages)",
            "les pages sont produites sans elles ; ajoutez-les sous `legal` quand vous les connaissez (voir docs/content-format.md, Pages légales)"
        )),
    );
}

/// `name@domain.tld` or an http(s) address.
pub(super) fn is_contact(value: &str) -> bool {
    is_http(value) || is_email(value)
}

fn is_email(value: &str) -> bool {
    let Some((user, domain)) = value.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.contains(|c: char| c.is_whitespace() || "<>\"'()[],;:".contains(c))
        && !domain.contains('@')
}

fn is_phone(value: &str) -> bool {
    let digits = value.chars().filter(char::is_ascii_digit).count();
    digits >= 6
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || " +.-()".contains(c) || c == '\u{a0}')
}

fn is_siret(value: &str) -> bool {
    let digits: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    digits.len() == 14 && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_are_emails_or_web_addresses() {
        let cases = [
            ("international@irts-hdf.example", true),
            ("https://example.org/contact/", true),
            ("contact", false),
            ("a b@example.org", false),
            ("a@b@example.org", false),
            ("x@localhost", false),
            ("javascript:alert(1)", false),
        ];
        for (value, ok) in cases {
            assert_eq!(is_contact(value), ok, "{value}");
        }
    }

    #[test]
    fn phones_and_siret_numbers() {
        assert!(is_phone("+33 3 20 00 00 00"));
        assert!(is_phone("03.20.00.00.00"));
        assert!(!is_phone("call us"));
        assert!(!is_phone("12"));
        assert!(is_siret("123 456 789 00012"));
        assert!(!is_siret("123 456 789"));
        assert!(!is_siret("12345678900O12"));
    }
}
