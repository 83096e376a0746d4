//! The output folder updated in place, when it cannot be swapped (see
//! [`super::update`]): a page whose bytes did not change
//! is not written again, a changed page is written beside its old version
//! and renamed over it at the end, and the files of the last build that
//! this one did not make are removed at the end.
//!
//! A rebuild after a small edit thus writes a few files and deletes none,
//! unchanged files keep their dates (an upload by `rsync` or FTP sends only
//! what changed), and a build that fails takes back everything it did:
//! the new files, the new folders and the waiting versions.
//!
//! The marker file lists the files the build wrote; the next build removes
//! those it does not make again, and leaves alone the files put in the
//! folder by hand. When there is no list (a folder given with `--force`,
//! or written by a version before 0.2), everything the build did not make
//! is removed. After an interrupted build, what that build left (new
//! versions waiting, files it made) is removed too.
//!
//! Links are never followed: a link where a folder or file is expected is
//! replaced at the end, like a stale file, and what it points to is left
//! alone.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::error::{io_error, OutputError};
use super::files::{compare, folders_of, remove_stale, waiting, write_new, Found, WAITING};
use super::marker::{marker_text, read_marker, Stamp, MARKER};
use super::sink::Sink;
use super::target::remove_siblings_of_older_versions;
/// A file present while a build writes the folder: when a build finds it,
/// the one before was interrupted, and the list of its files is not to be
/// trusted.
pub(super) const UNFINISHED: &str = ".passerelle-unfinished";

/// The output folder, written in place; see the module's documentation.
pub struct InPlace {
    output: PathBuf,
    /// The files of the last build, from the marker; `None`: unknown.
    previous: Option<Vec<String>>,
    /// When an interrupted build started, if the last one was.
    interrupted: Option<std::time::SystemTime>,
    /// Whether this build made the output folder itself.
    made_output: bool,
    /// Whether the folder was empty: nothing to compare, nothing stale.
    empty: bool,
    written: Mutex<HashSet<String>>,
    /// The size and hash of each file written, for the marker.
    stamps: Mutex<HashMap<String, Stamp>>,
    /// Folders known to be real folders (not links) inside the output.
    folders: Mutex<HashSet<PathBuf>>,
    /// What to take back if the build fails: new folders and files.
    new_folders: Mutex<Vec<PathBuf>>,
    new_files: Mutex<Vec<PathBuf>>,
    /// Changed files, whose new version waits beside them.
    changed: Mutex<Vec<PathBuf>>,
    /// Files that something of the last build stands in the way of (a
    /// file where a folder is needed, a link): written at the end.
    blocked: Mutex<Vec<(String, Vec<u8>)>>,
    /// The first write error; the others would repeat it.
    error: Mutex<Option<OutputError>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl InPlace {
    /// Prepares `output` (a folder [`super::check_target`] accepted) for a
    /// build, creating it when missing.
    pub fn create(output: &Path) -> Result<InPlace, OutputError> {
        remove_siblings_of_older_versions(output)?;
        let made_output = !output.exists();
        fs::create_dir_all(output).map_err(io_error(output))?;
        let empty = fs::read_dir(output)
            .map_err(io_error(output))?
            .next()
            .is_none();
        let unfinished = output.join(UNFINISHED);
        // The mark of an interrupted build is kept with its date, the
        // start of the first build whose files may be left.
        let interrupted = fs::symlink_metadata(&unfinished)
            .ok()
            .map(|m| m.modified().unwrap_or(std::time::UNIX_EPOCH));
        if interrupted.is_none() {
            fs::write(&unfinished, b"").map_err(io_error(&unfinished))?;
        }
        Ok(InPlace {
            output: output.to_path_buf(),
            previous: read_marker(output).map(|files| files.into_keys().collect()),
            interrupted,
            made_output,
            empty,
            written: Mutex::default(),
            stamps: Mutex::default(),
            folders: Mutex::new(HashSet::from_iter([output.to_path_buf()])),
            new_folders: Mutex::default(),
            new_files: Mutex::default(),
            changed: Mutex::default(),
            blocked: Mutex::default(),
            error: Mutex::default(),
        })
    }

    /// How many files the build made.
    pub fn count(&self) -> usize {
        lock(&self.written).len()
    }

    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let path = self.output.join(rel);
        let parent = path.parent().unwrap_or(&self.output);
        if !self.real_folder(parent)? {
            lock(&self.blocked).push((rel.to_string(), bytes.to_vec()));
            return Ok(());
        }
        let found = match self.empty {
            true => Found::Missing,
            false => compare(&path, bytes),
        };
        match found {
            Found::Same(_) => Ok(()),
            Found::Missing => {
                write_new(&path, bytes)?;
                lock(&self.new_files).push(path);
                Ok(())
            }
            Found::Different | Found::InTheWay => {
                write_new(&waiting(&path), bytes)?;
                lock(&self.changed).push(path);
                Ok(())
            }
        }
    }

    /// Makes sure `folder` is a real folder inside the output, creating it
    /// and its parents when missing. `false`: a file or a link of the last
    /// build is in the way.
    fn real_folder(&self, folder: &Path) -> Result<bool, OutputError> {
        if lock(&self.folders).contains(folder) {
            return Ok(true);
        }
        let parent = folder.parent().unwrap_or(&self.output);
        if !self.real_folder(parent)? {
            return Ok(false);
        }
        // In a folder that was empty, a folder is made or being made.
        let found = match self.empty {
            true => Err(io::ErrorKind::NotFound.into()),
            false => fs::symlink_metadata(folder),
        };
        match found {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => return Ok(false),
            Err(e) if e.kind() == io::ErrorKind::NotFound => match fs::create_dir(folder) {
                Ok(()) => lock(&self.new_folders).push(folder.to_path_buf()),
                // Made by another thread at the same time.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(io_error(folder)(e)),
            },
            Err(e) => return Err(io_error(folder)(e)),
        }
        lock(&self.folders).insert(folder.to_path_buf());
        Ok(true)
    }

    /// Puts the changed files in place, writes the blocked ones, removes
    /// what the last build made and this one did not, and lists the files.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let error = lock(&self.error).take();
        if let Some(error) = error {
            self.abandon();
            return Err(error);
        }
        let changed = std::mem::take(&mut *lock(&self.changed));
        changed.par_iter().try_for_each(|path| replace(path))?;
        let written = std::mem::take(&mut *lock(&self.written));
        let needed = folders_of(&written);
        let stale = self.stale(&written, &needed);
        remove_stale(&self.output, &stale, &needed)?;
        for (rel, bytes) in std::mem::take(&mut *lock(&self.blocked)) {
            write_blocked(&self.output, &rel, &bytes)?;
        }
        let marker = marker_text(&lock(&self.stamps), None);
        let path = self.output.join(MARKER);
        if !matches!(compare(&path, marker.as_bytes()), Found::Same(_)) {
            fs::write(&path, marker).map_err(io_error(&path))?;
        }
        let unfinished = self.output.join(UNFINISHED);
        fs::remove_file(&unfinished).map_err(io_error(&unfinished))
    }

    /// What the last build made and this one did not: from the last
    /// build's list, from the whole folder without one, and with what an
    /// interrupted build left (new versions waiting, files made since it
    /// started).
    fn stale(&mut self, written: &HashSet<String>, needed: &HashSet<&str>) -> Vec<String> {
        if self.empty {
            return Vec::new();
        }
        let Some(previous) = self.previous.take() else {
            return stale_in_folder(&self.output, written, needed, |_, _| true);
        };
        let mut stale = stale_in_list(previous, written);
        if let Some(since) = self.interrupted {
            let left = |entry: &walkdir::DirEntry, rel: &str| {
                rel.ends_with(WAITING)
                    || entry
                        .metadata()
                        .ok()
                        .and_then(|m| m.modified().ok())
                        .is_some_and(|t| t >= since)
            };
            stale.extend(stale_in_folder(&self.output, written, needed, left));
            stale.sort_unstable();
            stale.dedup();
        }
        stale
    }

    /// Takes back what the build did: the output is as it was before.
    pub fn abandon(self) {
        if self.made_output {
            let _ = fs::remove_dir_all(&self.output);
            return;
        }
        for path in lock(&self.changed).iter() {
            let _ = fs::remove_file(waiting(path));
        }
        for path in lock(&self.new_files).iter() {
            let _ = fs::remove_file(path);
        }
        for folder in lock(&self.new_folders).iter().rev() {
            let _ = fs::remove_dir(folder);
        }
        let _ = fs::remove_file(self.output.join(UNFINISHED));
    }
}

impl Sink for InPlace {
    fn put(&self, path: String, bytes: Vec<u8>) {
        match self.write(&path, &bytes) {
            Ok(()) => {
                lock(&self.stamps).insert(path.clone(), Stamp::of(&bytes));
                lock(&self.written).insert(path);
            }
            Err(e) => {
                lock(&self.error).get_or_insert(e);
            }
        }
    }
}

/// Renames a changed file's new version over the old one or whatever
/// else is there (a folder in the way is removed first).
fn replace(path: &Path) -> Result<(), OutputError> {
    let new = waiting(path);
    if fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        fs::remove_dir_all(path).map_err(io_error(path))?;
    }
    fs::rename(&new, path).map_err(io_error(path))
}

/// Writes a file whose place was taken by a file or link of the last
/// build, now removed.
fn write_blocked(output: &Path, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
    let mut at = output.to_path_buf();
    for part in Path::new(rel)
        .parent()
        .into_iter()
        .flat_map(Path::components)
    {
        at.push(part);
        match fs::symlink_metadata(&at) {
            Ok(meta) if meta.is_dir() => continue,
            Ok(_) => fs::remove_file(&at).map_err(io_error(&at))?,
            Err(_) => {}
        }
        fs::create_dir(&at).map_err(io_error(&at))?;
    }
    let path = output.join(rel);
    write_new(&waiting(&path), bytes)?;
    replace(&path)
}

/// The files of the last build this one did not write.
fn stale_in_list(previous: Vec<String>, written: &HashSet<String>) -> Vec<String> {
    previous
        .into_iter()
        .filter(|f| !written.contains(f) && f != MARKER)
        .collect()
}

/// The entries of the folder this build did not write that `ours` says
/// a build made (links not followed), a folder that holds no written file
/// as a whole when all of it is.
fn stale_in_folder(
    output: &Path,
    written: &HashSet<String>,
    needed: &HashSet<&str>,
    ours: impl Fn(&walkdir::DirEntry, &str) -> bool,
) -> Vec<String> {
    let mut stale = Vec::new();
    let mut walk = walkdir::WalkDir::new(output).min_depth(1).into_iter();
    while let Some(next) = walk.next() {
        let Ok(entry) = next else { continue };
        let Ok(rel) = entry.path().strip_prefix(output) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if entry.file_type().is_dir() {
            if !needed.contains(rel.as_str()) && ours(&entry, &rel) {
                stale.push(rel);
                walk.skip_current_dir();
            }
        } else if !written.contains(&rel)
            && rel != MARKER
            && rel != UNFINISHED
            && ours(&entry, &rel)
        {
            stale.push(rel);
        }
    }
    stale
}
