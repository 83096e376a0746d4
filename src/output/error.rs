//! What can go wrong when writing the output folder.

use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::Text;
use crate::text;

#[derive(Debug)]
pub enum OutputError {
    /// The output folder may not be used; the message says why.
    Refused(Text),
    Io {
        path: PathBuf,
        error: io::Error,
    },
}

impl OutputError {
    pub fn text(&self) -> Text {
        match self {
            OutputError::Refused(message) => message.clone(),
            OutputError::Io { path, error } => {
                let path = path.display();
                text!(
                    "cannot write `{path}`: {error}",
                    "impossible d'écrire `{path}` : {error}"
                )
            }
        }
    }
}

/// Wraps an IO error with the path it happened on.
pub(super) fn io_error(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |error| OutputError::Io {
        path: path.to_path_buf(),
        error,
    }
}
