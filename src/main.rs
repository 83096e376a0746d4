//! The `passerelle` command.

// Rendering a catalogue allocates millions of small strings from two
// threads; mimalloc does it with far less contention than the system
// allocator (see README, "Performance").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    without_huge_pages();
    // Help and usage errors in French with `--lang fr` or a French locale.
    let cli = passerelle::cli::french::parse::<passerelle::cli::Cli>();
    std::process::exit(passerelle::cli::run(cli));
}

/// Rendering allocates and frees memory in waves. With transparent huge
/// pages, the kernel zeroes 2 MiB for each fault in memory the allocator
/// has given back, whatever is used of it: a fifth of the CPU time of a
/// 10,000-partnership build went there (README, "Performance"). They are
/// turned off for this process only.
#[cfg(target_os = "linux")]
fn without_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE sets a flag of the calling process and
    // reads no memory; it fails harmlessly on kernels without it.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn without_huge_pages() {}
