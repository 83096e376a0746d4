//! The command line (clap derive) and what each command does.
//!
//! Commands are thin: they call the pipeline in `lib.rs`, print the
//! diagnostics and return the exit status (0 success, 1 content or build
//! errors, 2 usage errors, which clap reports itself).

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

pub mod french;
mod import;
mod reporter;
mod spreadsheet;

pub use reporter::MessageFormat;
use reporter::Reporter;

use crate::diagnostics::{Diagnostics, MessageLang, Text};
use crate::scaffold::{self, ItemKind, ScaffoldError};
use crate::transfer;
use crate::{free_site, output, read_site, render_site, text, BuildOptions, SiteReader, Timings};

#[derive(Debug, Parser)]
#[command(
    name = "passerelle",
    version = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("PASSERELLE_COMMIT"), ")"),
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
        #[arg(long, value_parser = crate::config::parse_base_url)]
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
        /// Treat warnings as errors (texts left to replace, missing translations…), for CI.
        #[arg(long)]
        strict: bool,
    },
    /// Preview the site: build it in memory, serve it, rebuild on every change.
    Serve(ServeArgs),
    /// Check the whole site and report every problem; write nothing.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Include partnerships marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Also list, per language, the items and fields without a translation.
        #[arg(long)]
        translations: bool,
        #[command(flatten)]
        external: ExternalArgs,
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
    /// Write every partnership as a spreadsheet row (Excel workbook or CSV) or a JSON object.
    Export {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// xlsx: an Excel workbook; csv: one row per partnership (UTF-8 with BOM); json: the same columns as objects. Default: from the --output file's extension, else csv.
        #[arg(long, value_enum)]
        format: Option<transfer::Format>,
        /// The file to write; default: the standard output.
        #[arg(long)]
        output: Option<PathBuf>,
        /// The character between cells (`;` by default, `tab` for a tab).
        #[arg(long, value_parser = transfer::parse_delimiter, default_value = ";")]
        delimiter: char,
    },
    /// Create or update partnerships from a spreadsheet (xlsx, ods, xls or CSV), or from the Erasmus+ and CORDIS exports, checked as `build` checks them.
    Import(import::ImportArgs),
}

/// The options of `passerelle serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The port; 0 picks a free one (printed).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on; only this computer by default.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in the web browser.
    #[arg(long)]
    pub open: bool,
    /// Serve the web editor at /admin/, which saves into the site's files.
    #[arg(long)]
    pub edit: bool,
    /// Watch files by polling (network drives, WSL).
    #[arg(long)]
    pub poll: bool,
    /// Include partnerships marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

/// `check --external` and its settings.
#[derive(Debug, Args)]
pub struct ExternalArgs {
    /// Also ask every external address of the content (links, videos,
    /// websites) and report the dead and moved ones; answers kept a day.
    #[arg(long)]
    pub external: bool,
    /// With --external: report dead and moved addresses as errors (exit status 1).
    #[arg(long, requires = "external")]
    pub strict: bool,
    /// With --external: the longest wait for one address, in seconds.
    #[arg(long, default_value_t = 10, requires = "external")]
    pub timeout: u64,
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
            strict,
        } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            let options = BuildOptions {
                base_url,
                drafts,
                ..Default::default()
            };
            let flags = BuildFlags {
                force,
                timings,
                strict,
            };
            build(reporter, &root, &output, &options, flags)
        }
        Command::Serve(args) => serve(lang, args),
        Command::Check {
            root,
            drafts,
            translations,
            external,
        } => check(reporter, &root, drafts, translations, &external),
        Command::New { item } => new(reporter, item),
        Command::Init { dir } => init(reporter, &dir),
        Command::Export {
            root,
            format,
            output,
            delimiter,
        } => spreadsheet::export(reporter, &root, format, output.as_deref(), delimiter),
        Command::Import(args) => import::run(&reporter, args, |root, file, options, dry_run| {
            spreadsheet::import(reporter, root, file, options, dry_run)
        }),
    }
}

/// `passerelle check`: every problem of the site, and with
/// `--translations` the translation report on the standard output. Missing
/// translations do not change the exit status.
fn check(
    reporter: Reporter,
    root: &Path,
    drafts: bool,
    translations: bool,
    external: &ExternalArgs,
) -> i32 {
    let options = BuildOptions {
        drafts,
        ..Default::default()
    };
    let discard = output::Discard::default();
    let mut timings = Timings::default();
    // One read for the check and the translation report.
    let (site, mut diagnostics) = read_site(root, &options, &mut timings);
    let mut report = None;
    if let Some(site) = site {
        let parts = render_site(&site, &discard, &mut timings, &mut diagnostics);
        report = translations.then(|| crate::translations::report(&site.catalogue));
        free_site(site, parts);
    } else if translations {
        // The theme could not be read: the report needs the content only.
        let (catalogue, _) = SiteReader::new(root, &options).read_catalogue();
        report = catalogue.as_ref().map(crate::translations::report);
    }
    if external.external {
        let options = crate::external::ExternalOptions {
            timeout: std::time::Duration::from_secs(external.timeout.max(1)),
            strict: external.strict,
        };
        let (found, summary) = crate::external::check(root, &options);
        reporter.say(&summary.text(found.iter().count()));
        diagnostics.extend(found.into_sorted());
    }
    reporter.report(&diagnostics);
    if reporter.format == MessageFormat::Human && diagnostics.is_empty() {
        // A check that finds nothing says so, with what it went through.
        let pages = discard.0.load(std::sync::atomic::Ordering::Relaxed);
        let message = text!(
            "No problem found: the site makes {pages} files.",
            "Aucun problème : le site compte {pages} fichiers."
        );
        eprintln!("{}", message.get(reporter.lang));
    }
    if let Some(report) = report {
        match reporter.format {
            MessageFormat::Human => print!("{}", report.to_human(reporter.lang)),
            MessageFormat::Json => {
                println!("{}", serde_json::json!({ "translations": report }))
            }
        }
    }
    i32::from(diagnostics.has_errors())
}

/// `passerelle serve`: the preview server, until it is stopped.
fn serve(lang: MessageLang, args: ServeArgs) -> i32 {
    crate::serve::run(crate::serve::ServeOptions {
        root: args.root,
        bind: args.bind,
        port: args.port,
        open: args.open,
        edit: args.edit,
        poll: args.poll,
        build: BuildOptions {
            drafts: args.drafts,
            ..Default::default()
        },
        lang,
    })
}

/// `passerelle new`: the files of one item.
fn new(reporter: Reporter, item: NewItem) -> i32 {
    let (kind, key, root) = match item {
        NewItem::Partnership { key, root } => (ItemKind::Partnership, key, root),
        NewItem::Country { code, root } => (ItemKind::Country, code, root),
        NewItem::Institution { id, root } => (ItemKind::Institution, id, root),
        NewItem::Page { key, root } => (ItemKind::Page, key, root),
    };
    scaffolded(reporter, scaffold::new_item(&root, kind, &key))
}

/// `passerelle init`: a new site, and what to do next.
fn init(reporter: Reporter, dir: &Path) -> i32 {
    let status = scaffolded(reporter, scaffold::init(dir));
    if status == 0 {
        let shown = dir.display();
        reporter.say(&text!(
            "Next: `passerelle serve --root {shown} --open`, and read `{shown}/README.md`.",
            "Ensuite : `passerelle serve --root {shown} --open`, et lisez `{shown}/README.md`."
        ));
    }
    status
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
    strict: bool,
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
    let update = match output::Update::create(&out) {
        Ok(update) => update,
        Err(e) => {
            reporter.fatal(&e.text());
            return 1;
        }
    };
    if let Some(warning) = update.warning() {
        reporter.warn(warning);
    }
    let (site, mut diagnostics) = read_site(root, options, &mut timings);
    let rendered = site.map(|site| {
        let parts = render_site(&site, &update, &mut timings, &mut diagnostics);
        (site, parts)
    });
    // The process ends with the build: its memory goes back to the system
    // whole, which is much faster than freeing a large site's millions of
    // values one by one (tens of milliseconds on every core).
    std::mem::forget(rendered);
    if flags.strict {
        diagnostics = diagnostics.into_strict();
    }
    reporter.report(&diagnostics);
    if diagnostics.has_errors() {
        update.abandon();
        reporter.say(&text!(
            "The site was not built; `{shown}` was left as it was.",
            "Le site n'a pas été construit ; `{shown}` est resté tel quel."
        ));
        return 1;
    }
    let files = update.count();
    match timings.time("put the new site in place", || update.commit()) {
        Ok(None) => {}
        Ok(Some(warning)) => reporter.warn(&warning),
        Err(e) => {
            reporter.fatal(&e.text());
            return 1;
        }
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

impl import::Say for Reporter {
    fn report(&self, diagnostics: &Diagnostics) {
        Reporter::report(self, diagnostics);
    }
    fn say(&self, message: &Text) {
        Reporter::say(self, message);
    }
    fn fatal(&self, message: &Text) {
        Reporter::fatal(self, message);
    }
    fn lang(&self) -> MessageLang {
        self.lang
    }
}
