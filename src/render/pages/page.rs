//! The pages written by hand in `content/pages/` (about, contact…, and
//! the legal pages a site writes itself).

use crate::catalogue::Page;
use crate::diagnostics::Diagnostic;
use crate::render::site::SiteData;
use crate::types::lang::Lang;

/// A page written in `content/pages/`; its title is the page's.
pub fn page(
    site: &SiteData,
    ctx: &mut tera::Context,
    page: &Page,
    lang: Lang,
    route: &str,
    diags: &mut Vec<Diagnostic>,
) -> (&'static str, String) {
    let text = page.text(lang);
    ctx.insert("body_html", &site.markdown(&text.body, lang, route, diags));
    ctx.insert("summary", &text.summary);
    ctx.insert("text_lang", &text.lang);
    ctx.insert("translated", &(text.lang == lang));
    ("page.html", text.title.clone())
}
