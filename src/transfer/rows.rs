//! One spreadsheet row → the files of one partnership: the default-language
//! file with the shared fields, one file per other language that has a
//! cell, each a YAML front matter and its Markdown body.
//!
//! Cells are read with the same types as the front matter (`cells.rs`), so
//! a row that reads here deserializes in `build`; every other rule
//! (references, dates that must agree, URLs, slugs, links in the text) is
//! left to the real resolver, which `validate.rs` runs on these files.

use std::collections::{BTreeMap, BTreeSet};

use serde_yaml::Value;

use super::cells::{self, Problem};
use super::columns::{Column, Field};
use super::export::body_cell;
use super::habits;

use crate::catalogue::raw::field::{Choices, I18n, Widget};
use crate::catalogue::raw::{
    EuFunding, Funding, Member, Mobility, RawContact, RawLink, RawPartnership, RawVideo,
};
use crate::catalogue::{Kind, Status};
use crate::text;
use crate::types::lang::Lang;

/// A list cell read item by item: each item's place in the cell, and the
/// item, or `None` when it has a problem (reported).
pub type Items<T> = Vec<(usize, Option<T>)>;

/// The translated cells of one language.
#[derive(Debug, Default)]
pub struct TextCells {
    /// The translated fields of the front matter (`title`, `summary`…).
    pub front: RawPartnership,
    pub roles: Option<Vec<String>>,
    pub labels: Option<Vec<String>>,
    pub titles: Option<Vec<String>>,
    pub logo_alt: Option<String>,
    pub image_alt: Option<String>,
    pub body: String,
}

/// A row as read, before it is made into files.
#[derive(Debug, Default)]
pub struct Draft {
    pub shared: RawPartnership,
    pub members: Items<Member>,
    pub mobility: Items<Mobility>,
    pub funding: Items<Funding>,
    pub contacts: Items<RawContact>,
    pub links: Items<RawLink>,
    pub videos: Items<RawVideo>,
    pub logo: Option<String>,
    /// The cover's file and credit (`photos/x.jpg | Credit`).
    pub image: Option<(String, Option<String>)>,
    pub texts: BTreeMap<Lang, TextCells>,
}

impl Draft {
    /// Reads one non-empty cell of `column` into the draft.
    pub fn read(&mut self, column: &Column, cell: &str) -> Vec<Problem> {
        match &column.lang {
            Some(lang) => {
                let text = self.texts.entry(*lang).or_default();
                read_text(text, column.field, cell);
                Vec::new()
            }
            None => self.read_shared(column.field, cell.trim()),
        }
    }

    fn read_shared(&mut self, field: Field, cell: &str) -> Vec<Problem> {
        let fm = &mut self.shared;
        let text = Some(cell.to_string());
        let list = || {
            Some(
                cells::items(cell)
                    .into_iter()
                    .filter(|i| !i.is_empty())
                    .collect(),
            )
        };
        match field {
            Field::Acronym => fm.acronym = text,
            Field::Programme => fm.programme = text,
            Field::Action => fm.action = text,
            Field::ProjectRef => fm.project_ref = text,
            Field::Themes => fm.themes = list(),
            Field::Countries => fm.countries = list(),
            Field::Logo => self.logo = text,
            Field::Image => {
                let mut parts = cells::item_parts(cell, &['|']).into_iter();
                if let Some((_, parts)) = parts.next() {
                    let file = parts.first().cloned().unwrap_or_default();
                    let credit = parts.get(1).cloned().filter(|c| !c.is_empty());
                    self.image = Some((file, credit));
                }
            }
            _ => return self.read_checked(field, cell),
        }
        Vec::new()
    }

    /// The shared fields whose value is checked as it is read.
    fn read_checked(&mut self, field: Field, cell: &str) -> Vec<Problem> {
        let fm = &mut self.shared;
        let result = match field {
            Field::Kind => cells::word::<Kind>(cell).map(|k| fm.kind = Some(k)),
            Field::Status => cells::word::<Status>(cell).map(|s| fm.status = Some(s)),
            Field::FirstAgreement => cells::year(cell).map(|y| fm.first_agreement = Some(y)),
            Field::Start => cells::date(cell).map(|d| fm.start = Some(d)),
            Field::End => cells::date(cell).map(|d| fm.end = Some(d)),
            Field::Draft => habits::boolean(cell).map(|b| fm.draft = b.then_some(true)),
            Field::Featured => habits::boolean(cell).map(|b| fm.featured = b.then_some(true)),
            Field::EuFunding => eu_funding(cell).map(|e| fm.eu_funding = Some(e)),
            _ => return self.read_list(field, cell),
        };
        result.err().into_iter().collect()
    }

    fn read_list(&mut self, field: Field, cell: &str) -> Vec<Problem> {
        let mut problems = Vec::new();
        match field {
            Field::Members => self.members = list(cell, MEMBER, &mut problems, member),
            Field::Mobility => self.mobility = list(cell, MOBILITY, &mut problems, mobility),
            Field::Funding => self.funding = list(cell, FUNDING, &mut problems, funding),
            Field::Contacts => self.contacts = list(cell, CONTACT, &mut problems, contact),
            Field::Links => self.links = list(cell, LINK, &mut problems, link),
            Field::Videos => {
                self.videos = cells::items(cell)
                    .into_iter()
                    .enumerate()
                    .filter(|(_, url)| !url.is_empty())
                    .map(|(i, url)| {
                        (
                            i,
                            Some(RawVideo {
                                url: Some(url),
                                title: None,
                            }),
                        )
                    })
                    .collect();
            }
            _ => {}
        }
        problems
    }
}

fn read_text(text: &mut TextCells, field: Field, cell: &str) {
    let value = || Some(cell.trim().to_string());
    match field {
        Field::Title => text.front.title = value(),
        Field::Summary => text.front.summary = value(),
        Field::Slug => text.front.slug = value(),
        Field::Beneficiaries => text.front.beneficiaries = value(),
        Field::ContactRoles => text.roles = Some(cells::items(cell)),
        Field::LinkLabels => text.labels = Some(cells::items(cell)),
        Field::VideoTitles => text.titles = Some(cells::items(cell)),
        Field::LogoAlt => text.logo_alt = value(),
        Field::ImageAlt => text.image_alt = value(),
        Field::Body => text.body = body_cell(cell),
        _ => {}
    }
}

/// How the items of a list cell are written: their separators, how many
/// parts they have, their shape and an example for messages.
pub struct Shape {
    pub seps: &'static [char],
    pub parts: (usize, usize),
    pub shape: &'static str,
    pub example: &'static str,
}

pub const MEMBER: Shape = Shape {
    seps: &[':', '|'],
    parts: (2, 2),
    shape: "institution:role",
    example: "irts-hdf:coordinator; helmo:partner",
};
const MOBILITY: Shape = Shape {
    seps: &[':', '|'],
    parts: (2, 4),
    shape: "type:direction:places:months",
    example: "SMS:both:2:5; STA:outgoing",
};
const FUNDING: Shape = Shape {
    seps: &['|'],
    parts: (2, 4),
    shape: "funder | amount | currency | year",
    example: "Agence Erasmus+ France | 15000 | EUR | 2024",
};
const EU_FUNDING: Shape = Shape {
    seps: &['|'],
    parts: (1, 2),
    shape: "statement | authority",
    example: "co_funded | Agence Erasmus+ France",
};
const CONTACT: Shape = Shape {
    seps: &['|'],
    parts: (1, 4),
    shape: "name | email | phone | public",
    example: "Marie Dupont | marie.dupont@example.org | | public",
};
const LINK: Shape = Shape {
    seps: &['|'],
    parts: (1, 2),
    shape: "url | kind",
    example: "https://www.helmo.be/ | website",
};

/// The items of a list cell, each read by `read` once its number of parts
/// is checked; problems are collected with their item.
fn list<T>(
    cell: &str,
    shape: Shape,
    problems: &mut Vec<Problem>,
    read: fn(&[String]) -> Result<T, Problem>,
) -> Items<T> {
    let mut items = Vec::new();
    for (i, parts) in cells::item_parts(cell, shape.seps) {
        let result = shaped(&parts, &shape).and_then(|()| read(&parts));
        match result {
            Ok(item) => items.push((i, Some(item))),
            Err(problem) => {
                problems.push(problem.item(i));
                items.push((i, None));
            }
        }
    }
    items
}

/// The item has between the least and the most parts of `shape`, and its
/// first one is not empty.
fn shaped(parts: &[String], shape: &Shape) -> Result<(), Problem> {
    let (least, most) = shape.parts;
    let first_empty = parts.first().is_none_or(String::is_empty);
    if (least..=most).contains(&parts.len()) && !first_empty {
        return Ok(());
    }
    let found = parts.join(&shape.seps[0].to_string());
    let (written, example) = (shape.shape, shape.example);
    Err(Problem::new(text!(
        "expected an item written `{written}`; found `{found}`",
        "attendu : un élément écrit `{written}` ; trouvé : `{found}`"
    ))
    .hint(Some(text!(
        "for example: `{example}`",
        "par exemple : `{example}`"
    ))))
}

fn part(parts: &[String], i: usize) -> Option<&str> {
    parts.get(i).map(String::as_str).filter(|p| !p.is_empty())
}

fn member(parts: &[String]) -> Result<Member, Problem> {
    Ok(Member {
        institution: parts[0].as_str().into(),
        role: cells::word(&parts[1])?,
    })
}

fn mobility(parts: &[String]) -> Result<Mobility, Problem> {
    Ok(Mobility {
        kind: cells::word(&parts[0])?,
        direction: cells::word(&parts[1])?,
        places: part(parts, 2).map(cells::whole).transpose()?,
        months: part(parts, 3).map(habits::number).transpose()?,
    })
}

fn funding(parts: &[String]) -> Result<Funding, Problem> {
    Ok(Funding {
        funder: parts[0].clone(),
        amount: habits::number(&parts[1])?,
        currency: part(parts, 2).unwrap_or("EUR").to_string(),
        year: part(parts, 3).map(cells::year).transpose()?,
    })
}

fn eu_funding(cell: &str) -> Result<EuFunding, Problem> {
    let parts = cells::item_parts(cell, EU_FUNDING.seps);
    let parts = match parts.as_slice() {
        [(_, parts)] => parts.clone(),
        _ => vec![cell.to_string(), String::new(), String::new()],
    };
    shaped(&parts, &EU_FUNDING)?;
    Ok(EuFunding {
        statement: cells::word(&parts[0])?,
        authority: part(&parts, 1).map(str::to_string),
    })
}

fn contact(parts: &[String]) -> Result<RawContact, Problem> {
    let public = match part(parts, 3) {
        None => None,
        Some(p) if p.eq_ignore_ascii_case("public") => Some(true),
        Some(p) if p.eq_ignore_ascii_case("private") => None,
        Some(p) => habits::boolean(p)?.then_some(true),
    };
    Ok(RawContact {
        name: Some(parts[0].clone()),
        email: part(parts, 1).map(str::to_string),
        phone: part(parts, 2).map(str::to_string),
        public,
        role: None,
    })
}

fn link(parts: &[String]) -> Result<RawLink, Problem> {
    Ok(RawLink {
        url: Some(parts[0].clone()),
        kind: part(parts, 1).map(cells::word).transpose()?,
        label: None,
    })
}

/// The required cells of a row that are empty: the required fields of a
/// partnership's table (`RawPartnership::FIELDS`), each with what it
/// expects. A language other than the default needs its required fields
/// only when the row gives it a text. The same fields as `build`
/// requires; its own message would speak of front matter lines.
pub fn missing(draft: &Draft, languages: &[Lang]) -> Vec<(Column, Problem)> {
    let mut shared = given(&draft.shared);
    if !draft.members.is_empty() {
        shared.insert(Field::Members.name().to_string());
    }
    let mut missing = absent(&shared, I18n::Shared, None);
    let empty_text = TextCells::default();
    // The text may be written in one language only, not the default one.
    let text_elsewhere = languages
        .iter()
        .skip(1)
        .any(|l| draft.texts.contains_key(l));
    for (i, lang) in languages.iter().enumerate() {
        let text = match draft.texts.get(lang) {
            Some(text) => text,
            None if i == 0 && !text_elsewhere => &empty_text,
            None => continue,
        };
        missing.extend(absent(&given(&text.front), I18n::Translated, Some(lang)));
    }
    missing
}

/// The names of the fields a front matter gives a value (an empty list
/// gives none).
fn given(front: &RawPartnership) -> BTreeSet<String> {
    let Ok(Value::Mapping(fields)) = serde_yaml::to_value(front) else {
        return BTreeSet::new();
    };
    fields
        .into_iter()
        .filter(|(_, value)| value.as_sequence().is_none_or(|items| !items.is_empty()))
        .filter_map(|(name, _)| name.as_str().map(str::to_string))
        .collect()
}

/// The required fields written `i18n` that are not `given`, as the cells
/// of `lang` (none for a shared field).
fn absent(given: &BTreeSet<String>, i18n: I18n, lang: Option<&Lang>) -> Vec<(Column, Problem)> {
    let required = RawPartnership::FIELDS
        .iter()
        .filter(|f| f.required && f.i18n == i18n && !given.contains(f.name));
    required
        .filter_map(|f| {
            let field = Field::named(f.name)?;
            let lang = lang.cloned();
            Some((Column { field, lang }, required_cell(field, f.widget)))
        })
        .collect()
}

/// A required cell left empty, and what it expects, from the kind of
/// value of its field.
fn required_cell(field: Field, widget: Widget) -> Problem {
    let name = field.name();
    let ids = |file: &str| {
        text!(
            "an id defined in `{file}`",
            "un identifiant défini dans `{file}`"
        )
    };
    let hint = match widget {
        Widget::Select(Choices::Programme) => Some(ids("content/taxonomies/programmes.yaml")),
        Widget::SelectMany(Choices::Theme, _) => Some(ids("content/taxonomies/themes.yaml")),
        Widget::Select(Choices::Kind) => Some(one_of(&cells::allowed::<Kind>())),
        Widget::Select(Choices::Status) => Some(one_of(&cells::allowed::<Status>())),
        Widget::Date => Some(text!(
            "a date written YYYY, YYYY-MM or YYYY-MM-DD",
            "une date écrite AAAA, AAAA-MM ou AAAA-MM-JJ"
        )),
        Widget::List(_) if field == Field::Members => {
            let example = MEMBER.example;
            Some(text!(
                "for example: `{example}`",
                "par exemple : `{example}`"
            ))
        }
        _ => None,
    };
    Problem::new(text!(
        "this cell is empty, but `{name}` is required",
        "cette cellule est vide, mais `{name}` est obligatoire"
    ))
    .hint(hint)
}

fn one_of(words: &str) -> crate::diagnostics::Text {
    text!("one of {words}", "au choix : {words}")
}

/// The columns of the problems of one row, so that the resolver's
/// repetition of them (a field left out because its cell was wrong) is not
/// reported again.
pub fn reported(problems: &[(Column, Problem)]) -> BTreeSet<String> {
    problems.iter().map(|(c, _)| c.name()).collect()
}
