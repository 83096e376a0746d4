//! How deep YAML nests, measured in one pass before it is parsed.
//!
//! The YAML parser's time grows with the square of the nesting depth
//! (100,000 `[` took 26 s), and no content of a catalogue nests more than a
//! few levels; so a text nesting deeper than [`MAX_DEPTH`] is refused, at
//! the place where it goes too deep, before the parser sees it.
//!
//! The count is of block levels (indentation, and `- ` or `? ` written on
//! one line) and flow levels (`[` and `{` where a value starts, every one
//! inside a flow collection); quoted text, comments and block scalars
//! (`|`, `>`) do not count. It may count a level the parser would not (a
//! bracket in a plain value): only texts absurdly deep for a catalogue are
//! refused either way.

use crate::types::limits::MAX_DEPTH;

/// Where `yaml` first nests deeper than [`MAX_DEPTH`]: a 1-based line of
/// `yaml` and a 1-based column in characters.
#[cfg(test)]
fn too_deep(yaml: &str) -> Option<(usize, usize)> {
    scan(yaml).0
}

/// A 1-based line and column.
pub type Place = (usize, usize);

/// Where `yaml` first nests too deep, and where a double-quoted text first
/// writes a control character as an escape (`"\0"`, `"\e"`, `"\u001B"`);
/// each a 1-based line and column.
pub fn scan(yaml: &str) -> (Option<Place>, Option<Place>) {
    if plainly_shallow(yaml) {
        return (None, None);
    }
    full_scan(yaml)
}

fn full_scan(yaml: &str) -> (Option<Place>, Option<Place>) {
    let mut scan = Scan::default();
    for (number, line) in yaml.split('\n').enumerate() {
        scan.number = number + 1;
        if let Some(column) = scan.line(line.strip_suffix('\r').unwrap_or(line)) {
            return (Some((number + 1, column)), scan.control);
        }
    }
    (None, scan.control)
}

/// Whether `yaml` can neither nest deeper than [`MAX_DEPTH`] nor escape a
/// control character, known from its bytes alone (most front matter): no
/// backslash, and few brackets and shallow line starts. The block levels
/// open at strictly increasing columns, each at most one past the line's
/// leading run of spaces, `-` and `?`, so they number at most that run's
/// longest length plus two; each flow level needs a bracket of its own.
fn plainly_shallow(yaml: &str) -> bool {
    // Byte searches (memchr) rather than a loop over every byte: this
    // runs over every front matter of a build.
    let bytes = yaml.as_bytes();
    if memchr::memchr(b'\\', bytes).is_some() {
        return false;
    }
    let brackets = memchr::memchr2_iter(b'[', b'{', bytes).count();
    let line_starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|at| at + 1));
    let widest_start = line_starts
        .map(|start| {
            bytes[start..]
                .iter()
                .take_while(|&&b| matches!(b, b' ' | b'-' | b'?'))
                .count()
        })
        .max()
        .unwrap_or(0);
    widest_start + 2 + brackets <= MAX_DEPTH
}

/// Whether the escape after a `\` in a double-quoted YAML text (`rest`)
/// stands for a control character other than a tab or a line break.
fn escapes_control(rest: &[char]) -> bool {
    let hex = |n: usize| {
        let digits: String = rest.get(1..=n)?.iter().collect();
        char::from_u32(u32::from_str_radix(&digits, 16).ok()?)
    };
    let c = match rest.first() {
        Some('0' | 'a' | 'b' | 'e' | 'f' | 'r' | 'v' | 'N') => return true,
        Some('x') => hex(2),
        Some('u') => hex(4),
        Some('U') => hex(8),
        _ => None,
    };
    c.is_some_and(|c| c.is_control() && c != '\n' && c != '\t')
}

#[derive(Default)]
struct Scan {
    /// The indentation of each open block level.
    blocks: Vec<usize>,
    /// Open `[` and `{`.
    flow: usize,
    /// Inside a quoted text that goes on past the end of a line.
    quote: Option<char>,
    /// In a block scalar: the indentation of the line that opened it.
    literal: Option<usize>,
    /// The line being read, 1-based.
    number: usize,
    /// The first control character written as an escape.
    control: Option<(usize, usize)>,
}

impl Scan {
    /// Reads one line; `Some(column)`: nesting goes too deep there.
    fn line(&mut self, line: &str) -> Option<usize> {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = line[indent..].trim_end();
        if let Some(opened) = self.literal {
            if rest.is_empty() || indent > opened {
                return None;
            }
            self.literal = None;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut at = line[..indent].chars().count();
        if self.flow == 0 && self.quote.is_none() {
            if rest.is_empty() || rest.starts_with('#') {
                return None;
            }
            while self.blocks.last().is_some_and(|&open| open >= at) {
                self.blocks.pop();
            }
            self.blocks.push(at);
            // `- - x`, `? - x`: a level for each indicator on the line.
            while matches!(chars.get(at), Some('-' | '?'))
                && chars.get(at + 1).is_none_or(|c| *c == ' ')
            {
                at += 2;
                while chars.get(at) == Some(&' ') {
                    at += 1;
                }
                self.blocks.push(at);
                if self.depth() > MAX_DEPTH {
                    return Some(at + 1);
                }
            }
            if self.depth() > MAX_DEPTH {
                return Some(at + 1);
            }
        }
        self.rest(&chars, at, indent)
    }

    fn depth(&self) -> usize {
        self.blocks.len() + self.flow
    }

    /// The characters of a line from `at`: quotes, comments, brackets.
    fn rest(&mut self, chars: &[char], mut at: usize, indent: usize) -> Option<usize> {
        // The last significant character before `at`, for where a value starts.
        let mut last: Option<char> = None;
        while let Some(&c) = chars.get(at) {
            let before = at.checked_sub(1).map(|i| chars[i]);
            let spaced = before.is_none_or(|b| b == ' ' || b == '\t');
            match (self.quote, c) {
                (Some('\''), '\'') if chars.get(at + 1) == Some(&'\'') => at += 1,
                (Some('"'), '\\') => {
                    if self.control.is_none() && escapes_control(&chars[at + 1..]) {
                        self.control = Some((self.number, at + 1));
                    }
                    at += 1;
                }
                (Some(q), c) if c == q => self.quote = None,
                (Some(_), _) => {}
                (None, '#') if spaced => break,
                (None, '\'' | '"') if spaced || matches!(before, Some('[' | '{' | ',')) => {
                    self.quote = Some(c)
                }
                (None, '[' | '{') => {
                    let value_starts =
                        matches!(last, None | Some(':' | '-' | '?' | ',' | '[' | '{'));
                    if self.flow > 0 || (spaced && value_starts) {
                        self.flow += 1;
                        if self.depth() > MAX_DEPTH {
                            return Some(at + 1);
                        }
                    }
                }
                (None, ']' | '}') if self.flow > 0 => self.flow -= 1,
                _ => {}
            }
            if c != ' ' && c != '\t' {
                last = Some(c);
            }
            at += 1;
        }
        if self.flow == 0 {
            // A quote left open in a block value is a plain apostrophe.
            self.quote = None;
            let end = chars.iter().rposition(|c| *c != ' ' && *c != '\t');
            let token = end.map_or(&chars[..0], |end| {
                let start = chars[..end]
                    .iter()
                    .rposition(|c| *c == ' ')
                    .map_or(0, |i| i + 1);
                &chars[start..=end]
            });
            let opens_literal = matches!(token.first(), Some('|' | '>'))
                && token[1..]
                    .iter()
                    .all(|c| matches!(c, '-' | '+' | '0'..='9'));
            if opens_literal {
                self.literal = Some(indent);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_test_never_skips_a_finding() {
        // Texts of the characters that matter, at the edge of the limit:
        // whenever the byte test says "shallow", the full scan agrees.
        let alphabet = [
            " ", "- ", "? ", "[", "{", "]", "}", "a: ", "\n", "\"", "'", "#", "|\n", "x",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut skipped = 0;
        for _ in 0..20_000 {
            let mut yaml = String::new();
            for _ in 0..(seed % 160) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                yaml.push_str(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            if plainly_shallow(&yaml) {
                skipped += 1;
                assert_eq!(full_scan(&yaml), (None, None), "{yaml:?}");
            }
        }
        assert!(
            skipped > 1000,
            "the byte test let only {skipped} texts through"
        );
    }

    #[test]
    fn ordinary_yaml_is_shallow() {
        let yaml = "title: L'école [Liège] {x}\nmembers:\n  - {institution: helmo, role: partner}\n  - - a\n    - b\nbody: |\n  - - - - [[[[\n  {{{{\nnote: 'a [ in quotes' # [ in a comment\n";
        assert_eq!(too_deep(yaml), None);
    }

    #[test]
    fn control_characters_written_as_escapes_are_found() {
        for (yaml, at) in [
            ("a: \"x\\0\"\n", Some((1, 6))),
            ("a: ok\nb: [\"\\u001B[2J\"]\n", Some((2, 6))),
            ("a: \"tab\\t, line\\n, \\u00e9, \\\\0\"\n", None),
            ("a: '\\0 in single quotes is text'\n", None),
        ] {
            assert_eq!(scan(yaml).1, at, "{yaml}");
        }
    }

    #[test]
    fn deep_flow_block_and_dash_nesting_is_located() {
        let flow = "a: ".to_string() + &"[".repeat(100_000);
        assert_eq!(too_deep(&flow), Some((1, 3 + MAX_DEPTH)));
        let maps = "{a: ".repeat(100_000);
        assert_eq!(too_deep(&maps), Some((1, 4 * (MAX_DEPTH - 1) + 1)));
        let dashes = "x:\n".to_string() + &"- ".repeat(200);
        assert_eq!(too_deep(&dashes).map(|p| p.0), Some(2));
        let mut blocks = String::new();
        for i in 0..100 {
            blocks.push_str(&format!("{}k{i}:\n", " ".repeat(i)));
        }
        assert_eq!(too_deep(&blocks), Some((MAX_DEPTH + 1, MAX_DEPTH + 1)));
        let shallow = "a: ".to_string() + &"[".repeat(MAX_DEPTH - 1) + &"]".repeat(MAX_DEPTH - 1);
        assert_eq!(too_deep(&shallow), None);
    }
}
