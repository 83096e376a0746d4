//! The legal pages generated from `legal:` in site.yaml (the accessibility
//! statement, the legal notice, the personal-data page), the footer that
//! links them from every page, and the appearance settings every page
//! shares.
//!
//! A hand-written page with the same key (`content/pages/accessibility.fr.md`…)
//! wins over the generated one: the generated page is left out, and the
//! footer links the hand-written page instead.

use serde::Serialize;

use super::locale::format_date;
use super::views::{obfuscate, Link};
use super::Renderer;
use crate::config::{Appearance, Legal};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::text;

/// One of the generated legal pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LegalPage {
    Accessibility,
    LegalNotice,
    Privacy,
}

impl LegalPage {
    pub const ALL: [LegalPage; 3] = [
        LegalPage::Accessibility,
        LegalPage::LegalNotice,
        LegalPage::Privacy,
    ];

    /// The key of the hand-written page (`content/pages/<key>.<lang>.md`)
    /// that replaces it, and of `@/pages/<key>` links.
    pub fn key(self) -> &'static str {
        match self {
            LegalPage::Accessibility => "accessibility",
            LegalPage::LegalNotice => "legal-notice",
            LegalPage::Privacy => "privacy",
        }
    }

    pub fn from_key(key: &str) -> Option<LegalPage> {
        LegalPage::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The theme's template for the page.
    pub fn template(self) -> &'static str {
        match self {
            LegalPage::Accessibility => "legal/accessibility.html",
            LegalPage::LegalNotice => "legal/legal-notice.html",
            LegalPage::Privacy => "legal/privacy.html",
        }
    }

    /// The interface string of its title.
    fn title_key(self) -> &'static str {
        match self {
            LegalPage::Accessibility => "legal_accessibility",
            LegalPage::LegalNotice => "legal_notice",
            LegalPage::Privacy => "legal_privacy",
        }
    }
}

impl Renderer<'_> {
    /// The legal pages the build generates: every one, when site.yaml has
    /// `legal`, but those the site has written by hand.
    pub fn legal_pages(&self) -> Vec<LegalPage> {
        let c = self.catalogue;
        if c.config.legal.is_none() {
            return Vec::new();
        }
        LegalPage::ALL
            .into_iter()
            .filter(|l| !c.pages.iter().any(|p| p.key == l.key()))
            .collect()
    }

    /// The template and title of a generated legal page, its facts put
    /// into `ctx` as `legal`.
    pub(super) fn legal_context(
        &self,
        ctx: &mut tera::Context,
        page: LegalPage,
        lang: &str,
    ) -> (&'static str, String) {
        if let Some(legal) = &self.catalogue.config.legal {
            ctx.insert("legal", &self.legal_view(legal, lang));
        }
        let title = self.theme.text(lang, page.title_key()).to_string();
        (page.template(), title)
    }

    fn legal_view(&self, legal: &Legal, lang: &str) -> LegalView {
        let a = &legal.accessibility;
        let status = a.status.id();
        // As written (`72.5`, `100`), with the language's decimal sign.
        let rate = a.compliance_rate.map(|r| match lang {
            "fr" => format!("{}\u{a0}%", r.to_string().replace('.', ",")),
            _ => format!("{r}%"),
        });
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
            accessibility: AccessibilityView {
                status: status.to_string(),
                status_label: self
                    .theme
                    .text(lang, &format!("conformity.{status}"))
                    .to_string(),
                standard: a.standard.clone(),
                statement_date: format_date(&a.statement_date, lang),
                audit_date: a.audit_date.as_ref().map(|d| format_date(d, lang)),
                auditor: a.auditor.clone(),
                compliance_rate: rate,
                plan: a.plan.clone(),
                non_compliant: a.non_compliant.get(lang).cloned().unwrap_or_default(),
                contact: a.contact.as_deref().map(contact_view).or(contact.clone()),
            },
            contact,
            site: self.catalogue.config.title[lang].clone(),
            address_of_site: self.routes.absolute(&self.routes.home(lang)),
            links: LegalLinks {
                accessibility: self.legal_route(lang, LegalPage::Accessibility),
                legal_notice: self.legal_route(lang, LegalPage::LegalNotice),
                privacy: self.legal_route(lang, LegalPage::Privacy),
            },
            has_editor: self.catalogue.config.cms.is_some(),
        }
    }

    /// The route of a legal page: the hand-written one if there is one,
    /// else the generated one if site.yaml allows it.
    pub fn legal_route(&self, lang: &str, page: LegalPage) -> Option<String> {
        let c = self.catalogue;
        match c.pages.iter().find(|p| p.key == page.key()) {
            Some(p) => Some(self.routes.page(lang, p)),
            None => c
                .config
                .legal
                .as_ref()
                .map(|_| self.routes.legal(lang, page)),
        }
    }

    /// The links of every page's footer to the site's own pages: the
    /// hand-written ones, then the legal pages (the accessibility
    /// statement named by its conformity, as the RGAA asks).
    pub(super) fn footer_links(&self, lang: &str) -> Vec<Link> {
        let c = self.catalogue;
        let mut links: Vec<Link> = c
            .pages
            .iter()
            .filter(|p| LegalPage::from_key(&p.key).is_none())
            .map(|p| Link {
                label: p.text(lang).title.clone(),
                url: self.routes.page(lang, p),
            })
            .collect();
        for page in LegalPage::ALL {
            let Some(url) = self.legal_route(lang, page) else {
                continue;
            };
            let written = c.pages.iter().find(|p| p.key == page.key());
            let label = match (&c.config.legal, written) {
                (Some(legal), _) if page == LegalPage::Accessibility => {
                    self.conformity_line(legal, lang)
                }
                (_, Some(p)) => p.text(lang).title.clone(),
                _ => self.theme.text(lang, page.title_key()).to_string(),
            };
            links.push(Link { label, url });
        }
        links
    }

    /// « Accessibilité : partiellement conforme ».
    pub fn conformity_line(&self, legal: &Legal, lang: &str) -> String {
        let key = format!("conformity.{}", legal.accessibility.status.id());
        let label = self.theme.text(lang, &key);
        let accessibility = self.theme.text(lang, "accessibility_line");
        let colon = if lang == "fr" { "\u{a0}:" } else { ":" };
        format!("{accessibility}{colon} {label}")
    }

    /// A hand-written page may not take the address of a generated one.
    pub(super) fn check_legal_slugs(&self, diagnostics: &mut Diagnostics) {
        for page in self.legal_pages() {
            for lang in &self.catalogue.config.languages {
                let route = self.routes.legal(lang, page);
                let taken = self
                    .catalogue
                    .pages
                    .iter()
                    .find(|p| self.routes.page(lang, p) == route);
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
}

/// The header's logo, the colours and the footer's links of `appearance`,
/// for every page of `lang`.
pub(super) fn appearance_view(
    appearance: &Appearance,
    lang: &str,
    alt: &str,
    media: impl Fn(&str) -> String,
) -> AppearanceView {
    AppearanceView {
        footer_links: appearance
            .footer_links
            .iter()
            .map(|l| ExternalLink {
                label: l.label.get(lang).cloned().unwrap_or_default(),
                href: l.url.clone(),
            })
            .collect(),
        colors: appearance
            .colors
            .iter()
            .map(|(name, value)| Color {
                name: name.clone(),
                value: value.clone(),
            })
            .collect(),
        logo: appearance.logo.as_ref().map(|l| LogoView {
            url: media(&l.file),
            width: l.width,
            height: l.height,
            alt: alt.to_string(),
        }),
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

#[derive(Serialize)]
pub(super) struct AppearanceView {
    colors: Vec<Color>,
    logo: Option<LogoView>,
    footer_links: Vec<ExternalLink>,
}

#[derive(Serialize)]
struct ExternalLink {
    label: String,
    href: String,
}

#[derive(Serialize)]
struct Color {
    name: String,
    value: String,
}

#[derive(Serialize)]
struct LogoView {
    url: String,
    width: u32,
    height: u32,
    alt: String,
}
