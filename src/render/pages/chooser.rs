//! The two pages in no one language: the language chooser at the site
//! root (the site's title and a way in, in each language) and the 404
//! page, which says it in every language.

use serde::Serialize;

use crate::render::chrome::footer_links;
use crate::render::site::SiteData;
use crate::render::views::Link;
use crate::types::lang::Lang;

/// The root page: the site's title and a way in, in each language.
pub fn languages(site: &SiteData, ctx: &mut tera::Context, lang: Lang) -> (&'static str, String) {
    let config = &site.catalogue.config;
    let r = &site.routes;
    let choices: Vec<Choice> = config
        .languages
        .iter()
        .map(|&l| Choice {
            lang: l,
            title: config.title[l.as_str()].clone(),
            description: config.description.get(l.as_str()).cloned(),
            url: r.home(l),
            absolute: r.absolute(&r.home(l)),
            enter: site.theme.text(l, "enter_site").to_string(),
            footer: footer_links(site.catalogue, r, site.theme, l),
        })
        .collect();
    ctx.insert("choices", &choices);
    ("index.html", config.title[lang.as_str()].clone())
}

/// The 404 page, one for every language: the others say it too.
pub fn not_found(site: &SiteData, ctx: &mut tera::Context, lang: Lang) -> (&'static str, String) {
    let theme = site.theme;
    let others: Vec<Notice> = site
        .catalogue
        .config
        .languages
        .iter()
        .filter(|&&l| l != lang)
        .map(|&l| Notice {
            lang: l,
            title: theme.text(l, "not_found").to_string(),
            text: theme.text(l, "not_found_text").to_string(),
        })
        .collect();
    ctx.insert("in_other_languages", &others);
    ("404.html", theme.text(lang, "not_found").to_string())
}

#[derive(Serialize)]
struct Choice {
    lang: Lang,
    title: String,
    description: Option<String>,
    url: String,
    absolute: Option<String>,
    enter: String,
    /// The legal and other pages of the language, linked from its part
    /// of the chooser.
    footer: Vec<Link>,
}

/// A short text in one of the site's languages.
#[derive(Serialize)]
struct Notice {
    lang: Lang,
    title: String,
    text: String,
}
