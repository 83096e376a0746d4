//! `passerelle serve --edit`: the web editor's API (Decap CMS's local
//! backend) answered by the real binary over a copy of a fixture, with
//! requests written byte for byte on a socket: what it reads and saves,
//! what it refuses (paths out of `content/`, links, foreign hosts and
//! origins, bodies that are not JSON or too large), and that a refused
//! request writes nothing.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::SiteTest;

const API: &str = "/__passerelle/api/v1";
const FR: &str = "content/partnerships/reseau-quebec.fr.md";
const EN: &str = "content/partnerships/reseau-quebec.en.md";

/// A running `passerelle serve --edit`, stopped when dropped.
struct Editor {
    child: Child,
    port: u16,
}

impl Editor {
    fn start(site: &SiteTest, extra: &[&str]) -> Editor {
        let mut child = Command::new(env!("CARGO_BIN_EXE_passerelle"))
            .args(["serve", "--port", "0"])
            .args(extra)
            .arg("--root")
            .arg(site.root())
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start passerelle serve");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let deadline = Instant::now() + Duration::from_secs(30);
        let port = loop {
            let line = rx
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .expect("the server printed its address");
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                break digits.parse().unwrap();
            }
        };
        Editor { child, port }
    }

    fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A raw request: (status, body).
    fn raw(&self, head: &str, body: &[u8]) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body);
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, body.to_string())
    }

    /// A POST to the API with these headers (Host and length added).
    fn post_with(&self, headers: &[(&str, &str)], body: &[u8]) -> (u16, String) {
        let mut head = format!(
            "POST {API} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.port,
            body.len()
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        self.raw(&head, body)
    }

    /// A call of the API as the editor's page makes it.
    fn call(&self, request: Value) -> (u16, Value) {
        let origin = self.origin();
        let headers = [
            ("Origin", origin.as_str()),
            ("Content-Type", "application/json; charset=utf-8"),
            ("Sec-Fetch-Site", "same-origin"),
        ];
        let (status, body) = self.post_with(&headers, request.to_string().as_bytes());
        let value = serde_json::from_str(&body).unwrap_or(Value::Null);
        (status, value)
    }

    fn get(&self, path: &str, host: &str) -> (u16, String) {
        let head = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        self.raw(&head, b"")
    }
}

impl Drop for Editor {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Every file under `dir` (links as their target's text), by path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap()
            .display()
            .to_string();
        if entry.path_is_symlink() {
            let target = fs::read_link(entry.path()).unwrap();
            files.insert(rel, target.display().to_string().into_bytes());
        } else if entry.file_type().is_file() {
            files.insert(rel, fs::read(entry.path()).unwrap());
        }
    }
    files
}

fn persist(path: &str, raw: &str) -> Value {
    json!({"action": "persistEntry", "params": {"branch": "main",
        "dataFiles": [{"slug": "x", "path": path, "raw": raw}], "assets": [],
        "options": {"commitMessage": "m", "useWorkflow": false, "status": ""}}})
}

fn check(site: &SiteTest) {
    let out = Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .args(["check", "--root"])
        .arg(site.root())
        .env("LANG", "C")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "check failed:\n{stderr}");
}

#[test]
fn the_api_lists_reads_and_saves_the_collections_files() {
    let site = SiteTest::fixture("build/basic");
    let editor = Editor::start(&site, &["--edit"]);
    let (status, info) = editor.call(json!({"action": "info"}));
    assert_eq!(status, 200);
    assert_eq!(info["type"], "local_fs");
    assert_eq!(info["publish_modes"], json!(["simple"]));

    let (status, list) = editor.call(json!({"action": "entriesByFolder", "params":
        {"branch": "main", "folder": "content/partnerships", "extension": "md", "depth": 1}}));
    assert_eq!(status, 200);
    let paths: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 7, "{paths:?}");
    assert!(paths.contains(&FR));
    let (_, entry) =
        editor.call(json!({"action": "getEntry", "params": {"branch": "main", "path": FR}}));
    let original = fs::read_to_string(site.root().join(FR)).unwrap();
    assert_eq!(entry["data"], original.as_str());

    // Saved untouched, as Decap writes it back (its own YAML style, empty
    // fields): the file is left byte for byte.
    let before = tree(site.root());
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(original.split("---").nth(1).unwrap()).unwrap();
    let body = original.splitn(3, "---").nth(2).unwrap();
    let mut mapping = yaml.as_mapping().unwrap().clone();
    mapping.insert("acronym".into(), "".into());
    mapping.insert("links".into(), serde_yaml::Value::Sequence(vec![]));
    let rewritten = format!(
        "---\n{}---\n{}",
        serde_yaml::to_string(&mapping).unwrap(),
        body.trim_start()
    );
    assert_ne!(rewritten, original);
    let (status, _) = editor.call(persist(FR, &rewritten));
    assert_eq!(status, 200);
    assert_eq!(tree(site.root()), before, "an untouched save changed files");

    // A real change is written, and only to its file.
    let changed = original.replacen("title: ", "title: Nouveau titre — ", 1);
    let (status, answer) = editor.call(persist(FR, &changed));
    assert_eq!(status, 200, "{answer}");
    assert_eq!(fs::read_to_string(site.root().join(FR)).unwrap(), changed);
    let after = tree(site.root());
    let differing: Vec<&String> = after
        .keys()
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert_eq!(differing, [FR]);
    assert!(fs::read_dir(site.root().join("content/partnerships"))
        .unwrap()
        .all(|e| !e.unwrap().file_name().to_string_lossy().starts_with('.')));

    // A new partnership, both languages, with a picture: it builds.
    let fr = "---\ntitle: Échanges à Gand\nsummary: Des échanges.\nkind: bilateral\nprogramme: erasmus-plus\nthemes:\n  - social-work-training\nstatus: ongoing\nstart: '2025'\nmembers:\n  - institution: helmo\n    role: partner\nlogo:\n  file: gand.png\n  alt: Logo\n---\nTexte.\n";
    let en =
        "---\ntitle: Exchanges in Ghent\nsummary: Exchanges.\nlogo:\n  alt: Logo\n---\nText.\n";
    let asset = base64(&tiny_png());
    let (status, answer) = editor.call(
        json!({"action": "persistEntry", "params": {"branch": "main",
        "dataFiles": [
            {"slug": "gand", "path": "content/partnerships/gand.fr.md", "raw": fr},
            {"slug": "gand", "path": "content/partnerships/gand.en.md", "raw": en}],
        "assets": [{"path": "content/media/gand.png", "content": asset, "encoding": "base64"}],
        "options": {"commitMessage": "m"}}}),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        fs::read(site.root().join("content/media/gand.png")).unwrap(),
        tiny_png()
    );
    assert_eq!(
        fs::read_to_string(site.root().join("content/partnerships/gand.en.md")).unwrap(),
        en
    );
    let (_, media) = editor.call(
        json!({"action": "getMedia", "params": {"branch": "main", "mediaFolder": "content/media"}}),
    );
    let names: Vec<&str> = media
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["gand.png"]);
    check(&site);
}

#[test]
fn a_save_that_would_break_the_site_is_refused_with_the_builds_messages() {
    let site = SiteTest::fixture("build/basic");
    let editor = Editor::start(&site, &["--edit"]);
    let before = tree(site.root());
    let original = fs::read_to_string(site.root().join(FR)).unwrap();
    let broken = original.replacen("status:", "statut: ongoing\nstatus:", 1);
    let (status, answer) = editor.call(persist(FR, &broken));
    assert_eq!(status, 422);
    let error = answer["error"].as_str().unwrap();
    assert!(error.contains(&format!("{FR}:")), "not located: {error}");
    assert!(error.contains("statut"), "{error}");
    assert!(
        error.contains("champ inconnu") && error.contains("unknown field"),
        "not in both languages: {error}"
    );
    // Deleting an institution that partnerships name is refused too.
    let (status, answer) = editor.call(json!({"action": "deleteFile",
        "params": {"branch": "main", "path": "content/institutions/helmo.yaml", "options": {"commitMessage": "m"}}}));
    assert_eq!(status, 422, "{answer}");
    assert!(answer["error"].as_str().unwrap().contains("helmo"));
    assert_eq!(tree(site.root()), before);
}

#[test]
fn a_partnership_written_in_english_only_saves_and_builds() {
    let site = SiteTest::fixture("build/basic");
    let editor = Editor::start(&site, &["--edit"]);
    // What Decap sends for an entry whose French text is left empty: the
    // shared fields with empty texts in the French file, the text in the
    // English one.
    let fr = "---\ntitle: ''\nsummary: ''\nkind: bilateral\nprogramme: erasmus-plus\nthemes:\n  - social-work-training\nstatus: ongoing\nstart: '2025'\nmembers:\n  - institution: helmo\n    role: partner\n---\n";
    let en = "---\ntitle: Exchanges in Ghent\nsummary: Student exchanges with Ghent.\n---\nWritten in English only.\n";
    let (status, answer) = editor.call(
        json!({"action": "persistEntry", "params": {"branch": "main",
        "dataFiles": [
            {"slug": "gand", "path": "content/partnerships/gand.fr.md", "raw": fr},
            {"slug": "gand", "path": "content/partnerships/gand.en.md", "raw": en}],
        "assets": [], "options": {"commitMessage": "m"}}}),
    );
    assert_eq!(status, 200, "{answer}");
    let written = fs::read_to_string(site.root().join("content/partnerships/gand.fr.md")).unwrap();
    assert!(
        !written.contains("title") && !written.contains("summary"),
        "the empty texts are left out:\n{written}"
    );
    assert!(written.contains("kind: bilateral"), "{written}");
    check(&site);
    // Saved again from the English pane alone: unchanged, still accepted.
    let (status, answer) = editor.call(persist("content/partnerships/gand.en.md", en));
    assert_eq!(status, 200, "{answer}");
    drop(editor);
    let b = site.build().success();
    let h1 = b.select_one("fr/partenariats/gand/index.html", "h1");
    assert_eq!(h1.squashed(), "Exchanges in Ghent");
    assert_eq!(h1.attr("lang"), Some("en"));
}

#[test]
fn paths_out_of_the_collections_are_refused_and_nothing_is_written() {
    let site = SiteTest::fixture("build/basic");
    let outside = site.tmp().join("outside");
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("secret.fr.md"), "TOP-SECRET").unwrap();
    #[cfg(unix)]
    {
        let partnerships = site.root().join("content/partnerships");
        std::os::unix::fs::symlink(&outside, partnerships.join("linked")).unwrap();
        std::os::unix::fs::symlink(
            site.root().join("site.yaml"),
            partnerships.join("site.fr.md"),
        )
        .unwrap();
        std::os::unix::fs::symlink(&outside, site.root().join("content/media/out")).unwrap();
    }
    let editor = Editor::start(&site, &["--edit"]);
    let before = (tree(site.root()), tree(&outside));
    let absolute = site.root().join("site.yaml").display().to_string();
    let bad_paths = [
        "content/partnerships/../../site.yaml",
        "content/partnerships/../institutions/../../site.yaml",
        "content/partnerships/%2e%2e/%2e%2e/site.yaml",
        "content/partnerships/..%2f..%2fsite.yaml",
        "content/partnerships\\..\\..\\site.yaml",
        "/etc/passwd",
        absolute.as_str(),
        "site.yaml",
        "content/taxonomies/themes.yaml",
        "content/partnerships/linked/secret.fr.md",
        "content/partnerships/site.fr.md",
        "content/media/out/x.png",
        "content/media/page.html",
    ];
    for path in bad_paths {
        let requests = [
            json!({"action": "getEntry", "params": {"branch": "main", "path": path}}),
            json!({"action": "entriesByFiles", "params": {"branch": "main", "files": [{"path": path}]}}),
            persist(path, "---\ntitle: x\n---\n"),
            json!({"action": "persistEntry", "params": {"branch": "main", "assets": [],
                "dataFiles": [{"slug": "x", "path": FR, "raw": "---\ntitle: x\n---\n", "newPath": path}],
                "options": {"commitMessage": "m"}}}),
            json!({"action": "persistEntry", "params": {"branch": "main",
                "dataFiles": [{"slug": "x", "path": EN, "raw": fs::read_to_string(site.root().join(EN)).unwrap()}],
                "assets": [{"path": path, "content": base64(&tiny_png()), "encoding": "base64"}],
                "options": {"commitMessage": "m"}}}),
            json!({"action": "persistMedia", "params": {"branch": "main",
                "asset": {"path": path, "content": base64(&tiny_png()), "encoding": "base64"}, "options": {}}}),
            json!({"action": "getMediaFile", "params": {"branch": "main", "path": path}}),
            json!({"action": "deleteFile", "params": {"branch": "main", "path": path, "options": {}}}),
            json!({"action": "deleteFiles", "params": {"branch": "main", "paths": [path], "options": {}}}),
            json!({"action": "entriesByFolder", "params": {"branch": "main", "folder": path, "extension": "md", "depth": 1}}),
            json!({"action": "getMedia", "params": {"branch": "main", "mediaFolder": path}}),
        ];
        for request in requests {
            let (status, answer) = editor.call(request.clone());
            assert_eq!(status, 400, "{request} was answered {answer}");
            assert!(
                !answer.to_string().contains("TOP-SECRET"),
                "{request}: {answer}"
            );
        }
    }
    // A file that is not the picture its name says.
    let (status, _) = editor.call(json!({"action": "persistMedia", "params": {"branch": "main",
        "asset": {"path": "content/media/x.png", "content": base64(b"<html><script>alert(1)</script>"), "encoding": "base64"}}}));
    assert_eq!(status, 422);
    assert_eq!((tree(site.root()), tree(&outside)), before);
}

#[test]
fn every_request_needs_the_served_host_and_writes_need_the_editors_page() {
    let site = SiteTest::fixture("build/basic");
    let editor = Editor::start(&site, &["--edit"]);
    let own = format!("127.0.0.1:{}", editor.port);
    let localhost = format!("localhost:{}", editor.port);
    for path in ["/fr/", "/admin/", "/admin/config.yml", "/static/style.css"] {
        assert_eq!(editor.get(path, &own).0, 200, "{path}");
        assert_eq!(editor.get(path, &localhost).0, 200, "{path}");
        for host in [
            "evil.example",
            &format!("evil.example:{}", editor.port),
            "127.0.0.1:1",
        ] {
            assert_eq!(editor.get(path, host).0, 421, "{path} for {host}");
        }
    }
    let before = tree(site.root());
    let write = persist(FR, "---\ntitle: x\n---\n").to_string();
    let origin = editor.origin();
    let foreign_host = format!(
        "POST {API} HTTP/1.1\r\nHost: evil.example:{}\r\nOrigin: http://evil.example:{}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        editor.port, editor.port, write.len()
    );
    assert_eq!(editor.raw(&foreign_host, write.as_bytes()).0, 421);
    let refused: [(&[(&str, &str)], u16); 7] = [
        (&[("Content-Type", "application/json")], 403),
        (
            &[
                ("Origin", "http://evil.example"),
                ("Content-Type", "application/json"),
            ],
            403,
        ),
        (
            &[("Origin", "null"), ("Content-Type", "application/json")],
            403,
        ),
        (
            &[
                ("Origin", &origin),
                ("Content-Type", "application/json"),
                ("Sec-Fetch-Site", "cross-site"),
            ],
            403,
        ),
        (&[("Origin", &origin), ("Content-Type", "text/plain")], 415),
        (
            &[
                ("Origin", &origin),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            415,
        ),
        (&[("Origin", &origin)], 415),
    ];
    for (headers, expected) in refused {
        assert_eq!(
            editor.post_with(headers, write.as_bytes()).0,
            expected,
            "{headers:?}"
        );
    }
    let json_headers = [
        ("Origin", origin.as_str()),
        ("Content-Type", "application/json"),
    ];
    assert_eq!(editor.post_with(&json_headers, b"{not json").0, 400);
    // An upload larger than the limit, with its length said or not.
    let big = vec![b'A'; 21 * 1024 * 1024];
    let mut body = br#"{"action":"persistMedia","params":{"asset":{"path":"content/media/big.png","encoding":"base64","content":""#.to_vec();
    body.extend_from_slice(&big);
    body.extend_from_slice(br#""}}}"#);
    assert_eq!(editor.post_with(&json_headers, &body).0, 413);
    assert_eq!(tree(site.root()), before);
}

#[test]
fn without_edit_there_is_no_editor_and_edit_stays_on_this_computer() {
    let site = SiteTest::fixture("build/basic");
    let server = Editor::start(&site, &[]);
    let host = format!("127.0.0.1:{}", server.port);
    assert_eq!(server.get("/admin/", &host).0, 404);
    // The preview alone answers only at its own address too.
    assert_eq!(server.get("/fr/", &host).0, 200);
    assert_eq!(server.get("/fr/", "rebind.example").0, 421);
    let origin = server.origin();
    let headers = [
        ("Origin", origin.as_str()),
        ("Content-Type", "application/json"),
    ];
    let (status, _) = server.post_with(&headers, br#"{"action":"info"}"#);
    assert!(status == 404 || status == 405, "{status}");
    drop(server);
    let out = Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .args([
            "serve", "--edit", "--port", "0", "--bind", "0.0.0.0", "--root",
        ])
        .arg(site.root())
        .env("LANG", "C")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--edit"));
}

/// A 1×1 PNG, written by the `image` crate.
fn tiny_png() -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbaImage::new(1, 1)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    bytes
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
