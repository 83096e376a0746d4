//! The files of `content/media/` as the site publishes them, under
//! `media/`: only the kinds of file the pages use (pictures, PDF and
//! office documents, video captions), each SVG written again clean
//! ([`super::sanitize`]). Any other file is an error naming it, so that a
//! page or a script put there by mistake is never published. The walk
//! itself, and the links it refuses, are `source`'s.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::picture::Images;
use super::sanitize::{self, Cleaned, Refused};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::{Sink, Stamp};
use crate::source;
use crate::text;

/// The extensions published, lower case: pictures, documents, captions.
pub const PUBLISHED: &[&str] = &[
    "png", "jpg", "jpeg", "webp", "gif", "avif", "svg", "pdf", "odt", "ods", "odp", "doc", "docx",
    "xls", "xlsx", "ppt", "pptx", "rtf", "csv", "vtt", "srt",
];

/// Files that operating systems leave in folders: never published, never
/// an error.
const SYSTEM_FILES: &[&str] = &["thumbs.db", "desktop.ini"];

/// The files of `content/media/` to publish: output path → bytes.
pub fn published(root: &Path, diagnostics: &mut Diagnostics) -> BTreeMap<String, Vec<u8>> {
    let files = gather(root, diagnostics);
    let read = read_all(files, diagnostics);
    clean_svgs(read, diagnostics)
}

/// Puts the files of `content/media/` into `sink`. A picture whose length
/// and hash the images' index gives ([`Images::source`]) is read only when
/// the output does not hold it already.
pub fn publish(root: &Path, images: &Images, sink: &dyn Sink, diagnostics: &mut Diagnostics) {
    let mut unread = Vec::new();
    let mut rest = BTreeMap::new();
    for (path, file) in gather(root, diagnostics) {
        match known(images, &path) {
            Some(stamp) => unread.push((path, file, stamp)),
            None => {
                rest.insert(path, file);
            }
        }
    }
    let lost = Mutex::new(Vec::new());
    unread.par_iter().for_each(|(path, file, stamp)| {
        let bytes = || {
            let bytes = fs::read(file);
            if let Err(e) = &bytes {
                let mut lost = lost.lock().unwrap_or_else(|e| e.into_inner());
                lost.push(cannot_read(path, e));
            }
            bytes.ok()
        };
        sink.put_known(path.clone(), *stamp, &bytes);
    });
    let mut lost = lost.into_inner().unwrap_or_else(|e| e.into_inner());
    lost.sort_by_key(|d| d.file.clone());
    diagnostics.extend(lost);
    let read = read_all(rest, diagnostics);
    clean_svgs(read, diagnostics)
        .into_par_iter()
        .for_each(|(path, bytes)| sink.put(path, bytes));
}

/// The length and hash of the published file `path` (`media/…`), when the
/// images' index knows them; never for an SVG, which is written again.
fn known(images: &Images, path: &str) -> Option<Stamp> {
    let file = path.strip_prefix("media/")?;
    (extension(file).as_deref() != Some("svg"))
        .then(|| images.source(file))
        .flatten()
}

/// The files of `content/media/` to publish, by output path, unread; a
/// file of a kind that is not published is an error.
fn gather(root: &Path, diagnostics: &mut Diagnostics) -> BTreeMap<String, PathBuf> {
    let mut files = BTreeMap::new();
    source::collect_media(root, &mut files, diagnostics);
    files.retain(|path, _| {
        let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
        if SYSTEM_FILES.contains(&name.as_str()) {
            return false;
        }
        let published = extension(path).is_some_and(|e| PUBLISHED.contains(&e.as_str()));
        if !published {
            diagnostics.push(not_published(path));
        }
        published
    });
    files
}

/// The bytes of `files`, read on every core; a file that cannot be read
/// is an error.
fn read_all(
    files: BTreeMap<String, PathBuf>,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<String, Vec<u8>> {
    let read: Vec<(String, std::io::Result<Vec<u8>>)> = files
        .into_par_iter()
        .map(|(path, file)| {
            let bytes = fs::read(&file);
            (path, bytes)
        })
        .collect();
    let mut out = BTreeMap::new();
    for (path, bytes) in read {
        match bytes {
            Ok(bytes) => {
                out.insert(path, bytes);
            }
            Err(e) => diagnostics.push(cannot_read(&path, &e)),
        }
    }
    out
}

/// A file of `content/media/` that cannot be read (`path`: `media/…`).
fn cannot_read(path: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        &Path::new("content").join(path),
        text!(
            "cannot read this file: {e}",
            "impossible de lire ce fichier : {e}"
        ),
    )
}

/// `files` with each SVG written again clean, or left out with an error
/// when it cannot be read as one.
fn clean_svgs(
    mut files: BTreeMap<String, Vec<u8>>,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<String, Vec<u8>> {
    let cleaned: Vec<(String, Result<Cleaned, Refused>)> = files
        .par_iter()
        // An empty file holds nothing to run (and stands in for the images
        // in the copy of the site that `import` and the editor check).
        .filter(|(path, bytes)| extension(path).as_deref() == Some("svg") && !bytes.is_empty())
        .map(|(path, bytes)| (path.clone(), sanitize::clean(bytes)))
        .collect();
    for (path, result) in cleaned {
        let source = Path::new("content").join(&path);
        let original = String::from_utf8_lossy(&files[&path]).into_owned();
        match result {
            Ok(clean) => {
                if let Some(d) = removed_warning(&source, &original, &clean) {
                    diagnostics.push(d);
                }
                files.insert(path, clean.bytes);
            }
            Err(refused) => {
                diagnostics.push(refused_error(&source, &original, &refused));
                files.remove(&path);
            }
        }
    }
    files
}

fn extension(path: &str) -> Option<String> {
    let name = path.rsplit('/').next()?;
    let (_, ext) = name.rsplit_once('.')?;
    Some(ext.to_ascii_lowercase())
}

/// A file of a kind the pages never use.
fn not_published(path: &str) -> Diagnostic {
    let source = Path::new("content").join(path);
    let kind = extension(path).map_or_else(|| "?".to_string(), |e| format!(".{e}"));
    let list = PUBLISHED.join(", ");
    Diagnostic::error(
        &source,
        text!(
            "a `{kind}` file is not published from `content/media/`: only pictures, PDF and office documents, and video captions are",
            "un fichier `{kind}` n'est pas publié depuis `content/media/` : seuls les images, les PDF et documents bureautiques et les sous-titres de vidéos le sont"
        ),
    )
    .hint(text!(
        "move this file out of `content/media/` (or delete it); published kinds: {list}",
        "déplacez ce fichier hors de `content/media/` (ou supprimez-le) ; types publiés : {list}"
    ))
}

/// What the clean copy of an SVG left out, in one warning at the first.
fn removed_warning(source: &Path, original: &str, clean: &Cleaned) -> Option<Diagnostic> {
    let first = clean.removed.first()?;
    let list = clean
        .removed
        .iter()
        .map(|r| format!("{} (line {})", r.what, r.line))
        .collect::<Vec<_>>()
        .join(", ");
    let liste = clean
        .removed
        .iter()
        .map(|r| format!("{} (ligne {})", r.what, r.line))
        .collect::<Vec<_>>()
        .join(", ");
    let d = Diagnostic::warning(
        source,
        text!(
            "this SVG holds what could run a script or load a file from elsewhere; the published copy leaves it out: {list}",
            "ce SVG contient de quoi lancer un script ou charger un fichier ailleurs ; la copie publiée l'omet : {liste}"
        ),
    )
    .hint(text!(
        "if the image looks right on the site, nothing to do; else export it again as a plain SVG (in Inkscape: Save as, Plain SVG)",
        "si l'image s'affiche bien sur le site, il n'y a rien à faire ; sinon exportez-la à nouveau en SVG simple (dans Inkscape : Enregistrer sous, SVG simple)"
    ));
    Some(d.at(original, first.line, first.column))
}

/// An SVG that cannot be read: not published.
fn refused_error(source: &Path, original: &str, refused: &Refused) -> Diagnostic {
    let reason = &refused.reason;
    Diagnostic::error(
        source,
        text!(
            "this SVG image cannot be read, so it is not published: {reason}",
            "cette image SVG est illisible, elle n'est donc pas publiée : {reason}"
        ),
    )
    .hint(text!(
        "open it in an image editor and export it again as SVG, or use a PNG instead",
        "ouvrez-la dans un logiciel d'images et exportez-la à nouveau en SVG, ou utilisez plutôt un PNG"
    ))
    .at(original, refused.line, refused.column)
}
