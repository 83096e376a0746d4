//! The test harness: a fixture site copied to a fresh temporary folder, the
//! real `passerelle` binary run on it, and helpers to read the output as
//! parsed HTML, as files and as links.
//!
//! Every test gets its own folder, so tests run in parallel and never see
//! each other's output. Set `PASSERELLE_KEEP_TEST_DIRS=1` to keep the
//! folders after the run (their paths are printed) when debugging.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};

use scraper::{ElementRef, Html, Selector};

/// The address the `build/basic` fixture declares in its `site.yaml`.
pub const BASE_URL: &str = "https://example.org/international/";

/// A temporary folder, removed when the last handle to it is dropped.
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    pub fn new(label: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let label: String = label
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let name = format!(
            "passerelle-it-{}-{}-{label}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        if path.exists() {
            fs::remove_dir_all(&path).expect("remove a stale test folder");
        }
        fs::create_dir_all(&path).expect("create the test folder");
        TempDir { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if std::env::var_os("PASSERELLE_KEEP_TEST_DIRS").is_some() {
            eprintln!("kept {}", self.path.display());
        } else {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

/// A site to build: a copy of a fixture, or a site used in place.
pub struct SiteTest {
    dir: Rc<TempDir>,
    root: PathBuf,
}

impl SiteTest {
    /// Copies `tests/fixtures/<name>` into a fresh temporary folder.
    pub fn fixture(name: &str) -> Self {
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        assert!(
            source.join("site.yaml").is_file(),
            "no fixture site at {}",
            source.display()
        );
        let dir = TempDir::new(name);
        let root = dir.path().join("site");
        copy_dir(&source, &root);
        SiteTest {
            dir: Rc::new(dir),
            root,
        }
    }

    /// Builds the site at `root` where it is (it is only read); the output
    /// goes to a temporary folder.
    pub fn in_place(root: &Path) -> Self {
        SiteTest {
            dir: Rc::new(TempDir::new("in-place")),
            root: root.to_path_buf(),
        }
    }

    /// Copies `tests/fixtures/errors/_base` (a small valid site), then lays
    /// `tests/fixtures/errors/<case>` over it: a case holds only the files
    /// it breaks or adds.
    pub fn error_case(case: &str) -> Self {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors");
        let overlay = fixtures.join(case);
        assert!(overlay.is_dir(), "no error case at {}", overlay.display());
        let site = SiteTest::fixture("errors/_base");
        copy_dir(&overlay, &site.root);
        site
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The test's temporary folder, which holds the site in `site/`.
    pub fn tmp(&self) -> &Path {
        self.dir.path()
    }

    /// `passerelle <args>` run in the site's folder, with English messages.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    /// `passerelle <args>` run in the site's folder, with a locale of
    /// `C` unless `env` sets `LANG`.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_passerelle"));
        command
            .args(args)
            .current_dir(&self.root)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C");
        for (name, value) in env {
            command.env(name, value);
        }
        let result = command.output().expect("run the passerelle binary");
        Run {
            code: result.status.code(),
            stdout: String::from_utf8_lossy(&result.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&result.stderr).into_owned(),
            tmp: self.dir.path().to_path_buf(),
        }
    }

    /// `passerelle build --root <site> --output <tmp>/public`.
    pub fn build(&self) -> Build {
        self.build_with("public", &[])
    }

    /// `passerelle build` into `<tmp>/<output>`, with extra arguments.
    pub fn build_with(&self, output: &str, extra: &[&str]) -> Build {
        let out = self.dir.path().join(output);
        let result = Command::new(env!("CARGO_BIN_EXE_passerelle"))
            .arg("build")
            .arg("--root")
            .arg(&self.root)
            .arg("--output")
            .arg(&out)
            .args(extra)
            .current_dir(self.dir.path())
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C")
            .output()
            .expect("run the passerelle binary");
        Build {
            status: result.status,
            stderr: String::from_utf8_lossy(&result.stderr).into_owned(),
            out,
            _dir: Rc::clone(&self.dir),
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create a folder of the fixture copy");
    let mut entries: Vec<_> = fs::read_dir(from)
        .expect("read a fixture folder")
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).expect("copy a fixture file");
        }
    }
}

/// The result of [`SiteTest::run`].
pub struct Run {
    /// The exit status; `None` if the process was killed (a crash).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    tmp: PathBuf,
}

impl Run {
    /// Panics, showing the messages, unless the exit status is `code`.
    #[track_caller]
    pub fn code(self, code: i32) -> Self {
        assert_eq!(
            self.code,
            Some(code),
            "unexpected exit status; stderr:\n{}",
            self.stderr
        );
        self
    }

    /// stderr with the test's temporary folder written `[TMP]`, for
    /// snapshots that do not depend on the machine.
    pub fn normalised_stderr(&self) -> String {
        let tmp = self.tmp.display().to_string();
        self.stderr.replace(&tmp, "[TMP]")
    }
}

/// Every file under `dir` with its bytes, keyed by relative path: two
/// calls compare equal when the folder is byte-identical.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = Vec::new();
    walk(dir, dir, &mut files);
    files
        .into_iter()
        .map(|rel| {
            let bytes = fs::read(dir.join(&rel)).expect("read an output file");
            (rel, bytes)
        })
        .collect()
}

/// The result of a build: exit status, diagnostics and the output folder.
pub struct Build {
    pub status: ExitStatus,
    pub stderr: String,
    pub out: PathBuf,
    _dir: Rc<TempDir>,
}

impl Build {
    /// Panics, showing the diagnostics, unless the build succeeded.
    #[track_caller]
    pub fn success(self) -> Self {
        assert!(
            self.status.success(),
            "the build failed ({}):\n{}",
            self.status,
            self.stderr
        );
        self
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.out.join(rel)
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).is_file()
    }

    #[track_caller]
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel))
            .unwrap_or_else(|e| panic!("cannot read `{rel}` of the output: {e}"))
    }

    #[track_caller]
    pub fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(rel))
    }

    /// Every element of the page `rel` that matches `css`.
    #[track_caller]
    pub fn select_all(&self, rel: &str, css: &str) -> Vec<Node> {
        let html = self.html(rel);
        html.select(&selector(css)).map(Node::from).collect()
    }

    /// The one element of the page `rel` that matches `css`.
    #[track_caller]
    pub fn select_one(&self, rel: &str, css: &str) -> Node {
        let mut all = self.select_all(rel, css);
        assert_eq!(
            all.len(),
            1,
            "`{css}` should match exactly one element of `{rel}`, found {}",
            all.len()
        );
        all.remove(0)
    }

    /// Every file of the output, relative, with `/` separators, sorted.
    pub fn files(&self) -> Vec<String> {
        let mut files = Vec::new();
        walk(&self.out, &self.out, &mut files);
        files.sort();
        files
    }

    pub fn html_files(&self) -> Vec<String> {
        self.files()
            .into_iter()
            .filter(|f| f.ends_with(".html"))
            .collect()
    }

    /// The output file an href of the page `from` leads to, if the href is
    /// internal (not `http(s):`, `mailto:`, …) and stays inside the output.
    /// The file may not exist.
    pub fn target(&self, from: &str, href: &str) -> Option<String> {
        let path = href.split(['#', '?']).next().unwrap_or("");
        if path.is_empty() || has_scheme(href) {
            return None;
        }
        let dir = from.rsplit_once('/').map_or("", |(dir, _)| dir);
        let mut parts: Vec<String> = dir
            .split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        for segment in percent_decode(path).split('/') {
            match segment {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                s => parts.push(s.to_string()),
            }
        }
        let joined = parts.join("/");
        let is_dir =
            path.ends_with('/') || path == "." || path == ".." || self.path(&joined).is_dir();
        Some(match (is_dir, joined.is_empty()) {
            (true, true) => "index.html".to_string(),
            (true, false) => format!("{joined}/index.html"),
            (false, _) => joined,
        })
    }

    /// The output file an absolute address under `base` stands for.
    pub fn file_of_url(&self, base: &str, url: &str) -> Option<String> {
        let rest = url.strip_prefix(base)?;
        self.target("", if rest.is_empty() { "./" } else { rest })
    }

    /// Every problem with the internal links of every HTML page: an href or
    /// src that leads to no file, that climbs out of the output, that is
    /// root-relative (`/…`), or whose `#fragment` names no element. The 404
    /// page, shown at any depth, links from the path the site is served
    /// under (that of its stylesheet): its links are read from there.
    pub fn broken_links(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut links: Vec<(String, String)> = Vec::new();
        for file in self.html_files() {
            let html = self.html(&file);
            let served_path = (file == "404.html")
                .then(|| html.select(&selector("link[rel=stylesheet]")).next())
                .flatten()
                .and_then(|e| e.attr("href"))
                .and_then(|href| href.split_once("static/"))
                .map(|(path, _)| path.to_string())
                .filter(|path| path.starts_with('/'));
            let page_ids = html
                .select(&selector("[id]"))
                .filter_map(|e| e.attr("id"))
                .map(str::to_string)
                .collect();
            ids.insert(file.clone(), page_ids);
            for element in html.select(&selector("[href], [src]")) {
                for attr in ["href", "src"] {
                    if let Some(value) = element.attr(attr) {
                        let value = match &served_path {
                            Some(path) => value.strip_prefix(path.as_str()).unwrap_or(value),
                            None => value,
                        };
                        let value = if value.is_empty() { "./" } else { value };
                        links.push((file.clone(), value.to_string()));
                    }
                }
            }
        }
        for (file, href) in links {
            if href.starts_with('/') {
                problems.push(format!(
                    "{file}: `{href}` is root-relative; links must be relative"
                ));
                continue;
            }
            if href.trim().is_empty() {
                problems.push(format!("{file}: an empty link"));
                continue;
            }
            if has_scheme(&href) {
                continue;
            }
            let fragment = href
                .split_once('#')
                .map(|(_, f)| f)
                .filter(|f| !f.is_empty());
            let target = if href.starts_with('#') {
                Some(file.clone())
            } else {
                match self.target(&file, &href) {
                    Some(target) => Some(target),
                    None => {
                        problems.push(format!("{file}: `{href}` climbs out of the output folder"));
                        continue;
                    }
                }
            };
            let target = target.unwrap();
            if !self.exists(&target) {
                problems.push(format!(
                    "{file}: `{href}` leads to `{target}`, which does not exist"
                ));
                continue;
            }
            if let (Some(fragment), Some(target_ids)) = (fragment, ids.get(&target)) {
                if !target_ids.contains(&percent_decode(fragment)) {
                    problems.push(format!(
                        "{file}: `{href}`: `{target}` has no element with id `{fragment}`"
                    ));
                }
            }
        }
        problems
    }
}

fn walk(root: &Path, dir: &Path, files: &mut Vec<String>) {
    for entry in fs::read_dir(dir).expect("read an output folder") {
        let path = entry.expect("read an output entry").path();
        if path.is_dir() {
            walk(root, &path, files);
        } else {
            let rel = path.strip_prefix(root).unwrap();
            files.push(
                rel.iter()
                    .map(|p| p.to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/"),
            );
        }
    }
}

/// True for `https://…`, `mailto:…`, `tel:…`, and any other scheme.
fn has_scheme(href: &str) -> bool {
    match href.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !scheme.contains('/')
        }
        None => false,
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[track_caller]
pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad CSS selector `{css}`: {e}"))
}

/// An element copied out of a parsed page, so that it outlives the page.
#[derive(Debug, Clone)]
pub struct Node {
    pub attrs: BTreeMap<String, String>,
    /// The text content, exactly as parsed (entities decoded, no-break
    /// spaces kept).
    pub text: String,
    /// The `lang` of the element or of its nearest ancestor that has one.
    pub lang: Option<String>,
}

impl Node {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }

    /// The text with runs of ASCII white space made one space, trimmed.
    /// No-break spaces are kept: they matter for amounts.
    pub fn squashed(&self) -> String {
        squash(&self.text)
    }
}

impl From<ElementRef<'_>> for Node {
    fn from(e: ElementRef<'_>) -> Self {
        let lang = std::iter::once(e)
            .chain(e.ancestors().filter_map(ElementRef::wrap))
            .find_map(|a| a.attr("lang"))
            .map(str::to_string);
        Node {
            attrs: e
                .value()
                .attrs()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            text: e.text().collect(),
            lang,
        }
    }
}

/// Collapses ASCII white space only (U+00A0 and U+202F are kept).
pub fn squash(text: &str) -> String {
    text.split([' ', '\n', '\t', '\r'])
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The absolute address of an output file under `base`.
pub fn url_of_file(base: &str, file: &str) -> String {
    format!("{base}{}", file.strip_suffix("index.html").unwrap_or(file))
}

#[test]
fn hrefs_resolve_against_the_page_folder() {
    let site = SiteTest::fixture("build/basic");
    let b = site.build().success();
    let cases = [
        (
            "fr/partenariats/x/index.html",
            "../../../fr/pays/belgique/",
            Some("fr/pays/belgique/index.html"),
        ),
        (
            "fr/index.html",
            "../static/style.css",
            Some("static/style.css"),
        ),
        ("index.html", "./", Some("index.html")),
        ("index.html", "./fr/", Some("fr/index.html")),
        ("index.html", "fr", Some("fr/index.html")),
        ("fr/index.html", "../../x", None),
        ("fr/index.html", "https://example.org/", None),
        ("fr/index.html", "mailto:a@b.c", None),
        ("fr/index.html", "#main", None),
        (
            "fr/index.html",
            "partenariats/?q=a#top",
            Some("fr/partenariats/index.html"),
        ),
    ];
    for (from, href, expected) in cases {
        assert_eq!(b.target(from, href).as_deref(), expected, "{from} + {href}");
    }
}

#[test]
fn the_link_crawl_reports_each_kind_of_broken_link() {
    let b = SiteTest::fixture("build/basic").build().success();
    assert_eq!(b.broken_links(), Vec::<String>::new());
    let page = "fr/cassee/index.html";
    fs::create_dir_all(b.path("fr/cassee")).unwrap();
    fs::write(
        b.path(page),
        r##"<!DOCTYPE html><html lang="fr"><body id="top">
<a href="../pays/belgique/">ok</a> <a href="#top">ok</a> <a href="https://example.org/x">ok</a>
<a href="../nulle-part/">missing</a> <a href="/fr/">root-relative</a> <a href="#absent">fragment</a>
<img src="../../../logo.png" alt=""> <a href="../pays/belgique/#absent">fragment</a> <a href="@/countries/be">raw</a>
</body></html>"##,
    )
    .unwrap();
    let problems = b.broken_links();
    assert_eq!(problems.len(), 6, "{problems:#?}");
    assert!(
        problems.iter().all(|p| p.starts_with(page)),
        "{problems:#?}"
    );
}
