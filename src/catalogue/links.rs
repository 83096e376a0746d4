//! `@/` links in the texts of items that failed to load.
//!
//! Links are checked when a page is rendered, and an item with an error
//! is never rendered: without this pass, a broken link in a partnership
//! whose front matter also has a mistake would only be reported once that
//! mistake is fixed. Every problem of a site is reported at once.

use crate::diagnostics::Diagnostic;
use crate::markdown::{self, MarkdownOptions};
use crate::types::item::{ItemRef, Section};

use super::model::Catalogue;
use crate::markdown::Markdown;

/// Checks the links of `bodies` (texts the renderer will not see) against
/// the items of `catalogue`.
pub fn check_unrendered(catalogue: &Catalogue, bodies: &[Markdown]) -> Vec<Diagnostic> {
    let exists = |link: &ItemRef| {
        let id = link.id;
        let found = match link.section {
            Section::Partnerships => catalogue.partnerships.iter().any(|p| p.key == id),
            Section::Pages => catalogue.pages.iter().any(|p| p.key == id),
            Section::Countries => catalogue.countries.contains_key(id),
            Section::Institutions => catalogue.institutions.contains_key(id),
            Section::Themes => catalogue.themes.contains_key(id),
            Section::Programmes => catalogue.programmes.contains_key(id),
        };
        let broken = catalogue.broken.has_link_target(*link);
        (found || broken).then(String::new)
    };
    let options = MarkdownOptions {
        raw_html: catalogue.config.markdown.raw_html,
        media: None,
    };
    let mut diagnostics = Vec::new();
    for body in bodies {
        markdown::render(body, &options, &exists, &mut diagnostics);
    }
    diagnostics
}
