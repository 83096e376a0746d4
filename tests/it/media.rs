//! Logos and flags resized at build time and cached by the hash of their
//! bytes; videos as click-to-load placeholders.
//!
//! The fixture `media/site` names its images; each test draws them (small
//! PNG, JPEG and WebP files, made with the `image` crate) into the copy it
//! builds, so that no binary file needs reviewing.

use std::fs;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use image::{ImageFormat, Rgba, RgbaImage};

use crate::support::{read_tree, Build, SiteTest};

/// The images of the fixture: file, format, width, height.
const IMAGES: [(&str, ImageFormat, u32, u32); 6] = [
    ("logos/liege.png", ImageFormat::Png, 1000, 500),
    ("logos/irts.jpg", ImageFormat::Jpeg, 600, 300),
    ("logos/helmo.webp", ImageFormat::WebP, 400, 400),
    ("logos/petite.png", ImageFormat::Png, 100, 40),
    ("flags/be.png", ImageFormat::Png, 900, 600),
    ("flags/fr.webp", ImageFormat::WebP, 640, 480),
];

/// Widths and heights.
type Sizes = &'static [(u32, u32)];

/// The fixture with its raster images drawn.
fn site() -> SiteTest {
    let site = SiteTest::fixture("media/site");
    for (file, format, w, h) in IMAGES {
        let path = media(&site, file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, draw(w, h, format)).unwrap();
    }
    site
}

fn media(site: &SiteTest, file: &str) -> PathBuf {
    site.root().join("content/media").join(file)
}

/// A picture with stripes and a transparent corner (JPEG has no alpha).
fn draw(w: u32, h: u32, format: ImageFormat) -> Vec<u8> {
    let image = RgbaImage::from_fn(w, h, |x, y| {
        let alpha = if x < w / 4 && y < h / 4 { 0 } else { 255 };
        Rgba([
            (x * 255 / w) as u8,
            (y * 255 / h) as u8,
            ((x / 7 + y / 5) % 2 * 200) as u8,
            alpha,
        ])
    });
    let image = match format {
        ImageFormat::Jpeg => {
            image::DynamicImage::ImageRgb8(image::DynamicImage::ImageRgba8(image).to_rgb8())
        }
        _ => image::DynamicImage::ImageRgba8(image),
    };
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, format).unwrap();
    bytes.into_inner()
}

/// FNV-1a 64, as the build names files: the first 8 hex digits.
fn hash8(bytes: &[u8]) -> String {
    let h = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{h:016x}")[..8].to_string()
}

/// The format and size of an output file, decoded whole.
fn decoded(build: &Build, rel: &str) -> (ImageFormat, u32, u32) {
    let bytes = fs::read(build.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let format = image::guess_format(&bytes).unwrap();
    let image = image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{rel}: {e}"));
    (format, image.width(), image.height())
}

/// `media/<dir>/<stem>-<hash8>-<w>x<h>.<ext>` of a fixture image.
fn variant(site: &SiteTest, file: &str, w: u32, h: u32) -> String {
    let bytes = fs::read(media(site, file)).unwrap();
    let (stem, ext) = file.rsplit_once('.').unwrap();
    format!("media/{stem}-{}-{w}x{h}.{ext}", hash8(&bytes))
}

#[test]
fn logos_and_flags_are_resized_to_the_sizes_the_theme_shows_never_enlarged() {
    let site = site();
    let build = site.build().success();
    // file, sizes made (1x, then 2x when the source is large enough)
    let expected: [(&str, ImageFormat, Sizes); 6] = [
        (
            "logos/liege.png",
            ImageFormat::Png,
            &[(160, 80), (320, 160)],
        ),
        (
            "logos/irts.jpg",
            ImageFormat::Jpeg,
            &[(160, 80), (320, 160)],
        ),
        (
            "logos/helmo.webp",
            ImageFormat::WebP,
            &[(80, 80), (160, 160)],
        ),
        ("logos/petite.png", ImageFormat::Png, &[(100, 40)]),
        ("flags/be.png", ImageFormat::Png, &[(32, 21), (64, 43)]),
        ("flags/fr.webp", ImageFormat::WebP, &[(32, 24), (64, 48)]),
    ];
    for (file, format, sizes) in expected {
        for &(w, h) in sizes {
            let rel = variant(&site, file, w, h);
            assert_eq!(decoded(&build, &rel), (format, w, h), "{rel}");
        }
    }
    // The sources are still there, as they were.
    let source = fs::read(media(&site, "logos/liege.png")).unwrap();
    assert_eq!(
        fs::read(build.path("media/logos/liege.png")).unwrap(),
        source
    );
}

#[test]
fn images_have_their_size_srcset_and_lazy_loading_and_keep_their_alt() {
    let site = site();
    let build = site.build().success();
    let liege = build.select_one("fr/partenariats/liege/index.html", "img.logo");
    let one = variant(&site, "logos/liege.png", 160, 80);
    let two = variant(&site, "logos/liege.png", 320, 160);
    assert_eq!(liege.attr("src"), Some(format!("../../../{one}").as_str()));
    assert_eq!(
        liege.attr("srcset"),
        Some(format!("../../../{two} 2x").as_str())
    );
    assert_eq!(
        (liege.attr("width"), liege.attr("height")),
        (Some("160"), Some("80"))
    );
    assert_eq!(liege.attr("loading"), Some("lazy"));
    assert_eq!(liege.attr("decoding"), Some("async"));
    assert_eq!(liege.attr("alt"), Some("Logo du projet Liège"));
    let en = build.select_one("en/partnerships/liege/index.html", "img.logo");
    assert_eq!(en.attr("alt"), Some("Logo of the Liège project"));

    let helmo = build.select_one("fr/institutions/helmo/index.html", "img.logo");
    assert_eq!(
        (helmo.attr("width"), helmo.attr("height")),
        (Some("80"), Some("80"))
    );
    assert_eq!(helmo.attr("alt"), Some("Logo Haute École Libre Mosane"));
    // Too small for a 2x file: the source size, and no srcset.
    let petite = build.select_one("fr/institutions/petite/index.html", "img.logo");
    assert_eq!(
        (petite.attr("width"), petite.attr("height")),
        (Some("100"), Some("40"))
    );
    assert_eq!(petite.attr("srcset"), None);

    let flag = build.select_one("fr/pays/belgique/index.html", "img.flag");
    assert_eq!(
        (flag.attr("width"), flag.attr("height")),
        (Some("32"), Some("21"))
    );
    assert_eq!(
        flag.attr("alt"),
        Some(""),
        "a flag beside the name is decorative"
    );
    assert_eq!(flag.attr("loading"), Some("lazy"));
    let two = variant(&site, "flags/be.png", 64, 43);
    assert_eq!(
        flag.attr("srcset"),
        Some(format!("../../../{two} 2x").as_str())
    );
}

#[test]
fn an_svg_is_shown_as_it_is_at_the_size_of_its_view_box() {
    let site = site();
    let build = site.build().success();
    let source = fs::read(media(&site, "flags/de.svg")).unwrap();
    assert_eq!(fs::read(build.path("media/flags/de.svg")).unwrap(), source);
    let flag = build.select_one("fr/pays/allemagne/index.html", "img.flag");
    assert_eq!(flag.attr("src"), Some("../../../media/flags/de.svg"));
    // viewBox 5 × 3 in the 32 × 24 box.
    assert_eq!(
        (flag.attr("width"), flag.attr("height")),
        (Some("32"), Some("19"))
    );
    assert_eq!(flag.attr("srcset"), None);
    assert!(!build
        .files()
        .iter()
        .any(|f| f.starts_with("media/flags/de-")));
}

#[test]
fn an_image_changed_gets_a_new_name_and_an_unchanged_one_keeps_its_own() {
    let site = site();
    let first = site.build_with("first", &[]).success();
    let helmo = variant(&site, "logos/helmo.webp", 80, 80);
    let old = variant(&site, "logos/liege.png", 160, 80);
    fs::write(
        media(&site, "logos/liege.png"),
        draw(800, 400, ImageFormat::Png),
    )
    .unwrap();
    let second = site.build_with("second", &[]).success();
    let new = variant(&site, "logos/liege.png", 160, 80);
    assert_ne!(old, new);
    assert!(first.exists(&old) && !second.exists(&old) && second.exists(&new));
    assert!(first.exists(&helmo) && second.exists(&helmo));
}

#[test]
fn a_second_build_reads_the_cache_and_gives_the_same_bytes() {
    let site = site();
    let first = site.build_with("first", &[]).success();
    let cache = site.root().join(".passerelle-cache/images");
    let long_ago = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    let mut cached: Vec<_> = fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cached.sort();
    // 1x and 2x of four large images, 1x and 2x of two flags, the small
    // logo as it is (kept too, so that a rebuild never reads a source),
    // and the index of what each source gave.
    assert_eq!(cached.len(), 12, "{cached:?}");
    assert!(cached.iter().any(|p| p.ends_with("index.json")));
    for path in &cached {
        fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
    }
    let second = site.build_with("second", &[]).success();
    for path in &cached {
        let modified = fs::metadata(path).unwrap().modified().unwrap();
        assert_eq!(modified, long_ago, "{} was written again", path.display());
    }
    assert!(
        read_tree(&first.out) == read_tree(&second.out),
        "the two builds differ"
    );

    // Without the cache, the same bytes again: it only saves time.
    fs::remove_dir_all(site.root().join(".passerelle-cache")).unwrap();
    let third = site.build_with("third", &[]).success();
    assert!(
        read_tree(&first.out) == read_tree(&third.out),
        "a build without cache differs"
    );
}

/// The resized files of the cache (not its index), sorted.
fn cache_files(site: &SiteTest) -> Vec<PathBuf> {
    let cache = site.root().join(".passerelle-cache/images");
    let mut files: Vec<_> = fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.ends_with("index.json"))
        .collect();
    files.sort();
    files
}

/// Writes over each file with as many bytes that are no image.
fn damage(files: &[PathBuf]) {
    for path in files {
        let len = fs::metadata(path).unwrap().len() as usize;
        fs::write(path, vec![b'#'; len]).unwrap();
    }
}

#[test]
fn a_rebuild_keeps_the_resized_files_of_the_output_without_reading_the_cache() {
    let site = site();
    let first = site.build().success();
    let before = read_tree(&first.out);
    let cached = cache_files(&site);
    assert!(!cached.is_empty());
    damage(&cached);
    // A file of the output is trusted when it has not changed since the
    // marker was written; the files of this small site were written in
    // the same tick of the system's clock as the marker: make it later.
    std::thread::sleep(Duration::from_millis(50));
    let marker = first.out.join(".passerelle-output");
    let modified = fs::metadata(&marker).unwrap().modified().unwrap();
    let file = fs::File::options().write(true).open(&marker).unwrap();
    file.set_modified(modified).unwrap();
    let second = site.build().success();
    assert!(read_tree(&second.out) == before, "the output changed");
    // Had the build read them, it would have found them damaged and made
    // them again.
    for path in &cached {
        assert!(
            fs::read(path).unwrap().iter().all(|&b| b == b'#'),
            "{} was read",
            path.display()
        );
    }
}

#[test]
fn a_damaged_file_of_the_cache_is_made_again_when_it_is_needed() {
    let site = site();
    let first = site.build_with("first", &[]).success();
    let cached = cache_files(&site);
    let good: Vec<Vec<u8>> = cached.iter().map(|p| fs::read(p).unwrap()).collect();
    damage(&cached);
    // A new output folder holds none of them: each is read, found
    // damaged, and made again from its source.
    let second = site.build_with("second", &[]).success();
    assert!(
        read_tree(&first.out) == read_tree(&second.out),
        "the two builds differ"
    );
    for (path, good) in cached.iter().zip(&good) {
        assert_eq!(&fs::read(path).unwrap(), good, "{}", path.display());
    }
}

#[test]
fn the_cache_is_what_a_build_uses_when_it_holds_the_file() {
    let site = site();
    site.build_with("first", &[]).success();
    let bytes = fs::read(media(&site, "logos/liege.png")).unwrap();
    let h = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    let cached = site
        .root()
        .join(format!(".passerelle-cache/images/{h:016x}-160x80.png"));
    let stand_in = draw(160, 80, ImageFormat::Png);
    fs::write(&cached, &stand_in).unwrap();
    let second = site.build_with("second", &[]).success();
    let rel = variant(&site, "logos/liege.png", 160, 80);
    assert_eq!(fs::read(second.path(&rel)).unwrap(), stand_in);

    // A cached file of the wrong size is made again.
    fs::write(&cached, draw(10, 10, ImageFormat::Png)).unwrap();
    let third = site.build_with("third", &[]).success();
    assert_eq!(decoded(&third, &rel), (ImageFormat::Png, 160, 80));
}

#[cfg(unix)]
#[test]
fn a_cache_folder_that_leads_out_of_the_site_is_not_written() {
    let site = site();
    let outside = site.tmp().join("outside");
    fs::create_dir_all(&outside).unwrap();
    std::os::unix::fs::symlink(&outside, site.root().join(".passerelle-cache")).unwrap();
    let build = site.build().success();
    assert!(build.exists(&variant(&site, "logos/liege.png", 160, 80)));
    assert_eq!(fs::read_dir(&outside).unwrap().count(), 0);
}

#[test]
fn a_damaged_logo_is_an_error_at_its_name_and_nothing_panics() {
    let site = site();
    let mut png = fs::read(media(&site, "logos/liege.png")).unwrap();
    png.truncate(png.len() / 2);
    fs::write(media(&site, "logos/liege.png"), png).unwrap();
    fs::write(media(&site, "logos/irts.jpg"), "not an image at all").unwrap();
    let run = site.run(&["build", "--output", "../public"]).code(1);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let expected = [
        "error: the image `logos/liege.png` is damaged: the file ends before the image does",
        "--> content/partnerships/liege.fr.md:18:14 (field `logo.file`)",
        "error: the image `logos/irts.jpg` cannot be read: this is not a PNG, JPEG or WebP image",
        "--> content/institutions/irts.yaml:5:7 (field `logo`)",
    ];
    for line in expected {
        assert!(
            run.stderr.contains(line),
            "`{line}` missing from:\n{}",
            run.stderr
        );
    }
    // `check` finds it too.
    let check = site.run(&["check"]).code(1);
    assert!(
        check
            .stderr
            .contains("content/partnerships/liege.fr.md:18:14"),
        "{}",
        check.stderr
    );
}

#[test]
fn an_image_of_another_format_is_shown_as_it_is_with_a_warning() {
    let site = site();
    let mut gif = b"GIF89a".to_vec();
    gif.extend([1, 0, 1, 0, 0, 0, 0, 0x3b]);
    fs::write(media(&site, "flags/be.png"), gif).unwrap();
    let build = site.build().success();
    assert!(
        build
            .stderr
            .contains("warning: the image `flags/be.png` is a GIF file"),
        "{}",
        build.stderr
    );
    assert!(
        build
            .stderr
            .contains("content/countries/be.yaml:1:7 (field `flag`)"),
        "{}",
        build.stderr
    );
    let flag = build.select_one("fr/pays/belgique/index.html", "img.flag");
    assert_eq!(flag.attr("src"), Some("../../../media/flags/be.png"));
}

#[test]
fn youtube_and_vimeo_videos_are_placeholders_that_load_nothing_before_a_click() {
    let site = site();
    let build = site.build().success();
    let page = "fr/partenariats/liege/index.html";
    let boxes = build.select_all(page, ".videos .video");
    let embeds: Vec<_> = boxes
        .iter()
        .map(|b| b.attr("data-embed").unwrap_or(""))
        .collect();
    assert_eq!(
        embeds,
        [
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/9bZkp7q19f0",
            "https://player.vimeo.com/video/76979871",
        ]
    );
    assert_eq!(boxes[0].attr("data-title"), Some("Présentation du projet"));
    let buttons = build.select_all(page, ".video button.video-play[hidden]");
    assert_eq!(buttons.len(), 3, "the button shows only with the script");
    assert_eq!(
        buttons[0].squashed(),
        "Lire la vidéo (charge un contenu de YouTube)"
    );
    assert_eq!(
        buttons[2].squashed(),
        "Lire la vidéo (charge un contenu de Vimeo)"
    );
    let links = build.select_all(page, ".video a.video-link");
    assert_eq!(
        links[0].attr("href"),
        Some("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10")
    );
    assert_eq!(links[0].squashed(), "Voir sur YouTube");
    let en = build.select_all("en/partnerships/liege/index.html", ".video button");
    assert_eq!(
        en[1].squashed(),
        "Play the video (loads content from YouTube)"
    );
    // Another host is a plain link.
    let plain = build.select_all(page, ".videos li > a");
    assert_eq!(plain.len(), 1);
    assert_eq!(
        plain[0].attr("href"),
        Some("https://video.example.org/watch/42")
    );
    assert_eq!(plain[0].squashed(), "Conférence de clôture");
    let script = build.select_one(page, "script[src$='static/video.js']");
    assert!(build.exists("static/video.js"), "{:?}", script.attrs);
}

#[test]
fn no_page_has_an_iframe_or_loads_anything_from_another_site() {
    let build = site().build().success();
    for file in build.html_files() {
        let html = build.read(&file);
        assert!(!html.contains("<iframe"), "{file} has an iframe");
        for attr in ["src", "srcset", "poster", "data"] {
            let needle = format!(" {attr}=\"http");
            assert!(
                !html.contains(&needle),
                "{file} loads from another site ({attr})"
            );
        }
    }
}
