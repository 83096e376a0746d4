//! [`SiteOutput`] → disk, atomically.
//!
//! The site is written to a staging folder beside the output folder, then
//! swapped in with two renames: a build that fails leaves the previous
//! output as it was, and a successful one leaves no stale file. Nothing
//! outside the output folder (and its staging siblings) is ever deleted,
//! and a folder passerelle did not create is never replaced without
//! `--force`.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::diagnostics::Text;
use crate::render::SiteOutput;
use crate::text;

/// The file that marks a folder as passerelle's output.
pub const MARKER: &str = ".passerelle-output";

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

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |error| OutputError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// The output folder as an absolute path with `.` and `..` applied and the
/// links of its existing part resolved: the folder that is checked is the
/// folder that is written, even through a folder that does not exist yet
/// (`missing/../content` is `content`).
pub fn resolve_path(path: &Path) -> Result<PathBuf, OutputError> {
    use std::path::Component;
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_err(io_error(path))?.join(path)
    };
    let mut normal = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    let mut existing = normal.clone();
    let mut missing = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => {
                missing.push(name.to_os_string());
                existing.pop();
            }
            None => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in missing.iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

/// Refuses an output folder that would destroy something: the site itself,
/// a folder holding a site, or a non-empty folder passerelle did not create.
/// Returns the folder to write ([`resolve_path`]).
pub fn check_target(root: &Path, output: &Path, force: bool) -> Result<PathBuf, OutputError> {
    let shown = output.display();
    let canonical_root = root.canonicalize().map_err(io_error(root))?;
    let canonical_out = resolve_path(output)?;
    if canonical_out == canonical_root || canonical_root.starts_with(&canonical_out) {
        return Err(OutputError::Refused(text!(
            "refusing to write the site into `{shown}`: it is the site's folder or one of its parents",
            "refus d'écrire le site dans `{shown}` : c'est le dossier du site ou l'un de ses parents"
        )));
    }
    // Even with --force: the output is replaced whole at every build.
    for folder in ["content", "themes"] {
        if canonical_out.starts_with(canonical_root.join(folder)) {
            return Err(OutputError::Refused(text!(
                "refusing to write the site into `{shown}`: it is inside the site's `{folder}/` folder",
                "refus d'écrire le site dans `{shown}` : il est dans le dossier `{folder}/` du site"
            )));
        }
    }
    if !canonical_out.exists() {
        return Ok(canonical_out);
    }
    if !canonical_out.is_dir() {
        return Err(OutputError::Refused(text!(
            "`{shown}` exists and is not a folder",
            "`{shown}` existe et n'est pas un dossier"
        )));
    }
    if canonical_out.join("content").exists() || canonical_out.join("site.yaml").exists() {
        return Err(OutputError::Refused(text!(
            "refusing to replace `{shown}`: it holds a `content/` folder or a `site.yaml`, like a site",
            "refus de remplacer `{shown}` : il contient un dossier `content/` ou un `site.yaml`, comme un site"
        )));
    }
    let empty = fs::read_dir(&canonical_out)
        .map_err(io_error(&canonical_out))?
        .next()
        .is_none();
    if !empty && !canonical_out.join(MARKER).exists() && !force {
        return Err(OutputError::Refused(text!(
            "refusing to replace `{shown}`: it is not empty and was not written by passerelle; choose another folder with `--output`, or add `--force` to replace it (everything in it will be deleted)",
            "refus de remplacer `{shown}` : il n'est pas vide et n'a pas été écrit par passerelle ; choisissez un autre dossier avec `--output`, ou ajoutez `--force` pour le remplacer (tout son contenu sera supprimé)"
        )));
    }
    Ok(canonical_out)
}

/// Where rendered files go: a staging folder (build), memory (serve,
/// tests), or nowhere (check). Pages are put as soon as they are rendered,
/// from several threads, so a build never holds the whole site in memory.
pub trait Sink: Sync {
    fn put(&self, path: String, bytes: Vec<u8>);
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
}

/// A staging folder beside the output folder: files are written into it as
/// they come, and [`Staging::commit`] swaps it in place of the output.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    previous: PathBuf,
    made: Mutex<HashSet<PathBuf>>,
    /// The first write error; the others would repeat it.
    error: Mutex<Option<OutputError>>,
    files: std::sync::atomic::AtomicUsize,
}

impl Staging {
    /// Creates an empty staging folder beside `output` (removing one left
    /// by an interrupted build).
    pub fn create(output: &Path) -> Result<Staging, OutputError> {
        let name = output
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(io_error(&parent))?;
        let staging = parent.join(format!(".{name}.passerelle-staging"));
        let previous = parent.join(format!(".{name}.passerelle-previous"));
        remove_ours(&staging)?;
        remove_ours(&previous)?;
        fs::create_dir(&staging).map_err(io_error(&staging))?;
        Ok(Staging {
            output: output.to_path_buf(),
            staging,
            previous,
            made: Mutex::new(HashSet::new()),
            error: Mutex::new(None),
            files: std::sync::atomic::AtomicUsize::new(0),
        })
    }

    /// How many files were written.
    pub fn count(&self) -> usize {
        self.files.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let path = self.staging.join(rel);
        if let Some(parent) = path.parent() {
            let made = |dirs: &Mutex<HashSet<PathBuf>>| {
                dirs.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .contains(parent)
            };
            // Noted only once made: a thread that finds a folder in the set
            // may write into it at once. Two threads may both make it,
            // which `create_dir_all` allows.
            if !made(&self.made) {
                fs::create_dir_all(parent).map_err(io_error(parent))?;
                self.made
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(parent.to_path_buf());
            }
        }
        let mut file = io::BufWriter::new(fs::File::create(&path).map_err(io_error(&path))?);
        file.write_all(bytes).map_err(io_error(&path))?;
        file.flush().map_err(io_error(&path))
    }

    /// Swaps the staging folder in place of the output folder.
    pub fn commit(self) -> Result<(), OutputError> {
        if let Some(error) = self.error.lock().unwrap_or_else(|e| e.into_inner()).take() {
            let _ = fs::remove_dir_all(&self.staging);
            return Err(error);
        }
        let marker = self.staging.join(MARKER);
        fs::write(
            &marker,
            b"This folder is written by passerelle build; it is replaced at every build.\n",
        )
        .map_err(io_error(&marker))?;
        if self.output.exists() {
            fs::rename(&self.output, &self.previous).map_err(io_error(&self.output))?;
        }
        if let Err(error) = fs::rename(&self.staging, &self.output) {
            // Put the previous output back before reporting.
            let _ = fs::rename(&self.previous, &self.output);
            return Err(OutputError::Io {
                path: self.output.clone(),
                error,
            });
        }
        remove_ours(&self.previous)
    }

    /// Removes the staging folder; the output folder stays as it was.
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.staging);
    }
}

impl Sink for Staging {
    fn put(&self, path: String, bytes: Vec<u8>) {
        match self.write(&path, &bytes) {
            Ok(()) => {
                self.files
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            Err(e) => {
                let mut first = self.error.lock().unwrap_or_else(|e| e.into_inner());
                first.get_or_insert(e);
            }
        }
    }
}

/// Writes `site` to a staging folder, then swaps it in place of `output`.
pub fn write_atomically(site: &SiteOutput, output: &Path) -> Result<(), OutputError> {
    let staging = Staging::create(output)?;
    for (path, bytes) in &site.files {
        staging.put(path.clone(), bytes.clone());
    }
    staging.commit()
}

/// Removes a staging or previous-output folder left by an interrupted
/// build; only ever a folder whose name passerelle chose.
///
/// A large catalogue's output holds tens of thousands of files, most of
/// them three levels down (`fr/partenariats/<slug>/`): those entries are
/// removed in parallel first, then the rest. Links are removed, never
/// followed.
fn remove_ours(path: &Path) -> Result<(), OutputError> {
    if !path.exists() {
        return Ok(());
    }
    let deep: Vec<(PathBuf, bool)> = walkdir::WalkDir::new(path)
        .min_depth(3)
        .max_depth(3)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| (e.path().to_path_buf(), e.file_type().is_dir()))
        .collect();
    deep.par_iter().try_for_each(|(entry, is_dir)| {
        let removed = match is_dir {
            true => fs::remove_dir_all(entry),
            false => fs::remove_file(entry),
        };
        removed.map_err(io_error(entry))
    })?;
    fs::remove_dir_all(path).map_err(io_error(path))
}
