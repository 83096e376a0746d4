//! The translations of a partnership: the translated fields of each
//! language's file, and the shared fields a translation may repeat only
//! with the default file's value (its lists item by item, to translate
//! their labels).

use std::collections::BTreeMap;

use crate::catalogue::hints;
use crate::catalogue::model::PartnershipText;
use crate::catalogue::raw::{RawContact, RawLink, RawPartnership, RawVideo, SHARED_FIELDS};
use crate::catalogue::resolve::resolver::{References, Resolver};
use crate::diagnostics::display_path;
use crate::diagnostics::{Diagnostic, Severity};
use crate::source::Parsed;
use crate::text;
use crate::types::item::Section;
use crate::types::lang::Lang;

impl Resolver<'_> {
    /// A language without a text is shown the default text, or the one
    /// language the text is written in: a warning, unless that language's
    /// file exists but is broken.
    pub(super) fn missing_translations(
        &mut self,
        key: &str,
        main: &Parsed<RawPartnership>,
        texts: &BTreeMap<Lang, PartnershipText>,
    ) {
        let default_lang = self.default_lang();
        let Some(shown) = texts
            .contains_key(&default_lang)
            .then_some(default_lang)
            .or_else(|| texts.keys().next().copied())
        else {
            return;
        };
        let rel = display_path(&main.file.rel);
        for lang in &self.config.languages {
            if texts.contains_key(lang)
                || self
                    .broken
                    .has_file(Section::Partnerships, key, lang.as_str())
            {
                continue;
            }
            let d = if *lang == default_lang {
                Diagnostic::warning(&main.file.rel, text!("no `{lang}` text: this file holds the shared fields only, and the `{shown}` text is shown on the `{lang}` site", "pas de texte `{lang}` : ce fichier ne contient que les champs communs, et le texte `{shown}` est affiché sur le site `{lang}`"))
                    .hint(text!("to translate it, add `title`, `summary` and the text below the front matter to `{rel}`", "pour le traduire, ajoutez `title`, `summary` et le texte sous l'en-tête à `{rel}`"))
            } else {
                let wanted = rel.replace(&format!(".{default_lang}.md"), &format!(".{lang}.md"));
                Diagnostic::warning(&main.file.rel, text!("no `{lang}` translation: the `{shown}` text is shown on the `{lang}` site", "pas de traduction `{lang}` : le texte `{shown}` est affiché sur le site `{lang}`"))
                    .hint(text!("create `{wanted}` with the translated fields", "créez `{wanted}` avec les champs traduits"))
            };
            self.diags.push(d);
        }
    }

    /// The translated fields of one file, checked.
    pub(super) fn partnership_text(
        &mut self,
        key: &str,
        lang: Lang,
        p: &Parsed<RawPartnership>,
        is_default: bool,
        refs: &References,
    ) -> PartnershipText {
        let raw = &p.raw;
        self.required(p, "title", &raw.title, refs);
        if raw.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
            self.diags.push(p.error(
                "title",
                "title",
                text!("the title is empty", "le titre est vide"),
            ));
        }
        self.required(p, "summary", &raw.summary, refs);
        if !is_default {
            if let Some(summary) = &raw.summary {
                self.check_summary(p, summary);
            }
        }
        let slug = raw.slug.clone().unwrap_or_else(|| key.to_string());
        self.check_slug_among(p, &slug, self.options.catalogue_folders);
        self.check_logo_alt(p);
        self.check_image_alt(p);
        PartnershipText {
            lang,
            is_default,
            file: p.file.rel.clone(),
            title: raw.title.clone().unwrap_or_default(),
            summary: raw.summary.clone().unwrap_or_default(),
            slug,
            beneficiaries: raw.beneficiaries.clone(),
            body: p.body(),
            contact_roles: translated_items(&raw.contacts, |c: &RawContact| c.role.clone()),
            link_labels: translated_items(&raw.links, |l: &RawLink| l.label.clone()),
            video_titles: translated_items(&raw.videos, |v: &RawVideo| v.title.clone()),
            logo_alt: raw.logo.as_ref().and_then(|l| l.alt.clone()),
            image_alt: raw.image.as_ref().and_then(|i| i.alt.clone()),
        }
    }

    /// A logo needs a text alternative in every language: screen readers
    /// read it.
    fn check_logo_alt(&mut self, p: &Parsed<RawPartnership>) {
        let Some(logo) = &p.raw.logo else {
            return;
        };
        if logo.file.is_some() && logo.alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
            let mut d = p.error("logo.alt", "logo", text!("the logo has no text alternative (`alt`)", "le logo n'a pas d'alternative textuelle (`alt`)"))
                .hint(text!("describe the logo in a few words, such as `alt: HELMo logo`; screen readers read it", "décrivez le logo en quelques mots, comme `alt: Logo de HELMo` ; les lecteurs d'écran le lisent"));
            d.severity = Severity::Warning;
            self.diags.push(d);
        }
    }

    /// A cover image needs a text alternative in every language that
    /// names it: without one, a screen reader says nothing of it.
    fn check_image_alt(&mut self, p: &Parsed<RawPartnership>) {
        let Some(image) = &p.raw.image else {
            return;
        };
        if image.file.is_some() && image.alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
            let d = p.error("image.alt", "image", text!("the image has no text alternative (`alt`)", "l'image n'a pas d'alternative textuelle (`alt`)"))
                .hint(text!("say what the picture shows in a sentence, such as `alt: Students in front of the school in Liège`; screen readers read it", "dites en une phrase ce que montre l'image, comme `alt: Des étudiants devant l'école à Liège` ; les lecteurs d'écran la lisent"));
            self.diags.push(d);
        }
    }

    /// A translation may repeat a shared field only with the same value.
    pub(super) fn compare_shared(
        &mut self,
        main: &Parsed<RawPartnership>,
        t: &Parsed<RawPartnership>,
    ) {
        let (a, b) = (&main.raw, &t.raw);
        let differs = [
            a.acronym != b.acronym && b.acronym.is_some(),
            a.kind != b.kind && b.kind.is_some(),
            a.programme != b.programme && b.programme.is_some(),
            a.action != b.action && b.action.is_some(),
            a.project_ref != b.project_ref && b.project_ref.is_some(),
            a.themes != b.themes && b.themes.is_some(),
            a.status != b.status && b.status.is_some(),
            a.first_agreement != b.first_agreement && b.first_agreement.is_some(),
            a.start != b.start && b.start.is_some(),
            a.end != b.end && b.end.is_some(),
            a.countries != b.countries && b.countries.is_some(),
            a.members != b.members && b.members.is_some(),
            a.mobility != b.mobility && b.mobility.is_some(),
            a.funding != b.funding && b.funding.is_some(),
            a.eu_funding != b.eu_funding && b.eu_funding.is_some(),
            a.featured != b.featured && b.featured.is_some(),
            a.draft != b.draft && b.draft.is_some(),
        ];
        for (field, _) in SHARED_FIELDS.iter().zip(differs).filter(|(_, d)| *d) {
            self.shared_conflict(main, t, field);
        }
        self.compare_lists(main, t);
        if let (Some(x), Some(y)) = (&b.logo, &a.logo) {
            if differs_opt(&x.file, &y.file) {
                self.shared_conflict(main, t, "logo");
            }
        }
        if let (Some(x), Some(y)) = (&b.image, &a.image) {
            if differs_opt(&x.file, &y.file) || differs_opt(&x.credit, &y.credit) {
                self.shared_conflict(main, t, "image");
            }
        }
    }

    /// A translation repeats the shared lists (contacts, links, videos)
    /// item by item, to translate their labels: as many items, and the
    /// same shared sub-fields.
    fn compare_lists(&mut self, main: &Parsed<RawPartnership>, t: &Parsed<RawPartnership>) {
        let (a, b) = (&main.raw, &t.raw);
        let lists = [
            (
                "contacts",
                lens(&a.contacts, &b.contacts),
                contacts_differ(a, b),
            ),
            ("links", lens(&a.links, &b.links), links_differ(a, b)),
            ("videos", lens(&a.videos, &b.videos), videos_differ(a, b)),
        ];
        for (field, (expected, count), conflict) in lists {
            if let Some(count) = count.filter(|c| *c != expected) {
                self.diags.push(
                    t.error(field, field, {
                        let main_rel = display_path(&main.file.rel);
                        text!("`{field}` has {count} item(s) here but {expected} in `{main_rel}`", "`{field}` a {count} élément(s) ici mais {expected} dans `{main_rel}`")
                    })
                        .hint(text!("a translation repeats the list item by item, in the same order, to translate its labels", "une traduction reprend la liste élément par élément, dans le même ordre, pour en traduire les libellés")),
                );
            } else if conflict == Some(true) {
                self.shared_conflict(main, t, field);
            }
        }
    }

    fn shared_conflict(
        &mut self,
        main: &Parsed<RawPartnership>,
        t: &Parsed<RawPartnership>,
        field: &str,
    ) {
        let main_rel = display_path(&main.file.rel);
        let written = |p: &Parsed<RawPartnership>| hints::written_value(p.yaml(), field);
        let message = match (written(t), written(main)) {
            (Some(here), Some(there)) if here != there => text!(
                "`{field}` is `{here}` here but `{there}` in `{main_rel}`",
                "`{field}` vaut `{here}` ici mais `{there}` dans `{main_rel}`"
            ),
            (Some(_), None) if !main.yaml().contains(&format!("{field}:")) => text!(
                "`{field}` is set here but not in `{main_rel}`",
                "`{field}` est indiqué ici mais pas dans `{main_rel}`"
            ),
            _ => text!(
                "`{field}` differs from its value in `{main_rel}`",
                "`{field}` diffère de sa valeur dans `{main_rel}`"
            ),
        };
        self.diags.push(
            t.error(field, field, message)
                .hint(text!("`{field}` is shared by all languages: write it once, in `{main_rel}`, and remove it here", "`{field}` est commun à toutes les langues : écrivez-le une seule fois, dans `{main_rel}`, et retirez-le d'ici")),
        );
    }
}

/// The translated sub-field of each item of a list.
fn translated_items<T>(
    list: &Option<Vec<T>>,
    field: fn(&T) -> Option<String>,
) -> Vec<Option<String>> {
    list.iter().flatten().map(field).collect()
}

fn differs_opt<T: PartialEq>(translation: &Option<T>, main: &Option<T>) -> bool {
    translation.is_some() && translation != main
}

/// The length of a list in the default file (0 if it has none) and in a
/// translation (`None` if it has none).
fn lens<T>(main: &Option<Vec<T>>, translation: &Option<Vec<T>>) -> (usize, Option<usize>) {
    (
        main.as_ref().map_or(0, Vec::len),
        translation.as_ref().map(Vec::len),
    )
}

/// Whether a contact of the translation `b` changes a shared sub-field of
/// the same contact in `a`; `None` if `b` has no contacts.
fn contacts_differ(a: &RawPartnership, b: &RawPartnership) -> Option<bool> {
    b.contacts.as_ref().map(|l| {
        l.iter().zip(a.contacts.iter().flatten()).any(|(x, y)| {
            differs_opt(&x.name, &y.name)
                || differs_opt(&x.email, &y.email)
                || differs_opt(&x.phone, &y.phone)
                || (x.public.is_some() && x.public != y.public)
        })
    })
}

fn links_differ(a: &RawPartnership, b: &RawPartnership) -> Option<bool> {
    b.links.as_ref().map(|l| {
        l.iter()
            .zip(a.links.iter().flatten())
            .any(|(x, y)| differs_opt(&x.url, &y.url) || (x.kind.is_some() && x.kind != y.kind))
    })
}

fn videos_differ(a: &RawPartnership, b: &RawPartnership) -> Option<bool> {
    b.videos.as_ref().map(|l| {
        l.iter()
            .zip(a.videos.iter().flatten())
            .any(|(x, y)| differs_opt(&x.url, &y.url))
    })
}
