//! Fuzzes the Markdown path: a body rendered to HTML as a page's body is
//! (links resolved, raw HTML kept out unless allowed, nesting measured).
//! The first byte's bit 0 allows raw HTML, its bit 1 gives the text the
//! page's media links.
//!
//! Links and images to `@/media/…` become what a page makes of them
//! (files whose name holds `missing` do not exist).
//!
//! It must never panic; without raw HTML every tag of the output is
//! safe, read exactly (`html_check`: no script, no event attribute, no
//! address to a `javascript:`, `vbscript:` or `data:` scheme once
//! decoded); every problem points inside the text.

#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use passerelle::markdown::{escape, render, Markdown, MarkdownOptions, MediaLinks};
use passerelle::source::decode;
use passerelle::types::item::ItemRef;

#[path = "html_check.rs"]
mod html_check;

/// Every `@/` link exists.
fn resolve(_: &ItemRef) -> Option<String> {
    Some("../x/".to_string())
}

/// The media of a page, as the renderer writes them.
struct Media;

impl MediaLinks for Media {
    fn link(&self, file: &str) -> Result<(String, Option<String>), Option<String>> {
        if file.contains("missing") {
            return Err(Some("docs/plaquette.pdf".to_string()));
        }
        Ok((
            format!("../../media/{file}"),
            Some("PDF, 1,2 Mo".to_string()),
        ))
    }

    fn image(&self, file: &str, alt: &str) -> Result<String, Option<String>> {
        if file.contains("missing") {
            return Err(None);
        }
        let src = escape(&format!("../../media/{file}"));
        let alt = escape(alt);
        Ok(format!(
            "<img src=\"{src}\" alt=\"{alt}\" loading=\"lazy\">"
        ))
    }
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
    let options = MarkdownOptions {
        raw_html,
        media: (flags & 2 != 0).then_some(&Media as &dyn MediaLinks),
    };
    let html = render(&md, &options, &resolve, &mut problems);
    for d in &problems {
        assert!(
            d.line >= 10 && d.line < 10 + lines,
            "line {} of {lines}",
            d.line
        );
    }
    if !raw_html {
        if let Some(problem) = html_check::unsafe_part(&html) {
            panic!("without raw_html: {problem}\n{html}");
        }
    }
});
