//! What earlier builds learnt of each source image, kept in
//! `.passerelle-cache/images/index.json`: for an image (its path, length
//! and modification time, and the role it is shown in), the hash of its
//! bytes, its size and every file made from it with their sizes, lengths
//! and hashes. A rebuild finds there all it needs for the page without
//! opening, hashing or decoding the source, and the made files are read
//! from the cache only when the output does not hold them already.
//!
//! Like the rest of the cache, the index is never required: an entry that
//! does not match the file as it is now (another length, another date) is
//! ignored, a damaged index is an empty one, and the made files it names
//! are checked when they are read.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

/// A source image as it is on disk, the half of the key that changes when
/// the file does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Stamp {
    pub len: u64,
    /// Nanoseconds since 1970; 0 when the system does not say.
    pub modified: u64,
}

impl Stamp {
    pub(super) fn of(path: &Path) -> Option<Stamp> {
        let meta = fs::metadata(path).ok()?;
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        Some(Stamp {
            len: meta.len(),
            modified,
        })
    }
}

/// One file made from a source: its name in the cache and its size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Variant {
    pub cache_name: String,
    pub width: u32,
    pub height: u32,
    /// Its length and hash, so that the output's copy can be kept without
    /// the cache's being read; absent from the indexes of older versions.
    #[serde(default)]
    pub bytes: Option<Bytes>,
}

impl Variant {
    /// The file `cache_name` of `size`, not measured yet.
    pub(super) fn new(cache_name: String, (width, height): (u32, u32)) -> Variant {
        Variant {
            cache_name,
            width,
            height,
            bytes: None,
        }
    }
}

/// A made file's length and hash (XXH3, 128 bits, as the output's marker
/// gives them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Bytes {
    pub len: u64,
    pub xxh3: u128,
}

impl Bytes {
    pub(super) fn of(stamp: crate::output::Stamp) -> Option<Bytes> {
        Some(Bytes {
            len: stamp.size,
            xxh3: stamp.hash?,
        })
    }

    pub(super) fn stamp(self) -> crate::output::Stamp {
        crate::output::Stamp {
            size: self.len,
            hash: Some(self.xxh3),
        }
    }
}

/// What is known of a source image shown in a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Entry {
    pub stamp: Stamp,
    pub hash: u64,
    /// The file extension of the made files in the source's format.
    pub ext: String,
    pub variants: Vec<Variant>,
    /// The same sizes in WebP, when that is smaller; else empty.
    pub webp: Vec<Variant>,
    /// The source's length and hash, so that the output's copy of it can
    /// be kept without its being read; absent from older indexes.
    #[serde(default)]
    pub source: Option<Bytes>,
}

/// The index, by `<role>:<file>`.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Index {
    entries: BTreeMap<String, Entry>,
}

const NAME: &str = "index.json";

impl Index {
    /// The index in `dir`, or an empty one.
    pub(super) fn read(dir: Option<&Path>) -> Index {
        dir.and_then(|d| fs::read(d.join(NAME)).ok())
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub(super) fn key(role: &str, file: &str) -> String {
        format!("{role}:{file}")
    }

    /// The entry for `key` when it was made from the file as it is now.
    pub(super) fn get(&self, key: &str, stamp: Stamp) -> Option<&Entry> {
        self.entries.get(key).filter(|e| e.stamp == stamp)
    }

    /// Writes the index with `entries` as the whole of it, when it differs
    /// from what was read (a temporary file renamed into place, so that a
    /// build beside never reads half of it); failures are ignored.
    pub(super) fn replace(self, dir: Option<&PathBuf>, entries: BTreeMap<String, Entry>) {
        let Some(dir) = dir else { return };
        if entries == self.entries {
            return;
        }
        let index = Index { entries };
        let Ok(bytes) = serde_json::to_vec(&index) else {
            return;
        };
        if fs::create_dir_all(dir).is_err() {
            return;
        }
        let temporary = dir.join(format!(".{NAME}.{}.tmp", std::process::id()));
        if fs::write(&temporary, bytes).is_ok() && fs::rename(&temporary, dir.join(NAME)).is_err() {
            let _ = fs::remove_file(&temporary);
        }
    }
}
