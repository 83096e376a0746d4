//! The legal pages generated from `legal:` in site.yaml: the accessibility
//! statement, the legal notice and the personal-data page.
//!
//! A hand-written page with the same key (`content/pages/accessibility.fr.md`…)
//! wins over the generated one: the generated page is left out, and the
//! footer ([`crate::render::chrome`]) links the hand-written page instead.

use serde::Serialize;

use crate::config::{Accessibility, Legal};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::kinds::LegalPage;
use crate::render::locale::format_date;
use crate::render::site::SiteData;
use crate::render::views::obfuscate;
use crate::text;
use crate::types::lang::Lang;

/// The template and title of a generated legal page, its facts put into
/// `ctx` as `legal`.
pub fn legal(
    site: &SiteData,
    ctx: &mut tera::Context,
    page: LegalPage,
    lang: Lang,
) -> (&'static str, String) {
    if let Some(legal) = &site.catalogue.config.legal {
        ctx.insert("legal", &legal_view(site, legal, lang));
    }
    let title = site.theme.text(lang, page.title_key()).to_string();
    (page.template(), title)
}

fn legal_view(site: &SiteData, legal: &Legal, lang: Lang) -> LegalView {
    let r = &site.routes;
    let contact = legal.contact.as_deref().map(contact_view);
    LegalView {
        publisher: legal.publisher.clone(),
        director: legal.director.clone(),
        address: legal.address.clone(),
        phone: legal.phone.clone(),
        siret: legal.siret.clone(),
        host: legal.host.as_ref().map(|h| HostView {
            name: h.name.clone(),
            address: h.address.clone(),
            phone: h.phone.clone(),
            contact: h.contact.as_deref().map(contact_view),
        }),
        accessibility: accessibility_view(site, &legal.accessibility, contact.clone(), lang),
        contact,
        site: site.catalogue.config.title[lang.as_str()].clone(),
        address_of_site: r.absolute(&r.home(lang)),
        links: LegalLinks {
            accessibility: r.legal_page(lang, LegalPage::Accessibility),
            legal_notice: r.legal_page(lang, LegalPage::LegalNotice),
            privacy: r.legal_page(lang, LegalPage::Privacy),
        },
        has_editor: site.catalogue.config.cms.is_some(),
        external_hosts: external_hosts(site),
    }
}

/// The other sites the pages load from (images, and with raw HTML its
/// frames and scripts), for the personal-data page, in order.
fn external_hosts(site: &SiteData) -> Vec<String> {
    let c = site.catalogue;
    let raw_html = c.config.markdown.raw_html;
    let texts = c
        .partnerships
        .iter()
        .flat_map(|p| p.texts.values().map(|t| &t.body))
        .chain(
            c.pages
                .iter()
                .flat_map(|p| p.texts.values().map(|t| &t.body)),
        )
        .chain(c.countries.values().flat_map(|x| x.intro.values()))
        .chain(c.institutions.values().flat_map(|i| i.description.values()));
    let hosts: std::collections::BTreeSet<String> = texts
        .flat_map(|md| crate::markdown::external_hosts(&md.source, raw_html))
        .collect();
    hosts.into_iter().collect()
}

/// The accessibility statement's facts; `contact` is the site's, for when
/// the statement names none of its own.
fn accessibility_view(
    site: &SiteData,
    a: &Accessibility,
    contact: Option<ContactView>,
    lang: Lang,
) -> AccessibilityView {
    let status = a.status.id();
    // As written (`72.5`, `100`), with the language's decimal sign.
    let rate = a.compliance_rate.map(|r| match lang {
        Lang::Fr => format!("{}\u{a0}%", r.to_string().replace('.', ",")),
        Lang::En => format!("{r}%"),
    });
    AccessibilityView {
        status: status.to_string(),
        status_label: site
            .theme
            .text(lang, &format!("conformity.{status}"))
            .to_string(),
        standard: a.standard.clone(),
        statement_date: format_date(&a.statement_date, lang),
        audit_date: a.audit_date.as_ref().map(|d| format_date(d, lang)),
        auditor: a.auditor.clone(),
        compliance_rate: rate,
        plan: a.plan.clone(),
        non_compliant: a
            .non_compliant
            .get(lang.as_str())
            .cloned()
            .unwrap_or_default(),
        contact: a.contact.as_deref().map(contact_view).or(contact),
    }
}

/// A hand-written page may not take the address of a generated one.
pub fn check_slugs(site: &SiteData, diagnostics: &mut Diagnostics) {
    for page in LegalPage::generated(site.catalogue) {
        for &lang in &site.catalogue.config.languages {
            let route = site.routes.legal(lang, page);
            let taken = site
                .catalogue
                .pages
                .iter()
                .find(|p| site.routes.page(lang, p) == route);
            let Some(other) = taken else { continue };
            let file = &other.text(lang).body.file;
            let key = page.key();
            diagnostics.push(
                Diagnostic::error(file, text!(
                    "this page takes the address `{route}` of the generated `{key}` page",
                    "cette page prend l'adresse `{route}` de la page `{key}` produite"
                ))
                .field("slug")
                .hint(text!(
                    "give this page another `slug:`, or name its file `{key}.{lang}.md` to replace the generated page",
                    "donnez à cette page un autre `slug:`, ou nommez son fichier `{key}.{lang}.md` pour remplacer la page produite"
                )),
            );
        }
    }
}

/// An email address (written as character references) or a web address.
fn contact_view(contact: &str) -> ContactView {
    if contact.contains('@') && !contact.contains("://") {
        ContactView {
            email_html: Some(obfuscate(contact)),
            url: None,
        }
    } else {
        ContactView {
            email_html: None,
            url: Some(contact.to_string()),
        }
    }
}

#[derive(Serialize)]
struct LegalView {
    publisher: String,
    director: Option<String>,
    address: Option<String>,
    phone: Option<String>,
    contact: Option<ContactView>,
    siret: Option<String>,
    host: Option<HostView>,
    accessibility: AccessibilityView,
    /// The site's title in the page's language.
    site: String,
    /// The site's full address, when it has a `base_url`.
    address_of_site: Option<String>,
    links: LegalLinks,
    /// Whether the site has the web editor (`admin/`), which editors sign
    /// in to.
    has_editor: bool,
    /// The other sites the pages load from, which see visitors' addresses.
    external_hosts: Vec<String>,
}

#[derive(Serialize)]
struct LegalLinks {
    accessibility: Option<String>,
    legal_notice: Option<String>,
    privacy: Option<String>,
}

#[derive(Serialize)]
struct HostView {
    name: String,
    address: Option<String>,
    phone: Option<String>,
    contact: Option<ContactView>,
}

#[derive(Serialize)]
struct AccessibilityView {
    status: String,
    status_label: String,
    standard: String,
    statement_date: String,
    audit_date: Option<String>,
    auditor: Option<String>,
    compliance_rate: Option<String>,
    plan: Option<String>,
    non_compliant: Vec<String>,
    contact: Option<ContactView>,
}

#[derive(Clone, Serialize)]
struct ContactView {
    /// Safe HTML: the address as decimal character references.
    email_html: Option<String>,
    url: Option<String>,
}
