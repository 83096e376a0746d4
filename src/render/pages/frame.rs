//! What every page shares around its own content: its language, the climb
//! to the site root, the navigation, the same page in the other languages,
//! and the canonical and `x-default` addresses. Every builder's context
//! gets it last.

use serde::Serialize;

use crate::render::kinds::{Job, NavSection};
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
    ctx.insert("nav", &nav(site, job, lang));
    let alternates = alternates(site, job, lang);
    ctx.insert("alternates", &alternates);
    let canonical = match job {
        Job::NotFound => None,
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
}

/// The navigation: the sections, then the key figures.
fn nav(site: &SiteData, job: Job, lang: Lang) -> Vec<NavItem> {
    let section = job.section();
    let mut nav: Vec<NavItem> = NavSection::ALL
        .into_iter()
        .map(|s| NavItem {
            label: site.theme.text(lang, s.label_key()).to_string(),
            url: site.routes.section(lang, s),
            current: section == Some(s),
        })
        .collect();
    nav.push(NavItem {
        label: site.theme.text(lang, "figures").to_string(),
        url: site.routes.figures(lang),
        current: matches!(job, Job::Figures(_)),
    });
    nav
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
