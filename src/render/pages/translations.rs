//! The translation report's page (`fr/_traductions/`): the report of
//! [`crate::translations`], each item with the address of its page.
//!
//! One of the page builders of [`super`], for a page outside the
//! navigation and the sitemap.

use serde::Serialize;

use crate::catalogue::Catalogue;
use crate::render::routes::Routes;
use crate::render::site::SiteData;
use crate::theme::Theme;
use crate::translations::report;
use crate::types::item::ItemRef;
use crate::types::lang::Lang;

/// The translation report's context.
pub fn translations(
    site: &SiteData,
    ctx: &mut tera::Context,
    lang: Lang,
) -> (&'static str, String) {
    let views = views(site.catalogue, &site.routes, site.theme);
    ctx.insert("languages", &views);
    (
        "translations.html",
        site.theme.text(lang, "translations").to_string(),
    )
}

/// The report as the page shows it: one list per language, each item
/// with the address of its page in that language.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageView {
    pub lang: Lang,
    /// The language's own name (`English`).
    pub name: String,
    pub count: usize,
    pub items: Vec<ItemView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    pub title: String,
    /// The language of `title`: the site's default language.
    pub title_lang: Lang,
    /// The item's page in the language it lacks, as a route.
    pub url: Option<String>,
    pub file: String,
    pub no_file: bool,
    pub fields: Vec<String>,
}

/// The views of the page, built from the report of `c`.
fn views(c: &Catalogue, routes: &Routes, theme: &Theme) -> Vec<LanguageView> {
    let default = c.config.default_lang();
    report(c)
        .languages
        .into_iter()
        .map(|l| {
            let items: Vec<ItemView> = l
                .missing
                .into_iter()
                .map(|m| ItemView {
                    url: routes.internal(
                        l.lang,
                        ItemRef {
                            section: m.section,
                            id: &m.key,
                        },
                    ),
                    title: m.title,
                    title_lang: default,
                    file: m.file,
                    no_file: m.no_file,
                    fields: m.fields,
                })
                .collect();
            LanguageView {
                name: theme.text(l.lang, "language_name").to_string(),
                count: items.len(),
                items,
                lang: l.lang,
            }
        })
        .collect()
}
