//! `site.yaml` → [`SiteConfig`].

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Text};
use crate::source::{parse_yaml, read_text, SourceFile};
use crate::text;

/// A text given once per language: `{fr: …, en: …}`.
pub type LangText = BTreeMap<String, String>;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: LangText,
    #[serde(default)]
    description: LangText,
    languages: Vec<String>,
    base_url: Option<String>,
    #[serde(default = "default_theme")]
    theme: String,
    publisher: Option<String>,
    #[serde(default)]
    markdown: MarkdownConfig,
}

fn default_theme() -> String {
    "default".to_string()
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    #[serde(default)]
    pub raw_html: bool,
}

/// The site's settings, checked.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: LangText,
    pub description: LangText,
    /// At least one; the first is the default language.
    pub languages: Vec<String>,
    /// Always ends with `/` when set.
    pub base_url: Option<String>,
    pub theme: String,
    pub publisher: Option<String>,
    pub markdown: MarkdownConfig,
}

impl SiteConfig {
    pub fn default_lang(&self) -> &str {
        &self.languages[0]
    }
}

/// The languages the built-in theme and the locale formatting know.
pub const SUPPORTED_LANGUAGES: [&str; 2] = ["fr", "en"];

/// Reads and checks `site.yaml`. Every problem found is reported, not
/// only the first, and `None` comes back if there was any.
pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> Option<SiteConfig> {
    let file = read(root, diagnostics)?;
    let raw: RawConfig = match parse_yaml(&file, &file.text, 1) {
        Ok(raw) => raw,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let mut report = Report {
        yaml: &file.text,
        diagnostics,
        ok: true,
    };
    check_languages(&raw.languages, &mut report);
    check_titles(&raw.title, &raw.languages, &mut report);
    let base_url = check_base_url(raw.base_url, &mut report);
    report.ok.then_some(SiteConfig {
        title: raw.title,
        description: raw.description,
        languages: raw.languages,
        base_url,
        theme: raw.theme,
        publisher: raw.publisher,
        markdown: raw.markdown,
    })
}

/// The path of the settings file, relative to the site root.
const SITE_YAML: &str = "site.yaml";

/// Reads `site.yaml`. A missing file gets its own message, because it
/// usually means passerelle was started in the wrong folder.
fn read(root: &Path, diagnostics: &mut Diagnostics) -> Option<SourceFile> {
    let rel = Path::new(SITE_YAML);
    if !root.join(rel).is_file() {
        diagnostics.push(
            Diagnostic::error(rel, {
                let root = root.display();
                text!(
                    "no `site.yaml` in `{root}`",
                    "pas de `site.yaml` dans `{root}`"
                )
            })
            .hint(text!(
                "run passerelle in the site's folder, or give it with `--root DIR`",
                "lancez passerelle dans le dossier du site, ou indiquez-le avec `--root DOSSIER`"
            )),
        );
        return None;
    }
    match read_text(root, rel) {
        Ok(file) => Some(file),
        Err(d) => {
            diagnostics.push(d);
            None
        }
    }
}

/// Where the checks of `site.yaml` report, remembering whether any failed
/// so that `load` can still run every check before giving up.
struct Report<'a> {
    /// The text of `site.yaml`, to point each message at its line.
    yaml: &'a str,
    diagnostics: &'a mut Diagnostics,
    ok: bool,
}

impl Report<'_> {
    /// Reports an error on `field`, placed on the line where `value` is
    /// written (or at the top of the file if it cannot be found).
    fn error(&mut self, field: &str, value: &str, message: Text, hint: Option<Text>) {
        let (line, column) = crate::source::locate(self.yaml, field, value).unwrap_or((0, 0));
        self.diagnostics.push(
            Diagnostic::error(Path::new(SITE_YAML), message)
                .field(field)
                .at(self.yaml, line, column)
                .hint_opt(hint),
        );
        self.ok = false;
    }
}

/// At least one language, and only ones the theme and the locale
/// formatting know: later stages index `languages[0]` and look up strings.
fn check_languages(languages: &[String], report: &mut Report) {
    if languages.is_empty() {
        report.error(
            "languages",
            "",
            text!(
                "`languages` lists no language",
                "`languages` ne contient aucune langue"
            ),
            Some(text!(
                "write `languages: [fr, en]`",
                "écrivez `languages: [fr, en]`"
            )),
        );
    }
    for lang in languages {
        if !SUPPORTED_LANGUAGES.contains(&lang.as_str()) {
            report.error(
                "languages",
                lang,
                text!(
                    "unsupported language `{lang}`",
                    "langue non prise en charge `{lang}`"
                ),
                crate::diagnostics::suggest(lang, SUPPORTED_LANGUAGES).or(Some(text!(
                    "passerelle supports `fr` and `en`",
                    "passerelle prend en charge `fr` et `en`"
                ))),
            );
        }
    }
}

/// A title in every language, since every page's `<title>` shows it.
fn check_titles(title: &LangText, languages: &[String], report: &mut Report) {
    for lang in languages {
        if !title.contains_key(lang) {
            report.error(
                "title",
                "title",
                text!(
                    "`title` has no text for `{lang}`",
                    "`title` n'a pas de texte pour `{lang}`"
                ),
                Some(text!(
                    "write `title: {{{lang}: …}}` for every language",
                    "écrivez `title: {{{lang}: …}}` pour chaque langue"
                )),
            );
        }
    }
}

/// An absolute http(s) address, given back ending with `/` so that paths
/// can be appended to it without doubling or losing a slash.
fn check_base_url(base_url: Option<String>, report: &mut Report) -> Option<String> {
    match base_url {
        Some(url) if !(url.starts_with("https://") || url.starts_with("http://")) => {
            report.error(
                "base_url",
                &url,
                text!(
                    "expected an absolute http(s) address, found `{url}`",
                    "attendu : une adresse http(s) complète ; trouvé : `{url}`"
                ),
                Some(text!(
                    "write it like `https://example.org/international/`",
                    "écrivez-la comme `https://example.org/international/`"
                )),
            );
            None
        }
        Some(url) if url.ends_with('/') => Some(url),
        Some(url) => Some(format!("{url}/")),
        None => None,
    }
}
