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

#[cfg(test)]
mod tests {
    use super::*;

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
}
