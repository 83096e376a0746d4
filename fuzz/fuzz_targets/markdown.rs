//! Fuzzes the Markdown path: a body rendered to HTML as a page's body is
//! (links resolved, raw HTML kept out unless allowed, nesting measured).
//! The first byte's bit 0 allows raw HTML.
//!
//! It must never panic; without raw HTML the page holds no `<script` tag
//! nor an `href` or `src` to a `javascript:`, `vbscript:` or `data:`
//! address; every problem points inside the text.

#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use passerelle::markdown::{render, Markdown, MarkdownOptions};
use passerelle::source::decode;
use passerelle::types::item::ItemRef;

/// Every `@/` link exists.
fn resolve(_: &ItemRef) -> Option<String> {
    Some("../x/".to_string())
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, text)) = data.split_first() else {
        return;
    };
    let raw_html = flags & 1 != 0;
    // Decoded as a build reads it: UTF-8, LF line endings, no control
    // character.
    let Ok(file) = decode(&PathBuf::from("x.md"), text.to_vec()) else {
        return;
    };
    let source = file.text;
    let lines = source.split('\n').count();
    let md = Markdown {
        source: source.into(),
        file: PathBuf::from("content/partnerships/x.fr.md"),
        line: 10,
    };
    let mut problems = Vec::new();
    let html = render(&md, &MarkdownOptions { raw_html }, &resolve, &mut problems);
    for d in &problems {
        assert!(d.line >= 10 && d.line < 10 + lines, "line {} of {lines}", d.line);
    }
    if !raw_html {
        let html = html.to_lowercase();
        assert!(!html.contains("<script"), "`<script` without raw_html: {html}");
        for attr in ["href", "src"] {
            for scheme in ["javascript:", "vbscript:", "data:"] {
                let bad = format!("{attr}=\"{scheme}");
                assert!(!html.contains(&bad), "{bad} in {html}");
            }
        }
    }
});
