//! The machine-read files: `sitemap.xml` with hreflang alternates,
//! `robots.txt`, and one Atom feed per language.
//!
//! They are written directly rather than through templates: their form is
//! fixed by their specifications, not by the theme.
//!
//! They are among the files made from the whole catalogue at the end of
//! render ([`super::build`]), beside the exports and the search index.

use std::fmt::Write;
use std::path::Path;

use super::kinds::{Job, Order};
use super::routes::relative;
use super::site::SiteData;
use crate::catalogue::Partnership;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Sink;
use crate::text;
use crate::types::lang::Lang;
use crate::types::text::escape;

/// The sitemap and robots.txt of the site, and the feed of each language.
pub fn write_all(r: &SiteData, sink: &dyn Sink, diagnostics: &mut Diagnostics) {
    let config = &r.catalogue.config;
    match &config.base_url {
        Some(base) => {
            let sitemap_route = r.routes.sitemap();
            let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {base}{sitemap_route}\n");
            sink.put(sitemap_route, sitemap(r).into_bytes());
            sink.put(r.routes.robots(), robots.into_bytes());
        }
        None => {
            diagnostics.push(
                Diagnostic::warning(Path::new("site.yaml"), text!("no `base_url`: the sitemap, canonical and hreflang addresses are left out", "pas de `base_url` : le plan du site (sitemap) et les adresses canoniques et hreflang sont omis"))
                    .field("base_url")
                    .hint(text!("add `base_url: https://…/` (the address where the site will be published), or pass `--base-url`", "ajoutez `base_url: https://…/` (l'adresse où le site sera publié), ou passez `--base-url`")),
            );
            sink.put(r.routes.robots(), b"User-agent: *\nAllow: /\n".to_vec());
        }
    }
    for &lang in &config.languages {
        sink.put(r.routes.feed(lang), atom(r, lang).into_bytes());
    }
}

fn sitemap(r: &SiteData) -> String {
    let languages = &r.catalogue.config.languages;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for job in r.jobs() {
        // The translation report is for editors, not for search engines;
        // the catalogue's other orders repeat its pages.
        let resorted = matches!(job, Job::Partnerships(_, o, _) if o != Order::Title);
        if job.lang().is_none() || matches!(job, Job::Translations(_)) || resorted {
            continue;
        }
        let Some(loc) = r.routes.absolute(&r.route(job)) else {
            continue;
        };
        let _ = writeln!(xml, "  <url>\n    <loc>{}</loc>", escape(&loc));
        for &other in languages {
            let alternate = r.route(job.in_language(other));
            if let Some(href) = r.routes.absolute(&alternate) {
                let _ = writeln!(
                    xml,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{other}\" href=\"{}\"/>",
                    escape(&href)
                );
            }
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The newest partnerships first (by start date, then key), at most 50.
fn atom(r: &SiteData, lang: Lang) -> String {
    let c = r.catalogue;
    let order = r.newest(50);
    // The feed is as new as its newest entry; an empty feed gets a fixed
    // date so that rebuilding it changes nothing.
    let updated = order.first().map_or_else(
        || stamp((1970, 1, 1)),
        |&i| stamp(c.partnerships[i].start.earliest()),
    );
    let feed_route = r.routes.feed(lang);
    let mut xml = feed_head(r, lang, &feed_route, &updated);
    for i in order {
        push_entry(&mut xml, r, lang, &feed_route, &c.partnerships[i]);
    }
    xml.push_str("</feed>\n");
    xml
}

/// The XML declaration and the `<feed>` elements that come before the
/// entries, leaving `<feed>` open.
fn feed_head(r: &SiteData, lang: Lang, feed_route: &str, updated: &str) -> String {
    let c = r.catalogue;
    let home = r.routes.home(lang);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">"
    );
    let _ = writeln!(
        xml,
        "  <title>{}</title>",
        escape(&c.config.title[lang.as_str()])
    );
    // Atom requires a permanent id; without `base_url` there is no address
    // to use, so a URN stands in.
    let _ = writeln!(
        xml,
        "  <id>{}</id>",
        escape(
            &r.routes
                .absolute(&home)
                .unwrap_or_else(|| format!("urn:passerelle:{lang}"))
        )
    );
    let _ = writeln!(
        xml,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&href(r, feed_route, &home))
    );
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&href(r, feed_route, feed_route))
    );
    let _ = writeln!(xml, "  <updated>{updated}</updated>");
    let author = c
        .config
        .publisher
        .clone()
        .unwrap_or_else(|| c.config.title[lang.as_str()].clone());
    let _ = writeln!(xml, "  <author><name>{}</name></author>", escape(&author));
    xml
}

/// One partnership's `<entry>`, in the language its text is written in.
fn push_entry(xml: &mut String, r: &SiteData, lang: Lang, feed_route: &str, p: &Partnership) {
    let text = p.text(lang);
    let route = r.routes.partnership(lang, p);
    let id = r
        .routes
        .absolute(&route)
        .unwrap_or_else(|| format!("urn:passerelle:partnership:{}", p.key));
    xml.push_str("  <entry>\n");
    let _ = writeln!(
        xml,
        "    <title xml:lang=\"{}\">{}</title>",
        text.lang,
        escape(&text.title)
    );
    let _ = writeln!(xml, "    <id>{}</id>", escape(&id));
    let _ = writeln!(
        xml,
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&href(r, feed_route, &route))
    );
    let _ = writeln!(xml, "    <updated>{}</updated>", stamp(p.start.earliest()));
    let _ = writeln!(
        xml,
        "    <summary xml:lang=\"{}\">{}</summary>",
        text.lang,
        escape(&text.summary)
    );
    xml.push_str("  </entry>\n");
}

/// An Atom date-time for a day, at midnight UTC.
fn stamp((y, m, d): (i32, u8, u8)) -> String {
    format!("{y:04}-{m:02}-{d:02}T00:00:00Z")
}

/// The address of `route` as the feed links to it: absolute with
/// `base_url`, else relative to the feed itself so that it still resolves.
fn href(r: &SiteData, feed_route: &str, route: &str) -> String {
    r.routes
        .absolute(route)
        .unwrap_or_else(|| relative(feed_route, route))
}
