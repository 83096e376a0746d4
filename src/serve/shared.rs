//! What the threads of `serve` share and send each other: the problems of
//! the last build and its number (read by the HTTP server), the channel of
//! reloads, and what the site thread is sent: requests to answer, and each
//! new good site from the rebuild thread.

use std::sync::{mpsc, RwLock};

use crate::diagnostics::{Diagnostic, MessageLang};
use crate::live::{Answer, GoodSite};

/// What the server shows beside the pages: the problems of the last
/// build, if it failed, and a number that grows at every build.
#[derive(Default)]
pub struct Served {
    pub problems: Vec<Diagnostic>,
    pub version: u64,
}

/// What the site thread is sent, in order: a request for the file at a
/// path, or the site read after a change, to answer from from then on.
pub enum Message {
    Request(String, tokio::sync::oneshot::Sender<Reply>),
    Site(GoodSite),
}

/// The site thread's answer to a request, with the site's 404 page for
/// when the path is not found.
pub struct Reply {
    pub answer: Answer,
    pub not_found: Option<Vec<u8>>,
    /// The site has never been read without errors: nothing to show yet.
    pub waiting: bool,
}

pub struct Shared {
    pub served: RwLock<Served>,
    pub reload: tokio::sync::broadcast::Sender<u64>,
    pub requests: mpsc::Sender<Message>,
    pub lang: MessageLang,
}
