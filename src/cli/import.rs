//! `passerelle import`: its options, and the choice between passerelle's
//! own spreadsheet (`transfer`) and the Erasmus+ and CORDIS exports
//! (`transfer::eu`), recognised from the header row or named with
//! `--format`.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::diagnostics::{Diagnostics, MessageLang, Text};
use crate::text;
use crate::transfer::{self, eu};

/// How the command line prints (its `Reporter`).
pub trait Say {
    /// Every diagnostic, then a count.
    fn report(&self, diagnostics: &Diagnostics);
    /// A closing line for people.
    fn say(&self, message: &Text);
    /// A problem that stops the command.
    fn fatal(&self, message: &Text);
    fn lang(&self) -> MessageLang;
}

/// The options of `passerelle import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The spreadsheet: CSV UTF-8, or an Erasmus+ or CORDIS export as downloaded.
    pub file: PathBuf,
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Show what would be created or changed; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Replace the files of partnerships that already exist.
    #[arg(long)]
    pub force: bool,
    /// The character between cells; default: found from the header row.
    #[arg(long, value_parser = transfer::parse_delimiter)]
    pub delimiter: Option<char>,
    /// The kind of file; default: recognised from its header row.
    #[arg(long, value_enum)]
    pub format: Option<eu::ImportFormat>,
    /// Erasmus+ and CORDIS: keep only the projects in which this organisation takes part.
    #[arg(long)]
    pub institution: Option<String>,
    /// Erasmus+ and CORDIS: topics that match no theme become new themes.
    #[arg(long)]
    pub add_themes: bool,
    /// Erasmus+ and CORDIS: a theme (its id) given to every project.
    #[arg(long)]
    pub theme: Option<String>,
}

/// Runs the import the file calls for: `passerelle_import` for
/// passerelle's own spreadsheet.
pub fn run(
    reporter: &impl Say,
    args: ImportArgs,
    passerelle_import: impl FnOnce(&Path, &Path, &transfer::ImportOptions, bool) -> i32,
) -> i32 {
    let ImportArgs {
        file,
        root,
        dry_run,
        force,
        delimiter,
        format,
        institution,
        add_themes,
        theme,
    } = args;
    match eu::recognise(&file, format) {
        Some(format) => {
            let options = eu::EuOptions {
                force,
                institution,
                add_themes,
                theme,
            };
            import_eu(reporter, &root, &file, format, &options, dry_run)
        }
        None => {
            let options = transfer::ImportOptions { force, delimiter };
            passerelle_import(&root, &file, &options, dry_run)
        }
    }
}

/// An Erasmus+ or CORDIS export: every problem, or what was matched and
/// the files written (only listed with `--dry-run`).
fn import_eu(
    reporter: &impl Say,
    root: &Path,
    file: &Path,
    format: eu::ImportFormat,
    options: &eu::EuOptions,
    dry_run: bool,
) -> i32 {
    let (plan, diagnostics) = eu::plan_import(root, file, format, options);
    reporter.report(&diagnostics);
    let Some(plan) = plan else {
        reporter.say(&text!(
            "Nothing was imported: no file was written.",
            "Rien n'a été importé : aucun fichier n'a été écrit."
        ));
        return 1;
    };
    if !dry_run {
        if let Err(message) = plan.apply() {
            reporter.fatal(&message);
            return 1;
        }
    }
    for note in &plan.notes {
        println!("{}", note.get(reporter.lang()));
    }
    for change in &plan.changes {
        let verb = change.action.verb(!dry_run);
        let path = crate::diagnostics::display_path(&change.path);
        println!("{} {path}", verb.get(reporter.lang()));
    }
    let (projects, files) = (plan.projects, plan.changes.len());
    let written = plan
        .changes
        .iter()
        .filter(|c| c.action != transfer::Action::Unchanged)
        .count();
    reporter.say(&if dry_run {
        text!(
            "Dry run: {projects} project(s) checked, {written} of {files} file(s) would change; nothing was written.",
            "Essai à blanc : {projects} projet(s) vérifié(s), {written} fichier(s) sur {files} changerai(en)t ; rien n'a été écrit."
        )
    } else {
        text!(
            "Imported {projects} project(s): {written} of {files} file(s) changed.",
            "{projects} projet(s) importé(s) : {written} fichier(s) sur {files} modifié(s)."
        )
    });
    0
}
