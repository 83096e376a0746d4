//! The languages a site can be written in.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A language the built-in theme and the locale formatting know. The
/// variants are in the order of their codes, so that maps keyed by `Lang`
/// iterate as maps keyed by the code did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    /// Every language, in the order of their codes.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The language of the code `fr` or `en`, lower case as written in
    /// site.yaml and in file names.
    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// The code: `fr`, `en`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    pub fn is_french(self) -> bool {
        self == Lang::Fr
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AsRef<str> for Lang {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for Lang {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Lang {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_and_write_back() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.as_str()), Some(lang));
        }
        assert_eq!(Lang::parse("FR"), None);
        assert_eq!(Lang::parse("de"), None);
    }

    #[test]
    fn order_is_the_order_of_the_codes() {
        let mut codes: Vec<&str> = Lang::ALL.iter().map(|l| l.as_str()).collect();
        codes.sort();
        let ordered: Vec<&str> = Lang::ALL.iter().map(|l| l.as_str()).collect();
        assert_eq!(codes, ordered);
    }
}
