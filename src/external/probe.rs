//! One external address asked over HTTP: `HEAD` first, `GET` when the
//! server refuses `HEAD`, redirects followed one by one so that a chain of
//! permanent ones gives the address to write instead.

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// The most redirects followed for one address.
const MAX_REDIRECTS: usize = 8;

/// What an address answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// It answers (after temporary redirects, if any).
    Ok,
    /// It answers only through permanent redirects (301, 308): `to` is the
    /// address to write instead.
    Moved { status: u16, to: String },
    /// It answers with an error status (after redirects, if any).
    Dead { status: u16 },
    /// No answer: the server is unreachable, refused the connection or took
    /// too long. Never cached: the network may be back tomorrow.
    Unreachable { reason: String },
}

/// The HTTP client shared by the workers: a short timeout, no automatic
/// redirects, statuses given back rather than turned into errors.
pub fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .max_redirects(0)
        .max_redirects_will_error(false)
        .http_status_as_error(false)
        .user_agent(concat!(
            "passerelle/",
            env!("CARGO_PKG_VERSION"),
            " (link checker of a static site; checks each address at most once a day)"
        ))
        .build()
        .into()
}

/// Asks `url` and follows its redirects.
pub fn probe(agent: &ureq::Agent, url: &str) -> Outcome {
    let mut current = url.to_string();
    let mut permanent = true;
    let mut first_status = 0;
    for hop in 0..=MAX_REDIRECTS {
        let (status, location) = match ask(agent, &current) {
            Ok(answer) => answer,
            Err(reason) => return Outcome::Unreachable { reason },
        };
        match (status, location) {
            (300..=399, Some(location)) if hop < MAX_REDIRECTS => {
                if hop == 0 {
                    first_status = status;
                }
                permanent &= matches!(status, 301 | 308);
                current = resolve(&current, &location);
            }
            (200..=299, _) if hop > 0 && permanent => {
                return Outcome::Moved {
                    status: first_status,
                    to: current,
                }
            }
            (200..=299, _) => return Outcome::Ok,
            _ => return Outcome::Dead { status },
        }
    }
    Outcome::Unreachable {
        reason: format!("more than {MAX_REDIRECTS} redirects"),
    }
}

/// One request: `HEAD`, then `GET` when `HEAD` gets an error status (many
/// servers refuse or mishandle `HEAD`). The status and the `Location`.
fn ask(agent: &ureq::Agent, url: &str) -> Result<(u16, Option<String>), String> {
    let head = agent.head(url).call().map_err(describe)?;
    let answer = |r: &ureq::http::Response<ureq::Body>| {
        let location = r
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .map(str::to_string);
        (r.status().as_u16(), location)
    };
    if head.status().as_u16() < 400 {
        return Ok(answer(&head));
    }
    drop(head);
    // The body is not read: dropping the response closes the connection.
    let get = agent.get(url).call().map_err(describe)?;
    Ok(answer(&get))
}

fn describe(error: ureq::Error) -> String {
    match error {
        ureq::Error::Timeout(_) => "no answer in time".to_string(),
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".to_string()
        }
        // The system's resolver: "failed to lookup address information".
        ureq::Error::Io(e) if e.to_string().contains("lookup address") => {
            "no such host".to_string()
        }
        ureq::Error::HostNotFound => "no such host".to_string(),
        ureq::Error::ConnectionFailed => "connection refused".to_string(),
        other => other.to_string(),
    }
}

/// `location` read against `base`: absolute, from the host's root, or
/// relative to the base's folder.
fn resolve(base: &str, location: &str) -> String {
    if location.starts_with("http://") || location.starts_with("https://") {
        return location.to_string();
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    if let Some(net) = location.strip_prefix("//") {
        return format!("{scheme}://{net}");
    }
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    if location.starts_with('/') {
        return format!("{scheme}://{host}{location}");
    }
    let path = &rest[host_end..];
    let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
    let folder = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let folder = if folder.is_empty() { "/" } else { folder };
    format!("{scheme}://{host}{folder}{location}")
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn resolves_locations() {
        let base = "https://a.example/x/y?q=1";
        assert_eq!(resolve(base, "https://b.example/"), "https://b.example/");
        assert_eq!(resolve(base, "//c.example/z"), "https://c.example/z");
        assert_eq!(resolve(base, "/z"), "https://a.example/z");
        assert_eq!(resolve(base, "z"), "https://a.example/x/z");
        assert_eq!(resolve("http://a.example", "z"), "http://a.example/z");
    }
}
