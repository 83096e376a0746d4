//! Pictures in the content: a partnership's cover (`image: {file, alt,
//! credit}`) on its page and card, resized with `srcset`; pictures and
//! documents of `content/media/` in texts; the meta of shared links; the
//! icons; featured partnerships first; a rebuild that reads no source
//! image again.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use image::{ImageFormat, Rgb, RgbImage};

use crate::support::{Build, SiteTest};

/// A landscape-like picture: bands of flat colour (PNG compresses it
/// well, so WebP is made beside it) or a gradient (JPEG).
fn draw(w: u32, h: u32, format: ImageFormat) -> Vec<u8> {
    let image = RgbImage::from_fn(w, h, |x, y| match format {
        ImageFormat::Png => Rgb(if y < h / 2 {
            [40, 90, 160]
        } else {
            [60, 130, 70]
        }),
        _ => Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 120]),
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, format).unwrap();
    bytes.into_inner()
}

fn media(site: &SiteTest, file: &str) -> PathBuf {
    site.root().join("content/media").join(file)
}

fn put(site: &SiteTest, file: &str, bytes: &[u8]) {
    let path = media(site, file);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

/// Adds `lines` to the front matter of the fixture's partnership in `lang`.
fn front(site: &SiteTest, lang: &str, lines: &str) {
    let path = site
        .root()
        .join(format!("content/partnerships/liege.{lang}.md"));
    let text = fs::read_to_string(&path).unwrap();
    let text = text.replacen("---\n", &format!("---\n{lines}\n"), 1);
    fs::write(path, text).unwrap();
}

/// Adds `text` to the body of the fixture's partnership in `lang`.
fn body(site: &SiteTest, lang: &str, text: &str) {
    let path = site
        .root()
        .join(format!("content/partnerships/liege.{lang}.md"));
    let mut all = fs::read_to_string(&path).unwrap();
    all.push_str(text);
    fs::write(path, all).unwrap();
}

/// The media fixture (its logos drawn) with a cover on its partnership.
fn site_with_cover(file: &str, format: ImageFormat) -> SiteTest {
    let site = SiteTest::fixture("media/site");
    for logo in ["logos/liege.png", "logos/petite.png", "flags/be.png"] {
        put(&site, logo, &draw(300, 150, ImageFormat::Png));
    }
    put(&site, "logos/irts.jpg", &draw(300, 150, ImageFormat::Jpeg));
    for logo in ["logos/helmo.webp", "flags/fr.webp"] {
        put(&site, logo, &draw(300, 150, ImageFormat::WebP));
    }
    put(&site, file, &draw(1600, 1000, format));
    front(
        &site,
        "fr",
        &format!("image: {{file: {file}, alt: \"La gare de Liège\", credit: Studio Nord}}"),
    );
    front(
        &site,
        "en",
        &format!("image: {{file: {file}, alt: \"Liège railway station\", credit: Studio Nord}}"),
    );
    site
}

/// The output path of the French page of the fixture's partnership.
fn page(build: &Build) -> String {
    let pages: Vec<String> = build
        .html_files()
        .into_iter()
        .filter(|f| f.starts_with("fr/partenariats/") && !f.contains("/page/"))
        .filter(|f| f.matches('/').count() == 3)
        .collect();
    assert_eq!(pages.len(), 1, "{pages:?}");
    pages[0].clone()
}

/// The `(file, width)` of each candidate of a `srcset`, resolved from `from`.
fn candidates(build: &Build, from: &str, srcset: &str) -> Vec<(String, u32)> {
    srcset
        .split(", ")
        .map(|c| {
            let (src, w) = c.rsplit_once(' ').unwrap();
            let file = build.target(from, src).unwrap();
            (file, w.trim_end_matches('w').parse().unwrap())
        })
        .collect()
}

fn size_of(build: &Build, file: &str) -> (u32, u32) {
    let bytes = fs::read(build.path(file)).unwrap();
    let image = image::load_from_memory(&bytes).unwrap();
    (image.width(), image.height())
}

#[test]
fn a_cover_is_on_its_page_and_card_resized_with_srcset_size_and_credit() {
    let site = site_with_cover("photos/gare.jpg", ImageFormat::Jpeg);
    let build = site.build().success();
    let page = page(&build);
    let img = build.select_one(&page, "figure.cover img");
    assert_eq!(img.attr("alt"), Some("La gare de Liège"));
    assert_eq!(
        (img.attr("width"), img.attr("height")),
        (Some("1200"), Some("750"))
    );
    assert!(img.attr("sizes").is_some());
    let set = candidates(&build, &page, img.attr("srcset").unwrap());
    let widths: Vec<u32> = set.iter().map(|c| c.1).collect();
    assert_eq!(widths, [400, 800, 1200]);
    for (file, w) in &set {
        assert_eq!(size_of(&build, file), (*w, w * 1000 / 1600), "{file}");
    }
    // The fallback is the text column's width; no WebP beside a JPEG.
    let src = build.target(&page, img.attr("src").unwrap()).unwrap();
    assert_eq!(size_of(&build, &src), (800, 500));
    assert!(build.select_all(&page, "figure.cover source").is_empty());
    let credit = build.select_one(&page, "figure.cover figcaption");
    assert!(credit.squashed().contains("Studio Nord"), "{}", credit.text);

    // The card, on the catalogue: the same files, loaded lazily.
    let list = "fr/partenariats/index.html";
    let card = build.select_one(list, ".card .card-cover img");
    assert_eq!(card.attr("loading"), Some("lazy"));
    assert_eq!(card.attr("alt"), Some("La gare de Liège"));
    let card_set = candidates(&build, list, card.attr("srcset").unwrap());
    assert_eq!(card_set, set);
    // In English, the English text alternative.
    let en: Vec<String> = build
        .html_files()
        .into_iter()
        .filter(|f| f.starts_with("en/partnerships/") && f.matches('/').count() == 3)
        .collect();
    let img = build.select_one(&en[0], "figure.cover img");
    assert_eq!(img.attr("alt"), Some("Liège railway station"));
}

#[test]
fn a_shared_page_shows_its_cover_title_description_and_locales() {
    let site = site_with_cover("photos/gare.jpg", ImageFormat::Jpeg);
    let build = site.build().success();
    let page = page(&build);
    let meta = |property: &str| -> String {
        let css = format!("meta[property=\"{property}\"], meta[name=\"{property}\"]");
        let node = build.select_one(&page, &css);
        node.attr("content").unwrap().to_string()
    };
    let image = meta("og:image");
    let base = "https://example.org/media-test/";
    let file = image.strip_prefix(base).expect("absolute from base_url");
    assert_eq!(size_of(&build, file), (1200, 750));
    assert_eq!(meta("og:image:alt"), "La gare de Liège");
    assert_eq!(meta("og:type"), "article");
    assert_eq!(meta("og:locale"), "fr_FR");
    assert_eq!(meta("og:locale:alternate"), "en_GB");
    assert_eq!(meta("og:title"), "Échanges avec Liège");
    assert_eq!(
        meta("og:description"),
        "Mobilités d'étudiants entre Lille et Liège."
    );
    assert_eq!(
        meta("og:url"),
        format!("{base}{}", page.trim_end_matches("index.html"))
    );
    assert_eq!(meta("twitter:card"), "summary_large_image");
    // Every page has its card; without a cover, a small one.
    let home = "fr/index.html";
    let card = build.select_one(home, "meta[name=\"twitter:card\"]");
    assert_eq!(card.attr("content"), Some("summary"));
    assert!(build
        .select_all(home, "meta[property=\"og:image\"]")
        .is_empty());
    let locale = build.select_one("en/index.html", "meta[property=\"og:locale\"]");
    assert_eq!(locale.attr("content"), Some("en_GB"));
    // The icons of a site without a logo: the theme's, present.
    for css in ["link[rel=\"icon\"]", "link[rel=\"apple-touch-icon\"]"] {
        let href = build
            .select_one(home, css)
            .attr("href")
            .unwrap()
            .to_string();
        let file = build.target(home, &href).unwrap();
        assert!(build.exists(&file), "{css}: {file}");
    }
}

#[test]
fn a_png_cover_gets_webp_files_when_they_are_smaller() {
    let site = site_with_cover("photos/carte.png", ImageFormat::Png);
    let build = site.build().success();
    let page = page(&build);
    let source = build.select_one(&page, "figure.cover source");
    assert_eq!(source.attr("type"), Some("image/webp"));
    let webp = candidates(&build, &page, source.attr("srcset").unwrap());
    let img = build.select_one(&page, "figure.cover img");
    let png = candidates(&build, &page, img.attr("srcset").unwrap());
    assert_eq!(webp.len(), png.len());
    let weight = |set: &[(String, u32)]| -> u64 {
        set.iter()
            .map(|(f, _)| fs::metadata(build.path(f)).unwrap().len())
            .sum()
    };
    assert!(weight(&webp) < weight(&png));
    for (file, _) in &webp {
        let bytes = fs::read(build.path(file)).unwrap();
        assert_eq!(image::guess_format(&bytes).unwrap(), ImageFormat::WebP);
    }
}

#[test]
fn a_rebuild_reads_no_source_image_it_has_prepared() {
    let site = site_with_cover("photos/gare.jpg", ImageFormat::Jpeg);
    let first = site.build_with("first", &[]).success();
    let page = page(&first);
    let before = first.select_one(&page, "figure.cover img");
    // The source replaced by bytes no decoder reads, of the same length
    // and date: the build keeps what it knows of the file as it was.
    let path = media(&site, "photos/gare.jpg");
    let meta = fs::metadata(&path).unwrap();
    let modified: SystemTime = meta.modified().unwrap();
    fs::write(&path, vec![b'x'; meta.len() as usize]).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let second = site.build_with("second", &[]).success();
    let after = second.select_one(&page, "figure.cover img");
    assert_eq!(before.attrs, after.attrs);
    for (file, _) in candidates(&second, &page, after.attr("srcset").unwrap()) {
        assert_eq!(
            fs::read(first.path(&file)).unwrap(),
            fs::read(second.path(&file)).unwrap()
        );
    }
    // Once its date changes, it is read again: and found damaged.
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(SystemTime::now())
        .unwrap();
    let third = site.build_with("third", &[]);
    assert!(!third.status.success());
    assert!(third.stderr.contains("photos/gare.jpg"), "{}", third.stderr);
}

#[test]
fn pictures_and_documents_in_a_text_are_checked_resized_and_described() {
    let site = site_with_cover("photos/gare.jpg", ImageFormat::Jpeg);
    put(&site, "docs/plaquette.pdf", &vec![b'%'; 1_234_567]);
    body(
        &site,
        "fr",
        "\n\n![Le quai](@/media/photos/gare.jpg)\n\n[Plaquette](@/media/docs/plaquette.pdf)\n",
    );
    body(&site, "en", "\n\n[Brochure](@/media/docs/plaquette.pdf)\n");
    let build = site.build().success();
    let page = page(&build);
    let img = build.select_one(&page, ".body picture img");
    assert_eq!(img.attr("alt"), Some("Le quai"));
    assert_eq!(img.attr("loading"), Some("lazy"));
    assert_eq!(img.attr("width"), Some("1200"));
    let set = candidates(&build, &page, img.attr("srcset").unwrap());
    assert_eq!(set.len(), 3);
    let link = build.select_one(&page, ".body a[href$=\"plaquette.pdf\"]");
    let target = build.target(&page, link.attr("href").unwrap()).unwrap();
    assert_eq!(fs::metadata(build.path(&target)).unwrap().len(), 1_234_567);
    let info = build.select_one(&page, ".body .file-info");
    assert_eq!(info.text, "(PDF, 1,2\u{a0}Mo)");
    let en: Vec<String> = build
        .html_files()
        .into_iter()
        .filter(|f| f.starts_with("en/partnerships/") && f.matches('/').count() == 3)
        .collect();
    let info = build.select_one(&en[0], ".body .file-info");
    assert_eq!(info.text, "(PDF, 1.2\u{a0}MB)");
}

#[test]
fn a_missing_media_file_and_a_picture_without_alt_are_located_errors() {
    let site = site_with_cover("photos/gare.jpg", ImageFormat::Jpeg);
    body(
        &site,
        "fr",
        "\n\nVoir ![](@/media/photos/gare.jpg) et [la plaquette](@/media/photos/gar.jpg).\n",
    );
    let run = site.build();
    assert!(!run.status.success());
    let err = &run.stderr;
    assert!(
        err.contains("the image `photos/gare.jpg` has no text alternative"),
        "{err}"
    );
    assert!(
        err.contains("no file `photos/gar.jpg` in `content/media/`"),
        "{err}"
    );
    assert!(
        err.contains("did you mean `@/media/photos/gare.jpg`?"),
        "{err}"
    );
    // Located: file, line and column of each address.
    let at: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("--> content/partnerships/liege.fr.md:"))
        .collect();
    assert_eq!(at.len(), 2, "{err}");

    // A cover without its text alternative in a language.
    let en = site.root().join("content/partnerships/liege.en.md");
    let text = fs::read_to_string(&en).unwrap();
    fs::write(&en, text.replace("alt: \"Liège railway station\", ", "")).unwrap();
    let run = site.build();
    assert!(!run.status.success());
    let err = &run.stderr;
    assert!(
        err.contains("the image has no text alternative (`alt`)"),
        "{err}"
    );
    assert!(
        err.contains("--> content/partnerships/liege.en.md:2:1 (field `image.alt`)"),
        "{err}"
    );
}

#[test]
fn featured_partnerships_come_first_on_the_home_page() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let build = SiteTest::in_place(root).build().success();
    let cards = build.select_all("fr/index.html", "#latest-title ~ .cards .card");
    let featured: Vec<bool> = cards.iter().map(|c| c.text.contains("À la une")).collect();
    let count = featured.iter().filter(|f| **f).count();
    assert!(count >= 2, "{featured:?}");
    assert!(featured[..count].iter().all(|f| *f), "{featured:?}");
    // The example's pictures: covers on cards, member logos on pages.
    assert!(!build
        .select_all("fr/partenariats/index.html", ".card-cover img")
        .is_empty());
    assert!(!build
        .select_all("fr/partenariats/index.html", ".card-logos img")
        .is_empty());
}
