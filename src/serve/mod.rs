//! `passerelle serve`: the site built in memory, served over HTTP on the
//! loopback, rebuilt when a file changes, and every open page reloaded.
//!
//! Three parts: the watcher thread (notify, debounced) sends the changed
//! paths; the site thread reads the site again through the pipeline
//! ([`LiveSite`], which re-parses only the files that changed and renders
//! each page when it is asked for);
//! the HTTP server (axum on a current-thread tokio runtime, in `http`)
//! answers from memory and announces reloads by server-sent events. What
//! the threads share and send each other is in `shared`.
//! `public/` is never written. `guard` answers only requests addressed
//! to the served address, and `listen` bounds the connections (a header
//! timeout, a cap); with `--edit`, `edit` adds the web editor and
//! its API, which writes into `content/`.

mod edit;
mod guard;
mod http;
mod listen;
mod shared;
mod waiting;

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, RwLock};
use std::time::{Duration, Instant};

use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::DebounceEventResult;

pub use self::shared::{Message, Reply, Served, Shared};
use crate::diagnostics::{Diagnostic, Diagnostics, MessageLang};
use crate::live::{Answer, LiveSite, Pages};
use crate::site::BuildOptions;
use crate::text;

pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
    /// Serves the web editor at `/admin/`, saving into the site's files.
    pub edit: bool,
    pub poll: bool,
    pub build: BuildOptions,
    pub lang: MessageLang,
}

/// Runs the server until Ctrl-C; returns the exit status.
pub fn run(options: ServeOptions) -> i32 {
    if options.edit && !options.bind.is_loopback() {
        let bind = options.bind;
        let message = text!(
            "--edit writes the site's files: it listens only on this computer (--bind 127.0.0.1 or ::1), not on {bind}",
            "--edit écrit les fichiers du site : il n'écoute que sur cet ordinateur (--bind 127.0.0.1 ou ::1), pas sur {bind}"
        );
        eprintln!("{}", message.get(options.lang));
        return 2;
    }
    let editor = options.edit.then(|| {
        Arc::new(edit::Editor {
            root: options.root.clone(),
            build: options.build.clone(),
            lang: options.lang,
            saving: std::sync::Mutex::new(()),
        })
    });
    let (reload, _) = tokio::sync::broadcast::channel(16);
    let (tx, rx) = mpsc::channel::<Message>();
    let shared = Arc::new(Shared {
        served: RwLock::new(Served::default()),
        reload,
        requests: tx.clone(),
        lang: options.lang,
    });
    let mut live = LiveSite::new(&options.root, options.build.clone());
    apply(&shared, &mut live, &BTreeSet::new(), options.lang);

    let events = move |result| {
        let _ = tx.send(Message::Changed(result));
    };
    let _watcher = match watch(&options.root, options.poll, events) {
        Ok(w) => w,
        Err(e) => {
            let message = text!(
                "cannot watch the site's files: {e}",
                "impossible de surveiller les fichiers du site : {e}"
            );
            eprintln!("{}", message.get(options.lang));
            return 1;
        }
    };
    let site_shared = Arc::clone(&shared);
    let root = options.root.clone();
    let lang = options.lang;
    std::thread::spawn(move || site_loop(&root, rx, &site_shared, &mut live, lang));

    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("{e}");
            return 1;
        }
    };
    runtime.block_on(http::serve(
        shared,
        SocketAddr::new(options.bind, options.port),
        options.open,
        editor,
    ))
}

/// Watches site.yaml, content/ and themes/ (the output folder and editor
/// files are filtered out by the rebuild loop).
fn watch(
    root: &Path,
    poll: bool,
    tx: impl notify_debouncer_full::DebounceEventHandler,
) -> notify::Result<Box<dyn std::any::Any>> {
    let timeout = Duration::from_millis(50);
    let targets = ["site.yaml", "content", "themes"].map(|t| root.join(t));
    if poll {
        let config = notify::Config::default().with_poll_interval(Duration::from_millis(500));
        let mut debouncer = notify_debouncer_full::new_debouncer_opt::<_, notify::PollWatcher, _>(
            timeout,
            None,
            tx,
            notify_debouncer_full::NoCache,
            config,
        )?;
        for target in targets.iter().filter(|t| t.exists()) {
            debouncer.watch(target, RecursiveMode::Recursive)?;
        }
        Ok(Box::new(debouncer))
    } else {
        let mut debouncer = notify_debouncer_full::new_debouncer(timeout, None, tx)?;
        // Watching the root (not recursively) sees themes/ or content/ being created.
        debouncer.watch(root, RecursiveMode::NonRecursive)?;
        for target in targets.iter().filter(|t| t.is_dir()) {
            debouncer.watch(target, RecursiveMode::Recursive)?;
        }
        Ok(Box::new(debouncer))
    }
}

/// The site thread: answers requests from the last good site, rendering
/// each page when asked, and reads the site again when files change.
fn site_loop(
    root: &Path,
    rx: mpsc::Receiver<Message>,
    shared: &Shared,
    live: &mut LiveSite,
    lang: MessageLang,
) {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut parts = None;
    loop {
        let touched = {
            let mut pages = live.pages(parts.take());
            let mut touched = BTreeSet::new();
            while touched.is_empty() {
                let Ok(first) = rx.recv() else { return };
                // Take every message already waiting: one rebuild for a
                // burst of saves.
                for message in std::iter::once(first).chain(rx.try_iter()) {
                    match message {
                        Message::Request(path, reply) => {
                            let _ = reply.send(answer(pages.as_mut(), &path, lang));
                        }
                        Message::Changed(events) => {
                            touched.extend(relevant_paths(events, root, &canonical_root));
                        }
                    }
                }
            }
            parts = pages.map(Pages::into_parts);
            touched
        };
        apply(shared, live, &touched, lang);
    }
}

fn answer(pages: Option<&mut Pages>, path: &str, lang: MessageLang) -> Reply {
    match pages {
        Some(pages) => {
            let answer = pages.answer(path);
            // The problems of a page's texts show in the terminal too, once.
            if let Answer::Page(_, problems) = &answer {
                for d in pages.unreported(problems) {
                    eprintln!("{}", d.render(lang));
                }
            }
            let not_found = match answer {
                Answer::NotFound => pages.not_found_page(),
                _ => None,
            };
            Reply {
                answer,
                not_found,
                waiting: false,
            }
        }
        None => Reply {
            answer: Answer::NotFound,
            not_found: None,
            waiting: true,
        },
    }
}

/// The site paths (relative to its root) that the events changed.
fn relevant_paths(events: DebounceEventResult, root: &Path, canonical_root: &Path) -> Vec<PathBuf> {
    let mut touched = Vec::new();
    for event in events.into_iter().flatten() {
        // Reading the files (which a rebuild does) is not a change.
        if matches!(
            event.event.kind,
            EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) | EventKind::Other
        ) {
            continue;
        }
        for path in &event.event.paths {
            let rel = path
                .strip_prefix(canonical_root)
                .or_else(|_| path.strip_prefix(root))
                .unwrap_or(path)
                .to_path_buf();
            if is_relevant(&rel) {
                touched.push(rel);
            }
        }
    }
    touched
}

/// Only the site's sources count; editors' temporary and swap files, the
/// output folder and hidden files do not.
fn is_relevant(rel: &Path) -> bool {
    let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let in_sources =
        rel == Path::new("site.yaml") || rel.starts_with("content") || rel.starts_with("themes");
    let editor_file = name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || [
            ".swp",
            ".swx",
            ".swo",
            ".tmp",
            ".bak",
            ".part",
            ".crdownload",
        ]
        .iter()
        .any(|s| name.ends_with(s))
        || name == "4913";
    in_sources && !editor_file
}

/// Reads the site again and tells the browsers to reload.
fn apply(shared: &Shared, live: &mut LiveSite, touched: &BTreeSet<PathBuf>, lang: MessageLang) {
    let started = Instant::now();
    let diagnostics = live.rebuild(touched);
    report(&diagnostics, lang);
    let elapsed = started.elapsed().as_millis();
    let version = {
        let mut served = shared.served.write().unwrap_or_else(|e| e.into_inner());
        served.problems = diagnostics
            .clone()
            .into_sorted()
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        served.version += 1;
        let message = if !served.problems.is_empty() {
            text!(
                "The site has errors; the last good version is still served, with the errors shown on every page.",
                "Le site comporte des erreurs ; la dernière version correcte reste servie, avec les erreurs affichées sur chaque page."
            )
        } else if served.version == 1 {
            text!(
                "Read the site in {elapsed} ms; pages are made when asked for.",
                "Site lu en {elapsed} ms ; les pages sont faites à la demande."
            )
        } else {
            text!(
                "Read the changes in {elapsed} ms.",
                "Modifications lues en {elapsed} ms."
            )
        };
        eprintln!("{}", message.get(lang));
        served.version
    };
    let _ = shared.reload.send(version);
}

fn report(diagnostics: &Diagnostics, lang: MessageLang) {
    for d in diagnostics.clone().into_sorted() {
        eprintln!("{}", d.render(lang));
    }
}
