//! The parser's own tests, so that the architecture tests cannot pass
//! because nothing was read.

use super::parse::*;
use super::*;

#[test]
pub(super) fn the_parser_reads_the_whole_crate() {
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
pub(super) fn toy_modules() -> Modules {
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

pub(super) fn split(path: &str) -> Vec<String> {
    path.split("::")
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// A module of [`toy_modules`], a source and the modules it imports.
pub(super) type ImportCase = (&'static str, &'static str, &'static [&'static str]);

pub(super) const IMPORT_CASES: &[ImportCase] = &[
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
pub(super) fn imports_are_read_from_use_trees_and_inline_paths() {
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
pub(super) fn an_import_is_found_on_its_line() {
    let source = "use crate::{\n    a,\n    d::X,\n};\n\nfn f() {\n    crate::render::g();\n}\n";
    let found = crate_imports(source, &split("m"), &toy_modules());
    let lines: Vec<usize> = found.iter().map(|(_, line)| *line).collect();
    assert_eq!(lines, [2, 3, 7]);
}

#[test]
pub(super) fn exported_macros_are_found() {
    let source =
        "#[macro_export]\nmacro_rules! text {\n    () => {};\n}\nmacro_rules! local { () => {}; }";
    assert_eq!(exported_macros(source), ["text"]);
}

/// A source and its functions: name, line of `fn`, length.
pub(super) type FunctionCase = (&'static str, &'static [(&'static str, usize, usize)]);

pub(super) const FUNCTION_CASES: &[FunctionCase] = &[
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
pub(super) fn functions_are_measured_from_fn_to_closing_brace() {
    for (source, expected) in FUNCTION_CASES {
        let found = function_lengths(source);
        let found: Vec<(&str, usize, usize)> =
            found.iter().map(|(n, l, c)| (n.as_str(), *l, *c)).collect();
        assert_eq!(found, *expected, "{source}");
    }
}
