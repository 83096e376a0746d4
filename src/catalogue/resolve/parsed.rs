//! Content files once read and parsed, before resolution: the raw serde
//! struct of each file with its text, kept so that a problem found later
//! (an unknown id, a missing field) still points at the line to fix.
//!
//! Reading and parsing is the part of a load that runs in parallel and is
//! cached between rebuilds ([`FileCache`]), so it stands apart from
//! resolution, which is sequential.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::catalogue::raw::{RawCountry, RawInstitution, RawPage, RawPartnership, RawTaxonomy};
use crate::config::LangText;
use crate::diagnostics::{Diagnostic, Text};
use crate::markdown::Markdown;
use crate::source::{self, ContentKind, SourceFile};
use crate::text;

/// A parsed Markdown file: its front matter as `T`, its text kept for
/// locating later problems.
#[derive(Clone)]
pub(super) struct Parsed<T> {
    pub(super) file: SourceFile,
    pub(super) raw: T,
    yaml_start: usize,
    yaml_end: usize,
    yaml_line: usize,
    body_start: usize,
    body_line: usize,
    /// The text after the front matter, made once and shared by those who
    /// ask (the item, and the link checks if the item fails).
    body: std::sync::OnceLock<std::sync::Arc<str>>,
}

impl<T> Parsed<T> {
    pub(super) fn yaml(&self) -> &str {
        &self.file.text[self.yaml_start..self.yaml_end]
    }

    pub(super) fn body(&self) -> Markdown {
        let body = &self.file.text[self.body_start..];
        Markdown {
            source: self.body.get_or_init(|| body.into()).clone(),
            file: self.file.rel.clone(),
            line: self.body_line,
        }
    }

    /// A required field that is missing: points at the closing `---`,
    /// before which the line is to be added.
    pub(super) fn missing(&self, field: &str, hint: Text) -> Diagnostic {
        let closing = self.yaml_line + self.yaml().matches('\n').count();
        Diagnostic::error(
            &self.file.rel,
            text!(
                "the required field `{field}` is missing",
                "le champ obligatoire `{field}` manque"
            ),
        )
        .field(field)
        .at(&self.file.text, closing, 1)
        .hint(hint)
    }

    /// An error pointing at where `value` is written for `field`.
    pub(super) fn error(&self, field: &str, value: &str, message: Text) -> Diagnostic {
        let key = field.rsplit(['.', ']']).next().unwrap_or(field);
        let key = key.split('[').next().unwrap_or(key);
        let (line, column) = source::locate(self.yaml(), key, value)
            .map(|(l, c)| (l + self.yaml_line - 1, c))
            .unwrap_or((self.yaml_line.saturating_sub(1).max(1), 1));
        Diagnostic::error(&self.file.rel, message)
            .field(field)
            .at(&self.file.text, line, column)
    }

    /// Translated Markdown texts written in the YAML (`intro: {fr: …}`),
    /// each remembering the line of its language for later problems.
    pub(super) fn markdown_map(&self, texts: &LangText) -> BTreeMap<String, Markdown> {
        texts
            .iter()
            .map(|(lang, text)| {
                let line = source::locate(self.yaml(), lang, "")
                    .map_or(self.yaml_line, |(l, _)| l + self.yaml_line - 1);
                let md = Markdown {
                    source: text.as_str().into(),
                    file: self.file.rel.clone(),
                    line,
                };
                (lang.clone(), md)
            })
            .collect()
    }
}

#[allow(clippy::large_enum_variant)] // One per file.
#[derive(Clone)]
pub(super) enum Item {
    Partnership(String, String, Parsed<RawPartnership>),
    Page(String, String, Parsed<RawPage>),
    Country(String, Parsed<RawCountry>),
    Institution(String, Parsed<RawInstitution>),
    Themes(Parsed<RawTaxonomy>),
    Programmes(Parsed<RawTaxonomy>),
}

fn parse_markdown<T: serde::de::DeserializeOwned>(
    file: SourceFile,
) -> Result<Parsed<T>, Diagnostic> {
    let fm = source::split_front_matter(&file)?;
    let raw = source::parse_yaml(&file, fm.yaml, fm.yaml_line)?;
    let base = file.text.as_ptr() as usize;
    let yaml_start = fm.yaml.as_ptr() as usize - base;
    let body_start = fm.body.as_ptr() as usize - base;
    let (yaml_line, body_line, yaml_len) = (fm.yaml_line, fm.body_line, fm.yaml.len());
    Ok(Parsed {
        raw,
        yaml_start,
        yaml_end: yaml_start + yaml_len,
        yaml_line,
        body_start,
        body_line,
        file,
        body: Default::default(),
    })
}

fn parse_yaml_file<T: serde::de::DeserializeOwned>(
    file: SourceFile,
) -> Result<Parsed<T>, Diagnostic> {
    if file.text.trim().is_empty() {
        return Err(Diagnostic::error(
            &file.rel,
            text!("this file is empty", "ce fichier est vide"),
        ));
    }
    let raw = source::parse_yaml(&file, &file.text, 1)?;
    let len = file.text.len();
    Ok(Parsed {
        raw,
        yaml_start: 0,
        yaml_end: len,
        yaml_line: 1,
        body_start: len,
        body_line: 0,
        file,
        body: Default::default(),
    })
}

/// Reads and parses one content file of the given kind.
pub(super) fn read_item(root: &Path, kind: ContentKind, rel: &Path) -> Result<Item, Diagnostic> {
    let file = source::read_text(root, rel)?;
    Ok(match kind {
        ContentKind::Partnership { key, lang } => {
            Item::Partnership(key, lang, parse_markdown(file)?)
        }
        ContentKind::Page { key, lang } => Item::Page(key, lang, parse_markdown(file)?),
        ContentKind::Country { code } => Item::Country(code, parse_yaml_file(file)?),
        ContentKind::Institution { id } => Item::Institution(id, parse_yaml_file(file)?),
        ContentKind::Themes => Item::Themes(parse_yaml_file(file)?),
        ContentKind::Programmes => Item::Programmes(parse_yaml_file(file)?),
    })
}

/// The parsed content files of the previous load, so that a rebuild reads
/// and parses only the files that changed since (serve).
#[derive(Default)]
pub struct FileCache {
    entries: BTreeMap<PathBuf, CachedFile>,
}

struct CachedFile {
    stamp: (Option<std::time::SystemTime>, u64),
    kind: ContentKind,
    item: Result<Item, Diagnostic>,
}

fn stamp(path: &Path) -> (Option<std::time::SystemTime>, u64) {
    std::fs::metadata(path).map_or((None, 0), |m| (m.modified().ok(), m.len()))
}

impl FileCache {
    /// Reads and parses the files of `found` that are new or changed since
    /// the last load, and forgets the removed ones.
    /// A file whose time cannot be read is always read again.
    pub(super) fn refresh(&mut self, root: &Path, found: Vec<(ContentKind, PathBuf)>) {
        let stamped: Vec<_> = found
            .into_par_iter()
            .map(|(kind, rel)| {
                let stamp = stamp(&root.join(&rel));
                (kind, rel, stamp)
            })
            .collect();
        let present: BTreeSet<PathBuf> = stamped.iter().map(|(_, rel, _)| rel.clone()).collect();
        let removed: Vec<PathBuf> = self
            .entries
            .keys()
            .filter(|rel| !present.contains(*rel))
            .cloned()
            .collect();
        let fresh: BTreeMap<PathBuf, CachedFile> = stamped
            .into_par_iter()
            .filter(|(_, rel, stamp)| {
                self.entries
                    .get(rel)
                    .is_none_or(|c| c.stamp != *stamp || stamp.0.is_none())
            })
            .map(|(kind, rel, stamp)| {
                let item = read_item(root, kind.clone(), &rel);
                (rel, CachedFile { stamp, kind, item })
            })
            .collect();
        for rel in &removed {
            self.entries.remove(rel);
        }
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
        let fresh: Vec<(PathBuf, CachedFile)> = files
            .par_iter()
            .map(|rel| {
                let kind = self.entries[rel].kind.clone();
                let item = read_item(root, kind.clone(), rel);
                let stamp = stamp(&root.join(rel));
                (rel.clone(), CachedFile { stamp, kind, item })
            })
            .collect();
        self.entries.extend(fresh);
        true
    }

    /// The files of the partnerships `keys`, parsed or not.
    pub(super) fn partnership_files(
        &self,
        keys: &BTreeSet<String>,
    ) -> Vec<(ContentKind, Result<Item, Diagnostic>)> {
        self.entries
            .values()
            .filter(
                |c| matches!(&c.kind, ContentKind::Partnership { key, .. } if keys.contains(key)),
            )
            .map(|c| (c.kind.clone(), c.item.clone()))
            .collect()
    }

    /// The countries that have a file.
    pub(super) fn country_files(&self) -> BTreeSet<String> {
        self.entries
            .values()
            .filter_map(|c| match &c.kind {
                ContentKind::Country { code } => Some(code.clone()),
                _ => None,
            })
            .collect()
    }

    /// Every file of the last load, sorted by path, parsed or not.
    pub(super) fn items(&self) -> Vec<(ContentKind, Result<Item, Diagnostic>)> {
        self.entries
            .values()
            .map(|c| (c.kind.clone(), c.item.clone()))
            .collect()
    }
}
