//! The check the `markdown` and `site` targets make of what they output
//! when raw HTML is not allowed: every tag is read exactly, as a browser
//! would (attribute values decoded), rather than searched as text, whose
//! words may hold `href="javascript:` harmlessly (text between tags
//! escapes `<` and `&`, not quotes).
//!
//! Without raw HTML, every `<` of the output opens a tag written by
//! passerelle (pulldown-cmark's, a media link's, the theme's): text and
//! attribute values write it `&lt;`. So the whole output is a sequence of
//! tags and text, and each tag must be well formed (`name="value"`
//! attributes), hold no event attribute (`on…`), and give no address
//! attribute a script or data scheme once decoded. Script elements are
//! allowed only as the theme writes them: a file of the theme's
//! `static/`, nothing inside.

/// The first unsafe thing in `html`, described; `None` when it is safe.
pub fn unsafe_part(html: &str) -> Option<String> {
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        let tag = &rest[at + 1..];
        let (name, attributes, after) = match read_tag(tag) {
            Ok(read) => read,
            Err(why) => return Some(format!("{why} at `{}`", shown(&rest[at..]))),
        };
        for (attribute, value) in &attributes {
            if let Some(why) = unsafe_attribute(attribute, value) {
                return Some(format!("{why} in `{}`", shown(&rest[at..])));
            }
        }
        let closing = tag.starts_with('/');
        if name == "script" && !closing {
            let from_theme = attributes.iter().any(|(a, v)| {
                a == "src" && v.ends_with(".js") && v.contains("static/") && !v.contains(':')
            });
            if !from_theme || !after.starts_with("</script>") {
                return Some(format!("a script element: `{}`", shown(&rest[at..])));
            }
        }
        if ["iframe", "object", "embed", "style", "base", "meta"].contains(&name.as_str())
            && !is_theme_head(&name, &attributes)
        {
            return Some(format!("a `{name}` element: `{}`", shown(&rest[at..])));
        }
        rest = after;
    }
    None
}

/// The elements the theme writes in a page's head (`<meta charset>`,
/// `<meta name="…" content="…">`): allowed only without an address.
fn is_theme_head(name: &str, attributes: &[(String, String)]) -> bool {
    name == "meta" && attributes.iter().all(|(a, _)| a != "http-equiv")
}

type Tag<'a> = (String, Vec<(String, String)>, &'a str);

/// Reads the tag after a `<`: its name (lowercase), its attributes (names
/// lowercase, values decoded) and the text after its `>`.
fn read_tag(tag: &str) -> Result<Tag<'_>, &'static str> {
    // `<!DOCTYPE html>`, `<?xml …?>`, `<![CDATA[`: no attributes to read.
    if tag.starts_with('!') || tag.starts_with('?') {
        if tag.starts_with("![CDATA[") {
            let end = tag.find("]]>").ok_or("an unclosed CDATA section")?;
            return Ok((String::new(), Vec::new(), &tag[end + 3..]));
        }
        let end = tag.find('>').ok_or("an unclosed declaration")?;
        return Ok((String::new(), Vec::new(), &tag[end + 1..]));
    }
    let body = tag.strip_prefix('/').unwrap_or(tag);
    let name_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == ':' || c == '-'))
        .unwrap_or(body.len());
    if name_len == 0 {
        return Err("a `<` that opens no tag");
    }
    let name = body[..name_len].to_ascii_lowercase();
    let mut rest = &body[name_len..];
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start_matches([' ', '\n', '\t']);
        if let Some(after) = rest.strip_prefix("/>").or_else(|| rest.strip_prefix('>')) {
            return Ok((name, attributes, after));
        }
        let len = rest
            .find(|c: char| c == '=' || c == '>' || c == '/' || c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        if len == 0 {
            return Err("a tag that is not well formed");
        }
        let attribute = rest[..len].to_ascii_lowercase();
        if attribute.contains(['"', '\'', '<']) {
            return Err("a quote or `<` in an attribute's name");
        }
        rest = &rest[len..];
        let value = match rest.strip_prefix("=\"") {
            Some(quoted) => {
                let end = quoted.find('"').ok_or("an attribute value never closed")?;
                rest = &quoted[end + 1..];
                let value = &quoted[..end];
                if value.contains('<') {
                    return Err("a `<` inside an attribute value");
                }
                decode(value)
            }
            None if rest.starts_with('=') => return Err("an attribute value without quotes"),
            None => String::new(),
        };
        attributes.push((attribute, value));
    }
}

/// Why the attribute `name="value"` (decoded) could run a script or load
/// data, if it could.
fn unsafe_attribute(name: &str, value: &str) -> Option<String> {
    if name.starts_with("on") {
        return Some(format!("an event attribute `{name}`"));
    }
    const ADDRESSES: &[&str] = &[
        "href",
        "src",
        "srcset",
        "action",
        "formaction",
        "poster",
        "cite",
        "background",
        "xlink:href",
        "data",
        "lowsrc",
        "dynsrc",
        "ping",
    ];
    if !ADDRESSES.contains(&name) {
        return None;
    }
    // `srcset`: each candidate is an address.
    let candidates: Vec<&str> = if name == "srcset" {
        value.split(',').collect()
    } else {
        vec![value]
    };
    for candidate in candidates {
        // As a browser reads an address: leading spaces and control
        // characters dropped, tabs and line breaks dropped anywhere, the
        // scheme in any case.
        let address: String = candidate
            .trim_start_matches(|c: char| c <= ' ')
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect::<String>()
            .to_ascii_lowercase();
        for scheme in ["javascript:", "vbscript:", "data:"] {
            if address.starts_with(scheme) {
                return Some(format!("`{name}` to a `{scheme}` address"));
            }
        }
    }
    None
}

/// An attribute value as the browser reads it: character references
/// decoded (named ones the output uses, numeric ones all).
fn decode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let entity = &rest[at + 1..];
        let end = entity.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &entity[..e];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "colon" => ':',
                "tab" => '\t',
                "newline" => '\n',
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code).unwrap_or('\u{fffd}')
                }
            };
            Some((c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &entity[e + 1..];
            }
            None => {
                out.push('&');
                rest = entity;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The start of `text`, to show where a problem is.
fn shown(text: &str) -> String {
    text.chars().take(200).collect()
}
