//! The rebuild thread of `serve`: it gathers the changes the watcher
//! reports, reads the site again through [`LiveSite`], hands each site that
//! read without error to the site thread, and only then announces the
//! reload. It answers no request, so a long read (a big site, a file that
//! cannot be read yet) never keeps a page from being served: the last good
//! site is served until the new one is ready. Changes that arrive during a
//! read wait in the channel and are read together, in one more rebuild.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;

use notify::event::ModifyKind;
use notify::EventKind;
use notify_debouncer_full::DebounceEventResult;

use super::shared::{Message, Shared};
use crate::diagnostics::{Diagnostic, Diagnostics, MessageLang};
use crate::live::LiveSite;
use crate::text;

/// Reads the site again at each change until the watcher stops.
pub fn rebuild_loop(
    root: &Path,
    changes: mpsc::Receiver<DebounceEventResult>,
    shared: &Shared,
    mut live: LiveSite,
) {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    while let Ok(first) = changes.recv() {
        // Every change already waiting, read during the last rebuild or in
        // a burst of saves, makes one rebuild.
        let mut touched = BTreeSet::new();
        for events in std::iter::once(first).chain(changes.try_iter()) {
            touched.extend(relevant_paths(events, root, &canonical_root));
        }
        if !touched.is_empty() {
            apply(shared, &mut live, &touched);
        }
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

/// Reads the site again, hands the new site (if it read without error) to
/// the site thread, then tells the browsers to reload.
pub fn apply(shared: &Shared, live: &mut LiveSite, touched: &BTreeSet<PathBuf>) {
    let lang = shared.lang;
    let started = Instant::now();
    let (diagnostics, good) = live.rebuild(touched);
    report(&diagnostics, lang);
    if let Some(good) = good {
        // Requests sent after this message are answered from the new site,
        // and a reloaded page asks after the announcement below.
        let _ = shared.requests.send(Message::Site(good));
    }
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
