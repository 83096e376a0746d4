//! Choosing the output folder: which folders may be written, and the
//! marker that says a folder is passerelle's output.

use std::fs;
use std::path::{Path, PathBuf};

use super::error::{io_error, OutputError};
use crate::text;

/// The file that marks a folder as passerelle's output.
pub const MARKER: &str = ".passerelle-output";

/// The output folder as an absolute path with `.` and `..` applied and the
/// links of its existing part resolved: the folder that is checked is the
/// folder that is written, even through a folder that does not exist yet
/// (`missing/../content` is `content`).
pub fn resolve_path(path: &Path) -> Result<PathBuf, OutputError> {
    use std::path::Component;
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_err(io_error(path))?.join(path)
    };
    let mut normal = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    let mut existing = normal.clone();
    let mut missing = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => {
                missing.push(name.to_os_string());
                existing.pop();
            }
            None => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in missing.iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

/// Refuses an output folder that would destroy something: the site itself,
/// a folder holding a site, or a non-empty folder passerelle did not create.
/// Returns the folder to write ([`resolve_path`]).
pub fn check_target(root: &Path, output: &Path, force: bool) -> Result<PathBuf, OutputError> {
    let shown = output.display();
    let canonical_root = root.canonicalize().map_err(io_error(root))?;
    let canonical_out = resolve_path(output)?;
    if canonical_out == canonical_root || canonical_root.starts_with(&canonical_out) {
        return Err(OutputError::Refused(text!(
            "refusing to write the site into `{shown}`: it is the site's folder or one of its parents",
            "refus d'écrire le site dans `{shown}` : c'est le dossier du site ou l'un de ses parents"
        )));
    }
    // Even with --force: the output is replaced whole at every build.
    for folder in ["content", "themes"] {
        if canonical_out.starts_with(canonical_root.join(folder)) {
            return Err(OutputError::Refused(text!(
                "refusing to write the site into `{shown}`: it is inside the site's `{folder}/` folder",
                "refus d'écrire le site dans `{shown}` : il est dans le dossier `{folder}/` du site"
            )));
        }
    }
    if !canonical_out.exists() {
        return Ok(canonical_out);
    }
    if !canonical_out.is_dir() {
        return Err(OutputError::Refused(text!(
            "`{shown}` exists and is not a folder",
            "`{shown}` existe et n'est pas un dossier"
        )));
    }
    if canonical_out.join("content").exists() || canonical_out.join("site.yaml").exists() {
        return Err(OutputError::Refused(text!(
            "refusing to replace `{shown}`: it holds a `content/` folder or a `site.yaml`, like a site",
            "refus de remplacer `{shown}` : il contient un dossier `content/` ou un `site.yaml`, comme un site"
        )));
    }
    let empty = fs::read_dir(&canonical_out)
        .map_err(io_error(&canonical_out))?
        .next()
        .is_none();
    if !empty && !canonical_out.join(MARKER).exists() && !force {
        return Err(OutputError::Refused(text!(
            "refusing to replace `{shown}`: it is not empty and was not written by passerelle; choose another folder with `--output`, or add `--force` to replace it (everything in it will be deleted)",
            "refus de remplacer `{shown}` : il n'est pas vide et n'a pas été écrit par passerelle ; choisissez un autre dossier avec `--output`, ou ajoutez `--force` pour le remplacer (tout son contenu sera supprimé)"
        )));
    }
    Ok(canonical_out)
}

/// Removes the staging and previous-output folders that earlier versions
/// of `build` wrote beside the output folder and could leave behind when
/// interrupted; only ever a folder whose name passerelle chose (links in
/// it are removed, never followed).
pub(crate) fn remove_siblings_of_older_versions(output: &Path) -> Result<(), OutputError> {
    let (Some(parent), Some(name)) = (output.parent(), output.file_name()) else {
        return Ok(());
    };
    let name = name.to_string_lossy();
    for kind in ["staging", "previous"] {
        let left = parent.join(format!(".{name}.passerelle-{kind}"));
        if fs::symlink_metadata(&left).is_ok() {
            fs::remove_dir_all(&left).map_err(io_error(&left))?;
        }
    }
    Ok(())
}
