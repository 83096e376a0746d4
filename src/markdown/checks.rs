//! What a text's events tell besides its HTML: how deep they nest, the
//! words a reader sees (for the search index), and the other sites its
//! pictures and frames load from (for the privacy page).

use std::sync::LazyLock;

use memchr::memmem::Finder;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::diagnostics::{Severity, Text};
use crate::text;
use crate::types::limits::MAX_DEPTH;
use crate::types::text::{external_host, html_sources};

/// How deep the events nest (quotes, lists, emphasis, links…), and
/// whether a text holds a control character (written as an entity such as
/// `&#27;`, since the file itself may hold none).
#[derive(Default)]
pub(super) struct Depth {
    open: usize,
    reported: bool,
    control: bool,
    /// Whether a text may hold a control character: the source holds one,
    /// or a numeric character reference (`&#1;`), the one way to write it
    /// that decodes to it. Most texts do not, and their texts are not
    /// searched event by event.
    may_hold_control: bool,
}

impl Depth {
    /// Follows the events of `source`, which holds no control character
    /// when `no_controls` says so (the body of a file that was read).
    pub(super) fn of(source: &str, no_controls: bool) -> Depth {
        static REFERENCE: LazyLock<Finder> = LazyLock::new(|| Finder::new("&#"));
        let references = REFERENCE.find(source.as_bytes()).is_some();
        let controls = || !no_controls && crate::types::text::find_control(source).is_some();
        Depth {
            may_hold_control: references || controls(),
            ..Depth::default()
        }
    }

    /// Follows `event`; the problem the first time nesting goes deeper than
    /// [`MAX_DEPTH`], or a text first holds a control character.
    pub(super) fn problem(&mut self, event: &Event) -> Option<(Text, Text)> {
        match event {
            Event::Start(_) => self.open += 1,
            Event::End(_) => self.open = self.open.saturating_sub(1),
            Event::Text(t) | Event::Code(t)
                if self.may_hold_control
                    && !self.control
                    && crate::types::text::find_control(t).is_some() =>
            {
                self.control = true;
                return Some(control_entity());
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
pub(super) struct SeenText<'t> {
    pub(super) text: &'t mut String,
    /// Inside an image, whose text is its `alt` attribute.
    pub(super) in_image: usize,
}

impl SeenText<'_> {
    pub(super) fn event(&mut self, event: &Event) {
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
pub(super) fn external<'u>(
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
