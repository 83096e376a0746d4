//! Markdown bodies → HTML, in one pulldown-cmark pass that resolves `@/`
//! links, keeps raw HTML out unless the site allows it, refuses script URLs
//! and keeps the page's heading outline (a body's headings start at `h2`
//! and skip no level).

use std::path::PathBuf;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diagnostics::{Diagnostic, Severity, Text};
use crate::text;
use crate::types::item::{ItemRef, Section};
use crate::types::limits::MAX_DEPTH;
use crate::types::text::{external_host, html_sources};

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

pub struct MarkdownOptions {
    pub raw_html: bool,
}

/// Renders `md` to HTML. `resolve` turns an `@/` target into the href to
/// write (already relative to the page), or `None` when it does not exist.
pub fn render(
    md: &Markdown,
    options: &MarkdownOptions,
    resolve: &dyn Fn(&ItemRef) -> Option<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    render_events(md, options, resolve, diagnostics, None)
}

/// Renders `md` to HTML as [`render`] does, and gives beside it the text a
/// reader sees, for the search index: the words of the very events the
/// HTML is written from, so that what the page leaves out (comments, raw
/// HTML, link addresses) is out of the index too. An image's description
/// is an attribute, not text on the page: it is left out as well.
pub fn render_with_text(
    md: &Markdown,
    options: &MarkdownOptions,
    resolve: &dyn Fn(&ItemRef) -> Option<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (String, String) {
    let mut text = String::with_capacity(md.source.len());
    let html = render_events(md, options, resolve, diagnostics, Some(&mut text));
    (html, text)
}

fn render_events(
    md: &Markdown,
    options: &MarkdownOptions,
    resolve: &dyn Fn(&ItemRef) -> Option<String>,
    diagnostics: &mut Vec<Diagnostic>,
    text: Option<&mut String>,
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
    let mut depth = Depth::default();
    let parser = Parser::new_ext(
        &md.source,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    let events = parser.into_offset_iter().filter_map(|(event, range)| {
        if let Some((message, hint)) = depth.problem(&event) {
            problem(range.start, Severity::Error, message, hint);
        }
        match event {
        // Links and images alike: `@/` resolves, script and data addresses
        // are refused.
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let dest_url = destination(dest_url, range, &md.source, resolve, &mut problem);
            Some(Event::Start(Tag::Link { link_type, dest_url, title, id }))
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            external(&md.source, &range, [&*dest_url], &mut problem);
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
        Event::Html(ref html) | Event::InlineHtml(ref html) => {
            external(&md.source, &range, html_sources(html), &mut problem);
            Some(event)
        }
        other => Some(other),
        }
    });
    let mut html = String::with_capacity(md.source.len() * 3 / 2);
    match text {
        Some(text) => {
            let mut seen = SeenText { text, in_image: 0 };
            pulldown_cmark::html::push_html(&mut html, events.inspect(|e| seen.event(e)));
        }
        None => pulldown_cmark::html::push_html(&mut html, events),
    }
    html
}

/// How deep the events nest (quotes, lists, emphasis, links…), and
/// whether a text holds a control character (written as an entity such as
/// `&#27;`, since the file itself may hold none).
#[derive(Default)]
struct Depth {
    open: usize,
    reported: bool,
    control: bool,
}

impl Depth {
    /// Follows `event`; the problem the first time nesting goes deeper than
    /// [`MAX_DEPTH`], or a text first holds a control character.
    fn problem(&mut self, event: &Event) -> Option<(Text, Text)> {
        match event {
            Event::Start(_) => self.open += 1,
            Event::End(_) => self.open = self.open.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if !self.control => {
                let control = |c: char| c.is_control() && c != '\n' && c != '\t';
                if t.contains(control) {
                    self.control = true;
                    return Some(control_entity());
                }
            }
            _ => {}
        }
        let first = self.open > MAX_DEPTH && !self.reported;
        self.reported |= first;
        first.then(too_deep)
    }
}

fn control_entity() -> (Text, Text) {
    (
        text!(
            "this text writes an invisible control character (an entity such as `&#27;`)",
            "ce texte écrit un caractère de contrôle invisible (une entité comme `&#27;`)"
        ),
        text!("remove the entity", "retirez l'entité"),
    )
}

fn too_deep() -> (Text, Text) {
    (
        text!(
            "the text nests more than {MAX_DEPTH} levels deep here (quotes, lists or emphasis inside each other)",
            "le texte s'imbrique ici sur plus de {MAX_DEPTH} niveaux (citations, listes ou mises en valeur les unes dans les autres)"
        ),
        text!(
            "remove the `>`, `-` or `*` that open a level inside another",
            "retirez les `>`, `-` ou `*` qui ouvrent un niveau dans un autre"
        ),
    )
}

/// The text of the events written to a page, words apart where blocks,
/// cells and lines part.
struct SeenText<'t> {
    text: &'t mut String,
    /// Inside an image, whose text is its `alt` attribute.
    in_image: usize,
}

impl SeenText<'_> {
    fn event(&mut self, event: &Event) {
        match event {
            Event::Start(Tag::Image { .. }) => self.in_image += 1,
            Event::End(TagEnd::Image) => self.in_image = self.in_image.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if self.in_image == 0 => self.text.push_str(t),
            // Inline marks part no word: `**Mob**ilité` is one.
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            ) => {}
            Event::SoftBreak
            | Event::HardBreak
            | Event::Start(_)
            | Event::End(_)
            | Event::Rule
            | Event::TaskListMarker(_)
                if !self.text.ends_with(' ') =>
            {
                self.text.push(' ');
            }
            _ => {}
        }
    }
}

/// A warning for each of `urls` (written in `source` at `range`) that loads
/// from another site: each visitor's browser contacts it, which the
/// privacy page then says ([`external_hosts`]).
fn external<'u>(
    source: &str,
    range: &std::ops::Range<usize>,
    urls: impl IntoIterator<Item = &'u str>,
    problem: &mut dyn FnMut(usize, Severity, Text, Text),
) {
    for url in urls {
        let Some(host) = external_host(url) else {
            continue;
        };
        let at = source[range.clone()].find(url).unwrap_or(0);
        problem(
            range.start + at,
            Severity::Warning,
            text!(
                "this text loads content from `{host}`: every visitor's browser contacts that site when the page opens (the privacy page lists it)",
                "ce texte charge un contenu depuis `{host}` : le navigateur de chaque visiteur contacte ce site à l'ouverture de la page (la page sur les données personnelles le mentionne)"
            ),
            text!(
                "to load nothing from other sites, save the file in `content/media/` and show it from there",
                "pour ne rien charger depuis d'autres sites, enregistrez le fichier dans `content/media/` et affichez-le depuis là"
            ),
        );
    }
}

/// The hosts of other sites a Markdown text loads from when shown: its
/// images' addresses, and with raw HTML allowed, its `src` attributes.
/// Most texts have neither an image nor a tag, and are not parsed.
pub fn external_hosts(source: &str, raw_html: bool) -> Vec<String> {
    if !(source.contains("![") || raw_html && source.contains('<')) {
        return Vec::new();
    }
    let mut hosts = Vec::new();
    for event in Parser::new_ext(
        source,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => hosts.extend(external_host(&dest_url)),
            Event::Html(html) | Event::InlineHtml(html) if raw_html => {
                hosts.extend(html_sources(&html).into_iter().filter_map(external_host));
            }
            _ => {}
        }
    }
    hosts
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
        let options = MarkdownOptions { raw_html: false };
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
        let options = MarkdownOptions { raw_html: false };
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
                &MarkdownOptions { raw_html: false },
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
        let options = MarkdownOptions { raw_html: false };
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
            &MarkdownOptions { raw_html: false },
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
                &MarkdownOptions { raw_html: false },
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

    #[test]
    fn the_text_beside_the_html_is_what_the_page_shows() {
        let source = "## Objectifs\n\nDes étudiants partent à [Liège](@/countries/be) \
            et à [Bruxelles](https://www.example.org/a_(b)/c \"titre\").\n\n\
            - *Mobilité* des **forma**teurs\n- voir <https://example.org/x> et ![logo](img.png)\n\n\
            <!-- note interne :\nconfidentiel -->\n\n<div>cachée</div>\n\n\
            > Une citation <!-- secret -->, `du code` et [une référence][ref] &amp; &eacute;t&eacute;.\n\n\
            [ref]: https://example.org/ref\n\n| a | b |\n|---|---|\n| cellule | 3 |\n";
        let (html, text) = render_with_text(
            &md(source),
            &MarkdownOptions { raw_html: false },
            &resolve,
            &mut Vec::new(),
        );
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>().join(" "),
            "Objectifs Des étudiants partent à Liège et à Bruxelles. Mobilité des formateurs \
             voir https://example.org/x et Une citation , du code et une référence & été. a b cellule 3"
        );
        for hidden in [
            "confidentiel",
            "cachée",
            "secret",
            "logo",
            "helmo",
            "www.example.org",
        ] {
            assert!(!text.contains(hidden), "{hidden} in {text}");
        }
        assert_eq!(
            html,
            render(
                &md(source),
                &MarkdownOptions { raw_html: false },
                &resolve,
                &mut Vec::new()
            )
        );
    }
}
