//! Rendered files → the output folder.
//!
//! [`Update`] writes the new site beside the output folder, hard-linking
//! the files that did not change, and swaps it in whole at the end: a
//! build that fails or is stopped leaves the previous output as it was,
//! and a successful one leaves no stale file. Nothing outside the output
//! folder and its spare folder is ever deleted, and a folder passerelle
//! did not create is never replaced without `--force`.

mod carry;
mod error;
mod marker;
mod sink;
mod swap;
mod target;
mod update;

pub use error::OutputError;
pub use marker::MARKER;
pub use sink::{Discard, Sink, SiteOutput};
pub use target::{check_target, resolve_path};
pub use update::Update;
