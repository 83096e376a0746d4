//! A read row ([`Draft`]) put together into the files of one partnership,
//! one per language: the shared fields and lists in the default-language
//! file, the translated sub-fields item by item in each translation.
//!
//! Each file is a [`RawPartnership`] serialised (the struct `check` reads,
//! so its field order and skip rules are the content format's) and the
//! Markdown body. In an import this comes after `rows.rs` has read the
//! cells, and before `validate.rs` checks the files on a copy of the site.

use std::collections::BTreeMap;

use super::cells::Problem;
use super::columns::{Column, Field};
use super::rows::{Draft, Items, TextCells};
use crate::catalogue::raw::{RawImage, RawLogo, RawPartnership};
use crate::text;
use crate::types::lang::Lang;

/// The text of one file, and what it holds.
#[derive(Debug, Clone)]
pub struct FileText {
    pub text: String,
    pub front: RawPartnership,
    /// The body as its cell holds it.
    pub body: String,
}

/// The files of one row, by language, and what is needed to trace the
/// resolver's problems back to the row's cells.
#[derive(Debug, Default)]
pub struct Assembled {
    pub files: BTreeMap<Lang, FileText>,
    /// For a list column, the place in the cell of each item written (the
    /// items with a problem are left out).
    pub kept: BTreeMap<String, Vec<usize>>,
    /// Translated lists whose number of items does not match.
    pub problems: Vec<(Column, Problem)>,
}

/// The items without a problem, and their places in the cell.
fn keep<T: Clone>(items: &Items<T>) -> (Option<Vec<T>>, Vec<usize>) {
    let (places, kept): (Vec<usize>, Vec<T>) = items
        .iter()
        .filter_map(|(i, item)| item.clone().map(|item| (*i, item)))
        .unzip();
    ((!kept.is_empty()).then_some(kept), places)
}

/// One file per language that has a text (the default language always).
pub fn assemble(mut d: Draft, languages: &[Lang]) -> Assembled {
    let mut out = Assembled::default();
    let (members, places) = keep(&d.members);
    d.shared.members = members;
    out.kept.insert("members".into(), places);
    let (mobility, places) = keep(&d.mobility);
    d.shared.mobility = mobility;
    out.kept.insert("mobility".into(), places);
    let (funding, places) = keep(&d.funding);
    d.shared.funding = funding;
    out.kept.insert("funding".into(), places);
    for (field, items) in [
        (
            Field::Contacts,
            d.contacts.iter().map(|(i, _)| *i).collect(),
        ),
        (Field::Links, d.links.iter().map(|(i, _)| *i).collect()),
        (
            Field::Videos,
            d.videos.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
        ),
    ] {
        out.kept.insert(field.name().into(), items);
    }
    for (i, &lang) in languages.iter().enumerate() {
        let is_default = i == 0;
        let text = match d.texts.remove(&lang) {
            Some(text) => text,
            None if is_default => TextCells::default(),
            None => continue,
        };
        let front = if is_default {
            std::mem::take(&mut d.shared)
        } else {
            RawPartnership::default()
        };
        let front = translated(&d, front, &text, lang, is_default, &mut out);
        out.files.insert(lang, file_text(&front, &text.body));
    }
    out
}

/// `front` with the translated fields of `text` and the lists whose items
/// they label.
fn translated(
    d: &Draft,
    mut front: RawPartnership,
    text: &TextCells,
    lang: Lang,
    is_default: bool,
    out: &mut Assembled,
) -> RawPartnership {
    front.title = text.front.title.clone();
    front.summary = text.front.summary.clone();
    front.slug = text.front.slug.clone();
    front.beneficiaries = text.front.beneficiaries.clone();
    let mut labelled = Labelled {
        lang,
        is_default,
        out,
    };
    front.contacts = labelled.list(&d.contacts, &text.roles, Field::ContactRoles, |c, role| {
        c.role = role
    });
    front.links = labelled.list(&d.links, &text.labels, Field::LinkLabels, |l, label| {
        l.label = label
    });
    front.videos = labelled.list(&d.videos, &text.titles, Field::VideoTitles, |v, title| {
        v.title = title
    });
    let file = if is_default { d.logo.clone() } else { None };
    if file.is_some() || text.logo_alt.is_some() {
        let alt = text.logo_alt.clone();
        front.logo = Some(RawLogo { file, alt });
    }
    // The picture is the same in every language: each file names it, as
    // the example's files do, so that a file read alone shows it.
    let (file, credit) = match &d.image {
        Some((file, credit)) => (Some(file.clone()), credit.clone()),
        None => (None, None),
    };
    if file.is_some() || text.image_alt.is_some() {
        let alt = text.image_alt.clone();
        front.image = Some(RawImage { file, alt, credit });
    }
    front
}

/// Lists whose items a language labels.
struct Labelled<'a> {
    lang: Lang,
    is_default: bool,
    out: &'a mut Assembled,
}

impl Labelled<'_> {
    /// The default file holds the whole items, labelled; a translation
    /// only the labels, item by item, when it has some.
    fn list<T: Clone + Default>(
        &mut self,
        items: &Items<T>,
        labels: &Option<Vec<String>>,
        field: Field,
        set: fn(&mut T, Option<String>),
    ) -> Option<Vec<T>> {
        let column = Column {
            field,
            lang: Some(self.lang),
        };
        let labels = labels.as_ref().filter(|labels| {
            let fits = labels.len() == items.len();
            if !fits {
                self.out.problems.push((
                    column.clone(),
                    count_problem(field, items.len(), labels.len()),
                ));
            }
            fits
        });
        let places = items
            .iter()
            .enumerate()
            .filter(|(_, (_, item))| item.is_some());
        self.out
            .kept
            .insert(column.name(), places.map(|(k, _)| k).collect());
        if !self.is_default && labels.is_none() {
            return None;
        }
        let label = |k: usize| {
            labels
                .and_then(|l| l.get(k))
                .filter(|l| !l.is_empty())
                .cloned()
        };
        let list: Vec<T> = items
            .iter()
            .enumerate()
            .filter_map(|(k, (_, item))| {
                let mut item = match (self.is_default, item) {
                    (_, None) => return None,
                    (true, Some(item)) => item.clone(),
                    (false, Some(_)) => T::default(),
                };
                set(&mut item, label(k));
                Some(item)
            })
            .collect();
        (!list.is_empty()).then_some(list)
    }
}

fn count_problem(field: Field, expected: usize, found: usize) -> Problem {
    let (list, what_en, what_fr) = match field {
        Field::ContactRoles => ("contacts", "role", "rôle"),
        Field::LinkLabels => ("links", "label", "libellé"),
        _ => ("videos", "title", "titre"),
    };
    Problem::new(text!(
        "expected {expected} item(s), one {what_en} per item of the column `{list}`; found {found}",
        "attendu : {expected} élément(s), un {what_fr} par élément de la colonne `{list}` ; trouvé : {found}"
    ))
    .hint(Some(text!(
        "separate the items with `;`, in the order of `{list}`; leave an item empty (`; ;`) for an item without one",
        "séparez les éléments par `;`, dans l'ordre de `{list}` ; laissez un élément vide (`; ;`) pour un élément qui n'en a pas"
    )))
}

/// `---`, the YAML, `---`, then the body; numbers without a fraction
/// written as integers.
fn file_text(front: &RawPartnership, body: &str) -> FileText {
    // Only plain values (text, numbers, the words of enums), which YAML
    // always represents.
    let value = serde_yaml::to_value(front).map(super::patch::whole_numbers);
    let yaml = value
        .and_then(|v| serde_yaml::to_string(&v))
        .unwrap_or_default();
    let mut text = format!("---\n{yaml}---\n");
    if !body.is_empty() {
        text.push_str(body);
        text.push('\n');
    }
    FileText {
        text,
        front: front.clone(),
        body: body.to_string(),
    }
}

/// The line on which the body of `text` starts: the one after the
/// closing `---`.
pub fn body_line(text: &str) -> usize {
    let mut lines = text
        .trim_start_matches('\u{feff}')
        .lines()
        .enumerate()
        .skip(1);
    lines
        .find(|(_, l)| l.trim_end() == "---")
        .map_or(1, |(i, _)| i + 2)
}
