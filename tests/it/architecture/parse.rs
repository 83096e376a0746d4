//! The reading of Rust sources the architecture tests rely on: the paths a
//! file imports (use trees and inline paths), the names of the macros it
//! exports, and the length of its functions, with comments, literals and
//! test modules left out.

use super::*;

/// The modules a file of module `module` imports, each with its line; the
/// root is the empty path. Paths into external crates are left out, and so
/// are the file's own module and its `#[cfg(test)]` modules.
pub(super) fn crate_imports(
    source: &str,
    module: &[String],
    modules: &Modules,
) -> Vec<(Vec<String>, usize)> {
    let tokens = tokenize(&blank_test_modules(&blank_noncode(source)));
    let mut written = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let is_use = tokens[i].text == "use" && tokens.get(i + 1).is_some_and(|t| t.text != "<");
        i = if is_use {
            use_tree(&tokens, i + 1, &[], &mut written)
        } else {
            inline_path(&tokens, i, &mut written)
        };
    }
    let names = module_names(&written, module, modules);
    written
        .into_iter()
        .filter_map(|w| Some((resolve(&w.path, module, modules, &names)?.0, w.line)))
        .filter(|(target, _)| target != module)
        .collect()
}

/// A path as written, with its line and the name a `use` binds it to.
pub(super) struct Written {
    pub(super) path: Vec<String>,
    pub(super) line: usize,
    pub(super) binds: Option<String>,
}

/// The names that stand for modules in a file: its child modules, and the
/// modules it imports by name (`use crate::render::{self, routes as r};`),
/// so that `r::url()` reads as `crate::render::routes::url()`.
pub(super) fn module_names(written: &[Written], module: &[String], modules: &Modules) -> Names {
    let mut names: Names = modules
        .paths
        .iter()
        .filter(|path| path.len() == module.len() + 1 && path.starts_with(module))
        .map(|path| (path[module.len()].clone(), path.clone()))
        .collect();
    let children = names.clone();
    for w in written {
        let Some(name) = &w.binds else { continue };
        if let Some((target, true)) = resolve(&w.path, module, modules, &children) {
            names.insert(name.clone(), target);
        }
    }
    names
}

/// Names that stand for modules in a file, with the module's path.
pub(super) type Names = BTreeMap<String, Vec<String>>;

/// Reads the use tree at `i` below `prefix` and pushes every path it names.
/// Returns the index of the token that ends it: `,`, `}` or `;`.
pub(super) fn use_tree(
    tokens: &[Token],
    mut i: usize,
    prefix: &[String],
    out: &mut Vec<Written>,
) -> usize {
    let (mut path, mut line, mut binds) = (prefix.to_vec(), 0, None);
    while let Some(token) = tokens.get(i) {
        match token.text.as_str() {
            "::" => {}
            "as" => {
                binds = tokens.get(i + 1).map(|t| t.text.clone());
                i += 1;
            }
            "{" => return use_group(tokens, i + 1, &path, out),
            // A glob imports from the path so far and binds no name.
            "*" => (line, binds) = (token.line, None),
            text if is_ident(text) => {
                path.push(text.to_string());
                (line, binds) = (token.line, Some(text.to_string()));
            }
            _ => break,
        }
        i += 1;
    }
    if path.len() > 1 && path.last().is_some_and(|s| s == "self") {
        path.pop();
        if binds.as_deref() == Some("self") {
            binds = path.last().cloned();
        }
    }
    if line > 0 {
        out.push(Written {
            path,
            line,
            binds: binds.filter(|name| name != "_"),
        });
    }
    i
}

/// The trees of a `{ … }` group, from `i` just inside it; returns the index
/// after its `}`.
pub(super) fn use_group(
    tokens: &[Token],
    mut i: usize,
    prefix: &[String],
    out: &mut Vec<Written>,
) -> usize {
    while let Some(token) = tokens.get(i) {
        match token.text.as_str() {
            "}" => return i + 1,
            "," => i += 1,
            _ => i = use_tree(tokens, i, prefix, out).max(i + 1),
        }
    }
    i
}

/// Pushes the path `a::b::c` starting at `i`, if one does; returns the
/// index after it. Whether it names a module of the crate is for
/// [`resolve`] to say.
pub(super) fn inline_path(tokens: &[Token], i: usize, out: &mut Vec<Written>) -> usize {
    let text = |k: usize| tokens.get(k).map_or("", |t| t.text.as_str());
    let starts = is_ident(text(i)) && (i == 0 || text(i - 1) != "::") && text(i + 1) == "::";
    if !starts {
        return i + 1;
    }
    let mut path = vec![text(i).to_string()];
    let mut end = i + 1;
    while text(end) == "::" && is_ident(text(end + 1)) {
        path.push(text(end + 1).to_string());
        end += 2;
    }
    let line = tokens[i].line;
    out.push(Written {
        path,
        line,
        binds: None,
    });
    end
}

/// The longest prefix of `path` that is a module, read from `module`, and
/// whether the whole path is a module; an exported macro resolves to the
/// module that defines it. `None` for paths into other crates.
pub(super) fn resolve(
    path: &[String],
    module: &[String],
    modules: &Modules,
    names: &Names,
) -> Option<(Vec<String>, bool)> {
    let supers = path.iter().take_while(|s| *s == "super").count();
    let (mut found, rest) = match path.first()?.as_str() {
        "crate" => (Vec::new(), &path[1..]),
        "self" => (module.to_vec(), &path[1..]),
        "super" => (
            module[..module.len().checked_sub(supers)?].to_vec(),
            &path[supers..],
        ),
        first => (names.get(first)?.clone(), &path[1..]),
    };
    for segment in rest {
        let deeper = child(&found, segment);
        if modules.paths.contains(&deeper) {
            found = deeper;
        } else {
            if found.is_empty() {
                if let Some(defined) = modules.macros.get(segment) {
                    found.clone_from(defined);
                }
            }
            return Some((found, false));
        }
    }
    Some((found, true))
}

pub(super) fn child(module: &[String], name: &str) -> Vec<String> {
    let mut path = module.to_vec();
    path.push(name.to_string());
    path
}

/// The names of the macros a file exports with `#[macro_export]`.
pub(super) fn exported_macros(source: &str) -> Vec<String> {
    let tokens = tokenize(&blank_noncode(source));
    let mut names = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if token.text == "macro_export" {
            if let Some(k) = tokens[i..].iter().position(|t| t.text == "macro_rules") {
                names.extend(tokens.get(i + k + 2).map(|t| t.text.clone()));
            }
        }
    }
    names
}

pub(super) struct Token {
    pub(super) text: String,
    pub(super) line: usize,
}

pub(super) fn is_ident(text: &str) -> bool {
    text.starts_with(|c: char| c.is_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// Words (`$crate` is one), `::` and single punctuation, with their line.
pub(super) fn tokenize(code: &str) -> Vec<Token> {
    let chars: Vec<char> = code.chars().collect();
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let (mut tokens, mut line, mut i) = (Vec::new(), 1, 0);
    while i < chars.len() {
        let start = i;
        match (chars[i], chars.get(i + 1).copied().unwrap_or(' ')) {
            ('\n', _) => line += 1,
            (c, _) if c.is_whitespace() => {}
            (c, next) if word(c) || (c == '$' && word(next)) => {
                i += 1;
                while chars.get(i).is_some_and(|&c| word(c)) {
                    i += 1;
                }
                i -= 1;
            }
            (':', ':') => i += 1,
            _ => {}
        }
        i += 1;
        if !chars[start].is_whitespace() {
            let text = chars[start..i].iter().collect();
            tokens.push(Token { text, line });
        }
    }
    tokens
}

/// The source with comments, strings and characters blanked out; lines and
/// indentation are kept.
pub(super) fn blank_noncode(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut code = String::with_capacity(source.len());
    let mut i = 0;
    while i < chars.len() {
        let end = noncode_end(&chars, i);
        if end > i {
            code.extend(
                chars[i..end]
                    .iter()
                    .map(|&c| if c == '\n' { c } else { ' ' }),
            );
            i = end;
        } else {
            code.push(chars[i]);
            i += 1;
        }
    }
    code
}

/// Where the comment or literal starting at `i` ends (exclusive), or `i`.
pub(super) fn noncode_end(chars: &[char], i: usize) -> usize {
    let at = |k: usize| chars.get(k).copied().unwrap_or('\0');
    let after_word = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
    match (at(i), at(i + 1)) {
        ('/', '/') => (i..chars.len())
            .find(|&k| chars[k] == '\n')
            .unwrap_or(chars.len()),
        ('/', '*') => block_comment_end(chars, i),
        ('"', _) => string_end(chars, i + 1),
        ('b' | 'c', '"') if !after_word => string_end(chars, i + 2),
        ('r', '"' | '#') if !after_word => raw_string_end(chars, i + 1),
        ('b' | 'c', 'r') if !after_word => raw_string_end(chars, i + 2),
        ('\'', '\\') => (i + 2..chars.len())
            .find(|&k| chars[k] == '\'')
            .map_or(i, |k| k + 1),
        // A character, unless a lifetime or label: `'a` is followed by no `'`.
        ('\'', _) if at(i + 2) == '\'' => i + 3,
        _ => i,
    }
}

pub(super) fn block_comment_end(chars: &[char], start: usize) -> usize {
    let (mut depth, mut i) = (0, start);
    while i + 1 < chars.len() {
        match (chars[i], chars[i + 1]) {
            ('/', '*') => (depth, i) = (depth + 1, i + 2),
            ('*', '/') if depth == 1 => return i + 2,
            ('*', '/') => (depth, i) = (depth - 1, i + 2),
            _ => i += 1,
        }
    }
    chars.len()
}

/// The end of a string whose text starts at `i`.
pub(super) fn string_end(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    chars.len()
}

/// The end of `r#"…"#` whose `r` is just before `i`, or `0` if `r` starts
/// an identifier (`r#type`, `return`).
pub(super) fn raw_string_end(chars: &[char], i: usize) -> usize {
    let hashes = chars[i..].iter().take_while(|&&c| c == '#').count();
    if chars.get(i + hashes) != Some(&'"') {
        return 0;
    }
    let closing: Vec<char> = std::iter::once('"')
        .chain(std::iter::repeat_n('#', hashes))
        .collect();
    (i + hashes + 1..chars.len())
        .find(|&k| chars[k..].starts_with(&closing))
        .map_or(chars.len(), |k| k + closing.len())
}

/// Blanks every `#[cfg(test)] mod name { … }`: tests may import freely.
pub(super) fn blank_test_modules(code: &str) -> String {
    let mut bytes = code.as_bytes().to_vec();
    let mut from = 0;
    while let Some(found) = code[from..].find("#[cfg(test)]") {
        let start = from + found;
        let Some(open) = code[start..].find(['{', ';']).map(|k| start + k) else {
            break;
        };
        let words: Vec<&str> = code[start..open].split_whitespace().collect();
        let is_module = words.len() >= 3 && words[words.len() - 2] == "mod";
        from = open + 1;
        if is_module && code.as_bytes()[open] == b'{' {
            from = matching_brace(code, open);
            for byte in &mut bytes[start..from] {
                if *byte != b'\n' {
                    *byte = b' ';
                }
            }
        }
    }
    String::from_utf8(bytes).expect("blanking keeps UTF-8")
}

/// The index after the `}` that closes the `{` at `open`.
pub(super) fn matching_brace(code: &str, open: usize) -> usize {
    let mut depth = 0;
    for (i, byte) in code.bytes().enumerate().skip(open) {
        match byte {
            b'{' => depth += 1,
            b'}' if depth == 1 => return i + 1,
            b'}' => depth -= 1,
            _ => {}
        }
    }
    code.len()
}

/// Every function with a body: its name, the line of its `fn` and its
/// length in lines, signature and braces included.
pub(super) fn function_lengths(source: &str) -> Vec<(String, usize, usize)> {
    let code = blank_noncode(source);
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in code.split_inclusive('\n') {
        starts.push(offset);
        offset += line.len();
    }
    let line_of = |byte: usize| starts.partition_point(|&start| start <= byte);
    let mut found = Vec::new();
    for (index, &start) in starts.iter().enumerate() {
        let Some(name) = code[start..].lines().next().and_then(fn_name) else {
            continue;
        };
        if let Some(open) = body_start(&code[start..]).map(|k| start + k) {
            let close = matching_brace(&code, open);
            found.push((name, index + 1, line_of(close - 1) - index));
        }
    }
    found
}

/// The name of the function whose signature starts on `line`, if one does.
pub(super) fn fn_name(line: &str) -> Option<String> {
    const QUALIFIERS: [&str; 6] = ["pub ", "const ", "async ", "unsafe ", "extern ", "default "];
    let mut rest = line.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("pub(") {
            rest = after.split_once(')')?.1.trim_start();
        } else if let Some(after) = QUALIFIERS.iter().find_map(|q| rest.strip_prefix(q)) {
            rest = after.trim_start();
        } else {
            break;
        }
    }
    let name: String = rest
        .strip_prefix("fn ")?
        .chars()
        .take_while(|&c| c.is_alphanumeric() || c == '_')
        .collect();
    is_ident(&name).then_some(name)
}

/// The offset of the body's `{` after a signature, or `None` for a
/// declaration ending in `;`.
pub(super) fn body_start(code: &str) -> Option<usize> {
    let mut depth = 0;
    for (i, byte) in code.bytes().enumerate() {
        match byte {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth -= 1,
            b'{' if depth == 0 => return Some(i),
            b';' if depth == 0 => return None,
            _ => {}
        }
    }
    None
}
