//! A small XML reader for the sitemap and the Atom feeds: it checks that a
//! document is well-formed and gives its elements as a flat list, which is
//! all the tests need (no DTD, no CDATA, no namespace resolution).

use std::collections::BTreeMap;

/// An element of an XML document read by [`parse_xml`].
#[derive(Debug, Clone)]
pub struct XmlElement {
    pub name: String,
    pub attrs: BTreeMap<String, String>,
    /// The element's own text (not its children's), entities decoded.
    pub text: String,
    pub parent: Option<usize>,
}

/// Reads an XML document into a flat list of elements (document order),
/// checking that it is well-formed: one root, every tag closed in order,
/// quoted attributes, no stray `<`, only the predefined and numeric entities.
/// Enough for the sitemap and the feeds, which have no DTD and no CDATA.
pub fn parse_xml(source: &str) -> Result<Vec<XmlElement>, String> {
    let mut rest = source.strip_prefix('\u{feff}').unwrap_or(source);
    if let Some(after) = rest.strip_prefix("<?xml") {
        let end = after
            .find("?>")
            .ok_or("the XML declaration is not closed")?;
        rest = &after[end + 2..];
    }
    let mut elements: Vec<XmlElement> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut root_seen = false;
    loop {
        let lt = rest.find('<');
        let text = &rest[..lt.unwrap_or(rest.len())];
        let decoded = decode_entities(text)?;
        match open.last() {
            Some(&i) => elements[i].text.push_str(&decoded),
            None if !text.trim().is_empty() => {
                return Err(format!("text outside the root element: {text:?}"))
            }
            None => {}
        }
        let Some(lt) = lt else { break };
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").ok_or("a comment is not closed")?;
            rest = &after[end + 3..];
            continue;
        }
        let gt = rest.find('>').ok_or("a tag is not closed")?;
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim_end();
            let i = open
                .pop()
                .ok_or_else(|| format!("`</{name}>` closes nothing"))?;
            if elements[i].name != name {
                return Err(format!("`</{name}>` closes `<{}>`", elements[i].name));
            }
            continue;
        }
        let (tag, self_closing) = match tag.strip_suffix('/') {
            Some(tag) => (tag, true),
            None => (tag, false),
        };
        let (name, attr_source) = tag.split_once(char::is_whitespace).unwrap_or((tag, ""));
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_alphanumeric() || "_-.:".contains(c))
        {
            return Err(format!("bad tag `<{tag}>`"));
        }
        if open.is_empty() {
            if root_seen {
                return Err(format!("a second root element `<{name}>`"));
            }
            root_seen = true;
        }
        elements.push(XmlElement {
            name: name.to_string(),
            attrs: parse_attributes(attr_source)?,
            text: String::new(),
            parent: open.last().copied(),
        });
        if !self_closing {
            open.push(elements.len() - 1);
        }
    }
    if let Some(&i) = open.last() {
        return Err(format!("`<{}>` is never closed", elements[i].name));
    }
    if !root_seen {
        return Err("no root element".to_string());
    }
    Ok(elements)
}

fn parse_attributes(mut source: &str) -> Result<BTreeMap<String, String>, String> {
    let mut attrs = BTreeMap::new();
    loop {
        source = source.trim_start();
        if source.is_empty() {
            return Ok(attrs);
        }
        let (name, after) = source
            .split_once('=')
            .ok_or_else(|| format!("an attribute without a value: `{source}`"))?;
        let name = name.trim();
        let after = after.trim_start();
        let quote = after
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
            .ok_or_else(|| format!("attribute `{name}` is not quoted"))?;
        let end = after[1..]
            .find(quote)
            .ok_or_else(|| format!("attribute `{name}` is not closed"))?;
        let value = &after[1..1 + end];
        if value.contains('<') {
            return Err(format!("attribute `{name}` holds a raw `<`"));
        }
        if attrs
            .insert(name.to_string(), decode_entities(value)?)
            .is_some()
        {
            return Err(format!("attribute `{name}` is repeated"));
        }
        source = &after[end + 2..];
    }
}

fn decode_entities(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after
            .find(';')
            .filter(|&i| i <= 10)
            .ok_or_else(|| format!("a bare `&` in {text:?}"))?;
        let entity = &after[..semi];
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = entity.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16).ok()
                } else {
                    entity.strip_prefix('#').and_then(|d| d.parse().ok())
                };
                code.and_then(char::from_u32)
                    .ok_or_else(|| format!("unknown entity `&{entity};`"))?
            }
        };
        out.push(c);
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The children of element `i` named `name`.
pub fn xml_children<'a>(
    elements: &'a [XmlElement],
    i: usize,
    name: &'a str,
) -> impl Iterator<Item = &'a XmlElement> + 'a {
    elements
        .iter()
        .filter(move |e| e.parent == Some(i) && e.name == name)
}

#[test]
fn the_xml_reader_refuses_what_is_not_well_formed() {
    let bad = [
        "<a><b></a></b>",
        "<a>x & y</a>",
        "<a>1 < 2</a>",
        "<a b=c></a>",
        "<a></a><b></b>",
        "<a>",
        "<a>&nbsp;</a>",
        "",
    ];
    for source in bad {
        assert!(parse_xml(source).is_err(), "accepted {source:?}");
    }
    let good = parse_xml(
        "<?xml version=\"1.0\"?>\n<f a='1 &amp; 2'><e>&lt;b&gt; &#233;</e><l href=\"x\"/></f>\n",
    )
    .unwrap();
    assert_eq!(good.len(), 3);
    assert_eq!(good[0].attrs["a"], "1 & 2");
    assert_eq!(good[1].text, "<b> é");
    assert_eq!(good[2].parent, Some(0));
}
