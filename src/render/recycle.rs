//! Making a [`Renderer`], from nothing or from the parts of the previous
//! one: after an edit to a few partnerships (`serve`), only their cards are
//! built again, and the theme's engines are kept.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use super::routes::link_points;
use super::views::{Card, Index};
use super::{CardHtml, Renderer};
use crate::catalogue::Catalogue;
use crate::media::Images;
use crate::theme::Theme;
use crate::types::text::sort_key;

/// What a renderer owns that outlives its catalogue's changes: each
/// language's cards (plain and as template values) and template engines.
pub struct Parts {
    cards: BTreeMap<String, Vec<Card>>,
    card_values: BTreeMap<String, Vec<tera::Value>>,
    card_html: BTreeMap<String, Vec<CardHtml>>,
    engines: BTreeMap<String, tera::Tera>,
    /// The display orders and lists, kept when no title or list changed.
    order: BTreeMap<String, Vec<usize>>,
    indexes: BTreeMap<String, Index>,
}

impl Parts {
    /// Frees the parts, a language and a form at a time, on every core.
    pub fn free(self) {
        let Parts {
            cards,
            card_values,
            card_html,
            engines,
            order,
            indexes,
        } = self;
        rayon::scope(|s| {
            for values in card_values.into_values() {
                s.spawn(move |_| drop(values));
            }
            for cards in cards.into_values() {
                s.spawn(move |_| drop(cards));
            }
            for html in card_html.into_values() {
                s.spawn(move |_| drop(html));
            }
            s.spawn(move |_| drop((engines, order, indexes)));
        });
    }
}

/// The cards of one language, in every form, and its engine.
struct CardSet {
    cards: Vec<Card>,
    values: Vec<tera::Value>,
    html: Vec<CardHtml>,
    engine: tera::Tera,
}

/// A card rendered by the theme's `card.html`, headed `h2`, its links
/// relative to the site root; empty if the template fails (the page then
/// renders its cards itself, and reports the error).
fn card_html(engine: &tera::Tera, card: &tera::Value) -> CardHtml {
    let mut context = tera::Context::new();
    context.insert_value("p", card.clone());
    context.insert("h", &2);
    context.insert("root", "");
    let html = engine.render("card.html", &context).unwrap_or_default();
    CardHtml {
        links: link_points(&html),
        html,
    }
}

/// What changed since the renderer whose parts are reused.
pub struct Renewal {
    /// The partnerships to build the cards of again, by place.
    pub changed: BTreeSet<usize>,
    /// Whether their titles and the lists they are in are the same (then
    /// the display order and the lists are kept).
    pub same_lists: bool,
}

impl<'a> Renderer<'a> {
    /// The parts to hand to the next renderer.
    pub fn into_parts(self) -> Parts {
        Parts {
            cards: self.cards,
            card_values: self.card_values,
            card_html: self.card_html,
            engines: self.engines,
            order: self.order,
            indexes: self.indexes,
        }
    }

    /// A renderer, reusing `previous` parts when given: the catalogue has
    /// the same partnerships in the same places, only those numbered in
    /// `changed` differ, and the theme and settings are the same.
    pub fn reusing(
        catalogue: &'a Catalogue,
        images: &'a Images,
        theme: &'a Theme,
        previous: Option<(Parts, &Renewal)>,
    ) -> Self {
        let mut renderer = Renderer {
            catalogue,
            images,
            theme,
            routes: super::routes::Routes::new(catalogue),
            indexes: BTreeMap::new(),
            order: BTreeMap::new(),
            cards: BTreeMap::new(),
            card_values: BTreeMap::new(),
            card_html: BTreeMap::new(),
            engines: BTreeMap::new(),
        };
        let (mut parts, changed) = match previous {
            Some((parts, changed)) => (Some(parts), Some(changed)),
            None => (None, None),
        };
        let mut sets = Vec::new();
        for lang in &catalogue.config.languages {
            let old = parts.as_mut().and_then(|p| {
                Some(CardSet {
                    cards: p.cards.remove(lang)?,
                    values: p.card_values.remove(lang)?,
                    html: p.card_html.remove(lang)?,
                    engine: p.engines.remove(lang)?,
                })
            });
            let set = match (old, changed) {
                (Some(old), Some(renewal)) => renderer.renew(lang, old, &renewal.changed),
                _ => renderer.fresh(lang),
            };
            let kept = match (parts.as_mut(), changed) {
                (Some(p), Some(renewal)) if renewal.same_lists => {
                    p.order.remove(lang).zip(p.indexes.remove(lang))
                }
                _ => None,
            };
            sets.push((lang, set, kept));
        }
        // The languages' orders and lists, made side by side.
        let sorted: Vec<Option<(Vec<usize>, Index)>> = sets
            .par_iter()
            .map(|(_, set, kept)| kept.is_none().then(|| renderer.sorted(&set.cards)))
            .collect();
        for ((lang, set, kept), sorted) in sets.into_iter().zip(sorted) {
            // One of the two is always there.
            let Some((order, index)) = kept.or(sorted) else {
                continue;
            };
            renderer.order.insert(lang.clone(), order);
            renderer.indexes.insert(lang.clone(), index);
            renderer.card_html.insert(lang.clone(), set.html);
            renderer.card_values.insert(lang.clone(), set.values);
            renderer.cards.insert(lang.clone(), set.cards);
            renderer.engines.insert(lang.clone(), set.engine);
        }
        renderer
    }

    /// Every card of a language, and its engine.
    fn fresh(&self, lang: &str) -> CardSet {
        let builder = self.builder(lang);
        let cards: Vec<Card> = self
            .catalogue
            .partnerships
            .par_iter()
            .map(|p| builder.card(p))
            .collect();
        let values: Vec<tera::Value> = cards
            .par_iter()
            .map(tera::Value::from_serializable)
            .collect();
        let mut engine = self.theme.tera.clone();
        self.language_globals(lang, engine.global_context());
        let html = values.par_iter().map(|v| card_html(&engine, v)).collect();
        CardSet {
            cards,
            values,
            html,
            engine,
        }
    }

    /// The previous cards of a language, with those of `changed` built again.
    fn renew(&self, lang: &str, mut set: CardSet, changed: &BTreeSet<usize>) -> CardSet {
        let builder = self.builder(lang);
        for &i in changed {
            let card = builder.card(&self.catalogue.partnerships[i]);
            set.values[i] = tera::Value::from_serializable(&card);
            set.html[i] = card_html(&set.engine, &set.values[i]);
            set.cards[i] = card;
        }
        set
    }

    /// The display order of a language (titles, then keys) and the lists
    /// of its countries, institutions, themes, programmes and facets.
    fn sorted(&self, cards: &[Card]) -> (Vec<usize>, Index) {
        let mut order: Vec<usize> = (0..cards.len()).collect();
        let keys: Vec<String> = cards.par_iter().map(|c| sort_key(&c.title)).collect();
        order.sort_by(|&a, &b| (&keys[a], &cards[a].key).cmp(&(&keys[b], &cards[b].key)));
        let mut rank = vec![0; order.len()];
        for (position, &i) in order.iter().enumerate() {
            rank[i] = position;
        }
        let index = Index::new(self.catalogue, &rank);
        (order, index)
    }
}
