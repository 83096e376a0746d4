//! Catalogue → the site's pages and files, put into an output [`Sink`]
//! (render is the stage between the catalogue and the output).
//!
//! The stage reads from the bottom up, each file importing only those
//! below it:
//!
//! - [`kinds`]: the kinds of pages ([`Job`]) and the values of their
//!   addresses; [`routes`]: every URL, built there and only there;
//! - [`views`], [`locale`], [`map`], [`cards`]: what templates see;
//! - [`lists`], [`chrome`], then [`site`]: the shared site data (lists,
//!   cards, engines), built once and reused by `serve`;
//! - [`pages`]: one builder per kind of page; [`feeds`], [`export`],
//!   [`search`]: the files made from the whole catalogue;
//! - [`build`] and [`lookup`]: every page in parallel, or one on request.
//!
//! The rest of the crate makes a [`SiteData`] (or reuses the parts of the
//! last one, for `serve`), then renders every page and file into a sink
//! ([`render_pages`], [`render_catalogue_files`]) or one page on request
//! ([`render_checked`], with [`Lookup`] to find it by address). Lists are
//! paginated ([`PAGE_SIZE`] cards a page), so the output grows linearly
//! with the catalogue.

mod bodies;
pub mod build;
pub mod cards;
pub mod chrome;
pub mod export;
pub mod feeds;
pub mod hosts;
pub mod kinds;
pub mod lists;
pub mod locale;
pub mod lookup;
pub mod map;
pub mod media_links;
pub mod pages;
pub mod routes;
pub mod search;
pub mod site;
pub mod views;

pub use build::{render_catalogue_files, render_checked, render_into, render_pages};
pub use kinds::{page_count, Job, PAGE_SIZE};
pub use lookup::Lookup;
pub use site::{same_lists, Parts, Renewal, SiteData};
