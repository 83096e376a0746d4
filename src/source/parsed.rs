//! A content file once read and parsed: its front matter (or its whole
//! YAML) deserialised as `T`, with its text kept so that a problem found
//! later, when the catalogue resolves it (an unknown id, a missing field),
//! still points at the line to fix.
//!
//! `T` is the catalogue's raw struct of the file's kind: this stage
//! splits and deserialises, the catalogue says into what.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::de::DeserializeOwned;

use super::file::SourceFile;
use super::front::split_front_matter;
use super::yaml::{locate, parse_yaml};
use crate::diagnostics::{Diagnostic, Text};
use crate::markdown::Markdown;
use crate::text;
use crate::types::lang::Lang;

/// A parsed file: its front matter as `T`, its text kept for locating
/// later problems.
#[derive(Clone)]
pub struct Parsed<T> {
    pub file: SourceFile,
    pub raw: T,
    yaml_start: usize,
    yaml_end: usize,
    yaml_line: usize,
    body_start: usize,
    body_line: usize,
    /// The text after the front matter, made once (with its search for
    /// `@/media/`) and shared by those who ask (the item, and the link
    /// checks if the item fails).
    body: OnceLock<Markdown>,
}

/// A Markdown file whose front matter could not be read: the problem, and
/// the body when the front matter is closed, so that the problems of the
/// text (a broken link, an image without its text) are reported in the
/// same run.
pub struct Unparsed {
    pub problem: Diagnostic,
    /// The text after the closing `---`, numbered from its own line.
    pub body: Option<Markdown>,
}

impl<T: DeserializeOwned> Parsed<T> {
    /// A Markdown file: its front matter parsed as `T`, its body kept.
    pub fn markdown(file: SourceFile) -> Result<Self, Unparsed> {
        let fm = split_front_matter(&file).map_err(|problem| Unparsed {
            problem,
            body: None,
        })?;
        let raw = match parse_yaml(&file, fm.yaml, fm.yaml_line) {
            Ok(raw) => raw,
            Err(problem) => {
                let body = Markdown::file_body(fm.body.into(), file.rel.clone(), fm.body_line);
                return Err(Unparsed {
                    problem,
                    body: Some(body),
                });
            }
        };
        let base = file.text.as_ptr() as usize;
        let yaml_start = fm.yaml.as_ptr() as usize - base;
        let body_start = fm.body.as_ptr() as usize - base;
        let (yaml_line, body_line, yaml_len) = (fm.yaml_line, fm.body_line, fm.yaml.len());
        Ok(Parsed {
            raw,
            yaml_start,
            yaml_end: yaml_start + yaml_len,
            yaml_line,
            body_start,
            body_line,
            file,
            body: Default::default(),
        })
    }

    /// A YAML file, parsed whole as `T`.
    pub fn yaml_file(file: SourceFile) -> Result<Self, Diagnostic> {
        if file.text.trim().is_empty() {
            return Err(Diagnostic::error(
                &file.rel,
                text!("this file is empty", "ce fichier est vide"),
            ));
        }
        let raw = parse_yaml(&file, &file.text, 1)?;
        let len = file.text.len();
        Ok(Parsed {
            raw,
            yaml_start: 0,
            yaml_end: len,
            yaml_line: 1,
            body_start: len,
            body_line: 0,
            file,
            body: Default::default(),
        })
    }
}

impl<T> Parsed<T> {
    pub fn yaml(&self) -> &str {
        &self.file.text[self.yaml_start..self.yaml_end]
    }

    /// The Markdown text after the front matter.
    pub fn body(&self) -> Markdown {
        let body = || {
            let source = self.file.text[self.body_start..].into();
            Markdown::file_body(source, self.file.rel.clone(), self.body_line)
        };
        self.body.get_or_init(body).clone()
    }

    /// A required field that is missing: points at the closing `---`,
    /// before which the line is to be added.
    pub fn missing(&self, field: &str, hint: Text) -> Diagnostic {
        let closing = self.yaml_line + self.yaml().matches('\n').count();
        Diagnostic::error(
            &self.file.rel,
            text!(
                "the required field `{field}` is missing",
                "le champ obligatoire `{field}` manque"
            ),
        )
        .field(field)
        .at(&self.file.text, closing, 1)
        .hint(hint)
    }

    /// An error pointing at where `value` is written for `field`.
    pub fn error(&self, field: &str, value: &str, message: Text) -> Diagnostic {
        // `countries[1]` → `countries`, `members[1].institution` → `institution`.
        let path = field.trim_end_matches(|c: char| c == '[' || c == ']' || c.is_ascii_digit());
        let key = path.rsplit('.').next().unwrap_or(path);
        let key = key.split('[').next().unwrap_or(key);
        let (line, column) = locate(self.yaml(), key, value)
            .map(|(l, c)| (l + self.yaml_line - 1, c))
            .unwrap_or((self.yaml_line.saturating_sub(1).max(1), 1));
        Diagnostic::error(&self.file.rel, message)
            .field(field)
            .at(&self.file.text, line, column)
    }

    /// Translated Markdown texts written in the YAML (`intro: {fr: …}`),
    /// each remembering the line of its language for later problems.
    /// A code that is not a language is left out: the catalogue reports it.
    pub fn markdown_map(&self, texts: &BTreeMap<String, String>) -> BTreeMap<Lang, Markdown> {
        texts
            .iter()
            .filter_map(|(code, text)| Some((Lang::parse(code)?, code, text)))
            .map(|(lang, code, text)| {
                let line = locate(self.yaml(), code, "")
                    .map_or(self.yaml_line, |(l, _)| l + self.yaml_line - 1);
                let md = Markdown::new(text.as_str().into(), self.file.rel.clone(), line);
                (lang, md)
            })
            .collect()
    }
}
