//! `appearance:` in site.yaml: the theme's colours, the logo in the header
//! and links added to the footer, without copying the theme.
//!
//! Colours end up inside a `<style>` element, so only hexadecimal colours
//! are accepted: nothing else written in site.yaml can reach the page's
//! CSS or HTML.

use std::collections::BTreeMap;
use std::path::{Component, Path};

use serde::Deserialize;

use super::report::{is_http, LangText, Report};
use crate::text;

/// The colours a site may set, each the CSS custom property of the same
/// name (`accent_dark` → `--accent-dark`) in the default theme's
/// stylesheet.
pub const COLOR_NAMES: [&str; 8] = [
    "accent",
    "accent_dark",
    "accent_soft",
    "ink",
    "muted",
    "line",
    "paper",
    "band",
];

/// `appearance:` as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAppearance {
    /// A colour left unquoted (`accent: #0b5c8c`) is a YAML comment, and
    /// so arrives empty: it gets its own message.
    #[serde(default)]
    colors: BTreeMap<String, Option<String>>,
    logo: Option<String>,
    #[serde(default)]
    footer_links: Vec<FooterLink>,
}

/// A link of every page's footer: `{label: {fr: …, en: …}, url: …}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FooterLink {
    pub label: LangText,
    pub url: String,
}

/// The header's logo, a file of `content/media/`, with its size in pixels
/// so that the page does not move while it loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub file: String,
    pub width: u32,
    pub height: u32,
}

/// The appearance settings, checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Appearance {
    /// (CSS custom property without `--`, `#rrggbb`), in [`COLOR_NAMES`]
    /// order.
    pub colors: Vec<(String, String)>,
    pub logo: Option<Logo>,
    pub footer_links: Vec<FooterLink>,
}

pub(super) fn check(
    raw: RawAppearance,
    root: &Path,
    languages: &[String],
    report: &mut Report,
) -> Appearance {
    let colors = check_colors(&raw.colors, report);
    let logo = raw.logo.and_then(|file| check_logo(root, file, report));
    check_footer_links(&raw.footer_links, languages, report);
    Appearance {
        colors,
        logo,
        footer_links: raw.footer_links,
    }
}

/// Known names, hexadecimal values; `#abc` is written `#aabbcc`.
fn check_colors(
    colors: &BTreeMap<String, Option<String>>,
    report: &mut Report,
) -> Vec<(String, String)> {
    for (name, value) in colors {
        let field = format!("appearance.colors.{name}");
        if !COLOR_NAMES.contains(&name.as_str()) {
            let known = COLOR_NAMES.join("`, `");
            report.error(
                &field,
                name,
                text!("unknown colour `{name}`", "couleur inconnue `{name}`"),
                crate::diagnostics::suggest(name, COLOR_NAMES).or(Some(text!(
                    "the colours are `{known}`",
                    "les couleurs sont `{known}`"
                ))),
            );
            continue;
        }
        match value.as_deref() {
            None => report.error(
                &field,
                name,
                text!(
                    "the colour `{name}` is empty",
                    "la couleur `{name}` est vide"
                ),
                Some(text!(
                    "write the colour in quotes, like `{name}: \"#0b5c8c\"`: without them, YAML reads `#` as the start of a comment",
                    "écrivez la couleur entre guillemets, comme `{name}: \"#0b5c8c\"` : sans eux, YAML lit `#` comme le début d'un commentaire"
                )),
            ),
            Some(value) if hex_color(value).is_none() => report.error(
                &field,
                value,
                text!(
                    "expected a colour written `#rrggbb`, found `{value}`",
                    "attendu : une couleur écrite `#rrvvbb` ; trouvé : `{value}`"
                ),
                Some(text!(
                    "write six hexadecimal digits (0-9, a-f) after `#`, like `\"#0b5c8c\"`",
                    "écrivez six chiffres hexadécimaux (0-9, a-f) après `#`, comme `\"#0b5c8c\"`"
                )),
            ),
            Some(_) => {}
        }
    }
    COLOR_NAMES
        .iter()
        .filter_map(|name| {
            let value = colors.get(*name)?.as_deref().and_then(hex_color)?;
            Some((name.replace('_', "-"), value))
        })
        .collect()
}

/// `#rgb` or `#rrggbb`, given back as lower-case `#rrggbb`.
pub fn hex_color(value: &str) -> Option<String> {
    let digits = value.strip_prefix('#')?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let digits = digits.to_ascii_lowercase();
    match digits.len() {
        6 => Some(format!("#{digits}")),
        3 => Some(
            digits
                .chars()
                .flat_map(|c| [c, c])
                .fold(String::from("#"), |mut s, c| {
                    s.push(c);
                    s
                }),
        ),
        _ => None,
    }
}

/// A PNG, JPEG or SVG file of `content/media/`, whose size can be read.
fn check_logo(root: &Path, file: String, report: &mut Report) -> Option<Logo> {
    let path = Path::new(&file);
    let inside =
        !path.is_absolute() && !path.components().any(|c| matches!(c, Component::ParentDir));
    let bytes = inside
        .then(|| std::fs::read(root.join("content/media").join(path)).ok())
        .flatten();
    let Some(bytes) = bytes else {
        report.error(
            "appearance.logo",
            &file,
            text!(
                "no file `{file}` in `content/media/`",
                "aucun fichier `{file}` dans `content/media/`"
            ),
            Some(text!(
                "file names are relative to `content/media/`, like `logos/institute.svg`",
                "les noms de fichiers partent de `content/media/`, comme `logos/institut.svg`"
            )),
        );
        return None;
    };
    match image_size(&file, &bytes) {
        Some((width, height)) => Some(Logo {
            file,
            width,
            height,
        }),
        None => {
            report.error(
                "appearance.logo",
                &file,
                text!(
                    "cannot read the size of `{file}`",
                    "impossible de lire la taille de `{file}`"
                ),
                Some(text!(
                    "use a PNG, JPEG or SVG file (an SVG needs `width` and `height`, or a `viewBox`)",
                    "utilisez un fichier PNG, JPEG ou SVG (un SVG doit avoir `width` et `height`, ou un `viewBox`)"
                )),
            );
            None
        }
    }
}

/// The size in pixels of a PNG, JPEG or SVG image.
fn image_size(file: &str, bytes: &[u8]) -> Option<(u32, u32)> {
    let be32 = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    if bytes.len() >= 24 && bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some((be32(&bytes[16..20]), be32(&bytes[20..24]))).filter(|&(w, h)| w > 0 && h > 0);
    }
    if bytes.starts_with(&[0xff, 0xd8]) {
        return jpeg_size(bytes);
    }
    if file.to_ascii_lowercase().ends_with(".svg") {
        return svg_size(std::str::from_utf8(bytes).ok()?);
    }
    None
}

/// The size in a JPEG's start-of-frame segment.
fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut i = 2;
    while i + 9 < bytes.len() {
        if bytes[i] != 0xff {
            return None;
        }
        let marker = bytes[i + 1];
        let length = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        let is_frame = matches!(marker, 0xc0..=0xcf) && !matches!(marker, 0xc4 | 0xc8 | 0xcc);
        if is_frame {
            let height = u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]) as u32;
            let width = u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]) as u32;
            return (width > 0 && height > 0).then_some((width, height));
        }
        i += 2 + length;
    }
    None
}

/// `width` and `height` of the root `<svg>` element, or its `viewBox`.
fn svg_size(text: &str) -> Option<(u32, u32)> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let attr = |name: &str| {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        tag[at..].split('"').next()
    };
    let number = |s: &str| -> Option<f64> { s.trim().trim_end_matches("px").parse().ok() };
    let size = match (
        attr("width").and_then(number),
        attr("height").and_then(number),
    ) {
        (Some(w), Some(h)) => (w, h),
        _ => {
            let parts: Vec<f64> = attr("viewBox")?
                .split([' ', ','])
                .filter(|p| !p.is_empty())
                .filter_map(|p| p.parse().ok())
                .collect();
            (*parts.get(2)?, *parts.get(3)?)
        }
    };
    let (w, h) = (size.0.round() as u32, size.1.round() as u32);
    (w > 0 && h > 0).then_some((w, h))
}

/// A label in every language, and an http(s) or `mailto:` address.
fn check_footer_links(links: &[FooterLink], languages: &[String], report: &mut Report) {
    for (i, link) in links.iter().enumerate() {
        let url = &link.url;
        let mailto = url
            .strip_prefix("mailto:")
            .is_some_and(super::legal::is_contact);
        if !is_http(url) && !mailto {
            report.error(
                &format!("appearance.footer_links[{i}].url"),
                url,
                text!(
                    "expected an http(s) or `mailto:` address, found `{url}`",
                    "attendu : une adresse http(s) ou `mailto:` ; trouvé : `{url}`"
                ),
                Some(text!(
                    "write a full address, like `https://example.org/contact/`",
                    "écrivez une adresse complète, comme `https://example.org/contact/`"
                )),
            );
        }
        for lang in languages.iter().filter(|l| !link.label.contains_key(*l)) {
            report.error(
                &format!("appearance.footer_links[{i}].label"),
                url,
                text!(
                    "this footer link has no label in `{lang}`",
                    "ce lien de pied de page n'a pas de libellé en `{lang}`"
                ),
                Some(text!(
                    "write `label: {{fr: …, en: …}}`",
                    "écrivez `label: {{fr: …, en: …}}`"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hexadecimal_colours_pass() {
        let cases = [
            ("#0B5C8C", Some("#0b5c8c")),
            ("#abc", Some("#aabbcc")),
            ("#12345g", None),
            ("red", None),
            ("#1234", None),
            ("red;}</style><script>", None),
            ("#123456;}</style>", None),
        ];
        for (value, expected) in cases {
            assert_eq!(hex_color(value).as_deref(), expected, "{value}");
        }
    }

    #[test]
    fn image_sizes_are_read_from_the_file() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(120u32.to_be_bytes());
        png.extend(40u32.to_be_bytes());
        assert_eq!(image_size("a.png", &png), Some((120, 40)));
        let svg = r#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100">"#;
        assert_eq!(image_size("a.svg", svg.as_bytes()), Some((300, 100)));
        let svg = r#"<svg width="64px" height="32" viewBox="0 0 1 1">"#;
        assert_eq!(image_size("a.svg", svg.as_bytes()), Some((64, 32)));
        let jpeg = [
            0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 50, 0, 80, 3, 0, 0, 0,
        ];
        assert_eq!(image_size("a.jpg", &jpeg), Some((80, 50)));
        assert_eq!(image_size("a.gif", b"GIF89a"), None);
    }
}
