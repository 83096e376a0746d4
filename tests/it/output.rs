//! The output folder: a failed build leaves it byte-identical, a
//! successful one leaves no stale file, and `build` refuses folders it
//! could destroy (the site itself, another site, a folder it did not
//! create) unless `--force`, never touching anything beside it.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{read_tree, SiteTest};

const MARKER: &str = ".passerelle-output";

/// `passerelle build --output <out>` run in the site's folder.
fn build(site: &SiteTest, out: &Path, extra: &[&str]) -> crate::support::Run {
    let mut args = vec!["build", "--output", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    site.run(&args)
}

/// The base site, built once into `out` beside it.
fn built_once() -> (SiteTest, PathBuf) {
    let site = SiteTest::error_case("_base");
    let out = site.tmp().join("out");
    build(&site, &out, &[]).code(0);
    (site, out)
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_identical() {
    let (site, out) = built_once();
    let before = read_tree(&out);
    assert!(before.contains_key("fr/partenariats/helmo/index.html"));
    assert!(before.contains_key(MARKER));

    let file = site.root().join("content/partnerships/helmo.fr.md");
    let broken = fs::read_to_string(&file)
        .unwrap()
        .replace("institution: helmo,", "institution: helmoo,");
    fs::write(&file, broken).unwrap();
    let run = build(&site, &out, &[]).code(1);
    assert!(run.stderr.contains("unknown institution"), "{}", run.stderr);
    assert!(run.stderr.contains("was left as it was"), "{}", run.stderr);
    assert!(read_tree(&out) == before, "the output changed");
    assert_no_staging_folder(site.tmp());
}

#[test]
fn a_successful_build_leaves_no_stale_file() {
    let site = SiteTest::error_case("duplicate-slug");
    // Make the second partnership valid, build, then remove it.
    let liege = site.root().join("content/partnerships/liege.fr.md");
    let text = fs::read_to_string(&liege)
        .unwrap()
        .replace("slug: helmo\n", "");
    fs::write(&liege, text).unwrap();
    let out = site.tmp().join("out");
    build(&site, &out, &[]).code(0);
    assert!(out.join("fr/partenariats/liege/index.html").is_file());
    assert!(out
        .join("en/partnerships/liege-placements/index.html")
        .is_file());

    fs::remove_file(liege).unwrap();
    fs::remove_file(site.root().join("content/partnerships/liege.en.md")).unwrap();
    build(&site, &out, &[]).code(0);
    let files = read_tree(&out);
    let stale: Vec<_> = files.keys().filter(|f| f.contains("liege")).collect();
    assert!(stale.is_empty(), "stale files: {stale:?}");
    assert!(files.contains_key("fr/partenariats/helmo/index.html"));
    assert!(files.contains_key(MARKER));
    assert_no_staging_folder(site.tmp());
}

#[test]
fn build_refuses_folders_it_could_destroy() {
    let site = SiteTest::error_case("_base");
    let root = site.root().to_path_buf();
    let site_before = read_tree(&root);

    // The site's own folder, and one of its parents.
    for out in [root.clone(), site.tmp().to_path_buf()] {
        let run = build(&site, &out, &[]).code(1);
        assert!(run.stderr.contains("refusing"), "{}", run.stderr);
        let run = build(&site, &out, &["--force"]).code(1);
        assert!(run.stderr.contains("refusing"), "--force: {}", run.stderr);
    }
    assert!(read_tree(&root) == site_before, "the site changed");

    // Inside the site's content or theme: never, even with --force.
    for inside in ["content", "content/media", "themes/default"] {
        let out = root.join(inside);
        for extra in [&[][..], &["--force"][..]] {
            let run = build(&site, &out, extra).code(1);
            assert!(run.stderr.contains("inside the site's"), "{}", run.stderr);
        }
    }
    assert!(read_tree(&root) == site_before, "the site changed");

    // Folders that look like a site: never, even with --force.
    for (name, inside) in [
        ("with-config", "site.yaml"),
        ("with-content", "content/a.md"),
    ] {
        let out = site.tmp().join(name);
        fs::create_dir_all(out.join(inside).parent().unwrap()).unwrap();
        fs::write(out.join(inside), "keep me").unwrap();
        let before = read_tree(&out);
        for extra in [&[][..], &["--force"][..]] {
            let run = build(&site, &out, extra).code(1);
            assert!(run.stderr.contains("like a site"), "{}", run.stderr);
            assert!(read_tree(&out) == before, "`{name}` changed");
        }
    }

    // A non-empty folder passerelle did not create: only with --force.
    let out = site.tmp().join("documents");
    fs::create_dir_all(out.join("sub")).unwrap();
    fs::write(out.join("notes.txt"), "my notes").unwrap();
    fs::write(out.join("sub/report.odt"), "a report").unwrap();
    let before = read_tree(&out);
    let run = build(&site, &out, &[]).code(1);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    insta::assert_snapshot!(run.normalised_stderr());
    assert!(read_tree(&out) == before, "the folder changed");
    build(&site, &out, &["--force"]).code(0);
    assert!(out.join("fr/partenariats/helmo/index.html").is_file());
    assert!(out.join(MARKER).is_file());
    assert!(!out.join("notes.txt").exists());
    // Now passerelle's: no --force needed any more.
    build(&site, &out, &[]).code(0);

    // An empty folder is fine.
    let empty = site.tmp().join("empty");
    fs::create_dir(&empty).unwrap();
    build(&site, &empty, &[]).code(0);
}

#[test]
fn files_beside_the_output_folder_are_untouched() {
    let site = SiteTest::error_case("_base");
    let out = site.tmp().join("out");
    let sibling = site.tmp().join("out.txt");
    let sibling_dir = site.tmp().join("out-old");
    fs::write(&sibling, "beside the output").unwrap();
    fs::create_dir(&sibling_dir).unwrap();
    fs::write(sibling_dir.join("index.html"), "an old copy").unwrap();
    build(&site, &out, &[]).code(0);
    build(&site, &out, &[]).code(0);
    let file = site.root().join("content/partnerships/helmo.en.md");
    fs::write(&file, "").unwrap();
    build(&site, &out, &[]).code(1);
    assert_eq!(fs::read_to_string(&sibling).unwrap(), "beside the output");
    assert_eq!(
        fs::read_to_string(sibling_dir.join("index.html")).unwrap(),
        "an old copy"
    );
    let mut names: Vec<String> = fs::read_dir(site.tmp())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // And passerelle's own spare folder, outside the output.
    assert_eq!(
        names,
        [".out.passerelle-spare", "out", "out-old", "out.txt", "site"]
    );
}

/// The default output is `public/` in the site's folder.
#[test]
fn the_default_output_is_public_in_the_site() {
    let site = SiteTest::error_case("_base");
    site.run(&["build"]).code(0);
    assert!(site.root().join("public/fr/index.html").is_file());
    assert!(site.root().join("public").join(MARKER).is_file());
    site.run(&["check"]).code(0);
    site.run(&["build"]).code(0);
}

/// Nothing beside the output folder but passerelle's spare folder, which
/// holds no new version waiting.
fn assert_no_staging_folder(dir: &Path) {
    for entry in fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".passerelle-spare") {
            let waiting = read_tree(&dir.join(&name))
                .into_keys()
                .filter(|f| f.ends_with(".passerelle-new"))
                .collect::<Vec<_>>();
            assert!(waiting.is_empty(), "left behind: {waiting:?}");
            continue;
        }
        assert!(!name.contains("passerelle-"), "left behind: {name}");
    }
}

/// Regression: `missing/../content` did not exist when checked, so no rule
/// applied, and the site's own `content/` was then replaced and deleted.
#[test]
fn an_output_reached_through_a_missing_folder_is_checked_as_the_folder_it_is() {
    let site = SiteTest::fixture("build/basic");
    let content = site.root().join("content");
    let before = read_tree(&content);
    for output in [
        "missing/../content",
        "missing/../../site",
        "a/b/../../content/partnerships",
    ] {
        let run = build(&site, &site.root().join(output), &["--force"]).code(1);
        assert!(run.stderr.contains("refusing"), "{output}: {}", run.stderr);
        assert_eq!(read_tree(&content), before, "{output} changed content/");
    }
    assert!(!site.root().join("missing").exists() && !site.root().join("a").exists());
}

/// A build that fails while rendering, after it has written changed and
/// new pages, takes all of them back.
#[test]
fn a_build_that_fails_while_rendering_takes_back_what_it_wrote() {
    let (site, out) = built_once();
    let before = read_tree(&out);

    // Changed pages (a new title on every list), new pages and folders (a
    // second partnership), and a partnership page that cannot be rendered.
    let partnerships = site.root().join("content/partnerships");
    for lang in ["fr", "en"] {
        let text = fs::read_to_string(partnerships.join(format!("helmo.{lang}.md"))).unwrap();
        let text = text.replacen("HELMo", "HELMo Liège", 1);
        fs::write(partnerships.join(format!("helmo.{lang}.md")), &text).unwrap();
        let second = text.replace("slug: helmo-mobility", "slug: helmo-second");
        fs::write(partnerships.join(format!("second.{lang}.md")), second).unwrap();
    }
    let config = site.root().join("site.yaml");
    let yaml = fs::read_to_string(&config).unwrap() + "theme: maison\n";
    fs::write(&config, yaml).unwrap();
    let templates = site.root().join("themes/maison/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("partnership.html"),
        "{% extends \"base.html\" %}{% block content %}{{ p.title }}{{ p.no_such_field.x }}{% endblock content %}",
    )
    .unwrap();

    let run = build(&site, &out, &[]).code(1);
    assert!(run.stderr.contains("partnership.html"), "{}", run.stderr);
    let after = read_tree(&out);
    let left: Vec<_> = after.keys().filter(|f| !before.contains_key(*f)).collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    assert!(after == before, "the output changed");
    assert_no_staging_folder(site.tmp());

    // Without the broken template, the same changes build.
    fs::remove_file(templates.join("partnership.html")).unwrap();
    build(&site, &out, &[]).code(0);
    assert!(out.join("fr/partenariats/second/index.html").is_file());
    assert!(!read_tree(&out).keys().any(|f| f.contains("passerelle-new")));
}

/// A rebuild writes only the files whose bytes changed: the others keep
/// their dates, and an upload by date sends only what changed.
#[test]
fn a_rebuild_rewrites_only_the_files_that_changed() {
    let (site, out) = built_once();
    let dates = |dir: &Path| -> std::collections::BTreeMap<String, std::time::SystemTime> {
        read_tree(dir)
            .into_keys()
            .map(|f| {
                let date = fs::metadata(dir.join(&f)).unwrap().modified().unwrap();
                (f, date)
            })
            .collect()
    };
    let first = dates(&out);
    std::thread::sleep(std::time::Duration::from_millis(20));
    build(&site, &out, &[]).code(0);
    assert_eq!(dates(&out), first, "an unchanged rebuild rewrote files");

    let file = site.root().join("content/partnerships/helmo.en.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace("Students leave", "Students go")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    build(&site, &out, &[]).code(0);
    let second = dates(&out);
    let changed: Vec<&String> = second
        .iter()
        .filter(|(f, date)| first.get(*f) != Some(date))
        .map(|(f, _)| f)
        .collect();
    assert!(
        changed.contains(&&"en/partnerships/helmo-mobility/index.html".to_string()),
        "{changed:?}"
    );
    assert!(!changed.iter().any(|f| f.starts_with("fr/")), "{changed:?}");
    assert!(changed.len() < first.len() / 4, "{changed:?}");
}

/// A rebuild trusts the marker's hashes for the files that did not change
/// since it was written, and only for those: a page edited by hand in the
/// output, in place, to the same size and with its date set back, is
/// written again.
#[test]
fn a_page_edited_by_hand_in_the_output_is_written_again() {
    use std::io::{Seek, Write};
    let (site, out) = built_once();
    // Twice more: the spare folder and the output then share their files.
    build(&site, &out, &[]).code(0);
    build(&site, &out, &[]).code(0);
    let page = out.join("en/partnerships/helmo-mobility/index.html");
    let built = fs::read(&page).unwrap();
    let date = fs::metadata(&page).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let mut file = fs::OpenOptions::new().write(true).open(&page).unwrap();
    file.seek(std::io::SeekFrom::Start(built.len() as u64 / 2))
        .unwrap();
    file.write_all(b"EDITED").unwrap();
    file.set_modified(date).unwrap();
    drop(file);
    assert_ne!(fs::read(&page).unwrap(), built);
    build(&site, &out, &[]).code(0);
    assert_eq!(fs::read(&page).unwrap(), built, "the hand edit stayed");
}

/// Files put into the output folder by hand are kept; files of an
/// interrupted build are removed by the next one.
#[test]
fn files_put_by_hand_stay_and_an_interrupted_build_is_cleaned() {
    let (site, out) = built_once();
    fs::write(out.join("google1234.html"), "verification").unwrap();
    build(&site, &out, &[]).code(0);
    assert_eq!(
        fs::read_to_string(out.join("google1234.html")).unwrap(),
        "verification"
    );

    // What a build killed halfway leaves: its mark, a new version
    // waiting, a new page in a new folder.
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(out.join(".passerelle-unfinished"), "").unwrap();
    fs::write(out.join("fr/index.html.passerelle-new"), "half").unwrap();
    fs::create_dir_all(out.join("fr/partenariats/gone")).unwrap();
    fs::write(out.join("fr/partenariats/gone/index.html"), "old").unwrap();
    build(&site, &out, &[]).code(0);
    let files = read_tree(&out);
    let left: Vec<_> = files
        .keys()
        .filter(|f| *f != MARKER && (f.contains("passerelle-") || f.contains("gone")))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    assert!(!out.join("fr/partenariats/gone").exists());
    assert!(files.contains_key("google1234.html"));
}

/// A link in the output folder is replaced, never written through, and
/// what it points to is untouched.
#[test]
fn links_in_the_output_are_never_followed() {
    let (site, out) = built_once();
    let elsewhere = site.tmp().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(elsewhere.join("index.html"), "mine").unwrap();
    fs::write(elsewhere.join("robots.txt"), "mine too").unwrap();
    fs::remove_dir_all(out.join("fr/partenariats/helmo")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("fr/partenariats/helmo")).unwrap();
    fs::remove_file(out.join("robots.txt")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("robots.txt"), out.join("robots.txt")).unwrap();
    build(&site, &out, &[]).code(0);
    assert_eq!(
        fs::read_to_string(elsewhere.join("index.html")).unwrap(),
        "mine"
    );
    assert_eq!(
        fs::read_to_string(elsewhere.join("robots.txt")).unwrap(),
        "mine too"
    );
    let page = out.join("fr/partenariats/helmo");
    assert!(fs::symlink_metadata(&page).unwrap().is_dir());
    assert!(fs::read_to_string(page.join("index.html"))
        .unwrap()
        .contains("HELMo"));
    assert!(fs::symlink_metadata(out.join("robots.txt"))
        .unwrap()
        .is_file());
}

/// A folder where a file goes, and a file where a folder goes (left by
/// hand or by an older layout), are replaced by what the build makes.
#[test]
fn files_and_folders_in_each_others_place_are_replaced() {
    let (site, out) = built_once();
    let before = read_tree(&out);
    fs::remove_file(out.join("robots.txt")).unwrap();
    fs::create_dir_all(out.join("robots.txt/inside")).unwrap();
    fs::write(out.join("robots.txt/inside/old.txt"), "old").unwrap();
    fs::remove_dir_all(out.join("fr/partenariats/helmo")).unwrap();
    fs::write(out.join("fr/partenariats/helmo"), "a file in the way").unwrap();
    build(&site, &out, &[]).code(0);
    assert!(
        read_tree(&out) == before,
        "the output differs from a clean build"
    );
}
