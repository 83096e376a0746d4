//! The connections of `serve`, bounded: a client has a few seconds to send
//! its request's headers (hyper's header read timeout), and the number of
//! open connections is capped below what the process may open, so that
//! connections left half-open by another program of the machine neither
//! pile up nor take the files the server needs to answer the browser.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// How long a client may take to send a request's headers.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);

/// Serves `app` on `listener` until `shutdown` ends.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<(), Infallible> {
    let slots = Arc::new(Semaphore::new(connection_limit()));
    tokio::pin!(shutdown);
    loop {
        // At the limit, new connections wait in the system's queue until
        // one closes (the header timeout closes idle ones).
        let permit = tokio::select! {
            permit = Arc::clone(&slots).acquire_owned() => permit,
            () = &mut shutdown => return Ok(()),
        };
        let Ok(permit) = permit else { return Ok(()) };
        let stream = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => return Ok(()),
        };
        let Ok((stream, _)) = stream else {
            // Out of files, or a connection reset before it was accepted:
            // wait a little rather than spin.
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let mut builder = http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT);
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            // A client that goes away is no error of the server's.
            let _ = connection.await;
            drop(permit);
        });
    }
}

/// Connections served at once: most of the files the process may open
/// (raised to the system's maximum first), leaving some for reading the
/// site and watching it.
fn connection_limit() -> usize {
    const KEPT: u64 = 256;
    let files = raise_open_files_limit().unwrap_or(1024);
    files.saturating_sub(KEPT).clamp(64, 16_384) as usize
}

#[cfg(target_os = "linux")]
fn raise_open_files_limit() -> Option<u64> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `getrlimit` and `setrlimit` read and write the one struct
    // given, which lives for the whole call.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return None;
        }
        if limit.rlim_cur < limit.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: limit.rlim_max,
                rlim_max: limit.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                limit = raised;
            }
        }
    }
    // `rlim_t` is not 64 bits on every Linux target.
    #[allow(clippy::unnecessary_cast)]
    Some(limit.rlim_cur as u64)
}

#[cfg(not(target_os = "linux"))]
fn raise_open_files_limit() -> Option<u64> {
    None
}
