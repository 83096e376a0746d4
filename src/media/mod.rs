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
mod index;
mod picture;
mod publish;
mod raster;
mod sanitize;
mod svg;
pub mod text;
pub mod video;

pub use picture::{Candidate, Images, Picture, Role, PHOTO_WIDTHS};
use picture::{Made, Problem};
pub use publish::{publish, published, PUBLISHED};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::catalogue::{Catalogue, Partnership};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::Markdown;
use crate::output::Sink;
use crate::source::locate;
use crate::text;

/// Measures and resizes every logo and flag of the catalogue, in parallel;
/// the result does not depend on the order in which threads finish.
pub fn prepare(root: &Path, catalogue: &Catalogue, diagnostics: &mut Diagnostics) -> Images {
    let uses = uses(catalogue);
    let cache = cache::Cache::open(root);
    let index = index::Index::read(cache.dir().map(PathBuf::as_path));
    let media = root.join("content/media");
    let max = catalogue.config.limits.image;
    let results: Vec<_> = uses
        .par_iter()
        .map(|((role, file), _)| prepare_one(&media, &cache, &index, *role, file, max))
        .collect();
    let mut pictures = BTreeMap::new();
    let mut files = BTreeMap::new();
    let mut entries = BTreeMap::new();
    let mut sources = BTreeMap::new();
    for (((role, file), users), result) in uses.iter().zip(results) {
        let picture = match result {
            Ok((made, entry)) => {
                files.extend(made.files);
                if let Some(entry) = entry {
                    if entry.stamp.len > picture::HEAVY {
                        let heavy = Problem::Heavy(entry.stamp.len);
                        let user = &users[0];
                        diagnostics.extend(heavy.report(root, user, file));
                    }
                    if let Some(source) = entry.source {
                        sources.insert(file.clone(), source.stamp());
                    }
                    entries.insert(index::Index::key(role.name(), file), entry);
                }
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
    index.replace(cache.dir(), entries);
    Images {
        pictures,
        files: Arc::new(files),
        media_dir: Some(media),
        sources,
    }
}

impl Images {
    /// A resized file's bytes, by output path.
    pub fn file(&self, path: &str) -> Option<Vec<u8>> {
        self.files.get(path)?.bytes()
    }

    /// Puts every resized file into `sink`, in parallel. A file of the
    /// cache that could be made neither from the cache nor from its source
    /// (changed during the build) is an error.
    pub fn put_into(&self, sink: &dyn Sink, diagnostics: &mut Diagnostics) {
        let lost = Mutex::new(Vec::new());
        self.files.par_iter().for_each(|(path, file)| {
            let bytes = || {
                let bytes = file.bytes();
                if let (None, picture::Held::Cached(_, remake)) = (&bytes, &file.held) {
                    let mut lost = lost.lock().unwrap_or_else(|e| e.into_inner());
                    lost.push(remake.source.clone());
                }
                bytes
            };
            sink.put_known(path.clone(), file.stamp, &bytes);
        });
        let mut lost = lost.into_inner().unwrap_or_else(|e| e.into_inner());
        lost.sort();
        lost.dedup();
        let root = self.media_dir.as_ref().and_then(|m| m.parent()?.parent());
        for source in lost {
            let file = root.and_then(|r| source.strip_prefix(r).ok());
            diagnostics.push(changed_during_build(file.unwrap_or(&source)));
        }
    }
}

/// A resized file that could not be written: its source changed or went
/// away during the build.
fn changed_during_build(source: &Path) -> Diagnostic {
    Diagnostic::error(
        source,
        text!(
            "this image changed or was removed while the site was being built, so its resized copies could not be made",
            "cette image a changé ou a été supprimée pendant la construction du site, ses copies redimensionnées n'ont donc pas pu être faites"
        ),
    )
    .hint(text!(
        "build again once the image is saved",
        "reconstruisez une fois l'image enregistrée"
    ))
}

/// The logo, cover and pictures one partnership shows.
fn partnership_uses(p: &Partnership) -> Vec<(Role, String, User)> {
    let mut found = Vec::new();
    let default = p.texts.values().find(|t| t.is_default);
    let file = || match default {
        Some(text) => text.file.clone(),
        None => format!("content/partnerships/{}.md", p.key).into(),
    };
    if let Some(logo) = &p.logo {
        found.push((
            Role::Logo,
            logo.clone(),
            User::new(file(), "logo.file", "file"),
        ));
    }
    if let Some(cover) = &p.image {
        let user = User::new(file(), "image.file", "file");
        found.push((Role::Photo, cover.file.clone(), user));
    }
    for text in p.texts.values() {
        found.extend(body_uses(&text.body, &text.file));
    }
    found
}

/// The pictures a text shows, named in `file`.
fn body_uses<'f>(
    body: &Markdown,
    file: &'f Path,
) -> impl Iterator<Item = (Role, String, User)> + 'f {
    let user = move || User::new(file.to_path_buf(), "body", "@/media/");
    text::pictures(body)
        .into_iter()
        .map(move |photo| (Role::Photo, photo, user()))
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

impl User {
    fn new(file: PathBuf, field: &'static str, key: &'static str) -> User {
        User { file, field, key }
    }
}

/// Every logo and flag the pages show, with the files that name it.
fn uses(catalogue: &Catalogue) -> BTreeMap<(Role, String), Vec<User>> {
    let mut uses: BTreeMap<(Role, String), Vec<User>> = BTreeMap::new();
    let mut used = |role, name: String, user| uses.entry((role, name)).or_default().push(user);
    // The partnerships are looked at on every core; their uses are then
    // gathered in the catalogue's order.
    let found: Vec<Vec<(Role, String, User)>> = catalogue
        .partnerships
        .par_iter()
        .map(partnership_uses)
        .collect();
    for (role, name, user) in found.into_iter().flatten() {
        used(role, name, user);
    }
    for page in &catalogue.pages {
        for text in page.texts.values() {
            for (role, name, user) in body_uses(&text.body, &text.body.file) {
                used(role, name, user);
            }
        }
    }
    if let Some(logo) = &catalogue.config.appearance.logo {
        if !is_svg(&logo.file) {
            let user = User::new("site.yaml".into(), "appearance.logo", "logo");
            used(Role::Icon, logo.file.clone(), user);
        }
    }
    for inst in catalogue.institutions.values() {
        let Some(logo) = &inst.logo else { continue };
        let file = format!("content/institutions/{}.yaml", inst.id).into();
        used(Role::Logo, logo.clone(), User::new(file, "logo", "logo"));
    }
    for country in catalogue.countries.values() {
        let Some(flag) = &country.flag else { continue };
        let file = format!("content/countries/{}.yaml", country.code).into();
        used(Role::Flag, flag.clone(), User::new(file, "flag", "flag"));
    }
    uses
}

/// A picture and its files; for a raster image, what the cache's index
/// keeps of it.
type Prepared = (Made, Option<index::Entry>);

fn prepare_one(
    media: &Path,
    cache: &cache::Cache,
    index: &index::Index,
    role: Role,
    file: &str,
    max: u64,
) -> Result<Prepared, Problem> {
    let path = media.join(file);
    // The catalogue has said so already, at the name.
    if !path.is_file() {
        return Err(Problem::Missing);
    }
    if let Ok(meta) = std::fs::metadata(&path) {
        if meta.len() > max {
            return Err(Problem::TooHeavy(meta.len(), max));
        }
    }
    if is_svg(file) {
        let bytes = std::fs::read(&path).map_err(|e| Problem::Unreadable(e.to_string()))?;
        let size = svg::size(&bytes).map(|s| raster::fit(s, role.size(), true));
        let made = Made {
            picture: Picture {
                width: size.map(|s| s.0),
                height: size.map(|s| s.1),
                ..Picture::plain(file)
            },
            files: Vec::new(),
        };
        return Ok((made, None));
    }
    let prepared = raster::prepare(file, &path, role, cache, index)?;
    Ok((prepared.made, Some(prepared.entry)))
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
        if matches!(self, Problem::Unsupported(_) | Problem::Heavy(_)) {
            d = d.as_warning();
        }
        Some(d)
    }
}
