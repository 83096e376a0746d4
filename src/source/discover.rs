//! Finding the content files: the walk of `content/`, in a stable order,
//! each file classified by its place and name ([`ContentKind`]), and the
//! files of `content/media/`, copied to the output as they are. Folders
//! that cannot be entered and links that lead out of the site are reported
//! here, never silently skipped.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::file::unreadable;
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use crate::text;
use crate::types::item::Section;

/// What a file under `content/` is, from its place and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentKind {
    Partnership { key: String, lang: String },
    Page { key: String, lang: String },
    Country { code: String },
    Institution { id: String },
    Themes,
    Programmes,
}

/// Lists the content files in a stable order, classifying each one.
/// Files that fit no known place are reported, never silently skipped.
pub fn discover(root: &Path, diagnostics: &mut Diagnostics) -> Vec<(ContentKind, PathBuf)> {
    let content = root.join("content");
    let mut found = Vec::new();
    if !content.is_dir() {
        diagnostics.push(Diagnostic::error(
            Path::new("content"),
            text!(
                "the site has no `content/` folder",
                "le site n'a pas de dossier `content/`"
            ),
        ));
        return found;
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut walker = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e.file_name().to_str().unwrap_or("")));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                diagnostics.push(walk_error(root, &content, &e));
                continue;
            }
        };
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let rel = rel.to_path_buf();
        if entry.path_is_symlink() {
            if let Some(refused) = refused_link(&canonical_root, entry.path(), &rel) {
                diagnostics.push(refused);
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        if entry.file_type().is_dir() {
            // A folder named like a content file is a mistake, not a section.
            if let Some(Some(_)) = classify(&rel) {
                diagnostics.push(folder_named_as_file(&rel));
            }
        } else if entry.file_type().is_file() {
            // A misnamed file is read under the name it should have.
            let classified = match super::names::misnamed(&rel) {
                Some((proper, _)) if root.join(&proper).exists() => {
                    diagnostics.push(super::names::shadowed(&rel, &proper));
                    continue;
                }
                Some((proper, diagnostic)) => {
                    diagnostics.push(diagnostic);
                    classify(&proper)
                }
                None => classify(&rel),
            };
            match classified {
                Some(Some(kind)) => found.push((kind, rel)),
                Some(None) => {}
                None => diagnostics.push(not_content(&rel)),
            }
        }
    }
    found
}

/// A folder where a content file is expected.
fn folder_named_as_file(rel: &Path) -> Diagnostic {
    Diagnostic::error(
        rel,
        text!(
            "this is a folder, but its name is that of a content file",
            "ceci est un dossier, mais son nom est celui d'un fichier de contenu"
        ),
    )
    .hint(text!(
        "the text of an item is a file, not a folder: rename or remove this folder",
        "le texte d'un élément est un fichier, pas un dossier : renommez ou supprimez ce dossier"
    ))
}

/// A file in no place the catalogue reads.
fn not_content(rel: &Path) -> Diagnostic {
    Diagnostic::warning(rel, text!("this file is not part of the catalogue and was ignored", "ce fichier ne fait pas partie du catalogue ; il a été ignoré"))
        .hint(text!("partnerships and pages are `<key>.<lang>.md`, countries and institutions `<id>.yaml`, media files go in `content/media/`", "les partenariats et les pages s'appellent `<clé>.<langue>.md`, les pays et les établissements `<id>.yaml` ; les images vont dans `content/media/`"))
}

/// A folder or file of `content/` that the walk could not enter: a
/// symbolic link to one of its own ancestors, or an unreadable entry.
fn walk_error(root: &Path, content: &Path, e: &walkdir::Error) -> Diagnostic {
    let path = e.path().unwrap_or(content);
    let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    if let Some(ancestor) = e.loop_ancestor() {
        let ancestor = ancestor.strip_prefix(root).unwrap_or(ancestor);
        let ancestor = display_path(ancestor);
        return Diagnostic::error(&rel, text!("this is a symbolic link to `{ancestor}`, a folder that contains it: it would be read forever, so it was skipped", "c'est un lien symbolique vers `{ancestor}`, un dossier qui le contient : il serait lu sans fin, il a donc été ignoré"))
            .hint(text!("delete this link: a folder cannot hold itself", "supprimez ce lien : un dossier ne peut pas se contenir lui-même"));
    }
    let message = match e.io_error() {
        Some(io) => unreadable(path, io),
        None => text!(
            "cannot read this file or folder: {e}",
            "impossible de lire ce fichier ou ce dossier : {e}"
        ),
    };
    Diagnostic::error(&rel, message)
}

/// Why the symbolic link at `path` (`rel` in the site) is not followed, if
/// it is not. A link is followed only to a place inside its own folder of
/// `content/` (`content/media/…`, `content/partnerships/…`): one that
/// leads out of the site could publish any file of the computer, and one
/// that leads to another part of the site would publish it as media (the
/// sources, their private contacts and drafts, `site.yaml`) or read a
/// file twice. Each link is checked where it is, once, whatever it holds.
fn refused_link(canonical_root: &Path, path: &Path, rel: &Path) -> Option<Diagnostic> {
    // A link that leads nowhere is reported by the walk itself.
    let target = path.canonicalize().ok()?;
    let own_folder: PathBuf = rel.components().take(2).collect();
    if rel.components().count() > 2 && target.starts_with(canonical_root.join(&own_folder)) {
        return None;
    }
    let Ok(inside) = target.strip_prefix(canonical_root) else {
        return Some(outside_link(rel));
    };
    let to = display_path(inside);
    let folder = display_path(&own_folder);
    let d = Diagnostic::error(rel, text!(
        "this is a symbolic link to `{to}`, another part of the site: links are followed only within `{folder}/`, so it was not read",
        "c'est un lien symbolique vers `{to}`, une autre partie du site : les liens ne sont suivis qu'à l'intérieur de `{folder}/`, il n'a donc pas été lu"
    ))
    .hint(text!(
        "copy the file here instead of linking to it, or delete the link",
        "copiez le fichier ici au lieu d'y faire un lien, ou supprimez le lien"
    ));
    Some(d)
}

/// A symbolic link that leads out of the site is never read: the site
/// could otherwise publish any file of the computer.
fn outside_link(rel: &Path) -> Diagnostic {
    Diagnostic::error(
        rel,
        text!(
            "this file is a link to a file outside the site's folder; it was not read",
            "ce fichier est un lien vers un fichier hors du dossier du site ; il n'a pas été lu"
        ),
    )
    .hint(text!(
        "copy the file into the site instead of linking to it",
        "copiez le fichier dans le site au lieu d'y faire un lien"
    ))
}

fn is_hidden(name: &str) -> bool {
    name.starts_with('.') && name != "." && name != ".."
}

/// `Some(Some(kind))` for a content file, `Some(None)` for a file that is
/// rightly not content (media), `None` for a file in no known place.
fn classify(rel: &Path) -> Option<Option<ContentKind>> {
    let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
    let (section, name) = match parts.as_slice() {
        ["content", "media", ..] => return Some(None),
        ["content", section, name] => (*section, *name),
        _ => return None,
    };
    let keyed_md = |name: &str| {
        let stem = name.strip_suffix(".md")?;
        let (key, lang) = stem.rsplit_once('.')?;
        Some((key.to_string(), lang.to_string()))
    };
    let yaml_stem = |name: &str| {
        name.strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".yml"))
            .map(str::to_string)
    };
    let kind = match Section::parse(section) {
        Some(Section::Partnerships) => {
            keyed_md(name).map(|(key, lang)| ContentKind::Partnership { key, lang })
        }
        Some(Section::Pages) => keyed_md(name).map(|(key, lang)| ContentKind::Page { key, lang }),
        Some(Section::Countries) => yaml_stem(name).map(|code| ContentKind::Country { code }),
        Some(Section::Institutions) => yaml_stem(name).map(|id| ContentKind::Institution { id }),
        // Themes and programmes are files of `content/taxonomies/`, not folders.
        Some(Section::Themes | Section::Programmes) => None,
        None if section == "taxonomies" => {
            match yaml_stem(name).as_deref().and_then(Section::parse) {
                Some(Section::Themes) => Some(ContentKind::Themes),
                Some(Section::Programmes) => Some(ContentKind::Programmes),
                _ => None,
            }
        }
        None => None,
    };
    kind.map(Some)
}

/// Adds the files of `content/media/` to the output, under `media/`:
/// output path → the file, to read.
pub fn collect_media(
    root: &Path,
    files: &mut std::collections::BTreeMap<String, PathBuf>,
    diagnostics: &mut Diagnostics,
) {
    let media = root.join("content/media");
    if !media.is_dir() {
        return;
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut walker = WalkDir::new(&media)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diagnostics.push(walk_error(root, &media, &e));
                continue;
            }
        };
        let rel = entry.path().strip_prefix(&media).unwrap_or(entry.path());
        let site_rel = Path::new("content/media").join(rel);
        if entry.path_is_symlink() {
            if let Some(refused) = refused_link(&canonical_root, entry.path(), &site_rel) {
                diagnostics.push(refused);
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        if !entry.file_type().is_file() || is_hidden(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let path = entry.path().to_path_buf();
        files.insert(format!("media/{}", display_path(rel)), path);
    }
}

/// Whether `content/media/<file>` is a file (links followed): what a
/// logo or flag named in the content must be.
pub fn media_exists(root: &Path, file: &Path) -> bool {
    root.join("content/media").join(file).is_file()
}
