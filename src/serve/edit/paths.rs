//! Which files the web editor may read and write: only the editor's
//! collections (`content/partnerships/*.md`…) and the media folder
//! (`content/media/`, pictures only), every path checked after
//! normalisation, and no symbolic link followed out of the site.
//!
//! A path is refused, not repaired: `..`, `.`, empty segments, absolute
//! paths, backslashes, percent signs (an encoded path is never what Decap
//! sends), NUL and control characters, hidden names.

use std::path::{Path, PathBuf};

use crate::cms::schema::{Format, COLLECTIONS};

/// The folder Decap uploads to (`media_folder` of the config).
pub const MEDIA_FOLDER: &str = "content/media";

/// The picture formats an upload may have, by extension.
pub const MEDIA_EXTENSIONS: [&str; 5] = ["png", "jpg", "jpeg", "webp", "svg"];

/// What a checked path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A file of a collection (an entry).
    Entry,
    /// A picture in `content/media/`.
    Media,
}

/// A path the editor may use: relative to the site root, normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafePath {
    pub rel: String,
    pub kind: Kind,
}

impl SafePath {
    /// The file on disk.
    pub fn on_disk(&self, root: &Path) -> PathBuf {
        root.join(&self.rel)
    }
}

/// The collection folder and the extension of its files.
fn collection_folders() -> impl Iterator<Item = (&'static str, &'static str)> {
    COLLECTIONS.iter().map(|c| {
        let ext = match c.format {
            Format::MarkdownPerLanguage => "md",
            Format::Yaml => "yaml",
        };
        (c.folder, ext)
    })
}

/// Checks a path sent by the editor; `None` when it is not a file of a
/// collection or a picture of the media folder.
pub fn check(root: &Path, path: &str) -> Option<SafePath> {
    let segments = segments(path)?;
    let (name, folder) = segments.split_last()?;
    let folder = folder.join("/");
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    let kind = if folder == MEDIA_FOLDER && MEDIA_EXTENSIONS.contains(&ext.as_str()) {
        Kind::Media
    } else if collection_folders().any(|(f, e)| f == folder && e == ext) {
        Kind::Entry
    } else {
        return None;
    };
    let safe = SafePath {
        rel: format!("{folder}/{name}"),
        kind,
    };
    stays_inside(root, &safe.rel).then_some(safe)
}

/// Checks a folder the editor lists: a collection's (with its extension)
/// or the media folder's.
pub fn check_folder(root: &Path, folder: &str, extension: Option<&str>) -> Option<String> {
    let folder = segments(folder)?.join("/");
    let known = match extension {
        Some(ext) => collection_folders().any(|(f, e)| f == folder && e == ext),
        None => folder == MEDIA_FOLDER,
    };
    (known && stays_inside(root, &folder)).then_some(folder)
}

/// The segments of a relative path, or `None` when one is suspicious.
fn segments(path: &str) -> Option<Vec<&str>> {
    let path = path.strip_suffix('/').unwrap_or(path);
    let bad_char = |c: char| c == '\\' || c == '%' || c == ':' || c.is_control();
    if path.is_empty() || path.starts_with('/') || path.contains(bad_char) {
        return None;
    }
    let segments: Vec<&str> = path.split('/').collect();
    let bad = |s: &&str| s.is_empty() || s.starts_with('.') || s.trim() != *s;
    if segments.iter().any(bad) {
        return None;
    }
    Some(segments)
}

/// No part of `rel` under the root is a symbolic link, and what exists
/// of it resolves inside the site's `content/`.
fn stays_inside(root: &Path, rel: &str) -> bool {
    let Ok(content) = root.join("content").canonicalize() else {
        return false;
    };
    let mut at = root.to_path_buf();
    for segment in rel.split('/') {
        at.push(segment);
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => return false,
            Ok(_) => {}
            // What does not exist yet cannot lead elsewhere.
            Err(_) => break,
        }
    }
    let mut existing = root.join(rel);
    while !existing.exists() {
        if !existing.pop() {
            return false;
        }
    }
    existing
        .canonicalize()
        .is_ok_and(|real| real.starts_with(&content))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_collection_files_and_pictures_inside_content() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let accepted = [
            ("content/partnerships/dlis.fr.md", Kind::Entry),
            ("content/partnerships/new-one.en.md", Kind::Entry),
            ("content/institutions/helmo.yaml", Kind::Entry),
            ("content/media/logo.PNG", Kind::Media),
            ("content/media/new.svg", Kind::Media),
        ];
        for (path, kind) in accepted {
            assert_eq!(check(root, path).map(|p| p.kind), Some(kind), "{path}");
        }
        let refused = [
            "site.yaml",
            "content/partnerships/../../site.yaml",
            "content/partnerships/..%2f..%2fsite.yaml",
            "content/partnerships/%2e%2e/x.fr.md",
            "/etc/passwd",
            "/content/partnerships/dlis.fr.md",
            "content//partnerships/dlis.fr.md",
            "content/./partnerships/dlis.fr.md",
            "content\\partnerships\\dlis.fr.md",
            "C:/content/partnerships/dlis.fr.md",
            "content/partnerships/dlis.fr.yaml",
            "content/partnerships/.hidden.fr.md",
            "content/media/script.js",
            "content/media/page.html",
            "content/taxonomies/themes.yaml",
            "themes/default/templates/base.html",
            "content/partnerships/dlis.fr.md\0",
            "",
        ];
        for path in refused {
            assert_eq!(check(root, path), None, "{path:?}");
        }
        assert!(check_folder(root, "content/partnerships", Some("md")).is_some());
        assert!(check_folder(root, "content/partnerships", Some("yaml")).is_none());
        assert!(check_folder(root, "content/media", None).is_some());
        assert!(check_folder(root, "content/../", None).is_none());
    }
}
