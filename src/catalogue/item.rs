//! What `source` hands to the catalogue: each content file parsed into the
//! raw struct of its kind ([`Item`]). [`parse_item`] is the function the
//! pipeline gives to `source` to say which struct a kind of file holds;
//! it reads nothing itself.

use super::raw::{RawCountry, RawInstitution, RawPage, RawPartnership, RawTaxonomy};
use crate::diagnostics::Diagnostic;
use crate::markdown::Markdown;
use crate::source::{ContentKind, Parsed, SourceFile, Unparsed};

/// One content file, parsed: the key (and language) its name gives, and
/// its raw struct with its text.
#[allow(clippy::large_enum_variant)] // One per file.
#[derive(Clone)]
pub enum Item {
    Partnership(String, String, Parsed<RawPartnership>),
    Page(String, String, Parsed<RawPage>),
    Country(String, Parsed<RawCountry>),
    Institution(String, Parsed<RawInstitution>),
    Themes(Parsed<RawTaxonomy>),
    Programmes(Parsed<RawTaxonomy>),
    /// A partnership or page file whose front matter could not be read:
    /// its problem, and its text, whose links are still checked.
    Unparsed(Diagnostic, Markdown),
}

/// Every content file as source read it, in the order of their paths.
pub type Files = crate::source::Read<Item>;

/// Parses the text of one content file of the given kind.
pub fn parse_item(kind: ContentKind, file: SourceFile) -> Result<Item, Diagnostic> {
    Ok(match kind {
        ContentKind::Partnership { key, lang } => match Parsed::markdown(file) {
            Ok(p) => Item::Partnership(key, lang, p),
            Err(u) => unparsed(u)?,
        },
        ContentKind::Page { key, lang } => match Parsed::markdown(file) {
            Ok(p) => Item::Page(key, lang, p),
            Err(u) => unparsed(u)?,
        },
        ContentKind::Country { code } => Item::Country(code, Parsed::yaml_file(file)?),
        ContentKind::Institution { id } => Item::Institution(id, Parsed::yaml_file(file)?),
        ContentKind::Themes => Item::Themes(Parsed::yaml_file(file)?),
        ContentKind::Programmes => Item::Programmes(Parsed::yaml_file(file)?),
    })
}

/// A Markdown file that failed: an item of its own when its text can still
/// be checked, else only its problem.
fn unparsed(u: Unparsed) -> Result<Item, Diagnostic> {
    match u.body {
        Some(body) => Ok(Item::Unparsed(u.problem, body)),
        None => Err(u.problem),
    }
}
