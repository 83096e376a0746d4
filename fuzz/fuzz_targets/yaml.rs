//! Fuzzes the YAML path: the text of one content file parsed as the kind
//! its first byte picks (a partnership or a page with front matter, an
//! institution, a country, the themes), through the same functions as a
//! build (`parse_item`: front matter split, nesting measured, YAML parsed
//! into the catalogue's raw structs, errors explained and located).
//!
//! It must never panic, and every error must point inside the file.

#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use passerelle::catalogue::parse_item;
use passerelle::source::{decode, ContentKind};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, text)) = data.split_first() else {
        return;
    };
    let (kind, rel) = match pick % 5 {
        0 => (
            ContentKind::Partnership {
                key: "x".into(),
                lang: "fr".into(),
            },
            "content/partnerships/x.fr.md",
        ),
        1 => (
            ContentKind::Page {
                key: "x".into(),
                lang: "en".into(),
            },
            "content/pages/x.en.md",
        ),
        2 => (
            ContentKind::Institution { id: "x".into() },
            "content/institutions/x.yaml",
        ),
        3 => (
            ContentKind::Country { code: "be".into() },
            "content/countries/be.yaml",
        ),
        _ => (ContentKind::Themes, "content/taxonomies/themes.yaml"),
    };
    // Decoded as a build reads it: UTF-8, no BOM, LF line endings, no
    // control character.
    let Ok(file) = decode(&PathBuf::from(rel), text.to_vec()) else {
        return;
    };
    let lines = file.text.split('\n').count();
    if let Err(d) = parse_item(kind, file) {
        assert!(
            d.line <= lines + 1,
            "line {} of a {lines}-line file",
            d.line
        );
    }
});
