//! What every page shares around its own content: its language, the climb
//! to the site root, the navigation, the same page in the other languages,
//! and the canonical and `x-default` addresses. Every builder's context
//! gets it last.

use serde::Serialize;

use crate::render::chrome::IconView;
use crate::render::kinds::{Job, NavSection, Order};
use crate::render::routes::relative;
use crate::render::site::SiteData;
use crate::types::lang::Lang;

/// Adds to `ctx` what every page shares: language, navigation,
/// alternates, addresses.
pub fn frame(
    site: &SiteData,
    ctx: &mut tera::Context,
    job: Job,
    lang: Lang,
    route: &str,
    title: &str,
) {
    // A server shows 404.html for a missing address at any depth, where
    // relative links would not resolve: it links from the path the site is
    // served under, which works on the published site and in `serve`.
    let depth_root = match job {
        Job::NotFound => site.served_path.clone(),
        _ => relative(route, ""),
    };
    ctx.insert("lang", &lang);
    ctx.insert("root", &depth_root);
    ctx.insert("route", route);
    ctx.insert("title", title);
    ctx.insert_value("nav", nav(site, job, lang));
    let alternates = alternates(site, job, lang);
    ctx.insert("alternates", &alternates);
    let canonical = match job {
        Job::NotFound => None,
        // The catalogue in another order is the same list: its address
        // for search engines is the catalogue's.
        Job::Partnerships(l, order, _) if order != Order::Title => site
            .routes
            .absolute(&site.route(Job::Partnerships(l, Order::Title, 1))),
        _ => site.routes.absolute(route),
    };
    ctx.insert("canonical", &canonical);
    // The language chooser stands for the home pages; any other page's
    // default is its version in the site's default language.
    let x_default = match job {
        Job::Home(_) | Job::LanguageChooser => site.routes.absolute(""),
        _ => alternates.first().and_then(|a| a.absolute.clone()),
    };
    ctx.insert("x_default", &x_default);
    let social = (!matches!(job, Job::NotFound)).then(|| social(site, ctx, job, lang));
    let head = HeadMeta {
        root: &depth_root,
        icon: &site.icon,
        social: social.as_ref(),
        site_title: &site.catalogue.config.title[lang.as_str()],
        title,
        canonical: canonical.as_deref(),
    };
    ctx.insert_value("head_meta", tera::Value::safe_string(&head.html()));
    if let Some(social) = &social {
        ctx.insert("social", social);
    }
}

/// What `head_meta` is written from: the `<link>`s of the browser's icons
/// and the Open Graph and Twitter `<meta>`s of a page.
struct HeadMeta<'a> {
    root: &'a str,
    icon: &'a IconView,
    social: Option<&'a Social>,
    site_title: &'a str,
    title: &'a str,
    canonical: Option<&'a str>,
}

impl HeadMeta<'_> {
    /// The lines, as a template would write them from `icon` and `social`
    /// (every value escaped), made here in one go: written in the
    /// template, their twenty-odd lookups cost every page more than the
    /// rest of its head.
    fn html(&self) -> String {
        let mut out = String::with_capacity(1024);
        let icon = self.icon;
        let href = |file: &str| format!("{}{file}", self.root);
        let (icon_href, touch) = (href(&icon.href), href(&icon.touch));
        let icon_link = r#"<link rel="icon" href=""#;
        line(
            &mut out,
            &[(icon_link, &icon_href), (r#"" type=""#, icon.kind)],
        );
        let touch_link = r#"<link rel="apple-touch-icon" href=""#;
        line(&mut out, &[(touch_link, &touch)]);
        if let Some(social) = self.social {
            self.social_tags(&mut out, social);
        }
        out
    }

    /// The Open Graph and Twitter `<meta>`s of `social`.
    fn social_tags(&self, out: &mut String, social: &Social) {
        let mut tag = |attribute: &str, name: &str, value: &str| {
            let open = format!(r#"<meta {attribute}="{name}" content=""#);
            line(out, &[(&open, value)]);
        };
        tag("property", "og:type", social.kind);
        tag("property", "og:site_name", self.site_title);
        tag("property", "og:title", self.title);
        if let Some(description) = &social.description {
            tag("property", "og:description", description);
        }
        if let Some(canonical) = self.canonical {
            tag("property", "og:url", canonical);
        }
        tag("property", "og:locale", &social.locale);
        for locale in &social.alternate_locales {
            tag("property", "og:locale:alternate", locale);
        }
        match &social.image {
            Some(image) => {
                let alt = social.image_alt.as_deref().unwrap_or_default();
                tag("property", "og:image", image);
                tag("property", "og:image:alt", alt);
                if let (Some(width), Some(height)) = (social.image_width, social.image_height) {
                    tag("property", "og:image:width", &width.to_string());
                    tag("property", "og:image:height", &height.to_string());
                }
                tag("name", "twitter:card", "summary_large_image");
                tag("name", "twitter:image", image);
                tag("name", "twitter:image:alt", alt);
            }
            None => tag("name", "twitter:card", "summary"),
        }
        tag("name", "twitter:title", self.title);
        if let Some(description) = &social.description {
            tag("name", "twitter:description", description);
        }
    }
}

/// Writes one tag into `out`: each markup as it is, followed by its
/// value escaped for HTML, then `">` and a line break.
fn line(out: &mut String, parts: &[(&str, &str)]) {
    for (markup, value) in parts {
        out.push_str(markup);
        let _ = pulldown_cmark_escape::escape_html(&mut *out, value);
    }
    out.push_str("\">\n");
}

/// The Open Graph and Twitter card of a page: its description (the
/// page's own, else the site's), its locales, and a partnership's cover,
/// at its largest and absolute (only with a `base_url`).
fn social(site: &SiteData, ctx: &tera::Context, job: Job, lang: Lang) -> Social {
    let text = |v: Option<&tera::Value>| v.and_then(|v| v.as_str()).map(str::to_string);
    let p = ctx.get("p");
    let description = text(ctx.get("description"))
        .or_else(|| text(ctx.get("summary")))
        .or_else(|| text(p.and_then(|p| p.get_from_path("summary"))))
        .or_else(|| {
            site.catalogue
                .config
                .description
                .get(lang.as_str())
                .cloned()
        })
        .filter(|d| !d.is_empty());
    let image = p
        .and_then(|p| p.get_from_path("image"))
        .filter(|i| i.is_truthy());
    let largest = image
        .and_then(|i| {
            i.get_from_path("srcset")?
                .as_array()?
                .last()?
                .get_from_path("src")
                .cloned()
        })
        .or_else(|| image.and_then(|i| i.get_from_path("src").cloned()));
    let absolute = text(largest.as_ref()).and_then(|src| site.routes.absolute(&src));
    let number = |key: &str| image.and_then(|i| i.get_from_path(key)?.as_u64());
    Social {
        kind: if matches!(job, Job::Partnership(..)) {
            "article"
        } else {
            "website"
        },
        description,
        locale: locale(lang.as_str()),
        alternate_locales: site
            .catalogue
            .config
            .languages
            .iter()
            .filter(|&&l| l != lang)
            .map(|l| locale(l.as_str()))
            .collect(),
        image_alt: absolute
            .as_ref()
            .and_then(|_| text(image.and_then(|i| i.get_from_path("alt")))),
        image_width: absolute.as_ref().and_then(|_| number("width")),
        image_height: absolute.as_ref().and_then(|_| number("height")),
        image: absolute,
    }
}

/// The Open Graph locale of a language (`fr_FR`): the country where it is
/// the most spoken among the site's usual readers.
fn locale(lang: &str) -> String {
    let country = match lang {
        "en" => "GB",
        "ca" => "ES",
        "da" => "DK",
        "el" => "GR",
        "sv" => "SE",
        "cs" => "CZ",
        "et" => "EE",
        "ga" => "IE",
        "sl" => "SI",
        "ar" => "MA",
        other => return format!("{other}_{}", other.to_uppercase()),
    };
    format!("{lang}_{country}")
}

#[derive(Serialize)]
struct Social {
    /// `og:type`: `article` for a partnership, else `website`.
    kind: &'static str,
    description: Option<String>,
    locale: String,
    alternate_locales: Vec<String>,
    image: Option<String>,
    image_alt: Option<String>,
    image_width: Option<u64>,
    image_height: Option<u64>,
}

/// The navigation of `job`'s page, as a template value: a language has
/// only a few (one section or the key figures current, or none), each made
/// once and shared by the pages that show it.
fn nav(site: &SiteData, job: Job, lang: Lang) -> tera::Value {
    let section = job.section();
    let current = match job {
        Job::Figures(_) => Some(NavSection::ALL.len()),
        _ => NavSection::ALL.iter().position(|&s| section == Some(s)),
    };
    let slot = current.unwrap_or(NavSection::ALL.len() + 1);
    let made = || tera::Value::from_serializable(&nav_items(site, lang, current));
    site.shared[&lang].navs[slot].get_or_init(made).clone()
}

/// The navigation: the sections, then the key figures; the `current`-th
/// marked as the page's.
fn nav_items(site: &SiteData, lang: Lang, current: Option<usize>) -> Vec<NavItem> {
    let sections = NavSection::ALL.into_iter().map(|s| {
        (
            site.theme.text(lang, s.label_key()),
            site.routes.section(lang, s),
        )
    });
    let figures = (site.theme.text(lang, "figures"), site.routes.figures(lang));
    sections
        .chain([figures])
        .enumerate()
        .map(|(i, (label, url))| NavItem {
            label: label.to_string(),
            url,
            current: current == Some(i),
        })
        .collect()
}

/// The same page in every language of the site (none for the language
/// chooser and the 404 page, which are in no one language).
fn alternates(site: &SiteData, job: Job, lang: Lang) -> Vec<Alternate> {
    if matches!(job, Job::LanguageChooser | Job::NotFound) {
        return Vec::new();
    }
    site.catalogue
        .config
        .languages
        .iter()
        .map(|&l| {
            let other = site.route(job.in_language(l));
            Alternate {
                lang: l,
                name: site.theme.text(l, "language_name").to_string(),
                absolute: site.routes.absolute(&other),
                url: other,
                current: l == lang,
            }
        })
        .collect()
}

#[derive(Serialize)]
struct NavItem {
    label: String,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct Alternate {
    lang: Lang,
    name: String,
    url: String,
    absolute: Option<String>,
    current: bool,
}
