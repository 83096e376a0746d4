//! Content file names as editors give them: `DLIS.fr.md`, `Mobilité
//! HELMo.fr.md`, `l'echange.fr.md`, `dlis.fr.markdown`, `dlis.fr.md.txt`
//! (saved from Word), `HELMo.yaml`. The name is the key of the item and
//! the last part of its address, so it must be lower case, without spaces
//! or accents: such a file gets one error that says which name to give it,
//! and is read under that name, so that nothing else fails because of it.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::text;
use crate::types::text::slugify;

/// The sections whose files are named `<key>.<lang>.md`.
const KEYED: [&str; 2] = ["partnerships", "pages"];
/// The sections whose files are named `<id>.yaml`.
const IDS: [&str; 3] = ["countries", "institutions", "taxonomies"];

/// For a content file whose name is not the one it should have: the path
/// it should have, and the error that says so. `None` for a good name, or
/// a file that is no content at all (left to discovery's warning).
pub fn misnamed(rel: &Path) -> Option<(PathBuf, Diagnostic)> {
    let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
    let ["content", section, name] = parts.as_slice() else {
        return None;
    };
    let proper = if KEYED.contains(section) {
        keyed_name(name)?
    } else if IDS.contains(section) {
        id_name(name)?
    } else {
        return None;
    };
    if proper == *name {
        return None;
    }
    let same_stem = name.split('.').next() == proper.split('.').next();
    let (why_en, why_fr) = if same_stem {
        let ext = if KEYED.contains(section) {
            ".md"
        } else {
            ".yaml"
        };
        (
            format!("the file of an item ends in `{ext}`"),
            format!("le fichier d'un élément finit par « {ext} »"),
        )
    } else {
        (
            "a file name is an address: lower case, no spaces, accents or apostrophes".to_string(),
            "un nom de fichier sert d'adresse : minuscules, sans espace, accent ni apostrophe"
                .to_string(),
        )
    };
    let diagnostic = Diagnostic::error(
        rel,
        text!(
            "rename `{name}` to `{proper}`: {why_en}",
            "renommez « {name} » en « {proper} » : {why_fr}"
        ),
    )
    .hint(text!(
        "until it is renamed, the file is read as `{proper}`; in names, hyphens go between words (`mobilite-helmo.fr.md`)",
        "en attendant, le fichier est lu comme « {proper} » ; dans les noms, des tirets séparent les mots (« mobilite-helmo.fr.md »)"
    ));
    Some((rel.with_file_name(&proper), diagnostic))
}

/// A misnamed file whose proper name is taken by another file: it is not
/// read (an older copy, most often, such as Word's `.txt`).
pub fn shadowed(rel: &Path, proper: &Path) -> Diagnostic {
    let name = rel.file_name().unwrap_or_default().to_string_lossy();
    let proper = proper.file_name().unwrap_or_default().to_string_lossy();
    Diagnostic::warning(
        rel,
        text!(
            "`{name}` was not read: `{proper}` exists beside it",
            "« {name} » n'a pas été lu : « {proper} » existe à côté"
        ),
    )
    .hint(text!(
        "if `{name}` is an older copy, delete it; otherwise copy what it adds into `{proper}`",
        "si « {name} » est une copie plus ancienne, supprimez-la ; sinon, reportez ce qu'elle ajoute dans « {proper} »"
    ))
}

/// `Mobilité HELMo.FR.markdown.txt` → `mobilite-helmo.fr.md`.
fn keyed_name(name: &str) -> Option<String> {
    let stem = strip_extension(name, &["md", "markdown", "mdown", "txt", "yml", "yaml"])?;
    let (key, lang) = stem.rsplit_once('.')?;
    let lang = lang.trim().to_ascii_lowercase();
    if lang.len() != 2 || !lang.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let key = as_key(key)?;
    Some(format!("{key}.{lang}.md"))
}

/// `HELMo.YAML` → `helmo.yaml`; `.yml` is kept.
fn id_name(name: &str) -> Option<String> {
    let stem = strip_extension(name, &["yaml", "yml", "txt"])?;
    let ext = if name.ends_with(".yml") {
        "yml"
    } else {
        "yaml"
    };
    Some(format!("{}.{ext}", as_key(stem)?))
}

/// The name without its extensions (`x.md.txt` → `x`), if one is known
/// (any case).
fn strip_extension<'a>(name: &'a str, known: &[&str]) -> Option<&'a str> {
    let mut stem = name;
    let mut stripped = false;
    while let Some((rest, ext)) = stem.rsplit_once('.') {
        if !known.contains(&ext.to_ascii_lowercase().as_str()) {
            break;
        }
        stem = rest;
        stripped = true;
    }
    stripped.then_some(stem)
}

/// The key as it is if it is one, else as an address would write it.
fn as_key(key: &str) -> Option<String> {
    let is_key = !key.is_empty()
        && !key.starts_with('-')
        && !key.ends_with('-')
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if is_key {
        return Some(key.to_string());
    }
    Some(slugify(key)).filter(|k| !k.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proper(rel: &str) -> Option<String> {
        misnamed(Path::new(rel)).map(|(p, _)| p.file_name().unwrap().to_string_lossy().into())
    }

    #[test]
    fn names_editors_give_and_the_ones_to_give() {
        for (given, wanted) in [
            ("content/partnerships/DLIS.fr.md", Some("dlis.fr.md")),
            (
                "content/partnerships/Mobilité HELMo.fr.md",
                Some("mobilite-helmo.fr.md"),
            ),
            (
                "content/partnerships/l'echange.en.md",
                Some("l-echange.en.md"),
            ),
            ("content/partnerships/dlis.fr.markdown", Some("dlis.fr.md")),
            ("content/partnerships/dlis.fr.md.txt", Some("dlis.fr.md")),
            ("content/pages/about.FR.md", Some("about.fr.md")),
            ("content/institutions/HELMo.yaml", Some("helmo.yaml")),
            ("content/countries/ca-qc.yml", None),
            ("content/partnerships/dlis.fr.md", None),
            ("content/partnerships/notes.docx", None),
            ("content/media/Logo HELMo.png", None),
        ] {
            assert_eq!(proper(given).as_deref(), wanted, "{given}");
        }
    }
}
