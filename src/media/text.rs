//! The pictures a Markdown text shows from `content/media/`
//! (`![alt](@/media/photos/liege.jpg)`): found before the pages are
//! rendered, so that they are resized with the covers.

use pulldown_cmark::{Event, Options, Parser, Tag};

/// What a link to a file of `content/media/` starts with.
pub const PREFIX: &str = "@/media/";

/// The files of `content/media/` that `source` shows as images, in order,
/// without their `@/media/` prefix. Most texts have none, and are not
/// parsed.
pub fn pictures(source: &str) -> Vec<String> {
    // A byte-string search: this runs over every text of a build.
    if memchr::memmem::find(source.as_bytes(), PREFIX.as_bytes()).is_none() {
        return Vec::new();
    }
    Parser::new_ext(source, Options::ENABLE_TABLES)
        .filter_map(|event| match event {
            Event::Start(Tag::Image { dest_url, .. }) => dest_url
                .strip_prefix(PREFIX)
                .map(|file| file.split(['#', '?']).next().unwrap_or(file).to_string()),
            _ => None,
        })
        .filter(|file| !file.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_images_of_the_media_folder_are_found() {
        let text =
            "Voir ![La gare](@/media/photos/gare.jpg) et [la plaquette](@/media/docs/p.pdf),\n\
                    ![ailleurs](https://example.org/x.png) `![non](@/media/code.png)`.";
        assert_eq!(pictures(text), ["photos/gare.jpg"]);
        assert!(pictures("Rien ici.").is_empty());
    }
}
