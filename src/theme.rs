//! Themes: tera templates, interface strings per language, static files.
//!
//! The default theme is embedded in the binary, so a site needs no
//! `themes/` folder. A site theme (`themes/<name>/` in the site root) is
//! laid over it: any template, string or static file of the same name
//! replaces the default one, and everything else is inherited.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::display_path;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::text;
use crate::types::lang::Lang;

macro_rules! embedded {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!("../themes/default/", $path)))),*]
    };
}

/// The default theme's files, relative to `themes/default/`.
const DEFAULT_THEME: &[(&str, &[u8])] = embedded![
    "templates/base.html",
    "templates/card.html",
    "templates/pagination.html",
    "templates/index.html",
    "templates/home.html",
    "templates/partnerships.html",
    "templates/partnership.html",
    "templates/countries.html",
    "templates/country.html",
    "templates/institutions.html",
    "templates/institution.html",
    "templates/terms.html",
    "templates/term.html",
    "templates/page.html",
    "templates/figures.html",
    "templates/search.html",
    "templates/translations.html",
    "templates/404.html",
    "templates/legal/accessibility.html",
    "templates/legal/legal-notice.html",
    "templates/legal/privacy.html",
    "templates/legal/contact.html",
    "i18n/fr.yaml",
    "i18n/en.yaml",
    "static/style.css",
    "static/browse.js",
    "static/video.js",
    "static/search/stem.js",
    "static/favicon.svg",
    "static/touch-icon.png",
];

pub struct Theme {
    pub tera: tera::Tera,
    /// lang → key → text.
    pub strings: BTreeMap<Lang, BTreeMap<String, String>>,
    /// Files copied to `static/` in the output.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// Template name → (file shown in messages, its text), to locate errors.
    pub sources: BTreeMap<String, (PathBuf, String)>,
}

impl Theme {
    /// The interface text `key` in `lang` (the key itself if the theme
    /// lacks it, which `load` has already reported).
    pub fn text<'a>(&'a self, lang: Lang, key: &'a str) -> &'a str {
        self.strings
            .get(&lang)
            .and_then(|s| s.get(key))
            .map_or(key, String::as_str)
    }
}

/// Loads the theme named in site.yaml, laid over the built-in default.
pub fn load(
    root: &Path,
    name: &str,
    languages: &[Lang],
    diagnostics: &mut Diagnostics,
) -> Option<Theme> {
    let files = gather_files(root, name, diagnostics)?;
    // Only problems from here on withhold the theme: a site file that could
    // not be read has been reported, and its default stands in for it.
    let before = diagnostics.error_count();
    let Sorted {
        templates,
        strings,
        static_files,
    } = sort_files(files, diagnostics);
    let (tera, sources) = compile_templates(templates, diagnostics);
    check_strings(&strings, languages, diagnostics);
    (diagnostics.error_count() == before).then_some(Theme {
        tera,
        strings,
        static_files,
        sources,
    })
}

/// Theme files by path relative to the theme folder (`templates/page.html`),
/// each with the path shown in messages and its bytes.
type ThemeFiles = BTreeMap<String, (PathBuf, Vec<u8>)>;

/// The default theme's files, then the site theme's over them. `None` if
/// site.yaml names a theme whose folder does not exist.
fn gather_files(root: &Path, name: &str, diagnostics: &mut Diagnostics) -> Option<ThemeFiles> {
    let mut files: ThemeFiles = DEFAULT_THEME
        .iter()
        .map(|(path, bytes)| {
            (
                path.to_string(),
                (PathBuf::from("themes/default").join(path), bytes.to_vec()),
            )
        })
        .collect();
    let dir = root.join("themes").join(name);
    if dir.is_dir() {
        read_site_theme(root, &dir, &mut files, diagnostics);
    } else if name != "default" {
        diagnostics.push(
            Diagnostic::error(
                Path::new("site.yaml"),
                text!(
                    "no theme `{name}`: the folder `themes/{name}/` does not exist",
                    "pas de thème `{name}` : le dossier `themes/{name}/` n'existe pas"
                ),
            )
            .field("theme")
            .hint(text!(
                "write `theme: default` to use the built-in theme",
                "écrivez `theme: default` pour utiliser le thème intégré"
            )),
        );
        return None;
    }
    Some(files)
}

/// Lays every file under `dir` over `files`. Unreadable entries are
/// reported and skipped, so one bad file does not hide the others.
fn read_site_theme(root: &Path, dir: &Path, files: &mut ThemeFiles, diagnostics: &mut Diagnostics) {
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diagnostics.push(Diagnostic::error(
                    dir,
                    text!(
                        "cannot read the theme: {e}",
                        "impossible de lire le thème : {e}"
                    ),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let shown = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        match fs::read(entry.path()) {
            Ok(bytes) => {
                files.insert(display_path(rel), (shown, bytes));
            }
            Err(e) => diagnostics.push(Diagnostic::error(
                &shown,
                text!(
                    "cannot read this file: {e}",
                    "impossible de lire ce fichier : {e}"
                ),
            )),
        }
    }
}

/// A template not yet compiled: its name, its text, the file shown in
/// messages.
type RawTemplate = (String, String, PathBuf);

/// The theme's files, sorted by the folder they sit in.
struct Sorted {
    templates: Vec<RawTemplate>,
    strings: BTreeMap<Lang, BTreeMap<String, String>>,
    static_files: BTreeMap<String, Vec<u8>>,
}

/// Sorts the files into templates, interface strings and static files.
/// Files outside those three folders are ignored.
fn sort_files(files: ThemeFiles, diagnostics: &mut Diagnostics) -> Sorted {
    let mut sorted = Sorted {
        templates: Vec::new(),
        strings: BTreeMap::new(),
        static_files: BTreeMap::new(),
    };
    for (rel, (shown, bytes)) in files {
        if let Some(name) = rel.strip_prefix("templates/") {
            match String::from_utf8(bytes) {
                Ok(text) => sorted.templates.push((name.to_string(), text, shown)),
                Err(_) => diagnostics.push(Diagnostic::error(
                    &shown,
                    text!(
                        "this template is not valid UTF-8 text",
                        "ce gabarit n'est pas du texte UTF-8 valide"
                    ),
                )),
            }
        } else if let Some(file) = rel.strip_prefix("i18n/") {
            let lang = file.trim_end_matches(".yaml");
            match parse_strings(&bytes) {
                // Strings for a language passerelle does not know are
                // checked, then left out: no page can ask for them.
                Ok(map) => {
                    if let Some(lang) = Lang::parse(lang) {
                        sorted.strings.insert(lang, map);
                    }
                }
                Err(e) => diagnostics.push(Diagnostic::error(
                    &shown,
                    text!(
                        "cannot read these interface strings: {e}",
                        "impossible de lire ces textes d'interface : {e}"
                    ),
                )),
            }
        } else if let Some(file) = rel.strip_prefix("static/") {
            sorted.static_files.insert(file.to_string(), bytes);
        }
    }
    sorted
}

/// One `i18n/<lang>.yaml` file: a flat map of key → text.
fn parse_strings(bytes: &[u8]) -> Result<BTreeMap<String, String>, String> {
    std::str::from_utf8(bytes)
        .map_err(|e| e.to_string())
        .and_then(|t| {
            serde_yaml::from_str::<BTreeMap<String, String>>(t).map_err(|e| e.to_string())
        })
}

/// Compiles the templates all at once, since they extend and include one
/// another. The sources are kept to point later errors at their lines.
fn compile_templates(
    templates: Vec<RawTemplate>,
    diagnostics: &mut Diagnostics,
) -> (tera::Tera, BTreeMap<String, (PathBuf, String)>) {
    let mut tera = tera::Tera::default();
    let names: Vec<(String, String)> = templates
        .iter()
        .map(|(n, t, _)| (n.clone(), t.clone()))
        .collect();
    let sources: BTreeMap<String, (PathBuf, String)> = templates
        .into_iter()
        .map(|(name, text, shown)| (name, (shown, text)))
        .collect();
    if let Err(e) = tera.add_raw_templates(names) {
        diagnostics.push(template_diagnostic(&sources, &e, None));
    }
    (tera, sources)
}

/// Every site language has its strings, and French and English have the
/// same keys, so that no page shows a bare key in one language only.
fn check_strings(
    strings: &BTreeMap<Lang, BTreeMap<String, String>>,
    languages: &[Lang],
    diagnostics: &mut Diagnostics,
) {
    for lang in languages {
        if !strings.contains_key(lang) {
            diagnostics.push(Diagnostic::error(
                Path::new("themes"),
                text!(
                    "the theme has no interface strings for `{lang}` (i18n/{lang}.yaml)",
                    "le thème n'a pas de textes d'interface pour `{lang}` (i18n/{lang}.yaml)"
                ),
            ));
        }
    }
    if let (Some(fr), Some(en)) = (strings.get(&Lang::Fr), strings.get(&Lang::En)) {
        for key in fr
            .keys()
            .filter(|k| !en.contains_key(*k))
            .chain(en.keys().filter(|k| !fr.contains_key(*k)))
        {
            diagnostics.push(Diagnostic::error(
                Path::new("themes"),
                text!(
                    "the interface string `{key}` is missing in one language",
                    "le texte d'interface `{key}` manque dans une langue"
                ),
            ));
        }
    }
}

/// A tera error as a diagnostic on the template file and line it names
/// (tera writes `--> page.html:3:8` under its message). `route` is the
/// page being rendered, for errors found while rendering.
pub fn template_diagnostic(
    sources: &BTreeMap<String, (PathBuf, String)>,
    error: &tera::Error,
    route: Option<&str>,
) -> Diagnostic {
    let full = error_chain(error);
    let message = full
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches("error: ")
        .to_string();
    let position = full.lines().find_map(|l| {
        let rest = l.trim_start().strip_prefix("--> ")?;
        let mut parts = rest.rsplitn(3, ':');
        let column = parts.next()?.trim().parse::<usize>().ok()?;
        let line = parts.next()?.trim().parse::<usize>().ok()?;
        Some((parts.next()?.to_string(), line, column))
    });
    let source = position.as_ref().and_then(|(name, _, _)| sources.get(name));
    let file = source.map_or_else(|| PathBuf::from("themes"), |(shown, _)| shown.clone());
    let message = match route {
        Some(route) => text!(
            "template error while rendering `{route}`: {message}",
            "erreur de gabarit en produisant `{route}` : {message}"
        ),
        None => text!("template error: {message}", "erreur de gabarit : {message}"),
    };
    let d = Diagnostic::error(&file, message);
    match (position, source) {
        (Some((_, line, column)), Some((_, text))) => d.at(text, line, column),
        _ => d,
    }
}

/// The message of a tera error with its causes, on one line each.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str("\n  ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
