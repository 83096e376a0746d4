//! The architecture of the crate, read from its own sources under `src/`.
//!
//! passerelle should read as one visible pipeline: configuration, source
//! files, catalogue, rendering, output, each stage a plain function that
//! `lib.rs` calls in turn. That holds only while the stages do not import
//! each other in circles, so no file and no top-level module may depend on
//! itself through others. Each module belongs to a layer (`LAYERS`, drawn
//! in docs/architecture.md) and imports nothing above it, so each can be
//! read, tested and changed without the stages built on it. Files and functions stay short
//! enough to be read in one sitting.
//!
//! Each rule is one test that lists every offender at once, so a failing
//! run is the whole to-do list of a refactor. The parser is deliberately
//! simple. It reads `use` trees and inline paths that start with `crate`,
//! `self`, `super` or the name of a module (a child module, or one brought
//! in by `use`), resolves each to the longest prefix that is a file, and
//! skips comments, literals and `#[cfg(test)]` modules. Its own tests, at
//! the end, keep it from passing because it parsed nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use walkdir::WalkDir;

/// The longest a file of `src/` may be, in lines.
const MAX_FILE_LINES: usize = 600;
/// The longest a function may be, from its `fn` line to its closing brace.
const MAX_FN_LINES: usize = 80;
/// The node of the module graph that stands for `lib.rs` and `main.rs`.
const ROOT: &str = "crate root";

/// The layers of top-level modules, bottom first, as docs/architecture.md
/// draws them: a module may import its own layer and the layers below,
/// never one above. `types`, alone at the bottom, imports nothing of the
/// crate. Every top-level module must be in one layer.
const LAYERS: &[&[&str]] = &[
    &["types"],
    &["diagnostics", "timings"],
    &["source", "markdown", "config", "theme"],
    &["catalogue", "translations"],
    &["media", "output"],
    &["render", "cms"],
    &["site", ROOT],
    &["cli", "serve", "live", "transfer", "scaffold"],
];

/// The layer of a top-level module, from the bottom; `None` when the
/// table does not place it.
fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

#[test]
fn no_import_cycle_between_files() {
    let krate = krate();
    let components = cycles(krate.files.len(), krate.imports.keys().copied());
    let report: Vec<String> = components
        .iter()
        .map(|component| file_cycle(krate, component))
        .collect();
    assert!(
        report.is_empty(),
        "{} import cycles between files of src/; under each, a file and \
         what it imports of the same cycle (first line):\n\n{}\n",
        report.len(),
        report.join("\n\n")
    );
}

#[test]
fn no_import_cycle_between_top_level_modules() {
    let edges = module_edges(krate());
    let names: Vec<&str> = edges
        .keys()
        .flat_map(|&(from, to)| [from, to])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let index = |name: &str| names.iter().position(|n| *n == name).unwrap();
    let components = cycles(
        names.len(),
        edges.keys().map(|&(from, to)| (index(from), index(to))),
    );
    let report: Vec<String> = components
        .iter()
        .map(|component| module_cycle(&names, &edges, component))
        .collect();
    assert!(
        report.is_empty(),
        "{} import cycles between top-level modules; under each, a module, \
         one it imports of the same cycle and where:\n\n{}\n",
        report.len(),
        report.join("\n\n")
    );
}

#[test]
fn lower_layers_import_nothing_above_them() {
    let edges = module_edges(krate());
    let mut report = Vec::new();
    for ((from, to), places) in &edges {
        match (layer(from), layer(to)) {
            (Some(low), Some(high)) if high > low => {
                report.push(format!(
                    "{from} imports {to}:
  {}",
                    places.join("\n  ")
                ));
            }
            (Some(_), Some(_)) => {}
            _ => report.push(format!(
                "{from} → {to}: place every top-level module in a layer of LAYERS"
            )),
        }
    }
    assert!(
        report.is_empty(),
        "{} layer violations:\n\n{}\n",
        report.len(),
        report.join("\n\n")
    );
}

#[test]
fn files_are_at_most_600_lines() {
    let report: Vec<String> = krate()
        .files
        .iter()
        .filter(|file| file.text.lines().count() > MAX_FILE_LINES)
        .map(|file| format!("{} ({} lines)", file.path, file.text.lines().count()))
        .collect();
    assert!(
        report.is_empty(),
        "{} files over {MAX_FILE_LINES} lines:\n  {}\n",
        report.len(),
        report.join("\n  ")
    );
}

#[test]
fn functions_are_at_most_80_lines() {
    let mut report = Vec::new();
    for file in &krate().files {
        for (name, line, length) in function_lengths(&file.text) {
            if length > MAX_FN_LINES {
                report.push(format!("{}:{line} fn {name} ({length} lines)", file.path));
            }
        }
    }
    assert!(
        report.is_empty(),
        "{} functions over {MAX_FN_LINES} lines:\n  {}\n",
        report.len(),
        report.join("\n  ")
    );
}

/// A file and the files of its cycle that it imports, with the first line.
fn file_cycle(krate: &Crate, component: &[usize]) -> String {
    let path = |file: usize| krate.files[file].path.as_str();
    let mut lines = vec![format!(
        "{} files: {}",
        component.len(),
        component
            .iter()
            .map(|&f| path(f))
            .collect::<Vec<_>>()
            .join(", ")
    )];
    for &from in component {
        let targets: Vec<String> = krate
            .imports
            .iter()
            .filter(|((f, to), _)| *f == from && component.contains(to))
            .map(|((_, to), line)| format!("{} (line {line})", path(*to)))
            .collect();
        lines.push(format!("  {} → {}", path(from), targets.join(", ")));
    }
    lines.join("\n")
}

/// The edges between the modules of a cycle, with the imports behind each.
fn module_cycle(names: &[&str], edges: &ModuleEdges, component: &[usize]) -> String {
    let members: Vec<&str> = component.iter().map(|&m| names[m]).collect();
    let mut lines = vec![format!("{} modules: {}", members.len(), members.join(", "))];
    for ((from, to), places) in edges {
        if members.contains(from) && members.contains(to) {
            lines.push(format!("  {from} → {to}:\n    {}", places.join("\n    ")));
        }
    }
    lines.join("\n")
}

/// One file of `src/`.
struct SourceFile {
    /// Relative to `src/`, with `/`: `render/routes.rs`.
    path: String,
    /// `["render", "routes"]`; empty for `lib.rs` and `main.rs`.
    module: Vec<String>,
    text: String,
}

/// The files of `src/` and their imports.
struct Crate {
    files: Vec<SourceFile>,
    imports: Imports,
}

/// The module paths of a crate and where its exported macros are defined.
struct Modules {
    paths: BTreeSet<Vec<String>>,
    macros: BTreeMap<String, Vec<String>>,
}

/// Each pair of files, importer then imported, with the first line.
type Imports = BTreeMap<(usize, usize), usize>;

/// Each pair of top-level modules with the imports behind it, as
/// `file:line → file`.
type ModuleEdges = BTreeMap<(&'static str, &'static str), Vec<String>>;

/// The crate, read once for all the tests.
fn krate() -> &'static Crate {
    static CRATE: OnceLock<Crate> = OnceLock::new();
    CRATE.get_or_init(read_crate)
}

fn read_crate() -> Crate {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for entry in WalkDir::new(&src).sort_by_file_name() {
        let path = entry.expect("walk src/").into_path();
        if path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
            let relative = path.strip_prefix(&src).unwrap();
            let relative = relative.to_string_lossy().replace('\\', "/");
            files.push(SourceFile {
                module: module_of(&relative),
                path: relative,
                text,
            });
        }
    }
    let modules = Modules {
        paths: files.iter().map(|file| file.module.clone()).collect(),
        macros: files
            .iter()
            .flat_map(|file| {
                exported_macros(&file.text)
                    .into_iter()
                    .map(|m| (m, file.module.clone()))
            })
            .collect(),
    };
    let imports = file_imports(&files, &modules);
    Crate { files, imports }
}

/// `render/routes.rs` and `render/routes/mod.rs` are `render::routes`.
fn module_of(path: &str) -> Vec<String> {
    let stem = path.strip_suffix(".rs").unwrap_or(path);
    let mut segments: Vec<String> = stem.split('/').map(String::from).collect();
    if matches!(stem, "lib" | "main") || segments.last().is_some_and(|s| s == "mod") {
        segments.pop();
    }
    segments
}

/// Each pair of files, importer then imported, with the first line of the
/// import; `main.rs` is a crate root of its own that nothing imports.
fn file_imports(files: &[SourceFile], modules: &Modules) -> Imports {
    let file_of: BTreeMap<&[String], usize> = files
        .iter()
        .enumerate()
        .filter(|(_, file)| file.path != "main.rs")
        .map(|(index, file)| (file.module.as_slice(), index))
        .collect();
    let mut imports = Imports::new();
    for (from, file) in files.iter().enumerate() {
        for (target, line) in crate_imports(&file.text, &file.module, modules) {
            let to = file_of[target.as_slice()];
            if to != from {
                let first = imports.entry((from, to)).or_insert(line);
                *first = (*first).min(line);
            }
        }
    }
    imports
}

/// The top-level module of a file, or [`ROOT`].
fn top_module(file: &SourceFile) -> &str {
    file.module.first().map_or(ROOT, String::as_str)
}

/// The imports between top-level modules; the root imports nothing, since
/// `lib.rs` is the pipeline that wires every stage.
fn module_edges(krate: &'static Crate) -> ModuleEdges {
    let mut edges = ModuleEdges::new();
    for (&(from, to), line) in &krate.imports {
        let (importer, imported) = (&krate.files[from], &krate.files[to]);
        let (source, target) = (top_module(importer), top_module(imported));
        if source != ROOT && source != target {
            let place = format!("{}:{line} → {}", importer.path, imported.path);
            edges.entry((source, target)).or_default().push(place);
        }
    }
    edges
}

/// The strongly connected components of more than one node, each sorted.
fn cycles(nodes: usize, edges: impl Iterator<Item = (usize, usize)>) -> Vec<Vec<usize>> {
    let mut tarjan = Tarjan {
        next: vec![Vec::new(); nodes],
        index: vec![None; nodes],
        low: vec![0; nodes],
        stack: Vec::new(),
        on_stack: vec![false; nodes],
        counter: 0,
        components: Vec::new(),
    };
    for (from, to) in edges {
        tarjan.next[from].push(to);
    }
    for node in 0..nodes {
        if tarjan.index[node].is_none() {
            tarjan.visit(node);
        }
    }
    tarjan.components.sort();
    tarjan.components
}

/// Tarjan's algorithm; the recursion is as deep as the longest import chain.
struct Tarjan {
    next: Vec<Vec<usize>>,
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    stack: Vec<usize>,
    on_stack: Vec<bool>,
    counter: usize,
    components: Vec<Vec<usize>>,
}

impl Tarjan {
    fn visit(&mut self, node: usize) {
        self.index[node] = Some(self.counter);
        self.low[node] = self.counter;
        self.counter += 1;
        self.stack.push(node);
        self.on_stack[node] = true;
        for next in self.next[node].clone() {
            match self.index[next] {
                None => {
                    self.visit(next);
                    self.low[node] = self.low[node].min(self.low[next]);
                }
                Some(index) if self.on_stack[next] => {
                    self.low[node] = self.low[node].min(index);
                }
                Some(_) => {}
            }
        }
        if Some(self.low[node]) == self.index[node] {
            let mut component = Vec::new();
            while let Some(member) = self.stack.pop() {
                self.on_stack[member] = false;
                component.push(member);
                if member == node {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                self.components.push(component);
            }
        }
    }
}

/// The modules a file of module `module` imports, each with its line; the
/// root is the empty path. Paths into external crates are left out, and so
/// are the file's own module and its `#[cfg(test)]` modules.
fn crate_imports(source: &str, module: &[String], modules: &Modules) -> Vec<(Vec<String>, usize)> {
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
struct Written {
    path: Vec<String>,
    line: usize,
    binds: Option<String>,
}

/// The names that stand for modules in a file: its child modules, and the
/// modules it imports by name (`use crate::render::{self, routes as r};`),
/// so that `r::url()` reads as `crate::render::routes::url()`.
fn module_names(written: &[Written], module: &[String], modules: &Modules) -> Names {
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
type Names = BTreeMap<String, Vec<String>>;

/// Reads the use tree at `i` below `prefix` and pushes every path it names.
/// Returns the index of the token that ends it: `,`, `}` or `;`.
fn use_tree(tokens: &[Token], mut i: usize, prefix: &[String], out: &mut Vec<Written>) -> usize {
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
fn use_group(tokens: &[Token], mut i: usize, prefix: &[String], out: &mut Vec<Written>) -> usize {
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
fn inline_path(tokens: &[Token], i: usize, out: &mut Vec<Written>) -> usize {
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
fn resolve(
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

fn child(module: &[String], name: &str) -> Vec<String> {
    let mut path = module.to_vec();
    path.push(name.to_string());
    path
}

/// The names of the macros a file exports with `#[macro_export]`.
fn exported_macros(source: &str) -> Vec<String> {
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

struct Token {
    text: String,
    line: usize,
}

fn is_ident(text: &str) -> bool {
    text.starts_with(|c: char| c.is_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// Words (`$crate` is one), `::` and single punctuation, with their line.
fn tokenize(code: &str) -> Vec<Token> {
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
fn blank_noncode(source: &str) -> String {
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
fn noncode_end(chars: &[char], i: usize) -> usize {
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

fn block_comment_end(chars: &[char], start: usize) -> usize {
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
fn string_end(chars: &[char], mut i: usize) -> usize {
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
fn raw_string_end(chars: &[char], i: usize) -> usize {
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
fn blank_test_modules(code: &str) -> String {
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
fn matching_brace(code: &str, open: usize) -> usize {
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
fn function_lengths(source: &str) -> Vec<(String, usize, usize)> {
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
fn fn_name(line: &str) -> Option<String> {
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
fn body_start(code: &str) -> Option<usize> {
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

#[test]
fn the_parser_reads_the_whole_crate() {
    let krate = krate();
    let files = krate.files.len();
    let imports = krate.imports.len();
    assert!(files >= 50, "only {files} files read under src/");
    assert!(imports >= 100, "only {imports} imports between files found");
    let functions: usize = krate
        .files
        .iter()
        .map(|f| function_lengths(&f.text).len())
        .sum();
    assert!(functions >= 500, "only {functions} functions found");
}

/// A small crate for the parser's tests, with one exported macro.
fn toy_modules() -> Modules {
    let paths = [
        "",
        "a",
        "a::b",
        "a::b::c",
        "d",
        "m",
        "m::child",
        "diag",
        "render",
        "render::routes",
        "render::views",
    ];
    Modules {
        paths: paths.iter().map(|p| split(p)).collect(),
        macros: [("text".to_string(), split("diag"))].into(),
    }
}

fn split(path: &str) -> Vec<String> {
    path.split("::")
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// A module of [`toy_modules`], a source and the modules it imports.
type ImportCase = (&'static str, &'static str, &'static [&'static str]);

const IMPORT_CASES: &[ImportCase] = &[
    ("m", "use crate::{a, d::Thing};", &["a", "d"]),
    (
        "m",
        "use crate::{a::{b::{self, c::Deep}, Top}, d};",
        &["a::b", "a::b::c", "a", "d"],
    ),
    ("m", "use crate::a::*;", &["a"]),
    ("m::child", "use super::super::d::X;", &["d"]),
    ("m::child", "use super::{super::a, Sibling};", &["a", "m"]),
    ("a::b::c", "use super::super::super::super::X;", &[]),
    (
        "m",
        "use crate::a::b as alias;\nuse crate::d as _;",
        &["a::b", "d"],
    ),
    (
        "m",
        "use self::child::Y;\nuse child::Z;",
        &["m::child", "m::child"],
    ),
    ("m", "mod child;\npub mod other;", &[]),
    (
        "m",
        "pub(crate) use crate::d::X;\npub use crate::a::Y;",
        &["d", "a"],
    ),
    (
        "m",
        "fn f() { crate::render::routes::Routes::new(); }",
        &["render::routes"],
    ),
    (
        "render::views",
        "fn f() { let x = super::Thing; }",
        &["render"],
    ),
    (
        "render::views",
        "fn f() { super::routes::url::<u8>(); }",
        &["render::routes"],
    ),
    (
        "m",
        "use crate::BuildOptions;\nfn f(_: crate::Timings) {}",
        &["", ""],
    ),
    ("a", "use crate::a::X;\nuse self::Y;", &[]),
    (
        "m",
        "use crate::text;\nfn f() { crate::text!(\"a\", \"b\"); }",
        &["diag", "diag"],
    ),
    (
        "m",
        "// use crate::a;\n/// [`crate::d::X`]\n/* crate::a /* crate::d */ */\n\
             let s = \"crate::d::X\"; let r = r#\"use crate::a;\"#; let c = '{';",
        &[],
    ),
    (
        "m",
        "fn f<'a>(x: &'a str) -> char { let c = '\"'; crate::d::g(x) }",
        &["d"],
    ),
    (
        "m",
        "use std::fmt;\nuse serde::Serialize;\nfn f() { walkdir::WalkDir::new(); }",
        &[],
    ),
    (
        "m",
        "use crate::a;\n#[cfg(test)]\nmod tests {\n    use crate::d;\n}\n",
        &["a"],
    ),
    ("m", "fn f() -> impl Sized + use<> { $crate::d::X }", &[]),
    (
        "",
        "mod render;\nfn f() { render::routes::g(); }",
        &["render::routes"],
    ),
    (
        "m",
        "use crate::render;\nfn f() { render::views::Card::new(); }",
        &["render", "render::views"],
    ),
    (
        "m",
        "use crate::a::{b as bee, self};\nfn f() { bee::c::X; a::d::Y; }",
        &["a::b", "a", "a::b::c", "a"],
    ),
    (
        "m",
        "use std::fmt;\nfn f() { fmt::Debug; Vec::<u8>::new(); d::X; child::g(); }",
        &["m::child"],
    ),
];

#[test]
fn imports_are_read_from_use_trees_and_inline_paths() {
    let modules = toy_modules();
    for (module, source, expected) in IMPORT_CASES {
        let found: Vec<String> = crate_imports(source, &split(module), &modules)
            .into_iter()
            .map(|(target, _)| target.join("::"))
            .collect();
        assert_eq!(found, *expected, "in `{module}`: {source}");
    }
}

#[test]
fn an_import_is_found_on_its_line() {
    let source = "use crate::{\n    a,\n    d::X,\n};\n\nfn f() {\n    crate::render::g();\n}\n";
    let found = crate_imports(source, &split("m"), &toy_modules());
    let lines: Vec<usize> = found.iter().map(|(_, line)| *line).collect();
    assert_eq!(lines, [2, 3, 7]);
}

#[test]
fn exported_macros_are_found() {
    let source =
        "#[macro_export]\nmacro_rules! text {\n    () => {};\n}\nmacro_rules! local { () => {}; }";
    assert_eq!(exported_macros(source), ["text"]);
}

/// A source and its functions: name, line of `fn`, length.
type FunctionCase = (&'static str, &'static [(&'static str, usize, usize)]);

const FUNCTION_CASES: &[FunctionCase] = &[
        ("fn one() {}\n", &[("one", 1, 1)]),
        (
            "pub(crate) async fn two<T>(\n    x: [u8; 4],\n) -> T\nwhere\n    T: Default,\n{\n    T::default()\n}\n",
            &[("two", 1, 8)],
        ),
        (
            "trait T {\n    fn declared(&self);\n    fn provided(&self) {\n        let s = \"}\";\n    }\n}\n",
            &[("provided", 3, 3)],
        ),
        ("const fn three() -> char {\n    '}'\n}\n", &[("three", 1, 3)]),
        ("pub unsafe fn four<'a>(s: &'a str) -> &'a str {\n    s\n}\n", &[("four", 1, 3)]),
        ("// fn comment() {\n//}\nlet f: fn(u8) -> u8;\n", &[]),
        (
            "fn outer() {\n    fn inner() {\n    }\n}\n",
            &[("outer", 1, 4), ("inner", 2, 2)],
        ),
];

#[test]
fn functions_are_measured_from_fn_to_closing_brace() {
    for (source, expected) in FUNCTION_CASES {
        let found = function_lengths(source);
        let found: Vec<(&str, usize, usize)> =
            found.iter().map(|(n, l, c)| (n.as_str(), *l, *c)).collect();
        assert_eq!(found, *expected, "{source}");
    }
}
