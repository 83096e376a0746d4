//! Reading the site's files: discovery, decoding, front matter, YAML.
//!
//! This stage owns everything about bytes on disk: BOMs, CRLF line endings,
//! invalid UTF-8, unreadable files and symlink loops all become located
//! diagnostics here, so later stages only see clean text. Turning YAML and
//! serde errors into plain words is a subject of its own, in `yaml.rs`.

mod yaml;

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

pub use yaml::{locate, parse_yaml};

use crate::diagnostics::{display_path, Diagnostic, Diagnostics, Text};
use crate::text;

/// A text file of the site, decoded and normalised to LF line endings.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, with `/` separators.
    pub rel: PathBuf,
    pub text: String,
}

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

/// Reads a text file: strips a UTF-8 BOM, turns CRLF into LF, and reports
/// unreadable files and invalid UTF-8 as diagnostics.
pub fn read_text(root: &Path, rel: &Path) -> Result<SourceFile, Diagnostic> {
    let bytes = fs::read(root.join(rel))
        .map_err(|e| Diagnostic::error(rel, unreadable(&root.join(rel), &e)))?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = String::from_utf8_lossy(valid);
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            // Show the whole line, the bad bytes as `�`, so that the word is recognisable.
            let shown = String::from_utf8_lossy(e.as_bytes());
            return Err(Diagnostic::error(rel, text!("this file is not UTF-8 text: the character at this position is written in another encoding", "ce fichier n'est pas du texte UTF-8 : le caractère à cette position est écrit dans un autre encodage"))
                .at(&shown, line, column)
                .hint(text!("save the file with the UTF-8 encoding (in most editors: \"Save with encoding\" → UTF-8)", "enregistrez le fichier avec l'encodage UTF-8 (dans la plupart des éditeurs : « Enregistrer avec l'encodage » → UTF-8)")));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    };
    Ok(SourceFile {
        rel: rel.to_path_buf(),
        text,
    })
}

/// Why `path` cannot be read, in words that say what to do about it.
pub fn unreadable(path: &Path, error: &std::io::Error) -> Text {
    use std::io::ErrorKind;
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && !path.exists() {
        let target = fs::read_link(path).map_or_else(|_| "?".into(), |t| display_path(&t));
        return text!(
            "cannot read this file: it is a symbolic link to `{target}`, which does not exist",
            "impossible de lire ce fichier : c'est un lien symbolique vers `{target}`, qui n'existe pas"
        );
    }
    match error.kind() {
        ErrorKind::PermissionDenied => text!(
            "cannot read this file: permission denied (check who may read it)",
            "impossible de lire ce fichier : permission refusée (vérifiez qui a le droit de le lire)"
        ),
        ErrorKind::NotFound => text!(
            "cannot read this file: it disappeared while the site was being read",
            "impossible de lire ce fichier : il a disparu pendant la lecture du site"
        ),
        _ => text!(
            "cannot read this file: {error}",
            "impossible de lire ce fichier : {error}"
        ),
    }
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
    let walker = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e.file_name().to_str().unwrap_or("")));
    // The depth of the symbolically linked folder the walk is in, if any:
    // only what is reached through a link can lead out of the site, and
    // resolving every path would cost a system call a file.
    let mut linked_depth: Option<usize> = None;
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                diagnostics.push(walk_error(root, &content, &e));
                continue;
            }
        };
        if linked_depth.is_some_and(|d| entry.depth() <= d) {
            linked_depth = None;
        }
        if entry.path_is_symlink() && entry.file_type().is_dir() && linked_depth.is_none() {
            linked_depth = Some(entry.depth());
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let rel = rel.to_path_buf();
        if entry.file_type().is_dir() {
            // A folder named like a content file is a mistake, not a section.
            if let Some(Some(_)) = classify(&rel) {
                diagnostics.push(
                    Diagnostic::error(&rel, text!("this is a folder, but its name is that of a content file", "ceci est un dossier, mais son nom est celui d'un fichier de contenu"))
                        .hint(text!("the text of an item is a file, not a folder: rename or remove this folder", "le texte d'un élément est un fichier, pas un dossier : renommez ou supprimez ce dossier")),
                );
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let linked = entry.path_is_symlink() || linked_depth.is_some();
        if linked && !inside(&canonical_root, entry.path()) {
            diagnostics.push(outside_link(&rel));
            continue;
        }
        match classify(&rel) {
            Some(Some(kind)) => found.push((kind, rel)),
            Some(None) => {}
            None => diagnostics.push(
                Diagnostic::warning(&rel, text!("this file is not part of the catalogue and was ignored", "ce fichier ne fait pas partie du catalogue ; il a été ignoré"))
                    .hint(text!("partnerships and pages are `<key>.<lang>.md`, countries and institutions `<id>.yaml`, media files go in `content/media/`", "les partenariats et les pages s'appellent `<clé>.<langue>.md`, les pays et les établissements `<id>.yaml` ; les images vont dans `content/media/`")),
            ),
        }
    }
    found
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

/// Whether `path`, links resolved, is inside the site's folder (given
/// with its links resolved).
fn inside(canonical_root: &Path, path: &Path) -> bool {
    path.canonicalize()
        .is_ok_and(|p| p.starts_with(canonical_root))
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
    let kind = match section {
        "partnerships" => keyed_md(name).map(|(key, lang)| ContentKind::Partnership { key, lang }),
        "pages" => keyed_md(name).map(|(key, lang)| ContentKind::Page { key, lang }),
        "countries" => yaml_stem(name).map(|code| ContentKind::Country { code }),
        "institutions" => yaml_stem(name).map(|id| ContentKind::Institution { id }),
        "taxonomies" => match yaml_stem(name).as_deref() {
            Some("themes") => Some(ContentKind::Themes),
            Some("programmes") => Some(ContentKind::Programmes),
            _ => None,
        },
        _ => None,
    };
    kind.map(Some)
}

/// A Markdown file split into its YAML front matter and its body.
#[derive(Debug, Clone)]
pub struct FrontMatter<'a> {
    pub yaml: &'a str,
    /// The line of the file on which the YAML starts (1-based).
    pub yaml_line: usize,
    pub body: &'a str,
    /// The line of the file on which the body starts (1-based).
    pub body_line: usize,
}

/// Splits `---\nyaml\n---\nbody`.
pub fn split_front_matter(file: &SourceFile) -> Result<FrontMatter<'_>, Diagnostic> {
    let text = file.text.as_str();
    if text.trim().is_empty() {
        return Err(Diagnostic::error(
            &file.rel,
            text!("this file is empty", "ce fichier est vide"),
        )
        .hint(text!(
            "start it with front matter between two `---` lines (title, summary…), then the text",
            "commencez-le par l'en-tête entre deux lignes `---` (title, summary…), puis le texte",
        )));
    }
    let Some(rest) = text.strip_prefix("---\n").or_else(|| {
        text.strip_prefix("---")
            .filter(|r| r.trim_start_matches([' ', '\t']).starts_with('\n'))
            // Only the newline of the `---` line: blank lines after it
            // belong to the YAML, and keep the line numbers right.
            .map(|r| &r.trim_start_matches([' ', '\t'])[1..])
    }) else {
        return Err(Diagnostic::error(
            &file.rel,
            text!(
                "the file does not start with front matter",
                "le fichier ne commence pas par l'en-tête (front matter)"
            ),
        )
        .at(text, 1, 1)
        .hint(text!(
            "the first line must be `---`, followed by the fields, then another `---` line",
            "la première ligne doit être `---`, suivie des champs, puis d'une autre ligne `---`",
        )));
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let yaml_lines = yaml.matches('\n').count();
            return Ok(FrontMatter {
                yaml,
                yaml_line: 2,
                body,
                body_line: 3 + yaml_lines,
            });
        }
        offset += line.len();
    }
    Err(not_closed(file))
}

/// Front matter without its closing `---` line.
fn not_closed(file: &SourceFile) -> Diagnostic {
    let text = file.text.as_str();
    let error = Diagnostic::error(
        &file.rel,
        text!(
            "the front matter is not closed",
            "l'en-tête (front matter) n'est pas fermé"
        ),
    );
    // Point at the first line that reads like text rather than a field:
    // that is where the closing `---` is missing.
    match first_text_line(text) {
        Some(line) => error.at(text, line, 1).hint(text!(
            "this line looks like the start of the text: add a line with only `---` just before it",
            "cette ligne semble être le début du texte : ajoutez juste avant une ligne contenant seulement `---`"
        )),
        None => error.at(text, 1, 1).hint(text!(
            "add a line with only `---` after the last field, before the text",
            "ajoutez une ligne contenant seulement `---` après le dernier champ, avant le texte"
        )),
    }
}

/// The 1-based number of the first line after the opening `---` that is
/// neither a `field:` line, nor indented, nor a list item, nor a comment.
fn first_text_line(text: &str) -> Option<usize> {
    let is_field = |line: &str| {
        line.split_once(':').is_some_and(|(key, _)| {
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        })
    };
    text.lines().enumerate().skip(1).find_map(|(i, line)| {
        let looks_like_yaml =
            line.trim().is_empty() || line.starts_with([' ', '\t', '-', '#']) || is_field(line);
        (!looks_like_yaml).then_some(i + 1)
    })
}

/// Adds the files of `content/media/` to the output, under `media/`.
pub fn collect_media(
    root: &Path,
    files: &mut std::collections::BTreeMap<String, Vec<u8>>,
    diagnostics: &mut Diagnostics,
) {
    let media = root.join("content/media");
    if !media.is_dir() {
        return;
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    for entry in WalkDir::new(&media).follow_links(true).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diagnostics.push(Diagnostic::error(
                    Path::new("content/media"),
                    text!(
                        "cannot read the media folder: {e}",
                        "impossible de lire le dossier des médias : {e}"
                    ),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() || is_hidden(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let rel = entry.path().strip_prefix(&media).unwrap_or(entry.path());
        if !inside(&canonical_root, entry.path()) {
            diagnostics.push(outside_link(&Path::new("content/media").join(rel)));
            continue;
        }
        match fs::read(entry.path()) {
            Ok(bytes) => {
                files.insert(format!("media/{}", display_path(rel)), bytes);
            }
            Err(e) => diagnostics.push(Diagnostic::error(
                &Path::new("content/media").join(rel),
                text!(
                    "cannot read this file: {e}",
                    "impossible de lire ce fichier : {e}"
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A partnership file holding `text`; the YAML tests use it too.
    pub(super) fn file(text: &str) -> SourceFile {
        SourceFile {
            rel: PathBuf::from("content/partnerships/a.fr.md"),
            text: text.to_string(),
        }
    }

    #[test]
    fn front_matter_is_split_with_line_numbers() {
        let f = file("---\ntitle: A\nkind: x\n---\nBody\n");
        let fm = split_front_matter(&f).unwrap();
        assert_eq!(fm.yaml, "title: A\nkind: x\n");
        assert_eq!(fm.body, "Body\n");
        assert_eq!(fm.body_line, 5);
        // Regression: blank lines after a `---` with trailing spaces were
        // dropped, and every line number after them was off.
        let f = file("---  \n\n\ntitle: A\n---\nBody\n");
        let fm = split_front_matter(&f).unwrap();
        assert_eq!((fm.yaml_line, fm.body_line), (2, 6));
        assert_eq!(fm.yaml, "\n\ntitle: A\n");
    }

    #[test]
    fn front_matter_errors() {
        let cases = [
            ("", "this file is empty"),
            ("title: A\n", "the file does not start with front matter"),
            ("---\ntitle: A\nBody\n", "the front matter is not closed"),
        ];
        for (text, expected) in cases {
            let err = split_front_matter(&file(text)).unwrap_err();
            assert_eq!(err.message.en, expected, "{text:?}");
        }
    }
}
