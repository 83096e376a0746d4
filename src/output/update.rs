//! The output folder replaced whole, in one step, at the end of a build.
//!
//! The new site is written into a spare folder beside the output
//! (`.public.passerelle-staging` for `public/`): a file whose bytes did not
//! change is hard-linked from the previous output, not written again, so it
//! keeps its date (an upload by `rsync` or FTP sends only what changed).
//! When the site is complete, the files put into the output by hand are
//! linked into it too, the marker is written, and the two folders are
//! swapped in one step ([`super::swap`]); the previous output, now in the
//! spare folder, is then deleted.
//!
//! So at every instant the output folder is the whole previous site or
//! the whole new one, whatever stops the build (an error, a full disk,
//! `kill -9`); what a stopped build leaves beside the output is deleted
//! by the next one. Links in the previous output are never followed.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::carry::{carry_hand_placed, link};
use super::error::{io_error, OutputError};
use super::marker::{marker_text, read_marker, MARKER};
use super::sink::Sink;
use super::swap;
use super::target::{remove_siblings_of_older_versions, sibling};

/// The output folder, written beside and swapped in; see the module's
/// documentation.
pub struct Update {
    output: PathBuf,
    staging: PathBuf,
    /// Whether there is a previous output to compare with and keep files of.
    previous: bool,
    /// The files of the previous build, from its marker; `None`: unknown
    /// (a folder given with `--force`), and nothing of it is kept.
    listed: Option<HashMap<String, u64>>,
    /// The files made, with their sizes.
    written: Mutex<HashMap<String, u64>>,
    /// Folders made in the staging folder.
    folders: Mutex<HashSet<PathBuf>>,
    /// The first write error; the others would repeat it.
    error: Mutex<Option<OutputError>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Update {
    /// Prepares a build into `output` (a folder [`super::check_target`]
    /// accepted): what an interrupted build left beside it is deleted, and
    /// an empty staging folder is made.
    pub fn create(output: &Path) -> Result<Update, OutputError> {
        let spare = sibling(output, "previous");
        swap::recover(output, &spare).map_err(io_error(output))?;
        remove_siblings_of_older_versions(output)?;
        let staging = sibling(output, "staging");
        if let Some(parent) = output.parent() {
            fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        fs::create_dir(&staging).map_err(io_error(&staging))?;
        let previous = fs::symlink_metadata(output).is_ok_and(|m| m.is_dir())
            && fs::read_dir(output)
                .map_err(io_error(output))?
                .next()
                .is_some();
        Ok(Update {
            output: output.to_path_buf(),
            listed: previous.then(|| read_marker(output)).flatten(),
            previous,
            folders: Mutex::new(HashSet::from([staging.clone()])),
            staging,
            written: Mutex::default(),
            error: Mutex::default(),
        })
    }

    /// How many files the build made.
    pub fn count(&self) -> usize {
        lock(&self.written).len()
    }

    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let path = self.staging.join(rel);
        self.folder(path.parent().unwrap_or(&self.staging))?;
        let old = self.output.join(rel);
        if self.previous && same(&old, bytes) && link(&old, &path).is_ok() {
            return Ok(());
        }
        write_new(&path, bytes)
    }

    /// Makes `folder` and its parents in the staging folder.
    fn folder(&self, folder: &Path) -> Result<(), OutputError> {
        if lock(&self.folders).contains(folder) {
            return Ok(());
        }
        if let Some(parent) = folder.parent() {
            self.folder(parent)?;
        }
        match fs::create_dir(folder) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => Err(io_error(folder)(e)),
            _ => {
                lock(&self.folders).insert(folder.to_path_buf());
                Ok(())
            }
        }
    }

    /// Completes the new site (the files put by hand, the marker), swaps it
    /// in and deletes the previous one.
    pub fn commit(self) -> Result<(), OutputError> {
        let error = lock(&self.error).take();
        if let Some(error) = error {
            self.abandon();
            return Err(error);
        }
        match self.finish() {
            Ok(()) => Ok(()),
            Err(e) => {
                self.abandon();
                Err(e)
            }
        }
    }

    fn finish(&self) -> Result<(), OutputError> {
        let written = std::mem::take(&mut *lock(&self.written));
        if let Some(listed) = &self.listed {
            carry_hand_placed(&self.output, &self.staging, listed, &written)?;
        }
        let marker = self.staging.join(MARKER);
        let text = marker_text(&written);
        let old = self.output.join(MARKER);
        if !(same(&old, text.as_bytes()) && link(&old, &marker).is_ok()) {
            write_new(&marker, text.as_bytes())?;
        }
        if !self.previous {
            let _ = fs::remove_dir(&self.output);
            return fs::rename(&self.staging, &self.output).map_err(io_error(&self.output));
        }
        let spare = sibling(&self.output, "previous");
        swap::exchange(&self.staging, &self.output, &spare).map_err(io_error(&self.output))?;
        remove_tree(&self.staging)
    }

    /// Deletes what the build wrote: the output is as it was before.
    pub fn abandon(self) {
        let _ = remove_tree(&self.staging);
    }
}

impl Sink for Update {
    fn put(&self, path: String, bytes: Vec<u8>) {
        match self.write(&path, &bytes) {
            Ok(()) => {
                lock(&self.written).insert(path, bytes.len() as u64);
            }
            Err(e) => {
                lock(&self.error).get_or_insert(e);
            }
        }
    }
}

/// Whether the file at `path` (never followed if a link) holds `bytes`.
fn same(path: &Path, bytes: &[u8]) -> bool {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return false;
    };
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return false;
    }
    let mut old = Vec::with_capacity(bytes.len());
    let read = fs::File::open(path).and_then(|mut f| f.read_to_end(&mut old));
    read.is_ok() && old == bytes
}

/// Writes a new file (replacing one put there before: a path put twice).
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
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

/// Deletes a folder and everything in it (links removed, never followed),
/// its first-level folders in parallel.
fn remove_tree(folder: &Path) -> Result<(), OutputError> {
    let entries: Vec<PathBuf> = match fs::read_dir(folder) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_error(folder)(e)),
    };
    entries.par_iter().try_for_each(|path| {
        let removed = match fs::symlink_metadata(path) {
            Ok(meta) if meta.is_dir() => fs::remove_dir_all(path),
            _ => fs::remove_file(path),
        };
        removed.map_err(io_error(path))
    })?;
    fs::remove_dir(folder).map_err(io_error(folder))
}
