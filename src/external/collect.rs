//! The external addresses written in a site's content: every `http://` and
//! `https://` address of the Markdown and YAML files of `content/` (links,
//! videos, institutions' websites, addresses in the text), each with the
//! file, line and column where it is written. YAML comments (a line that
//! starts with `#` in a YAML file or in front matter) are left out: they
//! are notes, not content.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// Where an address is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Relative to the site root.
    pub file: PathBuf,
    /// 1-based.
    pub line: usize,
    pub column: usize,
    pub text: String,
}

/// Every external address of the content, with the places it is written,
/// in address order.
pub fn addresses(root: &Path) -> BTreeMap<String, Vec<Place>> {
    let mut found: BTreeMap<String, Vec<Place>> = BTreeMap::new();
    let walk = WalkDir::new(root.join("content")).sort_by_file_name();
    for entry in walk.into_iter().filter_map(Result::ok) {
        let path = entry.path();
        let is_yaml = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        let is_md = path.extension().and_then(|e| e.to_str()) == Some("md");
        if !entry.file_type().is_file() || !(is_yaml || is_md) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let file = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        for (url, line, column) in in_text(&text, is_yaml) {
            found.entry(url).or_default().push(Place {
                file: file.clone(),
                line,
                column,
                text: text.clone(),
            });
        }
    }
    found
}

/// The addresses in a file's text, with their line and column (1-based,
/// the column in characters).
pub fn in_text(text: &str, is_yaml: bool) -> Vec<(String, usize, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    // In a Markdown file, the front matter is YAML until its closing `---`.
    let mut yaml = is_yaml;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if !is_yaml && line.trim_end() == "---" {
            yaml = n == 0;
            continue;
        }
        if yaml && line.trim_start().starts_with('#') {
            continue;
        }
        for (start, url) in in_line(line) {
            let column = line[..start].chars().count() + 1;
            out.push((url, n + 1, column));
        }
    }
    out
}

/// The addresses of one line, with their byte offsets.
fn in_line(line: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = next_scheme(&line[from..]) {
        let start = from + found;
        let before = line[..start].chars().next_back();
        let url = address_at(&line[start..]);
        from = start + url.len().max(1);
        if before.is_some_and(|c| c.is_alphanumeric()) || !has_host(&url) {
            continue;
        }
        out.push((start, url));
    }
    out
}

fn next_scheme(s: &str) -> Option<usize> {
    match (s.find("http://"), s.find("https://")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn has_host(url: &str) -> bool {
    let rest = url.split_once("://").map_or("", |(_, r)| r);
    rest.chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '[')
}

/// The address that starts `s`: up to a space, a quote or an angle bracket,
/// a closing parenthesis or bracket it did not open (Markdown's
/// `[text](url)`), without trailing punctuation.
fn address_at(s: &str) -> String {
    let mut depth = 0usize;
    let mut end = s.len();
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            ')' | ']' | '}' | '<' | '>' | '"' | '\'' | '`' | '|' | '\\' => {
                end = i;
                break;
            }
            c if c.is_whitespace() => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    s[..end]
        .trim_end_matches(['.', ',', ';', ':', '!', '?', '*', '_'])
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::in_text;

    fn urls(text: &str, yaml: bool) -> Vec<String> {
        in_text(text, yaml).into_iter().map(|(u, _, _)| u).collect()
    }

    #[test]
    fn finds_addresses_in_markdown_and_yaml() {
        let md = "---\ntitle: T\n# https://comment.example/\nlinks:\n  - {url: \"https://a.example/x\", label: A}\n---\nSee [the site](https://b.example/p_(1)), or <https://c.example/>.\nAlso https://d.example/page.\n# Heading https://e.example/\n";
        assert_eq!(
            urls(md, false),
            [
                "https://a.example/x",
                "https://b.example/p_(1)",
                "https://c.example/",
                "https://d.example/page",
                "https://e.example/",
            ]
        );
        let found = in_text(md, false);
        assert_eq!((found[0].1, found[0].2), (5, 12));
        assert_eq!(
            urls(
                "website: https://www.helmo.be/ # https://x.example/\n# https://no.example/\n",
                true
            ),
            ["https://www.helmo.be/", "https://x.example/"]
        );
        assert!(urls("xhttps://no.example/ http:// https:///", false).is_empty());
    }
}
