//! A small scanner of tera templates: the variables each template reads,
//! the paths it reads of them (following `set` and loop variables back to
//! the context) and the templates it includes.

use super::*;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Ident(String),
    Str(String),
    Num,
    Op(String),
}

pub(super) fn op(t: &Tok, s: &str) -> bool {
    matches!(t, Tok::Op(o) if o == s)
}

pub(super) fn ident(t: &Tok, s: &str) -> bool {
    matches!(t, Tok::Ident(i) if i == s)
}

/// The tokens inside a tag that starts at `s`, up to the tag's `close`
/// (`}}` or `%}`, with or without `-`), and the length read.
pub(super) fn lex(s: &str, close: &str) -> (Vec<Tok>, usize) {
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
pub(super) enum Step {
    Field(String),
    Index,
}

/// A variable read with the fields read of it: `p.members[].country`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Read {
    pub(super) root: String,
    pub(super) steps: Vec<Step>,
}

impl Read {
    /// The read as far as its first `n` steps, as the report shows it.
    pub(super) fn shown(&self, n: usize) -> String {
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
pub(super) fn steps_after(toks: &[Tok], mut i: usize) -> (Vec<Step>, usize) {
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
pub(super) fn ends_operand(t: &Tok) -> bool {
    matches!(t, Tok::Ident(_) | Tok::Str(_) | Tok::Num) || op(t, ")") || op(t, "]")
}

/// The variables an expression reads: names that are not keywords, filter,
/// test, function or component names, argument names, map keys, nor the
/// variables of a list comprehension.
pub(super) fn expression_reads(toks: &[Tok]) -> Vec<Read> {
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
pub(super) fn single_read(toks: &[Tok]) -> Option<Read> {
    let Some(Tok::Ident(root)) = toks.first() else {
        return None;
    };
    let (steps, end) = steps_after(toks, 1);
    let root = root.clone();
    (end == toks.len() && !KEYWORDS.contains(&root.as_str())).then_some(Read { root, steps })
}

/// A `{% include %}` and the names set or looped over where it stands.
#[derive(Debug)]
pub(super) struct Include {
    pub(super) partial: String,
    pub(super) locals: BTreeSet<String>,
}

/// What a template reads from its context, and what it includes.
#[derive(Debug, Default)]
pub(super) struct Scanned {
    /// Reads of the template's own variables are followed to the context:
    /// `c.url` in `{% for c in p.countries %}` is `p.countries[].url`.
    pub(super) reads: BTreeSet<Read>,
    pub(super) includes: Vec<Include>,
}

/// Reads a template's tags in order. Its variables are kept in frames:
/// the template's own, then one for each loop or component it is in. A
/// name bound to a context read stands for it; one bound to anything else
/// (`{% set h = 3 %}`) is no context variable.
pub(super) struct Scanner<'a> {
    pub(super) name: &'a str,
    pub(super) frames: Vec<BTreeMap<String, Option<Read>>>,
    pub(super) out: Scanned,
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
pub(super) fn scan(name: &str, source: &str) -> Scanned {
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
pub(super) fn default_templates() -> BTreeMap<String, Scanned> {
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
