//! The home page of a language: key figures, the map, the latest
//! partnerships, and the countries and themes with the most partnerships.

use super::country::insert_map;
use super::paged::term_cards;
use crate::catalogue::Status;
use crate::render::kinds::{Facet, NavSection};
use crate::render::site::SiteData;
use crate::render::views::{Card, TermCard};
use crate::types::ids::CountryCode;
use crate::types::lang::Lang;
use crate::types::text::sort_key;

/// The home page's context; its title is the site's.
pub fn home(
    site: &SiteData,
    ctx: &mut tera::Context,
    lang: Lang,
    route: &str,
) -> (&'static str, String) {
    let c = site.catalogue;
    let b = site.builder(lang);
    let index = site.lists(lang);
    let cards = site.cards(lang);
    let latest: Vec<&Card> = site
        .featured_then_newest(6)
        .into_iter()
        .map(|i| &cards[i])
        .collect();
    let most = |mut list: Vec<TermCard>| {
        list.retain(|t| t.count > 0);
        list.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| sort_key(&a.label).cmp(&sort_key(&b.label)))
        });
        list.truncate(12);
        list
    };
    let countries = term_cards(
        &index.by_country,
        c.countries.keys().map(CountryCode::as_str),
        |code| b.country_link(code),
    );
    let themes = term_cards(&index.by_theme, c.themes.keys().map(String::as_str), |id| {
        b.theme_link(id)
    });
    ctx.insert("latest", &latest);
    ctx.insert("figures", &figures(site, lang));
    insert_map(site, ctx, lang, route);
    ctx.insert("top_countries", &most(countries));
    ctx.insert("top_themes", &most(themes));
    ctx.insert("description", &c.config.description.get(lang.as_str()));
    ("home.html", c.config.title[lang.as_str()].clone())
}

/// The key figures at the top of the home page, each linked to its list.
fn figures(site: &SiteData, lang: Lang) -> Vec<TermCard> {
    let c = site.catalogue;
    let r = &site.routes;
    let ongoing = c
        .partnerships
        .iter()
        .filter(|p| p.status == Status::Ongoing)
        .count();
    let b = site.builder(lang);
    vec![
        TermCard {
            label: b.t("figure_partnerships"),
            url: r.section(lang, NavSection::Partnerships),
            count: c.partnerships.len(),
        },
        TermCard {
            label: b.t("figure_ongoing"),
            url: match ongoing {
                0 => r.section(lang, NavSection::Partnerships),
                _ => r.facet(lang, Facet::Status(Status::Ongoing)),
            },
            count: ongoing,
        },
        TermCard {
            label: b.t("figure_countries"),
            url: r.section(lang, NavSection::Countries),
            count: c.countries.len(),
        },
        TermCard {
            label: b.t("figure_institutions"),
            url: r.section(lang, NavSection::Institutions),
            count: c.institutions.len(),
        },
    ]
}
