//! The full-text search index of each language, built with the site and
//! queried in the browser by `static/browse.js`.
//!
//! Files, under `search/<lang>/`:
//! - `meta.json`: the format version, the stemmer, the stop words, the
//!   number of documents and the names of the term shards;
//! - `terms/<shard>.json`: term → postings `[doc, score, doc gap, score, …]`;
//! - `docs/<n>.json`: documents `n × DOC_SHARD …`, as a result shows them.
//!
//! Documents are the partnerships, numbered in the language's display order
//! (the catalogue's), the same numbers as the filter's `facets.json`. A
//! term is a word lower-cased, stemmed by the language's Snowball stemmer,
//! then with its accents folded: `Mobilités` → `mobilit`, `équipe` →
//! `equip`; the browser does the same to the words of a query. Shards group
//! terms by their first letters, deeper where a group is large, so a query
//! loads a few small files whatever the size of the catalogue.
//!
//! The index is among the files made from the whole catalogue at the end
//! of render ([`super::build`]); it reads the cards and display order of
//! the shared site data ([`super::site`]).

mod fields;
mod index;
mod terms;

use std::borrow::Cow;

use rayon::prelude::*;
use serde::Serialize;

use crate::render::site::SiteData;
use crate::render::views::Card;
use crate::types::lang::Lang;
use fields::{fields, Field};
pub use index::file_name;
use index::{shard_files, Indexer};
use terms::language;
pub use terms::{query_terms, term, terms, words, Words};

/// How many documents a `docs/<n>.json` file holds.
pub const DOC_SHARD: usize = 10;
/// How many documents are read at a time.
const INDEX_CHUNK: usize = 1024;

/// A document as a search result or a filtered card shows it.
#[derive(Serialize)]
struct Doc<'a> {
    /// Title, address (a site route), summary.
    t: &'a str,
    u: &'a str,
    s: &'a str,
    /// The language of the text, when it is not the page's.
    #[serde(skip_serializing_if = "Option::is_none")]
    l: Option<&'a str>,
    /// Kind, status id, status, period.
    k: &'a str,
    st: crate::catalogue::Status,
    sl: &'a str,
    pe: &'a str,
    /// Countries and programme, each as `[label, route]`.
    c: Vec<[&'a str; 2]>,
    p: [&'a str; 2],
}

impl<'a> Doc<'a> {
    fn new(card: &'a Card) -> Self {
        Doc {
            t: &card.title,
            u: &card.url,
            s: &card.summary,
            l: (!card.translated).then_some(card.text_lang.as_str()),
            k: &card.kind,
            st: card.status_id,
            sl: &card.status,
            pe: &card.period,
            c: card
                .countries
                .iter()
                .map(|c| [c.label.as_str(), c.url.as_str()])
                .collect(),
            p: [&card.programme.label, &card.programme.url],
        }
    }
}

/// The search files of a language: (output path, bytes) of each.
pub fn search_files(site: &SiteData, lang: Lang) -> Vec<(String, Vec<u8>)> {
    let routes = &site.routes;
    let order = site.order(lang);
    let cards = site.cards(lang);
    let mut files: Vec<(String, Vec<u8>)> = order
        .par_chunks(DOC_SHARD)
        .enumerate()
        .map(|(n, chunk)| {
            let docs: Vec<Doc> = chunk.iter().map(|&i| Doc::new(&cards[i])).collect();
            let bytes = serde_json::to_vec(&docs).unwrap_or_default();
            (routes.search_docs(lang, n), bytes)
        })
        .collect();
    let (stop, algorithm) = language(lang);
    let mut indexer = Indexer::new(stop);
    for chunk in order.chunks(INDEX_CHUNK) {
        let texts: Vec<Vec<(Field, Cow<str>)>> = chunk
            .par_iter()
            .map(|&i| fields(site, lang, i, &cards[i]))
            .collect();
        indexer.add(&texts);
    }
    let path = |file: &str| routes.search_terms(lang, file);
    let (names, shards) = shard_files(indexer.finish(algorithm), &path);
    files.extend(shards);
    let meta = serde_json::json!({
        "version": 1,
        "lang": lang,
        "stemmer": algorithm.map(|_| lang),
        "stop": stop,
        "docs": order.len(),
        "doc_shard": DOC_SHARD,
        "shards": names,
    });
    files.push((
        routes.search_meta(lang),
        serde_json::to_vec(&meta).unwrap_or_default(),
    ));
    files
}
