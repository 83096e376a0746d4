//! `check --external` against a real HTTP server started by the test on
//! 127.0.0.1: it answers 200, 301, 302, 308, 404, 500, 405 to `HEAD` only,
//! and slowly; one address points at a port where nothing listens.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::{SiteTest, TempDir};

/// What the server saw: the requests (method and path), the user agents,
/// and the most requests it had at one time.
#[derive(Default)]
struct Seen {
    requests: Mutex<Vec<String>>,
    agents: Mutex<Vec<String>>,
    open: AtomicUsize,
    most_open: AtomicUsize,
}

fn serve(listener: TcpListener, seen: Arc<Seen>) {
    for stream in listener.incoming().flatten() {
        let seen = seen.clone();
        std::thread::spawn(move || answer(stream, &seen));
    }
}

fn answer(mut stream: TcpStream, seen: &Seen) {
    let now = seen.open.fetch_add(1, Ordering::SeqCst) + 1;
    seen.most_open.fetch_max(now, Ordering::SeqCst);
    let mut reader = BufReader::new(stream.try_clone().expect("clone the stream"));
    let mut request = String::new();
    let _ = reader.read_line(&mut request);
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        if let Some(agent) = line.to_ascii_lowercase().strip_prefix("user-agent:") {
            seen.agents.lock().unwrap().push(agent.trim().to_string());
        }
        line.clear();
    }
    let mut parts = request.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    seen.requests
        .lock()
        .unwrap()
        .push(format!("{method} {path}"));
    let (status, location) = match (method, path) {
        (_, "/ok" | "/ok/") => ("200 OK", None),
        (_, "/moved") => ("301 Moved Permanently", Some("/ok")),
        (_, "/moved-twice") => ("308 Permanent Redirect", Some("/moved")),
        (_, "/elsewhere") => ("302 Found", Some("/ok")),
        (_, "/gone") => ("404 Not Found", None),
        (_, "/broken") => ("500 Internal Server Error", None),
        ("HEAD", "/no-head") => ("405 Method Not Allowed", None),
        ("GET", "/no-head") => ("200 OK", None),
        (_, "/slow") => {
            std::thread::sleep(Duration::from_secs(4));
            ("200 OK", None)
        }
        _ => ("404 Not Found", None),
    };
    let location = location.map_or(String::new(), |l| format!("Location: {l}\r\n"));
    let body = if method == "GET" { "hello" } else { "" };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\n{location}Content-Length: 5\r\nConnection: close\r\n\r\n{body}"
    );
    seen.open.fetch_sub(1, Ordering::SeqCst);
}

/// A port where nothing listens.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

#[test]
fn external_addresses_are_asked_and_reported_where_written() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let seen = Arc::new(Seen::default());
    let server_seen = seen.clone();
    std::thread::spawn(move || serve(listener, server_seen));
    let refused = format!("http://127.0.0.1:{}/", closed_port());

    let site = SiteTest::error_case("_base");
    let helmo = site.root().join("content/institutions/helmo.yaml");
    let yaml = std::fs::read_to_string(&helmo).unwrap();
    std::fs::write(
        &helmo,
        yaml.replace("https://www.helmo.be/", &format!("{base}/moved")),
    )
    .unwrap();
    let page = site.root().join("content/partnerships/helmo.fr.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let text = text.replace(
        "funding:",
        &format!(
            "videos:\n  - {{url: \"{base}/gone\", title: Vidéo}}\n# {base}/commented-out\nfunding:"
        ),
    );
    let body = format!(
        "\nVoir [le site]({base}/ok), [ailleurs]({base}/elsewhere), [sans HEAD]({base}/no-head).\n\
         [Erreur]({base}/broken) et <{base}/moved-twice>.\n\
         Lent : {base}/slow. Fermé : {refused}.\n"
    );
    std::fs::write(&page, text + &body).unwrap();

    let cache = TempDir::new("external-cache");
    let cache_dir = cache.path().display().to_string();
    let env = [("PASSERELLE_CACHE_DIR", cache_dir.as_str())];
    let args = ["check", "--external", "--timeout", "1"];
    let run = site.run_env(&args, &env).code(0);
    let err = &run.stderr;
    let written = std::fs::read_to_string(&page).unwrap();
    let file = "content/partnerships/helmo.fr.md";
    // `file:line:column` of the first place `needle` is written.
    let place = |needle: &str| {
        let (n, line) = written
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains(needle))
            .unwrap();
        format!(
            "{file}:{}:{}",
            n + 1,
            line[..line.find(needle).unwrap()].chars().count() + 1
        )
    };
    let expect = [
        (
            format!("`{base}/moved` has moved for good (301) to `{base}/ok`"),
            "content/institutions/helmo.yaml:6:10".to_string(),
        ),
        (
            format!("`{base}/gone` answers 404 Not Found"),
            place(&format!("{base}/gone")),
        ),
        (
            format!("`{base}/broken` answers 500 Internal Server Error"),
            place(&format!("{base}/broken")),
        ),
        (
            format!("`{base}/moved-twice` has moved for good (308) to `{base}/ok`"),
            place(&format!("{base}/moved-twice")),
        ),
        (
            format!("`{base}/slow` could not be reached (no answer in time)"),
            place(&format!("{base}/slow")),
        ),
        (
            format!("`{refused}` could not be reached (connection refused)"),
            place(&refused),
        ),
    ];
    for (message, place) in &expect {
        let at = err
            .find(message.as_str())
            .unwrap_or_else(|| panic!("no `{message}` in:\n{err}"));
        let after = &err[at..];
        let next = after[1..].find("warning:").map_or(after.len(), |n| n + 1);
        assert!(
            after[..next].contains(place.as_str()),
            "`{message}` not placed at {place}:\n{err}"
        );
    }
    assert!(
        err.contains(&format!("help: write `{base}/ok` instead")),
        "{err}"
    );
    for fine in ["/ok`", "/elsewhere`", "/no-head`", "/commented-out`"] {
        assert!(
            !err.contains(&format!("warning: `{base}{fine}")),
            "{fine} reported:\n{err}"
        );
    }
    assert!(
        err.contains("9 checked (0 from the last day's cache), 6 problem(s)"),
        "{err}"
    );

    let requests = seen.requests.lock().unwrap().clone();
    let count = |r: &str| requests.iter().filter(|x| *x == r).count();
    assert_eq!(
        (count("HEAD /no-head"), count("GET /no-head")),
        (1, 1),
        "{requests:?}"
    );
    assert_eq!(count("GET /ok"), 0, "HEAD is enough where it is answered");
    assert!(
        seen.most_open.load(Ordering::SeqCst) <= 4,
        "more than 4 requests at once"
    );
    let agents = seen.agents.lock().unwrap().clone();
    assert!(
        !agents.is_empty() && agents.iter().all(|a| a.starts_with("passerelle/")),
        "{agents:?}"
    );

    // Run again: what answered is read from the cache; the unreachable two
    // are asked again.
    let before = requests.len();
    let again = site.run_env(&args, &env).code(0);
    assert!(
        again
            .stderr
            .contains("9 checked (7 from the last day's cache), 6 problem(s)"),
        "{}",
        again.stderr
    );
    let asked: BTreeMap<String, usize> =
        seen.requests.lock().unwrap()[before..]
            .iter()
            .fold(BTreeMap::new(), |mut m, r| {
                *m.entry(r.clone()).or_default() += 1;
                m
            });
    assert_eq!(
        asked.keys().cloned().collect::<Vec<_>>(),
        ["HEAD /slow"],
        "{asked:?}"
    );

    // --strict: the same problems are errors.
    let strict = site
        .run_env(&["check", "--external", "--strict", "--timeout", "1"], &env)
        .code(1);
    assert!(strict.stderr.contains("error: `"), "{}", strict.stderr);
    // The cache is not in the site.
    assert!(std::fs::read_dir(cache.path()).unwrap().count() == 1);
    assert!(!site.root().join("external-links.json").exists());
}
