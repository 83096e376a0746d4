//! How the index and the browser cut and stem words: stop words and
//! stemmer of each language, words, terms (`static/search/stem.js` and
//! `static/browse.js` do the same in the browser).
//!
//! The bottom of the search index: it knows nothing else of render.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

use crate::types::lang::Lang;
use crate::types::text::fold_accent;

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
pub(super) fn language(lang: Lang) -> (&'static [&'static str], Option<Algorithm>) {
    match lang {
        Lang::Fr => (STOP_FR, Some(Algorithm::French)),
        Lang::En => (STOP_EN, Some(Algorithm::English)),
    }
}

/// The words of a text as the index and the browser cut them: runs of
/// letters and digits, lower-cased, of two characters or more.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// What a byte is to [`Words`]: part of a word (lower-case or digit,
/// upper-case), anything else, or the start of a character beyond ASCII.
const LOWER: u8 = 0;
const UPPER: u8 = 1;
const OTHER: u8 = 2;
const WIDE: u8 = 3;
const ASCII: [u8; 256] = {
    let mut table = [WIDE; 256];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        table[byte] = match b {
            b'A'..=b'Z' => UPPER,
            b'a'..=b'z' | b'0'..=b'9' => LOWER,
            _ => OTHER,
        };
        byte += 1;
    }
    table
};

/// The iterator of [`words`], which reads ASCII a byte at a time.
pub struct Words<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Words<'t> {
    /// The character at `at`, not ASCII: its length, whether it belongs
    /// to a word (a letter or a digit), and whether it is lower-case (or
    /// has no case). The Latin-1 letters of French are answered without
    /// Unicode tables.
    fn wide(&self, at: usize) -> (usize, bool, bool) {
        let c = self.text[at..].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        match c {
            '\u{d7}' | '\u{f7}' => (len, false, true),
            '\u{c0}'..='\u{de}' => (len, true, false),
            '\u{df}'..='\u{ff}' => (len, true, true),
            _ => (len, c.is_alphanumeric(), c.to_lowercase().eq([c])),
        }
    }
}

impl<'t> Iterator for Words<'t> {
    type Item = Cow<'t, str>;

    fn next(&mut self) -> Option<Cow<'t, str>> {
        let bytes = self.text.as_bytes();
        let mut at = self.at;
        loop {
            // Up to the next letter or digit.
            while let Some(&byte) = bytes.get(at) {
                match ASCII[byte as usize] {
                    OTHER => at += 1,
                    WIDE => match self.wide(at) {
                        (len, false, _) => at += len,
                        _ => break,
                    },
                    _ => break,
                }
            }
            if at >= bytes.len() {
                self.at = at;
                return None;
            }
            // The word: letters and digits, counted, and whether any is
            // upper-case.
            let start = at;
            let (mut letters, mut lower) = (0usize, true);
            while let Some(&byte) = bytes.get(at) {
                match ASCII[byte as usize] {
                    OTHER => break,
                    WIDE => match self.wide(at) {
                        (_, false, _) => break,
                        (len, true, is_lower) => {
                            lower &= is_lower;
                            at += len;
                        }
                    },
                    class => {
                        lower &= class != UPPER;
                        at += 1;
                    }
                }
                letters += 1;
            }
            if letters < 2 {
                continue;
            }
            self.at = at;
            let word = &self.text[start..at];
            return Some(match lower {
                true => Cow::Borrowed(word),
                false => Cow::Owned(word.to_lowercase()),
            });
        }
    }
}

/// The terms a query looks up in the index of `lang`, as the browser
/// makes them: its words, less the stop words, as terms.
pub fn query_terms(lang: Lang, query: &str) -> Vec<Vec<String>> {
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
        let mixed = "«Œuvres» ÉTÉ x ǅemal — 𝔸b ٣٤ ×÷ Þórr ÿß ªº µ¹ ½ ¿À";
        let cut: Vec<Cow<str>> = words(mixed).collect();
        let split: Vec<String> = mixed
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 1)
            .map(str::to_lowercase)
            .collect();
        assert_eq!(cut, split);
    }
}
