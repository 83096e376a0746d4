//! `passerelle export` and `passerelle import`: what they print and where
//! they write; the work is `transfer`'s.

use std::io::Write;
use std::path::Path;

use super::reporter::Reporter;
use crate::text;
use crate::transfer::{self, Format};

/// `passerelle export`: the catalogue to standard output or to a file
/// (written to a temporary file, then renamed over it), never into the
/// site's own content.
pub(super) fn export(
    reporter: Reporter,
    root: &Path,
    format: Option<Format>,
    output: Option<&Path>,
    delimiter: char,
) -> i32 {
    let format = format.unwrap_or_else(|| output.map_or(Format::Csv, Format::of));
    if let Some(path) = output {
        if let Err(message) = transfer::check_output(root, path) {
            reporter.fatal(&message);
            reporter.say(&text!(
                "Write the spreadsheet outside the site's folders, for example `--output ../partnerships.xlsx`.",
                "Écrivez le tableau hors des dossiers du site, par exemple `--output ../partenariats.xlsx`."
            ));
            return 1;
        }
    } else if format == Format::Xlsx {
        reporter.fatal(&text!(
            "a workbook is a file: give its name with `--output`, for example `--output partnerships.xlsx`",
            "un classeur est un fichier : donnez son nom avec `--output`, par exemple `--output partenariats.xlsx`"
        ));
        return 2;
    }
    let (bytes, diagnostics) = transfer::export(root, format, delimiter);
    let Some(bytes) = bytes else {
        reporter.report(&diagnostics);
        reporter.say(&text!(
            "Nothing was exported: the content has errors.",
            "Rien n'a été exporté : le contenu a des erreurs."
        ));
        return 1;
    };
    let Some(path) = output else {
        let mut stdout = std::io::stdout().lock();
        return i32::from(
            stdout
                .write_all(&bytes)
                .and_then(|()| stdout.flush())
                .is_err(),
        );
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = path.with_file_name(format!(".{name}.passerelle-export"));
    let written =
        std::fs::write(&temporary, &bytes).and_then(|()| std::fs::rename(&temporary, path));
    let shown = path.display();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temporary);
        reporter.fatal(&text!(
            "cannot write `{shown}`: {e}",
            "impossible d'écrire `{shown}` : {e}"
        ));
        return 1;
    }
    reporter.say(&text!(
        "Exported the partnerships to `{shown}`.",
        "Partenariats exportés dans `{shown}`."
    ));
    0
}

/// `passerelle import`: every problem of the spreadsheet, or the files
/// created, updated or left unchanged (only listed with `--dry-run`,
/// with each value read in another form than it was written).
pub(super) fn import(
    reporter: Reporter,
    root: &Path,
    file: &Path,
    options: &transfer::ImportOptions,
    dry_run: bool,
) -> i32 {
    let outcome = transfer::plan_import(root, file, options);
    if let Some(read_as) = &outcome.read_as {
        reporter.say(&read_as.clone());
    }
    if dry_run {
        for note in &outcome.notes {
            println!("{}", note.get(reporter.lang));
        }
    }
    reporter.report(&outcome.diagnostics);
    let Some(plan) = outcome.plan else {
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
    for change in &plan.changes {
        let verb = change.action.verb(!dry_run);
        let path = crate::diagnostics::display_path(&change.path);
        println!("{} {path}", verb.get(reporter.lang));
    }
    let (rows, files) = (plan.partnerships, plan.changes.len());
    let written = plan
        .changes
        .iter()
        .filter(|c| c.action != transfer::Action::Unchanged)
        .count();
    let normalised = outcome.notes.len();
    reporter.say(&if dry_run {
        text!(
            "Dry run: {rows} partnership(s) checked, {normalised} value(s) read in another form, {written} of {files} file(s) would change; nothing was written.",
            "Essai à blanc : {rows} partenariat(s) vérifié(s), {normalised} valeur(s) lue(s) sous une autre forme, {written} fichier(s) sur {files} changerai(en)t ; rien n'a été écrit."
        )
    } else {
        text!(
            "Imported {rows} partnership(s): {written} of {files} file(s) changed.",
            "{rows} partenariat(s) importé(s) : {written} fichier(s) sur {files} modifié(s)."
        )
    });
    0
}
