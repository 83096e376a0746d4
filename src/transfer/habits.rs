//! How people type numbers, dates and yes/no in a spreadsheet, in French
//! as well as in English, read into the one form the content files hold:
//! `12 500 €`, `12.500,50` or `12,500.50` → `12500` or `12500.5`;
//! `15/03/2024`, `03/2024`, `mars 2024`, `March 2024` → `2024-03-15`,
//! `2024-03`; `VRAI`, `oui`, `yes` → `true`.
//!
//! An amount that two habits read differently (`12,500`: twelve and a
//! half, or twelve thousand five hundred?) is refused rather than guessed.
//! `normalise.rs` applies these to the cells of the columns that hold such
//! values, before `rows.rs` reads them with the front matter's own rules.

use super::cells::Problem;
use crate::text;
use crate::types::date::PartialDate;
use crate::types::text::fold_accent;

/// The spaces a spreadsheet groups thousands with.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// An amount read: its canonical text, and whether it was written in
/// euros (`€`, `EUR`).
#[derive(Debug, PartialEq)]
pub struct Amount {
    pub text: String,
    pub euro: bool,
}

/// An amount or a number as people write it; `Ok(None)` when it is not
/// written with digits at all (left to the strict reader to report).
pub fn amount(s: &str) -> Result<Option<Amount>, Problem> {
    let mut t = s.trim();
    let mut euro = false;
    for symbol in ["€", "EUR", "eur", "Eur"] {
        if let Some(rest) = t.strip_suffix(symbol).or_else(|| t.strip_prefix(symbol)) {
            t = rest.trim();
            euro = true;
        }
    }
    let spaced = t.contains(is_group_space);
    let compact: String = t.chars().filter(|c| !is_group_space(*c)).collect();
    let valid = !compact.is_empty()
        && compact.starts_with(|c: char| c.is_ascii_digit())
        && compact
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
    if !valid {
        return Ok(None);
    }
    let value = read_separators(&compact, spaced).ok_or_else(|| ambiguous(s))?;
    let text = match value.parse::<f64>() {
        Ok(n) if n.is_finite() => format!("{n}"),
        _ => return Ok(None),
    };
    Ok(Some(Amount { text, euro }))
}

/// `compact` (digits, `.` and `,`) as a plain number `1234.5`; `None`
/// when it stays ambiguous or its groups are not of three digits.
fn read_separators(compact: &str, spaced: bool) -> Option<String> {
    let dots = compact.matches('.').count();
    let commas = compact.matches(',').count();
    let (group, decimal) = match (dots, commas) {
        (0, 0) => return Some(compact.to_string()),
        (_, 0) | (0, _) => {
            let sep = if dots > 0 { '.' } else { ',' };
            let count = dots + commas;
            let (whole, fraction) = compact.rsplit_once(sep)?;
            let could_group =
                fraction.len() == 3 && (1..=3).contains(&whole.len()) && !whole.starts_with('0');
            match count {
                1 if spaced || !could_group => (None, Some(sep)),
                1 => return None,
                _ => (Some(sep), None),
            }
        }
        _ => {
            let last_dot = compact.rfind('.')?;
            let last_comma = compact.rfind(',')?;
            let (decimal, group) = if last_dot > last_comma {
                ('.', ',')
            } else {
                (',', '.')
            };
            if compact.matches(decimal).count() != 1 {
                return None;
            }
            (Some(group), Some(decimal))
        }
    };
    let (whole, fraction) = match decimal {
        Some(d) => compact.rsplit_once(d)?,
        None => (compact, ""),
    };
    if let Some(g) = group {
        let groups: Vec<&str> = whole.split(g).collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
    }
    let whole: String = whole.chars().filter(char::is_ascii_digit).collect();
    if fraction.contains(['.', ',']) {
        return None;
    }
    Some(if fraction.is_empty() {
        whole
    } else {
        format!("{whole}.{fraction}")
    })
}

fn ambiguous(s: &str) -> Problem {
    Problem::new(text!(
        "`{s}` can be read in two ways (a decimal mark or a thousands separator)",
        "`{s}` peut se lire de deux façons (virgule décimale ou séparateur de milliers)"
    ))
    .hint(Some(text!(
        "write the number without a thousands separator: `12500` for twelve thousand five hundred, `12,5` or `12.5` for twelve and a half",
        "écrivez le nombre sans séparateur de milliers : `12500` pour douze mille cinq cents, `12,5` pour douze et demi"
    )))
}

/// The month of a French or English name, full or shortened.
fn month(name: &str) -> Option<u32> {
    let name: String = name
        .trim_end_matches('.')
        .chars()
        .flat_map(fold_accent)
        .flat_map(char::to_lowercase)
        .collect();
    const MONTHS: [&[&str]; 12] = [
        &["janvier", "janv", "jan", "january"],
        &["fevrier", "fevr", "fev", "feb", "february"],
        &["mars", "mar", "march"],
        &["avril", "avr", "apr", "april"],
        &["mai", "may"],
        &["juin", "jun", "june"],
        &["juillet", "juil", "jul", "july"],
        &["aout", "aug", "august"],
        &["septembre", "sept", "sep", "september"],
        &["octobre", "oct", "october"],
        &["novembre", "nov", "november"],
        &["decembre", "dec", "december"],
    ];
    MONTHS
        .iter()
        .position(|names| names.contains(&name.as_str()))
        .map(|i| i as u32 + 1)
}

/// A date as people write it, in the front matter's form (`2024-03-15`,
/// `2024-03`); `None` when it is already in that form or is not a date
/// (left to the strict reader).
pub fn date(s: &str) -> Option<String> {
    let s = s.trim();
    if PartialDate::parse(s).is_ok() {
        return None;
    }
    let numbers: Vec<&str> = s.split(['/', '.', '-']).map(str::trim).collect();
    let digits = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
    let iso = if numbers.len() > 1 && numbers.iter().all(|p| digits(p)) {
        match numbers.as_slice() {
            [d, m, y] if y.len() == 4 && d.len() <= 2 => format!("{y}-{m:0>2}-{d:0>2}"),
            [y, m, d] if y.len() == 4 && d.len() <= 2 => format!("{y}-{m:0>2}-{d:0>2}"),
            [m, y] if y.len() == 4 && m.len() <= 2 => format!("{y}-{m:0>2}"),
            _ => return None,
        }
    } else {
        let words: Vec<&str> = s.split_whitespace().collect();
        match words.as_slice() {
            [m, y] if digits(y) && y.len() == 4 => format!("{y}-{:02}", month(m)?),
            [d, m, y] if digits(y) && y.len() == 4 => {
                let day = d.trim_end_matches("er");
                if !digits(day) || day.len() > 2 {
                    return None;
                }
                format!("{y}-{:02}-{day:0>2}", month(m)?)
            }
            _ => return None,
        }
    };
    PartialDate::parse(&iso).ok().map(|d| d.iso())
}

/// Yes or no as people type it (any case): `true`, `vrai`, `oui`, `yes`,
/// `1`; `false`, `faux`, `non`, `no`, `0`.
pub fn yes_no(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "true" | "vrai" | "oui" | "yes" | "1" => Some(true),
        "false" | "faux" | "non" | "no" | "0" => Some(false),
        _ => None,
    }
}

/// A number such as `15000`, `1234567.5` or, as people write amounts,
/// `12 500,50 €` (`habits::amount`).
pub fn number(s: &str) -> Result<f64, Problem> {
    let read = amount(s)?;
    read.and_then(|a| a.text.parse::<f64>().ok())
        .ok_or_else(|| {
            Problem::new(text!(
                "expected a number such as `15000` or `1.5`; found `{s}`",
                "attendu : un nombre comme `15000` ou `1,5` ; trouvé : `{s}`"
            ))
        })
}

/// `true`/`false`, also written `yes`/`no`, `oui`/`non`, `vrai`/`faux`,
/// `1`/`0`.
pub fn boolean(s: &str) -> Result<bool, Problem> {
    yes_no(s).ok_or_else(|| {
        Problem::new(text!(
            "expected `true` or `false`; found `{s}`",
            "attendu : `true` (oui) ou `false` (non) ; trouvé : `{s}`"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Option<String> {
        amount(s).unwrap().map(|a| a.text)
    }

    #[test]
    fn amounts_in_every_habit() {
        let cases = [
            ("12500", "12500"),
            ("12 500 €", "12500"),
            ("12\u{202f}500,50", "12500.5"),
            ("12.500,50", "12500.5"),
            ("12,500.50", "12500.5"),
            ("1.234.567", "1234567"),
            ("1,234,567", "1234567"),
            ("12,5", "12.5"),
            ("12500.5", "12500.5"),
            ("0,500", "0.5"),
            ("EUR 15000", "15000"),
            ("12 500,500", "12500.5"),
        ];
        for (typed, expected) in cases {
            assert_eq!(read(typed).as_deref(), Some(expected), "{typed}");
        }
        assert!(amount("12 500 €").unwrap().unwrap().euro);
        for ambiguous in ["12,500", "12.500", "1.234,5.6", "1,23,456"] {
            assert!(amount(ambiguous).is_err(), "{ambiguous}");
        }
        assert_eq!(read("beaucoup"), None);
    }

    #[test]
    fn dates_in_every_habit() {
        let cases = [
            ("15/03/2024", "2024-03-15"),
            ("5/3/2024", "2024-03-05"),
            ("15.03.2024", "2024-03-15"),
            ("03/2024", "2024-03"),
            ("mars 2024", "2024-03"),
            ("March 2024", "2024-03"),
            ("1er août 2024", "2024-08-01"),
            ("15 Sept. 2024", "2024-09-15"),
            ("2024/03/15", "2024-03-15"),
        ];
        for (typed, expected) in cases {
            assert_eq!(date(typed).as_deref(), Some(expected), "{typed}");
        }
        assert_eq!(date("2024-03"), None);
        assert_eq!(date("31/02/2024"), None);
        assert_eq!(date("printemps 2024"), None);
    }

    #[test]
    fn yes_and_no() {
        assert_eq!(yes_no("VRAI"), Some(true));
        assert_eq!(yes_no("Faux"), Some(false));
        assert_eq!(yes_no("oui"), Some(true));
        assert_eq!(yes_no("peut-être"), None);
        assert!(boolean("Oui").unwrap());
        assert!(boolean("peut-être").is_err());
        assert_eq!(number("1 234 567,5").unwrap(), 1234567.5);
        assert!(number("beaucoup").is_err());
    }
}
