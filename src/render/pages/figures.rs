//! The key figures page: partnerships by country, programme, theme, status
//! and start year, and funding by funder, year and country, each as a bar
//! chart drawn at build time in HTML (it takes the width it has, its text
//! stays text) followed by the table of its data.
//!
//! The chart is for the eye and hidden from screen readers; the table,
//! named by the section's heading, with header cells, carries the same
//! numbers for everyone. Where a partnership counts for several rows (its
//! countries, its themes), the total is of distinct partnerships (or of
//! their funding), and a note says so.
//!
//! One of the page builders of [`super`]; the charts are drawn from the
//! catalogue, not from the shared lists.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use crate::catalogue::Catalogue;
use crate::render::locale::{format_amount, format_integer};
use crate::render::site::SiteData;
use crate::render::views::{Link, ViewBuilder};
use crate::types::ids::CountryCode;
use crate::types::lang::Lang;
use crate::types::text::{escape, sort_key};

#[derive(Serialize)]
pub struct Chart {
    pub id: String,
    pub title: String,
    /// The column headers of the table: what is counted, and the count.
    pub label_header: String,
    pub value_header: String,
    pub rows: Vec<Row>,
    pub total: String,
    /// The total's label: "Total", or "Distinct partnerships" where a
    /// partnership counts for several rows.
    pub total_label: String,
    /// Why the rows add up to more than the total, where they do.
    pub note: Option<String>,
    /// The bar chart, as HTML.
    pub svg: String,
}

#[derive(Serialize)]
pub struct Row {
    pub label: String,
    pub url: Option<String>,
    pub display: String,
    #[serde(skip)]
    value: f64,
}

/// How a chart turns the key of a row into its label and, when the key has
/// a page of its own, the link to it.
type Label<'l> = &'l dyn Fn(&str) -> (String, Option<String>);

/// How a chart orders its rows: largest first reads best for categories,
/// but years read best in their own order.
#[derive(Clone, Copy)]
enum Order {
    ByValue,
    ByLabel,
}

/// What one chart shows apart from its rows: its anchor id, the theme keys
/// of its title and of its label column, and the order of its rows.
struct Spec {
    id: &'static str,
    title: &'static str,
    header: &'static str,
    order: Order,
    /// Where a partnership counts for several rows: the theme key of the
    /// note that says so, and the true total (distinct partnerships, or
    /// their funding).
    several: Option<(&'static str, f64)>,
}

const fn spec(id: &'static str, title: &'static str, header: &'static str, order: Order) -> Spec {
    Spec {
        id,
        title,
        header,
        order,
        several: None,
    }
}

impl Spec {
    const fn several(mut self, note: &'static str, total: f64) -> Spec {
        self.several = Some((note, total));
        self
    }
}

/// The key figures page's context.
pub fn figures(site: &SiteData, ctx: &mut tera::Context, lang: Lang) -> (&'static str, String) {
    let b = site.builder(lang);
    ctx.insert("charts", &charts(site.catalogue, &b));
    ("figures.html", b.t("figures"))
}

/// Every chart of the page, in reading order: the counts of partnerships
/// first, then the funding.
fn charts(c: &Catalogue, b: &ViewBuilder) -> Vec<Chart> {
    let mut charts = count_charts(c, b);
    charts.extend(money_charts(c, b));
    charts
}

/// Partnerships counted by country, programme, theme, status and start year.
fn count_charts(c: &Catalogue, b: &ViewBuilder) -> Vec<Chart> {
    let ps = &c.partnerships;
    let countries = tally(
        ps.iter()
            .flat_map(|p| p.countries.iter().map(CountryCode::to_string)),
    );
    let programmes = tally(ps.iter().map(|p| p.programme.clone()));
    let themes = tally(ps.iter().flat_map(|p| p.themes.iter().cloned()));
    // The status keys are the lowercased variant names, as in the theme's
    // `status.*` texts.
    let statuses = tally(ps.iter().map(|p| format!("{:?}", p.status).to_lowercase()));
    let years = tally(ps.iter().map(|p| p.start.year.to_string()));
    let with_countries = ps.iter().filter(|p| !p.countries.is_empty()).count();
    let with_themes = ps.iter().filter(|p| !p.themes.is_empty()).count();
    let status_label = |k: &str| (b.t(&format!("status.{k}")), None);
    vec![
        count_chart(
            b,
            spec("countries", "figures_by_country", "country", Order::ByValue)
                .several("figures_several_countries", with_countries as f64),
            countries,
            &|k: &str| linked(b.country_link(k)),
        ),
        count_chart(
            b,
            spec(
                "programmes",
                "figures_by_programme",
                "programme",
                Order::ByValue,
            ),
            programmes,
            &|k: &str| linked(b.programme_link(k)),
        ),
        count_chart(
            b,
            spec("themes", "figures_by_theme", "themes_label", Order::ByValue)
                .several("figures_several_themes", with_themes as f64),
            themes,
            &|k: &str| linked(b.theme_link(k)),
        ),
        count_chart(
            b,
            spec("status", "figures_by_status", "status", Order::ByValue),
            statuses,
            &status_label,
        ),
        count_chart(
            b,
            spec("years", "figures_by_year", "year", Order::ByLabel),
            years,
            &unlinked,
        ),
    ]
}

/// Funding in euros summed by funder, year and country. Amounts in other
/// currencies are left out rather than converted at a guessed rate.
fn money_charts(c: &Catalogue, b: &ViewBuilder) -> Vec<Chart> {
    let eur = || {
        c.partnerships.iter().flat_map(|p| {
            p.funding
                .iter()
                .filter(|f| f.currency == "EUR")
                .map(move |f| (p, f))
        })
    };
    let by_funder = sum_by(eur().map(|(_, f)| (f.funder.clone(), f.amount)));
    // Funding without a year of its own counts for the partnership's start.
    let by_year =
        sum_by(eur().map(|(p, f)| (f.year.unwrap_or(p.start.year).to_string(), f.amount)));
    // A partnership's funding counts for each of its countries.
    let by_country = sum_by(eur().flat_map(|(p, f)| {
        p.countries
            .iter()
            .map(move |code| (code.to_string(), f.amount))
    }));
    // What the partnerships with a country received, each amount once.
    let distinct_eur: f64 = eur()
        .filter(|(p, _)| !p.countries.is_empty())
        .map(|(_, f)| f.amount)
        .sum();
    let funder_label = |k: &str| match c.institutions.get(k) {
        Some(i) => (i.name.clone(), Some(b.routes.institution(b.lang, &i.id))),
        None => (k.to_string(), None),
    };
    vec![
        money_chart(
            b,
            spec(
                "funding-funders",
                "figures_funding_by_funder",
                "funder",
                Order::ByValue,
            ),
            by_funder,
            &funder_label,
        ),
        money_chart(
            b,
            spec(
                "funding-years",
                "figures_funding_by_year",
                "year",
                Order::ByLabel,
            ),
            by_year,
            &unlinked,
        ),
        money_chart(
            b,
            spec(
                "funding-countries",
                "figures_funding_by_country",
                "country",
                Order::ByValue,
            )
            .several("figures_several_countries_funding", distinct_eur),
            by_country,
            &|k: &str| linked(b.country_link(k)),
        ),
    ]
}

fn linked(link: Link) -> (String, Option<String>) {
    (link.label, Some(link.url))
}

/// Keys such as years, which are their own label and have no page.
fn unlinked(key: &str) -> (String, Option<String>) {
    (key.to_string(), None)
}

/// How many times each key occurs.
fn tally(keys: impl Iterator<Item = String>) -> BTreeMap<String, usize> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for k in keys {
        *counts.entry(k).or_default() += 1;
    }
    counts
}

/// The amounts summed by key. Each key's amounts are added in the order
/// given, so the float totals are the same from one build to the next.
fn sum_by(pairs: impl Iterator<Item = (String, f64)>) -> BTreeMap<String, f64> {
    let mut sums: BTreeMap<String, f64> = BTreeMap::new();
    for (k, amount) in pairs {
        *sums.entry(k).or_default() += amount;
    }
    sums
}

/// One row per key of `map`: `show` gives the displayed value and the value
/// the bar is drawn to.
fn rows_of<V: Copy>(
    map: BTreeMap<String, V>,
    label: Label,
    show: impl Fn(V) -> (String, f64),
) -> Vec<Row> {
    map.into_iter()
        .map(|(k, v)| {
            let (label, url) = label(&k);
            let (display, value) = show(v);
            Row {
                label,
                url,
                display,
                value,
            }
        })
        .collect()
}

/// A chart of how many partnerships have each key.
fn count_chart(
    b: &ViewBuilder,
    spec: Spec,
    counts: BTreeMap<String, usize>,
    label: Label,
) -> Chart {
    let rows = rows_of(counts, label, |n| {
        (format_integer(n as u64, b.lang), n as f64)
    });
    chart(b, &spec, &b.t("partnerships"), rows, |sum| {
        format_integer(sum as u64, b.lang)
    })
}

/// A chart of how many euros go to each key.
fn money_chart(b: &ViewBuilder, spec: Spec, sums: BTreeMap<String, f64>, label: Label) -> Chart {
    let rows = rows_of(sums, label, |v| (format_amount(v, "EUR", b.lang), v));
    let mut chart = chart(b, &spec, &b.t("amount"), rows, |sum| {
        format_amount(sum, "EUR", b.lang)
    });
    // Amounts have a total, even where it is not the rows' sum.
    chart.total_label = b.t("total");
    chart
}

/// Sorts the rows, totals them with `total` and draws the chart.
fn chart(
    b: &ViewBuilder,
    spec: &Spec,
    value_header: &str,
    mut rows: Vec<Row>,
    total: impl Fn(f64) -> String,
) -> Chart {
    match spec.order {
        Order::ByLabel => rows.sort_by(|a, b| a.label.cmp(&b.label)),
        Order::ByValue => rows.sort_by(|a, b| {
            b.value
                .total_cmp(&a.value)
                .then_with(|| sort_key(&a.label).cmp(&sort_key(&b.label)))
        }),
    }
    let (sum, total_label, note) = match spec.several {
        Some((note, distinct)) => (distinct, b.t("total_distinct"), Some(b.t(note))),
        None => (rows.iter().map(|r| r.value).sum(), b.t("total"), None),
    };
    let title = b.t(spec.title);
    let svg = bars(&rows);
    Chart {
        id: spec.id.to_string(),
        title,
        label_header: b.t(spec.header),
        value_header: value_header.to_string(),
        rows,
        total: total(sum),
        total_label,
        note,
        svg,
    }
}

/// A horizontal bar chart in HTML: one row per value, its label on its
/// own line above a bar that ends with the value. It takes the width it is
/// given and its text stays the page's text, readable at 375 pixels as at
/// 1280. The table that follows carries the numbers for screen readers:
/// the chart is hidden from them.
fn bars(rows: &[Row]) -> String {
    let max = rows
        .iter()
        .map(|r| r.value)
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE);
    let mut out = String::from("<div class=\"bars\" aria-hidden=\"true\">");
    for row in rows {
        // At least a sliver, so that a small value still shows a bar.
        let share = (100.0 * row.value / max).max(0.5);
        let _ = write!(
            out,
            "<div class=\"bar-row\"><span class=\"bar-label\">{}</span><span class=\"bar-line\"><span class=\"bar\" style=\"width:{share:.1}%\"></span><span class=\"bar-value\">{}</span></span></div>",
            escape(&row.label),
            escape(&row.display),
        );
    }
    out.push_str("</div>");
    out
}
