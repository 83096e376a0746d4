//! `site.yaml` → [`SiteConfig`].

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Text};
use crate::source::{parse_yaml, read_text};
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

pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> Option<SiteConfig> {
    let rel = Path::new("site.yaml");
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
    let file = match read_text(root, rel) {
        Ok(file) => file,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let raw: RawConfig = match parse_yaml(&file, &file.text, 1) {
        Ok(raw) => raw,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let mut ok = true;
    let mut error = |field: &str, value: &str, message: Text, hint: Option<Text>| {
        let (line, column) = crate::source::locate(&file.text, field, value).unwrap_or((0, 0));
        diagnostics.push(
            Diagnostic::error(rel, message)
                .field(field)
                .at(&file.text, line, column)
                .hint_opt(hint),
        );
        ok = false;
    };
    if raw.languages.is_empty() {
        error(
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
    for lang in &raw.languages {
        if !SUPPORTED_LANGUAGES.contains(&lang.as_str()) {
            error(
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
    for lang in &raw.languages {
        if !raw.title.contains_key(lang) {
            error(
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
    let base_url = match raw.base_url {
        Some(url) if !(url.starts_with("https://") || url.starts_with("http://")) => {
            error(
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
    };
    ok.then_some(SiteConfig {
        title: raw.title,
        description: raw.description,
        languages: raw.languages,
        base_url,
        theme: raw.theme,
        publisher: raw.publisher,
        markdown: raw.markdown,
    })
}
