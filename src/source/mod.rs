//! Reading the site's files: discovery, decoding, front matter, YAML; the
//! first stage of the pipeline (`source → catalogue → media → render →
//! output`).
//!
//! This stage owns everything about bytes on disk: BOMs, CRLF line endings,
//! invalid UTF-8, unreadable files and symlink loops all become located
//! diagnostics here, so later stages only see clean text. It reads and
//! parses; what the fields mean is the catalogue's business, which hands
//! it the function that picks a file's raw struct ([`Parse`]).
//!
//! - [`discover`]: the content files, each with its [`ContentKind`], and
//!   the media files copied as they are;
//! - [`read_text`]: one file decoded ([`SourceFile`]);
//! - [`split_front_matter`], [`parse_yaml`]: a file taken apart, kept
//!   beside what it parsed into ([`Parsed`]) for locating later problems;
//! - [`read_all`] and [`FileCache`]: every content file read and parsed
//!   in parallel, once or kept between reads (serve).

mod cache;
mod discover;
mod file;
mod front;
mod mistakes;
mod names;
mod nesting;
mod numbers;
mod parsed;
mod serde_words;
#[cfg(test)]
mod sweep;
mod yaml;

pub use cache::{read_all, FileCache, Parse, Read};
pub use discover::{collect_media, discover, media_exists, ContentKind};
pub use file::{decode, read_text, unreadable, SourceFile};
pub use front::{split_front_matter, FrontMatter};
pub use parsed::{Parsed, Unparsed};
pub use yaml::{locate, parse_yaml};
