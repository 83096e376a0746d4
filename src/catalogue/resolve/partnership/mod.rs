//! Partnerships: one file a language, the default-language one holding the
//! shared fields (kind, programme, dates, members…) and every file its
//! translated ones (title, summary, slug, the labels of shared lists).
//!
//! Kept apart because a partnership has the most rules: required and
//! shared fields, references to the taxonomies and institutions, dates
//! that must agree with the status. What each language's file holds and
//! may not change is in [`translation`].

mod translation;

use std::collections::{BTreeMap, BTreeSet};

use super::resolver::{References, Resolver};
use crate::catalogue::hints;
use crate::catalogue::model::{
    Contact, Cover, Link, LinkKind, Member, Partnership, Status, Term, Video,
};
use crate::catalogue::raw::{RawContact, RawImage, RawLink, RawLogo, RawPartnership, RawVideo};
use crate::diagnostics::{Diagnostic, Severity, Text};
use crate::source::Parsed;
use crate::text;
use crate::types::date;
use crate::types::ids::CountryCode;
use crate::types::item::Section;

impl Resolver<'_> {
    pub(super) fn partnership(
        &mut self,
        key: String,
        files: Vec<(String, Parsed<RawPartnership>)>,
        refs: &References,
    ) -> Option<Partnership> {
        let hint = |expected: &str| {
            text!("the shared fields are written in `{expected}`: create it, or rename this file if it is the original", "les champs communs s'écrivent dans `{expected}` : créez-le, ou renommez ce fichier si c'est l'original")
        };
        let (index, mut files) = self.default_file(Section::Partnerships, &key, files, hint)?;
        let default_lang = self.default_lang();
        let (_, main) = files.remove(index);
        let errors_before = self.diags.len();
        let shared = self.shared_fields(&key, &main, refs);
        let mut texts = BTreeMap::new();
        // The text may be written in one language only: the default file
        // then holds the shared fields alone, and the other languages show
        // that text.
        let text_elsewhere = files.iter().any(|(_, p)| has_text(p));
        if has_text(&main) || !text_elsewhere {
            texts.insert(
                default_lang,
                self.partnership_text(&key, default_lang, &main, true, refs),
            );
        }
        for (lang, p) in &files {
            self.compare_shared(&main, p);
            let text = self.partnership_text(&key, *lang, p, false, refs);
            texts.insert(*lang, text);
        }
        self.missing_translations(&key, &main, &texts);
        let shared = shared?;
        if self.diags[errors_before..].iter().any(Diagnostic::is_error) {
            return None;
        }
        Some(Partnership {
            key,
            texts,
            ..shared
        })
    }

    /// `value`, or a diagnostic that `field` is missing, whose hint shows
    /// a line to add (with one of the ids of `refs` where the field takes
    /// one).
    fn required<T: Clone>(
        &mut self,
        p: &Parsed<RawPartnership>,
        field: &str,
        value: &Option<T>,
        refs: &References,
    ) -> Option<T> {
        if value.is_none() {
            let programmes: Vec<&str> = refs.programmes.keys().map(String::as_str).collect();
            let themes: Vec<&str> = refs.themes.keys().map(String::as_str).collect();
            let hint = hints::missing_field_hint(field, &programmes, &themes);
            self.diags.push(p.missing(field, hint));
        }
        value.clone()
    }

    /// The shared fields of the default-language file, checked. Returns a
    /// partnership whose texts are still empty.
    fn shared_fields(
        &mut self,
        key: &str,
        p: &Parsed<RawPartnership>,
        refs: &References,
    ) -> Option<Partnership> {
        let raw = &p.raw;
        let kind = self.required(p, "kind", &raw.kind, refs);
        let programme = self.required(p, "programme", &raw.programme, refs);
        let themes = self.required(p, "themes", &raw.themes, refs);
        let status = self.required(p, "status", &raw.status, refs);
        let start = self.required(p, "start", &raw.start, refs);
        let members = self.required(p, "members", &raw.members, refs);
        self.check_terms(p, programme.as_ref(), themes.as_deref(), refs);
        self.check_members(p, members.as_deref(), refs);
        for (i, code) in raw.countries.iter().flatten().enumerate() {
            self.check_country(p, &format!("countries[{i}]"), code, &refs.country_files);
        }
        self.check_dates(p, status, start.as_ref());
        self.check_funding(p);
        let contacts = self.contacts(p, raw.contacts.as_deref().unwrap_or_default());
        let links = self.links(p, raw.links.as_deref().unwrap_or_default());
        let videos = self.videos(p, raw.videos.as_deref().unwrap_or_default());
        let logo = raw.logo.as_ref().and_then(|logo| self.logo(p, logo));
        let image = raw.image.as_ref().and_then(|image| self.cover(p, image));
        if let Some(summary) = &raw.summary {
            self.check_summary(p, summary);
        }
        let countries = partnership_countries(raw, members.as_deref(), refs);
        Some(Partnership {
            key: key.to_string(),
            texts: BTreeMap::new(),
            acronym: raw.acronym.clone(),
            kind: kind?,
            programme: programme?,
            action: raw.action.clone(),
            project_ref: raw.project_ref.clone(),
            themes: themes?,
            status: status?,
            first_agreement: raw.first_agreement,
            start: start?,
            end: raw.end,
            countries,
            members: members?,
            mobility: raw.mobility.clone().unwrap_or_default(),
            funding: raw.funding.clone().unwrap_or_default(),
            contacts,
            links,
            videos,
            logo,
            image,
            eu_funding: raw.eu_funding.clone(),
            featured: raw.featured.unwrap_or(false),
            draft: raw.draft.unwrap_or(false),
        })
    }

    /// The programme and the themes are ids of the taxonomies; at least
    /// one theme is needed.
    fn check_terms(
        &mut self,
        p: &Parsed<RawPartnership>,
        programme: Option<&String>,
        themes: Option<&[String]>,
        refs: &References,
    ) {
        if let Some(programme) = programme {
            let unknown = |id: &str| text!("unknown programme `{id}`", "programme inconnu `{id}`");
            self.check_term(
                p,
                "programme",
                programme,
                refs.programmes,
                Section::Programmes,
                unknown,
            );
        }
        for (i, theme) in themes.iter().copied().flatten().enumerate() {
            let unknown = |id: &str| text!("unknown theme `{id}`", "thématique inconnue `{id}`");
            self.check_term(
                p,
                &format!("themes[{i}]"),
                theme,
                refs.themes,
                Section::Themes,
                unknown,
            );
        }
        if themes.is_some_and(<[String]>::is_empty) {
            self.diags.push(p.error(
                "themes",
                "themes",
                text!(
                    "`themes` lists no theme; at least one is needed",
                    "`themes` ne contient aucune thématique ; il en faut au moins une"
                ),
            ));
        }
    }

    /// `id` must be a term of `terms`, the taxonomy of
    /// `content/taxonomies/<taxonomy>.yaml`, unless that file is broken.
    fn check_term(
        &mut self,
        p: &Parsed<RawPartnership>,
        field: &str,
        id: &str,
        terms: &BTreeMap<String, Term>,
        taxonomy: Section,
        unknown: fn(&str) -> Text,
    ) {
        if terms.contains_key(id) || self.broken.has_taxonomy(taxonomy) {
            return;
        }
        let named = terms.values().map(|t| {
            (
                t.id.as_str(),
                t.labels.values().map(String::as_str).collect(),
            )
        });
        let hint = hints::by_name(id, named).unwrap_or_else(|| {
            hints::unknown_id_hint(
                id,
                terms.keys().map(String::as_str),
                &format!("content/taxonomies/{taxonomy}.yaml"),
            )
        });
        self.diags.push(p.error(field, id, unknown(id)).hint(hint));
    }

    /// At least one member, each an existing institution (or one whose
    /// file is broken).
    fn check_members(
        &mut self,
        p: &Parsed<RawPartnership>,
        members: Option<&[Member]>,
        refs: &References,
    ) {
        if members.is_some_and(<[Member]>::is_empty) {
            self.diags.push(p.error(
                "members",
                "members",
                text!(
                    "`members` lists no institution; at least one is needed",
                    "`members` ne contient aucun établissement ; il en faut au moins un"
                ),
            ));
        }
        for (i, member) in members.into_iter().flatten().enumerate() {
            let id = &member.institution;
            if !refs.institutions.contains_key(id)
                && !self.broken.has_item(Section::Institutions, id)
            {
                let named = refs.institutions.values().map(|i| {
                    let names = [Some(&i.name), i.short_name.as_ref()];
                    (
                        i.id.as_str(),
                        names.into_iter().flatten().map(String::as_str).collect(),
                    )
                });
                let hint = hints::by_name(id, named)
                    .unwrap_or_else(|| text!("create `content/institutions/{id}.yaml`, or use the id (the file name) of an existing one", "créez `content/institutions/{id}.yaml`, ou utilisez l'identifiant (le nom du fichier) d'un établissement existant"));
                self.diags.push(
                    p.error(
                        &format!("members[{i}].institution"),
                        id,
                        text!("unknown institution `{id}`", "établissement inconnu `{id}`"),
                    )
                    .hint(hint),
                );
            }
        }
    }

    /// The end is not before the start, and the status agrees with both.
    fn check_dates(
        &mut self,
        p: &Parsed<RawPartnership>,
        status: Option<Status>,
        start: Option<&date::PartialDate>,
    ) {
        let raw = &p.raw;
        if let (Some(start), Some(end)) = (start, &raw.end) {
            if end.latest() < start.earliest() {
                self.diags.push(p.error(
                    "end",
                    &end.iso(),
                    text!(
                        "the end ({end}) is before the start ({start})",
                        "la fin ({end}) précède le début ({start})"
                    ),
                ));
            }
        }
        if let (Some(status), Some(start)) = (status, start) {
            self.check_status(p, status, start, raw.end.as_ref());
        }
    }

    fn check_status(
        &mut self,
        p: &Parsed<RawPartnership>,
        status: Status,
        start: &date::PartialDate,
        end: Option<&date::PartialDate>,
    ) {
        let today = date::today();
        let problem = match (status, end) {
            (Status::Ongoing, Some(end)) if end.latest() < today => Some((
                text!(
                    "`status` is ongoing but the end ({end}) has passed",
                    "`status` vaut ongoing (en cours) mais la fin ({end}) est passée"
                ),
                text!(
                    "if the partnership is over, write `status: ended`; if it goes on, correct `end`",
                    "si le partenariat est terminé, écrivez `status: ended` ; s'il continue, corrigez `end`"
                ),
            )),
            (Status::Ended, Some(end)) if end.earliest() > today => Some((
                text!(
                    "`status` is ended but the end ({end}) is still to come",
                    "`status` vaut ended (terminé) mais la fin ({end}) est à venir"
                ),
                text!(
                    "if the partnership is still running, write `status: ongoing`; if it stopped early, correct `end`",
                    "si le partenariat est toujours en cours, écrivez `status: ongoing` ; s'il s'est arrêté plus tôt, corrigez `end`"
                ),
            )),
            (Status::Planned, _) if start.latest() < today => Some((
                text!(
                    "`status` is planned but the start ({start}) has passed",
                    "`status` vaut planned (en préparation) mais le début ({start}) est passé"
                ),
                text!(
                    "if the partnership has started, write `status: ongoing`; if it is postponed, correct `start`",
                    "si le partenariat a commencé, écrivez `status: ongoing` ; s'il est reporté, corrigez `start`"
                ),
            )),
            _ => None,
        };
        if let Some((message, hint)) = problem {
            let mut d = p.error("status", "status", message).hint(hint);
            d.severity = Severity::Warning;
            self.diags.push(d);
        }
    }

    fn check_funding(&mut self, p: &Parsed<RawPartnership>) {
        for (i, f) in p.raw.funding.iter().flatten().enumerate() {
            if !(f.amount.is_finite() && f.amount >= 0.0) {
                self.diags.push(p.error(
                    &format!("funding[{i}].amount"),
                    "amount",
                    text!(
                        "expected a positive amount",
                        "un montant positif est attendu"
                    ),
                ));
            }
        }
        for (i, m) in p.raw.mobility.iter().flatten().enumerate() {
            if m.months.is_some_and(|n| !(n.is_finite() && n > 0.0)) {
                self.diags.push(p.error(
                    &format!("mobility[{i}].months"),
                    "months",
                    text!(
                        "expected a length in months greater than 0, such as `5` or `1.5`",
                        "attendu : une durée en mois supérieure à 0, comme `5` ou `1.5`"
                    ),
                ));
            }
        }
    }

    fn check_summary(&mut self, p: &Parsed<RawPartnership>, summary: &str) {
        let count = summary.chars().count();
        if count > 300 {
            self.diags.push(
                p.error("summary", "summary", text!("the summary has {count} characters; at most 300 are allowed", "le résumé compte {count} caractères ; 300 au plus sont permis"))
                    .hint(text!("keep the summary to one or two sentences and move the rest into the text below the front matter", "limitez le résumé à une ou deux phrases et placez le reste dans le texte sous l'en-tête")),
            );
        }
        if summary.trim().is_empty() {
            self.diags.push(p.error(
                "summary",
                "summary",
                text!("the summary is empty", "le résumé est vide"),
            ));
        }
    }

    fn contacts(&mut self, p: &Parsed<RawPartnership>, raw: &[RawContact]) -> Vec<Contact> {
        let mut contacts = Vec::new();
        for (i, c) in raw.iter().enumerate() {
            let Some(name) = &c.name else {
                self.diags.push(p.error(
                    &format!("contacts[{i}].name"),
                    "contacts",
                    text!(
                        "this contact has no `name`",
                        "ce contact n'a pas de nom (`name`)"
                    ),
                ));
                continue;
            };
            if let Some(email) = &c.email {
                if !email.contains('@') || email.contains(char::is_whitespace) {
                    self.diags.push(p.error(
                        &format!("contacts[{i}].email"),
                        email,
                        text!(
                            "`{email}` is not an e-mail address",
                            "`{email}` n'est pas une adresse e-mail"
                        ),
                    ));
                } else if let Some((problem, hint)) = super::contact::email_problem(email) {
                    let field = format!("contacts[{i}].email");
                    let warning = p.error(&field, email, problem).hint(hint).as_warning();
                    self.diags.push(warning);
                }
            }
            if let Some(phone) = &c.phone {
                if let Some((problem, hint)) = super::contact::phone_problem(phone) {
                    let field = format!("contacts[{i}].phone");
                    let warning = p.error(&field, phone, problem).hint(hint).as_warning();
                    self.diags.push(warning);
                }
            }
            contacts.push(Contact {
                name: name.clone(),
                email: c.email.clone(),
                phone: c.phone.clone(),
                public: c.public.unwrap_or(false),
            });
        }
        contacts
    }

    fn links(&mut self, p: &Parsed<RawPartnership>, raw: &[RawLink]) -> Vec<Link> {
        let mut links = Vec::new();
        for (i, l) in raw.iter().enumerate() {
            let field = format!("links[{i}].url");
            let missing = text!(
                "this link has no `url`",
                "ce lien n'a pas d'adresse (`url`)"
            );
            if let Some(url) = self.listed_url(p, &field, "links", &l.url, missing) {
                let kind = l.kind.unwrap_or(LinkKind::Website);
                links.push(Link { url, kind });
            }
        }
        links
    }

    fn videos(&mut self, p: &Parsed<RawPartnership>, raw: &[RawVideo]) -> Vec<Video> {
        let mut videos = Vec::new();
        for (i, v) in raw.iter().enumerate() {
            let field = format!("videos[{i}].url");
            let missing = text!(
                "this video has no `url`",
                "cette vidéo n'a pas d'adresse (`url`)"
            );
            if let Some(url) = self.listed_url(p, &field, "videos", &v.url, missing) {
                videos.push(Video { url });
            }
        }
        videos
    }

    /// The `url` of an item of the list `list`, checked; `missing` is the
    /// message for an item without one.
    fn listed_url(
        &mut self,
        p: &Parsed<RawPartnership>,
        field: &str,
        list: &str,
        url: &Option<String>,
        missing: Text,
    ) -> Option<String> {
        let Some(url) = url else {
            self.diags.push(p.error(field, list, missing));
            return None;
        };
        self.check_url(p, field, url);
        Some(url.clone())
    }

    fn logo(&mut self, p: &Parsed<RawPartnership>, logo: &RawLogo) -> Option<String> {
        let Some(file) = &logo.file else {
            self.diags.push(p.error(
                "logo.file",
                "logo",
                text!(
                    "the logo has no `file`",
                    "le logo n'a pas de fichier (`file`)"
                ),
            ));
            return None;
        };
        self.check_media(p, "logo.file", file);
        Some(file.clone())
    }

    fn cover(&mut self, p: &Parsed<RawPartnership>, image: &RawImage) -> Option<Cover> {
        let Some(file) = &image.file else {
            self.diags.push(
                p.error(
                    "image.file",
                    "image",
                    text!(
                        "the image has no `file`",
                        "l'image n'a pas de fichier (`file`)"
                    ),
                )
                .hint(text!(
                    "name a file of `content/media/`, such as `file: photos/liege.jpg`",
                    "indiquez un fichier de `content/media/`, comme `file: photos/liege.jpg`"
                )),
            );
            return None;
        };
        self.check_media(p, "image.file", file);
        Some(Cover {
            file: file.clone(),
            credit: image.credit.clone().filter(|c| !c.trim().is_empty()),
        })
    }
}

/// Whether a file of a partnership holds a text: a title, a summary or a
/// body.
fn has_text(p: &Parsed<RawPartnership>) -> bool {
    p.raw.title.is_some() || p.raw.summary.is_some() || !p.body().source.trim().is_empty()
}

/// The countries of a partnership: those it lists, or else those of its
/// members, each once and sorted.
fn partnership_countries(
    raw: &RawPartnership,
    members: Option<&[Member]>,
    refs: &References,
) -> Vec<CountryCode> {
    match &raw.countries {
        Some(list) => list
            .iter()
            .map(|code| CountryCode::from(code.as_str()))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
        None => members
            .into_iter()
            .flatten()
            .filter_map(|m| refs.institutions.get(&m.institution))
            .map(|i| i.country.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
    }
}
