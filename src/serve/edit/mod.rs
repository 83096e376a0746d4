//! `serve --edit`: the web editor on the editor's own computer. Decap CMS
//! is served at `/admin/` with a configuration generated from the
//! content schema (`cms::editor_files`, the same generator as the build's
//! `admin/`), whose backend is `serve` itself: the HTTP API of Decap's
//! `decap-server` (`info`, `entriesByFolder`, `getEntry`, `persistEntry`,
//! `persistMedia`…), implemented here over the site's own folder.
//!
//! `api` answers each action; `paths` says which files may be touched;
//! `save` checks a save with the build's own pipeline before writing it,
//! atomically. Without `--edit` none of this is routed.

mod api;
mod files;
pub mod paths;
mod save;
mod text;

pub use files::Editor;

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use super::guard;
use crate::cms::{self, Backend, LOCAL_API};
use crate::diagnostics::{Diagnostics, MessageLang};
use crate::site::SiteReader;

/// The largest request the API reads: a picture of about 15 MB, in base64.
pub const MAX_REQUEST_BYTES: usize = 20 * 1024 * 1024;

/// The routes of the editor, for the preview's router.
pub fn routes<S: Clone + Send + Sync + 'static>(editor: Arc<Editor>) -> Router<S> {
    Router::new()
        .route(LOCAL_API, post(api_request))
        .route("/admin", get(to_admin))
        .route("/admin/", get(admin_file))
        .route("/admin/index.html", get(admin_file))
        .route("/admin/config.yml", get(admin_file))
        .with_state(editor)
}

async fn to_admin() -> Response {
    let mut response = StatusCode::PERMANENT_REDIRECT.into_response();
    response
        .headers_mut()
        .insert(header::LOCATION, HeaderValue::from_static("/admin/"));
    response
}

/// `admin/index.html` and `admin/config.yml`, made from the site as it is
/// on disk now.
async fn admin_file(State(editor): State<Arc<Editor>>, uri: axum::http::Uri) -> Response {
    let yaml = uri.path().ends_with(".yml");
    let made = tokio::task::spawn_blocking(move || editor_files(&editor)).await;
    let Ok(Ok(files)) = made else {
        let message = match made {
            Ok(Err(message)) => message,
            _ => String::new(),
        };
        return respond(
            StatusCode::INTERNAL_SERVER_ERROR,
            "text/plain; charset=utf-8",
            message.into_bytes(),
        );
    };
    let wanted = if yaml {
        "admin/config.yml"
    } else {
        "admin/index.html"
    };
    let bytes = files
        .into_iter()
        .find(|(path, _)| path == wanted)
        .map(|(_, bytes)| bytes)
        .unwrap_or_default();
    let content_type = if yaml {
        "text/yaml; charset=utf-8"
    } else {
        "text/html; charset=utf-8"
    };
    respond(StatusCode::OK, content_type, bytes)
}

/// The editor's files for the site on disk, or the problems that keep
/// its settings or theme from being read.
fn editor_files(editor: &Editor) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut reader = SiteReader::new(&editor.root, &editor.build);
    let (catalogue, mut diagnostics) = reader.read_catalogue();
    let theme = catalogue.as_ref().and_then(|c| {
        crate::theme::load(
            &editor.root,
            &c.config.theme,
            &c.config.languages,
            &mut diagnostics,
        )
    });
    match (catalogue, theme) {
        (Some(catalogue), Some(theme)) => Ok(cms::editor_files(&catalogue, &theme, Backend::Local)),
        _ => Err(render_all(&diagnostics, editor.lang)),
    }
}

fn render_all(diagnostics: &Diagnostics, lang: MessageLang) -> String {
    let errors = diagnostics.clone().into_sorted();
    errors.iter().map(|d| d.render(lang)).collect()
}

/// One call of the API: checked (origin, type, size) before its body is
/// read, then answered on a blocking thread.
async fn api_request(
    State(editor): State<Arc<Editor>>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    if let Some((status, message)) = guard::refuse_write(&headers) {
        return json(status, &serde_json::json!({ "error": message }));
    }
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let too_large = (
        StatusCode::PAYLOAD_TOO_LARGE,
        serde_json::json!({ "error": format!(
            "la requête dépasse {} Mo : utilisez une image plus petite / the request is larger than {} MB: use a smaller picture",
            MAX_REQUEST_BYTES / 1_000_000, MAX_REQUEST_BYTES / 1_000_000
        ) }),
    );
    if declared.is_some_and(|n| n > MAX_REQUEST_BYTES) {
        return json(too_large.0, &too_large.1);
    }
    let Ok(bytes) = axum::body::to_bytes(body, MAX_REQUEST_BYTES).await else {
        return json(too_large.0, &too_large.1);
    };
    let request = match serde_json::from_slice::<serde_json::Value>(&bytes) {
        Ok(request) => request,
        Err(e) => {
            let error = format!("le corps n'est pas du JSON : {e} / the body is not JSON: {e}");
            return json(
                StatusCode::BAD_REQUEST,
                &serde_json::json!({ "error": error }),
            );
        }
    };
    match tokio::task::spawn_blocking(move || api::answer(&editor, &request)).await {
        Ok((status, value)) => json(status, &value),
        Err(_) => json(
            StatusCode::INTERNAL_SERVER_ERROR,
            &serde_json::json!({ "error": "erreur interne / internal error" }),
        ),
    }
}

fn json(status: StatusCode, value: &serde_json::Value) -> Response {
    let body = serde_json::to_vec(value).unwrap_or_default();
    respond(status, "application/json; charset=utf-8", body)
}

fn respond(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Response {
    let mut response = (status, Body::from(body)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
