//! The `passerelle` command.

// Rendering a catalogue allocates millions of small strings from two
// threads; mimalloc does it with far less contention than the system
// allocator (see README, "Performance").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;

fn main() {
    let cli = passerelle::cli::Cli::parse();
    std::process::exit(passerelle::cli::run(cli));
}
