//! Checks of single values that every kind of item shares: languages,
//! country codes, addresses, media files, ids and slugs, and that no two
//! items of a kind share an address.
//!
//! Each check reports its problem at the place the value is written and
//! lets resolution go on, so that one file shows all its problems at once.
//! What a check must know of the site's folder (does a media file exist?)
//! it asks through [`super::SiteFiles`], never reading itself.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::resolver::Resolver;
use crate::catalogue::model::{Page, Partnership};
use crate::catalogue::{countries, hints};
use crate::config::LangText;
use crate::diagnostics::{display_path, suggest, Diagnostic, Text};
use crate::source::Parsed;
use crate::text;
use crate::types::lang::Lang;

impl Resolver<'_> {
    /// Every site language has a text in `texts`, and no other language.
    pub(super) fn check_langs<T>(&mut self, p: &Parsed<T>, field: &str, texts: &LangText) {
        for lang in &self.config.languages {
            if !texts.contains_key(lang.as_str()) {
                self.diags.push(p.error(
                    field,
                    field,
                    text!(
                        "`{field}` has no text for `{lang}`",
                        "`{field}` n'a pas de texte pour `{lang}`"
                    ),
                ));
            }
        }
        for lang in texts.keys() {
            if !self.config.languages.iter().any(|l| l == lang.as_str()) {
                let langs = self.config.languages.iter().map(|l| l.as_str());
                self.diags.push(
                    p.error(
                        &format!("{field}.{lang}"),
                        lang,
                        text!(
                            "`{lang}` is not a language of the site",
                            "`{lang}` n'est pas une langue du site"
                        ),
                    )
                    .hint_opt(suggest(lang, langs)),
                );
            }
        }
    }

    pub(super) fn check_optional_langs<T>(&mut self, p: &Parsed<T>, field: &str, texts: &LangText) {
        if !texts.is_empty() {
            self.check_langs(p, field, texts);
        }
    }

    /// A text that may be written in some of the site's languages only:
    /// a language that is not the site's is an error; a language left out
    /// shows another's text, marked as not translated (a warning when
    /// `warn`: a country's name has a built-in one instead).
    pub(super) fn check_some_langs<T>(
        &mut self,
        p: &Parsed<T>,
        field: &str,
        texts: &LangText,
        warn: bool,
    ) {
        let languages = &self.config.languages;
        let known = |l: &Lang| texts.contains_key(l.as_str());
        let Some(shown) = languages.iter().find(|l| known(l)).copied() else {
            // None in a language of the site: each one is wrong.
            self.check_optional_langs(p, field, texts);
            return;
        };
        let all: LangText = languages
            .iter()
            .map(|l| (l.to_string(), String::new()))
            .chain(texts.iter().map(|(k, v)| (k.clone(), v.clone())))
            .collect();
        self.check_langs(p, field, &all);
        for lang in languages.iter().filter(|l| warn && !known(l)) {
            let mut d = p.error(
                field,
                field,
                text!(
                    "`{field}` has no text for `{lang}`: the `{shown}` text is shown on the `{lang}` site",
                    "`{field}` n'a pas de texte pour `{lang}` : le texte `{shown}` est affiché sur le site `{lang}`"
                ),
            )
            .hint(text!(
                "to translate it, add `{lang}: …` under `{field}`",
                "pour le traduire, ajoutez `{lang}: …` sous `{field}`"
            ));
            d.severity = crate::diagnostics::Severity::Warning;
            self.diags.push(d);
        }
    }

    /// The language of the code `lang`, taken from the name of the file of
    /// `p`, if it is a language of the site; reports it if not.
    pub(super) fn known_lang<T>(&mut self, lang: &str, p: &Parsed<T>) -> Option<Lang> {
        let known = Lang::parse(lang).filter(|l| self.config.languages.contains(l));
        if known.is_some() {
            return known;
        }
        let langs = self.config.languages.iter().map(|l| l.as_str());
        self.diags.push(
            Diagnostic::error(
                &p.file.rel,
                text!(
                    "`{lang}` is not a language of the site",
                    "`{lang}` n'est pas une langue du site"
                ),
            )
            .hint_opt(suggest(lang, langs).or_else(|| {
                let all: Vec<&str> = self.config.languages.iter().map(|l| l.as_str()).collect();
                let all = all.join(", ");
                Some(text!(
                    "the site's languages are: {all}",
                    "les langues du site sont : {all}"
                ))
            })),
        );
        None
    }

    /// A country code is known if it is built in or has its own file
    /// among `files`.
    pub(super) fn check_country<T>(
        &mut self,
        p: &Parsed<T>,
        field: &str,
        code: &str,
        files: &BTreeSet<String>,
    ) {
        if countries::lookup(code).is_some() || files.contains(code) {
            return;
        }
        let hint = hints::country_hint(code);
        self.diags.push(
            p.error(
                field,
                code,
                text!(
                    "unknown country code `{code}`",
                    "code de pays inconnu `{code}`"
                ),
            )
            .hint(hint),
        );
    }

    pub(super) fn check_url<T>(&mut self, p: &Parsed<T>, field: &str, url: &str) {
        if let Some(message) = url_problem(url) {
            self.diags.push(p.error(field, url, message).hint(text!(
                "write a full address such as `https://www.example.org/`",
                "écrivez une adresse complète, comme `https://www.example.org/`"
            )));
        }
    }

    /// `coordinates: [latitude, longitude]`: two numbers, a latitude from
    /// -90 to 90 and a longitude from -180 to 180, every problem at once.
    pub(super) fn check_coordinates<T>(
        &mut self,
        p: &Parsed<T>,
        values: &[f64],
    ) -> Option<(f64, f64)> {
        let field = "coordinates";
        let hint = || {
            text!(
                "write the latitude, then the longitude, in decimal degrees: `coordinates: [50.63, 5.57]` (north and east are positive)",
                "écrivez la latitude, puis la longitude, en degrés décimaux : `coordinates: [50.63, 5.57]` (nord et est positifs)"
            )
        };
        let &[lat, lon] = values else {
            let n = values.len();
            self.diags.push(
                p.error(field, "[", text!("`coordinates` holds {n} numbers; expected two, `[latitude, longitude]`", "`coordinates` contient {n} nombres ; il en faut deux, `[latitude, longitude]`"))
                    .hint(hint()),
            );
            return None;
        };
        let mut good = true;
        if !(-90.0..=90.0).contains(&lat) {
            let value = lat.to_string();
            self.diags.push(
                p.error(
                    field,
                    &value,
                    text!(
                        "the latitude `{value}` is outside -90 to 90",
                        "la latitude `{value}` est hors de -90 à 90"
                    ),
                )
                .hint(hint()),
            );
            good = false;
        }
        if !(-180.0..=180.0).contains(&lon) {
            let value = lon.to_string();
            self.diags.push(
                p.error(
                    field,
                    &value,
                    text!(
                        "the longitude `{value}` is outside -180 to 180",
                        "la longitude `{value}` est hors de -180 à 180"
                    ),
                )
                .hint(hint()),
            );
            good = false;
        }
        good.then_some((lat, lon))
    }

    /// A media file must exist under `content/media/`, and a path may not
    /// lead out of it.
    pub(super) fn check_media<T>(&mut self, p: &Parsed<T>, field: &str, file: &str) {
        let path = Path::new(file);
        let escapes = path.is_absolute()
            || path
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir));
        if escapes || !self.options.files.media_exists(path) {
            self.diags.push(
                p.error(
                    field,
                    file,
                    text!(
                        "no file `{file}` in `content/media/`",
                        "aucun fichier `{file}` dans `content/media/`"
                    ),
                )
                .hint(text!(
                    "file names are relative to `content/media/`, like `logos/helmo.png`",
                    "les noms de fichiers partent de `content/media/`, comme `logos/helmo.png`"
                )),
            );
        }
    }

    /// Whether `slug` can be the last segment of an address; reports it
    /// if not.
    pub(super) fn check_slug<T>(&mut self, p: &Parsed<T>, slug: &str) -> bool {
        if is_key(slug) {
            return true;
        }
        self.diags.push(
            p.error(
                "slug",
                slug,
                text!(
                    "`{slug}` is not a valid URL segment",
                    "`{slug}` n'est pas un segment d'adresse valide"
                ),
            )
            .hint(key_hint()),
        );
        false
    }

    /// Checks a slug, and that it is not the name of a folder of the site
    /// where the page would go.
    pub(super) fn check_slug_among<T>(&mut self, p: &Parsed<T>, slug: &str, taken: &[&str]) {
        if self.check_slug(p, slug) && taken.contains(&slug) {
            self.diags.push(
                p.error(
                    "slug",
                    slug,
                    text!(
                        "the slug `{slug}` is the name of a folder of the site",
                        "le slug `{slug}` est le nom d'un dossier du site"
                    ),
                )
                .hint(text!(
                    "choose another slug (the `slug` field)",
                    "choisissez un autre slug (le champ `slug`)"
                )),
            );
        }
    }

    /// Two items of one kind may not share a URL in one language.
    pub(super) fn check_slugs(&mut self, partnerships: &[Partnership], pages: &[Page]) {
        for lang in self.config.languages.clone() {
            let mut seen: BTreeMap<(&str, &str), &Path> = BTreeMap::new();
            let items =
                partnerships
                    .iter()
                    .map(|p| {
                        // A language without a text has the address of
                        // the text it shows.
                        let t = p.text(lang);
                        ("partnership", &t.slug, &t.file)
                    })
                    .chain(pages.iter().filter_map(|p| {
                        p.texts.get(&lang).map(|t| ("page", &t.slug, &t.body.file))
                    }));
            for (kind, slug, file) in items {
                if let Some(first) = seen.insert((kind, slug), file) {
                    let first = display_path(first);
                    let message = match kind {
                        "page" => text!("two pages have the slug `{slug}` in `{lang}`: this file and `{first}`", "deux pages ont le slug `{slug}` en `{lang}` : ce fichier et `{first}`"),
                        _ => text!("two partnerships have the slug `{slug}` in `{lang}`: this file and `{first}`", "deux partenariats ont le slug `{slug}` en `{lang}` : ce fichier et `{first}`"),
                    };
                    let d = Diagnostic::error(file, message)
                        .field("slug")
                        .hint(text!("the slug is the end of the page's address; without a `slug:` line it is the file name's key: give one of them another `slug:`", "le slug est la fin de l'adresse de la page ; sans ligne `slug:`, c'est la clé du nom du fichier : donnez à l'un des deux un autre `slug:`"));
                    self.diags.push(self.at_slug_line(d, file));
                }
            }
        }
    }

    /// Points `d` at the `slug:` line of `file`, if it has one. Slugs are
    /// compared once the files are resolved and their text dropped, so the
    /// file's text is asked for again: only when there is a problem to show.
    fn at_slug_line(&self, d: Diagnostic, file: &Path) -> Diagnostic {
        let Some(text) = self.options.files.text(file) else {
            return d;
        };
        let line = text
            .lines()
            .position(|l| l.starts_with("slug:"))
            .map(|i| i + 1);
        match line {
            Some(line) => d.at(&text, line, 7),
            None => d,
        }
    }
}

pub(super) fn key_hint() -> Text {
    text!(
        "use lower-case letters a-z, digits and hyphens, such as `helmo-mobility`",
        "utilisez des minuscules a-z sans accent, des chiffres et des tirets, comme `mobilite-helmo`"
    )
}

/// Keys, ids and slugs: lower-case ASCII letters, digits and inner hyphens.
pub fn is_key(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Why an address may not be used in a link, if it may not.
pub fn url_problem(url: &str) -> Option<Text> {
    let lower: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase();
    for scheme in ["javascript:", "vbscript:", "data:"] {
        if lower.starts_with(scheme) {
            return Some(text!(
                "`{scheme}` addresses are not allowed in links, found `{url}`",
                "les adresses `{scheme}` sont interdites dans les liens ; trouvé : `{url}`"
            ));
        }
    }
    if lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
    {
        return None;
    }
    Some(text!(
        "expected an address starting with `https://`, found `{url}`",
        "attendu : une adresse qui commence par `https://` ; trouvé : `{url}`"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_urls() {
        for (key, ok) in [
            ("helmo", true),
            ("irts-hdf-2", true),
            ("Helmo", false),
            ("-x", false),
            ("a b", false),
            ("", false),
        ] {
            assert_eq!(is_key(key), ok, "{key}");
        }
        let urls = [
            ("https://www.helmo.be/", true),
            ("mailto:a@b.org", true),
            ("javascript:alert(1)", false),
            (" JaVa\tScRiPt:alert(1)", false),
            ("data:text/html,x", false),
            ("www.helmo.be", false),
        ];
        for (url, ok) in urls {
            assert_eq!(url_problem(url).is_none(), ok, "{url}");
        }
    }
}
