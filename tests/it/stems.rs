//! The reference stems under `tests/fixtures/stems/` still agree with
//! rust-stemmers, the stemmer the search index is built with. The browser's
//! stemmer (`themes/default/static/search/stem.js`) is tested against the
//! same files by `tests/js/stem.test.js`, so the two cannot drift apart.
//! `examples/stem-words.rs` regenerates the files.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use rust_stemmers::{Algorithm, Stemmer};

/// Every line of `tests/fixtures/stems/<lang>.tsv` is `word<TAB>stem`, with
/// at least 3,000 distinct words, and rust-stemmers gives that stem.
fn check_fixture(lang: &str, algorithm: Algorithm) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/stems")
        .join(format!("{lang}.tsv"));
    let text = fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    let stemmer = Stemmer::create(algorithm);
    let mut words = BTreeSet::new();
    let mut problems = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let Some((word, stem)) = line.split_once('\t') else {
            problems.push(format!("line {}: no tab in {line:?}", number + 1));
            continue;
        };
        if !words.insert(word) {
            problems.push(format!("line {}: {word:?} is listed twice", number + 1));
        }
        let expected = stemmer.stem(word);
        if stem != expected {
            problems.push(format!(
                "line {}: {word:?} stems to {expected:?}, the file says {stem:?}",
                number + 1
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} disagrees with rust-stemmers on {} lines. If rust-stemmers was \
         upgraded, stem.js must follow it: regenerate the file with `cut -f1 \
         tests/fixtures/stems/{lang}.tsv | cargo run -q --example stem-words -- \
         --lang {lang}` and run `node --test tests/js/`.\n{}",
        path.display(),
        problems.len(),
        problems[..problems.len().min(20)].join("\n")
    );
    assert!(
        words.len() >= 3000,
        "{} has only {} words",
        path.display(),
        words.len()
    );
}

#[test]
fn french_reference_stems_match_rust_stemmers() {
    check_fixture("fr", Algorithm::French);
}

#[test]
fn english_reference_stems_match_rust_stemmers() {
    check_fixture("en", Algorithm::English);
}
