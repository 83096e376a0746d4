//! `@/` links in the texts of items that failed to load.
//!
//! Links are checked when a page is rendered, and an item with an error
//! is never rendered: without this pass, a broken link in a partnership
//! whose front matter also has a mistake would only be reported once that
//! mistake is fixed. Every problem of a site is reported at once.

use crate::diagnostics::Diagnostic;
use crate::markdown::{self, InternalLink, MarkdownOptions};

use super::model::Catalogue;
use crate::markdown::Markdown;

/// Checks the links of `bodies` (texts the renderer will not see) against
/// the items of `catalogue`.
pub fn check_unrendered(catalogue: &Catalogue, bodies: &[Markdown]) -> Vec<Diagnostic> {
    let exists = |link: &InternalLink| {
        let id = link.id;
        let found = match link.section {
            "partnerships" => catalogue.partnerships.iter().any(|p| p.key == id),
            "pages" => catalogue.pages.iter().any(|p| p.key == id),
            "countries" => catalogue.countries.contains_key(id),
            "institutions" => catalogue.institutions.contains_key(id),
            "themes" => catalogue.themes.contains_key(id),
            "programmes" => catalogue.programmes.contains_key(id),
            _ => false,
        };
        let broken = catalogue
            .broken
            .contains(&format!("{}/{}", link.section, id));
        (found || broken).then(String::new)
    };
    let options = MarkdownOptions {
        raw_html: catalogue.config.markdown.raw_html,
    };
    let mut diagnostics = Vec::new();
    for body in bodies {
        markdown::render(body, &options, &exists, &mut diagnostics);
    }
    diagnostics
}
