//! Text helpers shared by every stage: escaping for HTML and XML, accent
//! folding, URL segments, sort keys and CSV rows. They know nothing of the site.

/// Escapes text for XML content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// A URL segment from a name: `Québec (Canada)` → `quebec-canada`.
pub fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for c in name.chars().flat_map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// The unaccented letters of a Latin letter (`é` → `e`, `œ` → `oe`).
pub fn fold_accent(c: char) -> impl Iterator<Item = char> {
    let folded: &str = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "A",
        'ç' => "c",
        'Ç' => "C",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'È' | 'É' | 'Ê' | 'Ë' => "E",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' => "I",
        'ñ' => "n",
        'Ñ' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "O",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' => "U",
        'ý' | 'ÿ' => "y",
        'œ' => "oe",
        'Œ' => "OE",
        'æ' => "ae",
        'Æ' => "AE",
        'ß' => "ss",
        _ => "",
    };
    let single = folded.is_empty().then_some(c);
    single.into_iter().chain(folded.chars())
}

/// A sort key that ignores case and accents: `Éducation` sorts with `education`.
pub fn sort_key(text: &str) -> String {
    text.chars()
        .flat_map(fold_accent)
        .flat_map(char::to_lowercase)
        .collect()
}

/// Appends one CSV row, each cell quoted when it needs to be, ended by
/// CRLF: the data export and the spreadsheet export write it. A cell a
/// spreadsheet would run as a formula is neutralised.
pub fn write_csv_row(out: &mut String, cells: &[String], delimiter: char) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(delimiter);
        }
        let cell = neutralise_formula(cell);
        if cell.contains([delimiter, '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}

/// The host an address loads from when it is another site's
/// (`https://cdn.example/a.png`, `//cdn.example/a.png`), lower case;
/// `None` for an address of the site itself.
pub fn external_host(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = ["https://", "http://", "//"]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map(|p| &url[p.len()..])?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = match host.rsplit_once(':') {
        Some((name, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// The addresses raw HTML loads from: the values of its `src` attributes
/// (`<img>`, `<iframe>`, `<script>`, `<video>`…), quoted or not.
pub fn html_sources(html: &str) -> Vec<&str> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    for (at, _) in lower.match_indices("src") {
        let before = lower[..at].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let rest = lower[at + 3..].trim_start();
        let Some(value) = rest.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let start = html.len() - value.len();
        let (start, end) = match value.chars().next() {
            Some(q @ ('"' | '\'')) => (start + 1, value[1..].find(q).map(|e| start + 1 + e)),
            _ => (
                start,
                value
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .map(|e| start + e),
            ),
        };
        found.push(&html[start..end.unwrap_or(html.len())]);
    }
    found
}

/// Whether a spreadsheet would run `cell` as a formula: it starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's list), or is
/// such a cell already neutralised, so that restoring is exact.
fn formula_like(cell: &str) -> bool {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => true,
        Some('\'') => formula_like(&cell[1..]),
        _ => false,
    }
}

/// `cell` as it can be opened safely in a spreadsheet: a formula-like
/// cell gets a leading `'`, which spreadsheets read as "text".
pub fn neutralise_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if formula_like(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// The inverse of [`neutralise_formula`]: the cell as it was.
pub fn restore_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => cell,
    }
}

/// The byte offset of the first control character of `text` other than a
/// line break or a tab (what `char::is_control` calls control: U+0000 to
/// U+001F, U+007F to U+009F), read byte by byte: it runs over every source
/// file of a build.
pub fn find_control(text: &str) -> Option<usize> {
    // Where one starts: a byte below 0x20 but a line break or a tab, DEL,
    // or C2 followed by 80 to 9F (U+0080 to U+009F; other C2 pairs, a
    // no-break space or « », are letters of a text). Checked 64 bytes at a
    // time, each with the next one, without a branch (the compiler makes
    // vector instructions of it); then one by one in the block that holds it.
    let starts = |b: u8, next: u8| {
        ((b < 0x20) & (b != b'\n') & (b != b'\t'))
            | (b == 0x7f)
            | ((b == 0xc2) & (next & 0xe0 == 0x80))
    };
    let bytes = text.as_bytes();
    let at = |at: usize| starts(bytes[at], bytes.get(at + 1).copied().unwrap_or(0));
    let mut start = 0;
    while start + 65 <= bytes.len() {
        let block = &bytes[start..start + 64];
        let next = &bytes[start + 1..start + 65];
        if block
            .iter()
            .zip(next)
            .fold(false, |any, (&b, &n)| any | starts(b, n))
        {
            return (start..start + 64).find(|&i| at(i));
        }
        start += 64;
    }
    (start..bytes.len()).find(|&i| at(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_external_addresses() {
        let cases = [
            ("https://CDN.example.org/a.png", Some("cdn.example.org")),
            ("http://user@host.example:8080/x", Some("host.example")),
            ("//static.example/x.js?v=1", Some("static.example")),
            ("../../media/a.png", None),
            ("/media/a.png", None),
            ("mailto:a@b.example", None),
        ];
        for (url, host) in cases {
            assert_eq!(external_host(url).as_deref(), host, "{url}");
        }
        let html = "<img alt=x SRC=\"https://a.example/i.png\"><iframe src='//b.example/v'></iframe>\
                    <script src=https://c.example/s.js></script><p data-src=\"https://no.example\">";
        assert_eq!(
            html_sources(html),
            [
                "https://a.example/i.png",
                "//b.example/v",
                "https://c.example/s.js"
            ]
        );
    }

    #[test]
    fn formulas_are_neutralised_and_restored_exactly() {
        for cell in [
            "=1+1", "+33 1", "-5", "@SUM(A1)", "\tx", "\rx", "'=x", "''-x",
        ] {
            let safe = neutralise_formula(cell);
            assert!(safe.starts_with('\''), "{cell:?}");
            assert_eq!(restore_formula(&safe), cell);
        }
        for cell in ["plain", "'quoted", "", "a=b", "'"] {
            assert_eq!(neutralise_formula(cell), cell);
            assert_eq!(restore_formula(cell), cell);
        }
    }

    #[test]
    fn slugs_fold_accents_and_punctuation() {
        let cases = [
            ("Québec (Canada)", "quebec-canada"),
            ("Côte d’Ivoire", "cote-d-ivoire"),
            ("Émirats Arabes Unis", "emirats-arabes-unis"),
            ("Œuvre", "oeuvre"),
        ];
        for (name, slug) in cases {
            assert_eq!(slugify(name), slug);
        }
    }

    #[test]
    fn sort_keys_ignore_case_and_accents() {
        assert_eq!(sort_key("Éducation"), sort_key("education"));
        assert!(sort_key("Œuvre") < sort_key("Page"));
    }

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
    }

    #[test]
    fn find_control_agrees_with_is_control() {
        let samples = [
            "",
            "plain text\n\twith a tab",
            "a\u{7}b",
            "\u{1b}[31m",
            "x\u{7f}",
            "« no-break\u{a0}space »",
            "é\u{85}next line",
            "\u{9f}",
            "ends with \u{c2}\u{a0}",
            "\r",
            "\u{80}",
            "\u{a0}\u{9c}",
        ];
        for s in samples {
            let expected = s.find(|c: char| c.is_control() && c != '\n' && c != '\t');
            assert_eq!(find_control(s), expected, "{s:?}");
        }
        // Every character up to U+0800, alone and after a two-byte letter.
        for c in (0..0x800).filter_map(char::from_u32) {
            for s in [c.to_string(), format!("é{c}")] {
                let expected = s.find(|c: char| c.is_control() && c != '\n' && c != '\t');
                assert_eq!(find_control(&s), expected, "{s:?}");
            }
        }
        // Across the 64-byte blocks: before, on and after their edges,
        // after letters of two bytes (whose C2 must not be taken for one).
        for c in ['\u{1}', '\u{7f}', '\u{85}', '\u{a0}', '«', '\u{9f}', '\r'] {
            for at in [0, 1, 62, 63, 64, 65, 127, 128, 129, 190] {
                for fill in ["a", "\u{a0}"] {
                    let before = fill.repeat(at / fill.len());
                    let s = format!("{before}{c}{}", "é ».".repeat(40));
                    let expected = s.find(|c: char| c.is_control() && c != '\n' && c != '\t');
                    assert_eq!(
                        find_control(&s),
                        expected,
                        "{c:?} after {at} bytes of {fill:?}"
                    );
                }
            }
        }
    }
}
