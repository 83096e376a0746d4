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
pub const DOC_SHARD: usize = 10;
/// A shard larger than this is split by the next letter of its terms.
const SHARD_BYTES: usize = 24 * 1024;
/// Shards are named by at least this many letters…
const MIN_DEPTH: usize = 2;
/// …and at most this many.
const MAX_DEPTH: usize = 6;
/// The highest score of a term in one document.
const MAX_SCORE: u32 = 255;
/// How many documents are read at a time.
const INDEX_CHUNK: usize = 1024;
/// A word counts at most this many times in one field.
const MAX_REPEATS: u32 = 3;

/// The parts of a partnership the index reads, which weigh differently.
#[derive(Debug, Clone, Copy)]
enum Field {
    /// The title and the acronym.
    Title,
    Summary,
    /// Partners, countries, themes and programme.
    Names,
    Body,
}

impl Field {
    /// How much one occurrence of a word in the field counts.
    const WEIGHTS: [u32; 4] = [16, 6, 4, 1];
}

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
        let (stop, algorithm) = language(lang);
        let mut indexer = Indexer::new(stop);
        for chunk in order.chunks(INDEX_CHUNK) {
            let fields: Vec<Vec<(Field, Cow<str>)>> = chunk
                .par_iter()
                .map(|&i| self.fields(lang, &self.catalogue.partnerships[i], &cards[i]))
                .collect();
            indexer.add(&fields);
        }
        let postings = indexer.finish(algorithm);
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
    fn fields<'c>(
        &'c self,
        lang: &str,
        p: &'c Partnership,
        card: &'c Card,
    ) -> Vec<(Field, Cow<'c, str>)> {
        let c = self.catalogue;
        let text = p.text(lang);
        let mut fields = vec![
            (Field::Title, Cow::from(&card.title)),
            (Field::Summary, Cow::from(&card.summary)),
            (Field::Body, Cow::from(plain_text(&text.body.source))),
            (Field::Names, Cow::from(&card.programme.label)),
        ];
        fields.extend(p.acronym.iter().map(|a| (Field::Title, Cow::from(a))));
        fields.extend(
            card.countries
                .iter()
                .map(|l| (Field::Names, Cow::from(&l.label))),
        );
        let b = self.builder(lang);
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
}

/// The words of a text as the index and the browser cut them: runs of
/// letters and digits, lower-cased, of two characters or more.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// The iterator of [`words`], which reads ASCII a byte at a time.
pub struct Words<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Words<'t> {
    /// The character at `self.at`, its length, and whether it belongs to
    /// a word (a letter or a digit).
    fn look(&self) -> (char, usize, bool) {
        let byte = self.text.as_bytes()[self.at];
        if byte.is_ascii() {
            return (byte as char, 1, byte.is_ascii_alphanumeric());
        }
        let c = self.text[self.at..].chars().next().unwrap_or(' ');
        (c, c.len_utf8(), c.is_alphanumeric())
    }
}

impl<'t> Iterator for Words<'t> {
    type Item = Cow<'t, str>;

    fn next(&mut self) -> Option<Cow<'t, str>> {
        let end = self.text.len();
        loop {
            while self.at < end && !self.look().2 {
                self.at += self.look().1;
            }
            if self.at >= end {
                return None;
            }
            let start = self.at;
            let (mut letters, mut lower) = (0, true);
            while self.at < end {
                let (c, len, in_word) = self.look();
                if !in_word {
                    break;
                }
                lower &= if c.is_ascii() {
                    !c.is_ascii_uppercase()
                } else {
                    c.to_lowercase().eq([c])
                };
                letters += 1;
                self.at += len;
            }
            if letters < 2 {
                continue;
            }
            let word = &self.text[start..self.at];
            return Some(match lower {
                true => Cow::Borrowed(word),
                false => Cow::Owned(word.to_lowercase()),
            });
        }
    }
}

/// The terms a query looks up in the index of `lang`, as the browser
/// makes them: its words, less the stop words, as terms.
pub fn query_terms(lang: &str, query: &str) -> Vec<Vec<String>> {
    let (stop, algorithm) = language(lang);
    let stemmer = algorithm.map(Stemmer::create);
    words(query)
        .filter(|w| !stop.contains(&w.as_ref()))
        .map(|w| {
            let (term, other) = terms(&w, stemmer.as_ref());
            std::iter::once(term).chain(other).collect()
        })
        .collect()
}

/// A word as a term: stemmed, then with its accents folded
/// (`mobilités` → `mobil`).
pub fn term(word: &str, stemmer: Option<&Stemmer>) -> String {
    let stem = match stemmer {
        Some(s) => s.stem(word),
        None => word.into(),
    };
    stem.chars().flat_map(fold_accent).collect()
}

/// A word's term, and the term of its unaccented spelling when that
/// differs: stemmers read accents (`mobilités` → `mobil`, `mobilites` →
/// `mobilit`), and people often leave them out. The index files a word
/// under both; a query looks for both.
pub fn terms(word: &str, stemmer: Option<&Stemmer>) -> (String, Option<String>) {
    let main = term(word, stemmer);
    let folded: String = word.chars().flat_map(fold_accent).collect();
    if folded == word {
        return (main, None);
    }
    let other = term(&folded, stemmer);
    let other = (other != main).then_some(other);
    (main, other)
}

/// The words of a document with their scores: weight × repeats.
type Scored<'t> = Vec<(Cow<'t, str>, u32)>;

/// Builds the index of a language a chunk of documents at a time, keeping
/// between chunks only the numbers of their words, so that memory does not
/// hold every text at once.
struct Indexer<'s> {
    stop: FastSet<&'s str>,
    /// Every word met, with its number.
    numbers: FastMap<Box<str>, u32>,
    /// Each document's words, by number, with their scores.
    docs: Vec<Vec<(u32, u32)>>,
}

impl<'s> Indexer<'s> {
    fn new(stop: &[&'s str]) -> Self {
        Indexer {
            stop: stop.iter().copied().collect(),
            numbers: FastMap::default(),
            docs: Vec::new(),
        }
    }

    /// Adds the next documents, given by their fields.
    fn add(&mut self, chunk: &[Vec<(Field, Cow<str>)>]) {
        let scored: Vec<Scored> = chunk
            .par_iter()
            .map(|fields| score_words(fields, &self.stop))
            .collect();
        for words in scored {
            let numbered = words
                .into_iter()
                .map(|(word, score)| {
                    let next = self.numbers.len() as u32;
                    let n = *self.numbers.entry(word.into()).or_insert(next);
                    (n, score)
                })
                .collect();
            self.docs.push(numbered);
        }
    }

    /// Every term, in order, with its postings: (document, score),
    /// documents in increasing order. Each distinct word is stemmed once.
    fn finish(self, algorithm: Option<Algorithm>) -> Vec<(String, Vec<(u32, u32)>)> {
        let mut words: Vec<&str> = vec![""; self.numbers.len()];
        for (word, &n) in &self.numbers {
            words[n as usize] = word;
        }
        let stemmed: Vec<(String, Option<String>)> = words
            .par_iter()
            .map_init(
                || algorithm.map(Stemmer::create),
                |stemmer, w| terms(w, stemmer.as_ref()),
            )
            .collect();
        let mut all: Vec<&str> = stemmed
            .iter()
            .flat_map(|(t, other)| std::iter::once(t).chain(other))
            .map(String::as_str)
            .collect();
        all.par_sort_unstable();
        all.dedup();
        let number = |t: &String| all.binary_search(&t.as_str()).unwrap_or(0) as u32;
        let term_of: Vec<(u32, Option<u32>)> = stemmed
            .par_iter()
            .map(|(t, other)| (number(t), other.as_ref().map(number)))
            .collect();
        let numbered: Vec<Vec<(u32, u32)>> = self
            .docs
            .into_par_iter()
            .map(|words| {
                let mut list: Vec<(u32, u32)> = words
                    .into_iter()
                    .flat_map(|(w, score)| {
                        let (t, other) = term_of[w as usize];
                        std::iter::once((t, score)).chain(other.map(|o| (o, score)))
                    })
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
        let mut postings: Vec<Vec<(u32, u32)>> = vec![Vec::new(); all.len()];
        for (doc, list) in numbered.into_iter().enumerate() {
            for (term, score) in list {
                postings[term as usize].push((doc as u32, score.min(MAX_SCORE)));
            }
        }
        all.into_iter().map(str::to_string).zip(postings).collect()
    }
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

/// The distinct words of a document's fields, each with its score: the
/// weight of each field it is in, times its repeats there (at most
/// [`MAX_REPEATS`]).
fn score_words<'t>(fields: &'t [(Field, Cow<str>)], stop: &FastSet<&str>) -> Scored<'t> {
    let mut counts: FastMap<Cow<str>, [u32; 4]> = FastMap::default();
    for (field, text) in fields {
        for word in words(text).filter(|w| !stop.contains(w.as_ref())) {
            counts.entry(word).or_default()[*field as usize] += 1;
        }
    }
    counts
        .into_iter()
        .map(|(word, repeats)| {
            let score = repeats
                .iter()
                .zip(Field::WEIGHTS)
                .map(|(&n, weight)| weight * n.min(MAX_REPEATS))
                .sum();
            (word, score)
        })
        .collect()
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

/// A shard's file name: its letters, any but a-z and 0-9 written as its
/// hexadecimal code point between underscores (`ł` → `_142_`).
pub fn file_name(shard: &str) -> String {
    let mut name = String::new();
    for c in shard.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            name.push(c);
        } else {
            name.push_str(&format!("_{:x}_", c as u32));
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
        // Without its accents, a word may stem otherwise: it is filed
        // under both terms.
        assert_eq!(
            terms("mobilités", Some(&fr)),
            ("mobil".into(), Some("mobilit".into()))
        );
        assert_eq!(terms("mobilites", Some(&fr)), ("mobilit".into(), None));
        let en = Stemmer::create(Algorithm::English);
        assert_eq!(term("partnerships", Some(&en)), "partnership");
        let cut: Vec<Cow<str>> = words("L'Europe, c'est 2024 : Hauts-de-France!").collect();
        assert_eq!(cut, ["europe", "est", "2024", "hauts", "de", "france"]);
        let cut: Vec<Cow<str>> = words("«Œuvres» ÉTÉ x ǅemal — 𝔸b ٣٤").collect();
        let split: Vec<String> = "«Œuvres» ÉTÉ x ǅemal — 𝔸b ٣٤"
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 1)
            .map(str::to_lowercase)
            .collect();
        assert_eq!(cut, split);
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
        assert_eq!(file_name("łó"), "_142__f3_");
        assert_ne!(file_name("ł2"), file_name("\u{1422}"));
    }
}
