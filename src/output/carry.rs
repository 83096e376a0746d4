//! The entries put into the output folder by hand (`CNAME`, `.htaccess`,
//! `.well-known/`, a search engine's verification page), found and taken
//! into the spare folder before it takes the output's place; and what the
//! spare folder holds that the new site does not.
//!
//! An entry is the last build's when the output's marker lists it;
//! everything else is someone's, and is hard-linked into the spare folder
//! (links are copied as links, never followed), unless the new build
//! makes a file or a folder at its place, which wins. The marker also
//! lists the entries put by hand it found, so a rebuild reads again only
//! the folders whose entries changed since the marker was written (their
//! status-change time, which no tool sets back); without that list (an
//! output written in place, or by an older version) the whole output is
//! read. What a build of an older version left when it was interrupted
//! (its mark, new versions waiting, files made since it started) is not
//! taken.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::fs;
use std::io;
use std::path::Path;
use std::time::SystemTime;

use rayon::prelude::*;

use super::error::{io_error, OutputError};
use super::files::{folders_of, remove_entry, WAITING};
use super::inplace::UNFINISHED;
use super::marker::{Kind, Marker, Stamp, MARKER, SPARE_MARK};

/// The entries put by hand, with what each is.
pub(super) type Hand = Vec<(String, Kind)>;

/// What the new build makes: its files, and the folders that hold them.
pub(super) struct Made<'a> {
    pub files: &'a HashMap<String, Stamp>,
    pub folders: &'a HashSet<&'a str>,
}

impl Made<'_> {
    /// Whether the build makes something where `rel`, of `kind`, is.
    fn takes(&self, rel: &str, kind: Kind) -> bool {
        self.files.contains_key(rel) || (kind != Kind::Folder && self.folders.contains(rel))
    }
}

/// The entries of `output` put there by hand, as found before the new
/// build's files are known ([`hand_placed`] keeps those it does not
/// replace), with the folders of the last build.
pub(super) struct Found<'m> {
    entries: Hand,
    old_folders: HashSet<&'m str>,
}

/// Finds the entries of `output` put there by hand. `marker`: the output's
/// marker (`None`: the folder was given with `--force`, or is new, and
/// nothing of it is kept).
pub(super) fn found_by_hand<'m>(
    output: &Path,
    marker: Option<&'m Marker>,
) -> Result<Found<'m>, OutputError> {
    let Some(marker) = marker else {
        return Ok(Found {
            entries: Vec::new(),
            old_folders: HashSet::default(),
        });
    };
    let old_folders = folders_of(marker.files.keys());
    let left = Leftovers::of(output);
    let entries = match &marker.hand {
        Some(hand) => changed_since_marker(output, marker, &old_folders, hand, &left)?,
        None => walk(output, "", marker, &left)?,
    };
    Ok(Found {
        entries,
        old_folders,
    })
}

/// The entries put by hand in `found` that the new build does not replace.
pub(super) fn hand_placed(found: Found, made: &Made) -> Hand {
    let Found {
        entries,
        old_folders,
    } = found;
    let keep = |rel: &str, kind: Kind| {
        !made.takes(rel, kind)
            && !(kind == Kind::Folder && (made.folders.contains(rel) || old_folders.contains(rel)))
    };
    // Nothing under a file the build makes or a link.
    let blocked: HashSet<&str> = entries
        .iter()
        .filter(|(rel, kind)| *kind == Kind::Link || made.files.contains_key(rel))
        .map(|(rel, _)| rel.as_str())
        .collect();
    let under_blocked = |rel: &str| {
        let ends = rel.match_indices('/').map(|(i, _)| &rel[..i]);
        ends.into_iter().any(|folder| blocked.contains(folder))
    };
    entries
        .iter()
        .filter(|(rel, kind)| keep(rel, *kind) && !under_blocked(rel))
        .cloned()
        .collect()
}

/// The entries put by hand, from the marker's list and the folders changed
/// since the marker was written (and all of any new folder).
fn changed_since_marker(
    output: &Path,
    marker: &Marker,
    old_folders: &HashSet<&str>,
    hand: &Hand,
    left: &Leftovers,
) -> Result<Hand, OutputError> {
    let since = fs::symlink_metadata(output.join(MARKER))
        .ok()
        .and_then(|m| changed_at(&m));
    let listed: HashMap<&str, Kind> = hand.iter().map(|(r, k)| (r.as_str(), *k)).collect();
    let hand_paths = hand.iter().map(|(r, _)| r);
    let hand_folders = listed.iter().filter(|(_, k)| **k == Kind::Folder);
    let mut folders: Vec<&str> = old_folders
        .iter()
        .copied()
        .chain(folders_of(hand_paths))
        .chain(hand_folders.map(|(r, _)| *r))
        .chain([""])
        .collect();
    folders.sort_unstable();
    folders.dedup();
    let known_folders: HashSet<&str> = folders.iter().copied().collect();
    let (there, changed) = check_folders(output, folders, since);
    let mut found = Vec::new();
    let mut seen = HashSet::default();
    for folder in &changed {
        let entries = fs::read_dir(output.join(folder)).map_err(io_error(&output.join(folder)))?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = match folder.is_empty() {
                true => name,
                false => format!("{folder}/{name}"),
            };
            let Some(kind) = entry.file_type().ok().map(kind_of) else {
                continue;
            };
            let known = match kind {
                Kind::Folder => known_folders.contains(rel.as_str()),
                Kind::File => {
                    marker.files.contains_key(&rel) || listed.get(rel.as_str()) == Some(&kind)
                }
                Kind::Link => listed.get(rel.as_str()) == Some(&kind),
            };
            if known {
                seen.insert(rel);
            } else if left.by_a_build(&rel, || entry.metadata().ok()) {
                continue;
            } else if kind == Kind::Folder {
                found.push((rel.clone(), kind));
                found.extend(walk(output, &rel, marker, left)?);
            } else {
                found.push((rel, kind));
            }
        }
    }
    for (rel, kind) in hand {
        let parent = rel.rfind('/').map_or("", |i| &rel[..i]);
        let here = there.get(parent) == Some(&true)
            && (*kind != Kind::Folder || there.get(rel.as_str()) == Some(&true))
            && (!changed.contains(parent) || seen.contains(rel));
        if here {
            found.push((rel.clone(), *kind));
        }
    }
    Ok(found)
}

/// Which of `folders` (sorted, parents first) are real folders under real
/// folders, and which of those changed since `since` (the top folder
/// always: the swap itself changes it).
fn check_folders<'a>(
    output: &Path,
    folders: Vec<&'a str>,
    since: Option<(i64, i64)>,
) -> (HashMap<&'a str, bool>, HashSet<&'a str>) {
    let mut there: HashMap<&str, bool> =
        HashMap::with_capacity_and_hasher(folders.len(), Default::default());
    let mut changed = HashSet::default();
    // Asked of the file system on every core: a large site has tens of
    // thousands of folders, and this waits before the swap.
    let metas: Vec<Option<fs::Metadata>> = folders
        .par_iter()
        .map(|folder| fs::symlink_metadata(output.join(folder)).ok())
        .collect();
    for (folder, meta) in folders.into_iter().zip(metas) {
        let parent = folder.rfind('/').map_or("", |i| &folder[..i]);
        let ok = (folder.is_empty() || there.get(parent) == Some(&true))
            && meta.as_ref().is_some_and(|m| m.is_dir());
        there.insert(folder, ok);
        let at = meta.as_ref().and_then(changed_at);
        if ok && (folder.is_empty() || since.is_none() || at.is_none() || at >= since) {
            changed.insert(folder);
        }
    }
    (there, changed)
}

/// Every entry under `from` ("": the whole output) that the marker does
/// not list, and that no interrupted build left.
fn walk(output: &Path, from: &str, marker: &Marker, left: &Leftovers) -> Result<Hand, OutputError> {
    let mut found = Vec::new();
    let mut walk = walkdir::WalkDir::new(output.join(from))
        .min_depth(1)
        .into_iter();
    while let Some(next) = walk.next() {
        let Ok(entry) = next else { continue };
        let Ok(rel) = entry.path().strip_prefix(output) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let kind = kind_of(entry.file_type());
        if left.by_a_build(&rel, || entry.metadata().ok()) {
            if kind == Kind::Folder {
                walk.skip_current_dir();
            }
            continue;
        }
        if !(kind == Kind::File && marker.files.contains_key(&rel)) {
            found.push((rel, kind));
        }
    }
    Ok(found)
}

/// What builds leave in the output folder besides the site: the marker,
/// the marks, new versions waiting; and after a build in place that was
/// interrupted, what it made since it started (its mark's date).
struct Leftovers {
    since: Option<SystemTime>,
}

impl Leftovers {
    fn of(output: &Path) -> Leftovers {
        let since = fs::symlink_metadata(output.join(UNFINISHED))
            .ok()
            .map(|m| m.modified().unwrap_or(SystemTime::UNIX_EPOCH));
        Leftovers { since }
    }

    fn by_a_build(&self, rel: &str, meta: impl FnOnce() -> Option<fs::Metadata>) -> bool {
        let ours =
            rel == MARKER || rel == UNFINISHED || rel == SPARE_MARK || rel.ends_with(WAITING);
        ours || self.since.is_some_and(|since| {
            let modified = meta().and_then(|m| m.modified().ok());
            modified.is_some_and(|t| t >= since)
        })
    }
}

fn kind_of(kind: fs::FileType) -> Kind {
    if kind.is_dir() {
        Kind::Folder
    } else if kind.is_symlink() {
        Kind::Link
    } else {
        Kind::File
    }
}

/// When the entries of a folder last changed: its status-change time,
/// which an entry made, removed or renamed, or a date set by a tool,
/// moves to the present.
#[cfg(unix)]
pub(super) fn changed_at(meta: &fs::Metadata) -> Option<(i64, i64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.ctime(), meta.ctime_nsec()))
}

#[cfg(not(unix))]
pub(super) fn changed_at(meta: &fs::Metadata) -> Option<(i64, i64)> {
    let since = meta
        .modified()
        .ok()?
        .duration_since(SystemTime::UNIX_EPOCH)
        .ok()?;
    Some((since.as_secs() as i64, i64::from(since.subsec_nanos())))
}

/// Takes the entries put by hand into `spare`: the same file (a hard link,
/// or a copy where the file system has none), the same link, the folder.
pub(super) fn take_into(output: &Path, spare: &Path, hand: &Hand) -> Result<(), OutputError> {
    let mut sorted: Vec<&(String, Kind)> = hand.iter().collect();
    sorted.sort_unstable();
    for (rel, kind) in sorted {
        let (from, to) = (output.join(rel), spare.join(rel));
        let there = fs::symlink_metadata(&to).ok();
        let same = match kind {
            Kind::Folder => there.as_ref().is_some_and(|m| m.is_dir()),
            Kind::File => fs::symlink_metadata(&from)
                .ok()
                .zip(there.as_ref())
                .is_some_and(|(a, b)| same_file(&a, b)),
            Kind::Link => {
                there.as_ref().is_some_and(|m| m.is_symlink())
                    && fs::read_link(&from).ok() == fs::read_link(&to).ok()
            }
        };
        if same {
            continue;
        }
        make_folders(spare, rel)?;
        if let Some(meta) = there {
            remove_entry(&to, &meta)?;
        }
        let taken = match kind {
            Kind::Folder => fs::create_dir(&to),
            Kind::File => fs::hard_link(&from, &to).or_else(|_| fs::copy(&from, &to).map(drop)),
            Kind::Link => fs::read_link(&from).and_then(|target| symlink(&target, &to)),
        };
        taken.map_err(io_error(&to))?;
    }
    Ok(())
}

/// Makes the folders that hold `rel` in `root`, removing a file or link in
/// the way.
pub(super) fn make_folders(root: &Path, rel: &str) -> Result<(), OutputError> {
    let mut at = root.to_path_buf();
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
        match fs::create_dir(&at) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(io_error(&at)(e)),
            _ => {}
        }
    }
    Ok(())
}

/// Whether two entries are the same file: the same inode where there are
/// inodes, the same size and date elsewhere.
pub(super) fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        a.len() == b.len() && a.modified().ok() == b.modified().ok()
    }
}

#[cfg(unix)]
fn symlink(target: &Path, at: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(target, at)
}

#[cfg(not(unix))]
fn symlink(_: &Path, _: &Path) -> io::Result<()> {
    Ok(())
}

/// What `spare` holds that the new site does not: the files of its own
/// last build and the entries put by hand that were taken into it, when
/// both lists are known (`listed`); otherwise every entry of the folder.
pub(super) fn stale_in_spare(
    spare: &Path,
    listed: Option<Vec<&str>>,
    made: &Made,
    hand: &Hand,
    keep: &HashSet<&str>,
) -> Vec<String> {
    let hand: HashSet<&str> = hand.iter().map(|(r, _)| r.as_str()).collect();
    let stays = |rel: &str, dir: bool| match dir {
        true => keep.contains(rel),
        false => made.files.contains_key(rel) || hand.contains(rel) || keep.contains(rel),
    };
    if let Some(listed) = listed {
        let mut stale: Vec<String> = listed
            .into_iter()
            .filter(|rel| !stays(rel, false) && *rel != MARKER)
            .map(String::from)
            .collect();
        stale.sort_unstable();
        stale.dedup();
        return stale;
    }
    let mut stale = Vec::new();
    let mut walk = walkdir::WalkDir::new(spare).min_depth(1).into_iter();
    while let Some(next) = walk.next() {
        let Ok(entry) = next else { continue };
        let Ok(rel) = entry.path().strip_prefix(spare) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let dir = entry.file_type().is_dir();
        if stays(&rel, dir) || rel == MARKER || rel == SPARE_MARK {
            continue;
        }
        if dir {
            walk.skip_current_dir();
        }
        stale.push(rel);
    }
    stale
}
