//! The resized images of earlier builds, in `.passerelle-cache/images/`
//! beside `site.yaml`, named after the hash of their source and their
//! size (`<hash16>-<w>x<h>.<ext>`).
//!
//! The cache is never required: a file missing, damaged or of the wrong
//! size is made again, and a folder that cannot be written is used for
//! nothing. It is hidden, so `serve` does not watch it, and it never leads
//! out of the site folder: a cache folder that is a link is not used.

use std::fs;
use std::path::{Path, PathBuf};

use crate::output::Stamp;

/// The folder of every cache of a site, relative to its root.
pub const FOLDER: &str = ".passerelle-cache";

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cache {
    /// `None` when the folder may not be used.
    dir: Option<PathBuf>,
}

impl Cache {
    pub(super) fn open(root: &Path) -> Cache {
        let base = root.join(FOLDER);
        let dir = base.join("images");
        let usable = !is_link(&base) && !is_link(&dir);
        Cache {
            dir: usable.then_some(dir),
        }
    }

    /// The folder, when it may be used.
    pub(super) fn dir(&self) -> Option<&PathBuf> {
        self.dir.as_ref()
    }

    /// The bytes cached under `name`, if any.
    pub(super) fn get(&self, name: &str) -> Option<Vec<u8>> {
        fs::read(self.dir.as_ref()?.join(name)).ok()
    }

    /// The file cached under `name`, unread, when it has the length of
    /// `stamp` (its bytes are checked against the hash when read).
    pub(super) fn known(&self, name: &str, stamp: Stamp) -> Option<PathBuf> {
        let path = self.dir.as_ref()?.join(name);
        let meta = fs::symlink_metadata(&path).ok()?;
        (meta.is_file() && meta.len() == stamp.size).then_some(path)
    }

    /// Keeps `bytes` under `name`. Written to a temporary file renamed into
    /// place, so that a build running beside (a `serve` and a `build`)
    /// never reads half a file. Failures are ignored: the cache only saves
    /// time.
    pub(super) fn put(&self, name: &str, bytes: &[u8]) {
        let Some(dir) = &self.dir else { return };
        if fs::create_dir_all(dir).is_err() || is_link(dir) {
            return;
        }
        let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        if fs::write(&temporary, bytes).is_ok() && fs::rename(&temporary, dir.join(name)).is_err() {
            let _ = fs::remove_file(&temporary);
        }
    }
}

fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}
