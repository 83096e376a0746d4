//! Markdown bodies → HTML, in one pulldown-cmark pass that resolves `@/`
//! links, keeps raw HTML out unless the site allows it, refuses script URLs
//! and keeps the page's heading outline (a body's headings start at `h2`
//! and skip no level).

use std::path::PathBuf;
use std::sync::LazyLock;

use memchr::memmem::Finder;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

mod checks;
mod media;

pub use checks::external_hosts;
use checks::{external, Depth, SeenText};

use media::MediaState;
pub use media::{escape, MediaLinks, PREFIX as MEDIA_PREFIX};

use crate::diagnostics::{Diagnostic, Severity, Text};
use crate::text;
use crate::types::item::{ItemRef, Section};
use crate::types::text::html_sources;

/// A Markdown text with the place it came from, so that problems found
/// while rendering it (a broken `@/` link) can be located.
#[derive(Debug, Clone, Default)]
pub struct Markdown {
    /// Shared: a text is cloned when its item fails, for the link checks.
    pub source: std::sync::Arc<str>,
    pub file: PathBuf,
    /// The file line on which `source` starts.
    pub line: usize,
    /// Whether the text names a file of `content/media/` (`@/media/`):
    /// found once, when it is read; most texts do not.
    pub media: bool,
    /// Whether `source` is known to hold no control character: the body
    /// of a file, since a file holding one is refused when it is read
    /// ([`crate::source::file::decode`]). A text from a YAML value may
    /// hold one, written as an escape (`"\a"`).
    pub no_controls: bool,
}

impl Markdown {
    /// The text `source` of `file`, whose first line is the file's `line`.
    pub fn new(source: std::sync::Arc<str>, file: PathBuf, line: usize) -> Markdown {
        // A byte-string search, prepared once: this runs over every text
        // of a build.
        static MEDIA: LazyLock<Finder> = LazyLock::new(|| Finder::new(MEDIA_PREFIX));
        let media = MEDIA.find(source.as_bytes()).is_some();
        Markdown {
            source,
            file,
            line,
            media,
            no_controls: false,
        }
    }

    /// The body of a file that was read ([`crate::source::file::decode`]):
    /// it holds no control character.
    pub fn file_body(source: std::sync::Arc<str>, file: PathBuf, line: usize) -> Markdown {
        Markdown {
            no_controls: true,
            ..Markdown::new(source, file, line)
        }
    }
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
    let mut state = State {
        outline: Outline::new(),
        warned_html: false,
    };
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
    let mut depth = Depth::of(&md.source, md.no_controls);
    let parser = Parser::new_ext(
        &md.source,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    // Most texts link to no file of `content/media/`: those are not
    // looked at event by event.
    let mut media = options.media.filter(|_| md.media).map(MediaState::new);
    let mut parser = parser.into_offset_iter();
    // An event may become none, one or two (a picture of `content/media/`
    // closes with its caption): the second waits in `next`.
    let mut next: Option<Event> = None;
    let events = std::iter::from_fn(|| loop {
        if let Some(event) = next.take() {
            return Some(event);
        }
        let (event, range) = parser.next()?;
        if let Some((message, hint)) = depth.problem(&event) {
            problem(range.start, Severity::Error, message, hint);
        }
        let [first, second] = match media.as_mut() {
            Some(media) => media.event(&event, range.start, &md.source, &mut problem),
            None => None,
        }
        .unwrap_or_else(|| {
            let event = rewrite(
                event,
                &range,
                md,
                options,
                resolve,
                &mut state,
                &mut problem,
            );
            [event, None]
        });
        next = second;
        if first.is_some() {
            return first;
        }
    });
    write_html(md.source.len(), events, text)
}

/// What a text's rendering remembers from one event to the next.
struct State {
    outline: Outline,
    warned_html: bool,
}

/// `event` as the page writes it: `@/` links resolved, headings at their
/// level in the page's outline, raw HTML left out unless allowed.
fn rewrite<'a>(
    event: Event<'a>,
    range: &std::ops::Range<usize>,
    md: &Markdown,
    options: &MarkdownOptions,
    resolve: &dyn Fn(&ItemRef) -> Option<String>,
    state: &mut State,
    problem: &mut dyn FnMut(usize, Severity, Text, Text),
) -> Option<Event<'a>> {
    match event {
        // Links and images alike: `@/` resolves, script and data addresses
        // are refused.
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = destination(dest_url, range.clone(), &md.source, resolve, problem);
            Some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            external(&md.source, range, [&*dest_url], problem);
            let dest_url = destination(dest_url, range.clone(), &md.source, resolve, problem);
            Some(Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => {
            let level = state.outline.open(level);
            Some(Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }))
        }
        Event::End(TagEnd::Heading(_)) => Some(Event::End(TagEnd::Heading(state.outline.current))),
        Event::Html(_) | Event::InlineHtml(_) if !options.raw_html => {
            if !state.warned_html {
                state.warned_html = true;
                let (message, hint) = raw_html_left_out();
                problem(range.start, Severity::Warning, message, hint);
            }
            None
        }
        Event::Html(ref html) | Event::InlineHtml(ref html) => {
            external(&md.source, range, html_sources(html), problem);
            Some(event)
        }
        other => Some(other),
    }
}

/// The HTML of `events`, and the text a reader sees into `text`.
fn write_html<'e>(
    len: usize,
    events: impl Iterator<Item = Event<'e>>,
    text: Option<&mut String>,
) -> String {
    let mut html = String::with_capacity(len * 3 / 2);
    match text {
        Some(text) => {
            let mut seen = SeenText { text, in_image: 0 };
            pulldown_cmark::html::push_html(&mut html, events.inspect(|e| seen.event(e)));
        }
        None => pulldown_cmark::html::push_html(&mut html, events),
    }
    html
}

fn raw_html_left_out() -> (Text, Text) {
    (
        text!("raw HTML in the text was left out", "le HTML brut du texte a été retiré"),
        text!(
            "write Markdown instead, or allow HTML with `markdown: {{raw_html: true}}` in site.yaml",
            "écrivez plutôt en Markdown, ou autorisez le HTML avec `markdown: {{raw_html: true}}` dans site.yaml"
        ),
    )
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

#[cfg(test)]
mod tests;
