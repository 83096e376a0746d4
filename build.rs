//! Records the commit the program is built from, for `passerelle --version`:
//! from Git when the source is a checkout, else from `PASSERELLE_COMMIT`
//! (a source archive built by a packager), else `unknown`.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (out.status.success() && !text.is_empty()).then(|| text.to_string())
}

fn main() {
    println!("cargo:rerun-if-env-changed=PASSERELLE_COMMIT");
    // Run again when the checked-out commit changes (HEAD, the branch it
    // names, or the packed references).
    for path in ["HEAD", "packed-refs"] {
        if let Some(p) = git(&["rev-parse", "--git-path", path]) {
            println!("cargo:rerun-if-changed={p}");
        }
    }
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        if let Some(p) = git(&["rev-parse", "--git-path", &branch]) {
            println!("cargo:rerun-if-changed={p}");
        }
    }
    let commit = std::env::var("PASSERELLE_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| {
            let hash = git(&["rev-parse", "--short=12", "HEAD"])?;
            let date = git(&["log", "-1", "--format=%cs", "HEAD"]).unwrap_or_default();
            Some(format!("{hash} {date}").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=PASSERELLE_COMMIT={commit}");
}
