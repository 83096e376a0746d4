//! Every one-character slip in a real front matter (a tab, a quote, a
//! bracket, a colon, a Word space… inserted at the start, after the
//! colon or at the end of each line, or a character deleted) gives a
//! message in passerelle's words: none of the YAML library's own reaches
//! the editor, in either language.

use serde::Deserialize;

use super::file::partnership_file;
use super::parse_yaml;
use crate::types::date::PartialDate;

const YAML: &str = "title: Mobilités Erasmus+ avec HELMo
summary: Échanges d'étudiants et d'enseignants en travail social avec Liège.
kind: erasmus_mobility
programme: erasmus-plus
themes: [social-work-training, student-mobility]
status: ongoing
start: 2014-09
end: 2099-06
members:
  - {institution: irts-hdf, role: coordinator}
  - {institution: helmo, role: partner}
funding:
  - {funder: Agence Erasmus+ France, amount: 15000, currency: EUR, year: 2024}
links:
  - url: \"https://www.helmo.be/\"
    label: HELMo
";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Front {
    title: String,
    summary: Option<String>,
    kind: Option<String>,
    programme: Option<String>,
    themes: Option<Vec<String>>,
    status: Option<Status>,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    members: Option<Vec<Member>>,
    funding: Option<Vec<Funding>>,
    links: Option<Vec<Link>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Status {
    Planned,
    Ongoing,
    Ended,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Member {
    institution: String,
    role: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Funding {
    funder: String,
    amount: Option<f64>,
    currency: Option<String>,
    year: Option<u16>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Link {
    url: String,
    label: Option<String>,
}

/// Words of the YAML and serde libraries.
const LIBRARY_WORDS: &[&str] = &[
    "could not find",
    "did not find",
    "mapping values",
    "while parsing",
    "while scanning",
    "invalid type",
    "invalid value",
    "invalid length",
    "cannot start any token",
    "unknown variant",
    "found unexpected",
    "block sequence",
    "block mapping",
    "flow sequence",
    "flow mapping",
    "scalar",
    "anchor",
    "alias",
    "tag",
    "f64",
    "u16",
    "struct ",
    "sequence",
];

/// The slips tried at each place.
const SLIPS: &[&str] = &[
    "\t", "\u{a0}", "\u{200b}", "\"", "'", "[", "]", "{", "}", ":", ",", "@", "*", "&", "!", "%",
    "|", ">", "`", "#", "•", "“", "- ", "  ", "?",
];

fn variants() -> Vec<String> {
    let lines: Vec<&str> = YAML.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let colon = line.find(": ").map_or(0, |c| c + 2);
        let places = [0, colon, line.len()];
        let with = |new: String| {
            let mut copy: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            copy[i] = new;
            copy.join("\n") + "\n"
        };
        for slip in SLIPS {
            for at in places {
                out.push(with(format!("{}{slip}{}", &line[..at], &line[at..])));
            }
        }
        if let Some((at, c)) = line.char_indices().nth(colon.max(1) - 1) {
            out.push(with(format!(
                "{}{}",
                &line[..at],
                &line[at + c.len_utf8()..]
            )));
        }
    }
    out
}

#[test]
fn no_slip_shows_the_words_of_the_yaml_library() {
    let file = partnership_file(YAML);
    assert!(parse_yaml::<Front>(&file, YAML, 1).is_ok());
    let mut shown = Vec::new();
    for yaml in variants() {
        let file = partnership_file(&yaml);
        let Err(d) = parse_yaml::<Front>(&file, &yaml, 1) else {
            continue;
        };
        let texts = [Some(&d.message), d.hint.as_ref()];
        for text in texts.into_iter().flatten() {
            for said in [&text.en, &text.fr] {
                if let Some(word) = LIBRARY_WORDS.iter().find(|w| said.contains(*w)) {
                    shown.push(format!("`{word}` in “{said}” for:\n{yaml}"));
                }
            }
        }
    }
    assert!(
        shown.is_empty(),
        "{} messages:\n{}",
        shown.len(),
        shown.join("\n")
    );
}
