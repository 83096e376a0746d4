//! The actions of Decap's local backend, with the request and answer
//! shapes of `decap-server` (its `localFs` middleware): `{action, params}`
//! in, JSON out, `{error}` with a status when refused. Reading actions
//! are answered here; saving and deleting go through `save`.

use std::fs;

use axum::http::StatusCode;
use serde_json::{json, Value};

use super::files::{checked, content_id, media_file, read_regular, refused_path, Editor, Refusal};
use super::paths::{self, Kind};
use super::save;

pub type Answer = (StatusCode, Value);

/// Answers one request of the API.
pub fn answer(editor: &Editor, request: &Value) -> Answer {
    let params = &request["params"];
    let root = editor.root.as_path();
    let result = match request["action"].as_str().unwrap_or("") {
        "info" => Ok(info(editor)),
        "entriesByFolder" => entries_by_folder(editor, params),
        "entriesByFiles" => {
            let files = params["files"].as_array().cloned().unwrap_or_default();
            let wanted: Vec<(&str, Option<&str>)> = files
                .iter()
                .map(|f| (f["path"].as_str().unwrap_or(""), f["label"].as_str()))
                .collect();
            entries(editor, &wanted).map(Value::Array)
        }
        "getEntry" => {
            let path = str_param(params, "path");
            entries(editor, &[(path, None)]).map(|mut list| list.pop().unwrap_or(Value::Null))
        }
        "getMedia" => media_list(editor, str_param(params, "mediaFolder")),
        "getMediaFile" => {
            checked(editor, str_param(params, "path"), Kind::Media).and_then(|p| media_file(root, &p))
        }
        "persistEntry" => save::persist_entry(editor, params),
        "persistMedia" => save::persist_media(editor, &params["asset"]),
        "deleteFile" => save::delete(editor, &[str_param(params, "path")]),
        "deleteFiles" => {
            let list = params["paths"].as_array().cloned().unwrap_or_default();
            let paths: Vec<&str> = list.iter().map(|p| p.as_str().unwrap_or("")).collect();
            save::delete(editor, &paths)
        }
        "getDeployPreview" => Ok(Value::Null),
        other => Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "action inconnue `{other}` (cet éditeur enregistre directement, sans circuit de relecture) \
                 / unknown action `{other}` (this editor saves directly, without editorial workflow)"
            ),
        )),
    };
    match result {
        Ok(value) => (StatusCode::OK, value),
        Err((status, error)) => (status, json!({ "error": error })),
    }
}

fn str_param<'a>(params: &'a Value, name: &str) -> &'a str {
    params[name].as_str().unwrap_or("")
}

fn info(editor: &Editor) -> Value {
    let repo = editor
        .root
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "site".to_string());
    json!({ "repo": repo, "publish_modes": ["simple"], "type": "local_fs" })
}

fn entries_by_folder(editor: &Editor, params: &Value) -> Result<Value, Refusal> {
    let folder = str_param(params, "folder");
    let extension = str_param(params, "extension").trim_start_matches('.');
    let Some(folder) = paths::check_folder(&editor.root, folder, Some(extension)) else {
        return Err(refused_path(folder));
    };
    let names = list_files(editor, &folder, |name| {
        name.ends_with(&format!(".{extension}"))
    });
    let wanted: Vec<(&str, Option<&str>)> = names.iter().map(|n| (n.as_str(), None)).collect();
    entries(editor, &wanted).map(Value::Array)
}

/// The regular files of a checked folder (no link, no hidden file) that
/// `keep` accepts, as paths from the root, in name order.
fn list_files(editor: &Editor, folder: &str, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let Ok(read) = fs::read_dir(editor.root.join(folder)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = read
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|name| !name.starts_with('.') && keep(name))
        .map(|name| format!("{folder}/{name}"))
        .collect();
    names.sort();
    names
}

/// `{data, file: {path, label, id}}` for each file, `data` and `id` null
/// when it does not exist, as `decap-server` answers.
fn entries(editor: &Editor, wanted: &[(&str, Option<&str>)]) -> Result<Vec<Value>, Refusal> {
    wanted
        .iter()
        .map(|&(path, label)| {
            let safe = checked(editor, path, Kind::Entry)?;
            let (data, id) = match read_regular(&safe.on_disk(&editor.root)) {
                Some(bytes) => {
                    let text = String::from_utf8_lossy(&bytes);
                    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
                    (Value::from(text), Value::from(content_id(&bytes)))
                }
                None => (Value::Null, Value::Null),
            };
            Ok(json!({ "data": data, "file": { "path": safe.rel, "label": label, "id": id } }))
        })
        .collect()
}

fn media_list(editor: &Editor, folder: &str) -> Result<Value, Refusal> {
    let Some(folder) = paths::check_folder(&editor.root, folder, None) else {
        return Err(refused_path(folder));
    };
    let names = list_files(editor, &folder, |name| {
        paths::check(&editor.root, &format!("{folder}/{name}")).is_some()
    });
    let files = names
        .iter()
        .filter_map(|name| checked(editor, name, Kind::Media).ok())
        .filter_map(|safe| media_file(&editor.root, &safe).ok())
        .collect();
    Ok(Value::Array(files))
}
