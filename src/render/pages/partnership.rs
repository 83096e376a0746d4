//! A partnership's own page: its card, with its text, members, mobility,
//! funding, contacts, links, videos and logo.

use crate::diagnostics::Diagnostic;
use crate::render::site::SiteData;
use crate::types::lang::Lang;

/// The page of partnership `i`; its title is the partnership's.
pub fn partnership(
    site: &SiteData,
    ctx: &mut tera::Context,
    i: usize,
    lang: Lang,
    route: &str,
    diags: &mut Vec<Diagnostic>,
) -> (&'static str, String) {
    let p = &site.catalogue.partnerships[i];
    let body = site.partnership_body(lang, i, route, diags);
    let card = site.cards(lang)[i].clone();
    let view = site.builder(lang).partnership(p, card, body);
    let title = view.card.title.clone();
    ctx.insert("p", &view);
    ("partnership.html", title)
}
