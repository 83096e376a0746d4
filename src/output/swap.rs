//! Putting a finished folder in the place of another in one step.
//!
//! On Linux, `renameat2` with `RENAME_EXCHANGE` swaps the two names at
//! once: at every instant the place holds the old folder or the new one.
//! Elsewhere, or on a file system that cannot swap, the old folder is first
//! renamed to a spare name, and [`recover`] puts it back if the process
//! stops between the two renames.

use std::fs;
use std::io;
use std::path::Path;

/// Swaps the folders `a` and `b` (both exist, same file system); after it,
/// `a` holds what `b` held and the other way round.
pub fn exchange(a: &Path, b: &Path, spare: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    match exchange_linux(a, b) {
        Ok(()) => return Ok(()),
        // The file system cannot swap: the two renames below.
        Err(e) if matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS)) => {}
        Err(e) => return Err(e),
    }
    fs::rename(b, spare)?;
    if let Err(e) = fs::rename(a, b) {
        let _ = fs::rename(spare, b);
        return Err(e);
    }
    fs::rename(spare, a)
}

/// After a process stopped between the two renames of the fallback, the
/// old folder waits under its spare name: it goes back in its place.
pub fn recover(place: &Path, spare: &Path) -> io::Result<()> {
    if fs::symlink_metadata(place).is_err() && fs::symlink_metadata(spare).is_ok_and(|m| m.is_dir())
    {
        fs::rename(spare, place)?;
    }
    Ok(())
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
    fn two_folders_are_swapped_and_a_half_done_swap_is_undone() {
        let dir = std::env::temp_dir().join(format!("passerelle-swap-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let (a, b, spare) = (dir.join("a"), dir.join("b"), dir.join("spare"));
        for (folder, text) in [(&a, "new"), (&b, "old")] {
            fs::create_dir_all(folder).unwrap();
            fs::write(folder.join("f"), text).unwrap();
        }
        exchange(&a, &b, &spare).unwrap();
        assert_eq!(fs::read_to_string(b.join("f")).unwrap(), "new");
        assert_eq!(fs::read_to_string(a.join("f")).unwrap(), "old");
        assert!(!spare.exists());
        // Stopped after the first rename of the fallback.
        fs::rename(&b, &spare).unwrap();
        recover(&b, &spare).unwrap();
        assert_eq!(fs::read_to_string(b.join("f")).unwrap(), "new");
        recover(&b, &spare).unwrap();
        fs::remove_dir_all(&dir).unwrap();
    }
}
