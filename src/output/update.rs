//! The output folder of `build`: replaced whole in one step through the
//! spare folder beside it ([`super::spare`]), or, where the two folders
//! cannot be swapped (the output is a mount point, its parent folder
//! cannot be written), updated in place ([`super::inplace`]) with a
//! warning that says why.

use std::path::Path;

use super::error::OutputError;
use super::inplace::InPlace;
use super::marker::Stamp;
use super::sink::Sink;
use super::spare::Spare;
use crate::diagnostics::Text;

/// Where `build` writes; see the module's documentation.
pub enum Update {
    Swap(Spare),
    /// Updated in place, and why.
    InPlace(InPlace, Text),
}

impl Update {
    /// Prepares `output` (a folder [`super::check_target`] accepted) for a
    /// build.
    pub fn create(output: &Path) -> Result<Update, OutputError> {
        Ok(match Spare::create(output)? {
            Ok(spare) => Update::Swap(spare),
            Err(why) => Update::InPlace(InPlace::create(output)?, why),
        })
    }

    /// Why the output is updated in place rather than replaced whole.
    pub fn warning(&self) -> Option<&Text> {
        match self {
            Update::Swap(_) => None,
            Update::InPlace(_, why) => Some(why),
        }
    }

    /// How many files the build made.
    pub fn count(&self) -> usize {
        match self {
            Update::Swap(spare) => spare.count(),
            Update::InPlace(update, _) => update.count(),
        }
    }

    /// Puts the new site in place; a warning when it had to be done in
    /// place after all (the folders could not be swapped).
    pub fn commit(self) -> Result<Option<Text>, OutputError> {
        match self {
            Update::Swap(spare) => spare.commit(),
            Update::InPlace(update, _) => update.commit().map(|()| None),
        }
    }

    /// Takes back what the build did: the output is as it was before.
    pub fn abandon(self) {
        match self {
            Update::Swap(spare) => spare.abandon(),
            Update::InPlace(update, _) => update.abandon(),
        }
    }
}

impl Sink for Update {
    fn put(&self, path: String, bytes: Vec<u8>) {
        match self {
            Update::Swap(spare) => spare.put(path, bytes),
            Update::InPlace(update, _) => update.put(path, bytes),
        }
    }

    fn put_known(&self, path: String, stamp: Stamp, bytes: &dyn Fn() -> Option<Vec<u8>>) {
        match self {
            Update::Swap(spare) => spare.put_known(path, stamp, bytes),
            Update::InPlace(update, _) => update.put_known(path, stamp, bytes),
        }
    }
}
