//! Rendered files → the output folder.
//!
//! [`Update`] writes the folder in place and only what changed: a build
//! that fails leaves the previous output as it was, and a successful one
//! leaves no stale file. Nothing outside the output folder is ever
//! deleted, and a folder passerelle did not create is never replaced
//! without `--force`.

mod error;
mod marker;
mod sink;
mod target;
mod update;

pub use error::OutputError;
pub use marker::MARKER;
pub use sink::{Discard, Sink, SiteOutput};
pub use target::{check_target, resolve_path};
pub use update::Update;
