//! Rendered files → the output folder.
//!
//! [`Update`] replaces the output folder whole, in one step, and writes
//! only what changed: the new site is made in a spare folder of
//! passerelle's beside the output, which holds the build before the last
//! one, and the two folders are swapped. A build that fails or is stopped
//! leaves the previous output as it was, and a successful one leaves no
//! stale file. Nothing outside the output folder is ever deleted, except
//! in passerelle's own spare folder, and a folder passerelle did not
//! create is never replaced without `--force`.

mod carry;
mod error;
mod files;
mod inplace;
mod marker;
mod sink;
mod spare;
mod swap;
mod target;
mod update;

pub use error::OutputError;
pub use marker::{Stamp, MARKER};
pub use sink::{Discard, Sink, SiteOutput};
pub use target::{check_target, resolve_path, spare_folder};
pub use update::Update;
