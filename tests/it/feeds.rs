//! The machine-read files: sitemap.xml, the Atom feeds, robots.txt.

use crate::support::{Build, SiteTest, BASE_URL};
use crate::xml::{parse_xml, xml_children, XmlElement};

#[track_caller]
fn read_xml(b: &Build, file: &str) -> Vec<XmlElement> {
    parse_xml(&b.read(file)).unwrap_or_else(|e| panic!("`{file}` is not well-formed XML: {e}"))
}

#[test]
fn the_sitemap_lists_every_page_with_its_alternates_in_both_languages() {
    let b = SiteTest::fixture("build/basic").build().success();
    let xml = read_xml(&b, "sitemap.xml");
    assert_eq!(xml[0].name, "urlset");
    assert_eq!(
        xml[0].attrs.get("xmlns:xhtml").map(String::as_str),
        Some("http://www.w3.org/1999/xhtml")
    );
    let mut listed = Vec::new();
    for (i, _) in xml.iter().enumerate().filter(|(_, e)| e.name == "url") {
        let locs: Vec<_> = xml_children(&xml, i, "loc").collect();
        assert_eq!(locs.len(), 1, "a <url> has one <loc>");
        let loc = locs[0].text.clone();
        let file = b.file_of_url(BASE_URL, &loc).filter(|f| b.exists(f));
        assert!(
            file.is_some(),
            "the sitemap lists {loc}, which is not a page of the output"
        );
        let alternates: Vec<(String, String)> = xml_children(&xml, i, "xhtml:link")
            .map(|l| (l.attrs["hreflang"].clone(), l.attrs["href"].clone()))
            .collect();
        let langs: Vec<&str> = alternates.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(langs, ["fr", "en"], "alternates of {loc}");
        for (_, href) in &alternates {
            assert!(
                b.file_of_url(BASE_URL, href).is_some_and(|f| b.exists(&f)),
                "{loc}: alternate {href} is not a page"
            );
        }
        assert!(
            alternates.iter().any(|(_, h)| *h == loc),
            "{loc} is not among its own alternates"
        );
        listed.push((loc, alternates));
    }
    let fr = format!("{BASE_URL}fr/partenariats/echanges-liege/");
    let en = format!("{BASE_URL}en/partnerships/liege-exchanges/");
    let expected = vec![
        ("fr".to_string(), fr.clone()),
        ("en".to_string(), en.clone()),
    ];
    for loc in [&fr, &en] {
        let (_, alternates) = listed
            .iter()
            .find(|(l, _)| l == loc)
            .unwrap_or_else(|| panic!("{loc} is not in the sitemap"));
        assert_eq!(alternates, &expected, "alternates of {loc}");
    }
    // Every page of a language that declares itself its canonical address
    // (and is not `noindex`) is meant to be found, so it is in the
    // sitemap. The language chooser and 404.html need not be, nor the
    // catalogue in another order, whose canonical address is the catalogue.
    let locs: Vec<&str> = listed.iter().map(|(l, _)| l.as_str()).collect();
    let indexable = b.html_files().into_iter().filter(|f| {
        let own = crate::support::url_of_file(BASE_URL, f);
        (f.starts_with("fr/") || f.starts_with("en/"))
            && b.select_all(f, "link[rel=canonical]")
                .iter()
                .any(|c| c.attr("href") == Some(own.as_str()))
            && b.select_all(f, r#"meta[name=robots][content*="noindex"]"#)
                .is_empty()
    });
    for file in &indexable.collect::<Vec<_>>() {
        let url = crate::support::url_of_file(BASE_URL, file);
        assert!(
            locs.contains(&url.as_str()),
            "`{file}` is missing from the sitemap"
        );
    }
}

#[test]
fn atom_feeds_have_one_entry_per_partnership_with_escaped_text() {
    let b = SiteTest::fixture("build/basic").build().success();
    for (lang, escaped_title) in [
        ("fr", r#"Titre <script>alert("x")</script> & "quotes""#),
        ("en", r#"Title <script>alert("x")</script> & "quotes""#),
    ] {
        let file = format!("{lang}/atom.xml");
        let source = b.read(&file);
        assert!(
            !source.contains("<script"),
            "`{file}` holds a raw <script> tag"
        );
        let xml = read_xml(&b, &file);
        assert_eq!(xml[0].name, "feed");
        assert_eq!(
            xml[0].attrs.get("xmlns").map(String::as_str),
            Some("http://www.w3.org/2005/Atom")
        );
        assert_eq!(xml[0].attrs.get("xml:lang").map(String::as_str), Some(lang));
        for required in ["title", "id", "updated"] {
            assert_eq!(
                xml_children(&xml, 0, required).count(),
                1,
                "`{file}`: the feed needs one <{required}>"
            );
        }
        let entries: Vec<usize> = xml
            .iter()
            .enumerate()
            .filter(|(_, e)| e.name == "entry")
            .map(|(i, _)| i)
            .collect();
        assert_eq!(entries.len(), 4, "`{file}`: one entry per partnership");
        let mut titles = Vec::new();
        let mut ids = Vec::new();
        for &i in &entries {
            let title = xml_children(&xml, i, "title")
                .next()
                .expect("an entry has a title");
            titles.push(title.text.clone());
            ids.push(
                xml_children(&xml, i, "id")
                    .next()
                    .expect("an entry has an id")
                    .text
                    .clone(),
            );
            assert_eq!(xml_children(&xml, i, "updated").count(), 1);
            let link = xml_children(&xml, i, "link")
                .next()
                .expect("an entry has a link");
            let href = &link.attrs["href"];
            let target = b.file_of_url(BASE_URL, href);
            assert!(
                target
                    .as_ref()
                    .is_some_and(|t| b.exists(t) && t.starts_with(&format!("{lang}/"))),
                "`{file}`: entry link {href}"
            );
        }
        assert!(
            titles.iter().any(|t| t == escaped_title),
            "`{file}`: titles {titles:?}"
        );
        let untranslated = xml
            .iter()
            .find(|e| e.name == "title" && e.text == "Atelier d'été à Eupen")
            .expect("the untranslated partnership is in the feed");
        assert_eq!(
            untranslated.attrs.get("xml:lang").map(String::as_str),
            Some("fr"),
            "`{file}`"
        );
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 4, "`{file}`: entry ids are unique");
    }
}

#[test]
fn feeds_without_base_url_link_relatively_to_existing_pages() {
    let b = SiteTest::fixture("build/no-base-url").build().success();
    for lang in ["fr", "en"] {
        let file = format!("{lang}/atom.xml");
        let xml = read_xml(&b, &file);
        let links: Vec<&XmlElement> = xml.iter().filter(|e| e.name == "link").collect();
        assert!(links.len() >= 3, "`{file}`: {links:?}");
        for link in links {
            let href = &link.attrs["href"];
            let target = b.target(&file, href);
            assert!(
                target.as_ref().is_some_and(|t| b.exists(t)),
                "`{file}`: {href} leads to no file"
            );
        }
    }
}

#[test]
fn robots_txt_points_to_the_sitemap() {
    let b = SiteTest::fixture("build/basic").build().success();
    let robots = b.read("robots.txt");
    assert!(
        robots
            .lines()
            .any(|l| l == format!("Sitemap: {BASE_URL}sitemap.xml")),
        "{robots}"
    );
    assert!(robots.lines().any(|l| l == "User-agent: *"), "{robots}");
}
