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

mod scan;

use scan::*;

/// Templates passerelle also renders on their own, with their variables
/// and the globals only (see `card_html` in src/render/cards.rs).
const RENDERED_ALONE: &[&str] = &["card.html"];

/// Names that are part of tera's syntax, never variables.
const KEYWORDS: &[&str] = &[
    "and", "or", "not", "in", "is", "if", "else", "for", "true", "false", "True", "False", "none",
    "None", "null", "loop", "self",
];

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
