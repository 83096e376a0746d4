//! File operations shared by the two ways of writing the output folder
//! (the spare folder swapped in, [`super::spare`], and the update in place,
//! [`super::inplace`]): comparing a file with the bytes meant for it,
//! writing a new file, removing stale entries. None of them ever writes
//! into a file that exists: a file of one tree may be a hard link to the
//! same file in the other.

use rustc_hash::FxHashSet as HashSet;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::error::{io_error, OutputError};

/// Added to a file's name for its new version while it waits to be
/// renamed over the old one.
pub(super) const WAITING: &str = ".passerelle-new";

/// How a path of a folder compares with the bytes meant for it.
pub(super) enum Found {
    /// The same bytes; the file's metadata.
    Same(fs::Metadata),
    Different,
    Missing,
    /// A folder or a link.
    InTheWay,
}

/// Compares the file at `path` (never followed if a link) with `bytes`.
pub(super) fn compare(path: &Path, bytes: &[u8]) -> Found {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(_) => return Found::Missing,
    };
    if !meta.is_file() {
        return Found::InTheWay;
    }
    if meta.len() != bytes.len() as u64 {
        return Found::Different;
    }
    match read_sized(path, meta.len()) {
        Ok(old) if old == bytes => Found::Same(meta),
        _ => Found::Different,
    }
}

/// The bytes of the file at `path`, whose size is known to be `size`: read
/// without asking the file system its size again (a rebuild reads tens of
/// thousands of files), and one byte more at most, to see a file that grew.
pub(super) fn read_sized(path: &Path, size: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    fs::File::open(path)?
        .take(size.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Writes a file that must not exist yet: what is there (a file, a link)
/// is removed first, never written through.
pub(super) fn write_new(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let open = || {
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
    };
    let mut file = match open() {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(path).map_err(io_error(path))?;
            open()
        }
        other => other,
    }
    .map_err(io_error(path))?;
    file.write_all(bytes).map_err(io_error(path))
}

/// Removes the file, link or folder at `path`, of metadata `meta` (a link
/// is removed, never followed).
pub(super) fn remove_entry(path: &Path, meta: &fs::Metadata) -> Result<(), OutputError> {
    let removed = match meta.is_dir() {
        true => fs::remove_dir_all(path),
        false => fs::remove_file(path),
    };
    removed.map_err(io_error(path))
}

/// Where the new version of `path` waits.
pub(super) fn waiting(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(WAITING);
    PathBuf::from(name)
}

/// The folders that hold the given files, and their parents.
pub(super) fn folders_of<'a>(files: impl IntoIterator<Item = &'a String>) -> HashSet<&'a str> {
    let mut folders = HashSet::default();
    for rel in files {
        let mut end = rel.len();
        while let Some(slash) = rel[..end].rfind('/') {
            if !folders.insert(&rel[..slash]) {
                break;
            }
            end = slash;
        }
    }
    folders
}

/// Removes the stale entries, never through a link, then the folders they
/// leave empty that are not in `needed`.
pub(super) fn remove_stale(
    output: &Path,
    stale: &[String],
    needed: &HashSet<&str>,
) -> Result<(), OutputError> {
    stale.par_iter().try_for_each(|rel| {
        let path = output.join(rel);
        if !inside_without_links(output, &path) {
            return Ok(());
        }
        let removed = match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => fs::remove_dir_all(&path),
            Ok(_) => fs::remove_file(&path),
            Err(_) => Ok(()),
        };
        match removed {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(io_error(&path)(e)),
            _ => Ok(()),
        }
    })?;
    let mut emptied: Vec<&str> = stale
        .iter()
        .flat_map(|rel| {
            let ends = rel.match_indices('/').map(|(i, _)| i);
            ends.map(|i| &rel[..i]).collect::<Vec<_>>()
        })
        .filter(|folder| !needed.contains(folder))
        .collect();
    emptied.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    emptied.dedup();
    for folder in emptied {
        // Only when empty: a folder may hold files put there by hand.
        let _ = fs::remove_dir(output.join(folder));
    }
    Ok(())
}

/// Whether every folder between `output` and `path` is a real folder.
fn inside_without_links(output: &Path, path: &Path) -> bool {
    let mut at = path.parent();
    while let Some(folder) = at {
        if folder == output {
            return true;
        }
        if !fs::symlink_metadata(folder).is_ok_and(|m| m.is_dir()) {
            return false;
        }
        at = folder.parent();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folders_of_written_files_include_their_parents() {
        let written: HashSet<String> = ["a/b/c.html", "a/d.html", "e.html"]
            .map(String::from)
            .into_iter()
            .collect();
        let mut folders: Vec<&str> = folders_of(&written).into_iter().collect();
        folders.sort();
        assert_eq!(folders, ["a", "a/b"]);
    }
}
