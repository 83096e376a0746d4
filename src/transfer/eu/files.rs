//! A project of an export as the site's files: the default-language file
//! of the partnership holds the shared fields only (kind, programme,
//! dates, members, the EU grant as a funding line with the co-funding
//! statement, the links' addresses); the English file holds the text the
//! EU wrote (title, a summary of 300 characters at most, the whole
//! summary as the body, the links' labels). Other languages show that
//! English text, marked as such (see `docs/content-format.md`, "A text in
//! one language only"). New institutions are written as their files.

use super::institutions::Institutions;
use super::project::{Organisation, Project};
use super::terms::Themes;
use crate::catalogue::raw::{EuFunding, Funding, Member, RawInstitution, RawLink, RawPartnership};
use crate::catalogue::{EuStatement, LinkKind};
use crate::types::ids::InstitutionId;
use crate::types::lang::Lang;

/// The text files of one project, by language.
pub fn partnership_files(
    p: &Project,
    programme: &str,
    themes: &Themes,
    institutions: &Institutions,
    languages: &[Lang],
) -> Vec<(Lang, String)> {
    let default = languages.first().copied().unwrap_or(Lang::Fr);
    let text_lang = if languages.contains(&Lang::En) {
        Lang::En
    } else {
        default
    };
    let mut shared = shared_fields(p, programme, themes, institutions, default);
    let mut text = RawPartnership {
        title: Some(p.title.trim().to_string()),
        summary: Some(short_summary(&p.summary, &p.title)),
        links: labelled_links(p),
        ..RawPartnership::default()
    };
    if text_lang == default {
        text.links = None;
        shared = RawPartnership {
            title: text.title.take(),
            summary: text.summary.take(),
            links: links(p, true),
            ..shared
        };
        return vec![(default, file(&shared, &body(p, themes)))];
    }
    vec![
        (default, file(&shared, "")),
        (text_lang, file(&text, &body(p, themes))),
    ]
}

fn shared_fields(
    p: &Project,
    programme: &str,
    themes: &Themes,
    institutions: &Institutions,
    default: Lang,
) -> RawPartnership {
    let mut members: Vec<Member> = Vec::new();
    for o in &p.organisations {
        let Some(id) = institutions.id_of(o) else {
            continue;
        };
        if !members.iter().any(|m| m.institution.as_str() == id) {
            members.push(Member {
                institution: InstitutionId::new(id),
                role: o.role,
            });
        }
    }
    let funding = p.grant.map(|amount| {
        let funder = if default == Lang::Fr {
            "Union européenne"
        } else {
            "European Union"
        };
        vec![Funding {
            funder: funder.to_string(),
            amount,
            currency: "EUR".to_string(),
            year: p.year,
        }]
    });
    RawPartnership {
        acronym: p.acronym.clone(),
        kind: Some(p.kind),
        programme: Some(programme.to_string()),
        action: p.action.clone(),
        project_ref: Some(p.identifier.clone()),
        themes: Some(themes.ids.clone()),
        status: Some(p.status),
        start: Some(p.start),
        end: p.end,
        countries: countries(p),
        members: Some(members),
        funding,
        eu_funding: Some(EuFunding {
            statement: EuStatement::CoFunded,
            authority: None,
        }),
        links: links(p, false),
        ..RawPartnership::default()
    }
}

/// The participating countries when the export lists some that no
/// member is from (the search results name the coordinator only).
fn countries(p: &Project) -> Option<Vec<String>> {
    let mut all: Vec<String> = p.organisations.iter().map(|o| o.country.clone()).collect();
    let before = {
        let mut members = all.clone();
        members.sort();
        members.dedup();
        members.len()
    };
    all.extend(p.countries.iter().cloned());
    all.sort();
    all.dedup();
    (all.len() > before).then_some(all)
}

/// The project's website and its page on the EU's platform: addresses and
/// kinds, with the English labels when `labelled`.
fn links(p: &Project, labelled: bool) -> Option<Vec<RawLink>> {
    let mut links = Vec::new();
    if let Some(url) = &p.website {
        links.push(RawLink {
            url: Some(url.clone()),
            label: labelled.then(|| "Project website".to_string()),
            // `website` is the default kind, left unwritten as the
            // spreadsheet import leaves it.
            kind: None,
        });
    }
    if let Some((url, label)) = &p.card {
        links.push(RawLink {
            url: Some(url.clone()),
            label: labelled.then(|| label.to_string()),
            kind: Some(LinkKind::Results),
        });
    }
    (!links.is_empty()).then_some(links)
}

/// The labels alone, item by item, as a translation file writes them.
fn labelled_links(p: &Project) -> Option<Vec<RawLink>> {
    links(p, true).map(|links| {
        links
            .into_iter()
            .map(|l| RawLink {
                label: l.label,
                ..RawLink::default()
            })
            .collect()
    })
}

/// The summary of the page: the EU's summary whole when it is short, else
/// its first sentences up to 300 characters.
fn short_summary(summary: &str, title: &str) -> String {
    let flat = summary.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.is_empty() {
        return title.trim().to_string();
    }
    if flat.chars().count() <= 300 {
        return flat;
    }
    let mut out = String::new();
    for sentence in flat.split_inclusive(". ") {
        if out.chars().count() + sentence.chars().count() > 300 {
            break;
        }
        out.push_str(sentence);
    }
    if out.is_empty() {
        let words: Vec<&str> = flat.split(' ').collect();
        for word in words {
            if out.chars().count() + word.chars().count() + 2 > 300 {
                break;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        out.push('…');
    }
    out.trim().to_string()
}

/// The body: the whole summary, a paragraph for each of its lines, then
/// the topics that match no theme and the export's note.
fn body(p: &Project, themes: &Themes) -> String {
    let mut paragraphs: Vec<String> = p
        .summary
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(escape_markdown)
        .collect();
    if !themes.unmatched.is_empty() {
        let topics = escape_markdown(&themes.unmatched.join("; "));
        paragraphs.push(format!("**Topics:** {topics}"));
    }
    if let Some((label, value)) = &p.note {
        paragraphs.push(format!("**{label}:** {}", escape_markdown(value)));
    }
    paragraphs.join("\n\n")
}

/// Text as Markdown shows it as written: the characters that would make
/// emphasis, links, code or HTML are escaped.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let at_start = i == 0 && matches!(c, '#' | '>' | '-' | '+' | '=');
        if at_start || matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `---`, the YAML, `---`, then the body.
fn file(front: &RawPartnership, body: &str) -> String {
    // Only plain values (text, numbers, the words of enums), which YAML
    // always represents.
    let yaml = serde_yaml::to_string(front).unwrap_or_default();
    let mut text = format!("---\n{yaml}---\n");
    if !body.is_empty() {
        text.push_str(body);
        text.push('\n');
    }
    text
}

/// The file of a new institution.
pub fn institution_file(o: &Organisation) -> String {
    let raw = RawInstitution {
        name: o.name.clone(),
        name_lang: None,
        short_name: None,
        kind: o.kind,
        country: o.country.clone(),
        city: o.city.clone(),
        website: o.website.clone(),
        logo: None,
        coordinates: o.coordinates.clone(),
        description: Default::default(),
    };
    serde_yaml::to_string(&raw).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_summary_is_cut_at_a_sentence() {
        let long = format!("{} Second sentence.", "First sentence is long. ".repeat(14));
        let short = short_summary(&long, "T");
        assert!(short.chars().count() <= 300, "{short}");
        assert!(short.ends_with("long."), "{short}");
        let words = "word ".repeat(100);
        let cut = short_summary(&words, "T");
        assert!(cut.ends_with('…') && cut.chars().count() <= 300, "{cut}");
        assert_eq!(short_summary("  ", "The title"), "The title");
    }

    #[test]
    fn markdown_characters_are_escaped() {
        assert_eq!(
            escape_markdown("# a_b *c* <d>"),
            "\\# a\\_b \\*c\\* \\<d\\>"
        );
        assert_eq!(escape_markdown("- item"), "\\- item");
    }
}
