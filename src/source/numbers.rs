//! Numbers as people write them (`50.000,50`, `15 000 €`, `1,5`, `12k€`)
//! read back into the form to write in YAML (`50000.50`, `15000`, `1.5`,
//! `12000`), for the hint of a message: a number is never guessed into the
//! site, only suggested to the editor.

/// The canonical form of a number written with thousands separators, a
/// decimal comma, a currency or a `k`; `None` if it is no number.
pub fn canonical(written: &str) -> Option<String> {
    let mut text: String = written
        .trim()
        .trim_end_matches(['€', '$', '£'])
        .trim_start_matches(['€', '$', '£'])
        .trim()
        .to_string();
    for unit in ["EUR", "eur", "euros", "euro", "CAD", "USD"] {
        if let Some(rest) = text.strip_suffix(unit) {
            text = rest.trim_end().to_string();
        }
    }
    text = text
        .trim_end_matches(['€', '$'])
        .trim_end()
        .trim_end_matches([',', '.', '-'])
        .trim_end()
        .to_string();
    let factor = match text.chars().last() {
        Some('k' | 'K') => 1e3,
        Some('M') => 1e6,
        _ => 1.0,
    };
    let text: String = text
        .trim_end_matches(['k', 'K', 'M'])
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’'))
        .collect();
    if text.is_empty()
        || !text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let plain = plain_number(&text)?;
    let value: f64 = plain.parse().ok()?;
    Some(if factor > 1.0 {
        format_number((value * factor).round())
    } else {
        plain
    })
}

/// `50.000,50` → `50000.50`: the last separator is the decimal one,
/// unless it is followed by exactly three digits and is the only kind.
fn plain_number(text: &str) -> Option<String> {
    let Some(last) = text.rfind(['.', ',']) else {
        return Some(text.to_string());
    };
    let (whole, decimals) = (&text[..last], &text[last + 1..]);
    let separator = text[last..].chars().next()?;
    let other = if separator == '.' { ',' } else { '.' };
    let thousands_only = !text.contains(other)
        && (decimals.len() == 3 && (text.matches(separator).count() > 1 || separator == ','));
    if thousands_only && whole.split(separator).skip(1).all(|g| g.len() == 3) {
        return Some(text.replace(separator, ""));
    }
    if decimals.is_empty() || decimals.contains(['.', ',']) {
        return None;
    }
    let whole: String = whole.chars().filter(char::is_ascii_digit).collect();
    let whole = if whole.is_empty() {
        "0".to_string()
    } else {
        whole
    };
    Some(format!("{whole}.{decimals}"))
}

fn format_number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::canonical;

    #[test]
    fn numbers_as_people_write_them() {
        for (written, canonical_form) in [
            ("50.000,50", Some("50000.50")),
            ("50 000,50 €", Some("50000.50")),
            ("15 000 €", Some("15000")),
            ("15\u{202f}000", Some("15000")),
            ("1,5", Some("1.5")),
            ("15,000", Some("15000")),
            ("1.250.000", Some("1250000")),
            ("12k€", Some("12000")),
            ("1,5 M€", Some("1500000")),
            ("15000.-", Some("15000")),
            ("15000 EUR", Some("15000")),
            ("environ 15000", None),
            ("", None),
        ] {
            assert_eq!(canonical(written).as_deref(), canonical_form, "{written}");
        }
    }
}
