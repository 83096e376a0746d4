//! The catalogue stage: the content files as `source` parsed them →
//! the resolved [`Catalogue`], every item keyed by id and every reference
//! known to exist, with a located diagnostic for every problem.
//!
//! ```text
//! source::Read<Item> ─ resolve (ResolveOptions: drafts, routes' reserved names) ─▶ Catalogue
//! ```
//!
//! The catalogue reads no file: `source` reads and parses ([`parse_item`]
//! says into which raw struct), the pipeline gives what resolution asks of
//! the site's folder through [`SiteFiles`], and the URL names a slug may
//! not take come from routes through [`ResolveOptions`].
//!
//! - `model`: the resolved types, which later stages (media, render,
//!   exports) read only and never re-check;
//! - `raw`: serde structs that mirror the files and deny unknown fields;
//! - `item`: a content file parsed into its raw struct;
//! - `resolve`: raw → model, and every check;
//! - `broken`: the items and files that failed to load, so that what
//!   would only repeat their errors (a link to them) is not reported.

pub mod countries;

mod broken;
mod hints;
mod item;
mod links;
mod model;
pub(crate) mod raw;
mod resolve;

pub use broken::Broken;
pub use hints::country_hint;
pub use item::{parse_item, Files, Item};
pub use model::*;
pub use resolve::{is_key, resolve, update_partnerships, Reread, ResolveOptions, SiteFiles};

pub use crate::types::date::PartialDate;
