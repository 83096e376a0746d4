//! The output folder under hostile conditions: a build killed at any
//! moment, a full disk, any interruption, a forged or converted marker,
//! `--force` aimed at the home folder or a system folder. At every instant
//! the output is the whole previous site or the whole new one.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

use proptest::prelude::*;

use crate::support::{read_tree, SiteTest};

const MARKER: &str = ".passerelle-output";

fn build(site: &SiteTest, out: &Path, extra: &[&str]) -> crate::support::Run {
    let mut args = vec!["build", "--output", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    site.run(&args)
}

/// The base site with `count` more partnerships, each of `words` words
/// (`tag` in each, so two tags give two sites that differ on every page).
fn grow(site: &SiteTest, count: usize, tag: &str) {
    let partnerships = site.root().join("content/partnerships");
    for lang in ["fr", "en"] {
        let text = fs::read_to_string(partnerships.join(format!("helmo.{lang}.md"))).unwrap();
        for i in 0..count {
            let (front, body) = text.rsplit_once("---\n").unwrap();
            let front = front.replace("slug: helmo-mobility", &format!("slug: extra-{i}"));
            let page = format!("{front}---\n{body}\n{tag} {i}\n");
            fs::write(partnerships.join(format!("extra-{i}.{lang}.md")), page).unwrap();
        }
    }
}

/// What a build left beside the output folder (its spare folder aside)
/// and, in the output and the spare folder, new versions waiting.
fn left_beside(out: &Path) -> Vec<String> {
    let spare = format!(
        ".{}.passerelle-spare",
        out.file_name().unwrap().to_string_lossy()
    );
    let mut left: Vec<String> = fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("passerelle-") && *name != spare)
        .collect();
    for tree in [out.to_path_buf(), out.with_file_name(&spare)] {
        if tree.is_dir() {
            let waiting = read_tree(&tree).into_keys();
            left.extend(waiting.filter(|f| f.ends_with(".passerelle-new")));
        }
    }
    left
}

/// `kill -9` at several moments of a build: the output is always the
/// whole old site or the whole new one, and the next build leaves nothing
/// beside it.
#[test]
fn a_build_killed_at_any_moment_leaves_the_old_or_the_new_site() {
    let site = SiteTest::error_case("_base");
    let out = site.tmp().join("out");
    grow(&site, 60, "Premier");
    build(&site, &out, &[]).code(0);
    fs::write(out.join("CNAME"), "partenariats.example.org").unwrap();
    // Once more, so that the marker lists the file put by hand.
    build(&site, &out, &[]).code(0);
    let old = read_tree(&out);
    grow(&site, 60, "Second");
    let started = std::time::Instant::now();
    build(&site, &out, &[]).code(0);
    let took = started.elapsed();
    let new = read_tree(&out);
    assert!(new.contains_key("CNAME") && new != old);
    let (mut saw_old, mut saw_new) = (false, false);
    for (step, part) in [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.5, 3.0]
        .into_iter()
        .enumerate()
    {
        // Back to the old site, then a build towards the new one, killed.
        grow(&site, 60, "Premier");
        build(&site, &out, &[]).code(0);
        assert!(read_tree(&out) == old);
        grow(&site, 60, "Second");
        let mut child = Command::new(env!("CARGO_BIN_EXE_passerelle"))
            .args(["build", "--output", out.to_str().unwrap()])
            .current_dir(site.root())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(took.mul_f64(part));
        child.kill().unwrap();
        child.wait().unwrap();
        let now = read_tree(&out);
        assert!(now == old || now == new, "step {step}: a mix of two builds");
        saw_old |= now == old;
        saw_new |= now == new;
        build(&site, &out, &[]).code(0);
        assert!(read_tree(&out) == new, "step {step}: the next build");
        assert_eq!(left_beside(&out), Vec::<String>::new());
    }
    assert!(saw_old && saw_new, "no kill fell before or after the swap");
}

/// The shell lines that mount a small disk (a tmpfs of `size`) at `disk`
/// in a namespace of their own and run `script` there; `None` when the
/// system cannot (no `unshare`, or mounting refused).
fn on_small_disk(disk: &Path, size: &str, script: &str) -> Option<std::process::Output> {
    let can = Command::new("unshare")
        .args(["-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !can {
        return None;
    }
    let disk = disk.to_str().unwrap();
    let all = format!("mount -t tmpfs -o size={size} tmpfs {disk} && {script}");
    Some(
        Command::new("unshare")
            .args(["-rm", "sh", "-c", &all])
            .output()
            .unwrap(),
    )
}

/// A full disk while the new site is written: the build fails naming the
/// file, the output is the previous site byte for byte, and nothing is
/// left beside it. Where a small disk cannot be mounted, a file size limit
/// (`ulimit -f`) makes the same kind of write error.
#[test]
fn a_full_disk_leaves_the_previous_site_and_nothing_beside_it() {
    let site = SiteTest::error_case("_base");
    let (tmp, disk) = (site.tmp().display(), site.tmp().join("disk"));
    fs::create_dir_all(&disk).unwrap();
    // The disk holds the first site and 200 KB more; the second site adds
    // 80 pages and changes every list.
    let probe = site.tmp().join("probe");
    build(&site, &probe, &[]).code(0);
    let size: usize = read_tree(&probe)
        .values()
        .map(|b| b.len().div_ceil(4096) * 4096)
        .sum();
    let size = format!("{}k", size / 1024 + 200);
    let bin = env!("CARGO_BIN_EXE_passerelle");
    let out = format!("{}/out", disk.display());
    let script = |limit: &str| {
        format!(
            "cd {root} && {bin} build --output {out} >/dev/null 2>&1 && cp -a {out} {tmp}/old \
             && mv {tmp}/more/* content/partnerships/ \
             && ( {limit} {bin} build --output {out} 2>{tmp}/stderr; echo $? >{tmp}/code ) \
             ; cp -a {out} {tmp}/after; ls -a {disk} >{tmp}/listing",
            root = site.root().display(),
            disk = disk.display(),
        )
    };
    let more = SiteTest::error_case("_base");
    grow(&more, 40, "Plus");
    fs::create_dir_all(site.tmp().join("more")).unwrap();
    for i in 0..40 {
        for lang in ["fr", "en"] {
            let name = format!("extra-{i}.{lang}.md");
            let from = more.root().join("content/partnerships").join(&name);
            fs::copy(from, site.tmp().join("more").join(name)).unwrap();
        }
    }
    if on_small_disk(&disk, &size, &script("")).is_none() {
        let limited = script("trap '' XFSZ; ulimit -f 8;");
        Command::new("sh").args(["-c", &limited]).output().unwrap();
    }
    let code = fs::read_to_string(site.tmp().join("code")).unwrap();
    assert_eq!(code.trim(), "1");
    let stderr = fs::read_to_string(site.tmp().join("stderr")).unwrap();
    assert!(stderr.contains("cannot write"), "{stderr}");
    let old = read_tree(&site.tmp().join("old"));
    assert!(old.contains_key("fr/partenariats/helmo/index.html"));
    assert!(
        read_tree(&site.tmp().join("after")) == old,
        "the output changed"
    );
    let listing = fs::read_to_string(site.tmp().join("listing")).unwrap();
    let left: Vec<&str> = listing
        .lines()
        .filter(|name| name.contains("passerelle-") && *name != ".out.passerelle-spare")
        .collect();
    assert!(left.is_empty(), "left behind: {listing}");
}

/// A marker that is empty, hand-made, or copied alone from a real output
/// does not let `build` delete a folder's files without `--force`.
#[test]
fn a_forged_marker_does_not_open_a_folder() {
    let site = SiteTest::error_case("_base");
    let real = site.tmp().join("real");
    build(&site, &real, &[]).code(0);
    let marker = fs::read(real.join(MARKER)).unwrap();
    let out = site.tmp().join("documents");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("notes.txt"), "my notes").unwrap();
    for forged in [&b""[..], b"passerelle\n", &marker] {
        fs::write(out.join(MARKER), forged).unwrap();
        let before = read_tree(&out);
        let run = build(&site, &out, &[]).code(1);
        assert!(run.stderr.contains("--force"), "{}", run.stderr);
        assert!(read_tree(&out) == before, "the folder changed");
    }
}

/// A marker whose line endings were converted (git's autocrlf) is still
/// the marker: the files put by hand stay, the stale pages go.
#[test]
fn a_marker_converted_to_crlf_keeps_the_files_put_by_hand() {
    let site = SiteTest::error_case("_base");
    let out = site.tmp().join("out");
    grow(&site, 1, "Un");
    build(&site, &out, &[]).code(0);
    fs::write(out.join("CNAME"), "partenariats.example.org").unwrap();
    fs::write(out.join(".htaccess"), "ErrorDocument 404 /404.html").unwrap();
    fs::create_dir_all(out.join(".well-known")).unwrap();
    fs::write(out.join(".well-known/security.txt"), "Contact: x").unwrap();
    let text = fs::read_to_string(out.join(MARKER)).unwrap();
    fs::write(out.join(MARKER), text.replace('\n', "\r\n")).unwrap();
    for lang in ["fr", "en"] {
        fs::remove_file(
            site.root()
                .join(format!("content/partnerships/extra-0.{lang}.md")),
        )
        .unwrap();
    }
    build(&site, &out, &[]).code(0);
    let files = read_tree(&out);
    for kept in ["CNAME", ".htaccess", ".well-known/security.txt"] {
        assert!(files.contains_key(kept), "{kept} was deleted");
    }
    assert!(!out.join("fr/partenariats/extra-0").exists());
}

/// `--force` never replaces the home folder, a folder holding it, or a
/// folder of the system.
#[test]
fn force_refuses_the_home_folder_and_system_folders() {
    let site = SiteTest::error_case("_base");
    let home = site.tmp().join("home/marie");
    fs::create_dir_all(home.join("Documents")).unwrap();
    fs::write(home.join("Documents/thesis.odt"), "years of work").unwrap();
    let home_env = [("HOME", home.to_str().unwrap())];
    for out in [home.clone(), home.parent().unwrap().to_path_buf()] {
        let args = ["build", "--force", "--output", out.to_str().unwrap()];
        let run = site.run_env(&args, &home_env).code(1);
        assert!(run.stderr.contains("home folder"), "{}", run.stderr);
    }
    assert!(home.join("Documents/thesis.odt").is_file());
    for out in [
        "/usr/share/passerelle-test-output",
        "/etc/passerelle-test-output",
        "/tmp",
        "/",
    ] {
        let run = build(&site, Path::new(out), &["--force"]).code(1);
        assert!(run.stderr.contains("refusing"), "{out}: {}", run.stderr);
        if out.len() > 5 {
            assert!(!Path::new(out).exists(), "{out} was made");
        }
    }
}

/// A build interrupted after any number of files (the process stops: no
/// commit, no clean-up) leaves the previous output as it was, and the next
/// build completes the new one with nothing left beside it.
#[test]
fn any_interruption_leaves_the_previous_output() {
    let site = SiteTest::error_case("_base");
    let out = site.tmp().join("out");
    grow(&site, 3, "Premier");
    let (first, _) = passerelle::generate(site.root(), &Default::default());
    grow(&site, 3, "Second");
    let (second, _) = passerelle::generate(site.root(), &Default::default());
    let (first, second) = (first.unwrap().files, second.unwrap().files);
    let total = second.len();
    let write = |files: &BTreeMap<String, Vec<u8>>, stop: Option<usize>| {
        let update = passerelle::output::Update::create(&out).unwrap();
        for (i, (path, bytes)) in files.iter().enumerate() {
            if stop == Some(i) {
                std::mem::forget(update);
                return;
            }
            passerelle::output::Sink::put(&update, path.clone(), bytes.clone());
        }
        match stop {
            Some(_) => std::mem::forget(update),
            None => assert!(update.commit().unwrap().is_none()),
        }
    };
    write(&first, None);
    let old = read_tree(&out);
    proptest!(ProptestConfig::with_cases(24), |(stop in 0..=total)| {
        write(&second, Some(stop));
        prop_assert!(read_tree(&out) == old);
        write(&first, None);
        prop_assert!(read_tree(&out) == old);
        prop_assert!(left_beside(&out).is_empty());
    });
    write(&second, None);
    let new = read_tree(&out);
    assert_eq!(new.len(), second.len() + 1);
    assert!(second
        .iter()
        .all(|(path, bytes)| new.get(path) == Some(bytes)));
}

/// Files put by hand travel with the output across builds (into the spare
/// folder and back), and one deleted by hand stays deleted; the dates of
/// unchanged files are kept over three builds.
#[test]
fn files_put_by_hand_and_dates_survive_the_swaps() {
    let site = SiteTest::error_case("_base");
    let out = site.tmp().join("out");
    build(&site, &out, &[]).code(0);
    fs::write(out.join("CNAME"), "partenariats.example.org").unwrap();
    fs::create_dir_all(out.join(".well-known")).unwrap();
    fs::write(out.join(".well-known/security.txt"), "Contact: x").unwrap();
    fs::write(out.join("fr/brochure.pdf"), "pdf").unwrap();
    let dates = |dir: &Path| -> BTreeMap<String, std::time::SystemTime> {
        read_tree(dir)
            .into_keys()
            .filter(|f| f != MARKER)
            .map(|f| {
                (
                    f.clone(),
                    fs::metadata(dir.join(&f)).unwrap().modified().unwrap(),
                )
            })
            .collect()
    };
    let first = dates(&out);
    for _ in 0..3 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        build(&site, &out, &[]).code(0);
        assert_eq!(
            dates(&out),
            first,
            "a rebuild changed a date or lost a file"
        );
    }
    fs::remove_file(out.join("fr/brochure.pdf")).unwrap();
    fs::remove_dir_all(out.join(".well-known")).unwrap();
    for _ in 0..3 {
        build(&site, &out, &[]).code(0);
        let files = read_tree(&out);
        assert!(files.contains_key("CNAME"));
        assert!(
            !files.contains_key("fr/brochure.pdf"),
            "a deleted file came back"
        );
        assert!(
            !out.join(".well-known").exists(),
            "a deleted folder came back"
        );
    }
    // A changed page gets a new date; the others keep theirs.
    let file = site.root().join("content/partnerships/helmo.en.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace("Students leave", "Students go")).unwrap();
    let before = dates(&out);
    std::thread::sleep(std::time::Duration::from_millis(20));
    build(&site, &out, &[]).code(0);
    let after = dates(&out);
    let page = "en/partnerships/helmo-mobility/index.html";
    assert!(after[page] > before[page]);
    assert_eq!(
        after["fr/partenariats/helmo/index.html"],
        before["fr/partenariats/helmo/index.html"]
    );
    assert_eq!(left_beside(&out), Vec::<String>::new());
}

/// A folder at the spare folder's place that is not passerelle's is
/// refused with its name, and nothing is touched.
#[test]
fn a_spare_folder_that_is_not_ours_is_refused() {
    let site = SiteTest::error_case("_base");
    let out = site.tmp().join("out");
    build(&site, &out, &[]).code(0);
    let spare = site.tmp().join(".out.passerelle-spare");
    let _ = fs::remove_dir_all(&spare);
    fs::create_dir_all(&spare).unwrap();
    fs::write(spare.join("thesis.odt"), "years of work").unwrap();
    let before = read_tree(&out);
    let run = build(&site, &out, &[]).code(1);
    assert!(
        run.stderr.contains(".out.passerelle-spare"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("not passerelle's"), "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(spare.join("thesis.odt")).unwrap(),
        "years of work"
    );
    assert!(read_tree(&out) == before);
}
