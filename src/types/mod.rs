//! The floor of the crate: types and helpers that every stage shares and
//! that know nothing of the stages. Nothing here imports another module of
//! the crate, so any stage may import from here without making a cycle.
//!
//! - [`date`]: partial dates as content writes them (`2014`, `2014-09`);
//! - [`text`]: escaping, accent folding, URL segments, sort keys;
//! - [`lang`]: the languages a site can be written in;
//! - [`limits`]: the bounds on nesting and sizes;
//! - [`item`]: the sections of `content/` and `@/section/id` references;
//! - [`ids`]: one type per kind of item identifier.

pub mod date;
pub mod ids;
pub mod item;
pub mod lang;
pub mod limits;
pub mod text;
