//! `passerelle serve` keeps answering while it reads the site again: a
//! rebuild is made to hang on a file that cannot be read yet (a named
//! pipe, which blocks its reader until something writes into it), and the
//! last good site must still be served, then replaced once the read ends.
//!
//! Every wait is a bounded poll; the pipe is opened for writing without
//! blocking, so the test never hangs, and the server is killed at the end.
#![cfg(target_os = "linux")]

use std::ffi::CString;
use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::serve::Server;
use crate::support::SiteTest;

const PAGE: &str = "/fr/partenariats/reseau-quebec/";
const QUEBEC_FR: &str = "content/partnerships/reseau-quebec.fr.md";

fn mkfifo(path: &Path) {
    let name = CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: `name` is a valid NUL-terminated path that outlives the call.
    let made = unsafe { libc::mkfifo(name.as_ptr(), 0o644) };
    assert_eq!(made, 0, "mkfifo {}", path.display());
}

/// The write end of the pipe, once a reader has opened it: opening it
/// without blocking fails (ENXIO) as long as nothing reads it.
fn writer_once_read(pipe: &Path) -> File {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let opened = OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(pipe);
        match opened {
            Ok(file) => return file,
            Err(e) if e.raw_os_error() == Some(libc::ENXIO) => {}
            Err(e) => panic!("cannot open the pipe for writing: {e}"),
        }
        assert!(
            Instant::now() < deadline,
            "serve never started reading the logo after site.yaml changed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A GET that must be answered within `limit`: (status, body), or what
/// kept it from being answered.
fn get_within(port: u16, path: &str, limit: Duration) -> Result<(u16, String), String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(limit)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    match stream.read_to_end(&mut raw) {
        Ok(_) => {}
        Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
            return Err(format!("no answer within {limit:?}"))
        }
        Err(e) => return Err(e.to_string()),
    }
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok());
    Ok((status.unwrap_or(0), body.to_string()))
}

#[test]
fn a_rebuild_stuck_on_a_file_does_not_stop_the_pages_being_served() {
    let site = SiteTest::fixture("build/basic");
    let server = Server::start(&site);
    let (status, _, body) = server.get(PAGE);
    assert_eq!(status, 200);
    assert!(body.contains("Partenariats de test"), "{body}");

    // A new title, and a logo that is a pipe nothing writes into yet.
    let logos = site.root().join("content/media/logos");
    let pipe = logos.join("attente.svg");
    mkfifo(&pipe);
    let yaml = site.root().join("site.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    let text = text.replace(
        "{fr: Partenariats de test,",
        "{fr: Partenariats renouvelés,",
    );
    fs::write(&yaml, text + "appearance:\n  logo: logos/attente.svg\n").unwrap();
    let mut writer = writer_once_read(&pipe);

    // The rebuild waits on the pipe: the last good site answers, at once,
    // and goes on answering while more changes come in.
    let old_page_at_once = || {
        let answered = get_within(server.port, PAGE, Duration::from_secs(2));
        let (status, body) = answered.expect("a page while the site is read again");
        assert_eq!(status, 200, "{body}");
        assert!(body.contains("Partenariats de test"), "{body}");
        assert!(!body.contains("Partenariats renouvelés"), "{body}");
    };
    old_page_at_once();
    let quebec = site.root().join(QUEBEC_FR);
    let text = fs::read_to_string(&quebec).unwrap();
    let text = text.replacen(
        "title: Réseau France-Québec",
        "title: Réseau France-Québec élargi",
        1,
    );
    fs::write(&quebec, text).unwrap();
    old_page_at_once();

    // A real logo takes the pipe's place, and the read under way gets it too.
    let svg = fs::read(logos.join("echanges.svg")).unwrap();
    fs::write(logos.join("attente.tmp"), &svg).unwrap();
    fs::rename(logos.join("attente.tmp"), &pipe).unwrap();
    writer.write_all(&svg).unwrap();
    drop(writer);
    // The read under way ends, and the change made meanwhile is read after
    // it: none is lost.
    let body = server.wait_for(PAGE, "both changes", |s, b| {
        s == 200 && b.contains("Partenariats renouvelés") && b.contains("France-Québec élargi")
    });
    assert!(
        body.contains("attente.svg"),
        "the new logo is shown:\n{body}"
    );
}
