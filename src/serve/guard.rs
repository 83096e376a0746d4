//! Who `serve` answers. Every request must name the served address in its
//! `Host` (the loopback address it listens on, or `localhost`), or it gets
//! 421: a web page elsewhere cannot reach the preview through a domain
//! name that points to 127.0.0.1 (DNS rebinding). The editor's API also
//! wants a request from the served page itself: its `Origin`, and
//! `Sec-Fetch-Site` when the browser sends it, and a JSON body, which a
//! form on another site cannot send without the browser asking first.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The address `serve` listens on, which requests must name.
#[derive(Debug, Clone, Copy)]
pub struct Served {
    pub addr: SocketAddr,
}

impl Served {
    /// Whether a `Host` header names the served address: its IP or
    /// `localhost`, with its port (or none when the port is 80).
    pub fn is_host(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let (name, port) = match host.rsplit_once(':') {
            Some((name, port)) if !name.ends_with(':') && !port.ends_with(']') => {
                (name.to_string(), port.parse::<u16>().ok())
            }
            _ => (host.clone(), Some(80)),
        };
        if port != Some(self.addr.port()) {
            return false;
        }
        let ip = self.addr.ip();
        let own = if ip.is_ipv6() {
            format!("[{ip}]")
        } else {
            ip.to_string()
        };
        let local = ip.is_loopback() || ip.is_unspecified();
        let loopback_name = local && (name == "localhost" || name == "localhost.");
        // Listening on every interface (`--bind 0.0.0.0`), the address is
        // any of this computer's: an IP address, never a domain name.
        let any_ip = ip.is_unspecified()
            && name
                .trim_start_matches('[')
                .trim_end_matches(']')
                .parse::<std::net::IpAddr>()
                .is_ok();
        name == own || loopback_name || any_ip
    }
}

/// Answers 421 to a request whose `Host` is not the served address.
pub async fn host(State(served): State<Served>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if host.is_some_and(|h| served.is_host(h)) {
        return next.run(request).await;
    }
    let body = "421 Misdirected Request: this server answers only at its own address \
                (localhost or 127.0.0.1). / Ce serveur ne répond qu'à sa propre adresse \
                (localhost ou 127.0.0.1).\n";
    let mut response = (StatusCode::MISDIRECTED_REQUEST, Body::from(body)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// Why a request to the editor's API is refused, before its body is read.
pub fn refuse_write(headers: &HeaderMap) -> Option<(StatusCode, &'static str)> {
    let get = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let host = get(header::HOST).unwrap_or("");
    let same_origin = get(header::ORIGIN).is_some_and(|o| o == format!("http://{host}"));
    if !same_origin {
        return Some((
            StatusCode::FORBIDDEN,
            "seul l'éditeur servi ici peut utiliser cette API (Origin) / only the editor served here may use this API (Origin)",
        ));
    }
    if get(header::HeaderName::from_static("sec-fetch-site")).is_some_and(|s| s != "same-origin") {
        return Some((
            StatusCode::FORBIDDEN,
            "seul l'éditeur servi ici peut utiliser cette API (Sec-Fetch-Site) / only the editor served here may use this API (Sec-Fetch-Site)",
        ));
    }
    let json = get(header::CONTENT_TYPE).is_some_and(|t| {
        t.split(';')
            .next()
            .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
    });
    if !json {
        return Some((
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "le corps doit être du JSON (Content-Type: application/json) / the body must be JSON (Content-Type: application/json)",
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_served_address_is_a_host() {
        let served = Served {
            addr: "127.0.0.1:1111".parse().unwrap(),
        };
        for host in ["127.0.0.1:1111", "localhost:1111", "LOCALHOST:1111"] {
            assert!(served.is_host(host), "{host}");
        }
        for host in [
            "evil.example:1111",
            "127.0.0.1:2222",
            "127.0.0.1",
            "localhost",
            "127.0.0.1.evil.example:1111",
            "[::1]:1111",
            "",
        ] {
            assert!(!served.is_host(host), "{host}");
        }
        let v6 = Served {
            addr: "[::1]:80".parse().unwrap(),
        };
        assert!(v6.is_host("[::1]"));
        assert!(v6.is_host("[::1]:80"));
        assert!(v6.is_host("localhost"));
        let every = Served {
            addr: "0.0.0.0:1111".parse().unwrap(),
        };
        assert!(every.is_host("192.168.1.20:1111"));
        assert!(!every.is_host("rebind.example:1111"));
    }
}
