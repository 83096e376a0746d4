//! `passerelle serve`: the site built in memory, served over HTTP on the
//! loopback, rebuilt when a file changes, and every open page reloaded.
//!
//! Three parts: the watcher thread (notify, debounced) sends the changed
//! paths; the rebuild thread turns them into an [`Update`] of the served
//! site ([`LiveSite`] re-parses and re-renders only what depends on them);
//! the HTTP server (axum on a current-thread tokio runtime, in `http`)
//! answers from memory and announces reloads by server-sent events.
//! `public/` is never written.

mod http;

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, RwLock};
use std::time::{Duration, Instant};

use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::DebounceEventResult;

use crate::diagnostics::{Diagnostic, Diagnostics, MessageLang};
use crate::live::{LiveSite, Update};
use crate::render::SiteOutput;
use crate::{text, BuildOptions};

pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
    pub poll: bool,
    pub build: BuildOptions,
    pub lang: MessageLang,
}

/// What the server answers from: the last good site and the problems of
/// the last build, if it failed.
#[derive(Default)]
pub struct Served {
    pub output: SiteOutput,
    pub problems: Vec<Diagnostic>,
    pub version: u64,
}

pub struct Shared {
    pub served: RwLock<Served>,
    pub reload: tokio::sync::broadcast::Sender<u64>,
    pub lang: MessageLang,
}

/// Runs the server until Ctrl-C; returns the exit status.
pub fn run(options: ServeOptions) -> i32 {
    let (reload, _) = tokio::sync::broadcast::channel(16);
    let shared = Arc::new(Shared {
        served: RwLock::new(Served::default()),
        reload,
        lang: options.lang,
    });
    let mut live = LiveSite::new(&options.root, options.build.clone());
    apply(&shared, &mut live, &BTreeSet::new(), options.lang);

    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let _watcher = match watch(&options.root, options.poll, tx) {
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
    let rebuild_shared = Arc::clone(&shared);
    let root = options.root.clone();
    let lang = options.lang;
    std::thread::spawn(move || rebuild_loop(&root, rx, &rebuild_shared, &mut live, lang));

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
    ))
}

/// Watches site.yaml, content/ and themes/ (the output folder and editor
/// files are filtered out by the rebuild loop).
fn watch(
    root: &Path,
    poll: bool,
    tx: mpsc::Sender<DebounceEventResult>,
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

fn rebuild_loop(
    root: &Path,
    rx: mpsc::Receiver<DebounceEventResult>,
    shared: &Shared,
    live: &mut LiveSite,
    lang: MessageLang,
) {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    while let Ok(first) = rx.recv() {
        let mut touched = BTreeSet::new();
        let mut batch = vec![first];
        // Take every event already waiting: one rebuild for a burst of saves.
        batch.extend(rx.try_iter());
        for event in batch.into_iter().flatten().flatten() {
            // Reading the files (which a rebuild does) is not a change.
            if matches!(
                event.event.kind,
                EventKind::Access(_)
                    | EventKind::Modify(ModifyKind::Metadata(_))
                    | EventKind::Other
            ) {
                continue;
            }
            for path in event.event.paths {
                let rel = path
                    .strip_prefix(&canonical_root)
                    .or_else(|_| path.strip_prefix(root))
                    .unwrap_or(&path)
                    .to_path_buf();
                if is_relevant(&rel) {
                    touched.insert(rel);
                }
            }
        }
        if !touched.is_empty() {
            apply(shared, live, &touched, lang);
        }
    }
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

/// Rebuilds and publishes the result to the server.
fn apply(shared: &Shared, live: &mut LiveSite, touched: &BTreeSet<PathBuf>, lang: MessageLang) {
    let started = Instant::now();
    let (update, diagnostics) = live.rebuild(touched);
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
        let (pages, partial) = match update {
            Update::Full(output) => {
                let n = output.files.len();
                served.output = output;
                (n, false)
            }
            Update::Partial(pages) => {
                let n = pages.len();
                served.output.files.extend(pages);
                (n, true)
            }
            Update::Failed => (0, false),
        };
        served.version += 1;
        let message = if served.problems.is_empty() && partial {
            text!(
                "Rebuilt {pages} files in {elapsed} ms.",
                "{pages} fichiers reconstruits en {elapsed} ms."
            )
        } else if served.problems.is_empty() {
            text!(
                "Built the site ({pages} files) in {elapsed} ms.",
                "Site construit ({pages} fichiers) en {elapsed} ms."
            )
        } else {
            text!(
                "The site has errors; the last good version is still served, with the errors shown on every page.",
                "Le site comporte des erreurs ; la dernière version correcte reste servie, avec les erreurs affichées sur chaque page."
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
