//! The key figures page: partnerships by country, programme, theme, status
//! and start year, and funding by funder, year and country, each as an SVG
//! bar chart drawn at build time with the table of its data beside it.
//!
//! The chart is an image for sighted readers (`role="img"` with a title);
//! the table, with a caption and header cells, carries the same numbers for
//! everyone else.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use super::feeds::escape;
use super::locale::{format_amount, format_integer};
use super::views::{sort_key, ViewBuilder};
use crate::catalogue::Catalogue;

#[derive(Serialize)]
pub struct Chart {
    pub id: String,
    pub title: String,
    /// The column headers of the table: what is counted, and the count.
    pub label_header: String,
    pub value_header: String,
    pub rows: Vec<Row>,
    pub total: String,
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

/// Every chart of the page, in reading order.
pub fn charts(c: &Catalogue, b: &ViewBuilder) -> Vec<Chart> {
    let count = |key: &str| b.t(key);
    let counted = count("partnerships");
    let mut charts = Vec::new();
    let mut by = |id: &str, title: &str, header: &str, rows: Vec<Row>, sort_by_label: bool| {
        charts.push(chart(
            id,
            &b.t(title),
            &b.t(header),
            &counted,
            rows,
            sort_by_label,
            b.lang,
            false,
        ));
    };
    let tally = |keys: Vec<String>| {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for k in keys {
            *counts.entry(k).or_default() += 1;
        }
        counts
    };
    let countries = tally(
        c.partnerships
            .iter()
            .flat_map(|p| p.countries.clone())
            .collect(),
    );
    by(
        "countries",
        "figures_by_country",
        "country",
        rows_of(
            countries,
            |k| {
                let l = b.country_link(k);
                (l.label, Some(l.url))
            },
            b.lang,
        ),
        false,
    );
    let programmes = tally(c.partnerships.iter().map(|p| p.programme.clone()).collect());
    by(
        "programmes",
        "figures_by_programme",
        "programme",
        rows_of(
            programmes,
            |k| {
                let l = b.programme_link(k);
                (l.label, Some(l.url))
            },
            b.lang,
        ),
        false,
    );
    let themes = tally(
        c.partnerships
            .iter()
            .flat_map(|p| p.themes.clone())
            .collect(),
    );
    by(
        "themes",
        "figures_by_theme",
        "themes_label",
        rows_of(
            themes,
            |k| {
                let l = b.theme_link(k);
                (l.label, Some(l.url))
            },
            b.lang,
        ),
        false,
    );
    let statuses = tally(
        c.partnerships
            .iter()
            .map(|p| format!("{:?}", p.status).to_lowercase())
            .collect(),
    );
    by(
        "status",
        "figures_by_status",
        "status",
        rows_of(statuses, |k| (b.t(&format!("status.{k}")), None), b.lang),
        false,
    );
    let years = tally(
        c.partnerships
            .iter()
            .map(|p| p.start.year.to_string())
            .collect(),
    );
    by(
        "years",
        "figures_by_year",
        "year",
        rows_of(years, |k| (k.to_string(), None), b.lang),
        true,
    );

    let mut money = |id: &str,
                     title: &str,
                     header: &str,
                     sums: BTreeMap<String, f64>,
                     label: &dyn Fn(&str) -> (String, Option<String>),
                     by_label: bool| {
        let rows = sums
            .into_iter()
            .map(|(k, v)| {
                let (label, url) = label(&k);
                Row {
                    label,
                    url,
                    display: format_amount(v, "EUR", b.lang),
                    value: v,
                }
            })
            .collect();
        charts.push(chart(
            id,
            &b.t(title),
            &b.t(header),
            &b.t("amount"),
            rows,
            by_label,
            b.lang,
            true,
        ));
    };
    let eur = || {
        c.partnerships.iter().flat_map(|p| {
            p.funding
                .iter()
                .filter(|f| f.currency == "EUR")
                .map(move |f| (p, f))
        })
    };
    let mut by_funder: BTreeMap<String, f64> = BTreeMap::new();
    let mut by_year: BTreeMap<String, f64> = BTreeMap::new();
    let mut by_country: BTreeMap<String, f64> = BTreeMap::new();
    for (p, f) in eur() {
        *by_funder.entry(f.funder.clone()).or_default() += f.amount;
        let year = f.year.unwrap_or(p.start.year);
        *by_year.entry(year.to_string()).or_default() += f.amount;
        // A partnership's funding counts for each of its countries.
        for code in &p.countries {
            *by_country.entry(code.clone()).or_default() += f.amount;
        }
    }
    let funder_label = |k: &str| match c.institutions.get(k) {
        Some(i) => (i.name.clone(), Some(b.routes.institution(b.lang, &i.id))),
        None => (k.to_string(), None),
    };
    money(
        "funding-funders",
        "figures_funding_by_funder",
        "funder",
        by_funder,
        &funder_label,
        false,
    );
    money(
        "funding-years",
        "figures_funding_by_year",
        "year",
        by_year,
        &|k: &str| (k.to_string(), None),
        true,
    );
    let country_label = |k: &str| {
        let l = b.country_link(k);
        (l.label, Some(l.url))
    };
    money(
        "funding-countries",
        "figures_funding_by_country",
        "country",
        by_country,
        &country_label,
        false,
    );
    charts
}

fn rows_of(
    counts: BTreeMap<String, usize>,
    label: impl Fn(&str) -> (String, Option<String>),
    lang: &str,
) -> Vec<Row> {
    counts
        .into_iter()
        .map(|(k, n)| {
            let (label, url) = label(&k);
            Row {
                label,
                url,
                display: format_integer(n as u64, lang),
                value: n as f64,
            }
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn chart(
    id: &str,
    title: &str,
    label_header: &str,
    value_header: &str,
    mut rows: Vec<Row>,
    by_label: bool,
    lang: &str,
    money: bool,
) -> Chart {
    if by_label {
        rows.sort_by(|a, b| a.label.cmp(&b.label));
    } else {
        rows.sort_by(|a, b| {
            b.value
                .total_cmp(&a.value)
                .then_with(|| sort_key(&a.label).cmp(&sort_key(&b.label)))
        });
    }
    let sum: f64 = rows.iter().map(|r| r.value).sum();
    let total = if money {
        format_amount(sum, "EUR", lang)
    } else {
        format_integer(sum as u64, lang)
    };
    let svg = svg(id, title, &rows);
    Chart {
        id: id.to_string(),
        title: title.to_string(),
        label_header: label_header.to_string(),
        value_header: value_header.to_string(),
        rows,
        total,
        svg,
    }
}

/// A horizontal bar chart: one bar a row, its label on the left and its
/// value at the end of the bar.
fn svg(id: &str, title: &str, rows: &[Row]) -> String {
    const WIDTH: f64 = 640.0;
    const LABEL: f64 = 250.0;
    const BAR: f64 = 22.0;
    const GAP: f64 = 8.0;
    let max = rows
        .iter()
        .map(|r| r.value)
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE);
    let height = (rows.len() as f64) * (BAR + GAP) + GAP;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-svg-title\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\"><title id=\"{id}-svg-title\">{}</title>",
        escape(title)
    );
    for (i, row) in rows.iter().enumerate() {
        let y = GAP + i as f64 * (BAR + GAP);
        let width = ((WIDTH - LABEL - 110.0) * row.value / max).max(1.0);
        let label: String = if row.label.chars().count() > 28 {
            row.label.chars().take(27).chain(['…']).collect()
        } else {
            row.label.clone()
        };
        let _ = write!(
            out,
            "<text x=\"{x}\" y=\"{ty:.1}\" text-anchor=\"end\" class=\"chart-label\">{label}</text><rect x=\"{LABEL}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"{BAR}\" rx=\"3\" class=\"chart-bar\"/><text x=\"{vx:.1}\" y=\"{ty:.1}\" class=\"chart-value\">{value}</text>",
            x = LABEL - 8.0,
            ty = y + BAR * 0.72,
            label = escape(&label),
            vx = LABEL + width + 6.0,
            value = escape(&row.display),
        );
    }
    out.push_str("</svg>");
    out
}
