//! Markdown bodies → HTML, in one pulldown-cmark pass that resolves `@/`
//! links, keeps raw HTML out unless the site allows it, refuses script URLs
//! and keeps the page's heading outline (a body's headings start at `h2`
//! and skip no level).

use std::path::PathBuf;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

mod media;

use media::MediaState;
pub use media::{escape, MediaLinks, PREFIX as MEDIA_PREFIX};

use crate::diagnostics::{Diagnostic, Severity, Text};
use crate::text;
use crate::types::item::{ItemRef, Section};

/// A Markdown text with the place it came from, so that problems found
/// while rendering it (a broken `@/` link) can be located.
#[derive(Debug, Clone, Default)]
pub struct Markdown {
    /// Shared: a text is cloned when its item fails, for the link checks.
    pub source: std::sync::Arc<str>,
    pub file: PathBuf,
    /// The file line on which `source` starts.
    pub line: usize,
}

pub struct MarkdownOptions<'a> {
    pub raw_html: bool,
    /// What links and images to `@/media/…` become; `None` leaves them
    /// as they are written, unchecked.
    pub media: Option<&'a dyn MediaLinks>,
}

/// Renders `md` to HTML. `resolve` turns an `@/` target into the href to
/// write (already relative to the page), or `None` when it does not exist.
pub fn render(
    md: &Markdown,
    options: &MarkdownOptions,
    resolve: &dyn Fn(&ItemRef) -> Option<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    let mut warned_html = false;
    let mut problem = |offset: usize, severity: Severity, message: Text, hint: Text| {
        let before = &md.source[..offset.min(md.source.len())];
        let line = md.line + before.matches('\n').count();
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let mut d = Diagnostic::error(&md.file, message).hint(hint);
        d.severity = severity;
        d.line = line;
        d.column = column;
        d.source_line = md.source.lines().nth(line - md.line).map(str::to_string);
        diagnostics.push(d);
    };
    let mut outline = Outline::new();
    let parser = Parser::new_ext(
        &md.source,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    // Most texts link to no file of `content/media/`: those are not
    // looked at event by event.
    let mut media = options
        .media
        .filter(|_| md.source.contains(MEDIA_PREFIX))
        .map(MediaState::new);
    let events = parser.into_offset_iter().flat_map(|(event, range)| {
        if let Some(media) = media.as_mut() {
            if let Some(events) = media.event(&event, range.start, &md.source, &mut problem) {
                return events;
            }
        }
        let event = match event {
        // Links and images alike: `@/` resolves, script and data addresses
        // are refused.
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let dest_url = destination(dest_url, range, &md.source, resolve, &mut problem);
            Some(Event::Start(Tag::Link { link_type, dest_url, title, id }))
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            let dest_url = destination(dest_url, range, &md.source, resolve, &mut problem);
            Some(Event::Start(Tag::Image { link_type, dest_url, title, id }))
        }
        Event::Start(Tag::Heading { level, id, classes, attrs }) => {
            let level = outline.open(level);
            Some(Event::Start(Tag::Heading { level, id, classes, attrs }))
        }
        Event::End(TagEnd::Heading(_)) => Some(Event::End(TagEnd::Heading(outline.current))),
        Event::Html(_) | Event::InlineHtml(_) if !options.raw_html => {
            if !warned_html {
                warned_html = true;
                problem(
                    range.start,
                    Severity::Warning,
                    text!("raw HTML in the text was left out", "le HTML brut du texte a été retiré"),
                    text!(
                        "write Markdown instead, or allow HTML with `markdown: {{raw_html: true}}` in site.yaml",
                        "écrivez plutôt en Markdown, ou autorisez le HTML avec `markdown: {{raw_html: true}}` dans site.yaml"
                    ),
                );
            }
            None
        }
        other => Some(other),
        };
        [event, None]
    })
    .flatten();
    let mut html = String::with_capacity(md.source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// The levels given to a body's headings, under the page's own `h1`: the
/// first is an `h2`, and each is one level below the closest heading before
/// it that the author wrote at a higher level (`#`, `##`…), or beside it when
/// written at the same level. So a body written with `###` alone gets `h2`s,
/// and `##` followed by `####` gets `h2` then `h3`: no level is skipped,
/// which screen reader users rely on to find their way.
struct Outline {
    /// (written level, given level) of the open sections, outermost first.
    open: Vec<(HeadingLevel, HeadingLevel)>,
    /// The level given to the heading being written.
    current: HeadingLevel,
}

impl Outline {
    fn new() -> Self {
        Outline {
            open: Vec::new(),
            current: HeadingLevel::H2,
        }
    }

    fn open(&mut self, written: HeadingLevel) -> HeadingLevel {
        while self.open.last().is_some_and(|&(w, _)| w >= written) {
            self.open.pop();
        }
        let parent = self.open.last().map_or(1, |&(_, given)| given as usize);
        let given = HeadingLevel::try_from(parent + 1).unwrap_or(HeadingLevel::H6);
        self.open.push((written, given));
        self.current = given;
        given
    }
}

/// The address to write for a link or image written at `range`: an `@/`
/// target resolved, a refused one replaced by `#` with its problem pointing
/// at the address itself rather than at the `[` of the link.
fn destination<'a>(
    dest: CowStr<'a>,
    range: std::ops::Range<usize>,
    source: &str,
    resolve: &dyn Fn(&ItemRef) -> Option<String>,
    problem: &mut dyn FnMut(usize, Severity, Text, Text),
) -> CowStr<'a> {
    match check_destination(&dest, resolve) {
        Ok(Some(href)) => CowStr::from(href),
        Ok(None) => dest,
        Err((message, hint)) => {
            let at = source[range.clone()].find(&*dest).unwrap_or(0);
            problem(range.start + at, Severity::Error, message, hint);
            CowStr::from("#")
        }
    }
}

type LinkProblem = (Text, Text);

fn check_destination(
    dest: &str,
    resolve: &dyn Fn(&ItemRef) -> Option<String>,
) -> Result<Option<String>, LinkProblem> {
    if dest.starts_with(MEDIA_PREFIX) {
        // Checked by the page's `MediaLinks`, when it has some.
        return Ok(None);
    }
    if let Some(target) = dest.strip_prefix("@/") {
        let (path, fragment) = match target.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (target, None),
        };
        let path = path.trim_end_matches('/').trim_end_matches(".md");
        // A link names an item only with a `/` after its section, and only
        // in one of the site's sections.
        let href = path
            .split_once('/')
            .and_then(|_| ItemRef::parse(path))
            .and_then(|item| resolve(&item));
        return match href {
            Some(href) => Ok(Some(match fragment {
                Some(f) => format!("{href}#{f}"),
                None => href,
            })),
            None => Err(unresolved(dest, path)),
        };
    }
    let lower: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase();
    if ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        return Err((
            text!(
                "the link `{dest}` would run a script or embed data, which is not allowed",
                "le lien `{dest}` exécuterait un script ou intégrerait des données, ce qui est interdit"
            ),
            text!("link to an `https://` address", "faites un lien vers une adresse `https://`"),
        ));
    }
    Ok(None)
}

/// Why an `@/section/id` link leads nowhere, and how it is written.
fn unresolved(dest: &str, path: &str) -> LinkProblem {
    let Some(item) = ItemRef::parse(path) else {
        let (section, id) = path.split_once('/').unwrap_or((path, ""));
        return unknown_section(dest, section, id);
    };
    let (message, hint) = missing_item(item);
    let (en, fr) = (message.en, message.fr);
    (
        text!(
            "the link `{dest}` leads nowhere: {en}",
            "le lien `{dest}` ne mène nulle part : {fr}"
        ),
        hint,
    )
}

/// A link to `@/section/…` where `section` is not one of the site's.
fn unknown_section(dest: &str, section: &str, id: &str) -> LinkProblem {
    // The French names of the sections, as they appear in the site's
    // addresses, are what a French editor is likely to write.
    let french = match section {
        "partenariats" => Some(Section::Partnerships),
        "pays" => Some(Section::Countries),
        "etablissements" | "établissements" => Some(Section::Institutions),
        "thematiques" | "thématiques" => Some(Section::Themes),
        _ => None,
    };
    let hint = french
        .map(Section::name)
        .or_else(|| crate::diagnostics::closest(section, Section::NAMES))
        .map(|s| text!("did you mean `@/{s}/{id}`?", "vouliez-vous dire `@/{s}/{id}` ?"))
        .unwrap_or_else(|| text!(
            "internal links are `@/partnerships/<key>`, `@/countries/<code>`, `@/institutions/<id>`, `@/themes/<id>`, `@/programmes/<id>` or `@/pages/<key>`",
            "les liens internes s'écrivent `@/partnerships/<clé>`, `@/countries/<code>`, `@/institutions/<id>`, `@/themes/<id>`, `@/programmes/<id>` ou `@/pages/<clé>`"
        ));
    (
        text!(
            "the link `{dest}` leads nowhere: `{section}` is not a section of the site",
            "le lien `{dest}` ne mène nulle part : `{section}` n'est pas une rubrique du site"
        ),
        hint,
    )
}

/// The words for a link to an item that does not exist, by section.
fn missing_item(item: ItemRef) -> LinkProblem {
    let id = item.id;
    match item.section {
        Section::Partnerships => (
            text!("there is no partnership `{id}`", "il n'y a pas de partenariat `{id}`"),
            text!(
                "a partnership is named by its file name without `.<lang>.md`: `@/partnerships/helmo` for `content/partnerships/helmo.fr.md`",
                "un partenariat se nomme par son nom de fichier sans `.<langue>.md` : `@/partnerships/helmo` pour `content/partnerships/helmo.fr.md`"
            ),
        ),
        Section::Pages => (
            text!("there is no page `{id}`", "il n'y a pas de page `{id}`"),
            text!(
                "a page is named by its file name without `.<lang>.md`: `@/pages/about` for `content/pages/about.fr.md`",
                "une page se nomme par son nom de fichier sans `.<langue>.md` : `@/pages/about` pour `content/pages/about.fr.md`"
            ),
        ),
        Section::Institutions => (
            text!("there is no institution `{id}`", "il n'y a pas d'établissement `{id}`"),
            text!(
                "an institution is named by its file name without `.yaml`: `@/institutions/helmo` for `content/institutions/helmo.yaml`",
                "un établissement se nomme par son nom de fichier sans `.yaml` : `@/institutions/helmo` pour `content/institutions/helmo.yaml`"
            ),
        ),
        Section::Countries => (
            text!("there is no page for the country `{id}`", "il n'y a pas de page pour le pays `{id}`"),
            text!(
                "a country is named by its code in lower case (`@/countries/be`), and has a page when a partnership or an institution is in it",
                "un pays se nomme par son code en minuscules (`@/countries/be`), et a une page quand un partenariat ou un établissement s'y trouve"
            ),
        ),
        Section::Themes => (
            text!("there is no theme `{id}`", "il n'y a pas de thématique `{id}`"),
            text!(
                "use an id written in `content/taxonomies/themes.yaml`",
                "utilisez un identifiant écrit dans `content/taxonomies/themes.yaml`"
            ),
        ),
        Section::Programmes => (
            text!("there is no programme `{id}`", "il n'y a pas de programme `{id}`"),
            text!(
                "use an id written in `content/taxonomies/programmes.yaml`",
                "utilisez un identifiant écrit dans `content/taxonomies/programmes.yaml`"
            ),
        ),
    }
}

/// The words of a Markdown source for the search index, without parsing
/// it: the source less what a reader does not see (link and image
/// addresses, tags and autolinks, reference definitions). The marks left
/// (`*`, `#`, `|`…) are not letters, so the index skips them. Parsing
/// each text a second time for the index cost 4% of a 10,000-partnership
/// build; a parse gives the same words but for escapes and
/// entities (`&amp;` is the word `amp` here); a test checks it against a
/// parse.
pub fn search_text(source: &str) -> String {
    let mut text = String::with_capacity(source.len());
    for line in source.lines() {
        if is_reference_definition(line) {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.bytes().position(|b| b == b'<' || b == b']') {
            let (before, from) = rest.split_at(at);
            text.push_str(before);
            let skipped = match from.as_bytes() {
                // An autolink shows its address: only the brackets go.
                [b'<', ..]
                    if from
                        .find('>')
                        .is_some_and(|end| from[..end].contains("://")) =>
                {
                    None
                }
                [b'<', next, ..] if next.is_ascii_alphabetic() || b"/!?".contains(next) => {
                    from.find('>').map(|end| end + 1)
                }
                [b']', b'(', ..] => closing_paren(from).map(|end| end + 1),
                [b']', b'[', ..] => from[1..].find(']').map(|end| end + 2),
                _ => None,
            };
            let skip = skipped.unwrap_or(1);
            text.push(' ');
            rest = &from[skip..];
        }
        text.push_str(rest);
        text.push('\n');
    }
    text
}

/// Whether a line defines a link reference (`[name]: address`).
fn is_reference_definition(line: &str) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let line = &line[indent..];
    indent <= 3
        && line.starts_with('[')
        && line
            .find("]:")
            .is_some_and(|end| end > 1 && !line[..end].contains(']'))
}

/// Where the parenthesis opened at `from[1]` (after `]`) closes.
fn closing_paren(from: &str) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in from.char_indices().skip(1) {
        match c {
            '(' => depth += 1,
            ')' if depth == 1 => return Some(i),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(source: &str) -> Markdown {
        Markdown {
            source: source.into(),
            file: PathBuf::from("content/partnerships/a.fr.md"),
            line: 10,
        }
    }

    fn resolve(link: &ItemRef) -> Option<String> {
        (link.section == Section::Countries && link.id == "be")
            .then(|| "../../pays/belgique/".to_string())
    }

    #[test]
    fn internal_links_are_resolved_or_reported() {
        let mut diags = Vec::new();
        let options = MarkdownOptions {
            raw_html: false,
            media: None,
        };
        let html = render(
            &md("Voir [la Belgique](@/countries/be).\n\nEt [rien](@/countries/zz)."),
            &options,
            &resolve,
            &mut diags,
        );
        assert!(
            html.contains(r#"<a href="../../pays/belgique/">la Belgique</a>"#),
            "{html}"
        );
        assert_eq!(diags.len(), 1);
        assert_eq!((diags[0].line, diags[0].column), (12, 11));
        assert!(diags[0].message.en.contains("@/countries/zz"));
    }

    #[test]
    fn raw_html_and_script_links_stay_out() {
        let mut diags = Vec::new();
        let options = MarkdownOptions {
            raw_html: false,
            media: None,
        };
        let html = render(
            &md("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>bold</b>\n"),
            &options,
            &resolve,
            &mut diags,
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert_eq!(diags.iter().filter(|d| d.is_error()).count(), 1);
        assert_eq!(diags.iter().filter(|d| !d.is_error()).count(), 1);
    }

    #[test]
    fn french_section_names_suggest_the_link_to_write() {
        let cases = [
            ("[x](@/pays/be)", "did you mean `@/countries/be`?"),
            (
                "[x](@/partenariats/dlis)",
                "did you mean `@/partnerships/dlis`?",
            ),
            ("[x](@/thematiques/youth)", "did you mean `@/themes/youth`?"),
        ];
        for (source, hint) in cases {
            let mut diags = Vec::new();
            render(
                &md(source),
                &MarkdownOptions {
                    raw_html: false,
                    media: None,
                },
                &resolve,
                &mut diags,
            );
            assert_eq!(diags.len(), 1, "{source}");
            assert_eq!(
                diags[0].hint.as_ref().map(|h| h.en.as_str()),
                Some(hint),
                "{source}"
            );
        }
    }

    #[test]
    fn script_and_data_image_addresses_are_refused() {
        let mut diags = Vec::new();
        let options = MarkdownOptions {
            raw_html: false,
            media: None,
        };
        let html = render(
            &md("![a](javascript:alert(1)) ![b](data:text/html,x) ![c](https://example.org/c.png)\n"),
            &options,
            &resolve,
            &mut diags,
        );
        assert!(
            !html.contains("javascript:") && !html.contains("data:"),
            "{html}"
        );
        assert!(
            html.contains(r#"src="https://example.org/c.png""#),
            "{html}"
        );
        assert_eq!(diags.iter().filter(|d| d.is_error()).count(), 2);
    }

    #[test]
    fn body_headings_start_at_h2() {
        let html = render(
            &md("# Objectifs\n"),
            &MarkdownOptions {
                raw_html: false,
                media: None,
            },
            &resolve,
            &mut Vec::new(),
        );
        assert_eq!(html.trim(), "<h2>Objectifs</h2>");
    }

    #[test]
    fn body_headings_skip_no_level() {
        let cases = [
            ("### A\n### B\n", "h2 h2"),
            ("# A\n## B\n### C\n## D\n", "h2 h3 h4 h3"),
            ("## A\n#### B\n### C\n# D\n", "h2 h3 h3 h2"),
            ("### A\n# B\n### C\n", "h2 h2 h3"),
            (
                "# A\n## B\n### C\n#### D\n##### E\n###### F\n",
                "h2 h3 h4 h5 h6 h6",
            ),
        ];
        for (source, levels) in cases {
            let html = render(
                &md(source),
                &MarkdownOptions {
                    raw_html: false,
                    media: None,
                },
                &resolve,
                &mut Vec::new(),
            );
            let found: Vec<&str> = html
                .match_indices("<h")
                .map(|(i, _)| &html[i + 1..i + 3])
                .collect();
            assert_eq!(found.join(" "), levels, "{source:?} gave {html}");
        }
    }

    /// The text of a Markdown source as a parser sees it, without markup:
    /// what [`search_text`] must give the same words as.
    fn plain_text(source: &str) -> String {
        let mut text = String::with_capacity(source.len());
        for event in Parser::new(source) {
            match event {
                Event::Text(t) | Event::Code(t) => text.push_str(&t),
                Event::SoftBreak | Event::HardBreak | Event::End(_) if !text.ends_with(' ') => {
                    text.push(' ');
                }
                _ => {}
            }
        }
        text.trim().to_string()
    }

    #[test]
    fn search_text_has_the_words_of_the_plain_text() {
        let source = "## Objectifs\n\nDes étudiants partent à [Liège](@/institutions/helmo) \
            et à [Bruxelles](https://www.example.org/a_(b)/c \"titre\").\n\n\
            - *Mobilité* des **formateurs**\n- voir <https://example.org/x> et ![logo](img.png)\n\n\
            > Une citation, `du code` et [une référence][ref].\n\n[ref]: https://example.org/ref\n\n\
            | a | b |\n|---|---|\n| cellule | 3 |\n";
        let words = |text: &str| -> Vec<String> {
            crate::render::search::words(text)
                .map(|w| w.into_owned())
                .collect()
        };
        assert_eq!(words(&search_text(source)), words(&plain_text(source)));
        let text = search_text(source);
        assert!(
            !text.contains("helmo") && !text.contains("www.example.org"),
            "{text}"
        );
    }
}
