//! The size of an SVG image, from its root element: `width` and `height`
//! in pixels, else its `viewBox`. An SVG is never rewritten.

/// The width and height the file declares, if it does.
pub(super) fn size(bytes: &[u8]) -> Option<(u32, u32)> {
    let text = std::str::from_utf8(bytes).ok()?;
    let attrs = root_attributes(text)?;
    let get = |name: &str| {
        attrs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    };
    let length = |name: &str| get(name).and_then(pixels);
    let view_box = get("viewBox").and_then(view_box);
    let (w, h) = match (length("width"), length("height"), view_box) {
        (Some(w), Some(h), _) => (w, h),
        (Some(w), None, Some((vw, vh))) => (w, w * vh / vw),
        (None, Some(h), Some((vw, vh))) => (h * vw / vh, h),
        (_, _, Some(vb)) => vb,
        _ => return None,
    };
    let round = |v: f64| (v.round() as u32).max(1);
    (w > 0.0 && h > 0.0 && w.is_finite() && h.is_finite()).then(|| (round(w), round(h)))
}

/// The attributes of the first `<svg` element, as written.
fn root_attributes(text: &str) -> Option<Vec<(&str, String)>> {
    let start = text
        .match_indices("<svg")
        .map(|(i, _)| i + 4)
        .find(|&i| text[i..].starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/'))?;
    let mut rest = &text[start..];
    let mut attrs = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() || rest.starts_with('>') || rest.starts_with('/') {
            return Some(attrs);
        }
        let name_end = rest.find(|c: char| c == '=' || c.is_whitespace() || c == '>')?;
        let name = &rest[..name_end];
        rest = rest[name_end..].trim_start();
        let Some(after) = rest.strip_prefix('=') else {
            continue;
        };
        let after = after.trim_start();
        let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let end = after[1..].find(quote)? + 1;
        attrs.push((name, after[1..end].to_string()));
        rest = &after[end + 1..];
    }
}

/// A length in pixels: `120`, `120px`, `12.5`; not `%`, `em` or `cm`.
fn pixels(value: &str) -> Option<f64> {
    let value = value.trim();
    let number = value.strip_suffix("px").unwrap_or(value).trim();
    number.parse::<f64>().ok().filter(|v| *v > 0.0)
}

/// The width and height of `viewBox="min-x min-y width height"`.
fn view_box(value: &str) -> Option<(f64, f64)> {
    let numbers: Vec<f64> = value
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match numbers[..] {
        [_, _, w, h] if w > 0.0 && h > 0.0 => Some((w, h)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::size;

    #[test]
    fn sizes_of_svg_files() {
        let cases: [(&str, Option<(u32, u32)>); 9] = [
            (
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150"/>"#,
                Some((300, 150)),
            ),
            (
                r#"<svg width="120" height="60px" viewBox="0 0 10 10">"#,
                Some((120, 60)),
            ),
            (
                r#"<svg width="120" viewBox="0,0,300,150">"#,
                Some((120, 60)),
            ),
            (
                r#"<?xml version="1.0"?><!-- <svgish> --><svg stroke-width='3' viewBox='0 0 4 3'>"#,
                Some((4, 3)),
            ),
            (
                r#"<svg width="100%" height="100%" viewBox="0 0 90 60">"#,
                Some((90, 60)),
            ),
            (r#"<svg width="100%" height="100%">"#, None),
            (r#"<svg viewBox="0 0 0 10">"#, None),
            ("not an svg", None),
            (r#"<svg viewBox="0 0 4 3" width="8"#, None),
        ];
        for (text, expected) in cases {
            assert_eq!(size(text.as_bytes()), expected, "{text}");
        }
    }
}
