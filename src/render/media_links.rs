//! What links and images to `@/media/…` in a text become on a page: the
//! file's address from the page, a document's type and weight after its
//! link (`PDF, 1,2 Mo`), a picture's resized files with `srcset`.
//!
//! The shared site data ([`super::site`]) gives one to each text it
//! renders.

use super::routes::relative;
use crate::diagnostics::closest;
use crate::markdown::{escape, MediaLinks};
use crate::media::{Images, Picture, Role};
use crate::types::lang::Lang;

/// The width a picture of a text is shown at: the text column's, or the
/// screen's on a phone.
const SIZES: &str = "(min-width: 60em) 46rem, 100vw";

/// The media links of the page at `route`, in `lang`.
pub struct PageMedia<'a> {
    pub images: &'a Images,
    pub lang: Lang,
    pub route: &'a str,
}

impl PageMedia<'_> {
    /// The address of `content/media/<file>` from the page, when it is a
    /// file; else the closest name in its folder.
    fn href(&self, file: &str) -> Result<(String, u64), Option<String>> {
        match self.images.media_file(file) {
            Some(len) => Ok((relative(self.route, &format!("media/{file}")), len)),
            None => Err(self.suggestion(file)),
        }
    }

    fn suggestion(&self, file: &str) -> Option<String> {
        let names = self.images.media_names();
        closest(file, names.iter().map(String::as_str)).map(str::to_string)
    }

    fn srcset(&self, picture: &Picture, webp: bool) -> String {
        let list = if webp {
            &picture.webp_srcset
        } else {
            &picture.srcset
        };
        let each: Vec<String> = list
            .iter()
            .map(|c| format!("{} {}w", relative(self.route, &c.src), c.w))
            .collect();
        escape(&each.join(", "))
    }
}

impl MediaLinks for PageMedia<'_> {
    fn link(&self, file: &str) -> Result<(String, Option<String>), Option<String>> {
        let (href, len) = self.href(file)?;
        Ok((href, Some(file_words(file, len, self.lang))))
    }

    fn image(&self, file: &str, alt: &str) -> Result<String, Option<String>> {
        // Every address is escaped: a file's name may hold a quote.
        let (href, _) = self.href(file)?;
        let href = escape(&href);
        let alt = escape(alt);
        let Some(picture) = self.images.picture(Role::Photo, file) else {
            return Ok(format!(
                "<img src=\"{href}\" alt=\"{alt}\" loading=\"lazy\" decoding=\"async\">"
            ));
        };
        let src = escape(&relative(self.route, &picture.src));
        let size = match (picture.width, picture.height) {
            (Some(w), Some(h)) => format!(" width=\"{w}\" height=\"{h}\""),
            _ => String::new(),
        };
        let mut html = String::from("<picture>");
        if !picture.webp_srcset.is_empty() {
            let set = self.srcset(picture, true);
            html.push_str(&format!(
                "<source type=\"image/webp\" srcset=\"{set}\" sizes=\"{SIZES}\">"
            ));
        }
        let srcset = if picture.srcset.is_empty() {
            String::new()
        } else {
            let set = self.srcset(picture, false);
            format!(" srcset=\"{set}\" sizes=\"{SIZES}\"")
        };
        html.push_str(&format!(
            "<img src=\"{src}\"{srcset}{size} alt=\"{alt}\" loading=\"lazy\" decoding=\"async\"></picture>"
        ));
        Ok(html)
    }
}

/// A document's type and weight, as a reader says them: `PDF, 1,2 Mo`,
/// `Word, 340 kB`.
pub fn file_words(file: &str, len: u64, lang: Lang) -> String {
    let ext = file
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let kind = match ext.as_str() {
        "doc" | "docx" => "Word".to_string(),
        "xls" | "xlsx" => "Excel".to_string(),
        "ppt" | "pptx" => "PowerPoint".to_string(),
        "odt" | "ods" | "odp" => "OpenDocument".to_string(),
        "jpg" | "jpeg" => "JPEG".to_string(),
        "" => "?".to_string(),
        other => other.to_uppercase(),
    };
    let french = lang.as_str() == "fr";
    let (value, unit) = if len >= 1_000_000 {
        let mb = format!("{:.1}", len as f64 / 1_000_000.0);
        (mb, if french { "Mo" } else { "MB" })
    } else {
        let kb = len.div_ceil(1000).max(1).to_string();
        (kb, if french { "ko" } else { "kB" })
    };
    let value = if french {
        value.replace('.', ",")
    } else {
        value
    };
    format!("{kind}, {value}\u{a0}{unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_say_their_type_and_weight_in_the_page_language() {
        assert_eq!(
            file_words("docs/p.pdf", 1_234_567, Lang::Fr),
            "PDF, 1,2\u{a0}Mo"
        );
        assert_eq!(
            file_words("docs/p.pdf", 1_234_567, Lang::En),
            "PDF, 1.2\u{a0}MB"
        );
        assert_eq!(file_words("a.DOCX", 340_100, Lang::En), "Word, 341\u{a0}kB");
        assert_eq!(file_words("a.odt", 12, Lang::Fr), "OpenDocument, 1\u{a0}ko");
    }
}
