//! The command line (clap derive) and what each command does.
//!
//! Commands are thin: they call the pipeline in `lib.rs`, print the
//! diagnostics and return the exit status (0 success, 1 content or build
//! errors, 2 usage errors, which clap reports itself).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostics::{Diagnostics, MessageLang, Text};
use crate::scaffold::{self, ItemKind, ScaffoldError};
use crate::{generate_into, output, text, BuildOptions, Timings};

#[derive(Debug, Parser)]
#[command(
    name = "passerelle",
    version,
    about = "Builds a bilingual catalogue of international partnerships"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// The language of messages; default: French when the locale (LANG) is French.
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    /// How problems are printed: for people, or one JSON object per line.
    #[arg(long, global = true, value_enum, default_value = "human")]
    pub message_format: MessageFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Fr,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    Human,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    Build {
        /// The site's folder (holding site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site; default: `public/` in the site's folder.
        #[arg(long)]
        output: Option<PathBuf>,
        /// The address where the site will be published (overrides site.yaml).
        #[arg(long)]
        base_url: Option<String>,
        /// Include partnerships marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Replace an output folder that passerelle did not create.
        #[arg(long)]
        force: bool,
        /// Print how long each stage took.
        #[arg(long)]
        timings: bool,
    },
    /// Preview the site: build it in memory, serve it, rebuild on every change.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port; 0 picks a free one (printed).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; only this computer by default.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the web browser.
        #[arg(long)]
        open: bool,
        /// Watch files by polling (network drives, WSL).
        #[arg(long)]
        poll: bool,
        /// Include partnerships marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Check the whole site and report every problem; write nothing.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Include partnerships marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Create the files of a new item, every field explained by a comment.
    New {
        #[command(subcommand)]
        item: NewItem,
    },
    /// Create a new site in DIR (a new or empty folder), ready to adapt.
    Init {
        /// The folder of the new site.
        dir: PathBuf,
    },
}

/// What `passerelle new` creates.
#[derive(Debug, Subcommand)]
pub enum NewItem {
    /// A partnership: `content/partnerships/KEY.<lang>.md`, one per language.
    Partnership {
        key: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// A country: `content/countries/CODE.yaml`.
    Country {
        code: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// An institution: `content/institutions/ID.yaml`.
    Institution {
        id: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// A page: `content/pages/KEY.<lang>.md`, one per language.
    Page {
        key: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// Runs a command; returns the process exit status.
pub fn run(cli: Cli) -> i32 {
    let lang = match cli.lang {
        Some(LangArg::Fr) => MessageLang::Fr,
        Some(LangArg::En) => MessageLang::En,
        None => MessageLang::from_env(),
    };
    let reporter = Reporter {
        lang,
        format: cli.message_format,
    };
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            force,
            timings,
        } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            let options = BuildOptions { base_url, drafts };
            build(
                reporter,
                &root,
                &output,
                &options,
                BuildFlags { force, timings },
            )
        }
        Command::Serve {
            root,
            port,
            bind,
            open,
            poll,
            drafts,
        } => crate::serve::run(crate::serve::ServeOptions {
            root,
            bind,
            port,
            open,
            poll,
            build: BuildOptions {
                base_url: None,
                drafts,
            },
            lang,
        }),
        Command::Check { root, drafts } => {
            let options = BuildOptions {
                base_url: None,
                drafts,
            };
            let discard = output::Discard::default();
            let diagnostics = generate_into(&root, &options, &discard, &mut Timings::default());
            reporter.report(&diagnostics);
            i32::from(diagnostics.has_errors())
        }
        Command::New { item } => {
            let (kind, key, root) = match item {
                NewItem::Partnership { key, root } => (ItemKind::Partnership, key, root),
                NewItem::Country { code, root } => (ItemKind::Country, code, root),
                NewItem::Institution { id, root } => (ItemKind::Institution, id, root),
                NewItem::Page { key, root } => (ItemKind::Page, key, root),
            };
            scaffolded(reporter, scaffold::new_item(&root, kind, &key))
        }
        Command::Init { dir } => {
            let status = scaffolded(reporter, scaffold::init(&dir));
            if status == 0 {
                let shown = dir.display();
                reporter.say(&text!(
                    "Next: `passerelle serve --root {shown} --open`, and read `{shown}/README.md`.",
                    "Ensuite : `passerelle serve --root {shown} --open`, et lisez `{shown}/README.md`."
                ));
            }
            status
        }
    }
}

/// Prints the files `new` or `init` created, or why nothing was written.
fn scaffolded(reporter: Reporter, result: Result<Vec<PathBuf>, ScaffoldError>) -> i32 {
    match result {
        Ok(files) => {
            for file in files {
                let shown = file.display();
                reporter.say(&text!("created `{shown}`", "créé : `{shown}`"));
            }
            0
        }
        Err(ScaffoldError::Fatal(message)) => {
            reporter.fatal(&message);
            1
        }
        Err(ScaffoldError::Site(diagnostics)) => {
            reporter.report(&diagnostics);
            1
        }
    }
}

/// How `build` treats its output and what it prints.
struct BuildFlags {
    force: bool,
    timings: bool,
}

fn build(
    reporter: Reporter,
    root: &Path,
    out: &Path,
    options: &BuildOptions,
    flags: BuildFlags,
) -> i32 {
    let shown = out.display();
    let out = match output::check_target(root, out, flags.force) {
        Ok(resolved) => resolved,
        Err(e) => {
            reporter.fatal(&e.text());
            return 1;
        }
    };
    let started = std::time::Instant::now();
    let mut timings = Timings::default();
    let staging = match output::Staging::create(&out) {
        Ok(staging) => staging,
        Err(e) => {
            reporter.fatal(&e.text());
            return 1;
        }
    };
    let diagnostics = generate_into(root, options, &staging, &mut timings);
    reporter.report(&diagnostics);
    if diagnostics.has_errors() {
        staging.abandon();
        reporter.say(&text!(
            "The site was not built; `{shown}` was left as it was.",
            "Le site n'a pas été construit ; `{shown}` est resté tel quel."
        ));
        return 1;
    }
    let files = staging.count();
    if let Err(e) = timings.time("swap in", || staging.commit()) {
        reporter.fatal(&e.text());
        return 1;
    }
    if flags.timings {
        for (stage, time) in &timings.0 {
            eprintln!("{:>8.1} ms  {stage}", time.as_secs_f64() * 1000.0);
        }
    }
    let ms = started.elapsed().as_millis();
    reporter.say(&text!(
        "Built the site ({files} files) into `{shown}` in {ms} ms.",
        "Site construit ({files} fichiers) dans `{shown}` en {ms} ms."
    ));
    0
}

/// How to print: the language and the format.
#[derive(Debug, Clone, Copy)]
struct Reporter {
    lang: MessageLang,
    format: MessageFormat,
}

impl Reporter {
    /// Prints every diagnostic, then a count.
    fn report(&self, diagnostics: &Diagnostics) {
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
    fn fatal(&self, message: &Text) {
        match self.format {
            MessageFormat::Human => {
                let label = if self.lang == MessageLang::Fr {
                    "erreur"
                } else {
                    "error"
                };
                eprintln!("{label}: {}", message.get(self.lang));
            }
            MessageFormat::Json => {
                let json =
                    serde_json::json!({"severity": "error", "message": message.get(self.lang)});
                eprintln!("{json}");
            }
        }
    }

    /// A closing line for people; JSON output stays machine-only.
    fn say(&self, message: &Text) {
        if self.format == MessageFormat::Human {
            eprintln!("{}", message.get(self.lang));
        }
    }
}
