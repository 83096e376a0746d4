//! Diagnostics: every content problem found anywhere in a build.
//!
//! A problem is never printed where it is found: it is collected as a
//! [`Diagnostic`], so that one run reports every error of the site at once
//! and the exit status is decided at the end (as ripgrep does).

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// The language messages are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MessageLang {
    #[default]
    En,
    Fr,
}

impl MessageLang {
    /// French when the user's locale is French (`LC_ALL`, `LC_MESSAGES`,
    /// `LANG`, in the order the C library reads them), English otherwise.
    pub fn from_env() -> Self {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        if locale.starts_with("fr") {
            MessageLang::Fr
        } else {
            MessageLang::En
        }
    }
}

/// A message written in both languages the tool speaks.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Text {
    pub en: String,
    pub fr: String,
}

impl Text {
    pub fn get(&self, lang: MessageLang) -> &str {
        match lang {
            MessageLang::En => &self.en,
            MessageLang::Fr => &self.fr,
        }
    }
}

/// `text!("unknown `{id}`", "`{id}` inconnu")`: a [`Text`] in English and French.
#[macro_export]
macro_rules! text {
    ($en:literal, $fr:literal $(,)?) => {
        $crate::diagnostics::Text {
            en: format!($en),
            fr: format!($fr),
        }
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located as precisely as the stage that found it can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// 1-based line and column; 0 when unknown.
    pub line: usize,
    pub column: usize,
    /// The field path, such as `members[1].institution`.
    pub field: Option<String>,
    pub message: Text,
    pub hint: Option<Text>,
    /// The source line the position points into, shown under the message.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(file: &Path, message: Text) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            line: 0,
            column: 0,
            field: None,
            message,
            hint: None,
            source_line: None,
        }
    }

    pub fn warning(file: &Path, message: Text) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn hint(mut self, hint: Text) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn hint_opt(mut self, hint: Option<Text>) -> Self {
        self.hint = hint;
        self
    }

    pub fn as_warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Points the diagnostic at `line:column` of `text`, keeping that line
    /// to show it under the message.
    pub fn at(mut self, text: &str, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self.source_line = text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.to_string());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl Diagnostic {
    /// The diagnostic as a person reads it in a terminal.
    pub fn render(&self, lang: MessageLang) -> String {
        let mut out = String::new();
        let _ = self.write(&mut out, lang);
        out
    }

    fn write(&self, f: &mut impl fmt::Write, lang: MessageLang) -> fmt::Result {
        let (label, field_label, help) = match (self.severity, lang) {
            (Severity::Error, MessageLang::En) => ("error", "field", "help"),
            (Severity::Warning, MessageLang::En) => ("warning", "field", "help"),
            (Severity::Error, MessageLang::Fr) => ("erreur", "champ", "aide"),
            (Severity::Warning, MessageLang::Fr) => ("avertissement", "champ", "aide"),
        };
        writeln!(f, "{label}: {}", escape_controls(self.message.get(lang)))?;
        write!(f, "  --> {}", escape_controls(&display_path(&self.file)))?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        if let Some(field) = &self.field {
            write!(f, " ({field_label} `{}`)", escape_controls(field))?;
        }
        writeln!(f)?;
        if let Some(source) = &self.source_line {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            let (shown, before) = shown_line(source, self.column);
            writeln!(f, "{pad} |")?;
            writeln!(f, "{number} | {shown}")?;
            if self.column > 0 {
                let before: String = before
                    .chars()
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                writeln!(f, "{pad} | {before}^")?;
            }
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = {help}: {}", escape_controls(hint.get(lang)))?;
        }
        Ok(())
    }

    /// One JSON object, for editors and CI (`--message-format json`).
    pub fn to_json(&self, lang: MessageLang) -> String {
        #[derive(Serialize)]
        struct Json<'a> {
            severity: Severity,
            file: String,
            line: usize,
            column: usize,
            field: Option<&'a str>,
            message: &'a str,
            hint: Option<&'a str>,
            source_line: Option<&'a str>,
        }
        let json = Json {
            severity: self.severity,
            file: display_path(&self.file),
            line: self.line,
            column: self.column,
            field: self.field.as_deref(),
            message: self.message.get(lang),
            hint: self.hint.as_ref().map(|h| h.get(lang)),
            source_line: self.source_line.as_deref(),
        };
        serde_json::to_string(&json).unwrap_or_default()
    }
}

/// `text` with its control characters (terminal escape sequences, line
/// breaks, NUL…) written as `\u{1b}`, so that printing it cannot move the
/// cursor, recolour or retitle the terminal; Unicode's line and paragraph
/// separators too, invisible otherwise. Tabs stay.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let control = |c: char| (c.is_control() && c != '\t') || matches!(c, '\u{2028}' | '\u{2029}');
    if !text.chars().any(control) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match control(c) {
            true => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            false => out.push(c),
        }
    }
    out.into()
}

/// A source line as shown under a message: its control characters
/// escaped, and a long line cut to the part around `column` (1-based;
/// 0: the start). Returns it with the text before the column.
fn shown_line(source: &str, column: usize) -> (String, String) {
    const AROUND: usize = 100;
    let chars: Vec<char> = source.chars().collect();
    let at = column.saturating_sub(1).min(chars.len());
    let long = chars.len() > 3 * AROUND;
    let start = if long { at.saturating_sub(AROUND) } else { 0 };
    let end = if long {
        (at + AROUND).min(chars.len())
    } else {
        chars.len()
    };
    let part = |from: usize, to: usize| {
        escape_controls(&chars[from..to].iter().collect::<String>()).into_owned()
    };
    let head = if start > 0 { "…" } else { "" };
    let tail = if end < chars.len() { "…" } else { "" };
    let before = format!("{head}{}", part(start, at));
    (format!("{before}{}{tail}", part(at, end)), before)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, MessageLang::En)
    }
}

/// The diagnostics of one build, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every warning made an error (`build --strict`, for CI).
    pub fn into_strict(mut self) -> Self {
        for d in &mut self.0 {
            d.severity = Severity::Error;
        }
        self
    }

    /// Sorts by file and position so that output does not depend on the
    /// order in which parallel stages finished, and drops exact repeats.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
        });
        self.0.dedup();
        self.0
    }
}

/// The closest candidate to `wrong`, for "did you mean" hints.
pub fn suggest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<Text> {
    closest(wrong, candidates).map(|c| text!("did you mean `{c}`?", "vouliez-vous dire `{c}` ?"))
}

/// The candidate closest to `wrong` by spelling or, failing that, the only
/// one that starts with it as a whole word (`erasmus` → `erasmus-plus`).
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong_lower = wrong.to_lowercase();
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let by_spelling = candidates
        .iter()
        .map(|c| (edit_distance(&wrong_lower, &c.to_lowercase()), *c))
        .filter(|(d, c)| *d <= (c.chars().count().max(3) / 3).max(2))
        .min()
        .map(|(_, c)| c);
    by_spelling.or_else(|| {
        let mut by_word = candidates.iter().filter(|c| {
            let c = c.to_lowercase();
            !wrong_lower.is_empty()
                && c.strip_prefix(&wrong_lower)
                    .is_some_and(|rest| rest.starts_with(['-', '_']))
        });
        match (by_word.next(), by_word.next()) {
            (Some(only), None) => Some(*only),
            _ => None,
        }
    })
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            current.push(
                (previous[j] + cost)
                    .min(previous[j + 1] + 1)
                    .min(current[j] + 1),
            );
        }
        previous = current;
    }
    previous[b.len()]
}

/// The relative path with `/` separators, for messages and URLs.
pub fn display_path(path: &Path) -> String {
    use std::path::Component;
    let mut shown = String::new();
    for part in path.components() {
        match part {
            // `/` of an absolute path, `C:` of a Windows one.
            Component::RootDir => shown.push('/'),
            Component::Prefix(prefix) => shown.push_str(&prefix.as_os_str().to_string_lossy()),
            other => {
                if !shown.is_empty() && !shown.ends_with('/') {
                    shown.push('/');
                }
                shown.push_str(&other.as_os_str().to_string_lossy());
            }
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_shown_with_slashes_and_one_root() {
        assert_eq!(
            display_path(Path::new("/tmp/nouveaux.csv")),
            "/tmp/nouveaux.csv"
        );
        assert_eq!(
            display_path(Path::new("content/partnerships/a.fr.md")),
            "content/partnerships/a.fr.md"
        );
        assert_eq!(display_path(Path::new("./site.yaml")), "./site.yaml");
    }

    #[test]
    fn suggestions_pick_the_closest_candidate() {
        let ids = ["irts-bretagne", "irts-hdf", "helmo"];
        let cases = [
            ("irts-bretagn", Some("did you mean `irts-bretagne`?")),
            ("HELMO", Some("did you mean `helmo`?")),
            ("zzzzzzzz", None),
            ("irts", None),
            ("helm", Some("did you mean `helmo`?")),
        ];
        for (wrong, expected) in cases {
            assert_eq!(
                suggest(wrong, ids).map(|t| t.en).as_deref(),
                expected,
                "{wrong}"
            );
        }
        let ids = ["erasmus-plus", "ffqcd", "interreg-fwvl"];
        let cases = [
            ("erasmus", Some("did you mean `erasmus-plus`?")),
            ("interreg", Some("did you mean `interreg-fwvl`?")),
            ("eras", None),
        ];
        for (wrong, expected) in cases {
            assert_eq!(
                suggest(wrong, ids).map(|t| t.en).as_deref(),
                expected,
                "{wrong}"
            );
        }
    }

    #[test]
    fn rendering_shows_position_field_and_source_line_in_both_languages() {
        let text = "title: x\nkind: erasmus\n";
        let d = Diagnostic::error(
            Path::new("content/a.fr.md"),
            text!("unknown kind", "type inconnu"),
        )
        .field("kind")
        .at(text, 2, 7)
        .hint(text!(
            "did you mean `erasmus_mobility`?",
            "vouliez-vous dire `erasmus_mobility` ?"
        ));
        let shown = d.render(MessageLang::En);
        assert!(
            shown.contains("content/a.fr.md:2:7 (field `kind`)"),
            "{shown}"
        );
        assert!(shown.contains("2 | kind: erasmus"), "{shown}");
        assert!(shown.contains("  |       ^"), "{shown}");
        let shown = d.render(MessageLang::Fr);
        assert!(shown.starts_with("erreur: type inconnu\n"), "{shown}");
        assert!(shown.contains("(champ `kind`)"), "{shown}");
        let json: serde_json::Value = serde_json::from_str(&d.to_json(MessageLang::En)).unwrap();
        assert_eq!(json["line"], 2);
        assert_eq!(json["field"], "kind");
        assert_eq!(json["message"], "unknown kind");
    }
}
