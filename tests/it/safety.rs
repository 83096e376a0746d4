//! What is published is safe: SVG files written again without what runs
//! or loads from elsewhere, only the kinds of media file the pages use,
//! links in `content/` never followed into other parts of the site.

use std::fs;
use std::os::unix::fs::symlink;

use crate::support::SiteTest;

const HOSTILE_SVG: &str = concat!(
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 5 3\"\n",
    "     onload=\"fetch('/admin/')\">\n",
    "  <script>alert(document.domain)</script>\n",
    "  <foreignObject><iframe xmlns=\"http://www.w3.org/1999/xhtml\" src=\"https://evil.example/\"/></foreignObject>\n",
    "  <image xlink:href=\"https://tracker.example/pixel.png\" width=\"1\" height=\"1\"/>\n",
    "  <rect width=\"5\" height=\"1\" fill=\"#000\" onclick=\"alert(1)\"/>\n",
    "  <rect y=\"1\" width=\"5\" height=\"1\" fill=\"#d00\"/>\n",
    "</svg>\n"
);

/// Every element and attribute of an SVG file, parsed.
fn parsed(svg: &str) -> Vec<(String, Vec<(String, String)>)> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
    doc.descendants()
        .filter(|n| n.is_element())
        .map(|n| {
            let attributes = n
                .attributes()
                .map(|a| (a.name().to_string(), a.value().to_string()))
                .collect();
            (n.tag_name().name().to_string(), attributes)
        })
        .collect()
}

#[test]
fn an_svg_with_scripts_is_published_clean_with_a_warning() {
    let site = SiteTest::error_case("_base");
    fs::write(
        site.root().join("content/media/logos/helmo.svg"),
        HOSTILE_SVG,
    )
    .unwrap();
    let institution = site.root().join("content/institutions/helmo.yaml");
    let yaml = fs::read_to_string(&institution).unwrap();
    fs::write(&institution, format!("{yaml}logo: logos/helmo.svg\n")).unwrap();
    let build = site.build().success();
    let svg = build.read("media/logos/helmo.svg");
    let elements = parsed(&svg);
    let names: Vec<&str> = elements.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["svg", "image", "rect", "rect"], "{svg}");
    for (name, attributes) in &elements {
        for (attribute, value) in attributes {
            assert!(
                !attribute.starts_with("on") && !value.contains("example"),
                "<{name} {attribute}=\"{value}\"> in {svg}"
            );
        }
    }
    // The page still shows the flag, at its address.
    assert!(build
        .html_files()
        .iter()
        .any(|page| build.read(page).contains("media/logos/helmo.svg")));
    let warning = "warning: this SVG holds what could run a script or load a file from elsewhere; \
                   the published copy leaves it out: onload (line 2), <script> (line 3), \
                   <foreignObject> (line 4), https://tracker.example/pixel.png (line 5), onclick (line 6)";
    assert!(build.stderr.contains(warning), "{}", build.stderr);
    assert!(
        build
            .stderr
            .contains("--> content/media/logos/helmo.svg:2:6"),
        "{}",
        build.stderr
    );
}

#[test]
fn an_svg_that_is_not_well_formed_is_refused_at_its_line() {
    let site = SiteTest::error_case("_base");
    let broken = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<g>\n<rect/>\n</svg>\n";
    fs::write(site.root().join("content/media/logos/helmo.svg"), broken).unwrap();
    for command in ["check", "build"] {
        let run = site.run(&[command]).code(1);
        assert!(
            run.stderr
                .contains("error: this SVG image cannot be read, so it is not published"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("--> content/media/logos/helmo.svg:4:"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn a_file_of_another_kind_in_media_is_an_error_naming_it() {
    let site = SiteTest::error_case("_base");
    let media = site.root().join("content/media");
    fs::write(media.join("page.html"), "<script>alert(1)</script>").unwrap();
    fs::create_dir_all(media.join("docs")).unwrap();
    fs::write(media.join("docs/run.sh"), "echo").unwrap();
    // What the pages link to is published, and what systems leave is
    // ignored.
    fs::write(media.join("docs/rapport.pdf"), "%PDF-1.4").unwrap();
    fs::write(media.join("docs/sous-titres.vtt"), "WEBVTT").unwrap();
    fs::write(media.join("docs/Thumbs.db"), "x").unwrap();
    let run = site.run(&["check"]).code(1);
    for file in ["content/media/page.html", "content/media/docs/run.sh"] {
        assert!(
            run.stderr.contains(&format!(
                "error: a `.{}` file is not published",
                file.rsplit('.').next().unwrap()
            )),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(&format!("--> {file}\n")),
            "{}",
            run.stderr
        );
    }
    assert_eq!(run.stderr.matches("error:").count(), 2, "{}", run.stderr);
    fs::remove_file(media.join("page.html")).unwrap();
    fs::remove_file(media.join("docs/run.sh")).unwrap();
    let build = site.build().success();
    assert!(build.exists("media/docs/rapport.pdf"));
    assert!(build.exists("media/docs/sous-titres.vtt"));
    assert!(!build.exists("media/docs/Thumbs.db"));
}

#[test]
fn links_into_other_parts_of_the_site_are_refused_with_their_path() {
    let site = SiteTest::error_case("_base");
    let media = site.root().join("content/media");
    symlink("../partnerships", media.join("sources")).unwrap();
    symlink("../../site.yaml", media.join("site.yaml")).unwrap();
    symlink(
        "../media/logos/helmo.svg",
        site.root().join("content/institutions/xx.yaml"),
    )
    .unwrap();
    // A link within its own folder is followed.
    symlink("helmo.svg", media.join("logos/helmo-copy.svg")).unwrap();
    let run = site.run(&["check"]).code(1);
    let expected = [
        ("content/media/sources", "content/partnerships"),
        ("content/media/site.yaml", "site.yaml"),
        (
            "content/institutions/xx.yaml",
            "content/media/logos/helmo.svg",
        ),
    ];
    for (link, target) in expected {
        let message =
            format!("error: this is a symbolic link to `{target}`, another part of the site");
        assert!(run.stderr.contains(&message), "{message}\n{}", run.stderr);
        assert!(
            run.stderr.contains(&format!("--> {link}\n")),
            "{}",
            run.stderr
        );
    }
    assert_eq!(run.stderr.matches("error:").count(), 3, "{}", run.stderr);
    fs::remove_file(media.join("sources")).unwrap();
    fs::remove_file(media.join("site.yaml")).unwrap();
    fs::remove_file(site.root().join("content/institutions/xx.yaml")).unwrap();
    let build = site.build().success();
    assert_eq!(
        build.read("media/logos/helmo-copy.svg"),
        build.read("media/logos/helmo.svg")
    );
    assert!(!build
        .files()
        .iter()
        .any(|f| f.contains("helmo") && f.ends_with(".md")));
}

/// Every term of the search index of `lang`, with the documents that have it.
fn index_terms(
    b: &crate::support::Build,
    lang: &str,
) -> std::collections::BTreeMap<u64, std::collections::BTreeSet<String>> {
    let json = |file: &str| -> serde_json::Value {
        serde_json::from_str(&b.read(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
    };
    let meta = json(&format!("search/{lang}/meta.json"));
    let mut docs: std::collections::BTreeMap<u64, std::collections::BTreeSet<String>> =
        Default::default();
    for shard in meta["shards"].as_array().unwrap() {
        let file = passerelle::render::search::file_name(shard.as_str().unwrap());
        let terms = json(&format!("search/{lang}/terms/{file}.json"));
        for (term, postings) in terms.as_object().unwrap() {
            let mut doc = 0;
            for pair in postings.as_array().unwrap().chunks(2) {
                doc += pair[0].as_u64().unwrap();
                docs.entry(doc).or_default().insert(term.clone());
            }
        }
    }
    docs
}

/// The terms of the words a page shows in its `main`, read both with its
/// texts run together (`<b>forma</b>teurs` is one word) and apart
/// (`<dd>a</dd><dd>b</dd>` are two).
fn page_terms(
    b: &crate::support::Build,
    lang: &str,
    page: &str,
) -> std::collections::BTreeSet<String> {
    let html = b.html(page);
    let main = html
        .select(&crate::support::selector("main"))
        .next()
        .unwrap_or_else(|| panic!("no main in {page}"));
    let lang = passerelle::types::lang::Lang::parse(lang).unwrap();
    let together: String = main.text().collect();
    let apart = main.text().collect::<Vec<_>>().join(" ");
    [together, apart]
        .iter()
        .flat_map(|text| passerelle::render::search::query_terms(lang, text))
        .flatten()
        .collect()
}

#[test]
fn every_indexed_word_of_a_page_is_a_word_the_page_shows() {
    let site = SiteTest::fixture("build/basic");
    let file = site
        .root()
        .join("content/partnerships/echanges-liege.fr.md");
    let text = fs::read_to_string(&file).unwrap();
    let hidden = "\n<!-- note interne : budget confidentiel\nnepaspublier -->\n\n\
                  Texte **visi**ble <!-- commentaire secretissime --> ici.\n\n\
                  <div class=\"x\">balisesecrete</div>\n\n![illustrationcachee](photo.png)\n";
    fs::write(&file, format!("{text}{hidden}")).unwrap();
    let b = site.build().success();
    for lang in ["fr", "en"] {
        let docs: Vec<serde_json::Value> = {
            let meta: serde_json::Value =
                serde_json::from_str(&b.read(&format!("search/{lang}/meta.json"))).unwrap();
            let shard = meta["doc_shard"].as_u64().unwrap();
            (0..meta["docs"].as_u64().unwrap().div_ceil(shard))
                .flat_map(|n| {
                    let file = format!("search/{lang}/docs/{n}.json");
                    let docs: serde_json::Value = serde_json::from_str(&b.read(&file)).unwrap();
                    docs.as_array().unwrap().clone()
                })
                .collect()
        };
        let indexed = index_terms(&b, lang);
        assert_eq!(indexed.len(), docs.len(), "{lang}");
        for (doc, terms) in &indexed {
            let page = format!("{}index.html", docs[*doc as usize]["u"].as_str().unwrap());
            let shown = page_terms(&b, lang, &page);
            let unseen: Vec<&String> = terms.iter().filter(|t| !shown.contains(*t)).collect();
            assert!(unseen.is_empty(), "{page}: {unseen:?} indexed, not shown");
        }
        let all: std::collections::BTreeSet<&String> = indexed.values().flatten().collect();
        let l = passerelle::types::lang::Lang::parse(lang).unwrap();
        for word in [
            "confidentiel",
            "nepaspublier",
            "secretissime",
            "balisesecrete",
            "illustrationcachee",
        ] {
            for term in passerelle::render::search::query_terms(l, word).concat() {
                assert!(!all.contains(&term), "{lang}: `{word}` is in the index");
            }
        }
        if lang == "fr" {
            let visible = passerelle::render::search::query_terms(l, "visible").concat();
            assert!(all.contains(&visible[0]), "the words shown are indexed");
        }
    }
}

#[test]
fn content_loaded_from_other_sites_is_a_warning_and_on_the_privacy_page() {
    let site = SiteTest::fixture("legal/full");
    let privacy = [
        "fr/donnees-personnelles/index.html",
        "en/privacy/index.html",
    ];
    let before = site.build().success();
    for page in privacy {
        assert!(
            before
                .read(page)
                .contains("loads nothing from other websites")
                || before
                    .read(page)
                    .contains("ne charge rien depuis d'autres sites")
        );
    }
    let file = site.root().join("content/partnerships/helmo.fr.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        format!("{text}\n![Affiche](https://images.example.org/affiche.png)\n"),
    )
    .unwrap();
    let b = site.build().success();
    let warning = "warning: this text loads content from `images.example.org`: every visitor's browser contacts that site";
    assert!(b.stderr.contains(warning), "{}", b.stderr);
    assert!(
        b.stderr.contains("--> content/partnerships/helmo.fr.md:"),
        "{}",
        b.stderr
    );
    for (page, paragraph) in privacy.iter().zip(["#sites-tiers", "#third-party-sites"]) {
        let listed: Vec<String> = b
            .select_all(page, &format!("{paragraph} code"))
            .iter()
            .map(|n| n.squashed())
            .collect();
        assert_eq!(listed, ["images.example.org"], "{page}");
        assert!(!b.read(page).contains("loads nothing from other websites"));
        assert!(!b
            .read(page)
            .contains("ne charge rien depuis d'autres sites"));
    }
}

#[test]
fn a_media_file_name_cannot_add_attributes_to_its_picture() {
    let site = SiteTest::error_case("_base");
    let name = "a\"onerror=\"alert(1)\".svg";
    fs::write(
        site.root().join("content/media").join(name),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>",
    )
    .unwrap();
    let file = site.root().join("content/partnerships/helmo.fr.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, format!("{text}\n![Un logo](@/media/{name})\n")).unwrap();
    let build = site.build().success();
    let page = "fr/partenariats/helmo/index.html";
    let img = build.select_one(page, "img[alt='Un logo']");
    let names: Vec<&str> = img.attrs.keys().map(String::as_str).collect();
    assert!(
        !names.iter().any(|n| n.starts_with("on")),
        "{:?}",
        img.attrs
    );
    // The quote stays in the address, as the file is named.
    let src = img.attr("src").unwrap();
    assert!(src.ends_with(name), "{src}");
}
