//! Saving from the web editor: what the form sends is checked the way
//! `build` checks the site (the site copied to a temporary folder, the
//! change laid over it, the one pipeline run on it), and refused with the
//! build's own located messages when it would add an error. Otherwise each
//! file is written atomically (a hidden temporary file, then renamed).
//!
//! A file saved without a change of meaning (the same fields and values,
//! the same text: what Decap writes back for an entry opened and saved
//! untouched) is left byte for byte as it was, comments included.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::Path;

use axum::http::StatusCode;
use base64::Engine;
use serde_json::{json, Value};

use super::files::{checked, media_file, read_regular, Editor, Refusal};
use super::paths::{Kind, SafePath};
use super::text::{like_before, same_meaning, written};
use crate::diagnostics::{display_path, Diagnostic};
use crate::output::Discard;
use crate::transfer::Overlay;
use crate::{generate_into, BuildOptions, Timings};

/// One change to the site's files.
enum Change {
    Write(SafePath, Vec<u8>),
    Remove(SafePath),
}

/// `persistEntry`: the entry's files (one per language) and its pictures.
pub fn persist_entry(editor: &Editor, params: &Value) -> Result<Value, Refusal> {
    let files = match params["dataFiles"].as_array() {
        Some(list) => list.clone(),
        None => vec![params["entry"].clone()],
    };
    let mut changes = Vec::new();
    for file in &files {
        let path = checked(editor, file["path"].as_str().unwrap_or(""), Kind::Entry)?;
        let raw = file["raw"].as_str().unwrap_or("");
        let target = match file["newPath"].as_str() {
            Some(new) => {
                changes.push(Change::Remove(path.clone()));
                checked(editor, new, Kind::Entry)?
            }
            None => path,
        };
        let existing = read_regular(&target.on_disk(&editor.root));
        match existing {
            Some(old) if same_meaning(&old, raw, &target.rel) => {}
            _ => {
                let text = written(raw, existing.as_deref(), &target.rel);
                let bytes = like_before(&text, existing.as_deref());
                changes.push(Change::Write(target, bytes));
            }
        }
    }
    for asset in params["assets"].as_array().into_iter().flatten() {
        let (path, bytes) = decode_asset(editor, asset)?;
        changes.push(Change::Write(path, bytes));
    }
    apply(editor, changes)?;
    Ok(json!({ "message": "entry persisted" }))
}

/// `persistMedia`: one picture uploaded.
pub fn persist_media(editor: &Editor, asset: &Value) -> Result<Value, Refusal> {
    let (path, bytes) = decode_asset(editor, asset)?;
    apply(editor, vec![Change::Write(path.clone(), bytes)])?;
    media_file(&editor.root, &path)
}

/// `deleteFile(s)`: entries' files or pictures, when nothing needs them.
pub fn delete(editor: &Editor, paths: &[&str]) -> Result<Value, Refusal> {
    let mut changes = Vec::new();
    for path in paths {
        let safe = match checked(editor, path, Kind::Entry) {
            Ok(safe) => safe,
            Err(_) => checked(editor, path, Kind::Media)?,
        };
        changes.push(Change::Remove(safe));
    }
    apply(editor, changes)?;
    Ok(json!({ "message": format!("deleted files {}", paths.join(", ")) }))
}

/// A picture sent in base64, checked: its path, and bytes that are a
/// picture of the format its name says.
fn decode_asset(editor: &Editor, asset: &Value) -> Result<(SafePath, Vec<u8>), Refusal> {
    let path = checked(editor, asset["path"].as_str().unwrap_or(""), Kind::Media)?;
    let content = asset["content"].as_str().unwrap_or("");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(content)
        .map_err(|_| {
            refusal(
                StatusCode::BAD_REQUEST,
                "the picture is not in base64",
                "l'image n'est pas en base64",
            )
        })?;
    let ext = path
        .rel
        .rsplit('.')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if !is_picture(&ext, &bytes) {
        return Err(refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!(
                "`{}` is not a {ext} picture (PNG, JPEG, WebP or SVG without script)",
                path.rel
            ),
            &format!(
                "`{}` n'est pas une image {ext} (PNG, JPEG, WebP ou SVG sans script)",
                path.rel
            ),
        ));
    }
    Ok((path, bytes))
}

/// Whether the bytes start as their format does; an SVG must hold no
/// script (it would run at the editor's address if opened).
fn is_picture(ext: &str, bytes: &[u8]) -> bool {
    match ext {
        "png" => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "jpg" | "jpeg" => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
        "webp" => bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP",
        "svg" => std::str::from_utf8(bytes).is_ok_and(|text| {
            let lower = text.to_ascii_lowercase();
            let active = ["<script", "javascript:", "<foreignobject"];
            lower.contains("<svg")
                && !active.iter().any(|bad| lower.contains(bad))
                && !has_event_handler(&lower)
        }),
        _ => false,
    }
}

/// Whether an attribute `on…=` (an event handler) follows a space.
fn has_event_handler(lower: &str) -> bool {
    lower.match_indices("on").any(|(at, _)| {
        let after_space = lower[..at].ends_with(|c: char| c.is_ascii_whitespace());
        let rest = lower[at + 2..].trim_start_matches(|c: char| c.is_ascii_alphabetic());
        after_space && rest.trim_start().starts_with('=')
    })
}

fn refusal(status: StatusCode, en: &str, fr: &str) -> Refusal {
    (status, format!("{fr} / {en}"))
}

/// Checks the changes on a copy of the site, then makes them; nothing is
/// written when the copy has an error the site does not have.
fn apply(editor: &Editor, changes: Vec<Change>) -> Result<(), Refusal> {
    if changes.is_empty() {
        return Ok(());
    }
    let _one_at_a_time = editor.saving.lock().unwrap_or_else(|e| e.into_inner());
    let new_errors = check(editor, &changes)?;
    if !new_errors.is_empty() {
        return Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            refused_message(&new_errors),
        ));
    }
    for change in &changes {
        let done = match change {
            Change::Write(path, bytes) => write_atomically(&path.on_disk(&editor.root), bytes),
            Change::Remove(path) => match fs::remove_file(path.on_disk(&editor.root)) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                other => other,
            },
        };
        done.map_err(|e| {
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("{}: {e}", path_of(change)),
            )
        })?;
    }
    Ok(())
}

fn path_of(change: &Change) -> &str {
    match change {
        Change::Write(p, _) | Change::Remove(p) => &p.rel,
    }
}

/// The errors the site would have after the changes and does not have now.
fn check(editor: &Editor, changes: &[Change]) -> Result<Vec<Diagnostic>, Refusal> {
    let failed = |e: std::io::Error| {
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("impossible de vérifier la modification : {e} / cannot check the change: {e}"),
        )
    };
    let overlay = Overlay::create(&editor.root, &BTreeSet::new()).map_err(failed)?;
    for change in changes {
        match change {
            // Pictures are checked by name only, as in an import's check.
            Change::Write(p, _) if p.kind == Kind::Media => overlay.replace(Path::new(&p.rel), b""),
            Change::Write(p, bytes) => overlay.replace(Path::new(&p.rel), bytes),
            Change::Remove(p) => overlay.remove(Path::new(&p.rel)),
        }
        .map_err(failed)?;
    }
    let options = BuildOptions {
        skip_images: true,
        ..editor.build.clone()
    };
    let run =
        |root: &Path| generate_into(root, &options, &Discard::default(), &mut Timings::default());
    let (after, before) = rayon::join(|| overlay.check_with(&options), || run(&editor.root));
    let key = |d: &Diagnostic| (d.file.clone(), d.field.clone(), d.message.en.clone());
    let known: BTreeSet<_> = before.iter().filter(|d| d.is_error()).map(key).collect();
    let mut new: Vec<Diagnostic> = after
        .into_sorted()
        .into_iter()
        .filter(|d| d.is_error() && !known.contains(&key(d)))
        .collect();
    new.dedup_by_key(|d| key(d));
    Ok(new)
}

/// The build's messages, in French and in English, located.
fn refused_message(errors: &[Diagnostic]) -> String {
    let mut out = String::from(
        "Non enregistré : le site ne se construirait plus. / Not saved: the site would no longer build.",
    );
    for d in errors.iter().take(12) {
        let mut place = display_path(&d.file);
        if d.line > 0 {
            place.push_str(&format!(":{}:{}", d.line, d.column));
        }
        if let Some(field) = &d.field {
            place.push_str(&format!(" ({field})"));
        }
        out.push_str(&format!("\n• {place} — {}", d.message.fr));
        if let Some(hint) = &d.hint {
            out.push_str(&format!(" ({})", hint.fr));
        }
        out.push_str(&format!(" / {}", d.message.en));
        if let Some(hint) = &d.hint {
            out.push_str(&format!(" ({})", hint.en));
        }
    }
    if errors.len() > 12 {
        out.push_str(&format!("\n… (+{})", errors.len() - 12));
    }
    out
}

/// Writes beside the file under a hidden name, then renames it over.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let temporary = parent.join(format!(".{name}.passerelle-{}", std::process::id()));
    let written = fs::File::create(&temporary).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    match written.and_then(|()| fs::rename(&temporary, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = fs::remove_file(&temporary);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_what_their_names_say() {
        assert!(is_picture("png", b"\x89PNG\r\n\x1a\nrest"));
        assert!(!is_picture("png", b"<svg onload=alert(1)>"));
        assert!(is_picture(
            "svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'><text>one</text></svg>"
        ));
        assert!(!is_picture("svg", b"<svg><script>alert(1)</script></svg>"));
        assert!(!is_picture("svg", b"<svg onload = 'alert(1)'></svg>"));
        assert!(!is_picture("jpg", b"GIF89a"));
    }
}
