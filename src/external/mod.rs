//! `passerelle check --external`: every external address written in the
//! content asked over the network, a few at a time, and each dead or moved
//! one reported where it is written. Answers are cached for a day
//! ([`cache`]); a problem is a warning, an error only with `--strict`, so
//! that the network's bad day never fails a build by itself.

mod cache;
mod collect;
mod probe;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity, Text};
use crate::text;
pub use probe::Outcome;

/// How many addresses are asked at the same time.
const WORKERS: usize = 4;

#[derive(Debug, Clone)]
pub struct ExternalOptions {
    /// The longest wait for one request.
    pub timeout: Duration,
    /// Report problems as errors (exit status 1).
    pub strict: bool,
}

/// What a run went through.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    /// Distinct addresses found.
    pub addresses: usize,
    /// Of which answered from the cache.
    pub cached: usize,
    /// Of which none answered at all (never cached).
    pub unreachable: usize,
}

impl Summary {
    /// The closing line of a check, with the number of `problems` found.
    pub fn text(&self, problems: usize) -> Text {
        let (found, cached) = (self.addresses, self.cached);
        let mut text = text!(
            "External addresses: {found} checked ({cached} from the last day's cache), {problems} problem(s) where they are written.",
            "Adresses externes : {found} vérifiées ({cached} d'après le cache du dernier jour), {problems} problème(s) aux endroits où elles sont écrites."
        );
        if self.unreachable > 0 && self.unreachable + self.cached == self.addresses {
            let offline = text!(
                " No address answered: is this computer connected to the Internet?",
                " Aucune adresse n'a répondu : cet ordinateur est-il connecté à Internet ?"
            );
            text.en.push_str(&offline.en);
            text.fr.push_str(&offline.fr);
        }
        text
    }
}

/// Checks every external address of the site at `root`.
pub fn check(root: &Path, options: &ExternalOptions) -> (Diagnostics, Summary) {
    let found = collect::addresses(root);
    let mut cache = cache::Cache::load();
    let mut outcomes: BTreeMap<&str, Outcome> = BTreeMap::new();
    let mut todo = Vec::new();
    for url in found.keys() {
        match cache.get(url) {
            Some(outcome) => {
                outcomes.insert(url, outcome.clone());
            }
            None => todo.push(url.as_str()),
        }
    }
    let mut summary = Summary {
        addresses: found.len(),
        cached: outcomes.len(),
        unreachable: 0,
    };
    for (url, outcome) in ask_all(&todo, options.timeout) {
        if matches!(outcome, Outcome::Unreachable { .. }) {
            summary.unreachable += 1;
        }
        cache.put(url, &outcome);
        outcomes.insert(url, outcome);
    }
    cache.save();
    let mut diagnostics = Diagnostics::default();
    for (url, places) in &found {
        let Some((message, hint)) = outcomes.get(url.as_str()).and_then(|o| words(url, o)) else {
            continue;
        };
        for place in places {
            let mut d = Diagnostic::warning(&place.file, message.clone())
                .hint(hint.clone())
                .at(&place.text, place.line, place.column);
            if options.strict {
                d.severity = Severity::Error;
            }
            diagnostics.push(d);
        }
    }
    (diagnostics, summary)
}

/// Asks every address, `WORKERS` at a time.
fn ask_all<'a>(urls: &[&'a str], timeout: Duration) -> Vec<(&'a str, Outcome)> {
    let agent = probe::agent(timeout);
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(urls.len()));
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(urls.len()) {
            scope.spawn(|| {
                while let Some(&url) = urls.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let outcome = probe::probe(&agent, url);
                    results
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((url, outcome));
                }
            });
        }
    });
    results.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// The message and the hint for an address that is not fine.
fn words(url: &str, outcome: &Outcome) -> Option<(Text, Text)> {
    Some(match outcome {
        Outcome::Ok => return None,
        Outcome::Moved { status, to } => (
            text!(
                "`{url}` has moved for good ({status}) to `{to}`",
                "`{url}` a déménagé pour de bon ({status}) : nouvelle adresse `{to}`"
            ),
            text!("write `{to}` instead", "écrivez `{to}` à la place"),
        ),
        Outcome::Dead { status } => {
            let reason = ureq::http::StatusCode::from_u16(*status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("");
            (
                text!(
                    "`{url}` answers {status} {reason}: the page is not there",
                    "`{url}` répond {status} {reason} : la page n'y est pas"
                ),
                text!(
                    "open it in a browser; find the page's new address on that site, or remove the link",
                    "ouvrez-la dans un navigateur ; cherchez la nouvelle adresse de la page sur ce site, ou retirez le lien"
                ),
            )
        }
        Outcome::Unreachable { reason } => (
            {
                let raison = match reason.as_str() {
                    "no answer in time" => "pas de réponse à temps",
                    "connection refused" => "connexion refusée",
                    "no such host" => "serveur inconnu",
                    other => other,
                };
                text!(
                    "`{url}` could not be reached ({reason})",
                    "`{url}` est injoignable ({raison})"
                )
            },
            text!(
                "the site may be down for a while: check again later, or open the address in a browser",
                "le site est peut-être en panne passagère : vérifiez plus tard, ou ouvrez l'adresse dans un navigateur"
            ),
        ),
    })
}
