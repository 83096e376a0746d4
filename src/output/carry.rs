//! The files put into the output folder by hand (`CNAME`, `.htaccess`,
//! `.well-known/`, a search engine's verification page) taken into the
//! new site before it replaces the previous one.
//!
//! A file is the previous build's when its marker lists it; everything
//! else is someone's, and is hard-linked into the new site (links are
//! copied as links, never followed), unless the new build makes a file or
//! a folder at its place, which wins. What a build of an older version
//! left when it was interrupted (its mark, new versions waiting, files
//! made since it started) is not taken.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::Path;
use std::time::SystemTime;

use super::error::{io_error, OutputError};
use super::marker::MARKER;

/// Left in the output by the in-place builds of passerelle 0.1 while they
/// ran: a changed file's new version, and the mark of an unfinished build.
const WAITING: &str = ".passerelle-new";
const UNFINISHED: &str = ".passerelle-unfinished";

/// Links into `staging` the entries of `output` that neither the previous
/// build (`listed`) nor this one (`written`) made.
pub(super) fn carry_hand_placed(
    output: &Path,
    staging: &Path,
    listed: &HashMap<String, u64>,
    written: &HashMap<String, u64>,
) -> Result<(), OutputError> {
    let needed = folders_of(written.keys());
    let old_folders = folders_of(listed.keys());
    let since = fs::symlink_metadata(output.join(UNFINISHED))
        .ok()
        .map(|m| m.modified().unwrap_or(SystemTime::UNIX_EPOCH));
    let mut walk = walkdir::WalkDir::new(output).min_depth(1).into_iter();
    while let Some(next) = walk.next() {
        let Ok(entry) = next else { continue };
        let Ok(rel) = entry.path().strip_prefix(output) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let kind = entry.file_type();
        let left_by_interrupted = rel == MARKER
            || rel == UNFINISHED
            || rel.ends_with(WAITING)
            || since.is_some_and(|since| {
                let modified = entry.metadata().ok().and_then(|m| m.modified().ok());
                modified.is_some_and(|t| t >= since)
            });
        // The new build's own file or folder wins over what was there.
        let taken = written.contains_key(&rel) || (!kind.is_dir() && needed.contains(rel.as_str()));
        if left_by_interrupted || taken {
            if kind.is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        let to = staging.join(&rel);
        if kind.is_dir() {
            // A folder of the previous build is made again only if it holds
            // a file put by hand; any other folder is kept, even empty.
            if !needed.contains(rel.as_str()) && !old_folders.contains(rel.as_str()) {
                fs::create_dir_all(&to).map_err(io_error(&to))?;
            }
            continue;
        }
        if listed.contains_key(&rel) {
            continue;
        }
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        let from = entry.path();
        let copied = if kind.is_symlink() {
            fs::read_link(from).and_then(|target| symlink(&target, &to))
        } else if kind.is_file() {
            link(from, &to).or_else(|_| fs::copy(from, &to).map(drop))
        } else {
            Ok(())
        };
        copied.map_err(io_error(&to))?;
    }
    Ok(())
}

/// Links the file `from` of the previous output at `to`, replacing a file
/// put there before (a path put twice).
pub(super) fn link(from: &Path, to: &Path) -> io::Result<()> {
    match fs::hard_link(from, to) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(to)?;
            fs::hard_link(from, to)
        }
        other => other,
    }
}

#[cfg(unix)]
fn symlink(target: &Path, at: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, at)
}

#[cfg(not(unix))]
fn symlink(_: &Path, _: &Path) -> std::io::Result<()> {
    Ok(())
}

/// The folders that hold the given files, and their parents.
pub(super) fn folders_of<'a>(files: impl Iterator<Item = &'a String>) -> HashSet<&'a str> {
    let mut folders = HashSet::new();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folders_of_written_files_include_their_parents() {
        let written: Vec<String> = ["a/b/c.html", "a/d.html", "e.html"]
            .map(String::from)
            .into();
        let mut folders: Vec<&str> = folders_of(written.iter()).into_iter().collect();
        folders.sort();
        assert_eq!(folders, ["a", "a/b"]);
    }
}
