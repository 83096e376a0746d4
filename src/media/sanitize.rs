//! SVG files made safe to publish. An SVG opened at its own address runs
//! its scripts on the site's origin, so the published copy is never the
//! file as it was sent: it is parsed (roxmltree, which expands no external
//! entity and bounds entity expansion) and written again with only what
//! draws: the SVG elements of shapes, text, gradients, patterns, masks
//! and filters, with their attributes. Left out, each named in a warning:
//! scripts, `foreignObject` and other non-drawing elements, event
//! attributes (`onload`…), and every reference to a file elsewhere
//! (`href` to another file or site, `url(…)` other than `url(#id)`, CSS
//! `@import`); embedded PNG, JPEG, GIF and WebP pictures (`data:`) stay.
//! Editors' own markup (Inkscape, Illustrator metadata), comments and
//! the DOCTYPE go silently. A file that is not well-formed XML, or whose
//! root is not `<svg>`, is refused at the line and column of the fault.

use roxmltree::{Document, Node, ParsingOptions};

use crate::types::text::escape;

const SVG: &str = "http://www.w3.org/2000/svg";
const XLINK: &str = "http://www.w3.org/1999/xlink";
const XML: &str = "http://www.w3.org/XML/1998/namespace";
const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// Nesting deeper than this is refused: no drawing needs it, and it keeps
/// the writer's recursion bounded.
const MAX_DEPTH: usize = 128;
/// Elements, texts and attributes; a logo has a few thousand.
const MAX_NODES: u32 = 1_000_000;

/// The SVG elements written again: what draws, and what drawing refers to.
const DRAWING: &[&str] = &[
    "svg",
    "g",
    "defs",
    "symbol",
    "use",
    "switch",
    "title",
    "desc",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "textPath",
    "image",
    "linearGradient",
    "radialGradient",
    "stop",
    "pattern",
    "clipPath",
    "mask",
    "marker",
    "style",
    "filter",
    "feBlend",
    "feColorMatrix",
    "feComponentTransfer",
    "feComposite",
    "feConvolveMatrix",
    "feDiffuseLighting",
    "feDisplacementMap",
    "feDistantLight",
    "feDropShadow",
    "feFlood",
    "feFuncA",
    "feFuncB",
    "feFuncG",
    "feFuncR",
    "feGaussianBlur",
    "feImage",
    "feMerge",
    "feMergeNode",
    "feMorphology",
    "feOffset",
    "fePointLight",
    "feSpecularLighting",
    "feSpotLight",
    "feTile",
    "feTurbulence",
];

/// Elements left out without a word: editors' metadata.
const QUIET: &[&str] = &["metadata"];

/// An SVG written again, and what it left out.
#[derive(Debug)]
pub(super) struct Cleaned {
    pub bytes: Vec<u8>,
    pub removed: Vec<Removed>,
}

/// One thing left out: `<script>`, `onload`, `https://tracker.example/…`,
/// where the file has it (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Removed {
    pub what: String,
    pub line: usize,
    pub column: usize,
}

/// Why an SVG cannot be published: the parser's words, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Refused {
    pub reason: String,
    pub line: usize,
    pub column: usize,
}

/// The clean copy of an SVG file, or why there can be none.
pub(super) fn clean(bytes: &[u8]) -> Result<Cleaned, Refused> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        Refused {
            reason: "the file is not UTF-8 text".into(),
            line: before.iter().filter(|&&b| b == b'\n').count() + 1,
            column: before.iter().rev().take_while(|&&b| b != b'\n').count() + 1,
        }
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = ParsingOptions {
        allow_dtd: true,
        nodes_limit: MAX_NODES,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(text, options).map_err(|e| Refused {
        reason: e.to_string(),
        line: e.pos().row as usize,
        column: e.pos().col as usize,
    })?;
    let root = doc.root_element();
    if !(is_svg(root) && root.tag_name().name() == "svg") {
        let pos = doc.text_pos_at(root.range().start);
        return Err(Refused {
            reason: format!(
                "its root element is <{}>, not <svg>",
                root.tag_name().name()
            ),
            line: pos.row as usize,
            column: pos.col as usize,
        });
    }
    let mut writer = Writer {
        doc: &doc,
        out: String::with_capacity(text.len()),
        removed: Vec::new(),
    };
    writer.element(root, 0, true)?;
    if writer.out.contains(" xlink:href=") {
        let at = "<svg".len();
        writer
            .out
            .insert_str(at, &format!(" xmlns:xlink=\"{XLINK}\""));
    }
    writer.out.push('\n');
    Ok(Cleaned {
        bytes: writer.out.into_bytes(),
        removed: writer.removed,
    })
}

/// An element of the SVG namespace, or of none (a file without `xmlns`,
/// which the clean copy declares).
fn is_svg(node: Node) -> bool {
    matches!(node.tag_name().namespace(), None | Some(SVG))
}

struct Writer<'a, 'input> {
    doc: &'a Document<'input>,
    out: String,
    removed: Vec<Removed>,
}

impl Writer<'_, '_> {
    fn removed(&mut self, what: String, at: usize) {
        let pos = self.doc.text_pos_at(at);
        self.removed.push(Removed {
            what,
            line: pos.row as usize,
            column: pos.col as usize,
        });
    }

    fn element(&mut self, node: Node, depth: usize, root: bool) -> Result<(), Refused> {
        if depth > MAX_DEPTH {
            let pos = self.doc.text_pos_at(node.range().start);
            return Err(Refused {
                reason: format!("its elements are nested more than {MAX_DEPTH} levels deep"),
                line: pos.row as usize,
                column: pos.col as usize,
            });
        }
        let name = node.tag_name().name();
        let namespace = node.tag_name().namespace();
        // A link is kept as what it shows: its address could be a script.
        if is_svg(node) && name == "a" {
            return self.children(node, depth);
        }
        if !(is_svg(node) && DRAWING.contains(&name)) {
            let editors_markup = !matches!(namespace, None | Some(SVG) | Some(XHTML));
            if !(editors_markup || QUIET.contains(&name)) {
                self.removed(format!("<{name}>"), node.range().start);
            }
            return Ok(());
        }
        if name == "style" && !safe_css(&node_text(node)) {
            self.removed(
                "<style> (@import, url(…) or escapes)".into(),
                node.range().start,
            );
            return Ok(());
        }
        self.out.push('<');
        self.out.push_str(name);
        if root {
            self.out.push_str(&format!(" xmlns=\"{SVG}\""));
        }
        for attribute in node.attributes() {
            self.attribute(node, &attribute);
        }
        if !node.has_children() {
            self.out.push_str("/>");
            return Ok(());
        }
        self.out.push('>');
        self.children(node, depth)?;
        self.out.push_str(&format!("</{name}>"));
        Ok(())
    }

    fn children(&mut self, node: Node, depth: usize) -> Result<(), Refused> {
        for child in node.children() {
            if child.is_element() {
                self.element(child, depth + 1, false)?;
            } else if let Some(text) = child.text().filter(|_| child.is_text()) {
                self.out.push_str(&escape(text));
            }
        }
        Ok(())
    }

    fn attribute(&mut self, node: Node, attribute: &roxmltree::Attribute) {
        let name = attribute.name();
        let value = attribute.value();
        let written = match attribute.namespace() {
            None if name.to_ascii_lowercase().starts_with("on") => {
                self.removed(name.to_string(), attribute.range().start);
                return;
            }
            None if name == "href" => name.to_string(),
            None => {
                let safe = if name == "style" {
                    safe_css(value)
                } else {
                    !value.contains("url(") || safe_css(value)
                };
                if !safe {
                    self.removed(
                        format!("{name}=\"{}\"", shorten(value)),
                        attribute.range().start,
                    );
                    return;
                }
                name.to_string()
            }
            Some(XLINK) if name == "href" => "xlink:href".to_string(),
            Some(XML) if name == "space" || name == "lang" => format!("xml:{name}"),
            // Editors' attributes (inkscape:label…) and xlink's others.
            Some(_) => return,
        };
        if written.ends_with("href") && !safe_href(node.tag_name().name(), value) {
            self.removed(shorten(value), attribute.range().start);
            return;
        }
        self.out
            .push_str(&format!(" {written}=\"{}\"", escape(value)));
    }
}

/// The text of a `<style>` element, CDATA included.
fn node_text(node: Node) -> String {
    node.children().filter_map(|c| c.text()).collect()
}

/// An address an SVG may keep: a part of itself (`#logo`), or, for an
/// image, a picture written in the file (`data:image/png;base64,…`).
fn safe_href(element: &str, value: &str) -> bool {
    let value = value.trim();
    value.starts_with('#') || (matches!(element, "image" | "feImage") && embedded_picture(value))
}

fn embedded_picture(value: &str) -> bool {
    let lower = value.get(..16).unwrap_or(value).to_ascii_lowercase();
    [
        "data:image/png",
        "data:image/jpeg",
        "data:image/gif",
        "data:image/webp",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// Whether CSS (a `style` attribute or element) loads nothing from
/// elsewhere: no `@import`, every `url(…)` a part of the file or an
/// embedded picture, and no escapes (`u\72l(` is `url(` to a browser).
fn safe_css(css: &str) -> bool {
    let lower = css.to_ascii_lowercase();
    if lower.contains('\\') || lower.contains("@import") || lower.contains("expression(") {
        return false;
    }
    lower.match_indices("url(").all(|(at, _)| {
        let target = lower[at + 4..].trim_start().trim_start_matches(['"', '\'']);
        target.starts_with('#') || embedded_picture(target)
    })
}

/// A value short enough for a message.
fn shorten(value: &str) -> String {
    let value = value.trim();
    match value.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &value[..at]),
        None => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(svg: &str) -> (String, Vec<String>) {
        let c = clean(svg.as_bytes()).unwrap();
        let removed = c.removed.into_iter().map(|r| r.what).collect();
        (String::from_utf8(c.bytes).unwrap(), removed)
    }

    #[test]
    fn scripts_events_and_foreign_content_are_left_out() {
        let (svg, removed) = cleaned(concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)">"#,
            r#"<script>alert(2)</script><foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>"#,
            r#"<set attributeName="href" to="javascript:alert(3)"/>"#,
            r#"<a href="javascript:alert(4)"><rect width="5" height="5" fill="red" ONCLICK="x()"/></a>"#,
            r#"<html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(5)</html:script></svg>"#,
        ));
        assert_eq!(
            svg,
            concat!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">"#,
                "<rect width=\"5\" height=\"5\" fill=\"red\"/></svg>\n"
            )
        );
        assert_eq!(
            removed,
            [
                "onload",
                "<script>",
                "<foreignObject>",
                "<set>",
                "ONCLICK",
                "<script>"
            ]
        );
        assert!(!svg.contains("alert") && !svg.contains("javascript"));
    }

    #[test]
    fn references_to_other_files_are_left_out() {
        let (svg, removed) = cleaned(concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">"#,
            r#"<image href="https://tracker.example/p.png"/><image xlink:href="data:image/png;base64,AAAA"/>"#,
            r##"<use xlink:href="other.svg#a"/><use href="#b"/><rect fill="url(https://x.example/f#g)"/>"##,
            r##"<rect fill="url(#grad)" style="fill:url( 'https://y.example/a.svg#c')"/>"##,
            r#"<style>@import url(https://z.example/a.css);</style><style>.a{fill:#fff}</style></svg>"#,
        ));
        assert!(
            !svg.contains(".example") && !svg.contains("other.svg"),
            "{svg}"
        );
        assert!(svg.contains(r##"<use href="#b"/>"##), "{svg}");
        assert!(
            svg.contains(r#"xlink:href="data:image/png;base64,AAAA""#),
            "{svg}"
        );
        assert!(svg.contains(r##"<rect fill="url(#grad)"/>"##), "{svg}");
        assert!(svg.contains("<style>.a{fill:#fff}</style>"), "{svg}");
        assert_eq!(removed.len(), 5, "{removed:?}");
        assert_eq!(removed[0], "https://tracker.example/p.png");
    }

    #[test]
    fn text_entities_and_editor_markup() {
        let (svg, removed) = cleaned(concat!(
            "\u{feff}<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" ",
            "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n",
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" "#,
            r#"inkscape:version="1.2" xml:space="preserve"><!-- a comment --><metadata>rdf</metadata>"#,
            r#"<text x="1">Aide &amp; <tspan>enfance</tspan> &lt;3 é</text><inkscape:grid/></svg>"#
        ));
        assert_eq!(
            svg,
            concat!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" xml:space="preserve">"#,
                "<text x=\"1\">Aide &amp; <tspan>enfance</tspan> &lt;3 é</text></svg>\n"
            )
        );
        assert!(removed.is_empty(), "{removed:?}");
        assert!(clean(svg.as_bytes()).is_ok());
    }

    #[test]
    fn what_is_not_an_svg_is_refused_where_it_fails() {
        let cases = [
            ("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<g>\n</svg>", 3),
            ("<html><body/></html>", 1),
            ("not xml", 1),
            (
                "<!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\
                 <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\
                 <!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">]>\
                 <svg><text>&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;</text></svg>",
                1,
            ),
        ];
        for (svg, line) in cases {
            let refused = clean(svg.as_bytes()).unwrap_err();
            assert_eq!(refused.line, line, "{svg}: {refused:?}");
        }
        let deep = format!("<svg>{}{}</svg>", "<g>".repeat(200), "</g>".repeat(200));
        assert!(clean(deep.as_bytes())
            .unwrap_err()
            .reason
            .contains("nested"));
        assert_eq!(clean(b"<svg>\n\xff</svg>").unwrap_err().line, 2);
    }
}
