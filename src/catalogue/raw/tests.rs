//! The tests that hold each raw struct and its table of fields together:
//! what serde reads, what serde writes and what the table says are the
//! same fields, in the same order, with the same choices.

use std::collections::BTreeSet;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_yaml::{Mapping, Value};

use super::field::{Choices, Field, I18n, Widget};
use super::values::{
    Direction, EuStatement, InstitutionType, Kind, LinkKind, MobilityType, Role, Status,
};
use super::*;

/// The id serde gives an enum value (`eu_project`, `SMS`).
fn enum_id<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(id)) => id,
        _ => String::new(),
    }
}

/// The names serde lists in its "unknown …, expected one of `a`, `b`"
/// message: the fields a struct accepts, or the variants of an enum.
fn accepted<T: DeserializeOwned>(probe: &str) -> BTreeSet<String> {
    let error = match serde_yaml::from_str::<T>(probe) {
        Ok(_) => panic!("`{probe}` was accepted"),
        Err(e) => e.to_string(),
    };
    let expected = error.split("expected").nth(1).unwrap_or_default();
    let names: BTreeSet<String> = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    assert!(!names.is_empty(), "no names in: {error}");
    names
}

fn fields<T: DeserializeOwned>() -> BTreeSet<String> {
    accepted::<T>("__probe__: 0")
}

fn names(table: &[Field]) -> BTreeSet<String> {
    table.iter().map(|f| f.name.to_string()).collect()
}

/// A value every widget accepts, of the type `check` reads.
fn sample(widget: Widget) -> Value {
    let first = |ids: Vec<String>| Value::from(ids[0].clone());
    match widget {
        Widget::String | Widget::Text(_) | Widget::Markdown | Widget::Slug => "x".into(),
        Widget::Image | Widget::Relation(_) => "x".into(),
        Widget::Boolean => true.into(),
        Widget::Integer => 2024.into(),
        Widget::Number => 1.5.into(),
        Widget::Date => "2024-03".into(),
        Widget::Coordinates => serde_yaml::from_str("[50.63, 5.57]").expect("two numbers"),
        Widget::Select(c) => first(ids(c)),
        Widget::SelectMany(c, _) => Value::Sequence(vec![first(ids(c))]),
        Widget::List(table) => Value::Sequence(vec![front_matter(table)]),
        Widget::Object(table) => front_matter(table),
        Widget::PerLanguage { .. } => {
            serde_yaml::from_str("{fr: x, en: x}").expect("a map of texts")
        }
    }
}

fn ids(choices: Choices) -> Vec<String> {
    let all = |v: Vec<String>| v;
    match choices {
        Choices::Kind => all(Kind::ALL.iter().map(enum_id).collect()),
        Choices::Status => all(Status::ALL.iter().map(enum_id).collect()),
        Choices::Role => all(Role::ALL.iter().map(enum_id).collect()),
        Choices::MobilityType => all(MobilityType::ALL.iter().map(enum_id).collect()),
        Choices::Direction => all(Direction::ALL.iter().map(enum_id).collect()),
        Choices::LinkKind => all(LinkKind::ALL.iter().map(enum_id).collect()),
        Choices::EuStatement => all(EuStatement::ALL.iter().map(enum_id).collect()),
        Choices::InstitutionType => all(InstitutionType::ALL.iter().map(enum_id).collect()),
        Choices::Programme | Choices::Theme => vec!["x".to_string()],
        Choices::Country => vec!["be".to_string()],
    }
}

/// Every field of `table`, each with a sample value.
fn front_matter(table: &[Field]) -> Value {
    let m: Mapping = table
        .iter()
        .map(|f| (Value::from(f.name), sample(f.widget)))
        .collect();
    Value::Mapping(m)
}

fn deserialises<T: DeserializeOwned>(table: &[Field]) {
    let yaml = serde_yaml::to_string(&front_matter(table)).unwrap();
    if let Err(e) = serde_yaml::from_str::<T>(&yaml) {
        panic!("the table of fields writes what check refuses: {e}\n{yaml}");
    }
}

#[test]
fn every_field_of_the_tables_is_read_by_check() {
    deserialises::<RawPartnership>(RawPartnership::FIELDS);
    deserialises::<RawPage>(RawPage::FIELDS);
    deserialises::<RawInstitution>(RawInstitution::FIELDS);
    deserialises::<RawCountry>(RawCountry::FIELDS);
}

#[test]
fn every_field_check_reads_is_in_the_tables() {
    let cases = [
        (
            "partnership",
            names(RawPartnership::FIELDS),
            fields::<RawPartnership>(),
        ),
        ("page", names(RawPage::FIELDS), fields::<RawPage>()),
        (
            "institution",
            names(RawInstitution::FIELDS),
            fields::<RawInstitution>(),
        ),
        ("country", names(RawCountry::FIELDS), fields::<RawCountry>()),
        ("members", names(Member::FIELDS), fields::<Member>()),
        ("mobility", names(Mobility::FIELDS), fields::<Mobility>()),
        ("funding", names(Funding::FIELDS), fields::<Funding>()),
        (
            "contacts",
            names(RawContact::FIELDS),
            fields::<RawContact>(),
        ),
        ("links", names(RawLink::FIELDS), fields::<RawLink>()),
        ("videos", names(RawVideo::FIELDS), fields::<RawVideo>()),
        ("logo", names(RawLogo::FIELDS), fields::<RawLogo>()),
        ("image", names(RawImage::FIELDS), fields::<RawImage>()),
        (
            "eu_funding",
            names(EuFunding::FIELDS),
            fields::<EuFunding>(),
        ),
    ];
    for (what, schema, read) in cases {
        assert_eq!(
            schema, read,
            "{what}: table (left) and check (right) differ"
        );
    }
}

#[test]
fn enum_choices_are_every_variant() {
    let cases = [
        (Choices::Kind, accepted::<Kind>("__probe__")),
        (Choices::Status, accepted::<Status>("__probe__")),
        (Choices::Role, accepted::<Role>("__probe__")),
        (Choices::MobilityType, accepted::<MobilityType>("__probe__")),
        (Choices::Direction, accepted::<Direction>("__probe__")),
        (Choices::LinkKind, accepted::<LinkKind>("__probe__")),
        (Choices::EuStatement, accepted::<EuStatement>("__probe__")),
        (
            Choices::InstitutionType,
            accepted::<InstitutionType>("__probe__"),
        ),
    ];
    for (choices, variants) in cases {
        let listed: BTreeSet<String> = ids(choices).into_iter().collect();
        assert_eq!(listed, variants, "{choices:?}");
        assert_eq!(
            ids(choices).len(),
            variants.len(),
            "{choices:?} repeats a value"
        );
    }
}

#[test]
fn translated_fields_follow_the_design() {
    // DESIGN §2: T fields, and the translated sub-fields of S lists.
    let translated = |table: &[Field]| -> BTreeSet<&str> {
        table
            .iter()
            .filter(|f| f.i18n == I18n::Translated)
            .map(|f| f.name)
            .collect()
    };
    let expected = [
        "title",
        "summary",
        "slug",
        "beneficiaries",
        "contacts",
        "links",
        "videos",
        "logo",
        "image",
    ];
    assert_eq!(
        translated(RawPartnership::FIELDS),
        expected.into_iter().collect()
    );
    for (table, field) in [
        (RawContact::FIELDS, "role"),
        (RawLink::FIELDS, "label"),
        (RawVideo::FIELDS, "title"),
        (RawLogo::FIELDS, "alt"),
        (RawImage::FIELDS, "alt"),
    ] {
        assert_eq!(translated(table), [field].into_iter().collect());
        assert!(table.iter().all(|f| f.i18n != I18n::Shared), "{field}");
    }
    assert!(RawPage::FIELDS.iter().all(|f| f.i18n == I18n::Translated));
}

/// A partnership with every field set, every list with one item with
/// every field set: what import could write at most. A field of the table
/// left unset here is not written, so the comparison with the table fails
/// until it is set; a field of the struct missing from the table fails
/// `every_field_check_reads_is_in_the_tables`.
fn filled_partnership() -> RawPartnership {
    let text = || Some("x".to_string());
    let date = PartialDate::parse("2024-03").ok();
    RawPartnership {
        title: text(),
        summary: text(),
        slug: text(),
        acronym: text(),
        kind: Some(Kind::EuProject),
        programme: text(),
        action: text(),
        project_ref: text(),
        themes: Some(vec!["x".into()]),
        status: Some(Status::Ongoing),
        first_agreement: Some(2014),
        start: date,
        end: date,
        countries: Some(vec!["be".into()]),
        members: Some(vec![Member {
            institution: "x".into(),
            role: Role::Partner,
        }]),
        mobility: Some(vec![Mobility {
            kind: MobilityType::Sms,
            direction: Direction::Both,
            places: Some(2),
            months: Some(1.5),
        }]),
        funding: Some(vec![Funding {
            funder: "x".into(),
            amount: 1.5,
            currency: "EUR".into(),
            year: Some(2024),
        }]),
        eu_funding: Some(EuFunding {
            statement: EuStatement::CoFunded,
            authority: text(),
        }),
        beneficiaries: text(),
        featured: Some(true),
        draft: Some(true),
        ..filled_labelled()
    }
}

/// The lists and the map whose items have a translated label, filled.
fn filled_labelled() -> RawPartnership {
    let text = || Some("x".to_string());
    RawPartnership {
        contacts: Some(vec![RawContact {
            name: text(),
            role: text(),
            email: text(),
            phone: text(),
            public: Some(true),
        }]),
        links: Some(vec![RawLink {
            url: text(),
            label: text(),
            kind: Some(LinkKind::Press),
        }]),
        videos: Some(vec![RawVideo {
            url: text(),
            title: text(),
        }]),
        logo: Some(RawLogo {
            file: text(),
            alt: text(),
        }),
        image: Some(RawImage {
            file: text(),
            alt: text(),
            credit: text(),
        }),
        ..RawPartnership::default()
    }
}

/// The keys a struct is written with, in order, compared with its table,
/// and the same for the items of its lists and maps.
fn assert_written_as_table(what: &str, value: &Value, table: &[Field]) {
    let Value::Mapping(map) = value else {
        panic!("{what}: not written as a map: {value:?}");
    };
    let keys: Vec<&str> = map.keys().filter_map(Value::as_str).collect();
    let names: Vec<&str> = table.iter().map(|f| f.name).collect();
    assert_eq!(
        keys, names,
        "{what}: written (left) and table (right) differ"
    );
    for f in table {
        let (Some(inner), Some(value)) = (f.inner(), map.get(f.name)) else {
            continue;
        };
        let value = match value {
            Value::Sequence(items) => &items[0],
            other => other,
        };
        assert_written_as_table(&format!("{what}.{}", f.name), value, inner);
    }
}

/// A struct as serde writes it.
fn written<T: Serialize>(value: &T) -> Value {
    serde_yaml::to_value(value).expect("a struct of plain values")
}

#[test]
fn a_filled_struct_is_written_with_the_fields_of_its_table_in_order() {
    assert_written_as_table(
        "partnership",
        &written(&filled_partnership()),
        RawPartnership::FIELDS,
    );
    let text = || Some("x".to_string());
    let lang_text: LangText = [("fr".to_string(), "x".to_string())].into();
    let page = RawPage {
        title: "x".into(),
        slug: text(),
        summary: text(),
    };
    assert_written_as_table("page", &written(&page), RawPage::FIELDS);
    let country = RawCountry {
        name: lang_text.clone(),
        intro: lang_text.clone(),
        flag: text(),
    };
    assert_written_as_table("country", &written(&country), RawCountry::FIELDS);
    let institution = RawInstitution {
        name: "x".into(),
        name_lang: text(),
        short_name: text(),
        kind: InstitutionType::University,
        country: "be".into(),
        city: text(),
        website: text(),
        logo: text(),
        coordinates: Some(vec![50.63, 5.57]),
        description: lang_text,
    };
    assert_written_as_table(
        "institution",
        &written(&institution),
        RawInstitution::FIELDS,
    );
}

#[test]
fn an_empty_partnership_writes_nothing() {
    let yaml = serde_yaml::to_string(&RawPartnership::default()).unwrap();
    assert_eq!(yaml.trim(), "{}");
}

#[test]
fn the_shared_fields_are_those_of_the_table() {
    let shared: Vec<&str> = RawPartnership::FIELDS
        .iter()
        .filter(|f| f.i18n == I18n::Shared)
        .map(|f| f.name)
        .collect();
    assert_eq!(shared, SHARED_FIELDS);
}
