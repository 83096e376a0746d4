//! What the API's actions share: the editor's state, the checked paths
//! of a request, and the files as Decap receives them (text with an id,
//! pictures in base64).

use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use axum::http::StatusCode;
use base64::Engine;
use serde_json::{json, Value};

use super::paths::{self, Kind, SafePath};
use crate::diagnostics::MessageLang;
use crate::site::BuildOptions;

/// What the editor's handlers share.
pub struct Editor {
    pub root: PathBuf,
    pub build: BuildOptions,
    pub lang: MessageLang,
    /// One save at a time: each is checked against the files as they are.
    pub saving: Mutex<()>,
}

/// A refused request: its status and the message Decap shows.
pub type Refusal = (StatusCode, String);

/// A path of the request, checked; refused with a message naming it.
pub fn checked(editor: &Editor, path: &str, kind: Kind) -> Result<SafePath, Refusal> {
    match paths::check(&editor.root, path) {
        Some(safe) if safe.kind == kind => Ok(safe),
        _ => Err(refused_path(path)),
    }
}

pub fn refused_path(path: &str) -> Refusal {
    (
        StatusCode::BAD_REQUEST,
        format!(
            "le chemin `{path}` n'est pas un fichier que l'éditeur peut utiliser (seulement les fichiers des collections et les images de content/media/) \
             / the path `{path}` is not a file the editor may use (only the collections' files and the pictures of content/media/)"
        ),
    )
}

/// A file's bytes, unless it is missing, not a regular file, or a link.
pub fn read_regular(path: &Path) -> Option<Vec<u8>> {
    let meta = fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_file() {
        return None;
    }
    fs::read(path).ok()
}

/// The id Decap keys a file's version by (its hash in `decap-server`):
/// any id that changes with the content will do.
pub fn content_id(bytes: &[u8]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    format!("{:016x}{:016x}", hasher.finish(), bytes.len())
}

/// `{id, content (base64), encoding, path, name}` of a picture.
pub fn media_file(root: &Path, safe: &SafePath) -> Result<Value, Refusal> {
    let Some(bytes) = read_regular(&safe.on_disk(root)) else {
        return Err((
            StatusCode::NOT_FOUND,
            format!(
                "`{}` n'existe pas / `{}` does not exist",
                safe.rel, safe.rel
            ),
        ));
    };
    let name = safe.rel.rsplit('/').next().unwrap_or_default();
    Ok(json!({
        "id": content_id(&bytes),
        "content": base64::engine::general_purpose::STANDARD.encode(&bytes),
        "encoding": "base64",
        "path": safe.rel,
        "name": name,
    }))
}
