//! The wording of resolution problems that need more than one line to
//! build: what to write for a missing field, the ids a reference may take,
//! the value a field is written with. Kept apart so that `resolve` reads
//! as the list of checks it makes.

use crate::diagnostics::{closest, Text};
use crate::text;

use super::countries;

/// At most this many ids are listed in a hint; more would not be read.
const LISTED_IDS: usize = 8;

/// `a, b, c` or `a, b, c, …` for a hint.
pub fn id_list<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = ids.into_iter().collect();
    let mut shown = ids[..ids.len().min(LISTED_IDS)].join(", ");
    if ids.len() > LISTED_IDS {
        shown.push_str(", …");
    }
    shown
}

/// "did you mean `x`?" when one id is close, else where the ids are
/// defined and which they are (`file` is where the ids are written).
pub fn unknown_id_hint<'a>(
    wrong: &str,
    ids: impl IntoIterator<Item = &'a str> + Clone,
    file: &str,
) -> Text {
    match closest(wrong, ids.clone()) {
        Some(id) => text!("did you mean `{id}`?", "vouliez-vous dire `{id}` ?"),
        None => {
            let all = id_list(ids);
            if all.is_empty() {
                text!(
                    "no id is defined yet: add `{wrong}` to `{file}`",
                    "aucun identifiant n'est encore défini : ajoutez `{wrong}` à `{file}`"
                )
            } else {
                text!(
                    "the ids defined in `{file}` are: {all}",
                    "les identifiants définis dans `{file}` sont : {all}"
                )
            }
        }
    }
}

/// What to write for a required field that is missing, with an example
/// taken from the site's own ids where there are some.
pub fn missing_field_hint(field: &str, programmes: &[&str], themes: &[&str]) -> Text {
    fn first<'a>(ids: &[&'a str], default: &'a str) -> &'a str {
        ids.first().copied().unwrap_or(default)
    }
    let (example, what_en, what_fr) = match field {
        "kind" => (
            "kind: erasmus_mobility".to_string(),
            "one of: erasmus_mobility, eu_project, cross_border, bilateral, network, decentralised_cooperation".to_string(),
            "au choix : erasmus_mobility, eu_project, cross_border, bilateral, network, decentralised_cooperation".to_string(),
        ),
        "programme" => (
            format!("programme: {}", first(programmes, "erasmus-plus")),
            format!("an id of `content/taxonomies/programmes.yaml`: {}", id_list(programmes.iter().copied())),
            format!("un identifiant de `content/taxonomies/programmes.yaml` : {}", id_list(programmes.iter().copied())),
        ),
        "themes" => (
            format!("themes: [{}]", first(themes, "social-work-training")),
            format!("ids of `content/taxonomies/themes.yaml`: {}", id_list(themes.iter().copied())),
            format!("des identifiants de `content/taxonomies/themes.yaml` : {}", id_list(themes.iter().copied())),
        ),
        "status" => (
            "status: ongoing".to_string(),
            "one of: planned, ongoing, ended".to_string(),
            "au choix : planned, ongoing, ended".to_string(),
        ),
        "start" => (
            "start: 2024-09".to_string(),
            "a date written YYYY, YYYY-MM or YYYY-MM-DD".to_string(),
            "une date écrite AAAA, AAAA-MM ou AAAA-MM-JJ".to_string(),
        ),
        "members" => (
            "members: [{institution: <id>, role: coordinator}]".to_string(),
            "one item per institution, its id from `content/institutions/`".to_string(),
            "un élément par établissement, avec son identifiant pris dans `content/institutions/`".to_string(),
        ),
        "summary" => (
            "summary: …".to_string(),
            "one or two sentences, at most 300 characters".to_string(),
            "une ou deux phrases, 300 caractères au plus".to_string(),
        ),
        _ => (
            format!("{field}: …"),
            "in this file's language".to_string(),
            "dans la langue de ce fichier".to_string(),
        ),
    };
    text!(
        "add a line such as `{example}` before this `---` ({what_en})",
        "ajoutez une ligne comme `{example}` avant ce `---` ({what_fr})"
    )
}

/// The value of a top-level `field:` as written on its line, when it fits
/// on that line (`start: 2014-09` → `2014-09`).
pub fn written_value(yaml: &str, field: &str) -> Option<String> {
    yaml.lines().find_map(|line| {
        let rest = line.strip_prefix(field)?.trim_start().strip_prefix(':')?;
        let value = rest.split(" #").next().unwrap_or(rest).trim();
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// The hint for an unknown country code: its code when a country's name
/// was written (`Belgique` → `be`), else the closest code.
pub fn country_hint(code: &str) -> Text {
    if let Some(found) = countries::code_for_name(code) {
        return text!(
            "`{code}` is a country's name; write its code: `{found}`",
            "`{code}` est le nom d'un pays ; écrivez son code : `{found}`"
        );
    }
    match closest(code, countries::codes()) {
        Some(found) => text!("did you mean `{found}`?", "vouliez-vous dire `{found}` ?"),
        None => text!(
            "write an ISO 3166 code in lower case: `be`, `de`, or `ca-qc` for Québec",
            "écrivez un code ISO 3166 en minuscules : `be`, `de`, ou `ca-qc` pour le Québec"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_name_what_to_write() {
        let cases = [
            (country_hint("Belgique").en, "`Belgique` is a country's name; write its code: `be`"),
            (country_hint("germany").en, "`germany` is a country's name; write its code: `de`"),
            (country_hint("Québec").en, "`Québec` is a country's name; write its code: `ca-qc`"),
            (country_hint("BE").en, "did you mean `be`?"),
            (unknown_id_hint("erasmus", ["erasmus-plus", "ffqcd"], "x.yaml").en, "did you mean `erasmus-plus`?"),
            (unknown_id_hint("interreg", ["erasmus-plus", "ffqcd"], "x.yaml").en, "the ids defined in `x.yaml` are: erasmus-plus, ffqcd"),
            (unknown_id_hint("interreg", [], "x.yaml").en, "no id is defined yet: add `interreg` to `x.yaml`"),
            (missing_field_hint("programme", &["erasmus-plus"], &[]).en, "add a line such as `programme: erasmus-plus` before this `---` (an id of `content/taxonomies/programmes.yaml`: erasmus-plus)"),
        ];
        for (got, expected) in cases {
            assert_eq!(got, expected);
        }
        let yaml = "title: A\nstart: 2014-09 # the first call\nmembers:\n  - x\n";
        assert_eq!(written_value(yaml, "start").as_deref(), Some("2014-09"));
        assert_eq!(written_value(yaml, "members"), None);
        assert_eq!(written_value(yaml, "end"), None);
    }
}
