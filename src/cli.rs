//! The command line (clap derive) and what each command does.
//!
//! Commands are thin: they call the pipeline in `lib.rs`, print the
//! diagnostics and return the exit status (0 success, 1 content or build
//! errors, 2 usage errors, which clap reports itself).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::diagnostics::Diagnostics;
use crate::{generate, output, BuildOptions};

#[derive(Debug, Parser)]
#[command(
    name = "passerelle",
    version,
    about = "Builds a bilingual catalogue of international partnerships"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
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
    },
    /// Check the whole site and report every problem; write nothing.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Include partnerships marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
}

/// Runs a command; returns the process exit status.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            force,
        } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            build(&root, &output, &BuildOptions { base_url, drafts }, force)
        }
        Command::Check { root, drafts } => {
            let (_, diagnostics) = generate(
                &root,
                &BuildOptions {
                    base_url: None,
                    drafts,
                },
            );
            report(&diagnostics);
            i32::from(diagnostics.has_errors())
        }
    }
}

fn build(root: &Path, out: &Path, options: &BuildOptions, force: bool) -> i32 {
    if let Err(e) = output::check_target(root, out, force) {
        eprintln!("error: {e}");
        return 1;
    }
    let started = std::time::Instant::now();
    let (site, diagnostics) = generate(root, options);
    report(&diagnostics);
    let Some(site) = site else {
        eprintln!(
            "The site was not built; `{}` was left as it was.",
            out.display()
        );
        return 1;
    };
    if let Err(e) = output::write_atomically(&site, out) {
        eprintln!("error: {e}");
        return 1;
    }
    let pages = site.files.keys().filter(|p| p.ends_with(".html")).count();
    eprintln!(
        "Built {pages} pages ({} files) into `{}` in {} ms.",
        site.files.len(),
        out.display(),
        started.elapsed().as_millis()
    );
    0
}

/// Prints every diagnostic, then a count.
fn report(diagnostics: &Diagnostics) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    let (errors, warnings) = (diagnostics.error_count(), diagnostics.warning_count());
    for d in diagnostics.clone().into_sorted() {
        let _ = writeln!(err, "{d}");
    }
    if errors + warnings > 0 {
        let _ = writeln!(err, "{errors} error(s), {warnings} warning(s)");
    }
}
