use clap::Parser;

fn main() {
    let cli = passerelle::cli::Cli::parse();
    std::process::exit(passerelle::cli::run(cli));
}
