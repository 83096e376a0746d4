//! Property tests: hostile text in a partnership (HTML tags, `<script>`,
//! quotes, `javascript:` addresses, tera syntax, unicode, NUL bytes, CRLF,
//! BOM, very long lines) placed into a minimal valid site and built in
//! memory with `passerelle::generate`.
//!
//! The build must never panic; when it succeeds, no output page holds a
//! `<script` tag that the theme did not write, nor a link to a script
//! address, and tera syntax from the content is shown, never evaluated.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use passerelle::output::SiteOutput;
use passerelle::{generate, BuildOptions};
use proptest::prelude::*;

/// Few cases, as every case builds a whole site and the tests run in debug;
/// `PROPTEST_CASES=5000` runs a deeper search.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Pieces of hostile text, glued together by the strategies below.
const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<script",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<b onclick='alert(1)'>",
    "<!-- c -->",
    "<style>body{}</style>",
    "\"",
    "'",
    "\"><svg onload=alert(1)>",
    "&",
    "&amp;",
    "&#60;script&#62;",
    "&lt;script&gt;",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](JAVA&#83;CRIPT:alert(1))",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    "{{ 7 * 7 }}",
    "{{ config }}",
    "{{ __tera_context }}",
    "{% if true %}yes{% endif %}",
    "{% raw %}",
    "{% endraw %}",
    "{# comment #}",
    "{{",
    "}}",
    "{%",
    "%}",
    "\0",
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "\t",
    "\u{feff}",
    "\u{202e}",
    "\u{200b}",
    "\u{85}",
    "\u{fffd}",
    "é",
    "ß",
    "😀",
    "漢字",
    "---",
    "\n---\n",
    "```",
    "# ",
    "> ",
    "- ",
    "|",
    "*",
    "_",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "\\",
    ":",
    ": ",
    "#",
    "@/partnerships/x",
    "[l](@/institutions/helmo)",
    " ",
    "text",
];

/// One piece of hostile text: a known snippet, arbitrary characters, or a
/// very long line when `long` is set.
fn fragment(long: bool) -> BoxedStrategy<String> {
    let snippet = prop::sample::select(HOSTILE).prop_map(str::to_string);
    let chars = prop::collection::vec(any::<char>(), 0..8).prop_map(String::from_iter);
    if long {
        prop_oneof![
            6 => snippet,
            2 => chars,
            1 => (1_000usize..20_000).prop_map(|n| "x".repeat(n)),
        ]
        .boxed()
    } else {
        prop_oneof![6 => snippet, 2 => chars].boxed()
    }
}

/// Several fragments end to end.
fn hostile(long: bool, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(long), 1..max).prop_map(|parts| parts.concat())
}

/// The text fields of one partnership and of its English translation.
#[derive(Debug, Clone)]
struct Texts {
    title: String,
    summary: String,
    body: String,
    label: String,
    url_tail: String,
    en_title: String,
    en_summary: String,
    en_body: String,
    en_label: String,
    crlf: bool,
    bom: bool,
}

impl Texts {
    /// Plain text in every field.
    fn harmless() -> Texts {
        Texts {
            title: "Titre".into(),
            summary: "Résumé".into(),
            body: "Texte.".into(),
            label: "Lien".into(),
            url_tail: String::new(),
            en_title: "Title".into(),
            en_summary: "Summary".into(),
            en_body: "Text.".into(),
            en_label: "Link".into(),
            crlf: false,
            bom: false,
        }
    }
}

fn texts() -> impl Strategy<Value = Texts> {
    (
        (
            hostile(true, 6),
            hostile(false, 6),
            hostile(true, 12),
            hostile(true, 4),
            hostile(false, 4),
        ),
        (
            hostile(true, 4),
            hostile(false, 4),
            hostile(true, 8),
            hostile(false, 4),
            any::<bool>(),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (title, summary, body, label, url_tail),
                (en_title, en_summary, en_body, en_label, crlf, bom),
            )| Texts {
                title,
                summary,
                body,
                label,
                url_tail,
                en_title,
                en_summary,
                en_body,
                en_label,
                crlf,
                bom,
            },
        )
}

/// A YAML double-quoted scalar holding exactly `s`.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Outside YAML's printable set, or a BOM: escaped.
            c if c.is_control() || matches!(c, '\u{feff}' | '\u{fffe}' | '\u{ffff}') => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// How the texts are written into the YAML front matter.
#[derive(Debug, Clone, Copy)]
enum Yaml {
    /// Double-quoted and escaped: the YAML is valid and holds the text.
    Escaped,
    /// Pasted as is: the YAML may well be broken.
    Raw,
}

fn field(text: &str, yaml: Yaml) -> String {
    match yaml {
        Yaml::Escaped => quoted(text),
        Yaml::Raw => text.to_string(),
    }
}

fn partnership_files(t: &Texts, yaml: Yaml) -> (String, String) {
    let url = format!("https://example.org/{}", t.url_tail);
    let body_url: String = t
        .url_tail
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, '(' | ')' | '<' | '>'))
        .collect();
    let fr = format!(
        "---\ntitle: {title}\nsummary: {summary}\nkind: bilateral\nprogramme: erasmus-plus\n\
         themes: [social-work]\nstatus: ongoing\nstart: 2020\n\
         members:\n  - {{institution: helmo, role: coordinator}}\n\
         links:\n  - {{url: {url}, label: {label}, kind: website}}\n---\n\
         {body}\n\n[{label_md}](https://example.org/{body_url}) and [{label_md}](@/institutions/helmo).\n",
        title = field(&t.title, yaml),
        summary = field(&t.summary, yaml),
        url = field(&url, yaml),
        label = field(&t.label, yaml),
        body = t.body,
        label_md = t.label,
    );
    let en = format!(
        "---\ntitle: {title}\nsummary: {summary}\nlinks:\n  - {{label: {label}}}\n---\n{body}\n",
        title = field(&t.en_title, yaml),
        summary = field(&t.en_summary, yaml),
        label = field(&t.en_label, yaml),
        body = t.en_body,
    );
    let finish = |text: String| {
        let text = if t.crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        };
        if t.bom {
            format!("\u{feff}{text}")
        } else {
            text
        }
    };
    (finish(fr), finish(en))
}

/// A minimal valid site in a fresh folder of the system's temporary
/// folder, removed on drop.
struct Site {
    root: PathBuf,
}

impl Site {
    fn new(fr: &str, en: Option<&str>) -> Site {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let root = std::env::temp_dir().join(format!(
            "passerelle-property-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = fs::remove_dir_all(&root);
        let site = Site { root };
        site.write(
            "site.yaml",
            "title: {fr: Partenariats, en: Partnerships}\nlanguages: [fr, en]\n",
        );
        site.write(
            "content/taxonomies/themes.yaml",
            "social-work: {fr: Travail social, en: Social work}\n",
        );
        site.write(
            "content/taxonomies/programmes.yaml",
            "erasmus-plus: {fr: Erasmus+, en: Erasmus+}\n",
        );
        site.write(
            "content/institutions/helmo.yaml",
            "name: Haute École Libre Mosane\ntype: university\ncountry: be\ncity: Liège\n",
        );
        site.write("content/partnerships/x.fr.md", fr);
        if let Some(en) = en {
            site.write("content/partnerships/x.en.md", en);
        }
        site
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.root.join(rel);
        fs::create_dir_all(path.parent().expect("a parent folder")).expect("create a folder");
        fs::write(path, text).expect("write a site file");
    }

    fn path(&self) -> &Path {
        &self.root
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

/// Builds a site made of the minimal files and this partnership.
fn build(fr: &str, en: Option<&str>) -> Option<SiteOutput> {
    let site = Site::new(fr, en);
    generate(site.path(), &BuildOptions::default()).0
}

/// The output files that browsers or feed readers parse as markup.
fn markup(site: &SiteOutput) -> impl Iterator<Item = (&String, String)> {
    site.files
        .iter()
        .filter(|(path, _)| path.ends_with(".html") || path.ends_with(".xml"))
        .map(|(path, bytes)| (path, String::from_utf8_lossy(bytes).into_owned()))
}

fn script_tags(html: &str) -> usize {
    html.to_lowercase().matches("<script").count()
}

/// The `<script` tags the theme writes by itself into the page at `path`
/// (the search page and the catalogue have their scripts), measured once on
/// a harmless partnership; a page that site lacks counts as a partnership's.
fn theme_script_tags(path: &str) -> usize {
    static COUNTS: OnceLock<(BTreeMap<String, usize>, usize)> = OnceLock::new();
    let (counts, partnership) = COUNTS.get_or_init(|| {
        let (fr, en) = partnership_files(&Texts::harmless(), Yaml::Escaped);
        let site = build(&fr, Some(&en)).expect("the harmless site builds");
        let counts: BTreeMap<String, usize> = markup(&site)
            .map(|(path, text)| (path.to_string(), script_tags(&text)))
            .collect();
        let partnership = counts
            .iter()
            .find(|(path, _)| path.contains("/x/") && path.starts_with("fr/"))
            .map_or(0, |(_, &n)| n);
        (counts, partnership)
    });
    counts.get(path).copied().unwrap_or(*partnership)
}

/// The `href` values of the tags of `html`, as written. Text such as
/// `href="javascript:…"` shown in a paragraph is no link: its `<` is
/// escaped, so it is not inside a tag.
fn hrefs(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        rest = &rest[name_end..];
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
            if rest.is_empty() || rest.starts_with('>') {
                break;
            }
            let name_end = rest
                .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>')
                .unwrap_or(rest.len());
            let name = &rest[..name_end];
            rest = rest[name_end..].trim_start();
            let Some(after) = rest.strip_prefix('=') else {
                continue;
            };
            let after = after.trim_start();
            let value = match after.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let inner = &after[1..];
                    let end = inner.find(quote).unwrap_or(inner.len());
                    rest = inner.get(end + 1..).unwrap_or("");
                    &inner[..end]
                }
                _ => {
                    let end = after
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .unwrap_or(after.len());
                    rest = &after[end..];
                    &after[..end]
                }
            };
            if name.eq_ignore_ascii_case("href") {
                found.push(value);
            }
        }
    }
    found
}

/// An attribute value as a browser reads it as an address: character
/// references decoded, tabs and newlines dropped, leading controls and
/// spaces trimmed, in lower case.
fn as_address(value: &str) -> String {
    let mut decoded = String::new();
    let mut rest = value;
    while let Some(c) = rest.chars().next() {
        if let Some(reference) = rest.strip_prefix('&') {
            if let Some((name, after)) = reference.split_once(';') {
                let numeric =
                    name.strip_prefix('#')
                        .and_then(|n| match n.strip_prefix(['x', 'X']) {
                            Some(hex) => u32::from_str_radix(hex, 16).ok(),
                            None => n.parse().ok(),
                        });
                let named = match name {
                    "colon" => Some(':'),
                    "tab" | "Tab" => Some('\t'),
                    "newline" | "NewLine" => Some('\n'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    _ => None,
                };
                if let Some(decoded_char) = numeric.and_then(char::from_u32).or(named) {
                    decoded.push(decoded_char);
                    rest = after;
                    continue;
                }
            }
        }
        decoded.push(c);
        rest = &rest[c.len_utf8()..];
    }
    decoded
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .flat_map(char::to_lowercase)
        .collect()
}

const SCRIPT_SCHEMES: [&str; 3] = ["javascript:", "vbscript:", "data:"];

/// Every `href` in `html` that would run a script or load data.
fn script_hrefs(html: &str) -> Vec<String> {
    hrefs(html)
        .into_iter()
        .map(as_address)
        .filter(|address| SCRIPT_SCHEMES.iter().any(|s| address.starts_with(s)))
        .collect()
}

/// No `<script` beyond the theme's own, no `href` to a script address, no
/// control character (a NUL in a page, an ill-formed feed).
fn check_output_is_inert(site: &SiteOutput) -> Result<(), TestCaseError> {
    for (path, text) in markup(site) {
        let control = text
            .chars()
            .find(|&c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'));
        prop_assert!(control.is_none(), "{path} holds {control:?}");
        let theme = theme_script_tags(path);
        let scripts = script_tags(&text);
        prop_assert!(
            scripts <= theme,
            "{path} has {scripts} `<script` tags, the theme alone writes {theme}:\n{text}"
        );
        let hrefs = script_hrefs(&text);
        prop_assert!(hrefs.is_empty(), "{path} links to {hrefs:?}:\n{text}");
    }
    Ok(())
}

/// Script addresses as people (or attackers) write them.
fn script_url() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&["", " ", "\t", "\u{1}", "\u{0}", "\n", "\u{feff}"][..]),
        prop::sample::select(&SCRIPT_SCHEMES[..]),
        prop::collection::vec(any::<bool>(), 16),
        prop::sample::select(&["", "\t", "\n", "\r"][..]),
        prop::sample::select(&["alert(1)", "text/html,<script>alert(1)</script>", ""][..]),
    )
        .prop_map(|(lead, scheme, upper, inside, rest)| {
            let mut url = lead.to_string();
            for (i, c) in scheme.chars().enumerate() {
                if i == 4 {
                    url.push_str(inside);
                }
                if upper[i % upper.len()] {
                    url.extend(c.to_uppercase());
                } else {
                    url.push(c);
                }
            }
            url + rest
        })
}

/// A product whose digits appear nowhere else in the site.
fn tera_expression() -> impl Strategy<Value = (String, String)> {
    (100_000u64..1_000_000, 10_000u64..100_000)
        .prop_map(|(a, b)| (format!("{{{{ {a} * {b} }}}}"), (a * b).to_string()))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn hostile_text_pasted_into_front_matter_and_body_never_panics(t in texts()) {
        let (fr, en) = partnership_files(&t, Yaml::Raw);
        if let Some(site) = build(&fr, Some(&en)) {
            check_output_is_inert(&site)?;
        }
    }

    #[test]
    fn hostile_text_in_every_field_yields_no_script_tag_nor_script_href(t in texts()) {
        let (fr, en) = partnership_files(&t, Yaml::Escaped);
        if let Some(site) = build(&fr, Some(&en)) {
            check_output_is_inert(&site)?;
        }
    }

    #[test]
    fn script_urls_in_front_matter_links_are_refused(url in script_url(), translated in any::<bool>()) {
        let (fr, en) = partnership_files(&Texts::harmless(), Yaml::Escaped);
        let fr = fr.replace(&quoted("https://example.org/"), &quoted(&url));
        let site = build(&fr, translated.then_some(en.as_str()));
        prop_assert!(site.is_none(), "the link to {url:?} was accepted");
    }

    #[test]
    fn script_urls_in_markdown_links_never_become_hrefs(url in script_url(), label in hostile(false, 4)) {
        let body = format!("[{label}]({url}) [x](<{url}>) <{url}> [ref][r]\n\n[r]: {url}\n");
        let fr = format!(
            "---\ntitle: T\nsummary: S\nkind: bilateral\nprogramme: erasmus-plus\n\
             themes: [social-work]\nstatus: ongoing\nstart: 2020\n\
             members:\n  - {{institution: helmo, role: coordinator}}\n---\n{body}"
        );
        if let Some(site) = build(&fr, None) {
            check_output_is_inert(&site)?;
        }
    }

    #[test]
    fn tera_syntax_in_content_is_rendered_literally(
        (expression, product) in tera_expression(),
        loop_marker in "[A-Z]{6}",
    ) {
        let looped = format!("{{% for i in [1, 2] %}}{loop_marker}{{% endfor %}}");
        let context = "{{ __tera_context }}";
        let texts = Texts {
            title: format!("Titre {expression}"),
            summary: format!("Résumé {looped}"),
            body: format!("Texte {expression}\n\n{looped} {context}"),
            label: format!("Lien {expression}"),
            url_tail: String::new(),
            en_title: format!("Title {looped}"),
            en_summary: format!("Summary {expression}"),
            en_body: format!("Text {context}"),
            en_label: format!("Link {looped}"),
            ..Texts::harmless()
        };
        let (fr, en) = partnership_files(&texts, Yaml::Escaped);
        let Some(site) = build(&fr, Some(&en)) else {
            return Err(TestCaseError::fail("the site with tera syntax in its text does not build"));
        };
        let pages: Vec<(&String, String)> = markup(&site).collect();
        for (path, text) in &pages {
            prop_assert!(!text.contains(&product), "{path} holds {product}, the value of {expression}");
            prop_assert!(
                !text.contains(&loop_marker.repeat(2)),
                "{path} ran the loop `{looped}`"
            );
        }
        let all: String = pages.iter().map(|(_, text)| text.as_str()).collect();
        for literal in [&expression, &looped, &context.to_string()] {
            prop_assert!(all.contains(literal.as_str()), "`{literal}` is not shown as written");
        }
    }
}

#[test]
fn a_hostile_partnership_with_valid_yaml_builds_with_its_text_escaped() {
    let texts = Texts {
        title: "<script>alert(1)</script> \"q\" 'a' & {{ x }}".into(),
        summary: "<img src=x onerror=alert(1)> \u{202e} 😀".into(),
        body: "<script>alert(1)</script>\n\n<b onclick=\"x\">gras</b> *é*\n".into(),
        label: "<script>label</script>".into(),
        url_tail: "\"><script>alert(1)</script>".into(),
        en_title: "<script>title</script>".into(),
        en_summary: "javascript:alert(1)".into(),
        en_body: "{% if true %}yes{% endif %}".into(),
        en_label: "'\"<>&".into(),
        crlf: true,
        bom: true,
    };
    let (fr, en) = partnership_files(&texts, Yaml::Escaped);
    let site = build(&fr, Some(&en)).expect("a hostile partnership with valid YAML builds");
    let page = markup(&site)
        .find(|(path, _)| path.contains("/x/") && path.starts_with("fr/"))
        .map(|(_, text)| text)
        .expect("the French page of the partnership");
    assert!(page.contains("&lt;script&gt;alert(1)"), "{page}");
    assert_eq!(
        script_tags(&page),
        theme_script_tags("fr/partenariats/x/index.html")
    );
    assert!(script_hrefs(&page).is_empty());
}

#[test]
fn script_href_check_sees_link_attributes_and_not_text() {
    for link in [
        r#"<a href="javascript:alert(1)">x</a>"#,
        r#"<a class=x HREF = ' JaVa&#x09;Script&colon;alert(1)'>x</a>"#,
        "<a\nhref=\x01data:text/html,x>x</a>",
        r#"<img alt="x"><a rel="external" href="&#118;bscript:x">x</a>"#,
    ] {
        assert_eq!(script_hrefs(link).len(), 1, "{link}");
    }
    for harmless in [
        r#"<p>&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;</p>"#,
        r#"<p title='href="javascript:x"'>x</p>"#,
        r#"<a href="&#109;&#97;&#105;&#108;&#116;&#111;&#58;a@b.org">a</a>"#,
        r#"<a href="https://example.org/?javascript:x">x</a>"#,
    ] {
        assert!(script_hrefs(harmless).is_empty(), "{harmless}");
    }
}
