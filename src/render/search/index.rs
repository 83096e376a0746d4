//! The word index of one language: terms numbered across documents, their
//! postings, and the shards they are written in.
//!
//! The second step of the index, after [`super::fields`]; the words are
//! cut and stemmed by [`super::terms`].

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};

use super::fields::Field;
use super::terms::{terms, words};

/// A shard larger than this is split by the next letter of its terms.
const SHARD_BYTES: usize = 24 * 1024;
/// Shards are named by at least this many letters…
const MIN_DEPTH: usize = 2;
/// …and at most this many.
const MAX_DEPTH: usize = 6;
/// The highest score of a term in one document.
const MAX_SCORE: u32 = 255;
/// The longest stop word of any language, in bytes.
const STOP_LEN: usize = 5;
/// A word counts at most this many times in one field.
const MAX_REPEATS: u32 = 3;

/// The words of a document with their scores: weight × repeats.
type Scored<'t> = Vec<(Cow<'t, str>, u32)>;

/// Builds the index of a language a chunk of documents at a time, keeping
/// between chunks only the numbers of their words, so that memory does not
/// hold every text at once.
pub(super) struct Indexer<'s> {
    stop: FastSet<&'s str>,
    /// Every word met, with its number.
    numbers: FastMap<Box<str>, u32>,
    /// Each document's words, by number, with their scores.
    docs: Vec<Vec<(u32, u32)>>,
}

impl<'s> Indexer<'s> {
    pub(super) fn new(stop: &[&'s str]) -> Self {
        Indexer {
            stop: stop.iter().copied().collect(),
            numbers: FastMap::default(),
            docs: Vec::new(),
        }
    }

    /// Adds the next documents, given by their fields.
    pub(super) fn add(&mut self, chunk: &[Vec<(Field, Cow<str>)>]) {
        let scored: Vec<Scored> = chunk
            .par_iter()
            .map_init(
                || FastMap::with_capacity_and_hasher(512, Default::default()),
                |counts, fields| score_words(fields, &self.stop, counts),
            )
            .collect();
        for words in scored {
            let numbered = words
                .into_iter()
                .map(|(word, score)| (self.number(word), score))
                .collect();
            self.docs.push(numbered);
        }
    }

    /// The number of a word, given at its first meeting (a known word is
    /// looked up without being copied).
    fn number(&mut self, word: Cow<str>) -> u32 {
        if let Some(&n) = self.numbers.get(word.as_ref()) {
            return n;
        }
        let n = self.numbers.len() as u32;
        self.numbers.insert(word.into(), n);
        n
    }

    /// Every term, in order, with its postings: (document, score),
    /// documents in increasing order. Each distinct word is stemmed once.
    pub(super) fn finish(self, algorithm: Option<Algorithm>) -> Vec<(String, Vec<(u32, u32)>)> {
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
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word: [u8; 8] = chunk.try_into().unwrap_or_default();
            self.write_u64(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
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
/// `counts` is empty, and left empty: its room serves the next document.
fn score_words<'t>(
    fields: &'t [(Field, Cow<str>)],
    stop: &FastSet<&str>,
    counts: &mut FastMap<Cow<'t, str>, [u32; 4]>,
) -> Scored<'t> {
    for (field, text) in fields {
        // Stop words are short: a longer word is not looked up.
        let kept = |w: &Cow<str>| w.len() > STOP_LEN || !stop.contains(w.as_ref());
        for word in words(text).filter(kept) {
            counts.entry(word).or_default()[*field as usize] += 1;
        }
    }
    counts
        .drain()
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

/// The shard files of a language's index, each at the path `path` gives
/// for its file name, with the names of the shards.
pub(super) fn shard_files(
    postings: Vec<(String, Vec<(u32, u32)>)>,
    path: &(dyn Fn(&str) -> String + Sync),
) -> (Vec<String>, Vec<(String, Vec<u8>)>) {
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
    let files = shards
        .into_par_iter()
        .map(|(name, entries)| {
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
            (path(&file_name(&name)), json.into_bytes())
        })
        .collect();
    (names, files)
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
        push_number(&mut json, doc - previous);
        json.push(',');
        push_number(&mut json, score);
        previous = doc;
    }
    json.push(']');
    json
}

/// Writes `n` in decimal, without the formatting machinery (postings are
/// millions of small numbers).
fn push_number(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(d as char);
    }
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
    fn postings_are_gaps_and_scores() {
        assert_eq!(
            encode(&[(0, 16), (7, 1), (4_000_000_000, 255)]),
            "[0,16,7,1,3999999993,255]"
        );
        let mut out = String::new();
        for n in [0, 9, 10, 4_294_967_295] {
            push_number(&mut out, n);
            out.push(' ');
        }
        assert_eq!(out, "0 9 10 4294967295 ");
    }

    #[test]
    fn no_stop_word_is_longer_than_the_length_looked_up() {
        for lang in ["fr", "en"] {
            let (stop, _) =
                super::super::terms::language(crate::types::lang::Lang::parse(lang).unwrap());
            assert!(stop.iter().all(|w| w.len() <= STOP_LEN), "{lang}");
        }
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
