//! The organisations of an export as the site's institutions: the same
//! organisation on several rows is one institution (same name once
//! folded, same country), and one the site already has is matched to it,
//! by its name or short name, exactly or nearly (a similarity of the
//! folded names, shown in the dry run), so that importing never doubles
//! an institution the site already describes.

use std::collections::{BTreeMap, BTreeSet};

use super::project::{Organisation, Project};
use crate::catalogue::Catalogue;
use crate::diagnostics::Text;
use crate::text;
use crate::types::text::{fold_accent, slugify};

/// How near two folded names must be to be taken as the same
/// organisation (normalised Levenshtein similarity).
const NEAR: f64 = 0.88;

/// An institution the site already has.
#[derive(Debug, Clone)]
pub struct Known {
    pub id: String,
    pub names: Vec<String>,
    pub country: String,
}

/// The site's institutions, as the matching reads them.
pub fn known(catalogue: &Catalogue) -> Vec<Known> {
    catalogue
        .institutions
        .values()
        .map(|i| Known {
            id: i.id.as_str().to_string(),
            names: [Some(&i.name), i.short_name.as_ref()]
                .into_iter()
                .flatten()
                .cloned()
                .collect(),
            country: i.country.as_str().to_string(),
        })
        .collect()
}

/// A name as it is compared: lower case, no accents, words of letters and
/// digits separated by one space.
pub fn fold_name(name: &str) -> String {
    let mut out = String::new();
    for c in name
        .chars()
        .flat_map(fold_accent)
        .flat_map(char::to_lowercase)
    {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// How similar two folded names are, from 0 to 1: their edit distance,
/// or 0.9 when every word of the shorter one, of three words or more, is
/// in the longer one (`haute ecole libre mosane` in `haute ecole libre
/// mosane helmo`).
pub fn similarity(a: &str, b: &str) -> f64 {
    let edits = strsim::normalized_levenshtein(a, b);
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let words: Vec<&str> = long.split(' ').collect();
    let short_words: Vec<&str> = short.split(' ').collect();
    let contained = short_words.len() >= 3 && short_words.iter().all(|w| words.contains(w));
    if contained {
        edits.max(0.9)
    } else {
        edits
    }
}

/// The institution of every organisation of the projects.
#[derive(Debug, Default)]
pub struct Institutions {
    /// (folded name, country) → institution id.
    ids: BTreeMap<(String, String), String>,
    /// The institutions to create, by id.
    pub new: BTreeMap<String, Organisation>,
    /// What each organisation was matched to, for the dry run.
    pub notes: Vec<Text>,
}

impl Institutions {
    /// The id of `o`'s institution.
    pub fn id_of(&self, o: &Organisation) -> Option<&str> {
        let key = (fold_name(&o.name), o.country.clone());
        self.ids.get(&key).map(String::as_str)
    }
}

/// Each distinct organisation of `projects` matched to a known
/// institution or given a new id.
pub fn resolve(projects: &[Project], known: &[Known]) -> Institutions {
    let mut out = Institutions::default();
    let mut taken: BTreeSet<String> = known.iter().map(|k| k.id.clone()).collect();
    for o in projects.iter().flat_map(|p| &p.organisations) {
        let folded = fold_name(&o.name);
        let key = (folded.clone(), o.country.clone());
        if out.ids.contains_key(&key) {
            continue;
        }
        let (name, country) = (&o.name, o.country.as_str());
        let id = match best_match(&folded, country, known) {
            Some((k, score)) => {
                let id = &k.id;
                let percent = (score * 100.0).round();
                out.notes.push(if score >= 1.0 {
                    text!(
                        "`{name}` ({country}) is the site's institution `{id}`",
                        "`{name}` ({country}) est l'établissement `{id}` du site"
                    )
                } else {
                    text!(
                        "`{name}` ({country}) taken as the site's institution `{id}` (names {percent}% alike)",
                        "`{name}` ({country}) pris pour l'établissement `{id}` du site (noms semblables à {percent} %)"
                    )
                });
                k.id.clone()
            }
            None => {
                let id = new_id(name, country, &taken);
                taken.insert(id.clone());
                out.new.insert(id.clone(), o.clone());
                id
            }
        };
        out.ids.insert(key, id);
    }
    out
}

/// The known institution of `country` whose name is nearest `folded`,
/// if near enough, with its similarity.
fn best_match<'a>(folded: &str, country: &str, known: &'a [Known]) -> Option<(&'a Known, f64)> {
    known
        .iter()
        .filter(|k| k.country == country)
        .flat_map(|k| {
            k.names
                .iter()
                .map(move |n| (k, similarity(folded, &fold_name(n))))
        })
        .filter(|(_, score)| *score >= NEAR)
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.id.cmp(&a.0.id)))
}

/// A new institution's id: its name as a URL segment, at most about 50
/// characters, made unique with the country then a number.
fn new_id(name: &str, country: &str, taken: &BTreeSet<String>) -> String {
    let mut base = String::new();
    for word in slugify(name).split('-') {
        if !base.is_empty() && base.len() + word.len() >= 50 {
            break;
        }
        if !base.is_empty() {
            base.push('-');
        }
        base.push_str(word);
    }
    if base.is_empty() {
        base = "organisation".to_string();
    }
    let candidates = [base.clone(), format!("{base}-{country}")];
    candidates
        .into_iter()
        .chain((2..).map(|n| format!("{base}-{country}-{n}")))
        .find(|id| !taken.contains(id))
        .unwrap_or(base)
}

/// Whether `o` is the organisation a user named with `--institution`:
/// the same folded name, a name that contains it as whole words, or one
/// near enough; or the id of the site's institution it was matched to.
pub fn is_named(o: &Organisation, id: Option<&str>, wanted: &str) -> bool {
    let (name, wanted_folded) = (fold_name(&o.name), fold_name(wanted));
    if wanted_folded.is_empty() {
        return false;
    }
    id == Some(wanted.trim())
        || name == wanted_folded
        || format!(" {name} ").contains(&format!(" {wanted_folded} "))
        || similarity(&name, &wanted_folded) >= NEAR
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{InstitutionType, Role};
    use crate::transfer::eu::project::Origin;

    fn organisation(name: &str, country: &str) -> Organisation {
        Organisation {
            origin: Origin {
                row: 2,
                column: None,
            },
            name: name.into(),
            kind: InstitutionType::Other,
            country: country.into(),
            city: None,
            website: None,
            coordinates: None,
            role: Role::Partner,
        }
    }

    #[test]
    fn names_fold_and_compare() {
        assert_eq!(
            fold_name("  HAUTE École  Libre-Mosane "),
            "haute ecole libre mosane"
        );
        assert!(similarity("haute ecole libre mosane", "haute ecole libre mosanne") > NEAR);
        assert!(similarity("university of athens", "university of patras") < NEAR);
        assert!(similarity("haute ecole libre mosane", "haute ecole libre mosane helmo") >= NEAR);
        assert!(similarity("of the", "university of the west") < NEAR);
    }

    #[test]
    fn new_ids_are_unique_and_short() {
        let taken: BTreeSet<String> = ["helmo".to_string()].into();
        assert_eq!(new_id("HELMo", "be", &taken), "helmo-be");
        let long = "Panepistimio Dytikis Attikis University of West Attica School of Social Work";
        let id = new_id(long, "gr", &taken);
        assert!(
            id.len() < 56 && id.starts_with("panepistimio-dytikis"),
            "{id}"
        );
    }

    #[test]
    fn an_institution_is_named_by_its_name_or_a_part() {
        let o = organisation("Haute École Libre Mosane (HELMo)", "be");
        assert!(is_named(&o, None, "haute ecole libre mosane"));
        assert!(is_named(&o, None, "HELMo"));
        assert!(is_named(&o, Some("helmo"), "helmo"));
        assert!(!is_named(&o, None, "Université de Liège"));
    }
}
