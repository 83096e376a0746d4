//! What the checks of `site.yaml` share: where they report, the file's
//! name, and the small types and tests of values that several sections of
//! the settings use.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, Text};

/// A text given once per language: `{fr: …, en: …}`.
pub type LangText = BTreeMap<String, String>;

/// The path of the settings file, relative to the site root.
pub(super) const SITE_YAML: &str = "site.yaml";

/// Where the checks of `site.yaml` report, remembering whether any failed
/// so that `load` can still run every check before giving up.
pub(super) struct Report<'a> {
    /// The text of `site.yaml`, to point each message at its line.
    pub yaml: &'a str,
    pub diagnostics: &'a mut Diagnostics,
    pub ok: bool,
}

impl Report<'_> {
    /// Reports an error on `field`, placed on the line where `value` is
    /// written (or at the top of the file if it cannot be found).
    pub fn error(&mut self, field: &str, value: &str, message: Text, hint: Option<Text>) {
        // A nested field (`cms.repo`) is written under its last name.
        let key = field.rsplit('.').next().unwrap_or(field);
        let (line, column) = crate::source::locate(self.yaml, key, value).unwrap_or((0, 0));
        self.diagnostics.push(
            Diagnostic::error(Path::new(SITE_YAML), message)
                .field(field)
                .at(self.yaml, line, column)
                .hint_opt(hint),
        );
        self.ok = false;
    }
}

/// Whether `url` is a web address.
pub(super) fn is_http(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}
