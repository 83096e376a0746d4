//! Where rendered files go as soon as they are made: the output folder
//! ([`super::Update`]), memory ([`SiteOutput`], for serve and tests) or
//! nowhere ([`Discard`], for check).

use std::collections::BTreeMap;
use std::sync::Mutex;

use super::marker::Stamp;

/// The rendered site: output path → bytes.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SiteOutput {
    pub files: BTreeMap<String, Vec<u8>>,
}

/// Where rendered files go: a staging folder (build), memory (serve,
/// tests), or nowhere (check). Pages are put as soon as they are rendered,
/// from several threads, so a build never holds the whole site in memory.
pub trait Sink: Sync {
    fn put(&self, path: String, bytes: Vec<u8>);

    /// Puts a file whose size and hash are known before its bytes are
    /// read (a resized image in the cache): `bytes` is called only when
    /// they are needed, and gives `None` when they can no longer be had,
    /// which puts nothing.
    fn put_known(&self, path: String, stamp: Stamp, bytes: &dyn Fn() -> Option<Vec<u8>>) {
        let _ = stamp;
        if let Some(bytes) = bytes() {
            self.put(path, bytes);
        }
    }
}

impl Sink for Mutex<SiteOutput> {
    fn put(&self, path: String, bytes: Vec<u8>) {
        self.lock()
            .unwrap_or_else(|e| e.into_inner())
            .files
            .insert(path, bytes);
    }
}

/// Counts what would be written, and keeps nothing (`check`).
#[derive(Default)]
pub struct Discard(pub std::sync::atomic::AtomicUsize);

impl Sink for Discard {
    fn put(&self, _: String, _: Vec<u8>) {
        self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    fn put_known(&self, _: String, _: Stamp, _: &dyn Fn() -> Option<Vec<u8>>) {
        self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
}
