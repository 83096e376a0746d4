//! Media the pages show: logos and flags at the sizes the theme displays
//! them, and videos as click-to-load embeds.
//!
//! Every logo and flag a page shows is measured here, once per build, and
//! each raster one (PNG, JPEG, WebP) resized to the theme's box at 1× and
//! 2× ([`Role::size`]), never up. A resized file is named after the hash
//! of its source's bytes, `media/<stem>-<hash8>-<w>x<h>.<ext>`, so an
//! unchanged image keeps its address and browsers may cache it for good.
//! Resizing is the slow part of a build, so its results are also kept in
//! `.passerelle-cache/images/` in the site folder ([`cache`]): a cache that
//! may be deleted at any time and only costs time when it is. An SVG is
//! shown as it is, at the size its `viewBox` gives it in the box.
//!
//! The pictures are attached to the catalogue ([`attach`]), where the views
//! find them; the resized files go to the output beside `content/media/`.
//! An image that cannot be read is an error located in the content file
//! that names it, at the name.

mod cache;
mod raster;
mod svg;
pub mod video;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::catalogue::Catalogue;
use crate::diagnostics::display_path;
use crate::diagnostics::{Diagnostic, Diagnostics, Text};
use crate::source::locate;
use crate::text;

/// What an image is shown as; each role has its box in the theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// A partnership's or an institution's logo, in the page's facts.
    Logo,
    /// A country's flag, beside the country's name.
    Flag,
}

impl Role {
    /// The box the default theme shows the image in, in CSS pixels. Files
    /// are made at this size and at twice it, for high-density screens.
    pub fn size(self) -> (u32, u32) {
        match self {
            Role::Logo => (160, 80),
            Role::Flag => (32, 24),
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
}

impl Picture {
    /// The file as it is, at no declared size.
    pub fn plain(file: &str) -> Picture {
        Picture {
            src: media_path(file),
            src_2x: None,
            width: None,
            height: None,
        }
    }
}

/// The pictures of a site's logos and flags, and the resized files.
#[derive(Debug, Clone, Default)]
pub struct Images {
    pictures: BTreeMap<(Role, String), Picture>,
    /// Output path (`media/logos/helmo-0a1b2c3d-160x80.png`) → bytes;
    /// shared, so that a catalogue's copy does not copy them.
    files: Arc<BTreeMap<String, Vec<u8>>>,
}

impl Images {
    /// The picture of `file` (relative to `content/media/`) shown as `role`.
    pub fn picture(&self, role: Role, file: &str) -> Option<&Picture> {
        self.pictures.get(&(role, file.to_string()))
    }

    /// A resized file, by output path.
    pub fn file(&self, path: &str) -> Option<&Vec<u8>> {
        self.files.get(path)
    }

    /// Every resized file, by output path.
    pub fn files(&self) -> &BTreeMap<String, Vec<u8>> {
        &self.files
    }
}

/// Measures and resizes every logo and flag of the catalogue, in parallel;
/// the result does not depend on the order in which threads finish.
pub fn prepare(root: &Path, catalogue: &Catalogue, diagnostics: &mut Diagnostics) -> Images {
    let uses = uses(catalogue);
    let cache = cache::Cache::open(root);
    let media = root.join("content/media");
    let results: Vec<_> = uses
        .par_iter()
        .map(|((role, file), _)| prepare_one(&media, &cache, *role, file))
        .collect();
    let mut pictures = BTreeMap::new();
    let mut files = BTreeMap::new();
    for (((role, file), users), result) in uses.iter().zip(results) {
        let picture = match result {
            Ok(made) => {
                files.extend(made.files);
                made.picture
            }
            Err(problem) => {
                for user in users {
                    diagnostics.extend(problem.report(root, user, file));
                }
                Picture::plain(file)
            }
        };
        pictures.insert((*role, file.clone()), picture);
    }
    Images {
        pictures,
        files: Arc::new(files),
    }
}

/// A content file that names an image, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
struct User {
    /// The content file, relative to the site root.
    file: PathBuf,
    /// The field, as diagnostics name it.
    field: &'static str,
    /// The YAML key the image's name is written after.
    key: &'static str,
}

/// Every logo and flag the pages show, with the files that name it.
fn uses(catalogue: &Catalogue) -> BTreeMap<(Role, String), Vec<User>> {
    let mut uses: BTreeMap<(Role, String), Vec<User>> = BTreeMap::new();
    let mut used = |role, name: &String, file: PathBuf, field, key| {
        let user = User { file, field, key };
        uses.entry((role, name.clone())).or_default().push(user);
    };
    for p in &catalogue.partnerships {
        let Some(logo) = &p.logo else { continue };
        let file = p
            .texts
            .values()
            .find(|t| t.is_default)
            .map(|t| t.file.clone());
        let file = file.unwrap_or_else(|| format!("content/partnerships/{}.md", p.key).into());
        used(Role::Logo, logo, file, "logo.file", "file");
    }
    for inst in catalogue.institutions.values() {
        let Some(logo) = &inst.logo else { continue };
        let file = format!("content/institutions/{}.yaml", inst.id).into();
        used(Role::Logo, logo, file, "logo", "logo");
    }
    for country in catalogue.countries.values() {
        let Some(flag) = &country.flag else { continue };
        let file = format!("content/countries/{}.yaml", country.code).into();
        used(Role::Flag, flag, file, "flag", "flag");
    }
    uses
}

/// A picture and the files made for it.
struct Made {
    picture: Picture,
    files: Vec<(String, Vec<u8>)>,
}

fn prepare_one(
    media: &Path,
    cache: &cache::Cache,
    role: Role,
    file: &str,
) -> Result<Made, Problem> {
    let path = media.join(file);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        // The catalogue has said so already, at the name.
        Err(_) if !path.is_file() => return Err(Problem::Missing),
        Err(e) => return Err(Problem::Unreadable(e.to_string())),
    };
    if is_svg(file) {
        let size = svg::size(&bytes).map(|s| raster::fit(s, role.size(), true));
        return Ok(Made {
            picture: Picture {
                width: size.map(|s| s.0),
                height: size.map(|s| s.1),
                ..Picture::plain(file)
            },
            files: Vec::new(),
        });
    }
    raster::prepare(file, &bytes, role, cache)
}

fn is_svg(file: &str) -> bool {
    Path::new(file)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
}

/// `media/<file>`, the address of a file of `content/media/`.
fn media_path(file: &str) -> String {
    format!("media/{}", display_path(Path::new(file)))
}

/// Why an image could not be resized.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Problem {
    /// No such file: reported by the catalogue already.
    Missing,
    Unreadable(String),
    /// Not an image, or a damaged one; the decoder's words.
    Corrupt(String),
    /// An image of a kind the build does not resize (GIF, BMP…).
    Unsupported(String),
    TooLarge(u32, u32),
}

impl Problem {
    /// The diagnostic for the content file `user`, pointing at the name.
    fn report(&self, root: &Path, user: &User, file: &str) -> Option<Diagnostic> {
        let (message, hint) = self.words(file)?;
        let mut d = Diagnostic::error(&user.file, message)
            .field(user.field)
            .hint(hint);
        if let Ok(text) = std::fs::read_to_string(root.join(&user.file)) {
            if let Some((line, column)) = locate(&text, user.key, file) {
                d = d.at(&text, line, column);
            }
        }
        if matches!(self, Problem::Unsupported(_)) {
            d = d.as_warning();
        }
        Some(d)
    }

    fn words(&self, file: &str) -> Option<(Text, Text)> {
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
        };
        Some((message, formats))
    }
}
