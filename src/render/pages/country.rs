//! The countries: their index with the world map, and each country's
//! page (its introduction, its partnerships and its institutions). The
//! map is drawn here for the home page too.

use super::paged::{insert_page, term_cards};
use crate::diagnostics::Diagnostic;
use crate::render::kinds::Job;
use crate::render::map::{legend, marks, svg, Pin, Place};
use crate::render::routes::relative;
use crate::render::site::SiteData;
use crate::types::ids::CountryCode;
use crate::types::lang::Lang;

/// The index of countries, with their counts and the map.
pub fn countries(
    site: &SiteData,
    ctx: &mut tera::Context,
    lang: Lang,
    route: &str,
) -> (&'static str, String) {
    let b = site.builder(lang);
    let index = site.lists(lang);
    let countries = site.catalogue.countries.keys().map(CountryCode::as_str);
    let list = term_cards(&index.by_country, countries, |code| b.country_link(code));
    ctx.insert("terms", &list);
    ctx.insert("kind", "countries");
    insert_map(site, ctx, lang, route);
    ("countries.html", b.t("countries"))
}

/// A country: its introduction, its partnerships and its institutions.
pub fn country(
    site: &SiteData,
    ctx: &mut tera::Context,
    job: Job,
    code: &str,
    route: &str,
    diags: &mut Vec<Diagnostic>,
) -> (&'static str, String) {
    let c = site.catalogue;
    let lang = job.lang().unwrap_or(c.config.default_lang());
    let b = site.builder(lang);
    let index = site.lists(lang);
    let country = &c.countries[code];
    let shown = crate::catalogue::text_in(&country.intro, lang, c.config.default_lang());
    let intro = shown.map(|(_, md)| site.markdown(md, lang, route, diags));
    let text_lang = shown.map_or(lang, |(l, _)| l);
    ctx.insert("text_lang", &text_lang);
    ctx.insert("translated", &(text_lang == lang));
    let institutions: Vec<_> = index
        .institutions_by_country
        .get(code)
        .into_iter()
        .flatten()
        .map(|id| {
            let count = index.by_institution.get(id).map_or(0, Vec::len);
            b.institution_card(&c.institutions[id.as_str()], count)
        })
        .collect();
    ctx.insert("intro_html", &intro);
    ctx.insert("institutions", &institutions);
    ctx.insert("flag", &b.flag(country));
    insert_page(site, ctx, job);
    ("country.html", country.names[lang.as_str()].clone())
}

/// The institutions with coordinates, as points of the map on the page at
/// `route`, each named by its name, city and country.
fn pins(site: &SiteData, lang: Lang, route: &str) -> Vec<Pin> {
    let b = site.builder(lang);
    site.catalogue
        .institutions
        .values()
        .filter_map(|inst| {
            let (lat, lon) = inst.coordinates?;
            let country = b.country_link(&inst.country).label;
            let place = match &inst.city {
                Some(city) => format!("{city}, {country}"),
                None => country,
            };
            Some(Pin {
                label: format!("{} ({place})", inst.name),
                href: relative(route, &site.routes.institution(lang, &inst.id)),
                lat,
                lon,
            })
        })
        .collect()
}

/// The world map with the countries that have partnerships, linked
/// from the page at `route`: `map_svg`, its legend `map_legend` (the
/// colour steps) and `map_marks` (the other marks it shows), and the same
/// places as a list, `map_places`.
pub fn insert_map(site: &SiteData, ctx: &mut tera::Context, lang: Lang, route: &str) {
    let b = site.builder(lang);
    let index = site.lists(lang);
    let codes = site.catalogue.countries.keys().map(CountryCode::as_str);
    let mut list = term_cards(&index.by_country, codes, |code| b.country_link(code));
    list.retain(|t| t.count > 0);
    let places: Vec<Place> = site
        .catalogue
        .countries
        .keys()
        .filter_map(|code| {
            let count = index.by_country.get(code.as_str()).map_or(0, Vec::len);
            (count > 0).then(|| {
                let link = b.country_link(code);
                let what = if count == 1 {
                    b.t("partnership_one")
                } else {
                    b.t("partnership_many")
                };
                Place {
                    code: code.to_string(),
                    label: format!("{} ({count} {what})", link.label),
                    count,
                    href: relative(route, &link.url),
                }
            })
        })
        .collect();
    let max = places.iter().map(|p| p.count).max().unwrap_or(0);
    let pins = pins(site, lang, route);
    ctx.insert("map_svg", &svg(&places, &pins, &b.t("map_label")));
    ctx.insert("map_legend", &legend(max));
    let label = |kind: &str| b.t(&format!("map_mark_{kind}"));
    ctx.insert("map_marks", &marks(&places, &pins, label));
    ctx.insert("map_places", &list);
}
