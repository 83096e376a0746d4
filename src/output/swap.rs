//! Putting one folder in the place of another in one step.
//!
//! On Linux, `renameat2` with `RENAME_EXCHANGE` swaps the two names at
//! once: at every instant each place holds one of the two folders, whole.
//! Elsewhere, or on a file system that cannot swap, three renames go
//! through a third name (`.public.passerelle-previous`), and [`recover`]
//! finishes or undoes them if the process stops in between.

use std::fs;
use std::io;
use std::path::Path;

/// Swaps the folders `a` and `b` (both exist, same file system); after it,
/// `a` holds what `b` held and the other way round. `through` is the third
/// name of the fallback.
pub fn exchange(a: &Path, b: &Path, through: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    match exchange_linux(a, b) {
        Ok(()) => return Ok(()),
        // The file system cannot swap: the renames below.
        Err(e) if matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS)) => {}
        Err(e) => return Err(e),
    }
    fs::rename(b, through)?;
    if let Err(e) = fs::rename(a, b) {
        let _ = fs::rename(through, b);
        return Err(e);
    }
    fs::rename(through, a)
}

/// After a process stopped between the renames of the fallback, the
/// folder waiting under the third name goes back to the place left empty:
/// `b` when the first rename was done (`b` holds its old folder again),
/// `a` when the second was (the swap is complete).
pub fn recover(a: &Path, b: &Path, through: &Path) -> io::Result<()> {
    if !fs::symlink_metadata(through).is_ok_and(|m| m.is_dir()) {
        return Ok(());
    }
    if fs::symlink_metadata(b).is_err() {
        fs::rename(through, b)
    } else if fs::symlink_metadata(a).is_err() {
        fs::rename(through, a)
    } else {
        Ok(())
    }
}

#[cfg(target_os = "linux")]
fn exchange_linux(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths that live across the call.
    let done = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    match done {
        0 => Ok(()),
        _ => Err(io::Error::last_os_error()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_folders_are_swapped_and_a_half_done_swap_is_finished_or_undone() {
        let dir = std::env::temp_dir().join(format!("passerelle-swap-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let (a, b, through) = (dir.join("a"), dir.join("b"), dir.join("through"));
        for (folder, text) in [(&a, "new"), (&b, "old")] {
            fs::create_dir_all(folder).unwrap();
            fs::write(folder.join("f"), text).unwrap();
        }
        let read = |p: &Path| fs::read_to_string(p.join("f")).unwrap();
        exchange(&a, &b, &through).unwrap();
        assert_eq!((read(&b), read(&a)), ("new".into(), "old".into()));
        assert!(!through.exists());
        // Stopped after the first rename of the fallback: undone.
        fs::rename(&b, &through).unwrap();
        recover(&a, &b, &through).unwrap();
        assert_eq!((read(&b), read(&a)), ("new".into(), "old".into()));
        // Stopped after the second: finished.
        fs::rename(&b, &through).unwrap();
        fs::rename(&a, &b).unwrap();
        recover(&a, &b, &through).unwrap();
        assert_eq!((read(&b), read(&a)), ("old".into(), "new".into()));
        recover(&a, &b, &through).unwrap();
        assert!(!through.exists());
        fs::remove_dir_all(&dir).unwrap();
    }
}
