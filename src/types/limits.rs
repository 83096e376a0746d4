//! The bounds on the work any input may cost: how deep a text may nest,
//! and the default sizes of a content file, a spreadsheet cell and an
//! image (a site may change the sizes in `site.yaml`, under `limits:`).

/// The deepest nesting accepted, in YAML (brackets, braces, indentation)
/// and in Markdown (quotes, lists, emphasis): no catalogue nests more than
/// a few levels, and the parsers' time grows fast with depth.
pub const MAX_DEPTH: usize = 64;

/// The largest sizes, in bytes, of what a build reads: beyond them a file
/// is refused with an error rather than read whole into memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A content file (Markdown or YAML).
    pub content_file: u64,
    /// One cell of an imported spreadsheet.
    pub cell: u64,
    /// An image (logo, flag).
    pub image: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            content_file: 2 << 20,
            cell: 64 << 10,
            image: 20 << 20,
        }
    }
}

/// A size as written in `site.yaml`: a number and a unit, in English or
/// French (`2 MB`, `2 Mo`, `500 KB`, `500 ko`, `1.5 MB`, `100 B`).
pub fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let unit = match unit.trim().to_lowercase().as_str() {
        "b" | "o" => 1.0,
        "kb" | "ko" => 1024.0,
        "mb" | "mo" => 1024.0 * 1024.0,
        "gb" | "go" => 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    let bytes = number * unit;
    (1.0..1e15).contains(&bytes).then_some(bytes as u64)
}

/// A size in words: `2 MB` / `2 Mo` style, for messages.
pub fn show_size(bytes: u64) -> (String, String) {
    let (value, en, fr) = match bytes {
        b if b >= 1 << 20 => (b as f64 / f64::from(1 << 20), "MB", "Mo"),
        b if b >= 1 << 10 => (b as f64 / 1024.0, "KB", "Ko"),
        b => (b as f64, "bytes", "octets"),
    };
    let value = format!("{:.1}", value)
        .trim_end_matches('0')
        .trim_end_matches('.')
        .to_string();
    (
        format!("{value} {en}"),
        format!("{} {fr}", value.replace('.', ",")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_read_in_english_and_french() {
        assert_eq!(parse_size("2 MB"), Some(2 << 20));
        assert_eq!(parse_size("2 Mo"), Some(2 << 20));
        assert_eq!(parse_size("500ko"), Some(500 << 10));
        assert_eq!(parse_size("1.5 MB"), Some(3 << 19));
        for bad in ["", "MB", "2", "2 MiB", "-1 MB", "0 MB", "1e99 GB"] {
            assert_eq!(parse_size(bad), None, "{bad}");
        }
        assert_eq!(show_size(3 << 19), ("1.5 MB".into(), "1,5 Mo".into()));
        assert_eq!(show_size(64 << 10).0, "64 KB");
    }
}
