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
//! The pictures ([`Images`], made by [`prepare`]) go beside the catalogue
//! to the renderer, where the views find them; the resized files go to the
//! output beside `content/media/`, whose files are published by
//! [`published`]: only the kinds pages use, SVGs written again clean.
//! An image that cannot be read is an error located in the content file
//! that names it, at the name.

mod cache;
mod picture;
mod publish;
mod raster;
mod sanitize;
mod svg;
pub mod video;

pub use picture::{Images, Picture, Role};
use picture::{Made, Problem};
pub use publish::{published, PUBLISHED};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::catalogue::Catalogue;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::locate;

/// Measures and resizes every logo and flag of the catalogue, in parallel;
/// the result does not depend on the order in which threads finish.
pub fn prepare(root: &Path, catalogue: &Catalogue, diagnostics: &mut Diagnostics) -> Images {
    let uses = uses(catalogue);
    let cache = cache::Cache::open(root);
    let media = root.join("content/media");
    let max = catalogue.config.limits.image;
    let results: Vec<_> = uses
        .par_iter()
        .map(|((role, file), _)| prepare_one(&media, &cache, *role, file, max))
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

fn prepare_one(
    media: &Path,
    cache: &cache::Cache,
    role: Role,
    file: &str,
    max: u64,
) -> Result<Made, Problem> {
    let path = media.join(file);
    if let Ok(meta) = std::fs::metadata(&path) {
        if meta.len() > max {
            return Err(Problem::TooHeavy(meta.len(), max));
        }
    }
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
}
