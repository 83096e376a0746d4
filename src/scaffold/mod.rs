//! `passerelle new` and `passerelle init`: files for communications staff
//! to start from, every field present and explained by a comment.
//!
//! The templates live beside this file (`new/`, `init/`) and are embedded
//! in the binary with `include_str!`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::catalogue::is_key;
use crate::config::{self, SiteConfig};
use crate::diagnostics::{Diagnostics, Text};
use crate::text;
use crate::types::lang::Lang;

/// What `passerelle new` creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Partnership,
    Country,
    Institution,
    Page,
}

/// Why nothing was written.
#[derive(Debug)]
pub enum ScaffoldError {
    /// A problem that stops the command, with no content diagnostics.
    Fatal(Text),
    /// The site could not be read (no `site.yaml`, a broken one).
    Site(Diagnostics),
}

/// Writes the files of a new item of the site at `root`; returns their
/// paths. Nothing is written when one of them exists already.
pub fn new_item(root: &Path, kind: ItemKind, key: &str) -> Result<Vec<PathBuf>, ScaffoldError> {
    let mut diagnostics = Diagnostics::default();
    let Some(config) = config::load(root, &mut diagnostics) else {
        return Err(ScaffoldError::Site(diagnostics));
    };
    if !is_key(key) {
        return Err(ScaffoldError::Fatal(text!(
            "`{key}` is not a valid key: use lower-case letters a-z, digits and inner hyphens, such as `helmo-mobility`",
            "`{key}` n'est pas une clé valide : utilisez des minuscules a-z sans accent, des chiffres et des tirets intérieurs, comme `mobilite-helmo`"
        )));
    }
    if kind == ItemKind::Country && crate::catalogue::countries::lookup(key).is_none() {
        let hint = crate::catalogue::country_hint(key);
        let (hint_en, hint_fr) = (hint.en, hint.fr);
        return Err(ScaffoldError::Fatal(text!(
            "`{key}` is not an ISO 3166 country or region code: {hint_en} (nothing was written)",
            "`{key}` n'est pas un code de pays ou de région ISO 3166 : {hint_fr} (rien n'a été écrit)"
        )));
    }
    let files = match kind {
        ItemKind::Partnership => partnership_files(root, &config, key),
        ItemKind::Page => page_files(&config, key),
        ItemKind::Country => vec![(
            PathBuf::from(format!("content/countries/{key}.yaml")),
            country_file(&config, key),
        )],
        ItemKind::Institution => vec![(
            PathBuf::from(format!("content/institutions/{key}.yaml")),
            institution_file(&config, key),
        )],
    };
    for (rel, _) in &files {
        if root.join(rel).exists() {
            let shown = rel.display();
            return Err(ScaffoldError::Fatal(text!(
                "`{shown}` exists already: choose another key (nothing was written)",
                "`{shown}` existe déjà : choisissez une autre clé (rien n'a été écrit)"
            )));
        }
    }
    write_all(root, &files)
}

/// Creates a new site in `dir`, which must be empty or absent; returns the
/// paths of the files written.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    let shown = dir.display();
    if dir.exists() {
        let empty = fs::read_dir(dir)
            .map(|mut entries| entries.next().is_none())
            .unwrap_or(false);
        if !dir.is_dir() || !empty {
            return Err(ScaffoldError::Fatal(text!(
                "`{shown}` is not an empty folder: give a new or empty folder (nothing was written)",
                "`{shown}` n'est pas un dossier vide : indiquez un dossier nouveau ou vide (rien n'a été écrit)"
            )));
        }
    }
    let files: Vec<(PathBuf, String)> = INIT_FILES
        .iter()
        .map(|(rel, text)| (PathBuf::from(rel), (*text).to_string()))
        .collect();
    write_all(dir, &files)
}

/// The files of a new site, relative to its folder.
const INIT_FILES: &[(&str, &str)] = &[
    ("README.md", include_str!("init/README.md")),
    ("site.yaml", include_str!("init/site.yaml")),
    (".gitignore", include_str!("init/gitignore")),
    (
        ".github/workflows/publish.yml",
        include_str!("init/github-pages.yml"),
    ),
    (".gitlab-ci.yml", include_str!("init/gitlab-ci.yml")),
    (
        "content/taxonomies/themes.yaml",
        include_str!("init/content/taxonomies/themes.yaml"),
    ),
    (
        "content/taxonomies/programmes.yaml",
        include_str!("init/content/taxonomies/programmes.yaml"),
    ),
    (
        "content/institutions/institut-exemple.yaml",
        include_str!("init/content/institutions/institut-exemple.yaml"),
    ),
    (
        "content/countries/be.yaml",
        include_str!("init/content/countries/be.yaml"),
    ),
    (
        "content/partnerships/exemple-partenariat.fr.md",
        include_str!("init/content/partnerships/exemple-partenariat.fr.md"),
    ),
    (
        "content/partnerships/exemple-partenariat.en.md",
        include_str!("init/content/partnerships/exemple-partenariat.en.md"),
    ),
    (
        "content/pages/about.fr.md",
        include_str!("init/content/pages/about.fr.md"),
    ),
    (
        "content/pages/about.en.md",
        include_str!("init/content/pages/about.en.md"),
    ),
    (
        "content/pages/accessibility.fr.md",
        include_str!("init/content/pages/accessibility.fr.md"),
    ),
    (
        "content/pages/accessibility.en.md",
        include_str!("init/content/pages/accessibility.en.md"),
    ),
    (
        "content/pages/legal-notice.fr.md",
        include_str!("init/content/pages/legal-notice.fr.md"),
    ),
    (
        "content/pages/legal-notice.en.md",
        include_str!("init/content/pages/legal-notice.en.md"),
    ),
    (
        "content/pages/privacy.fr.md",
        include_str!("init/content/pages/privacy.fr.md"),
    ),
    (
        "content/pages/privacy.en.md",
        include_str!("init/content/pages/privacy.en.md"),
    ),
];

/// Writes every file, refusing to replace one; returns the paths written.
fn write_all(root: &Path, files: &[(PathBuf, String)]) -> Result<Vec<PathBuf>, ScaffoldError> {
    let mut written = Vec::new();
    for (rel, contents) in files {
        let path = root.join(rel);
        let result = path
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| {
                use std::io::Write;
                fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&path)?
                    .write_all(contents.as_bytes())
            });
        if let Err(e) = result {
            let shown = path.display();
            return Err(ScaffoldError::Fatal(text!(
                "cannot write `{shown}`: {e}",
                "impossible d'écrire `{shown}` : {e}"
            )));
        }
        written.push(path);
    }
    Ok(written)
}

/// The values a template needs, taken from the site itself.
struct Values {
    key: String,
    programme: String,
    theme: String,
    institution: String,
    year: String,
}

impl Values {
    fn of(root: &Path, key: &str) -> Self {
        let content = root.join("content");
        Values {
            key: key.to_string(),
            programme: first_taxonomy_id(&content.join("taxonomies/programmes.yaml"))
                .unwrap_or_else(|| "erasmus-plus".to_string()),
            theme: first_taxonomy_id(&content.join("taxonomies/themes.yaml"))
                .unwrap_or_else(|| "social-work-training".to_string()),
            institution: first_file_id(&content.join("institutions"))
                .unwrap_or_else(|| "institution-a-remplacer".to_string()),
            year: crate::types::date::today().0.to_string(),
        }
    }

    fn fill(&self, template: &str) -> String {
        template
            .replace("{KEY}", &self.key)
            .replace("{PROGRAMME}", &self.programme)
            .replace("{THEME}", &self.theme)
            .replace("{INSTITUTION}", &self.institution)
            .replace("{YEAR}", &self.year)
    }
}

/// The template of `name` in `lang`: French for `fr`, English otherwise.
fn template(name: &str, lang: Lang) -> &'static str {
    let fr = lang == Lang::Fr;
    match (name, fr) {
        ("translated", true) => include_str!("new/partnership.translated.fr.yaml"),
        ("translated", false) => include_str!("new/partnership.translated.en.yaml"),
        ("shared", true) => include_str!("new/partnership.shared.fr.yaml"),
        ("shared", false) => include_str!("new/partnership.shared.en.yaml"),
        ("translation", true) => include_str!("new/partnership.translation.fr.yaml"),
        ("translation", false) => include_str!("new/partnership.translation.en.yaml"),
        ("body", true) => include_str!("new/partnership.body.fr.md"),
        ("body", false) => include_str!("new/partnership.body.en.md"),
        ("page", true) => include_str!("new/page.fr.md"),
        ("page", false) => include_str!("new/page.en.md"),
        _ => unreachable!("no template `{name}`"),
    }
}

/// `KEY.<lang>.md` for each language: every field in the default
/// language's file, the translated ones in the others.
fn partnership_files(root: &Path, config: &SiteConfig, key: &str) -> Vec<(PathBuf, String)> {
    let values = Values::of(root, key);
    config
        .languages
        .iter()
        .enumerate()
        .map(|(i, &lang)| {
            let middle = if i == 0 { "shared" } else { "translation" };
            let text = format!(
                "---\n{}{}---\n{}",
                template("translated", lang),
                template(middle, lang),
                template("body", lang)
            );
            (
                PathBuf::from(format!("content/partnerships/{key}.{lang}.md")),
                values.fill(&text),
            )
        })
        .collect()
}

fn page_files(config: &SiteConfig, key: &str) -> Vec<(PathBuf, String)> {
    config
        .languages
        .iter()
        .map(|&lang| {
            (
                PathBuf::from(format!("content/pages/{key}.{lang}.md")),
                template("page", lang).replace("{KEY}", key),
            )
        })
        .collect()
}

/// One line `  <lang>: "…"` per language of the site, with `prefix`.
fn per_language(config: &SiteConfig, prefix: &str, fr: &str, other: &str) -> String {
    config
        .languages
        .iter()
        .map(|lang| {
            let value = match lang {
                Lang::Fr => fr,
                Lang::En => other,
            };
            format!("{prefix}  {lang}: \"{value}\"\n")
        })
        .collect()
}

fn country_file(config: &SiteConfig, code: &str) -> String {
    let intro = per_language(
        config,
        "",
        "PRÉSENTATION À REMPLACER : les partenariats menés avec ce pays.",
        "INTRODUCTION TO REPLACE: the partnerships with this country.",
    );
    include_str!("new/country.yaml")
        .replace("{KEY}", code)
        .replace("{INTRO}\n", &intro)
}

fn institution_file(config: &SiteConfig, id: &str) -> String {
    let description = per_language(
        config,
        "# ",
        "Présentation de l'établissement.",
        "About the institution.",
    );
    // A country code: France for a French site.
    let country = match config.default_lang() {
        Lang::Fr => "fr",
        Lang::En => "gb",
    };
    include_str!("new/institution.yaml")
        .replace("{KEY}", id)
        .replace("{COUNTRY}", country)
        .replace("{DESCRIPTION}\n", &description)
}

/// The first id of a taxonomy file, in the file's own order.
fn first_taxonomy_id(path: &Path) -> Option<String> {
    let text = fs::read_to_string(path).ok()?;
    text.lines().find_map(|line| {
        let line = line.trim_start_matches('\u{feff}');
        let (id, _) = line.split_once(':')?;
        let id = id.trim_matches(|c| c == '"' || c == '\'');
        is_key(id).then(|| id.to_string())
    })
}

/// The first `<id>.yaml` of a folder, in alphabetical order.
fn first_file_id(dir: &Path) -> Option<String> {
    let mut ids: Vec<String> = fs::read_dir(dir)
        .ok()?
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            let id = name.strip_suffix(".yaml")?;
            is_key(id).then(|| id.to_string())
        })
        .collect();
    ids.sort();
    ids.into_iter().next()
}
