//! The typing habits that break YAML, found in the text itself before the
//! YAML library's own message is shown: a tab or an invisible space
//! (pasted from Word) in the indentation, a missing space after `:`, a
//! list written with `•`, Word's curly quotes, a number written with a
//! decimal comma inside `{…}`.
//!
//! Only read when parsing failed, so a valid file costs nothing: the
//! library's error is then replaced by the editor's mistake, on its own
//! line and column, with the fix. A "weak" mistake (curly quotes, a comma
//! in a number) is harmless elsewhere and counts only on the line the
//! library stopped at.

use crate::diagnostics::Text;
use crate::text;

/// One mistake of the editor, located in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    /// 1-based line of the file and character column.
    pub line: usize,
    pub column: usize,
    pub message: Text,
    pub hint: Text,
    /// Counts only if the library stopped on this line.
    weak: bool,
}

/// The first mistake of `yaml` (whose first line is `first_line` of the
/// file) that explains an error the library reported at `error_line`.
pub fn explain(yaml: &str, first_line: usize, error_line: Option<usize>) -> Option<Mistake> {
    yaml.lines()
        .enumerate()
        .filter_map(|(i, line)| line_mistake(line, first_line + i))
        .find(|m| !m.weak || error_line.is_none_or(|l| l == m.line))
}

/// A space that YAML does not take for one, by its name.
fn invisible(c: char) -> Option<(&'static str, &'static str)> {
    Some(match c {
        '\u{a0}' => ("a non-breaking space", "une espace insécable"),
        '\u{202f}' => ("a narrow non-breaking space", "une espace fine insécable"),
        '\u{2007}' | '\u{2002}'..='\u{200a}' | '\u{3000}' => {
            ("a typographic space", "une espace typographique")
        }
        '\u{200b}' => (
            "an invisible zero-width space",
            "une espace invisible de largeur nulle",
        ),
        '\u{2060}' => (
            "an invisible word joiner",
            "un caractère invisible (gluon de mots)",
        ),
        '\u{feff}' => (
            "an invisible byte order mark (BOM)",
            "une marque d'ordre des octets (BOM) invisible",
        ),
        '\u{ad}' => (
            "an invisible soft hyphen",
            "un trait d'union conditionnel invisible",
        ),
        _ => return None,
    })
}

fn line_mistake(line: &str, number: usize) -> Option<Mistake> {
    let strong = |column: usize, (message, hint): (Text, Text)| Mistake {
        line: number,
        column,
        message,
        hint,
        weak: false,
    };
    let indent: Vec<char> = line
        .chars()
        .take_while(|c| c.is_whitespace() || invisible(*c).is_some())
        .collect();
    if let Some(i) = indent.iter().position(|c| *c == '\t') {
        let column = i + 1;
        return Some(strong(column, tab(column)));
    }
    if let Some((i, name)) = indent
        .iter()
        .enumerate()
        .find_map(|(i, c)| invisible(*c).map(|n| (i, n)))
    {
        return Some(strong(i + 1, invisible_space(name, i + 1, "indentation")));
    }
    let rest: String = line.chars().skip(indent.len()).collect();
    let at = indent.len() + 1;
    if let Some(bullet) = rest.chars().next().filter(|c| "•◦▪●·–—".contains(*c)) {
        return Some(strong(at, list_bullet(bullet)));
    }
    let item = rest.strip_prefix("- ").unwrap_or(&rest);
    let at = at + rest.chars().count() - item.chars().count();
    if let Some(m) = key_mistake(item, at) {
        return Some(strong(m.0, m.1));
    }
    if let Some((column, explained)) = flow_mistake(line) {
        return Some(strong(column, explained));
    }
    let weak = |column: usize, (message, hint): (Text, Text)| Mistake {
        weak: true,
        ..strong(column, (message, hint))
    };
    if let Some((column, explained)) = curly_quotes(line) {
        return Some(weak(column, explained));
    }
    decimal_comma_in_braces(line).map(|(column, explained)| weak(column, explained))
}

/// `key:value` or `key:<invisible space>value` at `column` of the line.
fn key_mistake(item: &str, column: usize) -> Option<(usize, (Text, Text))> {
    let key_len = item
        .char_indices()
        .take_while(|(i, c)| {
            c.is_ascii_alphabetic() || (*i > 0 && (c.is_ascii_digit() || "_-".contains(*c)))
        })
        .count();
    if key_len == 0 {
        return None;
    }
    let key = &item[..key_len];
    let after = item[key_len..].strip_prefix(':')?;
    let next = after.chars().next()?;
    let colon = column + key_len;
    if let Some(name) = invisible(next) {
        return Some((colon + 1, invisible_space(name, colon + 1, key)));
    }
    if next == ' ' || next == '\t' || after.starts_with("//") {
        return None;
    }
    let value = after.trim_end();
    Some((
        colon,
        (
            text!(
                "a space is missing after `{key}:`",
                "il manque une espace après `{key}:`"
            ),
            text!("write `{key}: {value}`", "écrivez `{key}: {value}`"),
        ),
    ))
}

/// `{institution:helmo}`: a missing space after a key inside braces.
fn flow_mistake(line: &str) -> Option<(usize, (Text, Text))> {
    let mut in_quotes = None;
    let chars: Vec<char> = line.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        match (in_quotes, c) {
            (None, '"' | '\'') => in_quotes = Some(*c),
            (Some(q), c) if q == *c => in_quotes = None,
            (None, '{' | ',') => {
                let after: String = chars[i + 1..].iter().collect();
                let trimmed = after.trim_start();
                let column = i + 2 + (after.chars().count() - trimmed.chars().count());
                if let Some((column, explained)) = key_mistake(trimmed, column) {
                    let missing_space = explained.0.en.starts_with("a space is missing");
                    let value_end = trimmed.find([',', '}']).unwrap_or(trimmed.len());
                    let (key, value) = trimmed[..value_end].split_once(':')?;
                    return Some(if missing_space {
                        (
                            column,
                            (
                                explained.0,
                                text!("write `{key}: {value}`", "écrivez `{key}: {value}`"),
                            ),
                        )
                    } else {
                        (column, explained)
                    });
                }
            }
            _ => {}
        }
    }
    None
}

fn tab(column: usize) -> (Text, Text) {
    (
        text!(
            "a tab in the indentation (column {column}): YAML indents with spaces only",
            "la tabulation en colonne {column} : utilisez des espaces pour indenter"
        ),
        text!(
            "replace the tab with spaces: two spaces before `- ` for the items of a list",
            "remplacez la tabulation par des espaces : deux espaces avant `- ` pour les éléments d'une liste"
        ),
    )
}

fn invisible_space(name: (&str, &str), column: usize, place: &str) -> (Text, Text) {
    let (en, fr) = name;
    let (where_en, where_fr) = if place == "indentation" {
        (
            "in the indentation".to_string(),
            "dans l'indentation".to_string(),
        )
    } else {
        (format!("after `{place}:`"), format!("après `{place}:`"))
    };
    (
        text!(
            "{en} {where_en} (column {column}), often pasted from Word",
            "{fr} {where_fr} (colonne {column}), souvent collée depuis Word"
        ),
        text!(
            "delete the spaces there and type them again with the space bar",
            "effacez les espaces à cet endroit et retapez-les avec la barre d'espace"
        ),
    )
}

fn list_bullet(bullet: char) -> (Text, Text) {
    (
        text!(
            "a list item written with `{bullet}`: in YAML, items start with `- `",
            "un élément de liste écrit avec `{bullet}` : en YAML, les éléments commencent par `- `"
        ),
        text!(
            "replace `{bullet}` with a hyphen `-` followed by a space",
            "remplacez `{bullet}` par un tiret `-` suivi d'une espace"
        ),
    )
}

/// A value in Word's curly quotes, which YAML does not take for quotes.
fn curly_quotes(line: &str) -> Option<(usize, (Text, Text))> {
    let (i, q) = line.char_indices().find(|(_, c)| "“”«„‘’".contains(*c))?;
    let before = line[..i].trim_end();
    if !(before.ends_with(':') || before.ends_with('[') || before.ends_with(',')) {
        return None;
    }
    Some((
        line[..i].chars().count() + 1,
        (
            text!(
                "the value starts with Word's quote `{q}`, which YAML does not take for a quote",
                "la valeur commence par le guillemet de Word `{q}`, que YAML ne prend pas pour un guillemet"
            ),
            text!(
                "put the value between straight quotes `\"…\"` (and keep « » inside the text if you want them shown)",
                "mettez la valeur entre guillemets droits `\"…\"` (et gardez « » dans le texte pour les afficher)"
            ),
        ),
    ))
}

/// `amount: 50.000,50` inside `{…}`, where the comma separates fields.
fn decimal_comma_in_braces(line: &str) -> Option<(usize, (Text, Text))> {
    if !line.contains('{') {
        return None;
    }
    line.match_indices(": ").find_map(|(i, _)| {
        let value = &line[i + 2..];
        let number: String = value
            .chars()
            .take_while(|c| c.is_ascii_digit() || ".,  \u{a0}\u{202f}'".contains(*c))
            .collect();
        let number = number.trim_end_matches([',', ' ']);
        let (whole, decimals) = number.rsplit_once(',')?;
        let unit_len = value[number.len()..]
            .chars()
            .take_while(|c| " kKM€$".contains(*c))
            .map(char::len_utf8)
            .sum::<usize>();
        let written = value[..number.len() + unit_len].trim_end();
        let after = value[number.len() + unit_len..].trim_start();
        let ends = after.is_empty() || after.starts_with([',', '}']);
        if whole.is_empty() || decimals.is_empty() || !ends {
            return None;
        }
        let key = line[..i].rsplit(['{', ',', ' ']).next().unwrap_or("").to_string();
        let canonical = super::numbers::canonical(written)?;
        Some((
            line[..i + 2].chars().count() + 1,
            (
                text!(
                    "the number `{written}` is cut in two: inside `{{…}}` a comma separates the fields",
                    "le nombre `{written}` est coupé en deux : entre `{{…}}`, la virgule sépare les champs"
                ),
                text!(
                    "write it with a decimal point and no thousands separator: `{key}: {canonical}`",
                    "écrivez-le avec un point décimal, sans séparateur de milliers : `{key}: {canonical}`"
                ),
            ),
        ))
    })
}

/// A line whose indentation fits neither the line before nor any level
/// above: what it is indented by, and what it should be.
pub fn misindented(text: &str, line: usize) -> Option<(Text, Text)> {
    let lines: Vec<&str> = text.lines().collect();
    let here = *lines.get(line.checked_sub(1)?)?;
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let code =
        |l: &str| !l.trim().is_empty() && !l.trim_start().starts_with('#') && l.trim() != "---";
    let before = *lines[..line - 1].iter().rev().find(|l| code(l))?;
    let (n, p) = (indent(here), indent(before));
    if n == p {
        return None;
    }
    let item = here.trim_start().starts_with("- ");
    let parent = lines[..line - 1]
        .iter()
        .rev()
        .filter(|l| code(l))
        .find(|l| indent(l) < n.min(p).max(1) && l.trim_end().ends_with(':'))
        .and_then(|l| l.trim().trim_start_matches("- ").strip_suffix(':'));
    let spaces = |k: usize| if k == 1 { "space" } else { "spaces" };
    let espaces = |k: usize| if k == 1 { "espace" } else { "espaces" };
    let (sn, en_n, sp, en_p) = (spaces(n), espaces(n), spaces(p), espaces(p));
    let message = match (item, parent) {
        (true, Some(key)) => text!(
            "this item of the list `{key}` is indented by {n} {sn}, the line before by {p}",
            "cet élément de la liste `{key}` est indenté de {n} {en_n}, la ligne précédente de {p}"
        ),
        _ => text!(
            "this line is indented by {n} {sn}, the line before by {p}: it belongs to nothing",
            "cette ligne est indentée de {n} {en_n}, la ligne précédente de {p} : elle ne se rattache à rien"
        ),
    };
    let hint = if item || n > 0 && p > 0 {
        text!(
            "indent this line by {p} {sp}, like the line before",
            "indentez cette ligne de {p} {en_p}, comme la ligne précédente"
        )
    } else {
        text!(
            "a field of the file starts at the beginning of the line: remove the spaces before it",
            "un champ du fichier commence au début de la ligne : supprimez les espaces devant"
        )
    };
    Some((message, hint))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(yaml: &str) -> Option<(usize, usize, String)> {
        explain(yaml, 1, None).map(|m| (m.line, m.column, m.message.fr))
    }

    #[test]
    fn finds_the_habits_of_editors() {
        let tab = first("members:\n\t- {institution: a}\n").unwrap();
        assert_eq!((tab.0, tab.1), (2, 1));
        assert!(tab.2.starts_with("la tabulation en colonne 1"), "{}", tab.2);
        let nbsp = first("members:\n\u{a0}\u{a0}- x\n").unwrap();
        assert!(nbsp.2.starts_with("une espace insécable"), "{}", nbsp.2);
        let colon = first("title: a\nstatus:ended\n").unwrap();
        assert_eq!((colon.0, colon.1), (2, 7));
        let flow = first("members:\n  - {institution:helmo, role: partner}\n").unwrap();
        assert_eq!((flow.0, flow.1), (2, 17));
        assert_eq!(
            first("links:\n  - {url: http://x.org}\nurl: https://a.b\n"),
            None
        );
        assert_eq!(first("title: \"Erasmus+ : mobilités\"\n"), None);
    }

    #[test]
    fn weak_mistakes_count_only_on_the_line_of_the_error() {
        let yaml = "title: “A : b”\nfunding:\n  - {amount: 50.000,50, currency: EUR}\n";
        assert_eq!(explain(yaml, 1, Some(3)).map(|m| m.line), Some(3));
        assert_eq!(explain(yaml, 1, Some(1)).map(|m| m.line), Some(1));
        assert_eq!(explain(yaml, 1, Some(2)), None);
    }
}
