//! The pictures a Markdown text shows from `content/media/`
//! (`![alt](@/media/photos/liege.jpg)`): found before the pages are
//! rendered, so that they are resized with the covers.

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::markdown::{Markdown, MEDIA_PREFIX};

/// The files of `content/media/` that `md` shows as images, in order,
/// without their `@/media/` prefix. Most texts name none
/// ([`Markdown::media`]), and are not parsed.
pub fn pictures(md: &Markdown) -> Vec<String> {
    if !md.media {
        return Vec::new();
    }
    Parser::new_ext(&md.source, Options::ENABLE_TABLES)
        .filter_map(|event| match event {
            Event::Start(Tag::Image { dest_url, .. }) => dest_url
                .strip_prefix(MEDIA_PREFIX)
                .map(|file| file.split(['#', '?']).next().unwrap_or(file).to_string()),
            _ => None,
        })
        .filter(|file| !file.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pictures_of(text: &str) -> Vec<String> {
        pictures(&Markdown::new(
            text.into(),
            "content/pages/a.fr.md".into(),
            1,
        ))
    }

    #[test]
    fn only_images_of_the_media_folder_are_found() {
        let text =
            "Voir ![La gare](@/media/photos/gare.jpg) et [la plaquette](@/media/docs/p.pdf),\n\
                    ![ailleurs](https://example.org/x.png) `![non](@/media/code.png)`.";
        assert_eq!(pictures_of(text), ["photos/gare.jpg"]);
        assert!(pictures_of("Rien ici.").is_empty());
    }
}
