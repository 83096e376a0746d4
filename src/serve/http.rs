//! The preview server: asks the site thread for each file, injects the
//! live-reload script (and the error overlay when the last build failed)
//! into HTML pages, and streams reload events.
//!
//! Paths name pages to render, the theme's static files or the media read
//! at the last build, never a file on disk; `..`, encoded slashes and
//! backslashes are refused before the lookup all the same.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, Stream};
use tokio::sync::broadcast::error::RecvError;

use super::shared::{Message, Shared};
use crate::diagnostics::Diagnostic;
use crate::live::Answer;
use crate::text;
use crate::types::text::escape;

pub const EVENTS_PATH: &str = "/__passerelle/events";

pub async fn serve(
    shared: Arc<Shared>,
    addr: SocketAddr,
    open: bool,
    editor: Option<Arc<super::edit::Editor>>,
) -> i32 {
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            let message = text!(
                "cannot listen on {addr}: {e}",
                "impossible d'écouter sur {addr} : {e}"
            );
            eprintln!("{}", message.get(shared.lang));
            return 1;
        }
    };
    let local = listener.local_addr().unwrap_or(addr);
    let url = format!("http://{local}/");
    let message = text!(
        "Serving the site at {url} (Ctrl-C to stop)",
        "Site servi à l'adresse {url} (Ctrl-C pour arrêter)"
    );
    eprintln!("{}", message.get(shared.lang));
    if editor.is_some() {
        let message = text!(
            "The web editor is at {url}admin/",
            "L'éditeur web est à l'adresse {url}admin/"
        );
        eprintln!("{}", message.get(shared.lang));
    }
    if open {
        let page = if editor.is_some() {
            format!("{url}admin/")
        } else {
            url.clone()
        };
        open_browser(&page);
    }
    let mut app = Router::new().route(EVENTS_PATH, get(events));
    if let Some(editor) = editor {
        app = app.merge(super::edit::routes(editor));
    }
    // Every request, the editor's and the pages', must name this server.
    let served = super::guard::Served { addr: local };
    let app = app
        .fallback(get(page))
        .with_state(Arc::clone(&shared))
        .layer(axum::middleware::from_fn_with_state(
            served,
            super::guard::host,
        ));
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match super::listen::serve(listener, app, shutdown).await {
        Ok(()) => 0,
        Err(e) => match e {},
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    // The opener's own complaints (no browser on a server) are not ours:
    // the address is printed above.
    let _ = std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

async fn events(
    axum::extract::State(shared): axum::extract::State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let stream = stream::unfold(shared.reload.subscribe(), |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(version) => {
                    let event = Event::default().event("reload").data(version.to_string());
                    return Some((Ok(event), rx));
                }
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn page(
    axum::extract::State(shared): axum::extract::State<Arc<Shared>>,
    uri: Uri,
) -> Response {
    let Some(path) = site_path(uri.path()) else {
        return not_found(&shared, None);
    };
    let (tx, rx) = tokio::sync::oneshot::channel();
    if shared
        .requests
        .send(Message::Request(path.clone(), tx))
        .is_err()
    {
        return not_found(&shared, None);
    }
    let Ok(reply) = rx.await else {
        return not_found(&shared, None);
    };
    let problems = problems(&shared);
    let file = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
    };
    if reply.waiting {
        // No good version yet: the errors are the page, not an overlay.
        let body = inject(
            &super::waiting::page(&problems, shared.lang),
            &[],
            shared.lang,
        );
        return respond(
            StatusCode::SERVICE_UNAVAILABLE,
            "text/html; charset=utf-8",
            body,
        );
    }
    match reply.answer {
        Answer::Page(bytes, mut own) => {
            own.retain(Diagnostic::is_error);
            own.extend(problems);
            let body = inject(&bytes, &own, shared.lang);
            respond(StatusCode::OK, "text/html; charset=utf-8", body)
        }
        Answer::File(bytes) if file.ends_with(".html") => respond(
            StatusCode::OK,
            content_type(&file),
            inject(&bytes, &problems, shared.lang),
        ),
        Answer::File(bytes) => respond(StatusCode::OK, content_type(&file), bytes),
        Answer::Redirect(folder) => {
            // A folder asked without its slash: relative links need the slash.
            let mut response = StatusCode::PERMANENT_REDIRECT.into_response();
            if let Ok(value) = HeaderValue::from_str(&format!("/{folder}")) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            response
        }
        Answer::Failed(problem) => {
            let page = b"<!DOCTYPE html><title>500</title><body><h1>500</h1></body>";
            let body = inject(page, &[problem], shared.lang);
            respond(
                StatusCode::INTERNAL_SERVER_ERROR,
                "text/html; charset=utf-8",
                body,
            )
        }
        Answer::NotFound => not_found(&shared, reply.not_found),
    }
}

/// The errors of the last build, shown over every page.
fn problems(shared: &Shared) -> Vec<Diagnostic> {
    let served = shared.served.read().unwrap_or_else(|e| e.into_inner());
    served.problems.clone()
}

/// The site's 404 page (or a bare one), with the reload script.
fn not_found(shared: &Shared, page: Option<Vec<u8>>) -> Response {
    let problems = problems(shared);
    let page = page
        .unwrap_or_else(|| b"<!DOCTYPE html><title>404</title><body><h1>404</h1></body>".to_vec());
    let body = inject(&page, &problems, shared.lang);
    respond(StatusCode::NOT_FOUND, "text/html; charset=utf-8", body)
}

/// The site path of a request, percent-decoded, or `None` when it tries to
/// leave the site (`..`, encoded slashes, backslashes, NUL).
pub fn site_path(request_path: &str) -> Option<String> {
    let decoded = percent_decode(request_path)?;
    if decoded.contains('\\')
        || decoded.contains('\0')
        || request_path.to_ascii_lowercase().contains("%2f")
    {
        return None;
    }
    let trimmed = decoded.trim_start_matches('/');
    if trimmed
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return None;
    }
    Some(trimmed.to_string())
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn respond(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Response {
    let mut response = (status, Body::from(body)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// The live-reload script, and the error overlay when there are errors,
/// put just before `</body>`.
fn inject(html: &[u8], problems: &[Diagnostic], lang: crate::diagnostics::MessageLang) -> Vec<u8> {
    let mut extra = String::from(
        "<script>(function(){var s=new EventSource(\"/__passerelle/events\");\
         s.addEventListener(\"reload\",function(){location.reload();});})();</script>",
    );
    if !problems.is_empty() {
        extra.push_str(&overlay(problems, lang));
    }
    let text = String::from_utf8_lossy(html);
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + extra.len());
    out.push_str(&text[..at]);
    out.push_str(&extra);
    out.push_str(&text[at..]);
    out.into_bytes()
}

fn overlay(problems: &[Diagnostic], lang: crate::diagnostics::MessageLang) -> String {
    let title = text!("The site has errors", "Le site comporte des erreurs")
        .get(lang)
        .to_string();
    let note = text!(
        "What you see is the last version without errors. Fix the files: this page reloads by itself.",
        "Ce que vous voyez est la dernière version sans erreur. Corrigez les fichiers : cette page se recharge toute seule."
    )
    .get(lang)
    .to_string();
    let mut html = format!(
        "<div id=\"passerelle-errors\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;\
         background:#fff5f5;color:#5c0b0b;border-top:4px solid #b00020;padding:1rem 1.5rem;font:15px/1.5 system-ui,sans-serif;\
         z-index:2147483647;box-shadow:0 -4px 16px rgba(0,0,0,.2)\"><h2 style=\"margin:0 0 .3rem;font-size:1.2rem\">{}</h2>\
         <p style=\"margin:0 0 .6rem\">{}</p><ul style=\"margin:0;padding-left:1.2rem\">",
        escape(&title),
        escape(&note)
    );
    for d in problems {
        let place = if d.line > 0 {
            format!(
                "{}:{}:{}",
                crate::diagnostics::display_path(&d.file),
                d.line,
                d.column
            )
        } else {
            crate::diagnostics::display_path(&d.file)
        };
        html.push_str(&format!(
            "<li><code>{}</code> — {}{}</li>",
            escape(&place),
            escape(d.message.get(lang)),
            d.hint
                .as_ref()
                .map(|h| format!(" <em>({})</em>", escape(h.get(lang))))
                .unwrap_or_default()
        ));
    }
    html.push_str("</ul></div>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_cannot_leave_the_site() {
        let cases = [
            ("/", Some("")),
            ("/fr/pays/belgique/", Some("fr/pays/belgique/")),
            ("/fr/caf%C3%A9/", Some("fr/café/")),
            ("/../etc/passwd", None),
            ("/fr/%2e%2e/%2e%2e/etc/passwd", None),
            ("/fr%2f..%2fsecret", None),
            ("/fr/..%5c..%5csecret", None),
            ("/a/%00", None),
            ("/bad%zz", None),
        ];
        for (request, expected) in cases {
            assert_eq!(site_path(request).as_deref(), expected, "{request}");
        }
    }
}
