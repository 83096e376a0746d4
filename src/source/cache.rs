//! Reading the content files that discovery found, in parallel: each is
//! read, decoded and handed to a parse function (the catalogue's: which
//! raw struct a kind of file holds), the results in the order of the
//! files. [`FileCache`] keeps them between reads, for `serve`, so that a
//! rebuild reads and parses only the files that changed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;

use super::discover::ContentKind;
use super::file::{read_text, SourceFile};
use crate::diagnostics::Diagnostic;
use crate::text;
use crate::types::limits::{show_size, Limits};

/// Turns the text of a content file of a kind into what the catalogue
/// resolves.
pub type Parse<T> = fn(ContentKind, SourceFile) -> Result<T, Diagnostic>;

/// Every file read: its kind, and what it parsed into or why it failed.
pub type Read<T> = Vec<(ContentKind, Result<T, Diagnostic>)>;

/// Reads and parses every file of `found`, in parallel.
/// A file larger than `max` bytes is refused unread.
pub fn read_all<T: Send>(
    root: &Path,
    found: Vec<(ContentKind, PathBuf)>,
    parse: Parse<T>,
    max: u64,
) -> Read<T> {
    found
        .into_par_iter()
        .map(|(kind, rel)| (kind.clone(), read_one(root, kind, &rel, parse, max)))
        .collect()
}

fn read_one<T>(
    root: &Path,
    kind: ContentKind,
    rel: &Path,
    parse: Parse<T>,
    max: u64,
) -> Result<T, Diagnostic> {
    let size = std::fs::metadata(root.join(rel)).map_or(0, |m| m.len());
    if size > max {
        return Err(too_large(rel, size, max));
    }
    parse(kind, read_text(root, rel)?)
}

/// A content file larger than the site's limit.
fn too_large(rel: &Path, size: u64, max: u64) -> Diagnostic {
    let ((size_en, size_fr), (max_en, max_fr)) = (show_size(size), show_size(max));
    Diagnostic::error(
        rel,
        text!(
            "this file is {size_en}, more than the {max_en} a content file may be",
            "ce fichier fait {size_fr}, plus que les {max_fr} permis pour un fichier de contenu"
        ),
    )
    .hint(text!(
        "split it, move large documents to `content/media/`, or raise `limits: {{content_file: …}}` in site.yaml",
        "découpez-le, placez les gros documents dans `content/media/`, ou relevez `limits: {{content_file: …}}` dans site.yaml"
    ))
}

/// The parsed content files of the previous read, so that a rebuild reads
/// and parses only the files that changed since (serve).
pub struct FileCache<T> {
    parse: Parse<T>,
    /// The largest file read, in bytes.
    max: u64,
    entries: BTreeMap<PathBuf, Cached<T>>,
}

struct Cached<T> {
    stamp: Stamp,
    kind: ContentKind,
    item: Result<T, Diagnostic>,
}

/// A file's time of change and length: a file whose time cannot be read
/// is always read again.
type Stamp = (Option<SystemTime>, u64);

fn stamp(path: &Path) -> Stamp {
    std::fs::metadata(path).map_or((None, 0), |m| (m.modified().ok(), m.len()))
}

impl<T: Clone + Send + Sync> FileCache<T> {
    /// An empty cache whose files are parsed with `parse`.
    pub fn new(parse: Parse<T>) -> Self {
        FileCache {
            parse,
            max: Limits::default().content_file,
            entries: BTreeMap::new(),
        }
    }

    /// Reads and parses the files of `found` that are new or changed since
    /// the last read, and forgets the removed ones; a file larger than
    /// `max` bytes is refused unread.
    pub fn refresh(&mut self, root: &Path, found: Vec<(ContentKind, PathBuf)>, max: u64) {
        self.max = max;
        let stamped: Vec<_> = found
            .into_par_iter()
            .map(|(kind, rel)| {
                let stamp = stamp(&root.join(&rel));
                (kind, rel, stamp)
            })
            .collect();
        let present: BTreeSet<PathBuf> = stamped.iter().map(|(_, rel, _)| rel.clone()).collect();
        self.entries.retain(|rel, _| present.contains(rel));
        let (parse, max) = (self.parse, self.max);
        let fresh: BTreeMap<PathBuf, Cached<T>> = stamped
            .into_par_iter()
            .filter(|(_, rel, stamp)| {
                self.entries
                    .get(rel)
                    .is_none_or(|c| c.stamp != *stamp || stamp.0.is_none())
            })
            .map(|(kind, rel, stamp)| {
                let item = read_one(root, kind.clone(), &rel, parse, max);
                (rel, Cached { stamp, kind, item })
            })
            .collect();
        self.entries.extend(fresh);
    }

    /// Reads and parses again `files` (paths relative to the root), which
    /// the cache holds and which still exist: a change the watcher saw.
    /// Returns false, reading nothing, when one of them is new or gone.
    pub fn reread(&mut self, root: &Path, files: &[PathBuf]) -> bool {
        let known = files
            .iter()
            .all(|rel| self.entries.contains_key(rel) && root.join(rel).is_file());
        if !known {
            return false;
        }
        let (parse, max) = (self.parse, self.max);
        let fresh: Vec<(PathBuf, Cached<T>)> = files
            .par_iter()
            .map(|rel| {
                let kind = self.entries[rel].kind.clone();
                let item = read_one(root, kind.clone(), rel, parse, max);
                let stamp = stamp(&root.join(rel));
                (rel.clone(), Cached { stamp, kind, item })
            })
            .collect();
        self.entries.extend(fresh);
        true
    }

    /// Every file of the last read, sorted by path, parsed or not.
    pub fn items(&self) -> Read<T> {
        self.items_where(|_| true)
    }

    /// The files of the last read whose kind `keep` accepts.
    pub fn items_where(&self, keep: impl Fn(&ContentKind) -> bool) -> Read<T> {
        self.entries
            .values()
            .filter(|c| keep(&c.kind))
            .map(|c| (c.kind.clone(), c.item.clone()))
            .collect()
    }

    /// The kinds of the files of the last read.
    pub fn kinds(&self) -> impl Iterator<Item = &ContentKind> {
        self.entries.values().map(|c| &c.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// The parse of these tests: a file is its text.
    fn text(_: ContentKind, file: SourceFile) -> Result<String, Diagnostic> {
        Ok(file.text)
    }

    fn texts(read: Read<String>) -> Vec<String> {
        read.into_iter().map(|(_, t)| t.unwrap()).collect()
    }

    #[test]
    fn the_cache_follows_edits_and_removals_and_refuses_new_files() {
        let root = std::env::temp_dir().join(format!("passerelle-cache-{}", std::process::id()));
        fs::create_dir_all(&root).unwrap();
        let country = |code: &str| ContentKind::Country { code: code.into() };
        let file = |code: &str| (country(code), PathBuf::from(format!("{code}.yaml")));
        fs::write(root.join("a.yaml"), "a").unwrap();
        fs::write(root.join("b.yaml"), "b").unwrap();
        let mut cache = FileCache::new(text);
        cache.refresh(&root, vec![file("a"), file("b")], 1 << 20);
        assert_eq!(texts(cache.items()), ["a", "b"]);
        assert_eq!(
            texts(read_all(&root, vec![file("b")], text, 1 << 20)),
            ["b"]
        );

        fs::write(root.join("a.yaml"), "a, edited").unwrap();
        assert!(cache.reread(&root, &[PathBuf::from("a.yaml")]));
        assert_eq!(texts(cache.items()), ["a, edited", "b"]);
        fs::write(root.join("c.yaml"), "c").unwrap();
        assert!(!cache.reread(&root, &[PathBuf::from("c.yaml")]));

        cache.refresh(&root, vec![file("b"), file("c")], 1 << 20);
        assert_eq!(texts(cache.items()), ["b", "c"]);
        let only_c = cache.items_where(|k| *k == country("c"));
        assert_eq!(texts(only_c), ["c"]);
        fs::remove_dir_all(&root).unwrap();
    }
}
