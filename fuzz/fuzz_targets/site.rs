//! Fuzzes the whole pipeline with one hostile partnership.
//!
//! The input is split on 0xFF bytes (never found in UTF-8 text):
//!
//! 1. the bytes of `content/partnerships/x.fr.md` (front matter + Markdown);
//! 2. optionally, the bytes of its English translation `x.en.md`;
//! 3. optionally, one flags byte: bit 0 sets `markdown: {raw_html: true}`
//!    in site.yaml, bit 1 builds with `--drafts`.
//!
//! These files are placed into a minimal valid site (one theme, one
//! programme, one institution) in a temporary folder reused by the whole
//! process, and `passerelle::generate` is called. It must never panic, and
//! when raw HTML is not allowed and the build succeeds, every tag of the
//! HTML and XML files is safe, read exactly (`html_check`: no script but
//! the theme's own files, no event attribute, no address to a
//! `javascript:`, `vbscript:` or `data:` scheme once decoded).

#![no_main]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use passerelle::{generate, BuildOptions};

#[path = "html_check.rs"]
mod html_check;

const SITE_YAML: &str = "title: {fr: Partenariats, en: Partnerships}\nlanguages: [fr, en]\n";
const THEMES_YAML: &str = "social-work: {fr: Travail social, en: Social work}\n";
const PROGRAMMES_YAML: &str = "erasmus-plus: {fr: Erasmus+, en: Erasmus+}\n";
const INSTITUTION_YAML: &str =
    "name: Haute École Libre Mosane\ntype: university\ncountry: be\ncity: Liège\n";

/// The site folder of this process, created once with its fixed files.
fn site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("passerelle-fuzz-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for sub in ["partnerships", "taxonomies", "institutions"] {
            fs::create_dir_all(dir.join("content").join(sub)).expect("create the site folder");
        }
        let write = |rel: &str, text: &str| fs::write(dir.join(rel), text).expect("write a file");
        write("site.yaml", SITE_YAML);
        write("content/taxonomies/themes.yaml", THEMES_YAML);
        write("content/taxonomies/programmes.yaml", PROGRAMMES_YAML);
        write("content/institutions/helmo.yaml", INSTITUTION_YAML);
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let root = site();
    let mut parts = data.split(|&b| b == 0xFF);
    let fr = parts.next().unwrap_or_default();
    let en = parts.next();
    let flags = parts.next().and_then(|p| p.first().copied()).unwrap_or(0);
    let raw_html = flags & 1 != 0;
    let drafts = flags & 2 != 0;

    let site_yaml = if raw_html {
        format!("{SITE_YAML}markdown: {{raw_html: true}}\n")
    } else {
        SITE_YAML.to_string()
    };
    fs::write(root.join("site.yaml"), site_yaml).expect("write site.yaml");
    let partnerships = root.join("content/partnerships");
    fs::write(partnerships.join("x.fr.md"), fr).expect("write x.fr.md");
    let en_path = partnerships.join("x.en.md");
    match en {
        Some(en) => fs::write(&en_path, en).expect("write x.en.md"),
        None => {
            let _ = fs::remove_file(&en_path);
        }
    }

    let options = BuildOptions {
        drafts,
        ..BuildOptions::default()
    };
    let (output, _diagnostics) = generate(root, &options);

    if let (Some(site), false) = (output, raw_html) {
        for (path, bytes) in &site.files {
            if !(path.ends_with(".html") || path.ends_with(".xml")) {
                continue;
            }
            let text = String::from_utf8_lossy(bytes);
            if let Some(problem) = html_check::unsafe_part(&text) {
                panic!("without raw_html, in {path}: {problem}\n{text}");
            }
        }
    }
});
