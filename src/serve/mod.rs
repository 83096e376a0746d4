//! `passerelle serve`: the site built in memory, served over HTTP on the
//! loopback, rebuilt when a file changes, and every open page reloaded.
//!
//! Four parts: the watcher thread (notify, debounced) sends the changed
//! paths to the rebuild thread (`rebuild`), which reads the site again
//! through the pipeline ([`LiveSite`], which re-parses only the files that
//! changed) and hands each site that read without error to the site
//! thread; the site thread answers every request from the last good site
//! ([`GoodSite`]), rendering each page when it is asked for, and switches
//! to a new site between two requests, so a rebuild, however long, never
//! keeps a page from being answered; the HTTP server (axum on a
//! current-thread tokio runtime, in `http`) answers from memory and
//! announces reloads by server-sent events once the new site is in place.
//! What the threads share and send each other is in `shared`.
//! `public/` is never written. `guard` answers only requests addressed
//! to the served address, and `listen` bounds the connections (a header
//! timeout, a cap); with `--edit`, `edit` adds the web editor and
//! its API, which writes into `content/`.

mod edit;
mod guard;
mod http;
mod listen;
mod rebuild;
mod shared;
mod waiting;

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, RwLock};
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::DebounceEventResult;

pub use self::shared::{Message, Reply, Served, Shared};
use crate::diagnostics::MessageLang;
use crate::live::{Answer, GoodSite, LiveSite, Pages};
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
    // The first read is made before the server listens: there is nothing
    // to answer before it.
    let mut live = LiveSite::new(&options.root, options.build.clone());
    rebuild::apply(&shared, &mut live, &BTreeSet::new());
    std::thread::spawn(move || site_loop(rx, options.lang));

    let (changes, changed) = mpsc::channel::<DebounceEventResult>();
    let events = move |result| {
        let _ = changes.send(result);
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
    let rebuild_shared = Arc::clone(&shared);
    let root = options.root.clone();
    std::thread::spawn(move || rebuild::rebuild_loop(&root, changed, &rebuild_shared, live));

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
/// each page when asked, and takes each new site from the rebuild thread
/// as it comes, between two requests.
fn site_loop(rx: mpsc::Receiver<Message>, lang: MessageLang) {
    let mut current: Option<GoodSite> = None;
    let mut parts = None;
    loop {
        let next = {
            let mut pages = current.as_ref().map(|site| site.pages(parts.take()));
            let next = loop {
                match rx.recv() {
                    Ok(Message::Request(path, reply)) => {
                        let _ = reply.send(answer(pages.as_mut(), &path, lang));
                    }
                    Ok(Message::Site(site)) => break site,
                    Err(_) => return,
                }
            };
            // What the next site's pages may reuse of these.
            parts = pages.map(Pages::into_parts);
            next
        };
        current = Some(next);
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
