//! Dates and amounts written the way each language writes them:
//! `15 000 €` and `15 mars 2024` in French (narrow no-break space between
//! thousands, no-break space before the sign, `1er` for the first day),
//! `€15,000` and `15 March 2024` in English.
//!
//! Two locales with fixed CLDR patterns do not justify the ICU data tables
//! (see README, "Dependencies").
//!
//! The views and the page builders write their dates and amounts through
//! these; this file knows nothing else of render.

use crate::types::date::PartialDate;
use crate::types::lang::Lang;

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// U+202F, the French thousands separator.
const NARROW_NBSP: char = '\u{202f}';
const NBSP: char = '\u{a0}';

pub fn format_date(date: &PartialDate, lang: Lang) -> String {
    let months = match lang {
        Lang::Fr => &MONTHS_FR,
        Lang::En => &MONTHS_EN,
    };
    let year = date.year;
    match (date.month, date.day) {
        (Some(m), Some(1)) if lang == Lang::Fr => format!("1er {} {year}", months[m as usize - 1]),
        (Some(m), Some(d)) => format!("{d} {} {year}", months[m as usize - 1]),
        (Some(m), None) => format!("{} {year}", months[m as usize - 1]),
        _ => year.to_string(),
    }
}

/// An integer with the language's thousands separator.
pub fn format_integer(n: u64, lang: Lang) -> String {
    let separator = match lang {
        Lang::Fr => NARROW_NBSP,
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// A number with the thousands separator, and two decimals only when it has cents.
pub fn format_number(n: f64, lang: Lang) -> String {
    let cents = (n * 100.0).round() as u64;
    let whole = format_integer(cents / 100, lang);
    match cents % 100 {
        0 => whole,
        c if lang == Lang::Fr => format!("{whole},{c:02}"),
        c => format!("{whole}.{c:02}"),
    }
}

/// A quantity such as a number of months: at most one decimal, shown only
/// when there is one (`5`, `1,5` / `1.5`).
pub fn format_quantity(n: f64, lang: Lang) -> String {
    let tenths = (n * 10.0).round().max(0.0) as u64;
    let whole = format_integer(tenths / 10, lang);
    match tenths % 10 {
        0 => whole,
        d if lang == Lang::Fr => format!("{whole},{d}"),
        d => format!("{whole}.{d}"),
    }
}

pub fn format_amount(amount: f64, currency: &str, lang: Lang) -> String {
    let number = format_number(amount, lang);
    let sign = match currency {
        "EUR" => "€",
        "CAD" if lang == Lang::Fr => "$\u{a0}CA",
        "CAD" => "CA$",
        "CHF" => "CHF",
        "GBP" => "£",
        "USD" if lang == Lang::Fr => "$\u{a0}US",
        "USD" => "US$",
        other => other,
    };
    if lang == Lang::Fr {
        format!("{number}{NBSP}{sign}")
    } else if sign.chars().all(|c| c.is_ascii_uppercase()) {
        format!("{sign}{NBSP}{number}")
    } else {
        format!("{sign}{number}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_per_locale() {
        let cases = [
            (15000.0, "EUR", "fr", "15\u{202f}000\u{a0}€"),
            (15000.0, "EUR", "en", "€15,000"),
            (1234567.5, "EUR", "fr", "1\u{202f}234\u{202f}567,50\u{a0}€"),
            (1234567.5, "EUR", "en", "€1,234,567.50"),
            (999.0, "EUR", "en", "€999"),
            (2000.0, "CHF", "en", "CHF\u{a0}2,000"),
        ];
        for (amount, currency, lang, expected) in cases {
            assert_eq!(
                format_amount(amount, currency, Lang::parse(lang).unwrap()),
                expected
            );
        }
    }

    #[test]
    fn quantities_per_locale() {
        let cases = [
            (5.0, "fr", "5"),
            (1.5, "fr", "1,5"),
            (1.5, "en", "1.5"),
            (12.25, "en", "12.3"),
        ];
        for (n, lang, expected) in cases {
            assert_eq!(format_quantity(n, Lang::parse(lang).unwrap()), expected);
        }
    }

    #[test]
    fn dates_per_locale() {
        let d = |s| PartialDate::parse(s).unwrap();
        let cases = [
            ("2024-03-15", "fr", "15 mars 2024"),
            ("2024-03-15", "en", "15 March 2024"),
            ("2024-03-01", "fr", "1er mars 2024"),
            ("2024-03-01", "en", "1 March 2024"),
            ("2011-08", "fr", "août 2011"),
            ("2011", "en", "2011"),
        ];
        for (date, lang, expected) in cases {
            assert_eq!(format_date(&d(date), Lang::parse(lang).unwrap()), expected);
        }
    }
}
