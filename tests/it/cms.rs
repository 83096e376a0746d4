//! The web editor: `admin/config.yml` is generated from passerelle's own
//! schema (`passerelle::cms::schema`), and `admin/` exists only when
//! site.yaml enables `cms`.

use std::collections::BTreeSet;
use std::fs;

use passerelle::catalogue::{
    countries, Direction, EuStatement, InstitutionType, Kind, LinkKind, MobilityType, Role, Status,
};
use passerelle::cms::schema::{Choices, Field, Format, I18n, Widget, COLLECTIONS};
use passerelle::cms::{enum_id, DECAP_INTEGRITY, DECAP_SCRIPT, DECAP_VERSION, IDENTITY_SCRIPT};
use serde_yaml::Value;

use crate::support::{Build, SiteTest};

/// `build/basic` with the editor enabled by `cms`.
fn with_cms(cms: &str) -> SiteTest {
    let site = SiteTest::fixture("build/basic");
    let yaml = site.root().join("site.yaml");
    let mut text = fs::read_to_string(&yaml).unwrap();
    text.push_str(&format!("cms: {cms}\n"));
    fs::write(&yaml, text).unwrap();
    site
}

#[track_caller]
fn config(b: &Build) -> Value {
    let text = b.read("admin/config.yml");
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("admin/config.yml is not YAML: {e}"))
}

fn get<'a>(v: &'a Value, key: &str) -> &'a Value {
    v.get(key).unwrap_or_else(|| panic!("no `{key}` in {v:?}"))
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    get(v, key).as_str().unwrap_or_default()
}

fn seq<'a>(v: &'a Value, key: &str) -> &'a Vec<Value> {
    get(v, key)
        .as_sequence()
        .unwrap_or_else(|| panic!("`{key}` is not a list"))
}

fn ids<T: serde::Serialize>(all: &[T]) -> Vec<String> {
    all.iter().map(enum_id).collect()
}

/// The values an enum choice must offer: every variant, in order.
fn variants(choices: Choices) -> Option<Vec<String>> {
    Some(match choices {
        Choices::Kind => ids(&Kind::ALL),
        Choices::Status => ids(&Status::ALL),
        Choices::Role => ids(&Role::ALL),
        Choices::MobilityType => ids(&MobilityType::ALL),
        Choices::Direction => ids(&Direction::ALL),
        Choices::LinkKind => ids(&LinkKind::ALL),
        Choices::EuStatement => ids(&EuStatement::ALL),
        Choices::InstitutionType => ids(&InstitutionType::ALL),
        Choices::Programme => vec!["erasmus-plus".into(), "ffqcd".into()],
        Choices::Theme => return None,
        Choices::Country => return None,
    })
}

/// Compares the fields of the config with those of the schema, name for
/// name, recursively: the same fields, nothing more, with the schema's
/// widget, `required`, `i18n` and options.
/// In an optional object (`in_optional`), no field is required: Decap
/// would ask for them even when the object is left empty.
fn assert_fields(path: &str, config: &[Value], schema: &[Field], i18n: bool, in_optional: bool) {
    let names: Vec<&str> = config.iter().map(|f| str_of(f, "name")).collect();
    let expected: Vec<&str> = schema.iter().map(|f| f.name).collect();
    assert_eq!(names, expected, "{path}: the fields differ from the schema");
    for (field, f) in config.iter().zip(schema) {
        let at = format!("{path}.{}", f.name);
        // A translated field may be written in another language only:
        // the editor does not require it in the default one.
        let one_language = i18n && f.i18n == I18n::Translated;
        let required = f.required && !in_optional && !one_language;
        assert_eq!(get(field, "required").as_bool(), Some(required), "{at}");
        let expected_i18n = match f.i18n {
            I18n::Translated => Value::from(true),
            I18n::Duplicated => Value::from("duplicate"),
            I18n::Shared => Value::from(false),
        };
        match i18n {
            true => assert_eq!(get(field, "i18n"), &expected_i18n, "{at}"),
            false => assert!(field.get("i18n").is_none(), "{at} has i18n"),
        }
        assert_widget(&at, field, f, i18n);
    }
}

fn assert_widget(at: &str, field: &Value, f: &Field, i18n: bool) {
    let widget = str_of(field, "widget");
    match f.widget {
        Widget::Select(choices) | Widget::SelectMany(choices, _) => {
            assert_eq!(widget, "select", "{at}");
            let values: Vec<&str> = seq(field, "options")
                .iter()
                .map(|o| str_of(o, "value"))
                .collect();
            if let Some(expected) = variants(choices) {
                assert_eq!(values, expected, "{at}: the options are not the variants");
            }
            if choices == Choices::Country {
                let offered: BTreeSet<&str> = values.iter().copied().collect();
                let known: BTreeSet<&str> = countries::codes().collect();
                assert_eq!(offered, known, "{at}: every country code, and only those");
            }
            let many = matches!(f.widget, Widget::SelectMany(..));
            assert_eq!(
                field.get("multiple").and_then(Value::as_bool),
                many.then_some(true)
            );
        }
        Widget::List(inner) | Widget::Object(inner) => {
            let list = matches!(f.widget, Widget::List(_));
            assert_eq!(widget, if list { "list" } else { "object" }, "{at}");
            let optional_object = !list && !f.required;
            assert_fields(at, seq(field, "fields"), inner, i18n, optional_object);
        }
        Widget::Relation(target) => {
            // Chosen by name, stored as the file's name (the id): Decap's
            // relation widget shows ids and reads its own value back as a
            // change.
            assert_eq!(target, "institutions", "{at}");
            assert_eq!(widget, "select", "{at}");
            assert!(field.get("collection").is_none(), "{at}");
        }
        Widget::PerLanguage { .. } => {
            let langs: Vec<&str> = seq(field, "fields")
                .iter()
                .map(|f| str_of(f, "name"))
                .collect();
            assert_eq!(langs, ["fr", "en"], "{at}");
        }
        _ => assert!(!widget.is_empty(), "{at} has no widget"),
    }
}

#[test]
fn the_editor_config_has_every_field_of_the_schema_and_nothing_else() {
    let b = with_cms("{backend: github, repo: irts-hdf/international, branch: main}")
        .build()
        .success();
    let config = config(&b);
    let backend = get(&config, "backend");
    assert_eq!(str_of(backend, "name"), "github");
    assert_eq!(str_of(backend, "repo"), "irts-hdf/international");
    assert_eq!(str_of(backend, "branch"), "main");
    let i18n = get(&config, "i18n");
    assert_eq!(str_of(i18n, "structure"), "multiple_files");
    assert_eq!(
        seq(i18n, "locales"),
        &[Value::from("fr"), Value::from("en")]
    );
    assert_eq!(str_of(i18n, "default_locale"), "fr");
    let collections = seq(&config, "collections");
    let names: Vec<&str> = collections.iter().map(|c| str_of(c, "name")).collect();
    assert_eq!(
        names,
        ["partnerships", "institutions", "countries", "pages"]
    );
    for (c, schema) in collections.iter().zip(COLLECTIONS) {
        assert_eq!(str_of(c, "folder"), schema.folder);
        let per_language = schema.format == Format::MarkdownPerLanguage;
        let mut fields = seq(c, "fields").clone();
        if per_language {
            // The Markdown body follows the front matter, in every language.
            let body = fields.pop().expect("a body field");
            assert_eq!(str_of(&body, "name"), "body");
            assert_eq!(get(&body, "i18n"), &Value::from(true));
            assert_eq!(get(c, "i18n"), &Value::from(true));
            assert_eq!(str_of(c, "extension"), "md");
        } else {
            assert!(c.get("i18n").is_none(), "{}", schema.name);
            assert_eq!(str_of(c, "extension"), "yaml");
        }
        assert_fields(schema.name, &fields, schema.fields, per_language, false);
    }
}

#[test]
fn a_text_in_english_only_is_not_required_in_french_by_the_editor() {
    let b = with_cms("{backend: github, repo: irts-hdf/international, branch: main}")
        .build()
        .success();
    let config = config(&b);
    let collections = seq(&config, "collections");
    let field = |collection: &str, name: &str| -> Value {
        let c = collections
            .iter()
            .find(|c| str_of(c, "name") == collection)
            .unwrap();
        seq(c, "fields")
            .iter()
            .find(|f| str_of(f, "name") == name)
            .unwrap_or_else(|| panic!("{collection}.{name}"))
            .clone()
    };
    // Decap checks `required` in the default language (fr): the texts,
    // required in one language at least, are not required there, and
    // say so; the shared fields still are.
    for (collection, name) in [
        ("partnerships", "title"),
        ("partnerships", "summary"),
        ("pages", "title"),
    ] {
        let f = field(collection, name);
        assert_eq!(get(&f, "i18n"), &Value::from(true), "{collection}.{name}");
        assert_eq!(
            get(&f, "required"),
            &Value::from(false),
            "{collection}.{name}"
        );
        assert!(
            str_of(&f, "hint").starts_with("Obligatoire dans une langue au moins"),
            "{collection}.{name}: {f:?}"
        );
    }
    for name in ["kind", "programme", "themes", "status", "start", "members"] {
        let f = field("partnerships", name);
        assert_eq!(get(&f, "required"), &Value::from(true), "{name}");
        assert!(f.get("hint").is_none(), "{name}");
    }
    // An institution's name is one text, not a translation: required.
    let name = field("institutions", "name");
    assert_eq!(get(&name, "required"), &Value::from(true));
}

#[test]
fn site_choices_come_from_the_catalogue_and_institutions_are_chosen_by_name() {
    let site = with_cms("{backend: gitlab, repo: irts/international, app_id: abc123}");
    let b = site.build().success();
    let config = config(&b);
    let backend = get(&config, "backend");
    assert_eq!(str_of(backend, "auth_type"), "pkce");
    assert_eq!(str_of(backend, "app_id"), "abc123");
    let collections = seq(&config, "collections");
    let names: BTreeSet<&str> = collections.iter().map(|c| str_of(c, "name")).collect();
    let partnerships = &collections[0];
    let field = |name: &str| {
        seq(partnerships, "fields")
            .iter()
            .find(|f| str_of(f, "name") == name)
            .unwrap_or_else(|| panic!("no field `{name}`"))
            .clone()
    };
    let themes: Vec<String> = seq(&field("themes"), "options")
        .iter()
        .map(|o| str_of(o, "value").to_string())
        .collect();
    let mut expected = vec![
        "child-protection",
        "social-work-training",
        "student-mobility",
    ];
    let mut sorted = themes.clone();
    sorted.sort();
    expected.sort();
    assert_eq!(sorted, expected);
    assert_eq!(get(&field("themes"), "min"), &Value::from(1));
    // A member's institution: its name shown, its id stored, every
    // institution of the site offered.
    let members = field("members");
    let institution = seq(&members, "fields")
        .iter()
        .find(|f| str_of(f, "name") == "institution")
        .expect("members.institution")
        .clone();
    assert_eq!(str_of(&institution, "widget"), "select");
    let offered: BTreeSet<(String, String)> = seq(&institution, "options")
        .iter()
        .map(|o| {
            (
                str_of(o, "value").to_string(),
                str_of(o, "label").to_string(),
            )
        })
        .collect();
    let files: BTreeSet<String> = fs::read_dir(site.root().join("content/institutions"))
        .unwrap()
        .map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.trim_end_matches(".yaml").to_string()
        })
        .collect();
    let values: BTreeSet<String> = offered.iter().map(|(v, _)| v.clone()).collect();
    assert_eq!(values, files);
    assert!(
        offered
            .iter()
            .all(|(value, label)| !label.is_empty() && label != value),
        "{offered:?}"
    );
    assert!(!names.is_empty());
}

#[test]
fn the_editor_page_loads_decap_cms_and_no_other_page_loads_a_script_from_elsewhere() {
    let scripts = |b: &Build| -> Vec<String> {
        b.select_all("admin/index.html", "script")
            .iter()
            .map(|s| s.attr("src").unwrap_or_default().to_string())
            .collect()
    };
    let github = with_cms("{backend: github, repo: a/b}").build().success();
    assert_eq!(scripts(&github), [DECAP_SCRIPT]);
    // An exact version, checked by the browser against its hash.
    assert!(DECAP_SCRIPT.contains(&format!("@{DECAP_VERSION}/")));
    let decap = github.select_one("admin/index.html", "script[integrity]");
    assert_eq!(decap.attr("integrity"), Some(DECAP_INTEGRITY));
    assert_eq!(decap.attr("crossorigin"), Some("anonymous"));
    // Git Gateway signs editors in with Netlify's identity widget.
    let b = with_cms("{backend: git-gateway}").build().success();
    assert_eq!(scripts(&b), [IDENTITY_SCRIPT, DECAP_SCRIPT]);
    assert_eq!(
        b.select_one("admin/index.html", "meta[name=robots]")
            .attr("content"),
        Some("noindex")
    );
    let backend = get(&config(&b), "backend").clone();
    assert_eq!(str_of(&backend, "name"), "git-gateway");
    assert!(backend.get("repo").is_none());
    for file in b.html_files().iter().filter(|f| *f != "admin/index.html") {
        for script in b.select_all(file, "script[src]") {
            let src = script.attr("src").unwrap_or_default();
            assert!(!src.contains("://"), "{file} loads {src}");
        }
    }
}

#[test]
fn no_editor_without_cms() {
    for cms in [None, Some("false")] {
        let site = match cms {
            Some(cms) => with_cms(cms),
            None => SiteTest::fixture("build/basic"),
        };
        let b = site.build().success();
        assert!(
            !b.files().iter().any(|f| f.starts_with("admin/")),
            "cms: {cms:?} wrote admin/"
        );
    }
}

#[test]
fn cms_settings_are_checked_with_the_field_named() {
    let cases = [
        ("true", "`cms: true` does not say where the editor saves"),
        ("{backend: github}", "the `github` editor needs `repo`"),
        (
            "{backend: github, repo: not a repo}",
            "expected a repository `owner/name`, found `not a repo`",
        ),
        ("{backend: bitbucket, repo: a/b}", "bitbucket"),
        ("{backend: github, repo: a/b, brnach: dev}", "brnach"),
        (
            "{backend: github, repo: a/b, auth_url: auth.example.org}",
            "expected an http(s) address, found `auth.example.org`",
        ),
    ];
    for (cms, message) in cases {
        let run = with_cms(cms).run(&["check"]).code(1);
        assert!(
            run.stderr.contains(message),
            "cms: {cms}: expected `{message}` in:\n{}",
            run.stderr
        );
        assert!(run.stderr.contains("site.yaml"), "{}", run.stderr);
    }
}
