//! What the external addresses answered, kept for a day in the user's
//! cache folder (never in the site, whose folder is under version control):
//! `$PASSERELLE_CACHE_DIR`, else `$XDG_CACHE_HOME/passerelle`,
//! `~/.cache/passerelle`, or `%LOCALAPPDATA%\passerelle` on Windows.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::probe::Outcome;

/// How long an answer stays good, in seconds.
const LIFETIME: u64 = 24 * 60 * 60;
const FILE: &str = "external-links.json";

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    /// Seconds since 1970 when it was asked.
    checked: u64,
    #[serde(flatten)]
    outcome: Outcome,
}

/// The answers of the last day, by address.
#[derive(Debug, Default)]
pub struct Cache {
    file: Option<PathBuf>,
    entries: BTreeMap<String, Entry>,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The cache folder, when the environment names one.
pub fn folder() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = var("PASSERELLE_CACHE_DIR") {
        return Some(PathBuf::from(dir));
    }
    if let Some(dir) = var("XDG_CACHE_HOME") {
        return Some(PathBuf::from(dir).join("passerelle"));
    }
    if let Some(dir) = var("LOCALAPPDATA") {
        return Some(PathBuf::from(dir).join("passerelle"));
    }
    var("HOME").map(|home| PathBuf::from(home).join(".cache").join("passerelle"))
}

impl Cache {
    /// The answers younger than a day; an unreadable cache is an empty one.
    pub fn load() -> Self {
        let file = folder().map(|dir| dir.join(FILE));
        let now = now();
        let entries: BTreeMap<String, Entry> = file
            .as_ref()
            .and_then(|f| std::fs::read(f).ok())
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        let entries = entries
            .into_iter()
            .filter(|(_, e)| e.checked <= now && now - e.checked < LIFETIME)
            .collect();
        Cache { file, entries }
    }

    pub fn get(&self, url: &str) -> Option<&Outcome> {
        self.entries.get(url).map(|e| &e.outcome)
    }

    /// Keeps an answer, unless it is only that the network failed.
    pub fn put(&mut self, url: &str, outcome: &Outcome) {
        if !matches!(outcome, Outcome::Unreachable { .. }) {
            let entry = Entry {
                checked: now(),
                outcome: outcome.clone(),
            };
            self.entries.insert(url.to_string(), entry);
        }
    }

    /// Writes the cache (through a temporary file renamed over it); a cache
    /// that cannot be written is only a slower next run.
    pub fn save(&self) {
        let Some(file) = &self.file else { return };
        let Some(dir) = file.parent() else { return };
        let Ok(json) = serde_json::to_vec_pretty(&self.entries) else {
            return;
        };
        let temp = dir.join(format!(".{FILE}.{}", std::process::id()));
        let written = std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(&temp, json))
            .and_then(|()| std::fs::rename(&temp, file));
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
    }
}
