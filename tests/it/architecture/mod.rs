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
//! skips comments, literals and `#[cfg(test)]` modules (`parse.rs`). Its own
//! tests (`parser.rs`) keep it from passing because it parsed nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use walkdir::WalkDir;

mod parse;
mod parser;

use parse::*;

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
    &["cli", "serve", "live", "transfer", "scaffold", "external"],
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
