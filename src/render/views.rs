//! The structs templates see. Templates never see the catalogue itself, so
//! the model can change without breaking themes.
//!
//! Every `url` here is a site-relative route (`fr/pays/belgique/`);
//! templates write `{{ root }}{{ x.url }}`, where `root` climbs from the
//! page to the site root. A card is therefore the same on every page and is
//! built once per language.
//!
//! The page builders ([`super::pages`]) make the views of their pages; the
//! cards are made once per language by the shared site data
//! ([`super::site`]).

use serde::Serialize;

use super::kinds::Facet;
use super::locale::{format_amount, format_date, format_integer, format_quantity};
use super::routes::Routes;
use crate::catalogue::{Catalogue, Country, Institution, Partnership, PartnershipText, Status};
use crate::media::{video, Images, Picture, Role};
use crate::theme::Theme;
use crate::types::lang::Lang;
use crate::types::text::sort_key;

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: String,
    pub url: String,
}

/// A partnership as shown in lists.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub key: String,
    pub title: String,
    pub acronym: Option<String>,
    pub url: String,
    pub summary: String,
    /// The language of `title` and `summary`.
    pub text_lang: Lang,
    /// False when `text_lang` is not the page's language.
    pub translated: bool,
    pub kind: String,
    pub programme: Link,
    pub countries: Vec<Link>,
    pub status: String,
    pub status_id: Status,
    pub period: String,
    /// The cover, with its text alternative and credit.
    pub image: Option<Image>,
    /// The logos of the member institutions that have one, in the order
    /// of `members`.
    pub logos: Vec<Image>,
    pub featured: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct MemberView {
    pub name: String,
    pub name_lang: Option<String>,
    pub short_name: Option<String>,
    pub url: String,
    pub role: String,
    pub country: Link,
    pub city: Option<String>,
    pub logo: Option<Picture>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MobilityView {
    pub kind: String,
    pub direction: String,
    pub places: Option<String>,
    pub months: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FundingView {
    pub funder: String,
    pub url: Option<String>,
    pub amount: String,
    pub year: Option<i32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    pub name: String,
    pub role: Option<String>,
    /// The address written as HTML character references, for `mailto:` and
    /// for display: harvesters that read raw text miss it, readers and
    /// screen readers see the address.
    pub email_html: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExternalLink {
    pub href: String,
    pub label: String,
    pub kind: Option<String>,
}

/// A logo or a cover: where the files are, the size to show it at, its
/// text alternative and (a cover) its credit.
#[derive(Debug, Clone, Serialize)]
pub struct Image {
    #[serde(flatten)]
    pub picture: Picture,
    pub alt: String,
    pub credit: Option<String>,
}

/// A video: a link to its page, and for YouTube and Vimeo the player that
/// `static/video.js` puts in its place when the visitor asks for it.
#[derive(Debug, Clone, Serialize)]
pub struct VideoView {
    pub href: String,
    /// The title, or the address when it has none.
    pub label: String,
    /// The player's address (`https://www.youtube-nocookie.com/embed/…`).
    pub embed: Option<String>,
    /// `YouTube` or `Vimeo`, with `embed`.
    pub host: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EuFundingView {
    pub statement: String,
    pub authority: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartnershipView {
    #[serde(flatten)]
    pub card: Card,
    pub body_html: String,
    pub action: Option<String>,
    pub project_ref: Option<String>,
    pub themes: Vec<Link>,
    pub first_agreement: Option<i32>,
    pub start: String,
    pub end: Option<String>,
    pub members: Vec<MemberView>,
    pub mobility: Vec<MobilityView>,
    pub funding: Vec<FundingView>,
    pub funding_total: Option<String>,
    pub beneficiaries: Option<String>,
    pub contacts: Vec<ContactView>,
    pub links: Vec<ExternalLink>,
    pub videos: Vec<VideoView>,
    pub logo: Option<Image>,
    pub eu_funding: Option<EuFundingView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InstitutionCard {
    pub name: String,
    pub name_lang: Option<String>,
    pub short_name: Option<String>,
    pub url: String,
    pub kind: String,
    pub country: Link,
    pub city: Option<String>,
    pub count: usize,
}

/// A country, theme or programme in a list, with its number of partnerships.
#[derive(Debug, Clone, Serialize)]
pub struct TermCard {
    pub label: String,
    pub url: String,
    pub count: usize,
}

/// Builds views for one language.
pub struct ViewBuilder<'a> {
    pub catalogue: &'a Catalogue,
    pub images: &'a Images,
    pub routes: &'a Routes<'a>,
    pub theme: &'a Theme,
    pub lang: Lang,
}

impl<'a> ViewBuilder<'a> {
    pub fn t(&self, key: &str) -> String {
        self.theme.text(self.lang, key).to_string()
    }

    /// The theme's name of an enum value: `kind.eu_project`, `status.ended`.
    pub fn enum_label(&self, prefix: &str, value: &impl Serialize) -> String {
        let id = serde_json::to_value(value)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        self.t(&format!("{prefix}.{id}"))
    }

    /// A facet value as the theme's strings name it.
    pub fn facet_label(&self, facet: Facet) -> String {
        match facet {
            Facet::Kind(k) => self.enum_label("kind", &k),
            Facet::Status(s) => self.enum_label("status", &s),
            Facet::Mobility(m) => self.enum_label("mobility", &m),
            Facet::Year(y) => y.to_string(),
        }
    }

    pub fn country_link(&self, code: &str) -> Link {
        let name = self.catalogue.countries.get(code).map_or_else(
            || code.to_uppercase(),
            |c| c.names[self.lang.as_str()].clone(),
        );
        Link {
            label: name,
            url: self.routes.country(self.lang, code),
        }
    }

    pub fn theme_link(&self, id: &str) -> Link {
        let label = self
            .catalogue
            .themes
            .get(id)
            .map_or_else(|| id.to_string(), |t| t.label(self.lang));
        Link {
            label,
            url: self.routes.theme(self.lang, id),
        }
    }

    pub fn programme_link(&self, id: &str) -> Link {
        let label = self
            .catalogue
            .programmes
            .get(id)
            .map_or_else(|| id.to_string(), |t| t.label(self.lang));
        Link {
            label,
            url: self.routes.programme(self.lang, id),
        }
    }

    pub fn card(&self, p: &Partnership) -> Card {
        let text = p.text(self.lang);
        let period = match (&p.end, p.status) {
            (Some(end), _) if end.year != p.start.year => format!("{}–{}", p.start.year, end.year),
            (Some(_), _) => p.start.year.to_string(),
            (None, Status::Ongoing) => format!("{} {}", self.t("since"), p.start.year),
            (None, _) => p.start.year.to_string(),
        };
        Card {
            key: p.key.clone(),
            title: text.title.clone(),
            acronym: p.acronym.clone(),
            url: self.routes.partnership(self.lang, p),
            summary: text.summary.clone(),
            text_lang: text.lang,
            translated: text.lang == self.lang,
            kind: self.enum_label("kind", &p.kind),
            programme: self.programme_link(&p.programme),
            countries: {
                let mut links: Vec<Link> =
                    p.countries.iter().map(|c| self.country_link(c)).collect();
                links.sort_by_cached_key(|l| sort_key(&l.label));
                links
            },
            status: self.enum_label("status", &p.status),
            status_id: p.status,
            period,
            image: self.cover(p),
            logos: self.member_logos(p),
            featured: p.featured,
        }
    }

    /// The cover of `p`, its text alternative in the page's language (or
    /// the default language's when this one has none).
    pub fn cover(&self, p: &Partnership) -> Option<Image> {
        let cover = p.image.as_ref()?;
        let alt = p.text(self.lang).image_alt.clone().or_else(|| {
            let main = p.texts.values().find(|t| t.is_default)?;
            main.image_alt.clone()
        });
        Some(Image {
            picture: self.picture(Role::Photo, &cover.file),
            alt: alt.unwrap_or_default(),
            credit: cover.credit.clone(),
        })
    }

    /// The logos of the members of `p` that have one, each once.
    fn member_logos(&self, p: &Partnership) -> Vec<Image> {
        let mut seen = Vec::new();
        p.members
            .iter()
            .filter_map(|m| {
                let inst = self.catalogue.institutions.get(&m.institution)?;
                let file = inst.logo.as_deref()?;
                if seen.contains(&file) {
                    return None;
                }
                seen.push(file);
                Some(Image {
                    picture: self.picture(Role::Logo, file),
                    alt: inst.short_name.clone().unwrap_or_else(|| inst.name.clone()),
                    credit: None,
                })
            })
            .collect()
    }

    pub fn partnership(&self, p: &Partnership, card: Card, body_html: String) -> PartnershipView {
        let lang = self.lang;
        let text = p.text(lang);
        let members = p
            .members
            .iter()
            .filter_map(|m| {
                let inst = self.catalogue.institutions.get(&m.institution)?;
                Some(MemberView {
                    role: self.enum_label("role", &m.role),
                    ..self.member(inst)
                })
            })
            .collect();
        let mobility = p
            .mobility
            .iter()
            .map(|m| MobilityView {
                kind: self.enum_label("mobility", &m.kind),
                direction: self.enum_label("direction", &m.direction),
                places: m.places.map(|n| format_integer(u64::from(n), lang)),
                months: m.months.map(|n| format_quantity(n, lang)),
            })
            .collect();
        let (funding, funding_total) = self.funding(p);
        let contacts = self.contacts(p, text);
        let (links, videos) = self.external_links(p, text);
        PartnershipView {
            card,
            body_html,
            action: p.action.clone(),
            project_ref: p.project_ref.clone(),
            themes: p.themes.iter().map(|t| self.theme_link(t)).collect(),
            first_agreement: p.first_agreement,
            start: format_date(&p.start, lang),
            end: p.end.as_ref().map(|d| format_date(d, lang)),
            members,
            mobility,
            funding,
            funding_total,
            beneficiaries: text.beneficiaries.clone(),
            contacts,
            links,
            videos,
            logo: p.logo.as_ref().map(|file| Image {
                picture: self.picture(Role::Logo, file),
                alt: text.logo_alt.clone().unwrap_or_default(),
                credit: None,
            }),
            eu_funding: p.eu_funding.as_ref().map(|e| EuFundingView {
                statement: self.enum_label("eu", &e.statement),
                authority: e.authority.clone(),
            }),
        }
    }

    /// The funding lines, and their total when they share a currency.
    fn funding(&self, p: &Partnership) -> (Vec<FundingView>, Option<String>) {
        let lang = self.lang;
        let funding = p
            .funding
            .iter()
            .map(|f| {
                let inst = self.catalogue.institutions.get(f.funder.as_str());
                FundingView {
                    funder: inst.map_or_else(|| f.funder.clone(), |i| i.name.clone()),
                    url: inst.map(|i| self.routes.institution(lang, &i.id)),
                    amount: format_amount(f.amount, &f.currency, lang),
                    year: f.year,
                }
            })
            .collect();
        let currencies: Vec<&str> = p.funding.iter().map(|f| f.currency.as_str()).collect();
        let total =
            (currencies.len() > 1 && currencies.iter().all(|c| *c == currencies[0])).then(|| {
                format_amount(
                    p.funding.iter().map(|f| f.amount).sum(),
                    currencies[0],
                    lang,
                )
            });
        (funding, total)
    }

    /// The public contacts, with their role in the page's language.
    fn contacts(&self, p: &Partnership, text: &PartnershipText) -> Vec<ContactView> {
        p.contacts
            .iter()
            .zip(text.contact_roles.iter().chain(std::iter::repeat(&None)))
            .filter(|(c, _)| c.public)
            .map(|(c, role)| ContactView {
                name: c.name.clone(),
                role: role.clone(),
                email_html: c.email.as_deref().map(obfuscate),
                phone: c.phone.clone(),
            })
            .collect()
    }

    /// The links and the videos, labelled in the page's language (the
    /// address itself when the label is missing).
    fn external_links(
        &self,
        p: &Partnership,
        text: &PartnershipText,
    ) -> (Vec<ExternalLink>, Vec<VideoView>) {
        let links = p
            .links
            .iter()
            .zip(text.link_labels.iter().chain(std::iter::repeat(&None)))
            .map(|(l, label)| ExternalLink {
                href: l.url.clone(),
                label: label.clone().unwrap_or_else(|| l.url.clone()),
                kind: Some(self.enum_label("link", &l.kind)),
            })
            .collect();
        let videos = p
            .videos
            .iter()
            .zip(text.video_titles.iter().chain(std::iter::repeat(&None)))
            .map(|(v, title)| {
                let embed = video::embed(&v.url);
                VideoView {
                    href: v.url.clone(),
                    label: title.clone().unwrap_or_else(|| v.url.clone()),
                    host: embed.as_ref().map(|e| e.host.to_string()),
                    embed: embed.map(|e| e.src),
                }
            })
            .collect();
        (links, videos)
    }

    pub fn institution_logo(&self, inst: &Institution) -> Option<Picture> {
        let file = inst.logo.as_deref()?;
        Some(self.picture(Role::Logo, file))
    }

    pub fn flag(&self, country: &Country) -> Option<Picture> {
        let file = country.flag.as_deref()?;
        Some(self.picture(Role::Flag, file))
    }

    /// A logo or flag of `content/media/` as the page shows it: resized
    /// when the build could, else the file as it is.
    pub fn picture(&self, role: Role, file: &str) -> Picture {
        let measured = self.images.picture(role, file).cloned();
        measured.unwrap_or_else(|| Picture {
            src: self.routes.media(file),
            ..Picture::plain(file)
        })
    }

    pub fn member(&self, inst: &Institution) -> MemberView {
        MemberView {
            name: inst.name.clone(),
            name_lang: inst.name_lang.clone().filter(|l| l != self.lang.as_str()),
            short_name: inst.short_name.clone(),
            url: self.routes.institution(self.lang, &inst.id),
            role: String::new(),
            country: self.country_link(&inst.country),
            city: inst.city.clone(),
            logo: self.institution_logo(inst),
        }
    }

    pub fn institution_card(&self, inst: &Institution, count: usize) -> InstitutionCard {
        let m = self.member(inst);
        InstitutionCard {
            name: m.name,
            name_lang: m.name_lang,
            short_name: m.short_name,
            url: m.url,
            kind: self.enum_label("institution", &inst.kind),
            country: m.country,
            city: m.city,
            count,
        }
    }
}

/// An e-mail address as decimal character references.
pub fn obfuscate(email: &str) -> String {
    email.chars().map(|c| format!("&#{};", c as u32)).collect()
}
