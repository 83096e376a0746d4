//! Links and images to files of `content/media/` in a Markdown text:
//! `[Plaquette (PDF)](@/media/docs/plaquette.pdf)` and
//! `![Des étudiants à Liège](@/media/photos/liege.jpg)`.
//!
//! The renderer says what they become ([`MediaLinks`]): a link gets its
//! address from the page and the words that follow it (`PDF, 1,2 Mo`),
//! an image the HTML of its picture. A file that does not exist, and an
//! image without a text alternative, are errors at the address.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::diagnostics::{Severity, Text};
use crate::text;

/// What a link to `@/media/…` starts with.
pub const PREFIX: &str = "@/media/";

/// What the page makes of a file of `content/media/`.
pub trait MediaLinks {
    /// The address of `file` from the page and what to say after the
    /// link (`PDF, 1,2 Mo`); `Err` with a suggestion when there is no
    /// such file.
    fn link(&self, file: &str) -> Result<(String, Option<String>), Option<String>>;
    /// The HTML of `file` shown as a picture with the text `alt`; `Err`
    /// with a suggestion when there is no such file.
    fn image(&self, file: &str, alt: &str) -> Result<String, Option<String>>;
}

/// A problem at a byte of the text.
pub type Report<'r> = dyn FnMut(usize, Severity, Text, Text) + 'r;

/// The media links of one text, as its events go by.
pub struct MediaState<'m> {
    media: &'m dyn MediaLinks,
    /// An image being read: its file, where its address is, its text.
    image: Option<(String, usize, String)>,
    /// What to write after the link being read.
    after_link: Option<String>,
}

impl<'m> MediaState<'m> {
    pub fn new(media: &'m dyn MediaLinks) -> Self {
        MediaState {
            media,
            image: None,
            after_link: None,
        }
    }

    /// The events `event` becomes, or `None` when it is not a media
    /// link's (it is then the renderer's to handle).
    pub fn event<'a>(
        &mut self,
        event: &Event<'a>,
        at: usize,
        source: &str,
        report: &mut Report,
    ) -> Option<[Option<Event<'a>>; 2]> {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) if dest_url.starts_with(PREFIX) => {
                let file = file_of(dest_url);
                let at = at + source[at..].find(&**dest_url).unwrap_or(0);
                self.image = Some((file, at, String::new()));
                Some([None, None])
            }
            Event::Text(t) | Event::Code(t) if self.image.is_some() => {
                if let Some((_, _, alt)) = &mut self.image {
                    alt.push_str(t);
                }
                Some([None, None])
            }
            Event::SoftBreak | Event::HardBreak if self.image.is_some() => {
                if let Some((_, _, alt)) = &mut self.image {
                    alt.push(' ');
                }
                Some([None, None])
            }
            Event::End(TagEnd::Image) if self.image.is_some() => {
                let (file, at, alt) = self.image.take()?;
                Some([self.picture(&file, at, alt.trim(), report), None])
            }
            _ if self.image.is_some() => Some([None, None]),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if dest_url.starts_with(PREFIX) => {
                let file = file_of(dest_url);
                let href = match self.media.link(&file) {
                    Ok((href, after)) => {
                        self.after_link = after;
                        href
                    }
                    Err(suggestion) => {
                        let at = at + source[at..].find(&**dest_url).unwrap_or(0);
                        missing(&file, suggestion, at, report);
                        "#".to_string()
                    }
                };
                let start = Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: CowStr::from(href),
                    title: title.clone(),
                    id: id.clone(),
                });
                Some([Some(start), None])
            }
            Event::End(TagEnd::Link) => {
                let after = self.after_link.take()?;
                let words = escape(&after);
                let span = format!(" <span class=\"file-info\">({words})</span>");
                Some([
                    Some(Event::End(TagEnd::Link)),
                    Some(Event::InlineHtml(span.into())),
                ])
            }
            _ => None,
        }
    }

    fn picture<'a>(
        &self,
        file: &str,
        at: usize,
        alt: &str,
        report: &mut Report,
    ) -> Option<Event<'a>> {
        if alt.is_empty() {
            report(
                at,
                Severity::Error,
                text!(
                    "the image `{file}` has no text alternative",
                    "l'image `{file}` n'a pas d'alternative textuelle"
                ),
                text!(
                    "say what it shows between the brackets: `![Students in front of the school](@/media/{file})`; screen readers read it",
                    "dites ce qu'elle montre entre les crochets : `![Des étudiants devant l'école](@/media/{file})` ; les lecteurs d'écran le lisent"
                ),
            );
        }
        match self.media.image(file, alt) {
            Ok(html) => Some(Event::InlineHtml(html.into())),
            Err(suggestion) => {
                missing(file, suggestion, at, report);
                None
            }
        }
    }
}

/// The file named after `@/media/`, without a fragment or query.
fn file_of(dest: &str) -> String {
    let file = &dest[PREFIX.len()..];
    file.split(['#', '?']).next().unwrap_or(file).to_string()
}

fn missing(file: &str, suggestion: Option<String>, at: usize, report: &mut Report) {
    let hint = match suggestion {
        Some(s) => text!(
            "did you mean `@/media/{s}`?",
            "vouliez-vous dire `@/media/{s}` ?"
        ),
        None => text!(
            "put the file in `content/media/` and name it from there: `@/media/docs/brochure.pdf` for `content/media/docs/brochure.pdf`",
            "placez le fichier dans `content/media/` et nommez-le à partir de là : `@/media/docs/plaquette.pdf` pour `content/media/docs/plaquette.pdf`"
        ),
    };
    report(
        at,
        Severity::Error,
        text!(
            "no file `{file}` in `content/media/`",
            "aucun fichier `{file}` dans `content/media/`"
        ),
        hint,
    );
}

/// Text for HTML: `&`, `<`, `>` and `"` escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}
