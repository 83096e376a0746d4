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
        if countries::lookup(found).is_some_and(|c| c.parent.is_some()) {
            return text!(
                "`{code}` is a region's name; write its code: `{found}`",
                "`{code}` est le nom d'une région ; écrivez son code : `{found}`"
            );
        }
        return text!(
            "`{code}` is a country's name; write its code: `{found}`",
            "`{code}` est le nom d'un pays ; écrivez son code : `{found}`"
        );
    }
    if let Some(hint) = common_country_mistake(code) {
        return hint;
    }
    match closest(code, countries::codes()) {
        Some(found) => text!("did you mean `{found}`?", "vouliez-vous dire `{found}` ?"),
        None => text!(
            "write an ISO 3166 code in lower case: `be`, `de`, or `ca-qc` for Québec",
            "écrivez un code ISO 3166 en minuscules : `be`, `de`, ou `ca-qc` pour le Québec"
        ),
    }
}

/// Codes people write for a country that ISO 3166 writes otherwise: a
/// language's code, a common abbreviation, a three-letter code, or a
/// region without its country (`qc` for `ca-qc`).
fn common_country_mistake(written: &str) -> Option<Text> {
    let code = written.trim().to_lowercase();
    let (right, en, fr) = match code.as_str() {
        "uk" | "en" | "eng" | "gbr" => (
            "gb",
            "the ISO code of the United Kingdom is `gb`",
            "le code ISO du Royaume-Uni est `gb`",
        ),
        "el" | "grc" => (
            "gr",
            "`el` is the code of the Greek language; the country Greece is `gr`",
            "`el` est le code de la langue grecque ; le pays, la Grèce, s'écrit `gr`",
        ),
        "sp" | "esp" => ("es", "Spain is `es`", "l'Espagne s'écrit `es`"),
        "ger" | "deu" | "al" => ("de", "Germany is `de`", "l'Allemagne s'écrit `de`"),
        "sw" | "swe" | "sv" => ("se", "Sweden is `se`", "la Suède s'écrit `se`"),
        "fra" => ("fr", "France is `fr`", "la France s'écrit `fr`"),
        "bel" => ("be", "Belgium is `be`", "la Belgique s'écrit `be`"),
        "ita" => ("it", "Italy is `it`", "l'Italie s'écrit `it`"),
        "prt" | "po" => ("pt", "Portugal is `pt`", "le Portugal s'écrit `pt`"),
        "lux" => ("lu", "Luxembourg is `lu`", "le Luxembourg s'écrit `lu`"),
        "mar" | "mo" => ("ma", "Morocco is `ma`", "le Maroc s'écrit `ma`"),
        "rou" | "rum" => ("ro", "Romania is `ro`", "la Roumanie s'écrit `ro`"),
        "can" => ("ca", "Canada is `ca`", "le Canada s'écrit `ca`"),
        "che" | "sz" => ("ch", "Switzerland is `ch`", "la Suisse s'écrit `ch`"),
        _ => return region_without_country(&code),
    };
    Some(text!("{en}: write `{right}`", "{fr} : écrivez `{right}`"))
}

/// `qc` → `ca-qc`: a region's code written without its country's.
fn region_without_country(code: &str) -> Option<Text> {
    let suffix = format!("-{code}");
    let mut found = countries::codes().filter(|c| c.ends_with(&suffix));
    let (Some(region), None) = (found.next(), found.next()) else {
        return None;
    };
    let name = countries::builtin_name(region, crate::types::lang::Lang::Fr).unwrap_or_default();
    let name_en = countries::builtin_name(region, crate::types::lang::Lang::En).unwrap_or_default();
    Some(text!(
        "`{code}` is the code of {name_en} within its country: write `{region}`",
        "`{code}` est le code de la région {name} dans son pays : écrivez `{region}`"
    ))
}

/// The id of a reference written by the name of what it refers to
/// (`Haute École Libre Mosane` or `HELMo` → `helmo`, `Mobilité étudiante`
/// → `student-mobility`), else the id closest in spelling, by id or by name.
pub fn by_name<'a>(
    wrong: &str,
    named: impl IntoIterator<Item = (&'a str, Vec<&'a str>)> + Clone,
) -> Option<Text> {
    let folded = crate::types::text::slugify(wrong);
    let ids: Vec<&str> = named.clone().into_iter().map(|(id, _)| id).collect();
    if let Some(id) = ids.iter().find(|id| **id == wrong.to_lowercase()) {
        return Some(text!(
            "write the id in lower case: `{id}`",
            "écrivez l'identifiant en minuscules : `{id}`"
        ));
    }
    if let Some(id) = closest(wrong, ids.iter().copied()) {
        return Some(text!("did you mean `{id}`?", "vouliez-vous dire `{id}` ?"));
    }
    let exact = named.clone().into_iter().find(|(id, names)| {
        *id == folded
            || names
                .iter()
                .any(|n| crate::types::text::slugify(n) == folded)
    });
    if let Some((id, _)) = exact {
        return Some(text!(
            "`{wrong}` is the name of `{id}`; write its id: `{id}`",
            "`{wrong}` est le nom de `{id}` ; écrivez son identifiant : `{id}`"
        ));
    }
    let by_spelling = named.into_iter().find_map(|(id, names)| {
        let names: Vec<String> = names
            .iter()
            .map(|n| crate::types::text::slugify(n))
            .collect();
        closest(&folded, names.iter().map(String::as_str)).map(|_| id)
    })?;
    Some(text!(
        "did you mean `{by_spelling}`?",
        "vouliez-vous dire `{by_spelling}` ?"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_name_what_to_write() {
        let cases = [
            (country_hint("Belgique").en, "`Belgique` is a country's name; write its code: `be`"),
            (country_hint("germany").en, "`germany` is a country's name; write its code: `de`"),
            (country_hint("Québec").en, "`Québec` is a region's name; write its code: `ca-qc`"),
            (country_hint("BE").en, "did you mean `be`?"),
            (country_hint("qc").fr, "`qc` est le code de la région Québec (Canada) dans son pays : écrivez `ca-qc`"),
            (country_hint("uk").en, "the ISO code of the United Kingdom is `gb`: write `gb`"),
            (country_hint("el").fr, "`el` est le code de la langue grecque ; le pays, la Grèce, s'écrit `gr` : écrivez `gr`"),
            (country_hint("québec").en, "`québec` is a region's name; write its code: `ca-qc`"),
            (by_name("Haute École Libre Mosane", [("helmo", vec!["Haute École Libre Mosane", "HELMo"])]).unwrap().en, "`Haute École Libre Mosane` is the name of `helmo`; write its id: `helmo`"),
            (by_name("HELMo", [("helmo", vec!["Haute École Libre Mosane", "HELMo"])]).unwrap().en, "write the id in lower case: `helmo`"),
            (by_name("Mobilite etudiante", [("student-mobility", vec!["Mobilité étudiante", "Student mobility"])]).unwrap().en, "`Mobilite etudiante` is the name of `student-mobility`; write its id: `student-mobility`"),
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
