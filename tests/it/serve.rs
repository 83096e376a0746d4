//! `passerelle serve`: the real binary serves a copy of a fixture on a
//! free port; the tests edit, create, rename and delete files and follow
//! the changes over HTTP and the server-sent event stream.
//!
//! Waits are bounded polls (a change must show within 20 s), never timing
//! assertions.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::SiteTest;

/// A running `passerelle serve`, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) port: u16,
    log: mpsc::Receiver<String>,
}

impl Server {
    pub(crate) fn start(site: &SiteTest) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_passerelle"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start passerelle serve");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let deadline = Instant::now() + Duration::from_secs(30);
        let port = loop {
            let line = rx
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .expect("the server printed its address");
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                break rest
                    .trim_end_matches(|c: char| !c.is_ascii_digit())
                    .split('/')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap();
            }
        };
        Server {
            child,
            port,
            log: rx,
        }
    }

    /// A raw GET of `path` (sent as written, so encoded traversals reach the
    /// server unchanged): (status, headers, body).
    pub(crate) fn get(&self, path: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: localhost:{}\r\nConnection: close\r\n\r\n",
            self.port
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, head.to_lowercase(), body.to_string())
    }

    /// Polls `path` until `check` accepts the body.
    pub(crate) fn wait_for(
        &self,
        path: &str,
        what: &str,
        check: impl Fn(u16, &str) -> bool,
    ) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let (status, _, body) = self.get(path);
            if check(status, &body) {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "{path} never showed {what}; last status {status}:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Stops the server as Ctrl-C does; returns its exit status.
    fn interrupt(mut self) -> Option<i32> {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        while self.log.try_recv().is_ok() {}
    }
}

fn edit(site: &SiteTest, rel: &str, from: &str, to: &str) {
    let path = site.root().join(rel);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no `{from}`");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

const QUEBEC_FR: &str = "content/partnerships/reseau-quebec.fr.md";

#[test]
fn pages_are_served_from_memory_with_the_reload_script_and_no_cache() {
    let site = SiteTest::fixture("build/basic");
    let server = Server::start(&site);
    let (status, headers, body) = server.get("/fr/");
    assert_eq!(status, 200);
    assert!(headers.contains("cache-control: no-store"), "{headers}");
    assert!(headers.contains("content-type: text/html"), "{headers}");
    assert!(
        body.contains("EventSource(\"/__passerelle/events\")"),
        "no reload script"
    );
    let (status, headers, _) = server.get("/static/style.css");
    assert_eq!(status, 200);
    assert!(headers.contains("content-type: text/css"), "{headers}");
    let (status, headers, _) = server.get("/fr/partenariats");
    assert_eq!(status, 308, "a folder without its slash is redirected");
    assert!(headers.contains("location: /fr/partenariats/"), "{headers}");
    assert!(!site.root().join("public").exists(), "serve wrote public/");
    assert_eq!(server.interrupt(), Some(0), "Ctrl-C exits cleanly");
}

#[test]
fn an_edit_is_announced_on_the_event_stream_and_served() {
    let site = SiteTest::fixture("build/basic");
    let server = Server::start(&site);
    let mut events = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        events,
        "GET /__passerelle/events HTTP/1.1\r\nHost: localhost:{}\r\n\r\n",
        server.port
    )
    .unwrap();
    let mut reader = BufReader::new(events);
    let mut line = String::new();
    // Wait for the response head, so the subscription exists before the edit.
    while reader.read_line(&mut line).unwrap() > 0 && line != "\r\n" {
        line.clear();
    }
    edit(
        &site,
        QUEBEC_FR,
        "title: Réseau France-Québec",
        "title: Réseau renouvelé France-Québec",
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen = String::new();
    while !seen.contains("event: reload") {
        assert!(Instant::now() < deadline, "no reload event; got {seen:?}");
        let mut chunk = String::new();
        if reader.read_line(&mut chunk).unwrap_or(0) == 0 {
            break;
        }
        seen.push_str(&chunk);
    }
    assert!(seen.contains("event: reload"), "{seen}");
    server.wait_for(
        "/fr/partenariats/reseau-quebec/",
        "the new title",
        |s, b| s == 200 && b.contains("Réseau renouvelé France-Québec"),
    );
    // The listing shows the new title too (an incremental rebuild re-renders it).
    server.wait_for("/fr/partenariats/", "the new title in the list", |_, b| {
        b.contains("Réseau renouvelé")
    });
}

#[test]
fn created_renamed_and_deleted_partnerships_come_and_go() {
    let site = SiteTest::fixture("build/basic");
    let server = Server::start(&site);
    let dir = site.root().join("content/partnerships");
    let text = fs::read_to_string(dir.join("reseau-quebec.fr.md")).unwrap();
    fs::write(
        dir.join("nouveau-reseau.fr.md"),
        text.replace("Réseau France-Québec", "Nouveau réseau"),
    )
    .unwrap();
    server.wait_for(
        "/fr/partenariats/nouveau-reseau/",
        "the created page",
        |s, b| s == 200 && b.contains("Nouveau réseau"),
    );
    server.wait_for(
        "/en/partnerships/nouveau-reseau/",
        "the created page, untranslated",
        |s, _| s == 200,
    );

    fs::rename(
        dir.join("nouveau-reseau.fr.md"),
        dir.join("reseau-renomme.fr.md"),
    )
    .unwrap();
    server.wait_for(
        "/fr/partenariats/reseau-renomme/",
        "the renamed page",
        |s, _| s == 200,
    );
    server.wait_for(
        "/fr/partenariats/nouveau-reseau/",
        "the old name gone",
        |s, _| s == 404,
    );

    fs::remove_file(dir.join("reseau-renomme.fr.md")).unwrap();
    server.wait_for(
        "/fr/partenariats/reseau-renomme/",
        "the deleted page gone",
        |s, _| s == 404,
    );
    let list = server.wait_for("/fr/partenariats/", "the list without it", |_, b| {
        !b.contains("Nouveau réseau")
    });
    assert!(list.contains("Réseau France-Québec"));
}

#[test]
fn a_bad_edit_shows_its_error_on_every_page_until_fixed() {
    let site = SiteTest::fixture("build/basic");
    let server = Server::start(&site);
    edit(
        &site,
        QUEBEC_FR,
        "institution: cj-quebec,",
        "institution: cj-quebek,",
    );
    let page = server.wait_for("/fr/", "the error overlay", |_, b| {
        b.contains("passerelle-errors")
    });
    assert!(
        page.contains("content/partnerships/reseau-quebec.fr.md:12:19"),
        "{page}"
    );
    assert!(page.contains("unknown institution `cj-quebek`"), "{page}");
    assert!(page.contains("did you mean `cj-quebec`?"), "{page}");
    // The last good pages stay readable under the overlay.
    let (status, _, body) = server.get("/fr/partenariats/reseau-quebec/");
    assert_eq!(status, 200);
    assert!(body.contains("passerelle-errors") && body.contains("Réseau France-Québec"));

    edit(
        &site,
        QUEBEC_FR,
        "institution: cj-quebek,",
        "institution: cj-quebec,",
    );
    server.wait_for("/fr/", "the overlay gone", |_, b| {
        !b.contains("passerelle-errors")
    });
}

#[test]
fn a_site_broken_from_the_start_explains_itself_then_shows_once_fixed() {
    let site = SiteTest::fixture("build/basic");
    edit(&site, QUEBEC_FR, "status: ", "status:");
    let server = Server::start(&site);
    let page = server.wait_for("/fr/", "the waiting page", |s, _| s == 503);
    let html = scraper::Html::parse_document(&page);
    let text = |css: &str| -> Vec<String> {
        let selector = scraper::Selector::parse(css).unwrap();
        html.select(&selector).map(|e| e.text().collect()).collect()
    };
    assert_eq!(text("h1"), ["The site cannot be shown yet"]);
    assert_eq!(text("h2"), ["Le site ne peut pas encore être affiché"]);
    let errors = text("li");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("content/partnerships/reseau-quebec.fr.md:"),
        "{errors:?}"
    );
    assert!(
        errors[0].contains("a space is missing after `status:`"),
        "{errors:?}"
    );
    // No overlay claiming a last good version, but the reload script.
    assert!(!page.contains("passerelle-errors") && page.contains("/__passerelle/events"));
    assert!(!page.contains(">404<"));
    edit(&site, QUEBEC_FR, "status:", "status: ");
    let fixed = server.wait_for("/fr/", "the site", |s, _| s == 200);
    assert!(!fixed.contains("passerelle-errors"));
}

#[test]
fn requests_outside_the_site_get_404() {
    let site = SiteTest::fixture("build/basic");
    fs::write(site.tmp().join("secret.txt"), "secret").unwrap();
    let server = Server::start(&site);
    let attempts = [
        "/../secret.txt",
        "/fr/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/fr/%2e%2e/%2e%2e/secret.txt",
        "/fr%2f..%2f..%2fsecret.txt",
        "/..%5c..%5csecret.txt",
        "/site.yaml",
        "/content/partnerships/reseau-quebec.fr.md",
        "/%2e%2e/site/site.yaml",
    ];
    for path in attempts {
        let (status, _, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !body.contains("secret") && !body.contains("title: "),
            "{path} leaked a file"
        );
    }
}

#[test]
fn a_link_out_of_the_site_is_never_served() {
    let site = SiteTest::fixture("build/basic");
    fs::write(site.tmp().join("secret.txt"), "secret").unwrap();
    let media = site.root().join("content/media");
    std::os::unix::fs::symlink(site.tmp().join("secret.txt"), media.join("leak.txt")).unwrap();
    let server = Server::start(&site);
    // The site has never been good: the waiting page lists the error.
    server.wait_for("/fr/", "the error about the link", |_, b| {
        b.contains("content/media/leak.txt")
    });
    let (status, _, body) = server.get("/media/leak.txt");
    assert_eq!(status, 503, "no good version of the site yet");
    assert!(!body.contains("secret"));
}

/// Regression: when a partnership left a list of 31, the list's second page
/// was still served (with stale cards) after the incremental rebuild.
#[test]
fn a_list_that_shrinks_by_a_page_loses_that_page() {
    let site = SiteTest::fixture("build/basic");
    let dir = site.root().join("content/partnerships");
    let text = fs::read_to_string(dir.join("reseau-quebec.fr.md")).unwrap();
    // reseau-quebec and 30 copies: 31 partnerships on the theme, two pages.
    for n in 1..=30 {
        let copy = text.replace("Réseau France-Québec", &format!("Réseau copie {n:02}"));
        fs::write(dir.join(format!("copie-{n:02}.fr.md")), copy).unwrap();
    }
    let server = Server::start(&site);
    let page_2 = "/fr/thematiques/child-protection/page/2/";
    server.wait_for(page_2, "the second page", |s, _| s == 200);
    edit(
        &site,
        "content/partnerships/copie-01.fr.md",
        "themes: [child-protection]",
        "themes: [student-mobility]",
    );
    server.wait_for(page_2, "the second page gone", |s, _| s == 404);
    let first = server.wait_for("/fr/thematiques/child-protection/", "30 cards", |_, b| {
        !b.contains("copie 01")
    });
    assert_eq!(first.matches("<article class=\"card").count(), 30);
}

#[test]
fn a_new_status_moves_the_partnership_between_facet_pages_and_in_the_search_data() {
    let site = SiteTest::fixture("build/basic");
    let server = Server::start(&site);
    let ongoing = "/fr/partenariats/statut/en-cours/";
    let before = server.wait_for(ongoing, "the ongoing page", |s, _| s == 200);
    assert!(!before.contains("Réseau France-Québec"));
    server.wait_for("/fr/recherche/", "the search page", |s, _| s == 200);
    edit(&site, QUEBEC_FR, "status: ended", "status: ongoing");
    server.wait_for(ongoing, "the network among the ongoing", |_, b| {
        b.contains("Réseau France-Québec")
    });
    let ended = server.wait_for(
        "/fr/partenariats/statut/termine/",
        "the ended page",
        |s, _| s == 200,
    );
    assert!(!ended.contains("Réseau France-Québec"));
    // The filter's data follows: three documents have the value `en-cours`.
    let data = server.wait_for("/search/fr/facets.json", "the filter data", |s, _| s == 200);
    let data: serde_json::Value = serde_json::from_str(&data).unwrap();
    let groups = data["groups"].as_array().unwrap();
    let before: usize = groups[..4]
        .iter()
        .map(|g| g["values"].as_array().unwrap().len())
        .sum();
    assert_eq!(groups[4]["param"], "statut");
    assert_eq!(groups[4]["values"][0], "en-cours");
    let having = data["docs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|values| {
            values
                .as_array()
                .unwrap()
                .contains(&serde_json::json!(before))
        })
        .count();
    assert_eq!(having, 3);
}

#[test]
fn every_file_served_is_the_file_built() {
    let site = SiteTest::fixture("build/basic");
    let built = site.build().success();
    let server = Server::start(&site);
    server.wait_for("/", "the language chooser", |s, _| s == 200);
    let text = ["html", "xml", "json", "css", "js", "txt", "csv", "svg"];
    let mut compared = 0;
    for file in built.files() {
        let extension = file.rsplit('.').next().unwrap_or("");
        if file.starts_with('.') || !text.contains(&extension) {
            continue;
        }
        let (status, _, body) = server.get(&format!("/{file}"));
        assert_eq!(status, 200, "{file}");
        let served = match body.find("<script>(function(){var s=new EventSource(") {
            Some(at) => {
                let end = body[at..].find("</script>").unwrap() + at + "</script>".len();
                format!("{}{}", &body[..at], &body[end..])
            }
            None => body,
        };
        // The 404 page links from the path it is served under: that of
        // base_url once published, the root in `serve`.
        let expected = match file.as_str() {
            "404.html" => built.read(&file).replace("\"/international/", "\"/"),
            _ => built.read(&file),
        };
        assert!(served == expected, "{file} differs from the build");
        compared += 1;
    }
    assert!(compared > 150, "only {compared} files compared");
}

#[test]
fn a_broken_link_in_an_edited_text_is_shown_until_fixed() {
    let site = SiteTest::fixture("build/basic");
    let server = Server::start(&site);
    let page = "/fr/partenariats/reseau-quebec/";
    server.wait_for(page, "the page", |s, _| s == 200);
    edit(
        &site,
        QUEBEC_FR,
        "(@/partnerships/echanges-liege)",
        "(@/partnerships/echanges-lige)",
    );
    // Any page shows the problem, with the file and the link's target.
    let shown = server.wait_for("/en/", "the broken link", |_, b| {
        b.contains("passerelle-errors") && b.contains("echanges-lige")
    });
    assert!(shown.contains("reseau-quebec.fr.md"), "{shown}");
    // A mistake in the front matter as well: both are shown at once, the
    // link still at its line.
    edit(&site, QUEBEC_FR, "status: ended", "status: ended: yes");
    let both = server.wait_for("/en/", "both problems", |_, b| {
        b.contains("reseau-quebec.fr.md:7:") && b.contains("echanges-lige")
    });
    assert!(both.contains("reseau-quebec.fr.md:14:"), "{both}");
    edit(&site, QUEBEC_FR, "status: ended: yes", "status: ended");
    edit(
        &site,
        QUEBEC_FR,
        "(@/partnerships/echanges-lige)",
        "(@/partnerships/echanges-liege)",
    );
    server.wait_for(page, "the fixed page", |s, b| {
        s == 200 && !b.contains("passerelle-errors")
    });
}

/// The 404 page at any depth of a missing address: styled, and every link
/// of it answers, though the site's `base_url` has a sub-path (`serve`
/// serves the site at the root).
#[test]
fn the_404_page_links_work_at_any_depth() {
    let site = SiteTest::fixture("build/basic");
    let server = Server::start(&site);
    for missing in ["/nope", "/fr/nope/", "/fr/nope/deeper/", "/en/a/b/c/d/e"] {
        let (status, _, body) = server.get(missing);
        assert_eq!(status, 404, "{missing}");
        let page = scraper::Html::parse_document(&body);
        let links = crate::support::selector("link[rel=stylesheet][href], a[href], script[src]");
        let mut asked = 0;
        for element in page.select(&links) {
            let value = element.value();
            let link = value.attr("href").or(value.attr("src")).unwrap();
            if link.starts_with("http") || link.starts_with('#') || link.starts_with("mailto:") {
                continue;
            }
            assert!(
                link.starts_with('/'),
                "`{link}` of the 404 page is relative"
            );
            let (status, _, _) = server.get(link);
            assert_eq!(status, 200, "`{link}` of the 404 page at {missing}");
            asked += 1;
        }
        assert!(asked >= 5, "the 404 page has links: {asked}");
        assert!(
            body.contains("rel=\"stylesheet\" href=\"/"),
            "the 404 page is styled"
        );
    }
}

/// The answer to a GET naming `host` in its `Host` header: its status.
fn status_for_host(server: &Server, host: &str) -> u16 {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET /fr/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    let _ = stream.read_to_string(&mut raw);
    raw.split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

#[test]
fn only_requests_naming_the_served_address_are_answered() {
    let site = SiteTest::fixture("build/basic");
    let server = Server::start(&site);
    let port = server.port;
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        assert_eq!(status_for_host(&server, &host), 200, "{host}");
    }
    // A page of another site, through a name that points to 127.0.0.1.
    for host in [format!("evil.example:{port}"), "evil.example".to_string()] {
        assert_eq!(status_for_host(&server, &host), 421, "{host}");
    }
}

#[test]
fn half_open_connections_neither_block_the_preview_nor_stay_open() {
    let site = SiteTest::fixture("build/basic");
    let server = Server::start(&site);
    server.wait_for("/fr/", "the home page", |status, _| status == 200);
    // 1,100 clients that start a request and never finish its headers.
    let half_open: Vec<TcpStream> = (0..1100)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
            stream.write_all(b"GET /fr/ HTTP/1.1\r\nHost: loc").unwrap();
            stream
        })
        .collect();
    let started = Instant::now();
    let (status, _, body) = server.get("/fr/partenariats/");
    assert_eq!(status, 200, "{body}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // The server closes them once the header timeout is over.
    let mut first = half_open.into_iter().next().unwrap();
    first
        .set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    let mut rest = Vec::new();
    match first.read_to_end(&mut rest) {
        Ok(_) => {}
        Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}"),
    }
    assert!(
        started.elapsed() < Duration::from_secs(12),
        "{:?}",
        started.elapsed()
    );
}
