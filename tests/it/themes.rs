//! `docs/themes.md`, the theme authors' reference, against the default
//! theme: every variable a template of `themes/default/templates/` reads
//! is listed there for that template or among the variables every template
//! receives, and every field it reads of a documented type is in that
//! type's table. The conventions this test reads are stated at the end of
//! docs/themes.md.
//!
//! The templates are read with a small tera scanner, not with tera itself:
//! tera compiles a template without saying which names it reads.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Templates passerelle also renders on their own, with their variables
/// and the globals only (see `card_html` in src/render/recycle.rs).
const RENDERED_ALONE: &[&str] = &["card.html"];

/// Names that are part of tera's syntax, never variables.
const KEYWORDS: &[&str] = &[
    "and", "or", "not", "in", "is", "if", "else", "for", "true", "false", "True", "False", "none",
    "None", "null", "loop", "self",
];

// ---------------------------------------------------------------------
// The templates

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Num,
    Op(String),
}

fn op(t: &Tok, s: &str) -> bool {
    matches!(t, Tok::Op(o) if o == s)
}

fn ident(t: &Tok, s: &str) -> bool {
    matches!(t, Tok::Ident(i) if i == s)
}

/// The tokens inside a tag that starts at `s`, up to the tag's `close`
/// (`}}` or `%}`, with or without `-`), and the length read.
fn lex(s: &str, close: &str) -> (Vec<Tok>, usize) {
    let bytes = s.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &s[i..];
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if rest.starts_with(close) {
            return (toks, i + close.len());
        } else if rest.starts_with('-') && rest[1..].starts_with(close) {
            return (toks, i + 1 + close.len());
        } else if matches!(c, b'"' | b'\'' | b'`') {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != c {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            toks.push(Tok::Str(s[i + 1..j.min(s.len())].to_string()));
            i = j + 1;
        } else if c.is_ascii_digit() {
            while i < bytes.len()
                && (bytes[i].is_ascii_digit()
                    || bytes[i] == b'_'
                    || (bytes[i] == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
            {
                i += 1;
            }
            toks.push(Tok::Num);
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let len = rest
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            toks.push(Tok::Ident(rest[..len].to_string()));
            i += len;
        } else {
            let two = ["==", "!=", "<=", ">=", "//", "**", "</", "?.", "?["]
                .into_iter()
                .find(|o| rest.starts_with(o));
            // Optional chaining reads the same fields as plain access.
            let (text, len) = match two {
                Some("?.") => (".".to_string(), 2),
                Some("?[") => ("[".to_string(), 2),
                Some(o) => (o.to_string(), 2),
                None => {
                    let c = rest.chars().next().unwrap_or_default();
                    (c.to_string(), c.len_utf8())
                }
            };
            toks.push(Tok::Op(text));
            i += len;
        }
    }
    panic!("a tag is not closed by `{close}`: {s:.60}");
}

/// One step after a variable's name: a field, or an element (`[…]`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Field(String),
    Index,
}

/// A variable read with the fields read of it: `p.members[].country`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Read {
    root: String,
    steps: Vec<Step>,
}

impl Read {
    /// The read as far as its first `n` steps, as the report shows it.
    fn shown(&self, n: usize) -> String {
        let mut text = self.root.clone();
        for step in &self.steps[..n] {
            match step {
                Step::Field(f) => text.push_str(&format!(".{f}")),
                Step::Index => text.push_str("[]"),
            }
        }
        text
    }
}

/// The steps that follow a name at `toks[i..]`, and where they end.
fn steps_after(toks: &[Tok], mut i: usize) -> (Vec<Step>, usize) {
    let mut steps = Vec::new();
    loop {
        match (toks.get(i), toks.get(i + 1)) {
            (Some(dot), Some(Tok::Ident(f))) if op(dot, ".") => {
                steps.push(Step::Field(f.clone()));
                i += 2;
            }
            (Some(open), _) if op(open, "[") => {
                let mut depth = 0;
                while let Some(t) = toks.get(i) {
                    depth += i32::from(op(t, "[")) - i32::from(op(t, "]"));
                    i += 1;
                    if depth == 0 {
                        break;
                    }
                }
                steps.push(Step::Index);
            }
            _ => return (steps, i),
        }
    }
}

/// Whether a token ends an operand, so that a `<` after it compares
/// rather than opens a component call.
fn ends_operand(t: &Tok) -> bool {
    matches!(t, Tok::Ident(_) | Tok::Str(_) | Tok::Num) || op(t, ")") || op(t, "]")
}

/// The variables an expression reads: names that are not keywords, filter,
/// test, function or component names, argument names, map keys, nor the
/// variables of a list comprehension.
fn expression_reads(toks: &[Tok]) -> Vec<Read> {
    let mut bound = BTreeSet::new();
    for (i, t) in toks.iter().enumerate() {
        if ident(t, "for") {
            let names = toks[i + 1..].iter().take_while(|t| !ident(t, "in"));
            bound.extend(names.filter_map(|t| match t {
                Tok::Ident(n) => Some(n.clone()),
                _ => None,
            }));
        }
    }
    let mut braces = 0;
    let mut reads = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        braces += i32::from(op(t, "{")) - i32::from(op(t, "}"));
        let Tok::Ident(name) = t else { continue };
        let before = |k: usize| i.checked_sub(k).map(|j| &toks[j]);
        let next = toks.get(i + 1);
        let after_is = before(1).is_some_and(|p| ident(p, "is"))
            || (before(1).is_some_and(|p| ident(p, "not"))
                && before(2).is_some_and(|p| ident(p, "is")));
        let component = before(1).is_some_and(|p| op(p, "</"))
            || (before(1).is_some_and(|p| op(p, "<")) && !before(2).is_some_and(ends_operand));
        let skipped = KEYWORDS.contains(&name.as_str())
            || name.starts_with("__tera")
            || before(1).is_some_and(|p| op(p, ".") || op(p, "|"))
            || after_is
            || component
            || next.is_some_and(|n| op(n, "(") || op(n, "="))
            || (braces > 0 && next.is_some_and(|n| op(n, ":")))
            || bound.contains(name);
        if !skipped {
            let (steps, _) = steps_after(toks, i + 1);
            reads.push(Read {
                root: name.clone(),
                steps,
            });
        }
    }
    reads
}

/// The read an expression is, when it is nothing but a variable and its
/// fields (`p.countries`), so that a variable set from it or looping over
/// it can be followed to the context.
fn single_read(toks: &[Tok]) -> Option<Read> {
    let Some(Tok::Ident(root)) = toks.first() else {
        return None;
    };
    let (steps, end) = steps_after(toks, 1);
    let root = root.clone();
    (end == toks.len() && !KEYWORDS.contains(&root.as_str())).then_some(Read { root, steps })
}

/// A `{% include %}` and the names set or looped over where it stands.
#[derive(Debug)]
struct Include {
    partial: String,
    locals: BTreeSet<String>,
}

/// What a template reads from its context, and what it includes.
#[derive(Debug, Default)]
struct Scanned {
    /// Reads of the template's own variables are followed to the context:
    /// `c.url` in `{% for c in p.countries %}` is `p.countries[].url`.
    reads: BTreeSet<Read>,
    includes: Vec<Include>,
}

/// Reads a template's tags in order. Its variables are kept in frames:
/// the template's own, then one for each loop or component it is in. A
/// name bound to a context read stands for it; one bound to anything else
/// (`{% set h = 3 %}`) is no context variable.
struct Scanner<'a> {
    name: &'a str,
    frames: Vec<BTreeMap<String, Option<Read>>>,
    out: Scanned,
}

impl Scanner<'_> {
    /// `read` as a read of the context, if it is one.
    fn resolve(&self, read: Read) -> Option<Read> {
        match self.frames.iter().rev().find_map(|f| f.get(&read.root)) {
            None => Some(read),
            Some(None) => None,
            Some(Some(origin)) => {
                let mut steps = origin.steps.clone();
                steps.extend(read.steps);
                let root = origin.root.clone();
                Some(Read { root, steps })
            }
        }
    }

    fn expression(&mut self, toks: &[Tok]) {
        for read in expression_reads(toks) {
            if let Some(read) = self.resolve(read) {
                self.out.reads.insert(read);
            }
        }
    }

    /// Records what a `{% … %}` tag reads and binds; true for `{% raw %}`.
    fn statement(&mut self, toks: &[Tok]) -> bool {
        let name = self.name;
        let (keyword, args) = match toks.split_first() {
            Some((Tok::Ident(k), args)) => (k.as_str(), args),
            // A component called with a body: `{% <Card title={x}> %}`.
            Some((first, _)) if op(first, "<") || op(first, "</") => {
                self.expression(toks);
                return false;
            }
            _ => panic!("{name}: empty or unreadable tag {toks:?}"),
        };
        match keyword {
            "if" | "elif" => self.expression(args),
            "for" => self.for_loop(args),
            "set" | "set_global" => self.set(args, keyword == "set_global"),
            "filter" => {
                let mut expr = vec![Tok::Op("|".to_string())];
                expr.extend_from_slice(args);
                self.expression(&expr);
            }
            "component" => self.component(args),
            "endfor" | "endcomponent" => {
                self.frames.pop();
            }
            "include" => {
                let Some(Tok::Str(partial)) = args.first() else {
                    panic!("{name}: `include` without a template name");
                };
                let locals = self.frames.iter().flat_map(|f| f.keys().cloned());
                let (partial, locals) = (partial.clone(), locals.collect());
                self.out.includes.push(Include { partial, locals });
            }
            "raw" => return true,
            "else" | "endif" | "block" | "endblock" | "extends" | "endfilter" | "endset"
            | "break" | "continue" => {}
            other => panic!("{name}: unknown tag `{other}`"),
        }
        false
    }

    /// `for x in p.countries`: `x` stands for `p.countries[]`.
    fn for_loop(&mut self, args: &[Tok]) {
        let at_in = args.iter().position(|t| ident(t, "in")).unwrap_or(0);
        let names: Vec<&String> = args[..at_in]
            .iter()
            .filter_map(|t| match t {
                Tok::Ident(n) => Some(n),
                _ => None,
            })
            .collect();
        let target = &args[at_in + 1..];
        self.expression(target);
        let element = match names.len() {
            1 => single_read(target).and_then(|r| self.resolve(r)),
            _ => None,
        };
        let element = element.map(|mut r| {
            r.steps.push(Step::Index);
            r
        });
        let frame = names.into_iter().map(|n| (n.clone(), element.clone()));
        self.frames.push(frame.collect());
    }

    /// `set x = value`, or `set x | filters` with a body.
    fn set(&mut self, args: &[Tok], global: bool) {
        let Some(Tok::Ident(var)) = args.first() else {
            panic!("{}: `set` without a name", self.name);
        };
        let value = if args.get(1).is_some_and(|t| op(t, "=")) {
            self.expression(&args[2..]);
            single_read(&args[2..]).and_then(|r| self.resolve(r))
        } else {
            self.expression(&args[1..]);
            None
        };
        let frame = if global { 0 } else { self.frames.len() - 1 };
        self.frames[frame].insert(var.clone(), value);
    }

    /// The parameters of `component name(a, b: string = "x")` are its
    /// variables.
    fn component(&mut self, args: &[Tok]) {
        let mut frame = BTreeMap::new();
        for (i, t) in args.iter().enumerate().skip(1) {
            let follows = |s: &str| args.get(i + 1).is_some_and(|n| op(n, s));
            if let Tok::Ident(p) = t {
                if [",", ")", ":", "="].into_iter().any(follows) {
                    frame.insert(p.clone(), None);
                }
            }
        }
        self.frames.push(frame);
    }
}

/// What a template reads from its context, and what it includes.
fn scan(name: &str, source: &str) -> Scanned {
    let frames = vec![BTreeMap::new()];
    let mut scanner = Scanner {
        name,
        frames,
        out: Scanned::default(),
    };
    let mut rest = source;
    while let Some(start) = rest.find('{') {
        let tail = &rest[start..];
        let open = ["{{", "{%", "{#"].into_iter().find(|o| tail.starts_with(o));
        let Some(open) = open else {
            rest = &tail[1..];
            continue;
        };
        let after = &tail[2..];
        let after = after.strip_prefix('-').unwrap_or(after);
        if open == "{#" {
            rest = after.split_once("#}").map_or("", |(_, r)| r);
            continue;
        }
        let close = if open == "{{" { "}}" } else { "%}" };
        let (toks, len) = lex(after, close);
        rest = &after[len..];
        if open == "{{" {
            scanner.expression(&toks);
        } else if scanner.statement(&toks) {
            // `{% raw %}`: nothing is read up to `{% endraw %}`.
            let end = rest.find("endraw").map_or(rest.len(), |e| e + 6);
            rest = rest[end..].split_once("%}").map_or("", |(_, r)| r);
        }
    }
    scanner.out
}

/// Every template of the default theme, by its name (`legal/privacy.html`).
fn default_templates() -> BTreeMap<String, Scanned> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Scanned>) {
        let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("a readable folder").path();
            let file = path.file_name().unwrap().to_string_lossy();
            let name = format!("{prefix}{file}");
            if path.is_dir() {
                walk(&path, &format!("{name}/"), out);
            } else {
                let source = fs::read_to_string(&path).expect("a template as UTF-8");
                out.insert(name.clone(), scan(&name, &source));
            }
        }
    }
    let mut out = BTreeMap::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    walk(&dir, "", &mut out);
    out
}

// ---------------------------------------------------------------------
// The reference

/// A documented type: a type of `## Value types` (maybe as the elements of
/// a list), or anything else, whose fields are not checked.
#[derive(Debug, Clone, PartialEq)]
enum Ty {
    Named(String),
    List(Box<Ty>),
    Other,
}

/// `optional list of [Link](#link)` → a list of `Link`.
fn parse_type(cell: &str) -> Ty {
    let cell = cell.trim();
    let cell = cell.strip_prefix("optional ").unwrap_or(cell);
    if let Some(inner) = cell.strip_prefix("list of ") {
        return Ty::List(Box::new(parse_type(inner)));
    }
    match cell.strip_prefix('[').and_then(|c| c.split_once(']')) {
        Some((name, _)) => Ty::Named(name.to_string()),
        None => Ty::Other,
    }
}

/// A type of `## Value types`: its fields, and the types whose fields it
/// has too.
#[derive(Debug, Default)]
struct TypeDoc {
    fields: BTreeMap<String, Ty>,
    includes: Vec<String>,
}

#[derive(Debug, Default)]
struct Doc {
    globals: BTreeMap<String, Ty>,
    /// The globals and the page variables.
    shared: BTreeMap<String, Ty>,
    templates: BTreeMap<String, BTreeMap<String, Ty>>,
    types: BTreeMap<String, TypeDoc>,
}

impl Doc {
    fn parse(text: &str) -> Doc {
        let mut doc = Doc::default();
        let (mut h2, mut h3) = (String::new(), String::new());
        let mut in_code = false;
        for line in text.lines() {
            if line.starts_with("```") {
                in_code = !in_code;
            }
            if in_code || line.starts_with("```") {
                continue;
            }
            if let Some(title) = line.strip_prefix("## ") {
                (h2, h3) = (title.trim().to_string(), String::new());
            } else if let Some(title) = line.strip_prefix("### ") {
                h3 = title.trim().to_string();
                if let Some(name) = h3.strip_prefix("templates/").filter(|_| h2 == "Templates") {
                    doc.templates.entry(name.to_string()).or_default();
                } else if h2 == "Value types" {
                    doc.types.entry(h3.clone()).or_default();
                }
            } else if let Some((name, ty)) = table_row(line) {
                match (h2.as_str(), h3.strip_prefix("templates/")) {
                    ("Every template receives", _) => {
                        if h3 == "Globals" {
                            doc.globals.insert(name.clone(), ty.clone());
                        }
                        doc.shared.insert(name, ty);
                    }
                    ("Templates", Some(template)) => {
                        let table = doc.templates.entry(template.to_string()).or_default();
                        table.insert(name, ty);
                    }
                    ("Value types", _) => {
                        let t = doc.types.entry(h3.clone()).or_default();
                        match name.strip_prefix('[') {
                            Some(included) => t.includes.push(included.to_string()),
                            None => {
                                t.fields.insert(name, ty);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        doc
    }

    /// The type of `field` of type `name`, if documented.
    fn field(&self, name: &str, field: &str) -> Option<&Ty> {
        let t = self.types.get(name)?;
        t.fields
            .get(field)
            .or_else(|| t.includes.iter().find_map(|i| self.field(i, field)))
    }

    /// Whether every field of `steps`, read of a value of type `ty`, is
    /// documented; if not, how many steps lead to the first unknown one.
    fn documented_steps(&self, ty: &Ty, steps: &[Step]) -> Result<(), usize> {
        let mut ty = ty.clone();
        for (k, step) in steps.iter().enumerate() {
            ty = match (ty, step) {
                // A type without a table is reported once, not at each field.
                (Ty::Named(name), _) if !self.types.contains_key(&name) => return Ok(()),
                (Ty::Named(name), Step::Field(f)) => self.field(&name, f).cloned().ok_or(k + 1)?,
                (Ty::List(inner), Step::Index) => *inner,
                // A map, a string, an index into an object: not checked.
                _ => return Ok(()),
            };
        }
        Ok(())
    }
}

/// A table row's name (between backticks, or `[Type` for a type link) and
/// type; none for a header, a separator or a line outside a table.
fn table_row(line: &str) -> Option<(String, Ty)> {
    let cells: Vec<&str> = line.strip_prefix('|')?.split('|').map(str::trim).collect();
    let first = *cells.first()?;
    let name = match first.split('`').nth(1) {
        Some(name) => name.to_string(),
        None => {
            let (link, _) = first.strip_prefix('[')?.split_once(']')?;
            format!("[{link}")
        }
    };
    Some((name, parse_type(cells.get(1).copied().unwrap_or(""))))
}

fn read_doc() -> Doc {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/themes.md");
    Doc::parse(&fs::read_to_string(&path).expect("docs/themes.md"))
}

// ---------------------------------------------------------------------
// The checks

/// Template → what it reads that the reference does not document; under
/// "docs/themes.md", the reference's own inconsistencies.
fn undocumented(doc: &Doc, templates: &BTreeMap<String, Scanned>) -> BTreeMap<String, Vec<String>> {
    let mut problems = BTreeMap::new();
    for (name, scanned) in templates {
        problems.insert(name.clone(), template_problems(doc, name, scanned));
    }
    problems.insert("docs/themes.md".to_string(), doc_problems(doc, templates));
    problems.retain(|_, v| !v.is_empty());
    problems
}

/// What one template reads, or passes to the partials it includes, that
/// its section and the shared variables do not document.
fn template_problems(doc: &Doc, name: &str, scanned: &Scanned) -> Vec<String> {
    let mut problems = BTreeSet::new();
    let Some(own) = doc.templates.get(name) else {
        return vec![format!("no `### templates/{name}` section")];
    };
    let shared = match RENDERED_ALONE.contains(&name) {
        true => &doc.globals,
        false => &doc.shared,
    };
    for read in &scanned.reads {
        match own.get(&read.root).or_else(|| shared.get(&read.root)) {
            None => problems.insert(format!("`{}`", read.root)),
            Some(ty) => match doc.documented_steps(ty, &read.steps) {
                Ok(()) => continue,
                Err(n) => problems.insert(format!("`{}`", read.shown(n))),
            },
        };
    }
    for include in &scanned.includes {
        // A partial without a section is reported as itself.
        let Some(partial) = doc.templates.get(&include.partial) else {
            continue;
        };
        for var in partial.keys() {
            let reaches = own.contains_key(var)
                || doc.shared.contains_key(var)
                || include.locals.contains(var);
            if !reaches {
                problems.insert(format!("`{var}` for the included `{}`", include.partial));
            }
        }
    }
    problems.into_iter().collect()
}

/// Sections of templates that do not exist, and types without a table.
fn doc_problems(doc: &Doc, templates: &BTreeMap<String, Scanned>) -> Vec<String> {
    let mut problems = BTreeSet::new();
    for name in doc.templates.keys().filter(|n| !templates.contains_key(*n)) {
        problems.insert(format!("`templates/{name}`, which does not exist"));
    }
    let variables = doc.templates.values().chain([&doc.shared]);
    let types = variables
        .flat_map(|t| t.values())
        .chain(doc.types.values().flat_map(|t| t.fields.values()));
    let mut named: Vec<&String> = doc.types.values().flat_map(|t| &t.includes).collect();
    for mut ty in types {
        while let Ty::List(inner) = ty {
            ty = inner;
        }
        if let Ty::Named(n) = ty {
            named.push(n);
        }
    }
    for n in named.into_iter().filter(|n| !doc.types.contains_key(*n)) {
        problems.insert(format!("the type `{n}`, which has no `### {n}` table"));
    }
    problems.into_iter().collect()
}

#[test]
fn every_variable_the_default_templates_read_is_in_docs_themes_md() {
    let problems = undocumented(&read_doc(), &default_templates());
    let listed: Vec<String> = problems
        .iter()
        .map(|(template, what)| format!("  {template}: {}", what.join(", ")))
        .collect();
    assert!(
        problems.is_empty(),
        "docs/themes.md does not document what these templates read \
         (see its section \"How this reference is checked\"):\n{}",
        listed.join("\n")
    );
}

/// The names a template reads from the context.
fn roots(scanned: &Scanned) -> BTreeSet<&str> {
    scanned.reads.iter().map(|r| r.root.as_str()).collect()
}

#[test]
fn the_scanner_finds_the_variables_of_every_default_template() {
    let templates = default_templates();
    assert!(templates.len() >= 22, "only {} templates", templates.len());
    let roots: usize = templates.values().map(|s| roots(s).len()).sum();
    let paths: usize = templates.values().map(|s| s.reads.len()).sum();
    let includes: usize = templates.values().map(|s| s.includes.len()).sum();
    assert!(roots >= 100, "only {roots} variables read by the templates");
    assert!(paths >= 350, "only {paths} variables and fields read");
    assert!(includes >= 15, "only {includes} includes");
    for (template, read) in [
        ("base.html", "alternates[].absolute"),
        ("partnership.html", "p.members[].country.url"),
        ("partnership.html", "p.videos[].host"),
        ("legal/accessibility.html", "legal.accessibility.contact"),
        ("translations.html", "languages[].items[].fields"),
        ("home.html", "nav[].url"),
        ("card.html", "p.programme.label"),
    ] {
        let reads = &templates[template].reads;
        let found = reads.iter().any(|r| r.shown(r.steps.len()) == read);
        assert!(found, "{template}: `{read}` not found");
    }
}

/// One case a line: a template, `=>`, the names it reads from the context.
const ROOT_CASES: &str = r#"
{{ p.title }}                                                       => p
{% if title != site.title %}x{% endif %}                            => site title
{{ t.play | replace(from="{host}", to=v.host) }}                    => t v
{% if a and p.t is not containing(pat=p.a) %}{% endif %}            => a p
{% for c in cs %}{{ c.title }}{{ loop.index }}{% endfor %}          => cs
{% for k, v in pairs %}{{ k }}{{ v }}{% endfor %}{{ v }}            => pairs v
{{ nav[1].url }}{{ t[key] }}                                        => key nav t
{{ flag.width or 32 }}{{ 'a' ~ "{{ not_me }}" }}                    => flag
{% set n = total %}{% if n > 0 %}{{ n }}{% endif %}                 => total
{% set_global x = 1 %}{% for i in range(end=n) %}{{ x }}{% endfor %} => n
{% if a is defined and b is not none %}{% endif %}                  => a b
{# {{ hidden }} #}{%- if shown -%}{{- also -}}{%- endif %}          => also shown
{% raw %}{{ raw }}{% endraw %}{{ x | default(value=y) | safe }}     => x y
{{ [i.label for i in items if i.count > min] }}                     => items min
{% block b %}{% include "card.html" %}{% endblock b %}              =>
{% filter upper %}{{ a }}{% endfilter %}{{ <Badge text={b} /> }}    => a b
{{ c < d }}{% <Box title={e}> %}{{ f }}{% </Box> %}                 => c d e f
{% component tag(text, k="x") %}{{ text }}{{ c }}{% endcomponent %} => c
{{ x if cond else y }}{{ {"k": v, k2: w} }}{{ a?.b }}               => a cond v w x y
"#;

/// One case a line: a template, `=>`, the context paths it reads.
const PATH_CASES: &str = "
{% for c in p.cs %}{{ c.url }}{% endfor %}                          => p.cs p.cs[].url
{% set a = l.x %}{% set c = a.y %}{{ c.z }}                         => l.x l.x.y l.x.y.z
{% for l in ls %}{% for m in l.is %}{{ m.t }}{% endfor %}{% endfor %} => ls ls[].is ls[].is[].t
{{ nav[0].url }}                                                    => nav[].url
";

/// The cases of a table: the template, and the words expected.
fn cases(table: &str) -> impl Iterator<Item = (&str, BTreeSet<&str>)> {
    table.lines().filter(|l| !l.is_empty()).map(|line| {
        let (source, expected) = line.rsplit_once("=>").expect("a case with `=>`");
        (source.trim(), expected.split_whitespace().collect())
    })
}

#[test]
fn the_scanner_reads_roots_and_leaves_out_what_tera_binds() {
    for (source, expected) in cases(ROOT_CASES) {
        assert_eq!(roots(&scan("case", source)), expected, "in {source}");
    }
}

#[test]
fn the_scanner_follows_set_and_loop_variables_to_the_context() {
    for (source, expected) in cases(PATH_CASES) {
        let scanned = scan("case", source);
        let reads: BTreeSet<String> = scanned
            .reads
            .iter()
            .map(|r| r.shown(r.steps.len()))
            .collect();
        let reads: BTreeSet<&str> = reads.iter().map(String::as_str).collect();
        assert_eq!(reads, expected, "in {source}");
    }
}

/// A reference in the conventions of docs/themes.md, for the test below.
const SMALL_DOC: &str = "
## Every template receives
### Globals
| Variable | Type | Meaning |
|---|---|---|
| `site` | [Site](#site) | The site. |
### Page variables
| `lang` | string | The language. |
## Templates
### templates/a.html
| `p` | optional [Card](#card) | A card. |
### templates/card.html
### templates/part.html
| `x` | string | Set by the includer. |
| `y` | string | Set by the includer. |
### templates/gone.html
## Value types
### Site
| Field | Type | Meaning |
|---|---|---|
| `title` | string | Its title. |
### Card
| [Site](#site) | | Its fields, and: |
| `tags` | list of [Link](#link) | Tags. |
";

#[test]
fn what_the_reference_lacks_is_reported_by_template() {
    let templates = [
        (
            "a.html",
            r#"{{ site.title }}{{ site.name }}{{ p.title }}{{ q }}{{ lang }}
            {% for t in p.tags %}{{ t.x }}{% endfor %}{% set x = 1 %}{% include "part.html" %}"#,
        ),
        ("b.html", "{{ site.title }}"),
        // Rendered alone: the globals only.
        ("card.html", "{{ site.title }}{{ lang }}"),
        ("part.html", "{{ x }}{{ y }}"),
    ];
    let templates = templates
        .into_iter()
        .map(|(name, source)| (name.to_string(), scan(name, source)));
    let problems = undocumented(&Doc::parse(SMALL_DOC), &templates.collect());
    let expected = [
        (
            "a.html",
            &["`q`", "`site.name`", "`y` for the included `part.html`"][..],
        ),
        ("b.html", &["no `### templates/b.html` section"]),
        ("card.html", &["`lang`"]),
        (
            "docs/themes.md",
            &[
                "`templates/gone.html`, which does not exist",
                "the type `Link`, which has no `### Link` table",
            ],
        ),
    ];
    let expected =
        expected.map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()));
    assert_eq!(problems, BTreeMap::from(expected));
}
