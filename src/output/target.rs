//! Choosing the output folder: which folders may be written, and the
//! marker that says a folder is passerelle's output.

use std::fs;
use std::path::{Path, PathBuf};

use super::error::{io_error, OutputError};
use super::marker::has_marker;
use crate::diagnostics::Text;
use crate::text;

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
    if let Some(refused) = system_folder(&canonical_out) {
        let Text { en, fr } = refused;
        return Err(OutputError::Refused(text!(
            "refusing to write the site into `{shown}`: it is {en}; choose a folder of its own with `--output`, such as `public` in the site's folder",
            "refus d'écrire le site dans `{shown}` : c'est {fr} ; choisissez un dossier à lui avec `--output`, comme `public` dans le dossier du site"
        )));
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
    if !empty && !force && !has_marker(&canonical_out) {
        return Err(OutputError::Refused(text!(
            "refusing to replace `{shown}`: it is not empty and was not written by passerelle; choose another folder with `--output`, or add `--force` to replace it (everything in it will be deleted)",
            "refus de remplacer `{shown}` : il n'est pas vide et n'a pas été écrit par passerelle ; choisissez un autre dossier avec `--output`, ou ajoutez `--force` pour le remplacer (tout son contenu sera supprimé)"
        )));
    }
    Ok(canonical_out)
}

/// Folders no build may replace, even with `--force`: the root, the home
/// folder and the folders that hold it, and the system's folders. Returns
/// what the folder is, in English and French words for the message.
fn system_folder(folder: &Path) -> Option<Text> {
    if folder.parent().is_none() {
        return Some(text!("the root of the disk", "la racine du disque"));
    }
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
        .map(|home| home.canonicalize().unwrap_or(home));
    if home.as_ref().is_some_and(|home| home.starts_with(folder)) {
        return Some(text!(
            "your home folder or a folder that holds it",
            "votre dossier personnel ou un dossier qui le contient"
        ));
    }
    const SYSTEM: [&str; 15] = [
        "/bin",
        "/boot",
        "/etc",
        "/lib",
        "/lib32",
        "/lib64",
        "/libx32",
        "/proc",
        "/run",
        "/sbin",
        "/sys",
        "/usr",
        "/System",
        "/Library",
        "/Applications",
    ];
    const TOP: [&str; 11] = [
        "/dev", "/home", "/root", "/Users", "/tmp", "/var", "/opt", "/srv", "/mnt", "/media",
        "/Volumes",
    ];
    let inside_system = SYSTEM.iter().any(|s| folder.starts_with(s));
    let top = TOP.iter().any(|s| folder == Path::new(s));
    let windows = cfg!(windows)
        && folder.components().nth(2).is_some_and(|c| {
            let name = c.as_os_str().to_string_lossy().to_lowercase();
            folder.components().count() <= 3
                && ["windows", "program files", "program files (x86)", "users"]
                    .contains(&name.as_str())
        });
    (inside_system || top || windows)
        .then(|| text!("a folder of the system", "un dossier du système"))
}

/// The folder beside the output folder where passerelle keeps the build
/// before the last one, and writes the next: `.public.passerelle-spare`
/// for `public`. It is outside the output: an upload of the output never
/// sees it.
pub fn spare_folder(output: &Path) -> PathBuf {
    sibling(output, "spare")
}

/// A folder beside `output` that passerelle names: `spare`, or
/// `previous`, the third name of a swap done in renames.
pub(crate) fn sibling(output: &Path, kind: &str) -> PathBuf {
    let name = output.file_name().unwrap_or_default().to_string_lossy();
    output.with_file_name(format!(".{name}.passerelle-{kind}"))
}

/// Removes the folders beside the output that an interrupted build left
/// and that no build needs any more (the staging folder of an earlier
/// version, a third name of a swap [`super::swap::recover`] did not take
/// back); only ever a folder whose name passerelle chose (links in it are
/// removed, never followed).
pub(crate) fn remove_siblings_of_older_versions(output: &Path) -> Result<(), OutputError> {
    if output.file_name().is_none() {
        return Ok(());
    }
    for kind in ["staging", "previous"] {
        let left = sibling(output, kind);
        if fs::symlink_metadata(&left).is_ok() {
            fs::remove_dir_all(&left).map_err(io_error(&left))?;
        }
    }
    Ok(())
}
