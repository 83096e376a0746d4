//! The cards of the partnerships as the theme's `card.html` renders them,
//! once for the whole site: a list page places each card it shows, its
//! links made relative to the page, instead of rendering it again.
//!
//! This sits below the shared site data ([`super::site`]), which keeps one
//! [`CardHtml`] per partnership and language.

use std::sync::LazyLock;

use memchr::memmem::Finder;

/// The searches of a card's HTML, each prepared once for every card.
struct Searches {
    href: Finder<'static>,
    src: Finder<'static>,
    srcset: Finder<'static>,
    heading: [(Finder<'static>, &'static str); 2],
}

static SEARCHES: LazyLock<Searches> = LazyLock::new(|| Searches {
    href: Finder::new(" href=\""),
    src: Finder::new(" src=\""),
    srcset: Finder::new(" srcset=\""),
    heading: [(Finder::new("<h2"), "<h3"), (Finder::new("</h2>"), "</h3>")],
});

/// A card as `card.html` renders it once for the whole site, with where
/// its relative links start ([`link_points`]).
pub struct CardHtml {
    pub html: String,
    pub links: Vec<usize>,
}

/// A card rendered by the theme's `card.html`, headed `h2`, its links
/// relative to the site root; empty if the template fails (the page then
/// renders its cards itself, and reports the error).
pub fn card_html(engine: &tera::Tera, card: &tera::Value) -> CardHtml {
    let mut context = tera::Context::new();
    context.insert_value("p", card.clone());
    context.insert("h", &2);
    context.insert("root", "");
    let html = engine.render("card.html", &context).unwrap_or_default();
    CardHtml {
        links: link_points(&html),
        html,
    }
}

/// HTML written with links relative to the site root (`href="fr/pays/x/"`)
/// made relative to a page: `root` (from
/// [`super::routes::relative`]`(page, "")`) goes before every `href` and
/// `src` that is neither absolute (`https:`, `mailto:`, `/…`) nor a
/// fragment. Cards are rendered once this way and placed on every list
/// page that shows them.
pub fn relocate(html: &str, root: &str) -> String {
    place(html, &link_points(html), root)
}

/// Where [`relocate`] puts the root in `html`: the starts of the values of
/// its `href` and `src` attributes, and of each address of its `srcset`
/// attributes, that are relative addresses. Found once for a card, used
/// on every page that shows it.
pub fn link_points(html: &str) -> Vec<usize> {
    let mut points = Vec::new();
    let searches = &*SEARCHES;
    // Each attribute is searched for once from where the last one was
    // found: the text is read once, whatever its number of links.
    let mut href = find_from(html, &searches.href, 0);
    let mut src = find_from(html, &searches.src, 0);
    while let Some(at) = href.min(src).or(href).or(src) {
        if is_relative(&html[at..]) {
            points.push(at);
        }
        if href == Some(at) {
            href = find_from(html, &searches.href, at);
        } else {
            src = find_from(html, &searches.src, at);
        }
    }
    // Pictures' `srcset`s, rare: each address after the start or a comma.
    let mut from = 0;
    let mut more = false;
    while let Some(at) = find_from(html, &searches.srcset, from) {
        let end = html[at..].find('"').map_or(html.len(), |e| at + e);
        let mut candidate = at;
        loop {
            if is_relative(&html[candidate..end]) {
                points.push(candidate);
                more = true;
            }
            match html[candidate..end].find(", ") {
                Some(comma) => candidate += comma + 2,
                None => break,
            }
        }
        from = end;
    }
    if more {
        points.sort_unstable();
    }
    points
}

/// Whether an attribute's value (from its start) is a relative address.
fn is_relative(value: &str) -> bool {
    !(value.starts_with(['/', '#', '"'])
        || value
            .split(['/', '"'])
            .next()
            .is_some_and(|first| first.contains(':')))
}

/// `html` with `root` put at each of `points` (from [`link_points`]).
pub fn place(html: &str, points: &[usize], root: &str) -> String {
    let mut out = String::with_capacity(html.len() + points.len() * root.len());
    place_into(&mut out, html, points, root);
    out
}

/// Writes `html` at the end of `out`, `root` put at each of `points`.
pub fn place_into(out: &mut String, html: &str, points: &[usize], root: &str) {
    let mut done = 0;
    for &at in points {
        out.push_str(&html[done..at]);
        out.push_str(root);
        done = at;
    }
    out.push_str(&html[done..]);
}

/// Heads the card that starts at byte `start` of `html` `h3` instead of
/// `h2`, in place (the two tags have the same length).
pub fn lower_heading(html: &mut String, start: usize) {
    for (from, to) in &SEARCHES.heading {
        if let Some(at) = from.find(&html.as_bytes()[start..]) {
            let at = start + at;
            html.replace_range(at..at + from.needle().len(), to);
        }
    }
}

/// Where the value of the next attribute `pattern` (`" href=\""`) starts
/// in `html`, from byte `from` on.
fn find_from(html: &str, pattern: &Finder, from: usize) -> Option<usize> {
    let found = pattern.find(&html.as_bytes()[from..]);
    found.map(|i| from + i + pattern.needle().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_are_relocated_to_their_page() {
        let card = r##"<a href="fr/partenariats/x/" lang="fr">x</a> <a class="tag" href="fr/pays/belgique/">B</a> <img src="media/l.png" alt=""> <a href="https://example.org/">e</a> <a href="mailto:a@b.c">m</a> <a href="#top">t</a> <a href="/abs/">a</a>"##;
        let moved = relocate(card, "../../");
        assert_eq!(
            moved,
            r##"<a href="../../fr/partenariats/x/" lang="fr">x</a> <a class="tag" href="../../fr/pays/belgique/">B</a> <img src="../../media/l.png" alt=""> <a href="https://example.org/">e</a> <a href="mailto:a@b.c">m</a> <a href="#top">t</a> <a href="/abs/">a</a>"##
        );
        assert_eq!(relocate("<p>href=\"x\"</p>", "../"), "<p>href=\"x\"</p>");
        let picture = r#"<source srcset="media/a-400.webp 400w, media/a-800.webp 800w"><img src="media/a-800.jpg" srcset="media/a-400.jpg 400w, https://x.org/b.jpg 800w">"#;
        assert_eq!(
            relocate(picture, "../"),
            r#"<source srcset="../media/a-400.webp 400w, ../media/a-800.webp 800w"><img src="../media/a-800.jpg" srcset="../media/a-400.jpg 400w, https://x.org/b.jpg 800w">"#
        );
    }

    #[test]
    fn cards_placed_under_a_heading_are_headed_h3_one_by_one() {
        let card = r#"<h2 class="t"><a href="fr/x/">X</a></h2><p>h2</p>"#;
        let points = link_points(card);
        let mut html = String::new();
        for _ in 0..2 {
            let start = html.len();
            place_into(&mut html, card, &points, "../");
            lower_heading(&mut html, start);
        }
        let one = r#"<h3 class="t"><a href="../fr/x/">X</a></h3><p>h2</p>"#;
        assert_eq!(html, format!("{one}{one}"));
    }
}
