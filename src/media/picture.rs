//! The pictures of logos and flags as the views use them, and the reasons
//! an image could not be prepared.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use image::ImageFormat;
use serde::Serialize;

use super::cache::Cache;
use crate::diagnostics::{display_path, Text};
use crate::output::Stamp;
use crate::text;
use crate::types::limits::show_size;

/// What an image is shown as; each role has its box in the theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// A partnership's or an institution's logo, in the page's facts.
    Logo,
    /// A country's flag, beside the country's name.
    Flag,
    /// The site's icon, made from `appearance.logo`: the browser tab's
    /// (32 pixels) and the touch icon (180 pixels, as `src_2x`).
    Icon,
    /// A partnership's cover, or a picture in a text: made at several
    /// widths ([`PHOTO_WIDTHS`]) for the browser to choose from.
    Photo,
}

/// The widths a photo is made at: a card's picture, the text column, the
/// text column on a high-density screen (and a card's at 2× or 3×).
pub const PHOTO_WIDTHS: [u32; 3] = [400, 800, 1200];

impl Role {
    /// The box the default theme shows the image in, in CSS pixels. Files
    /// are made at this size and at twice it, for high-density screens.
    pub fn size(self) -> (u32, u32) {
        match self {
            Role::Logo => (160, 80),
            Role::Flag => (32, 24),
            Role::Icon => (180, 180),
            Role::Photo => (1200, 1200),
        }
    }

    /// Its name in the cache's index.
    pub fn name(self) -> &'static str {
        match self {
            Role::Logo => "logo",
            Role::Flag => "flag",
            Role::Icon => "icon",
            Role::Photo => "photo",
        }
    }
}

/// An image as templates write it: `<img src srcset width height>`. Paths
/// are relative to the site root, like every `url` of the views.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Picture {
    pub src: String,
    /// The file for screens of twice the density (`srcset="… 2x"`), when
    /// the source is large enough to make one.
    pub src_2x: Option<String>,
    /// The size to show it at, in CSS pixels; unknown for an SVG without
    /// a `viewBox` or a size, and for an image that could not be read.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// A photo's files by width, for `srcset` with `sizes`
    /// (`media/photos/x-…-400x267.jpg 400w, …`); empty for a logo or flag.
    pub srcset: Vec<Candidate>,
    /// The same widths in WebP, when that is smaller than the source's
    /// format, for a `<source type="image/webp">`; else empty.
    pub webp_srcset: Vec<Candidate>,
}

/// A file of a `srcset`, its path relative to the site root, and its width.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub src: String,
    pub w: u32,
}

impl Picture {
    /// The file as it is, at no declared size.
    pub fn plain(file: &str) -> Picture {
        Picture {
            src: media_path(file),
            src_2x: None,
            width: None,
            height: None,
            srcset: Vec::new(),
            webp_srcset: Vec::new(),
        }
    }
}

/// The pictures of a site's logos and flags, and the resized files.
#[derive(Debug, Clone, Default)]
pub struct Images {
    pub(super) pictures: BTreeMap<(Role, String), Picture>,
    /// Output path (`media/logos/helmo-0a1b2c3d-160x80.png`) → file;
    /// shared, so that a catalogue's copy does not copy them.
    pub(super) files: Arc<BTreeMap<String, Resized>>,
    /// `content/media/`, for the files texts link to; `None` when the
    /// images were not prepared.
    pub(super) media_dir: Option<PathBuf>,
    /// The length and hash of each raster source (by its name in
    /// `content/media/`) the index knew as the file is now.
    pub(super) sources: BTreeMap<String, Stamp>,
}

impl Images {
    /// The picture of `file` (relative to `content/media/`) shown as `role`.
    pub fn picture(&self, role: Role, file: &str) -> Option<&Picture> {
        self.pictures.get(&(role, file.to_string()))
    }

    /// The length and hash of `content/media/<file>`, a raster image the
    /// pages show, when the images' index knows them.
    pub fn source(&self, file: &str) -> Option<Stamp> {
        self.sources.get(file).copied()
    }

    /// The length of `content/media/<file>`, when it is a file of the
    /// folder; `None` also when the images were not prepared.
    pub fn media_file(&self, file: &str) -> Option<u64> {
        let dir = self.media_dir.as_ref()?;
        let path = Path::new(file);
        let inside = path.components().all(|c| matches!(c, Component::Normal(_)));
        let meta = std::fs::metadata(dir.join(path)).ok()?;
        (inside && meta.is_file()).then_some(meta.len())
    }

    /// Whether the files texts link to can be checked.
    pub fn knows_media(&self) -> bool {
        self.media_dir.is_some()
    }

    /// Every file of `content/media/`, relative to it, for suggestions.
    pub fn media_names(&self) -> Vec<String> {
        let Some(dir) = &self.media_dir else {
            return Vec::new();
        };
        walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                let rel = e.path().strip_prefix(dir).ok()?;
                Some(display_path(rel))
            })
            .collect()
    }
}

/// A resized file: its size and hash, and its bytes, or the cache's file
/// that holds them (read only when the output has no copy of them yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resized {
    pub stamp: Stamp,
    pub(super) held: Held,
}

/// Where a resized file's bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Held {
    /// Made (or read to be checked) by this build.
    Made(Vec<u8>),
    /// The cache's file, unread, and how to make it again should it turn
    /// out damaged when it is read.
    Cached(PathBuf, Remake),
}

/// How to make a resized file of the cache again from its source, when
/// the cache's copy turns out to be damaged as it is read
/// ([`super::raster`] does it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Remake {
    pub source: PathBuf,
    pub size: (u32, u32),
    /// The made file's format, when not the source's.
    pub format: Option<ImageFormat>,
    pub cache: Cache,
    pub cache_name: String,
}

/// A picture and the files made for it.
pub(super) struct Made {
    pub picture: Picture,
    pub files: Vec<(String, Resized)>,
}

/// `media/<file>`, the address of a file of `content/media/`.
pub(super) fn media_path(file: &str) -> String {
    format!("media/{}", display_path(Path::new(file)))
}

/// Why an image could not be resized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Problem {
    /// No such file: reported by the catalogue already.
    Missing,
    Unreadable(String),
    /// Not an image, or a damaged one; the decoder's words.
    Corrupt(String),
    /// An image of a kind the build does not resize (GIF, BMP…).
    Unsupported(String),
    TooLarge(u32, u32),
    /// The file ends before its image does.
    Truncated,
    /// The file is larger than the site's limit (size, limit, in bytes).
    TooHeavy(u64, u64),
    /// A source heavier than [`HEAVY`] bytes: shown resized, but slow to
    /// upload and to keep; a warning.
    Heavy(u64),
}

/// The weight over which a source image gets a warning: a photo exported
/// for the web weighs far less, a camera's original far more.
pub const HEAVY: u64 = 5 * 1024 * 1024;

impl Problem {
    /// What to tell the editor about `file`, and the advice; nothing for
    /// a missing file, which the catalogue has reported already.
    pub(super) fn words(&self, file: &str) -> Option<(Text, Text)> {
        let formats = text!(
            "use a PNG, JPEG, WebP or SVG file; exporting the image again from its original usually helps",
            "utilisez un fichier PNG, JPEG, WebP ou SVG ; exporter à nouveau l'image depuis son original règle souvent le problème"
        );
        let message = match self {
            Problem::Missing => return None,
            Problem::Unreadable(e) => text!(
                "cannot read the image `{file}`: {e}",
                "impossible de lire l'image `{file}` : {e}"
            ),
            Problem::Corrupt(e) => text!(
                "the image `{file}` cannot be read: {e}",
                "l'image `{file}` est illisible : {e}"
            ),
            Problem::Unsupported(kind) => text!(
                "the image `{file}` is a {kind} file: it is shown as it is, not resized",
                "l'image `{file}` est un fichier {kind} : elle est affichée telle quelle, sans être redimensionnée"
            ),
            Problem::TooLarge(w, h) => text!(
                "the image `{file}` is too large to resize ({w} × {h} pixels)",
                "l'image `{file}` est trop grande pour être redimensionnée ({w} × {h} pixels)"
            ),
            Problem::Truncated => text!(
                "the image `{file}` is damaged: the file ends before the image does (a download or a copy cut short)",
                "l'image `{file}` est abîmée : le fichier s'arrête avant la fin de l'image (un téléchargement ou une copie interrompus)"
            ),
            Problem::TooHeavy(size, max) => {
                let ((size_en, size_fr), (max_en, max_fr)) = (show_size(*size), show_size(*max));
                let hint = text!(
                    "export it smaller (a logo needs a few hundred pixels), or raise `limits: {{image: …}}` in site.yaml",
                    "exportez-la plus petite (un logo n'a besoin que de quelques centaines de pixels), ou relevez `limits: {{image: …}}` dans site.yaml"
                );
                let message = text!(
                    "the image `{file}` is {size_en}, more than the {max_en} an image may be",
                    "l'image `{file}` fait {size_fr}, plus que les {max_fr} permis pour une image"
                );
                return Some((message, hint));
            }
            Problem::Heavy(len) => {
                let mb = format!("{:.1}", *len as f64 / 1_048_576.0);
                let mo = mb.replace('.', ",");
                return Some((
                    text!(
                        "the image `{file}` weighs {mb} MB: it is shown resized, but the original is published too",
                        "l'image `{file}` pèse {mo} Mo : elle est affichée redimensionnée, mais l'original est publié aussi"
                    ),
                    text!(
                        "export it again at 2,400 pixels wide at most (JPEG quality 80), which weighs under 1 MB",
                        "exportez-la à nouveau en 2 400 pixels de large au plus (JPEG qualité 80), soit moins de 1 Mo"
                    ),
                ));
            }
        };
        Some((message, formats))
    }
}
