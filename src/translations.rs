//! The translation report: per language, the items that have no file in
//! that language and the fields left untranslated in the files that
//! exist. `passerelle check --translations` prints it, and the build
//! writes it as a page that no other page links to (`fr/_traductions/`).
//!
//! It reads the resolved catalogue only (of the site that `check` or the
//! build has read): what it lists is what the site shows in another
//! language than the page's.

use serde::Serialize;

use crate::catalogue::{Catalogue, PartnershipText};
use crate::diagnostics::MessageLang;
use crate::markdown::Markdown;
use crate::text;
use crate::types::item::Section;
use crate::types::lang::Lang;

/// What is missing in each language of the site, in the site's order.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub languages: Vec<LanguageReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LanguageReport {
    pub lang: Lang,
    pub missing: Vec<Missing>,
}

/// One item to translate in one language.
#[derive(Debug, Clone, Serialize)]
pub struct Missing {
    /// `partnerships`, `pages`, `institutions`, `countries`, `themes` or
    /// `programmes`, as in `@/` links.
    pub section: Section,
    pub key: String,
    /// The item's name as the default language shows it.
    pub title: String,
    /// The file to create (`no_file`) or to complete, from the site root.
    pub file: String,
    /// The language has no file for this item: every field is missing.
    pub no_file: bool,
    /// The fields to translate, such as `contacts[1].role`.
    pub fields: Vec<String>,
}

impl Report {
    /// Whether nothing is missing in any language.
    pub fn is_complete(&self) -> bool {
        self.languages.iter().all(|l| l.missing.is_empty())
    }

    /// The report for people, in the language of messages.
    pub fn to_human(&self, lang: MessageLang) -> String {
        let mut out = text!("Translations:", "Traductions :")
            .get(lang)
            .to_string();
        out.push('\n');
        for l in &self.languages {
            let code = &l.lang;
            let files = l.missing.iter().filter(|m| m.no_file).count();
            let fields: usize = l.missing.iter().map(|m| m.fields.len()).sum();
            let summary = if l.missing.is_empty() {
                text!("  {code}: complete", "  {code} : complet")
            } else {
                text!(
                    "  {code}: {files} file(s) to create, {fields} field(s) to translate",
                    "  {code} : {files} fichier(s) à créer, {fields} champ(s) à traduire"
                )
            };
            out.push_str(summary.get(lang));
            out.push('\n');
            for m in &l.missing {
                let (file, title, list) = (&m.file, &m.title, m.fields.join(", "));
                let line = if m.no_file {
                    text!("    create {file} ({title})", "    créer {file} ({title})")
                } else {
                    text!("    {file}: {list}", "    {file} : {list}")
                };
                out.push_str(line.get(lang));
                out.push('\n');
            }
        }
        if self.is_complete() {
            let done = text!(
                "Every item is translated in every language.",
                "Tout est traduit dans toutes les langues."
            );
            out.push_str(done.get(lang));
            out.push('\n');
        }
        out
    }
}

/// What is missing in each language of `c`.
pub fn report(c: &Catalogue) -> Report {
    let languages = c
        .config
        .languages
        .iter()
        .map(|&lang| {
            let mut missing = Vec::new();
            partnerships(c, lang, &mut missing);
            pages(c, lang, &mut missing);
            institutions(c, lang, &mut missing);
            countries(c, lang, &mut missing);
            terms(c, lang, &mut missing);
            LanguageReport { lang, missing }
        })
        .collect();
    Report { languages }
}

fn partnerships(c: &Catalogue, lang: Lang, out: &mut Vec<Missing>) {
    let default = c.config.default_lang();
    for p in &c.partnerships {
        let main = p.text(default);
        let (no_file, fields) = match p.texts.get(&lang) {
            // The default file exists (it holds the shared fields) but the
            // text is written in another language only.
            None if lang == default => (false, untranslated_fields(main)),
            None => (true, Vec::new()),
            Some(text) => (false, partnership_fields(main, text)),
        };
        if no_file || !fields.is_empty() {
            out.push(Missing {
                section: Section::Partnerships,
                key: p.key.clone(),
                title: main.title.clone(),
                file: format!("content/partnerships/{}.{lang}.md", p.key),
                no_file,
                fields,
            });
        }
    }
}

/// Every translated field that `main` fills, for a file that holds none.
fn untranslated_fields(main: &PartnershipText) -> Vec<String> {
    let none = PartnershipText {
        lang: main.lang,
        is_default: false,
        file: main.file.clone(),
        title: String::new(),
        summary: String::new(),
        slug: main.slug.clone(),
        beneficiaries: None,
        image_alt: None,
        body: Markdown::new(Default::default(), main.file.clone(), 0),
        contact_roles: Vec::new(),
        link_labels: Vec::new(),
        video_titles: Vec::new(),
        logo_alt: None,
    };
    let mut fields = vec!["title".to_string(), "summary".to_string()];
    fields.extend(partnership_fields(main, &none));
    fields
}

/// The translated fields that the default language's file fills and
/// `text` leaves out, item by item for the shared lists.
fn partnership_fields(main: &PartnershipText, text: &PartnershipText) -> Vec<String> {
    let mut fields = Vec::new();
    if main.beneficiaries.is_some() && text.beneficiaries.is_none() {
        fields.push("beneficiaries".to_string());
    }
    let lists = [
        ("contacts", "role", &main.contact_roles, &text.contact_roles),
        ("links", "label", &main.link_labels, &text.link_labels),
        ("videos", "title", &main.video_titles, &text.video_titles),
    ];
    for (list, field, given, translated) in lists {
        for (i, value) in given.iter().enumerate() {
            let missing = translated.get(i).is_none_or(Option::is_none);
            if value.is_some() && missing {
                fields.push(format!("{list}[{i}].{field}"));
            }
        }
    }
    if main.logo_alt.is_some() && text.logo_alt.is_none() {
        fields.push("logo.alt".to_string());
    }
    if has_text(&main.body) && !has_text(&text.body) {
        fields.push("body".to_string());
    }
    fields
}

fn has_text(md: &Markdown) -> bool {
    !md.source.trim().is_empty()
}

fn pages(c: &Catalogue, lang: Lang, out: &mut Vec<Missing>) {
    let default = c.config.default_lang();
    for page in &c.pages {
        let main = page.text(default);
        let mut fields = Vec::new();
        let no_file = match page.texts.get(&lang) {
            None => true,
            Some(text) => {
                if main.summary.is_some() && text.summary.is_none() {
                    fields.push("summary".to_string());
                }
                if has_text(&main.body) && !has_text(&text.body) {
                    fields.push("body".to_string());
                }
                false
            }
        };
        if no_file || !fields.is_empty() {
            out.push(Missing {
                section: Section::Pages,
                key: page.key.clone(),
                title: main.title.clone(),
                file: format!("content/pages/{}.{lang}.md", page.key),
                no_file,
                fields,
            });
        }
    }
}

/// An institution's description, written in some language but not in
/// `lang`.
fn institutions(c: &Catalogue, lang: Lang, out: &mut Vec<Missing>) {
    for (id, institution) in &c.institutions {
        let d = &institution.description;
        if !d.is_empty() && !d.contains_key(&lang) {
            out.push(Missing {
                section: Section::Institutions,
                key: id.to_string(),
                title: institution.name.clone(),
                file: format!("content/institutions/{id}.yaml"),
                no_file: false,
                fields: vec![format!("description.{lang}")],
            });
        }
    }
}

/// A country's introduction, written in some language but not in `lang`
/// (names are built in for every language).
fn countries(c: &Catalogue, lang: Lang, out: &mut Vec<Missing>) {
    let default = c.config.default_lang();
    for (code, country) in &c.countries {
        if !country.intro.is_empty() && !country.intro.contains_key(&lang) {
            out.push(Missing {
                section: Section::Countries,
                key: code.to_string(),
                title: country
                    .names
                    .get(default.as_str())
                    .cloned()
                    .unwrap_or_default(),
                file: format!("content/countries/{code}.yaml"),
                no_file: false,
                fields: vec![format!("intro.{lang}")],
            });
        }
    }
}

/// Themes and programmes without a label in `lang` (which `check`
/// reports as errors; listed here too so that the report is whole).
fn terms(c: &Catalogue, lang: Lang, out: &mut Vec<Missing>) {
    let default = c.config.default_lang();
    for (section, terms) in [
        (Section::Themes, &c.themes),
        (Section::Programmes, &c.programmes),
    ] {
        for (id, term) in terms
            .iter()
            .filter(|(_, t)| !t.labels.contains_key(lang.as_str()))
        {
            out.push(Missing {
                section,
                key: id.clone(),
                title: term.label(default),
                file: format!("content/taxonomies/{section}.yaml"),
                no_file: false,
                fields: vec![format!("{id}.{lang}")],
            });
        }
    }
}
