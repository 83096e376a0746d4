//! How the commands print: diagnostics, fatal problems and closing
//! lines, for people or as JSON, in the language of messages.

use std::io::Write;

use clap::ValueEnum;

use crate::diagnostics::{escape_controls, Diagnostics, MessageLang, Text};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    Human,
    Json,
}

/// How to print: the language and the format.
#[derive(Debug, Clone, Copy)]
pub struct Reporter {
    pub lang: MessageLang,
    pub format: MessageFormat,
}

impl Reporter {
    /// Prints every diagnostic, then a count.
    pub fn report(&self, diagnostics: &Diagnostics) {
        let stderr = std::io::stderr();
        let mut err = stderr.lock();
        let (errors, warnings) = (diagnostics.error_count(), diagnostics.warning_count());
        for d in diagnostics.clone().into_sorted() {
            let _ = match self.format {
                MessageFormat::Human => writeln!(err, "{}", d.render(self.lang)),
                MessageFormat::Json => writeln!(err, "{}", d.to_json(self.lang)),
            };
        }
        if self.format == MessageFormat::Human && errors + warnings > 0 {
            let summary = text!(
                "{errors} error(s), {warnings} warning(s)",
                "{errors} erreur(s), {warnings} avertissement(s)"
            );
            let _ = writeln!(err, "{}", summary.get(self.lang));
        }
    }

    /// A problem that stops the command before any content is read.
    pub fn fatal(&self, message: &Text) {
        match self.format {
            MessageFormat::Human => {
                let label = if self.lang == MessageLang::Fr {
                    "erreur"
                } else {
                    "error"
                };
                eprintln!("{label}: {}", escape_controls(message.get(self.lang)));
            }
            MessageFormat::Json => {
                let json =
                    serde_json::json!({"severity": "error", "message": message.get(self.lang)});
                eprintln!("{json}");
            }
        }
    }

    /// A problem that does not stop the command.
    pub fn warn(&self, message: &Text) {
        match self.format {
            MessageFormat::Human => {
                let label = if self.lang == MessageLang::Fr {
                    "avertissement"
                } else {
                    "warning"
                };
                eprintln!("{label}: {}", escape_controls(message.get(self.lang)));
            }
            MessageFormat::Json => {
                let json =
                    serde_json::json!({"severity": "warning", "message": message.get(self.lang)});
                eprintln!("{json}");
            }
        }
    }

    /// A closing line for people; JSON output stays machine-only.
    pub fn say(&self, message: &Text) {
        if self.format == MessageFormat::Human {
            eprintln!("{}", escape_controls(message.get(self.lang)));
        }
    }
}
