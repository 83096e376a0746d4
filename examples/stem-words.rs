//! Reference stems: reads words on stdin, one a line, and prints
//! `word<TAB>stem` with rust-stemmers, the stemmer the search index uses.
//!
//! ```sh
//! cargo run --example stem-words -- --lang fr < words.txt > tests/fixtures/stems/fr.tsv
//! ```
//!
//! The fixtures it writes keep the browser's stemmer
//! (`themes/default/static/search/stem.js`) honest: `tests/js/stem.test.js`
//! compares the two, and `tests/it/stems.rs` checks the fixtures still agree
//! with rust-stemmers. Words are expected lower-cased; empty lines are
//! skipped.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use rust_stemmers::{Algorithm, Stemmer};

fn algorithm(args: &[String]) -> Result<Algorithm, String> {
    match args {
        [flag, lang] if flag == "--lang" => match lang.as_str() {
            "fr" => Ok(Algorithm::French),
            "en" => Ok(Algorithm::English),
            other => Err(format!("unknown language `{other}`; expected `fr` or `en`")),
        },
        _ => Err("usage: stem-words --lang fr|en < words > word-stem.tsv".to_string()),
    }
}

fn run(stemmer: &Stemmer) -> io::Result<()> {
    let stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lines() {
        let line = line?;
        let word = line.trim();
        if !word.is_empty() {
            writeln!(out, "{word}\t{}", stemmer.stem(word))?;
        }
    }
    out.flush()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stemmer = match algorithm(&args) {
        Ok(algorithm) => Stemmer::create(algorithm),
        Err(message) => {
            eprintln!("stem-words: {message}");
            return ExitCode::from(2);
        }
    };
    match run(&stemmer) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("stem-words: {err}");
            ExitCode::FAILURE
        }
    }
}
