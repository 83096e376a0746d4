//! The search page of a language: the form, and where the browser finds
//! the language's search index (written by [`crate::render::search`]).

use crate::render::site::SiteData;
use crate::types::lang::Lang;

/// The search page's context.
pub fn search(site: &SiteData, ctx: &mut tera::Context, lang: Lang) -> (&'static str, String) {
    ctx.insert("search_data", &site.routes.search_folder(lang));
    ("search.html", site.theme.text(lang, "search").to_string())
}
