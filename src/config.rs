//! `site.yaml` → [`SiteConfig`].

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Text};
use crate::source::{parse_yaml, read_text, SourceFile};
use crate::text;
use crate::types::lang::Lang;
use crate::types::limits::{parse_size, Limits};

mod appearance;
mod legal;
mod report;

pub use appearance::{Appearance, FooterLink, Logo, COLOR_NAMES};
pub use legal::{Accessibility, Conformity, Host, Legal};
pub use report::LangText;
use report::{is_http, Report, SITE_YAML};

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
    #[serde(default)]
    cms: CmsSetting,
    legal: Option<legal::RawLegal>,
    #[serde(default)]
    appearance: appearance::RawAppearance,
    #[serde(default)]
    publish: PublishConfig,
    #[serde(default)]
    limits: RawLimits,
}

/// `limits:` in site.yaml: the largest sizes a build reads, as `2 MB`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLimits {
    content_file: Option<String>,
    cell: Option<String>,
    image: Option<String>,
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

/// What the build writes for the web server (`publish:` in site.yaml).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishConfig {
    /// Also write `.htaccess` for Apache (the 404 page, compression,
    /// caching, headers): a file that other servers never read but that
    /// FTP clients hide, so only when asked.
    #[serde(default)]
    pub apache: bool,
}

/// The site's settings, checked.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: LangText,
    pub description: LangText,
    /// At least one; the first is the default language.
    pub languages: Vec<Lang>,
    /// Always ends with `/` when set.
    pub base_url: Option<String>,
    pub theme: String,
    pub publisher: Option<String>,
    pub markdown: MarkdownConfig,
    /// The web editor, when site.yaml enables it.
    pub cms: Option<CmsConfig>,
    /// The facts of the generated legal pages, when site.yaml gives them.
    pub legal: Option<Legal>,
    /// Colours, logo and footer links laid over the theme.
    pub appearance: Appearance,
    pub publish: PublishConfig,
    /// The largest sizes of what a build reads.
    pub limits: Limits,
}

impl SiteConfig {
    pub fn default_lang(&self) -> Lang {
        self.languages[0]
    }
}

/// The languages the built-in theme and the locale formatting know.
/// In the order the messages name them.
pub const SUPPORTED_LANGUAGES: [&str; 2] = [Lang::Fr.as_str(), Lang::En.as_str()];

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
    let cms = check_cms(raw.cms, &mut report);
    let languages = &raw.languages;
    let legal = legal::check(raw.legal, raw.publisher.as_deref(), languages, &mut report);
    let appearance = appearance::check(raw.appearance, root, languages, &mut report);
    let limits = check_limits(&raw.limits, &mut report);
    report.ok.then_some(SiteConfig {
        title: raw.title,
        description: raw.description,
        // Every code is known once the report is clean.
        languages: raw
            .languages
            .iter()
            .filter_map(|l| Lang::parse(l))
            .collect(),
        base_url,
        theme: raw.theme,
        publisher: raw.publisher,
        markdown: raw.markdown,
        cms,
        legal,
        appearance,
        publish: raw.publish,
        limits,
    })
}

/// The sizes of `limits:`, each a number and a unit; the default for a
/// size not given.
fn check_limits(raw: &RawLimits, report: &mut Report) -> Limits {
    let mut limits = Limits::default();
    let fields = [
        ("content_file", &raw.content_file, &mut limits.content_file),
        ("cell", &raw.cell, &mut limits.cell),
        ("image", &raw.image, &mut limits.image),
    ];
    for (name, value, limit) in fields {
        let Some(value) = value else { continue };
        match parse_size(value) {
            Some(size) => *limit = size,
            None => report.error(
                &format!("limits.{name}"),
                value,
                text!(
                    "expected a size such as `2 MB` or `500 KB`, found `{value}`",
                    "attendu : une taille comme `2 Mo` ou `500 Ko` ; trouvé : `{value}`"
                ),
                Some(text!(
                    "write a number and a unit: B, KB, MB or GB",
                    "écrivez un nombre et une unité : o, Ko, Mo ou Go"
                )),
            ),
        }
    }
    limits
}

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
    let url = base_url?;
    match base_url_problem(&url) {
        Some(message) => {
            report.error(
                "base_url",
                &url,
                message,
                Some(text!(
                    "write it like `https://example.org/international/`",
                    "écrivez-la comme `https://example.org/international/`"
                )),
            );
            None
        }
        None if url.ends_with('/') => Some(url),
        None => Some(format!("{url}/")),
    }
}

/// `--base-url`: the address when it is one, else why not, in English
/// and French (a usage error).
pub fn parse_base_url(url: &str) -> Result<String, String> {
    match base_url_problem(url) {
        Some(problem) => Err(format!("{}\n{}", problem.en, problem.fr)),
        None => Ok(url.to_string()),
    }
}

/// Why `url` is not one absolute http(s) address that can be written as
/// it is into HTML, XML and `robots.txt`: a scheme, a host name, then a
/// path; no space, line break or other control character, no quote,
/// angle bracket or backslash, no query or fragment.
pub fn base_url_problem(url: &str) -> Option<Text> {
    let shown = crate::diagnostics::escape_controls(url);
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else {
        return Some(text!(
            "expected an absolute http(s) address, found `{shown}`",
            "attendu : une adresse http(s) complète ; trouvé : `{shown}`"
        ));
    };
    if let Some(c) = url
        .chars()
        .find(|c| c.is_control() || c.is_whitespace() || "\"'<>\\^`{|}?#".contains(*c))
    {
        let c = crate::diagnostics::escape_controls(&c.to_string()).into_owned();
        return Some(text!(
            "the address `{shown}` holds `{c}`, which cannot be in one web address of the site",
            "l'adresse `{shown}` contient `{c}`, qui ne peut pas figurer dans une adresse web du site"
        ));
    }
    let host = rest.split('/').next().unwrap_or_default();
    let name = host.rsplit_once(':').map_or(host, |(name, port)| {
        match port.chars().all(|c| c.is_ascii_digit()) {
            true => name,
            false => host,
        }
    });
    let good_name = !name.is_empty()
        && !name.starts_with(['.', '-'])
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'));
    (!good_name).then(|| {
        text!(
            "the address `{shown}` has no valid host name after `://`",
            "l'adresse `{shown}` n'a pas de nom d'hôte valable après `://`"
        )
    })
}

/// The Git host the web editor saves to (Decap CMS's `backend.name`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CmsBackend {
    /// Netlify Identity and Git Gateway: the editors need no Git account.
    GitGateway,
    Github,
    Gitlab,
}

impl CmsBackend {
    /// The name Decap CMS and Sveltia CMS know the backend by.
    pub fn name(self) -> &'static str {
        match self {
            CmsBackend::GitGateway => "git-gateway",
            CmsBackend::Github => "github",
            CmsBackend::Gitlab => "gitlab",
        }
    }
}

/// `cms: {backend: github, repo: owner/name, branch: main}` in site.yaml.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CmsConfig {
    pub backend: CmsBackend,
    /// `owner/name` on the Git host; required by `github` and `gitlab`.
    pub repo: Option<String>,
    #[serde(default = "default_branch")]
    pub branch: String,
    /// The address of an OAuth proxy for `github` (Decap's `base_url`),
    /// when the site is not hosted by Netlify.
    pub auth_url: Option<String>,
    /// The id of a GitLab OAuth application, to sign in without a proxy
    /// (PKCE).
    pub app_id: Option<String>,
}

fn default_branch() -> String {
    "main".to_string()
}

/// `cms:` as written: absent or `false` (no editor), or its settings.
#[derive(Debug, Clone, Default)]
enum CmsSetting {
    #[default]
    Off,
    /// `cms: true`, which is refused: the editor needs to know its backend.
    Bare,
    On(CmsConfig),
}

impl<'de> Deserialize<'de> for CmsSetting {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = CmsSetting;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`false` or `{backend: github, repo: owner/name}`")
            }
            fn visit_bool<E: serde::de::Error>(self, on: bool) -> Result<CmsSetting, E> {
                Ok(if on {
                    CmsSetting::Bare
                } else {
                    CmsSetting::Off
                })
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<CmsSetting, E> {
                Ok(CmsSetting::Off)
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                map: M,
            ) -> Result<CmsSetting, M::Error> {
                let de = serde::de::value::MapAccessDeserializer::new(map);
                CmsConfig::deserialize(de).map(CmsSetting::On)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The editor's settings: a repository `owner/name` for the backends
/// that need one, a branch name and http(s) addresses.
fn check_cms(setting: CmsSetting, report: &mut Report) -> Option<CmsConfig> {
    match setting {
        CmsSetting::Off => None,
        CmsSetting::Bare => {
            report.error(
                "cms",
                "true",
                text!(
                    "`cms: true` does not say where the editor saves",
                    "`cms: true` n'indique pas où l'éditeur enregistre"
                ),
                Some(text!(
                    "write `cms: {{backend: github, repo: owner/name}}` (or `gitlab`, `git-gateway`); see docs/cms.md",
                    "écrivez `cms: {{backend: github, repo: propriétaire/nom}}` (ou `gitlab`, `git-gateway`) ; voir docs/cms.md"
                )),
            );
            None
        }
        CmsSetting::On(cms) => {
            check_cms_repo(&cms, report);
            check_cms_addresses(&cms, report);
            Some(cms)
        }
    }
}

/// `github` and `gitlab` save to a repository, written `owner/name`.
fn check_cms_repo(cms: &CmsConfig, report: &mut Report) {
    match cms.repo.as_deref() {
        Some(repo) if !is_repo(repo) => report.error(
            "cms.repo",
            repo,
            text!(
                "expected a repository `owner/name`, found `{repo}`",
                "attendu : un dépôt `propriétaire/nom` ; trouvé : `{repo}`"
            ),
            Some(text!(
                "write the repository as its address shows it, such as `irts-hdf/international`",
                "écrivez le dépôt comme son adresse le montre, par exemple `irts-hdf/international`"
            )),
        ),
        None if cms.backend != CmsBackend::GitGateway => {
            let backend = cms.backend.name();
            report.error(
                "cms.backend",
                backend,
                text!(
                    "the `{backend}` editor needs `repo`",
                    "l'éditeur `{backend}` a besoin de `repo`"
                ),
                Some(text!(
                    "add `repo: owner/name` under `cms`, the repository that holds the site",
                    "ajoutez `repo: propriétaire/nom` sous `cms`, le dépôt qui contient le site"
                )),
            );
        }
        _ => {}
    }
}

/// A branch name without spaces, and an http(s) address for the OAuth
/// proxy.
fn check_cms_addresses(cms: &CmsConfig, report: &mut Report) {
    let branch = &cms.branch;
    if branch.trim().is_empty() || branch.contains(char::is_whitespace) {
        report.error(
            "cms.branch",
            branch,
            text!(
                "expected a branch name, found `{branch}`",
                "attendu : un nom de branche ; trouvé : `{branch}`"
            ),
            Some(text!(
                "write the branch the site is built from, such as `main`",
                "écrivez la branche à partir de laquelle le site est construit, comme `main`"
            )),
        );
    }
    if let Some(url) = cms.auth_url.as_deref().filter(|u| !is_http(u)) {
        report.error(
            "cms.auth_url",
            url,
            text!(
                "expected an http(s) address, found `{url}`",
                "attendu : une adresse http(s) ; trouvé : `{url}`"
            ),
            None,
        );
    }
}

/// `owner/name`, and `group/subgroup/name` on GitLab: no spaces, no
/// empty part.
fn is_repo(repo: &str) -> bool {
    let parts: Vec<&str> = repo.split('/').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        })
}
