//! Raw files → [`Catalogue`]: required fields, shared/translated fields,
//! references, dates, URLs and slugs, with a located diagnostic for every
//! problem. Items are resolved in an order that makes references known
//! (taxonomies, institutions, then partnerships and pages, then
//! countries), the items of a section in parallel.
//!
//! This module holds the two ways in: [`resolve`], the whole catalogue
//! from every file, and [`update_partnerships`], serve's quick way for
//! edits to partnership files. The state of a resolution and the steps
//! all items share are in [`resolver`]; partnerships, which have the most
//! rules, in [`partnership`]; the other items in [`items`]; checks of
//! single values in [`checks`].

mod checks;
mod contact;
mod items;
mod partnership;
mod placeholders;
mod resolver;

use std::collections::BTreeSet;

pub use self::checks::is_key;
use self::resolver::{References, Resolver};
pub use self::resolver::{ResolveOptions, SiteFiles};
use super::item::Files;
use super::links;
use super::model::{Catalogue, Partnership};
use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::Markdown;
use crate::types::item::Section;

/// Resolves every content file of the site, as `source` read them, into
/// the catalogue.
pub fn resolve(
    config: SiteConfig,
    items: Files,
    options: &ResolveOptions,
    diagnostics: &mut Diagnostics,
) -> Catalogue {
    let mut r = Resolver::new(options, &config);
    let files = r.group(items);
    let institutions = r.institutions(files.institutions);
    let refs = References {
        themes: &files.themes,
        programmes: &files.programmes,
        institutions: &institutions,
        country_files: files.countries.iter().map(|(c, _)| c.clone()).collect(),
    };
    // The texts of items that fail are never rendered: their links are
    // checked here instead.
    let mut unrendered = files.unparsed;
    let mut partnerships = r.resolve_items(
        Section::Partnerships,
        files.partnerships,
        &mut unrendered,
        |r, key, f| r.partnership(key, f, &refs),
    );
    // Drafts are checked like the others, then left out unless asked for.
    partnerships.retain(|p| options.drafts || !p.draft);
    let pages = r.resolve_items(Section::Pages, files.pages, &mut unrendered, Resolver::page);
    r.check_slugs(&partnerships, &pages);
    let countries = r.countries(files.countries, &partnerships, &institutions);
    diagnostics.extend(r.diags);
    let catalogue = Catalogue {
        broken: r.broken,
        config,
        partnerships,
        countries,
        institutions,
        themes: files.themes,
        programmes: files.programmes,
        pages,
    };
    diagnostics.extend(links::check_unrendered(&catalogue, &unrendered, &|f| {
        options.files.media_exists(f)
    }));
    catalogue
}

/// Partnerships whose files changed (none created or removed), as
/// `source` read them again.
pub struct Reread {
    pub keys: BTreeSet<String>,
    /// Every file of those partnerships, in every language.
    pub files: Files,
    /// The countries that have a file of their own.
    pub country_files: BTreeSet<String>,
}

/// Resolves again, in place in `catalogue`, the partnerships of `reread`;
/// everything else is kept. Returns the partnerships replaced, with
/// their places, so that a caller can put them back; `None` when the change
/// is one this cannot make in place (a partnership that appears, goes,
/// becomes a draft or changes countries): then a whole load is due. With an
/// error in `diagnostics`, nothing is replaced.
pub fn update_partnerships(
    catalogue: &mut Catalogue,
    reread: Reread,
    options: &ResolveOptions,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<(usize, Partnership)>> {
    let places: Vec<usize> = reread
        .keys
        .iter()
        .map(|k| {
            catalogue
                .partnerships
                .binary_search_by(|p| p.key.cmp(k))
                .ok()
        })
        .collect::<Option<_>>()?;
    let config = catalogue.config.clone();
    let mut r = Resolver::new(options, &config);
    let (fresh, bodies) = r.partnerships_again(catalogue, reread);
    if !r.diags.iter().any(Diagnostic::is_error) {
        let moved = fresh.iter().zip(&places).any(|(p, &i)| {
            let old = &catalogue.partnerships[i];
            (p.draft && !options.drafts) || p.countries != old.countries
        });
        if fresh.len() != places.len() || moved {
            return None;
        }
    }
    diagnostics.extend(std::mem::take(&mut r.diags));
    if diagnostics.has_errors() {
        diagnostics.extend(links::check_unrendered(catalogue, &bodies, &|f| {
            options.files.media_exists(f)
        }));
        return Some(Vec::new());
    }
    let replaced: Vec<(usize, Partnership)> = places
        .iter()
        .zip(fresh)
        .map(|(&i, p)| (i, std::mem::replace(&mut catalogue.partnerships[i], p)))
        .collect();
    r.check_slugs(&catalogue.partnerships, &catalogue.pages);
    diagnostics.extend(r.diags);
    // The links of the new texts, which are rendered only when asked for.
    diagnostics.extend(links::check_unrendered(catalogue, &bodies, &|f| {
        options.files.media_exists(f)
    }));
    if diagnostics.has_errors() {
        put_back(catalogue, replaced);
        return Some(Vec::new());
    }
    Some(replaced)
}

impl Resolver<'_> {
    /// The partnerships of `reread` resolved again against the rest of
    /// `catalogue`, with the texts of their files.
    fn partnerships_again(
        &mut self,
        catalogue: &Catalogue,
        reread: Reread,
    ) -> (Vec<Partnership>, Vec<Markdown>) {
        let grouped = self.group(reread.files);
        let mut files = grouped.partnerships;
        for key in reread.keys {
            files.entry(key).or_default();
        }
        let refs = References {
            themes: &catalogue.themes,
            programmes: &catalogue.programmes,
            institutions: &catalogue.institutions,
            country_files: reread.country_files,
        };
        // The texts of the files that could not be read are checked too.
        let bodies: Vec<Markdown> = files
            .values()
            .flat_map(|f| f.iter().map(|(_, p)| p.body()))
            .chain(grouped.unparsed)
            .collect();
        let mut unrendered = Vec::new();
        let fresh = self.resolve_items(
            Section::Partnerships,
            files,
            &mut unrendered,
            |r, key, f| r.partnership(key, f, &refs),
        );
        (fresh, bodies)
    }
}

/// Puts back the partnerships [`update_partnerships`] replaced.
fn put_back(catalogue: &mut Catalogue, replaced: Vec<(usize, Partnership)>) {
    for (i, p) in replaced {
        catalogue.partnerships[i] = p;
    }
}
