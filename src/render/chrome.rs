//! What every page of a language shares, set once in that language's
//! template engine rather than serialised for each page: the interface
//! strings `t`, the `site` (title, home, stylesheet, feed, languages), the
//! footer's links to the site's own and legal pages, and the appearance
//! settings (logo, colours, footer links).
//!
//! The shared site data ([`super::site`]) calls [`language_globals`] when
//! it makes a language's engine; the language chooser reuses the footer.

use serde::Serialize;

use super::kinds::LegalPage;
use super::routes::Routes;
use super::views::Link;
use crate::catalogue::Catalogue;
use crate::config::{Appearance, Legal};
use crate::media::{Images, Role};
use crate::theme::Theme;
use crate::types::lang::Lang;

/// Sets the globals of `lang` in `globals`, its engine's global context.
pub fn language_globals(
    c: &Catalogue,
    routes: &Routes,
    theme: &Theme,
    icon: &IconView,
    lang: Lang,
    globals: &mut tera::Context,
) {
    globals.insert("icon", icon);
    globals.insert("t", &theme.strings[&lang]);
    globals.insert(
        "site",
        &SiteView {
            title: c.config.title[lang.as_str()].clone(),
            publisher: c.config.publisher.clone(),
            home: routes.home(lang),
            stylesheet: routes.stylesheet(),
            feed: routes.feed(lang),
            search: routes.search(lang),
            languages: c
                .config
                .languages
                .iter()
                .map(|&l| LanguageLink {
                    lang: l,
                    label: theme.text(l, "language_name").to_string(),
                    url: routes.home(l),
                })
                .collect(),
        },
    );
    globals.insert("footer_pages", &footer_links(c, routes, theme, lang));
    let publisher = c.config.legal.as_ref().map(|l| &l.publisher);
    let alt = publisher.or(c.config.publisher.as_ref());
    let alt = alt.unwrap_or(&c.config.title[lang.as_str()]);
    let media = |file: &str| routes.media(file);
    let appearance = appearance_view(&c.config.appearance, lang, alt, media);
    globals.insert("appearance", &appearance);
}

/// The links of every page's footer to the site's own pages: the
/// hand-written ones, then the legal pages (the accessibility statement
/// named by its conformity, as the RGAA asks).
pub fn footer_links(c: &Catalogue, routes: &Routes, theme: &Theme, lang: Lang) -> Vec<Link> {
    let mut links: Vec<Link> = c
        .pages
        .iter()
        .filter(|p| LegalPage::from_key(&p.key).is_none())
        .map(|p| Link {
            label: p.text(lang).title.clone(),
            url: routes.page(lang, p),
        })
        .collect();
    for page in LegalPage::ALL {
        let Some(url) = routes.legal_page(lang, page) else {
            continue;
        };
        let label = match (&c.config.legal, page.written(c)) {
            (Some(legal), _) if page == LegalPage::Accessibility => {
                conformity_line(theme, legal, lang)
            }
            (_, Some(p)) => p.text(lang).title.clone(),
            _ => theme.text(lang, page.title_key()).to_string(),
        };
        links.push(Link { label, url });
    }
    links
}

/// « Accessibilité : partiellement conforme ».
pub fn conformity_line(theme: &Theme, legal: &Legal, lang: Lang) -> String {
    let key = format!("conformity.{}", legal.accessibility.status.id());
    let label = theme.text(lang, &key);
    let accessibility = theme.text(lang, "accessibility_line");
    let colon = match lang {
        Lang::Fr => "\u{a0}:",
        Lang::En => ":",
    };
    format!("{accessibility}{colon} {label}")
}

/// The browser's icons: made from `appearance.logo` when it is set (an
/// SVG logo is its own icon), else the theme's.
pub fn icon(c: &Catalogue, routes: &Routes, images: &Images) -> IconView {
    let default = IconView {
        href: routes.theme_file("favicon.svg"),
        kind: "image/svg+xml",
        touch: routes.theme_file("touch-icon.png"),
    };
    let Some(logo) = &c.config.appearance.logo else {
        return default;
    };
    if logo.file.to_ascii_lowercase().ends_with(".svg") {
        return IconView {
            href: routes.media(&logo.file),
            ..default
        };
    }
    match images.picture(Role::Icon, &logo.file) {
        Some(picture) if picture.width.is_some() => IconView {
            kind: if picture.src.ends_with(".png") {
                "image/png"
            } else if picture.src.ends_with(".webp") {
                "image/webp"
            } else {
                "image/jpeg"
            },
            touch: picture
                .src_2x
                .clone()
                .unwrap_or_else(|| picture.src.clone()),
            href: picture.src.clone(),
        },
        _ => default,
    }
}

#[derive(Serialize)]
pub struct IconView {
    pub href: String,
    /// The icon's media type.
    pub kind: &'static str,
    /// The touch icon (`apple-touch-icon`).
    pub touch: String,
}

/// The header's logo, the colours and the footer's links of `appearance`,
/// for every page of `lang`.
fn appearance_view(
    appearance: &Appearance,
    lang: Lang,
    alt: &str,
    media: impl Fn(&str) -> String,
) -> AppearanceView {
    AppearanceView {
        footer_links: appearance
            .footer_links
            .iter()
            .map(|l| ExternalLink {
                label: l.label.get(lang.as_str()).cloned().unwrap_or_default(),
                href: l.url.clone(),
            })
            .collect(),
        colors: appearance
            .colors
            .iter()
            .map(|(name, value)| Color {
                name: name.clone(),
                value: value.clone(),
            })
            .collect(),
        logo: appearance.logo.as_ref().map(|l| LogoView {
            url: media(&l.file),
            width: l.width,
            height: l.height,
            alt: alt.to_string(),
        }),
    }
}

#[derive(Serialize)]
struct SiteView {
    title: String,
    publisher: Option<String>,
    home: String,
    stylesheet: String,
    feed: String,
    search: String,
    languages: Vec<LanguageLink>,
}

/// The home page of one language, named in that language (`lang` marks it).
#[derive(Serialize)]
struct LanguageLink {
    lang: Lang,
    label: String,
    url: String,
}

#[derive(Serialize)]
struct AppearanceView {
    colors: Vec<Color>,
    logo: Option<LogoView>,
    footer_links: Vec<ExternalLink>,
}

#[derive(Serialize)]
struct ExternalLink {
    label: String,
    href: String,
}

#[derive(Serialize)]
struct Color {
    name: String,
    value: String,
}

#[derive(Serialize)]
struct LogoView {
    url: String,
    width: u32,
    height: u32,
    alt: String,
}
