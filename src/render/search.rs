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

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

use super::routes::fold_accent;
use super::views::Card;
use super::Renderer;
use crate::catalogue::Partnership;
use crate::markdown::plain_text;

/// How many documents a `docs/<n>.json` file holds.
pub const DOC_SHARD: usize = 25;
/// A shard larger than this is split by the next letter of its terms.
const SHARD_BYTES: usize = 32 * 1024;
/// Shards are named by at least this many letters…
const MIN_DEPTH: usize = 2;
/// …and at most this many.
const MAX_DEPTH: usize = 6;
/// The highest score of a term in one document.
const MAX_SCORE: u32 = 255;
/// A word counts at most this many times in one field.
const MAX_REPEATS: u32 = 3;

/// How much a word weighs in each field of a partnership.
const TITLE: u32 = 16;
const SUMMARY: u32 = 6;
const NAMES: u32 = 4;
const BODY: u32 = 1;

const STOP_FR: &[&str] = &[
    "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "est", "et", "il",
    "ils", "la", "le", "les", "leur", "leurs", "ne", "ou", "par", "pas", "pour", "qu", "que",
    "qui", "sa", "se", "ses", "son", "sont", "sur", "un", "une",
];
const STOP_EN: &[&str] = &[
    "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its", "of", "on",
    "or", "that", "the", "their", "this", "to", "was", "were", "with",
];

/// The words of a language the index leaves out, and its stemmer.
fn language(lang: &str) -> (&'static [&'static str], Option<Algorithm>) {
    match lang {
        "fr" => (STOP_FR, Some(Algorithm::French)),
        "en" => (STOP_EN, Some(Algorithm::English)),
        _ => (&[], None),
    }
}

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

impl Renderer<'_> {
    /// The search files of a language: (output path, bytes) of each.
    pub fn search_files(&self, lang: &str) -> Vec<(String, Vec<u8>)> {
        let folder = self.routes.search_folder(lang);
        let order = &self.order[lang];
        let cards = &self.cards[lang];
        let mut files: Vec<(String, Vec<u8>)> = order
            .par_chunks(DOC_SHARD)
            .enumerate()
            .map(|(n, chunk)| {
                let docs: Vec<Doc> = chunk.iter().map(|&i| Doc::new(&cards[i])).collect();
                let bytes = serde_json::to_vec(&docs).unwrap_or_default();
                (format!("{folder}docs/{n}.json"), bytes)
            })
            .collect();
        let fields: Vec<Vec<(u32, String)>> = order
            .par_iter()
            .map(|&i| self.fields(lang, &self.catalogue.partnerships[i], &cards[i]))
            .collect();
        let (stop, algorithm) = language(lang);
        let postings = index(&fields, stop, algorithm);
        let entries: Vec<Entry> = postings
            .into_par_iter()
            .map(|(term, list)| Entry {
                postings: encode(&list),
                term,
            })
            .collect();
        let mut shards = Vec::new();
        shard_into(&entries, 0, &mut shards);
        let names: Vec<String> = shards.iter().map(|(name, _)| name.clone()).collect();
        files.par_extend(shards.into_par_iter().map(|(name, entries)| {
            let mut json = String::from("{");
            for (k, e) in entries.iter().enumerate() {
                if k > 0 {
                    json.push(',');
                }
                json.push_str(&serde_json::to_string(&e.term).unwrap_or_default());
                json.push(':');
                json.push_str(&e.postings);
            }
            json.push('}');
            (
                format!("{folder}terms/{}.json", file_name(&name)),
                json.into_bytes(),
            )
        }));
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
            format!("{folder}meta.json"),
            serde_json::to_vec(&meta).unwrap_or_default(),
        ));
        files
    }

    /// The texts of a partnership the index reads, each with its weight.
    fn fields(&self, lang: &str, p: &Partnership, card: &Card) -> Vec<(u32, String)> {
        let c = self.catalogue;
        let text = p.text(lang);
        let mut fields = vec![
            (TITLE, card.title.clone()),
            (SUMMARY, card.summary.clone()),
            (BODY, plain_text(&text.body.source)),
            (NAMES, card.programme.label.clone()),
        ];
        fields.extend(p.acronym.iter().map(|a| (TITLE, a.clone())));
        fields.extend(card.countries.iter().map(|l| (NAMES, l.label.clone())));
        let b = self.builder(lang);
        fields.extend(p.themes.iter().map(|t| (NAMES, b.theme_link(t).label)));
        for m in &p.members {
            if let Some(inst) = c.institutions.get(&m.institution) {
                fields.push((NAMES, inst.name.clone()));
                fields.extend(inst.short_name.iter().map(|s| (NAMES, s.clone())));
            }
        }
        fields
    }
}

/// The words of a text as the index and the browser cut them: runs of
/// letters and digits, lower-cased, of two characters or more.
pub fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(1).is_some())
        .map(|w| match w.chars().any(char::is_uppercase) {
            true => Cow::Owned(w.to_lowercase()),
            false => Cow::Borrowed(w),
        })
}

/// The terms a query looks up in the index of `lang`, as the browser
/// makes them: its words, less the stop words, as terms.
pub fn query_terms(lang: &str, query: &str) -> Vec<String> {
    let (stop, algorithm) = language(lang);
    let stemmer = algorithm.map(Stemmer::create);
    words(query)
        .filter(|w| !stop.contains(&w.as_ref()))
        .map(|w| term(&w, stemmer.as_ref()))
        .collect()
}

/// A word as a term: stemmed, then with its accents folded.
pub fn term(word: &str, stemmer: Option<&Stemmer>) -> String {
    let stem = match stemmer {
        Some(s) => s.stem(word),
        None => word.into(),
    };
    stem.chars().flat_map(fold_accent).collect()
}

/// The words of a document with their scores: weight × repeats.
type Scored<'t> = Vec<(Cow<'t, str>, u32)>;

/// Every term, in order, with its postings: (document, score), documents
/// in increasing order.
fn index(
    docs: &[Vec<(u32, String)>],
    stop: &[&str],
    algorithm: Option<Algorithm>,
) -> Vec<(String, Vec<(u32, u32)>)> {
    let stop: FastSet<&str> = stop.iter().copied().collect();
    let scored: Vec<Scored> = docs.par_iter().map(|d| score_words(d, &stop)).collect();
    // Each distinct word is stemmed once; terms are numbered in order.
    let mut vocabulary: Vec<&str> = scored
        .iter()
        .flat_map(|words| words.iter().map(|(w, _)| w.as_ref()))
        .collect::<FastSet<&str>>()
        .into_iter()
        .collect();
    vocabulary.par_sort_unstable();
    let stemmed: Vec<String> = vocabulary
        .par_iter()
        .map_init(
            || algorithm.map(Stemmer::create),
            |stemmer, w| term(w, stemmer.as_ref()),
        )
        .collect();
    let mut terms: Vec<&str> = stemmed.iter().map(String::as_str).collect();
    terms.par_sort_unstable();
    terms.dedup();
    let number: FastMap<&str, u32> = vocabulary
        .iter()
        .zip(&stemmed)
        .map(|(&w, t)| (w, terms.binary_search(&t.as_str()).unwrap_or(0) as u32))
        .collect();
    let numbered: Vec<Vec<(u32, u32)>> = scored
        .par_iter()
        .map(|words| {
            let mut list: Vec<(u32, u32)> = words
                .iter()
                .map(|(w, s)| (number[w.as_ref()], *s))
                .collect();
            list.sort_unstable();
            list.dedup_by(|later, kept| {
                let same = later.0 == kept.0;
                if same {
                    kept.1 += later.1;
                }
                same
            });
            list
        })
        .collect();
    let mut postings: Vec<Vec<(u32, u32)>> = vec![Vec::new(); terms.len()];
    for (doc, list) in numbered.into_iter().enumerate() {
        for (term, score) in list {
            postings[term as usize].push((doc as u32, score.min(MAX_SCORE)));
        }
    }
    terms
        .into_iter()
        .map(str::to_string)
        .zip(postings)
        .collect()
}

/// The multiplicative hash of rustc (FxHash): the index hashes millions of
/// short words, for which SipHash's protection against chosen keys is not
/// needed (the words are the site's own).
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FastSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The distinct words of a document's fields, each with its score.
fn score_words<'t>(fields: &'t [(u32, String)], stop: &FastSet<&str>) -> Scored<'t> {
    let mut words: Vec<(Cow<str>, u32)> = fields
        .iter()
        .flat_map(|(weight, text)| words(text).map(move |w| (w, *weight)))
        .filter(|(w, _)| !stop.contains(w.as_ref()))
        .collect();
    words.sort_unstable();
    let mut scored: Scored = Vec::new();
    for run in words.chunk_by(|a, b| a == b) {
        let (word, weight) = &run[0];
        let score = weight * (run.len() as u32).min(MAX_REPEATS);
        match scored.last_mut() {
            Some((last, total)) if last == word => *total += score,
            _ => scored.push((word.clone(), score)),
        }
    }
    scored
}

/// Postings as JSON: the first document, then gaps, each with its score.
fn encode(list: &[(u32, u32)]) -> String {
    let mut json = String::with_capacity(list.len() * 5 + 2);
    json.push('[');
    let mut previous = 0;
    for (k, &(doc, score)) in list.iter().enumerate() {
        if k > 0 {
            json.push(',');
        }
        let _ = write!(json, "{},{score}", doc - previous);
        previous = doc;
    }
    json.push(']');
    json
}

/// A term with its encoded postings.
struct Entry {
    term: String,
    postings: String,
}

/// Groups `entries` (sorted, sharing their first `depth` letters) into
/// shards: one while small enough, else one for the terms of `depth`
/// letters and one group for each next letter. A term belongs to the
/// shard whose name is the longest prefix of it.
fn shard_into<'e>(entries: &'e [Entry], depth: usize, shards: &mut Vec<(String, &'e [Entry])>) {
    let Some(first) = entries.first() else { return };
    let prefix = |e: &Entry| e.term.chars().take(depth).collect::<String>();
    let size: usize = entries
        .iter()
        .map(|e| e.term.len() + e.postings.len() + 4)
        .sum();
    let small = size <= SHARD_BYTES || entries.len() == 1;
    if depth >= MIN_DEPTH && (small || depth >= MAX_DEPTH) {
        shards.push((prefix(first), entries));
        return;
    }
    let short = entries
        .iter()
        .take_while(|e| e.term.chars().nth(depth).is_none())
        .count();
    if short > 0 {
        shards.push((prefix(first), &entries[..short]));
    }
    let mut rest = &entries[short..];
    while let Some(head) = rest.first() {
        let letter = head.term.chars().nth(depth);
        let run = rest
            .iter()
            .take_while(|e| e.term.chars().nth(depth) == letter)
            .count();
        shard_into(&rest[..run], depth + 1, shards);
        rest = &rest[run..];
    }
}

/// A shard's file name: its letters, any but a-z and 0-9 written as
/// `_` and the hexadecimal code point (`ł` → `_142`).
pub fn file_name(shard: &str) -> String {
    let mut name = String::new();
    for c in shard.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            name.push(c);
        } else {
            name.push_str(&format!("_{:x}", c as u32));
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_stemmed_then_folded() {
        let fr = Stemmer::create(Algorithm::French);
        assert_eq!(term("mobilités", Some(&fr)), term("mobilité", Some(&fr)));
        assert_eq!(term("équipe", Some(&fr)), term("equipe", Some(&fr)));
        let en = Stemmer::create(Algorithm::English);
        assert_eq!(term("partnerships", Some(&en)), "partnership");
        let cut: Vec<Cow<str>> = words("L'Europe, c'est 2024 : Hauts-de-France!").collect();
        assert_eq!(cut, ["europe", "est", "2024", "hauts", "de", "france"]);
    }

    #[test]
    fn shards_split_until_small_and_name_the_longest_prefix() {
        let big = "9,".repeat(SHARD_BYTES / 2);
        let entries: Vec<Entry> = ["pa", "parc", "partenariat", "pat", "po"]
            .iter()
            .map(|t| Entry {
                term: t.to_string(),
                postings: if t.starts_with("par") {
                    big.clone()
                } else {
                    "[0,1]".into()
                },
            })
            .collect();
        let mut shards = Vec::new();
        shard_into(&entries, 0, &mut shards);
        let names: Vec<(&str, usize)> = shards.iter().map(|(n, e)| (n.as_str(), e.len())).collect();
        assert_eq!(
            names,
            [("pa", 1), ("parc", 1), ("part", 1), ("pat", 1), ("po", 1)]
        );
        assert_eq!(file_name("łó"), "_142_f3");
    }
}
