//! The themes and the programmes: their indexes, with the number of
//! partnerships of each, and the page of each theme or programme.

use super::paged::{insert_page, term_cards};
use crate::render::kinds::Job;
use crate::render::site::SiteData;
use crate::types::lang::Lang;

/// The index of themes or of programmes, with their counts.
pub fn index(
    site: &SiteData,
    ctx: &mut tera::Context,
    job: Job,
    lang: Lang,
) -> (&'static str, String) {
    let c = site.catalogue;
    let b = site.builder(lang);
    let index = site.lists(lang);
    let (kind, list) = match job {
        Job::Themes(_) => (
            "themes",
            term_cards(&index.by_theme, c.themes.keys().map(String::as_str), |id| {
                b.theme_link(id)
            }),
        ),
        _ => (
            "programmes",
            term_cards(
                &index.by_programme,
                c.programmes.keys().map(String::as_str),
                |id| b.programme_link(id),
            ),
        ),
    };
    ctx.insert("terms", &list);
    ctx.insert("kind", kind);
    ("terms.html", b.t(kind))
}

/// A page of the partnerships of a theme or a programme.
pub fn term(
    site: &SiteData,
    ctx: &mut tera::Context,
    job: Job,
    id: &str,
    lang: Lang,
) -> (&'static str, String) {
    let c = site.catalogue;
    let (kind, term) = match job {
        Job::Theme(..) => ("theme", &c.themes[id]),
        _ => ("programme", &c.programmes[id]),
    };
    ctx.insert("kind", kind);
    // A label written in another language only: marked as such.
    let text_lang = term.label_lang(lang).unwrap_or(lang.as_str());
    ctx.insert("text_lang", text_lang);
    ctx.insert("translated", &(text_lang == lang.as_str()));
    insert_page(site, ctx, job);
    ("term.html", term.label(lang))
}
