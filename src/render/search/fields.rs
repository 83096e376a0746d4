//! The texts of a partnership the search index reads, each in the field
//! it weighs in: title and acronym, summary, names (partners, countries,
//! themes, programme) and body.
//!
//! The first step of the index: [`super::index`] cuts them into words
//! and scores the words by field. The body's text is the one its page
//! shows, from the same Markdown events ([`SiteData::partnership_text`]).

use std::borrow::Cow;

use crate::catalogue::Partnership;
use crate::render::site::SiteData;
use crate::render::views::Card;
use crate::types::lang::Lang;

/// The parts of a partnership the index reads, which weigh differently.
#[derive(Debug, Clone, Copy)]
pub(super) enum Field {
    /// The title and the acronym.
    Title,
    Summary,
    /// Partners, countries, themes and programme.
    Names,
    Body,
}

impl Field {
    /// How much one occurrence of a word in the field counts.
    pub(super) const WEIGHTS: [u32; 4] = [16, 6, 4, 1];
}

/// The texts of a partnership the index reads, each with its weight.
pub(super) fn fields<'c>(
    site: &'c SiteData,
    lang: Lang,
    i: usize,
    card: &'c Card,
) -> Vec<(Field, Cow<'c, str>)> {
    let c = site.catalogue;
    let p: &Partnership = &c.partnerships[i];
    let mut fields = vec![
        (Field::Title, Cow::from(&card.title)),
        (Field::Summary, Cow::from(&card.summary)),
        (Field::Body, Cow::from(site.partnership_text(lang, i))),
        (Field::Names, Cow::from(&card.programme.label)),
    ];
    fields.extend(p.acronym.iter().map(|a| (Field::Title, Cow::from(a))));
    fields.extend(
        card.countries
            .iter()
            .map(|l| (Field::Names, Cow::from(&l.label))),
    );
    let b = site.builder(lang);
    fields.extend(
        p.themes
            .iter()
            .map(|t| (Field::Names, Cow::from(b.theme_link(t).label))),
    );
    for m in &p.members {
        if let Some(inst) = c.institutions.get(&m.institution) {
            fields.push((Field::Names, Cow::from(&inst.name)));
            fields.extend(inst.short_name.iter().map(|s| (Field::Names, Cow::from(s))));
        }
    }
    fields
}
