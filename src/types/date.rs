//! Partial dates (`2014`, `2014-09`, `2014-09-01`) as content writes them.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn parse(s: &str) -> Result<PartialDate, String> {
        let expected =
            || format!("expected a date written YYYY, YYYY-MM or YYYY-MM-DD, found `{s}`");
        let parts: Vec<&str> = s.trim().split('-').collect();
        let number = |p: &str, len: usize| {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse::<u32>().ok())
                .flatten()
        };
        let year = parts
            .first()
            .and_then(|p| number(p, 4))
            .ok_or_else(expected)? as i32;
        let month = match parts.get(1) {
            Some(p) => Some(
                number(p, 2)
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(expected)? as u8,
            ),
            None => None,
        };
        let day = match parts.get(2) {
            Some(p) => {
                let max = days_in_month(year, month.unwrap_or(1));
                Some(
                    number(p, 2)
                        .filter(|d| (1..=max).contains(d))
                        .ok_or_else(expected)? as u8,
                )
            }
            None => None,
        };
        if parts.len() > 3 {
            return Err(expected());
        }
        Ok(PartialDate { year, month, day })
    }

    /// What a date written another way most likely means, for hints:
    /// `15/09/2014` (day first, as in French), `09/2014`,
    /// `septembre 2014`, `15 March 2024`, `1er mars 2024`.
    pub fn guess(s: &str) -> Option<PartialDate> {
        let s = s.trim().to_lowercase();
        let words: Vec<&str> = s
            .split(|c: char| c.is_whitespace() || "/.-,".contains(c))
            .filter(|w| !w.is_empty())
            .collect();
        let number = |w: &str| w.trim_end_matches("er").parse::<u32>().ok();
        let (day, month, year) = match words.as_slice() {
            // Year first: `2024/03/15`, `2024-3`.
            [y, m, d] if is_year(y) => (Some(*d), *m, *y),
            [y, m] if is_year(y) => (None, *m, *y),
            [d, m, y] => (Some(*d), *m, *y),
            [m, y] => (None, *m, *y),
            _ => return None,
        };
        let month = number(month).or_else(|| month_number(month))?;
        let year = number(year).filter(|_| year.len() == 4)?;
        let text = match day {
            Some(d) => format!("{year:04}-{month:02}-{:02}", number(d)?),
            None => format!("{year:04}-{month:02}"),
        };
        PartialDate::parse(&text).ok()
    }

    /// The first day this date may mean, as (year, month, day).
    pub fn earliest(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date may mean.
    pub fn latest(&self) -> (i32, u8, u8) {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or(days_in_month(self.year, month) as u8);
        (self.year, month, day)
    }

    /// ISO 8601 text, as precise as the date is.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

fn is_year(word: &str) -> bool {
    word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit())
}

/// A month written out in French or English, in full or cut short.
fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [[&str; 2]; 12] = [
        ["janvier", "january"],
        ["février", "february"],
        ["mars", "march"],
        ["avril", "april"],
        ["mai", "may"],
        ["juin", "june"],
        ["juillet", "july"],
        ["août", "august"],
        ["septembre", "september"],
        ["octobre", "october"],
        ["novembre", "november"],
        ["décembre", "december"],
    ];
    let word = word.trim_end_matches('.');
    // "jui" could be June or July (juin, juillet): too short to tell.
    let matches = |name: &str| {
        name == word || (word.chars().count() >= 3 && word != "jui" && name.starts_with(word))
    };
    MONTHS
        .iter()
        .position(|names| names.iter().any(|n| matches(n)))
        .map(|i| i as u32 + 1)
}

fn days_in_month(year: i32, month: u8) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// Today's date (UTC), used only to warn about stale statuses.
pub fn today() -> (i32, u8, u8) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    civil_from_days(secs.div_euclid(86_400))
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl Visitor<'_> for DateVisitor {
            type Value = PartialDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written YYYY, YYYY-MM or YYYY-MM-DD")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PartialDate, E> {
                PartialDate::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PartialDate, E> {
                PartialDate::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PartialDate, E> {
                PartialDate::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_at_three_precisions() {
        let cases = [
            ("2014", Some((2014, None, None))),
            ("2014-09", Some((2014, Some(9), None))),
            ("2024-02-29", Some((2024, Some(2), Some(29)))),
            ("2023-02-29", None),
            ("2014-13", None),
            ("14-09", None),
            ("mars 2014", None),
            ("2014-09-01-02", None),
        ];
        for (text, expected) in cases {
            let parsed = PartialDate::parse(text)
                .ok()
                .map(|d| (d.year, d.month, d.day));
            assert_eq!(parsed, expected, "{text}");
        }
    }

    #[test]
    fn dates_written_another_way_are_guessed() {
        let cases = [
            ("15/09/2014", Some("2014-09-15")),
            ("1.3.2024", Some("2024-03-01")),
            ("09/2014", Some("2014-09")),
            ("septembre 2014", Some("2014-09")),
            ("Sept. 2014", Some("2014-09")),
            ("1er mars 2024", Some("2024-03-01")),
            ("15 March 2024", Some("2024-03-15")),
            ("août 2020", Some("2020-08")),
            ("juil 2020", Some("2020-07")),
            ("jui 2020", None),
            ("31/02/2024", None),
            ("2014/09/15", Some("2014-09-15")),
            ("2024/03", Some("2024-03")),
            ("2024-3", Some("2024-03")),
            ("bientôt", None),
        ];
        for (text, expected) in cases {
            let guessed = PartialDate::guess(text).map(|d| d.iso());
            assert_eq!(guessed.as_deref(), expected, "{text}");
        }
    }

    #[test]
    fn civil_dates_from_unix_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_415), (2025, 11, 23));
    }
}
