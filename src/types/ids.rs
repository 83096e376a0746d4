//! Identifiers of the catalogue's items, one type each, so that a country
//! code is never passed where an institution id is expected.
//!
//! Each is the text written in the content (`be`, `ca-qc`, `helmo`),
//! serialised as that text, and borrowed as `&str` for map look-ups.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                $name(id.to_string())
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                $name(id)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

id_type!(
    /// An ISO 3166-1 alpha-2 code (`be`) or an ISO 3166-2 subdivision
    /// (`ca-qc`), lower case.
    CountryCode
);

id_type!(
    /// The name of an institution's file without `.yaml` (`helmo`).
    InstitutionId
);

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn ids_are_their_text() {
        let code = CountryCode::from("ca-qc");
        assert_eq!(code, "ca-qc");
        assert_eq!(code.to_string(), "ca-qc");
        assert_eq!(serde_json::to_string(&code).unwrap(), "\"ca-qc\"");
        let mut map = BTreeMap::new();
        map.insert(InstitutionId::from("helmo"), 1);
        assert_eq!(map.get("helmo"), Some(&1));
    }
}
