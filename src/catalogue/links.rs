//! `@/` links, and links and images to `@/media/` files, in the texts of
//! items that failed to load.
//!
//! Links are checked when a page is rendered, and an item with an error
//! is never rendered: without this pass, a broken link in a partnership
//! whose front matter also has a mistake would only be reported once that
//! mistake is fixed. Every problem of a site is reported at once.

use crate::diagnostics::Diagnostic;
use std::path::Path;

use crate::markdown::{self, MarkdownOptions, MediaLinks};
use crate::types::item::{ItemRef, Section};

use super::model::Catalogue;
use crate::markdown::Markdown;

/// The `@/media/` files of a text that will not be rendered: only whether
/// each exists (an image without its text is reported by the Markdown
/// pass itself).
struct MediaExists<'a>(&'a (dyn Fn(&Path) -> bool + Sync));

impl MediaExists<'_> {
    fn exists(&self, file: &str) -> bool {
        let path = Path::new(file);
        let escapes = path.is_absolute()
            || path
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir));
        !escapes && (self.0)(path)
    }
}

impl MediaLinks for MediaExists<'_> {
    fn link(&self, file: &str) -> Result<(String, Option<String>), Option<String>> {
        match self.exists(file) {
            true => Ok((String::new(), None)),
            false => Err(None),
        }
    }

    fn image(&self, file: &str, _alt: &str) -> Result<String, Option<String>> {
        match self.exists(file) {
            true => Ok(String::new()),
            false => Err(None),
        }
    }
}

/// Checks the links of `bodies` (texts the renderer will not see) against
/// the items of `catalogue`, and their `@/media/` files with
/// `media_exists` (a path under `content/media/`).
pub fn check_unrendered(
    catalogue: &Catalogue,
    bodies: &[Markdown],
    media_exists: &(dyn Fn(&Path) -> bool + Sync),
) -> Vec<Diagnostic> {
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
    let media = MediaExists(media_exists);
    let options = MarkdownOptions {
        raw_html: catalogue.config.markdown.raw_html,
        media: Some(&media),
    };
    let mut diagnostics = Vec::new();
    for body in bodies {
        markdown::render(body, &options, &exists, &mut diagnostics);
    }
    diagnostics
}
