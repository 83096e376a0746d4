//! `passerelle import` of the exports institutes already hold: the
//! Erasmus+ Project Results Platform's bulk "Projects_Overview" CSV and
//! search-results "Export to Excel", CORDIS's `project.csv` with its
//! `organization.csv`, and the older single-file CORDIS extracts of
//! Horizon 2020. The layouts and their quirks are described in
//! `docs/spreadsheet.md` ("Importing Erasmus+ and CORDIS exports").
//!
//! ```text
//! file ─ sheet (CSV or workbook, columns by name) ─ erasmus | cordis ─▶ Project + Organisations
//!      ─ institutions (one per organisation, matched to the site's) ─ terms (themes, programmes)
//!      ─ files (shared fields in the default language, English text) ─ plan (compare, check, write)
//! ```
//!
//! Like the import of passerelle's own spreadsheet, it writes nothing
//! unless every row is right, and never replaces a partnership without
//! `--force`.

mod cordis;
mod cordis_h2020;
mod erasmus;
mod files;
mod institutions;
mod plan;
mod project;
mod sheet;
mod terms;

use std::path::{Path, PathBuf};

use crate::catalogue::Catalogue;
use crate::diagnostics::{Diagnostic, Diagnostics, Text};
use crate::site::{BuildOptions, SiteReader};
use crate::text;
use plan::{Context, Planned};
use project::Project;
use sheet::Sheet;

pub use plan::{EuChange, EuPlan};

/// `import --format`: which kind of spreadsheet the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// The Erasmus+ Project Results Platform (bulk CSV or Export to Excel).
    ErasmusPlus,
    /// CORDIS: project.csv with organization.csv beside it, or an older single-file H2020 extract.
    Cordis,
    /// passerelle's own columns, as `passerelle export` writes them.
    Passerelle,
}

/// What an EU import may do.
#[derive(Debug, Clone, Default)]
pub struct EuOptions {
    /// Replace the files of partnerships that already exist.
    pub force: bool,
    /// Keep only the projects in which this organisation takes part.
    pub institution: Option<String>,
    /// Topics that match no theme become new themes.
    pub add_themes: bool,
    /// A theme given to every project.
    pub theme: Option<String>,
}

/// The EU export `file` is, from `--format` or else its header row;
/// `None` for passerelle's own spreadsheet.
pub fn recognise(file: &Path, format: Option<ImportFormat>) -> Option<ImportFormat> {
    match format {
        Some(ImportFormat::Passerelle) => None,
        Some(format) => Some(format),
        None => {
            let sheet = Sheet::read(file).ok()?;
            if erasmus::recognises(&sheet) {
                Some(ImportFormat::ErasmusPlus)
            } else if cordis_h2020::recognises(&sheet)
                || cordis::recognises_projects(&sheet)
                || cordis::recognises_organisations(&sheet)
            {
                Some(ImportFormat::Cordis)
            } else {
                None
            }
        }
    }
}

/// What importing the export `file` into the site at `root` would
/// change; `None` when anything is wrong (every problem is in the
/// diagnostics). Nothing is written.
pub fn plan_import(
    root: &Path,
    file: &Path,
    format: ImportFormat,
    options: &EuOptions,
) -> (Option<EuPlan>, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let reading = BuildOptions {
        drafts: true,
        ..Default::default()
    };
    let (catalogue, read) = SiteReader::new(root, &reading).read_catalogue();
    let Some(catalogue) = catalogue.filter(|_| !read.has_errors()) else {
        diagnostics.extend(read.into_sorted());
        return (None, diagnostics);
    };
    let mut problems = Vec::new();
    let (projects, org_file) = read_projects(file, format, &mut problems);
    if problems.iter().any(Diagnostic::is_error) {
        diagnostics.extend(problems);
        return (None, diagnostics);
    }
    let sources = Sources {
        root,
        file,
        organisations: &org_file,
    };
    let planned = plan_files(&catalogue, projects, &sources, options, &mut problems);
    let Some((files, notes, count)) =
        planned.filter(|_| !problems.iter().any(Diagnostic::is_error))
    else {
        diagnostics.extend(problems);
        return (None, diagnostics);
    };
    let context = Context {
        root,
        force: options.force,
        notes,
        projects: count,
    };
    let (plan, more) = plan::plan(context, files);
    diagnostics.extend(problems);
    diagnostics.extend(more);
    (plan, diagnostics)
}

/// The site's folder and the export's files.
struct Sources<'a> {
    root: &'a Path,
    file: &'a Path,
    /// The file the organisations are read from (CORDIS's second file).
    organisations: &'a Path,
}

/// The projects of the export, and the file their organisations were read
/// from.
fn read_projects(
    file: &Path,
    format: ImportFormat,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<Project>, PathBuf) {
    let mut read = |path: &Path| match Sheet::read(path) {
        Ok(sheet) => Some(sheet),
        Err(d) => {
            problems.push(d);
            None
        }
    };
    match format {
        ImportFormat::Cordis if single_file(file) => match read(file) {
            Some(sheet) => (cordis_h2020::read(&sheet, problems), file.to_path_buf()),
            None => (Vec::new(), file.to_path_buf()),
        },
        ImportFormat::Cordis => {
            let (projects, organisations) = cordis::pair(file);
            if !organisations.is_file() || !projects.is_file() {
                let (found, missing) = if projects.is_file() {
                    (&projects, &organisations)
                } else {
                    (&organisations, &projects)
                };
                let name = missing.file_name().unwrap_or_default().to_string_lossy();
                problems.push(Diagnostic::error(found, text!(
                    "CORDIS projects are read from two files, and `{name}` is not beside this one",
                    "les projets CORDIS se lisent dans deux fichiers, et `{name}` n'est pas à côté de celui-ci"
                )).hint(text!(
                    "put `project.csv` and `organization.csv` of the same extract in one folder",
                    "placez `project.csv` et `organization.csv` du même extrait dans un même dossier"
                )));
                return (Vec::new(), organisations);
            }
            let (Some(p), Some(o)) = (read(&projects), read(&organisations)) else {
                return (Vec::new(), organisations);
            };
            (cordis::read(&p, &o, problems), organisations)
        }
        _ => match read(file) {
            Some(sheet) => (erasmus::read(&sheet, problems), file.to_path_buf()),
            None => (Vec::new(), file.to_path_buf()),
        },
    }
}

/// Whether `file` is an older CORDIS extract that holds the organisations
/// in the projects' rows.
fn single_file(file: &Path) -> bool {
    Sheet::read(file).is_ok_and(|sheet| cordis_h2020::recognises(&sheet))
}

/// The files of the projects kept, the dry run's notes and the number of
/// projects; `None` when nothing is left to import (reported).
fn plan_files(
    catalogue: &Catalogue,
    mut projects: Vec<Project>,
    sources: &Sources,
    options: &EuOptions,
    problems: &mut Vec<Diagnostic>,
) -> Option<(Vec<Planned>, Vec<Text>, usize)> {
    let (file, org_file) = (sources.file, sources.organisations);
    let known = institutions::known(catalogue);
    if let Some(wanted) = &options.institution {
        projects = taking_part(projects, &known, wanted, file, problems)?;
    }
    let institutions = institutions::resolve(&projects, &known);
    let mut terms = terms::Terms::of(catalogue);
    if let Some(theme) = options.theme.as_deref().filter(|t| !terms.has_theme(t)) {
        let ids: Vec<&str> = catalogue.themes.keys().map(String::as_str).collect();
        let list = ids.join(", ");
        problems.push(
            Diagnostic::error(
                file,
                text!(
                    "`--theme {theme}`: the site has no such theme",
                    "`--theme {theme}` : le site n'a pas cette thématique"
                ),
            )
            .hint(text!(
            "give the id of a theme of `content/taxonomies/themes.yaml`: {list}",
            "donnez l'identifiant d'une thématique de `content/taxonomies/themes.yaml` : {list}"
        )),
        );
        return None;
    }
    let languages = &catalogue.config.languages;
    let mut files = Vec::new();
    let mut notes = institutions.notes.clone();
    same_partnerships(catalogue, &mut projects, &mut notes);
    let mut keys: Vec<(String, usize)> = Vec::new();
    for p in &projects {
        if let Some((_, first)) = keys.iter().find(|(k, _)| *k == p.key) {
            problems.push(duplicate(file, p, *first));
            continue;
        }
        keys.push((p.key.clone(), p.origin.row));
        let themes = terms::themes_of(p, &mut terms, options.add_themes, options.theme.as_deref());
        if themes.ids.is_empty() {
            problems.push(no_theme(file, p));
            continue;
        }
        let programme = terms.programme(p.programme);
        for (lang, text) in
            files::partnership_files(p, &programme, &themes, &institutions, languages)
        {
            files.push(Planned {
                rel: Path::new("content/partnerships").join(format!("{}.{lang}.md", p.key)),
                text,
                source: file.to_path_buf(),
                row: p.origin.row,
                key: Some(p.key.clone()),
            });
        }
    }
    for (id, o) in &institutions.new {
        files.push(Planned {
            rel: Path::new("content/institutions").join(format!("{id}.yaml")),
            text: files::institution_file(o),
            source: org_file.to_path_buf(),
            row: o.origin.row,
            key: None,
        });
    }
    files.extend(taxonomy_files(sources.root, &terms, file, &mut notes));
    Some((files, notes, keys.len()))
}

/// The projects in which the organisation `wanted` takes part; `None`
/// when there is none (reported).
fn taking_part(
    mut projects: Vec<Project>,
    known: &[institutions::Known],
    wanted: &str,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Option<Vec<Project>> {
    let all = institutions::resolve(&projects, known);
    projects.retain(|p| {
        p.organisations
            .iter()
            .any(|o| institutions::is_named(o, all.id_of(o), wanted))
    });
    if projects.is_empty() {
        problems.push(Diagnostic::error(file, text!(
            "no project of this file names the organisation `{wanted}`",
            "aucun projet de ce fichier ne nomme l'organisation `{wanted}`"
        )).hint(text!(
            "give `--institution` the organisation's name as the export writes it, or a part of it, or the id of the site's institution",
            "donnez à `--institution` le nom de l'organisation tel que l'export l'écrit, ou une partie de ce nom, ou l'identifiant de l'établissement du site"
        )));
        return None;
    }
    Some(projects)
}

/// A project the site already has (the same `project_ref`) keeps its
/// partnership's key, so that importing it again updates that partnership
/// (with `--force`) rather than doubling it.
fn same_partnerships(catalogue: &Catalogue, projects: &mut [Project], notes: &mut Vec<Text>) {
    for p in projects {
        let found = catalogue.partnerships.iter().find(|existing| {
            existing
                .project_ref
                .as_deref()
                .is_some_and(|r| r.trim().eq_ignore_ascii_case(&p.identifier))
        });
        if let Some(existing) = found.filter(|e| e.key != p.key) {
            let (id, key) = (&p.identifier, &existing.key);
            notes.push(text!(
                "the project `{id}` is the site's partnership `{key}` (same `project_ref`)",
                "le projet `{id}` est le partenariat `{key}` du site (même `project_ref`)"
            ));
            p.key = key.clone();
        }
    }
}

/// The taxonomy files with the themes and programmes added.
fn taxonomy_files(
    root: &Path,
    terms: &terms::Terms,
    file: &Path,
    notes: &mut Vec<Text>,
) -> Vec<Planned> {
    let themes: std::collections::BTreeMap<String, (String, String)> = terms
        .new_themes
        .iter()
        .map(|(id, label)| (id.clone(), (label.clone(), label.clone())))
        .collect();
    for (id, label) in &terms.new_themes {
        notes.push(text!(
            "new theme `{id}` ({label}): translate its French label in `content/taxonomies/themes.yaml`",
            "nouvelle thématique `{id}` ({label}) : traduisez son libellé français dans `content/taxonomies/themes.yaml`"
        ));
    }
    let mut out = Vec::new();
    for (name, added) in [("themes", &themes), ("programmes", &terms.new_programmes)] {
        if added.is_empty() {
            continue;
        }
        let rel = PathBuf::from(format!("content/taxonomies/{name}.yaml"));
        let existing = std::fs::read_to_string(root.join(&rel)).ok();
        out.push(Planned {
            text: terms::taxonomy_text(existing.as_deref(), added),
            rel,
            source: file.to_path_buf(),
            row: 1,
            key: None,
        });
    }
    out
}

fn duplicate(file: &Path, p: &Project, first: usize) -> Diagnostic {
    let id = &p.identifier;
    at(file, p).diagnostic(
        text!(
            "the project `{id}` is also on row {first}",
            "le projet `{id}` figure aussi à la ligne {first}"
        ),
        Some(text!(
            "keep one row per project",
            "gardez une ligne par projet"
        )),
    )
}

fn no_theme(file: &Path, p: &Project) -> Diagnostic {
    let id = &p.identifier;
    let at = match p.topics_origin.column {
        Some(column) => {
            super::locate::CellRef::new(file, p.origin.row).column(column, p.topics_header)
        }
        None => at(file, p),
    };
    at.diagnostic(
        text!(
            "the project `{id}` has no topic that matches a theme of the site",
            "le projet `{id}` n'a aucun sujet qui corresponde à une thématique du site"
        ),
        Some(text!(
            "run the import with `--add-themes` to add its topics as themes, or with `--theme ID` to give every project one of the site's themes",
            "relancez l'import avec `--add-themes` pour ajouter ses sujets comme thématiques, ou avec `--theme ID` pour donner à chaque projet une thématique du site"
        )),
    )
}

fn at<'a>(file: &'a Path, p: &Project) -> super::locate::CellRef<'a> {
    let at = super::locate::CellRef::new(file, p.origin.row);
    match p.origin.column {
        Some(column) => at.column(column, p.id_header),
        None => at,
    }
}
