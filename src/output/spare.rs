//! The output folder replaced whole, in one step, at the end of a build.
//!
//! Beside the output (`public/`) passerelle keeps a second folder of its
//! own, `.public.passerelle-spare/`, that holds the build before the last
//! one. A build updates the spare folder in place: a file whose bytes are
//! already there is not written again, and a file whose new bytes are
//! those of the output's copy becomes a hard link to that copy (same file,
//! same date: an upload by `rsync` or FTP sends only what changed). Then
//! the entries put into the output by hand are linked in, what the new
//! site does not have is removed, the marker is written last, and the two
//! folders are swapped in one step ([`super::swap`]): the output is the new
//! site, the spare folder the previous one.
//!
//! So at every instant the output folder is the whole previous site or
//! the whole new one, whatever stops the build (an error, a full disk,
//! `kill -9`), and no file of either is ever written into: a changed file
//! is a new file, so the two folders can share the files that did not
//! change. The spare folder is modified only when it is passerelle's: its
//! marker, its mark (written before anything else is done in it, and
//! while a build works in it), or made by this build. An interrupted
//! build's leftovers in it are removed by the next one.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::carry::{self, same_file, Hand, Made};
use super::error::{io_error, OutputError};
use super::files::{compare, folders_of, read_sized, remove_entry, remove_stale, write_new, Found};
use super::inplace::InPlace;
use super::marker::{close_listing, file_listing, has_spare_mark, read_full, spare_mark_text};
use super::marker::{Kind, Marker, Stamp};
use super::marker::{MARKER, SPARE_MARK};
use super::sink::Sink;
use super::swap;
use super::target::{remove_siblings_of_older_versions, sibling};
use crate::diagnostics::Text;
use crate::text;

/// A build written into the spare folder; see the module's documentation.
pub struct Spare {
    output: PathBuf,
    spare: PathBuf,
    /// Whether the output folder exists (swapped) or not (renamed into).
    exists: bool,
    /// Whether it holds entries: files to link, entries put by hand.
    full: bool,
    /// The output's marker (`None`: nothing of the folder is kept).
    marker: Option<Marker>,
    /// When the output's marker last changed: a file of the output that
    /// has not changed since holds the bytes the marker's hash says.
    marker_changed: Option<(i64, i64)>,
    /// What the spare folder holds, when its lists are to be trusted.
    listed: Option<Vec<String>>,
    /// Made by this build: nothing in it to compare or remove.
    fresh: bool,
    written: Mutex<HashMap<String, Stamp>>,
    /// Folders known to be real folders in the spare folder.
    folders: Mutex<HashSet<PathBuf>>,
    /// The first write error; the others would repeat it.
    error: Mutex<Option<OutputError>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Spare {
    /// Prepares a build into `output` through its spare folder; `Ok(Err)`:
    /// the folders cannot be swapped, and why.
    pub fn create(output: &Path) -> Result<Result<Spare, Text>, OutputError> {
        let spare = sibling(output, "spare");
        let (Some(parent), Some(_)) = (output.parent(), output.file_name()) else {
            return Ok(Err(cannot_swap(output, &spare, "no parent folder")));
        };
        swap::recover(&spare, output, &sibling(output, "previous")).map_err(io_error(output))?;
        remove_siblings_of_older_versions(output)?;
        if let Err(e) = fs::create_dir_all(parent) {
            return Ok(Err(cannot_swap(output, &spare, &e.to_string())));
        }
        let exists = fs::symlink_metadata(output).is_ok_and(|m| m.is_dir());
        if exists && mount_point(output, parent) {
            return Ok(Err(cannot_swap(output, &spare, "it is a mount point")));
        }
        let full = exists
            && fs::read_dir(output)
                .map_err(io_error(output))?
                .next()
                .is_some();
        // The two markers, long lists on a large site, read side by side.
        let (marker, own) = rayon::join(
            || full.then(|| read_full(output)).flatten(),
            || read_full(&spare),
        );
        let fresh = match fs::symlink_metadata(&spare) {
            Ok(meta) if meta.is_dir() && (own.is_some() || ours(&spare)?) => false,
            Ok(_) => return Err(not_ours(&spare)),
            Err(_) => match fs::create_dir(&spare) {
                Ok(()) => true,
                Err(e) => return Ok(Err(cannot_swap(output, &spare, &e.to_string()))),
            },
        };
        let interrupted = has_spare_mark(&spare);
        if !interrupted {
            let mark = spare.join(SPARE_MARK);
            write_new(&mark, spare_mark_text().as_bytes())?;
        }
        let marker_changed = marker
            .as_ref()
            .and_then(|_| fs::symlink_metadata(output.join(MARKER)).ok())
            .and_then(|meta| carry::changed_at(&meta));
        let own = own.filter(|_| !fresh && !interrupted);
        let listed = listed(own, marker.as_ref());
        Ok(Ok(Spare {
            output: output.to_path_buf(),
            folders: Mutex::new(HashSet::from_iter([spare.clone()])),
            spare,
            exists,
            full,
            marker,
            marker_changed,
            listed,
            fresh,
            written: Mutex::default(),
            error: Mutex::default(),
        }))
    }

    /// How many files the build made.
    pub fn count(&self) -> usize {
        lock(&self.written).len()
    }

    fn write(&self, rel: &str, bytes: &[u8], stamp: Stamp) -> Result<(), OutputError> {
        let path = self.spare.join(rel);
        self.folder(path.parent().unwrap_or(&self.spare))?;
        let old = self.output.join(rel);
        let public = self.public(&old);
        if let Some(done) = self.link_vouched(rel, public.as_ref(), stamp) {
            return done;
        }
        let found = match self.fresh {
            true => Found::Missing,
            false => compare(&path, bytes),
        };
        let public_same = |public: &fs::Metadata| {
            public.is_file() && public.len() == bytes.len() as u64 && same_bytes(&old, bytes)
        };
        match found {
            Found::Same(meta) => match public {
                // The output's copy is this one, or there is none: the
                // file is already as it should be.
                None => Ok(()),
                Some(public) if same_file(&meta, &public) => Ok(()),
                Some(public) if public_same(&public) => take(&old, &path, bytes, &public),
                // The output's copy differs: this one must be newer.
                Some(public) if meta.modified().ok() > public.modified().ok() => Ok(()),
                Some(_) => write_new(&path, bytes),
            },
            Found::InTheWay | Found::Different | Found::Missing => {
                // A folder or a link in the way is removed first; a file
                // is replaced by `write_new` or `take`, and a fresh spare
                // folder holds nothing.
                if matches!(found, Found::InTheWay) {
                    if let Ok(meta) = fs::symlink_metadata(&path) {
                        remove_entry(&path, &meta)?;
                    }
                }
                match public {
                    Some(public) if public_same(&public) => take(&old, &path, bytes, &public),
                    _ => write_new(&path, bytes),
                }
            }
        }
    }

    /// The metadata of the output's file at `old`, when the output holds
    /// files.
    fn public(&self, old: &Path) -> Option<fs::Metadata> {
        match self.full {
            true => fs::symlink_metadata(old).ok(),
            false => None,
        }
    }

    /// Puts the output's file `rel`, of metadata `public`, in the spare
    /// folder (whose folder for it is made) when it is known to hold the
    /// bytes of `stamp` ([`Self::vouched`]): `None` when it is not, or
    /// cannot be linked, and the bytes are to be written.
    fn link_vouched(
        &self,
        rel: &str,
        public: Option<&fs::Metadata>,
        stamp: Stamp,
    ) -> Option<Result<(), OutputError>> {
        let public = public.filter(|p| self.vouched(rel, p, stamp))?;
        let path = self.spare.join(rel);
        let here = match self.fresh {
            true => None,
            false => fs::symlink_metadata(&path).ok(),
        };
        if let Some(here) = here {
            if same_file(&here, public) {
                return Some(Ok(()));
            }
            if let Err(e) = remove_entry(&path, &here) {
                return Some(Err(e));
            }
        }
        fs::hard_link(self.output.join(rel), &path)
            .is_ok()
            .then_some(Ok(()))
    }

    /// Whether the output's file `rel`, of metadata `public`, is known to
    /// hold the bytes of `stamp` without reading it: the output's marker
    /// gives it that size and hash, and the file has not changed since
    /// the marker was written (its status-change time, which no tool sets
    /// back, is older). Only where that time is the system's (Unix).
    fn vouched(&self, rel: &str, public: &fs::Metadata, stamp: Stamp) -> bool {
        let (Some(marker), Some(since)) = (&self.marker, self.marker_changed) else {
            return false;
        };
        cfg!(unix)
            && stamp.hash.is_some()
            && public.is_file()
            && public.len() == stamp.size
            && marker.files.get(rel) == Some(&stamp)
            && carry::changed_at(public).is_some_and(|at| at < since)
    }

    /// Makes sure `folder` is a real folder in the spare folder, creating
    /// it and its parents, and removing a file or link in the way.
    fn folder(&self, folder: &Path) -> Result<(), OutputError> {
        if lock(&self.folders).contains(folder) {
            return Ok(());
        }
        if let Some(parent) = folder.parent() {
            self.folder(parent)?;
        }
        let found = match self.fresh {
            true => None,
            false => fs::symlink_metadata(folder).ok(),
        };
        match found {
            Some(meta) if meta.is_dir() => {}
            found => {
                if found.is_some() {
                    match fs::remove_file(folder) {
                        Err(e) if e.kind() != io::ErrorKind::NotFound => {
                            return Err(io_error(folder)(e))
                        }
                        _ => {}
                    }
                }
                match fs::create_dir(folder) {
                    Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
                        return Err(io_error(folder)(e))
                    }
                    _ => {}
                }
            }
        }
        lock(&self.folders).insert(folder.to_path_buf());
        Ok(())
    }

    /// Completes the new site in the spare folder and swaps it in; returns
    /// a warning when the folders could not be swapped and the output was
    /// updated in place instead.
    pub fn commit(self) -> Result<Option<Text>, OutputError> {
        let error = lock(&self.error).take();
        if let Some(error) = error {
            self.abandon();
            return Err(error);
        }
        let written = std::mem::take(&mut *lock(&self.written));
        if let Err(e) = self.complete(&written) {
            self.abandon();
            return Err(e);
        }
        if !self.exists {
            return fs::rename(&self.spare, &self.output)
                .map(|()| None)
                .map_err(io_error(&self.output));
        }
        let through = sibling(&self.output, "previous");
        if let Err(e) = swap::exchange(&self.spare, &self.output, &through) {
            let warning = cannot_swap(&self.output, &self.spare, &e.to_string());
            apply_in_place(&self.spare, &self.output, &written)?;
            return Ok(Some(warning));
        }
        if self.marker.is_none() {
            // The previous output, now the spare folder, had no marker.
            write_new(&self.spare.join(SPARE_MARK), spare_mark_text().as_bytes())?;
        }
        Ok(None)
    }

    /// Takes in the entries put by hand, removes what the new site does not
    /// have, and writes the marker, last.
    fn complete(&self, written: &HashMap<String, Stamp>) -> Result<(), OutputError> {
        // The output is searched for entries put by hand while the new
        // site's folders and list are made.
        let ((folders, listing), found) = rayon::join(
            || rayon::join(|| folders_of(written.keys()), || file_listing(written)),
            || carry::found_by_hand(&self.output, self.marker.as_ref()),
        );
        let made = Made {
            files: written,
            folders: &folders,
        };
        let hand: Hand = carry::hand_placed(found?, &made);
        carry::take_into(&self.output, &self.spare, &hand)?;
        let hand_files = hand.iter().filter(|(_, k)| *k != Kind::Folder);
        let mut keep: HashSet<&str> = folders_of(hand_files.map(|(r, _)| r));
        keep.extend(folders.iter().copied());
        let hand_folders = hand.iter().filter(|(_, k)| *k == Kind::Folder);
        keep.extend(hand_folders.map(|(r, _)| r.as_str()));
        if !self.fresh {
            let listed = self
                .listed
                .as_ref()
                .map(|l| l.iter().map(String::as_str).collect());
            let stale = carry::stale_in_spare(&self.spare, listed, &made, &hand, &keep);
            remove_stale(&self.spare, &stale, &keep)?;
        }
        // Like a page: the output's marker, when it says the same, is
        // linked, and keeps its date.
        let marker = close_listing(listing, Some(&hand));
        self.write(MARKER, marker.as_bytes(), Stamp::of(marker.as_bytes()))?;
        let mark = self.spare.join(SPARE_MARK);
        match fs::remove_file(&mark) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(io_error(&mark)(e)),
            _ => Ok(()),
        }
    }

    /// Gives up the build: the output was not touched. A spare folder made
    /// by this build is removed; an older one keeps its mark, and the next
    /// build removes what this one left in it.
    pub fn abandon(self) {
        if self.fresh {
            let _ = fs::remove_dir_all(&self.spare);
        }
    }
}

impl Spare {
    /// Keeps the outcome of putting the file `path` of `stamp`.
    fn record(&self, path: String, stamp: Stamp, done: Result<(), OutputError>) {
        match done {
            Ok(()) => {
                lock(&self.written).insert(path, stamp);
            }
            Err(e) => {
                lock(&self.error).get_or_insert(e);
            }
        }
    }
}

impl Sink for Spare {
    fn put(&self, path: String, bytes: Vec<u8>) {
        let stamp = Stamp::of(&bytes);
        let done = self.write(&path, &bytes, stamp);
        self.record(path, stamp, done);
    }

    /// The output's copy, when the marker vouches for it, is linked
    /// without the bytes being read.
    fn put_known(&self, path: String, stamp: Stamp, bytes: &dyn Fn() -> Option<Vec<u8>>) {
        let old = self.output.join(&path);
        let public = self.public(&old);
        if public
            .as_ref()
            .is_some_and(|p| self.vouched(&path, p, stamp))
        {
            let spare = self.spare.join(&path);
            let linked = match self.folder(spare.parent().unwrap_or(&self.spare)) {
                Ok(()) => self.link_vouched(&path, public.as_ref(), stamp),
                Err(e) => Some(Err(e)),
            };
            if let Some(done) = linked {
                return self.record(path, stamp, done);
            }
        }
        if let Some(bytes) = bytes() {
            self.put(path, bytes);
        }
    }
}

/// What the spare folder holds, from its own marker and the output's,
/// when both list the entries put by hand (else it is not known).
fn listed(own: Option<Marker>, marker: Option<&Marker>) -> Option<Vec<String>> {
    let (own, hand) = (own?, marker?.hand.as_ref()?);
    let own_hand = own.hand?.into_iter();
    let hand = hand.iter().cloned().chain(own_hand).map(|(r, _)| r);
    Some(own.files.into_keys().chain(hand).collect())
}

/// Puts the output's file `old`, which holds `bytes`, at `path` in the
/// spare folder: a hard link, or where the file system has none, a copy
/// with the same date.
fn take(old: &Path, path: &Path, bytes: &[u8], public: &fs::Metadata) -> Result<(), OutputError> {
    if let Ok(meta) = fs::symlink_metadata(path) {
        remove_entry(path, &meta)?;
    }
    if fs::hard_link(old, path).is_ok() {
        return Ok(());
    }
    write_new(path, bytes)?;
    if let Ok(date) = public.modified() {
        let file = fs::File::options().write(true).open(path);
        let _ = file.and_then(|f| f.set_modified(date));
    }
    Ok(())
}

/// Whether the file at `path` holds `bytes` (its size already checked).
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    read_sized(path, bytes.len() as u64).is_ok_and(|old| old == bytes)
}

/// Whether the spare folder, which has no marker, is passerelle's: its
/// mark, or empty (made by a build stopped at once).
fn ours(spare: &Path) -> Result<bool, OutputError> {
    let empty = fs::read_dir(spare)
        .map_err(io_error(spare))?
        .next()
        .is_none();
    Ok(empty || has_spare_mark(spare))
}

#[cfg(unix)]
fn mount_point(output: &Path, parent: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let dev = |p: &Path| fs::symlink_metadata(p).map(|m| m.dev()).ok();
    dev(output) != dev(parent)
}

#[cfg(not(unix))]
fn mount_point(_: &Path, _: &Path) -> bool {
    false
}

/// Applies the new site, complete in the spare folder, to the output in
/// place: the way of a build that cannot swap the folders.
fn apply_in_place(
    spare: &Path,
    output: &Path,
    written: &HashMap<String, Stamp>,
) -> Result<(), OutputError> {
    let update = InPlace::create(output)?;
    let read = written.par_iter().try_for_each(|(rel, _)| {
        let path = spare.join(rel);
        let bytes = fs::read(&path).map_err(io_error(&path))?;
        update.put(rel.clone(), bytes);
        Ok(())
    });
    match read {
        Ok(()) => update.commit(),
        Err(e) => {
            update.abandon();
            Err(e)
        }
    }
}

fn not_ours(spare: &Path) -> OutputError {
    let shown = spare.display();
    OutputError::Refused(text!(
        "`{shown}` is in the way: passerelle keeps the previous build in a folder of this name beside the output folder, and this one is not passerelle's (no marker); move it elsewhere or delete it, then build again",
        "`{shown}` gêne : passerelle garde la construction précédente dans un dossier de ce nom à côté du dossier de sortie, et celui-ci n'est pas à passerelle (pas de marqueur) ; déplacez-le ailleurs ou supprimez-le, puis reconstruisez"
    ))
}

fn cannot_swap(output: &Path, spare: &Path, why: &str) -> Text {
    let (output, spare) = (output.display(), spare.display());
    text!(
        "`{output}` is updated in place, not replaced whole: the folder `{spare}` beside it cannot be used ({why}); a build stopped while it writes may leave a mix of two builds, which the next build repairs",
        "`{output}` est mis à jour sur place, pas remplacé d'un coup : le dossier `{spare}` à côté ne peut pas servir ({why}) ; une construction arrêtée pendant l'écriture peut laisser un mélange de deux constructions, que la suivante répare"
    )
}
