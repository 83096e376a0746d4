//! The kinds of pages the site has, and the values their addresses are
//! made of: a [`Job`] names one page to render; [`NavSection`], [`Facet`] and
//! [`LegalPage`] name the sections, the facet values and the generated legal
//! pages.
//!
//! This is the bottom of the render stage: it knows the catalogue and
//! nothing else of render, so that [`super::routes`] (which turns these
//! into addresses) and every page builder can share it without a cycle.

use crate::catalogue::{Catalogue, Kind, MobilityType, Page, Partnership, Status};
use crate::types::lang::Lang;

/// How many partnerships a list page shows.
pub const PAGE_SIZE: usize = 30;

/// The number of pages a list of `n` partnerships takes (at least one).
pub fn page_count(n: usize) -> usize {
    n.div_ceil(PAGE_SIZE).max(1)
}

/// The sections of a language folder, each with its page in the navigation
/// (not [`crate::types::item::Section`], the folders of `content/` that
/// `@/` links name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NavSection {
    Partnerships,
    Countries,
    Institutions,
    Themes,
    Programmes,
}

impl NavSection {
    /// The sections in the order the navigation shows them.
    pub const ALL: [NavSection; 5] = [
        NavSection::Partnerships,
        NavSection::Countries,
        NavSection::Institutions,
        NavSection::Themes,
        NavSection::Programmes,
    ];

    /// The interface string that names the section in the navigation.
    pub fn label_key(self) -> &'static str {
        match self {
            NavSection::Partnerships => "partnerships",
            NavSection::Countries => "countries",
            NavSection::Institutions => "institutions",
            NavSection::Themes => "themes",
            NavSection::Programmes => "programmes",
        }
    }
}

/// How many pages the catalogue has in an order other than titles: the
/// 300 newest, or earliest, partnerships. A catalogue of that size has
/// every page in every order; a larger one keeps its build time (each
/// order in full would add two thirds of the catalogue's pages again)
/// and reads on in title order or with the filter.
pub const SORTED_PAGES: usize = 10;

/// The number of pages of `job`'s list of `n` partnerships: every page,
/// but the first [`SORTED_PAGES`] of the catalogue's other orders.
pub fn pages_of(job: Job, n: usize) -> usize {
    match job {
        Job::Partnerships(_, order, _) if order != Order::Title => page_count(n).min(SORTED_PAGES),
        _ => page_count(n),
    }
}

/// The orders the catalogue can be read in, each with its own pages so that
/// the choice works without JavaScript: titles (accents folded, French
/// rules), the newest first (the latest start date first, as the home
/// page's latest partnerships), and start date (the earliest first, the
/// order of a history). Equal dates keep title order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Order {
    Title,
    Newest,
    Start,
}

impl Order {
    /// The orders in the order the sort control shows them.
    pub const ALL: [Order; 3] = [Order::Title, Order::Newest, Order::Start];

    /// The interface string that names the order in the sort control.
    pub fn label_key(self) -> &'static str {
        match self {
            Order::Title => "sort_title",
            Order::Newest => "sort_newest",
            Order::Start => "sort_start",
        }
    }
}

/// One page to render. Lists carry their page number, from 1.
#[derive(Debug, Clone, Copy)]
pub enum Job<'a> {
    LanguageChooser,
    NotFound,
    Home(Lang),
    /// A page of the catalogue, in one of its orders.
    Partnerships(Lang, Order, usize),
    Partnership(Lang, usize),
    Countries(Lang),
    Country(Lang, &'a str, usize),
    Institutions(Lang),
    Institution(Lang, &'a str, usize),
    Themes(Lang),
    Theme(Lang, &'a str, usize),
    Programmes(Lang),
    Programme(Lang, &'a str, usize),
    /// The partnerships of a kind, status, mobility type or start year.
    Facet(Lang, Facet, usize),
    Page(Lang, &'a Page),
    Figures(Lang),
    Search(Lang),
    /// The translation report, outside the navigation and the sitemap.
    Translations(Lang),
    /// A legal page generated from site.yaml's `legal`.
    Legal(Lang, LegalPage),
}

impl<'a> Job<'a> {
    /// The language of the page; `None` for the pages of every language.
    pub fn lang(self) -> Option<Lang> {
        match self {
            Job::LanguageChooser | Job::NotFound => None,
            Job::Home(l)
            | Job::Partnerships(l, ..)
            | Job::Partnership(l, _)
            | Job::Countries(l)
            | Job::Country(l, ..)
            | Job::Institutions(l)
            | Job::Institution(l, ..)
            | Job::Themes(l)
            | Job::Theme(l, ..)
            | Job::Programmes(l)
            | Job::Programme(l, ..)
            | Job::Facet(l, ..)
            | Job::Page(l, _)
            | Job::Figures(l)
            | Job::Search(l)
            | Job::Translations(l)
            | Job::Legal(l, _) => Some(l),
        }
    }

    /// The same page in another language.
    pub fn in_language(self, other: Lang) -> Job<'a> {
        match self {
            Job::LanguageChooser | Job::NotFound => self,
            Job::Home(_) => Job::Home(other),
            Job::Partnerships(_, o, n) => Job::Partnerships(other, o, n),
            Job::Partnership(_, p) => Job::Partnership(other, p),
            Job::Countries(_) => Job::Countries(other),
            Job::Country(_, c, n) => Job::Country(other, c, n),
            Job::Institutions(_) => Job::Institutions(other),
            Job::Institution(_, i, n) => Job::Institution(other, i, n),
            Job::Themes(_) => Job::Themes(other),
            Job::Theme(_, t, n) => Job::Theme(other, t, n),
            Job::Programmes(_) => Job::Programmes(other),
            Job::Programme(_, p, n) => Job::Programme(other, p, n),
            Job::Facet(_, f, n) => Job::Facet(other, f, n),
            Job::Page(_, p) => Job::Page(other, p),
            Job::Figures(_) => Job::Figures(other),
            Job::Search(_) => Job::Search(other),
            Job::Translations(_) => Job::Translations(other),
            Job::Legal(_, page) => Job::Legal(other, page),
        }
    }

    /// The home page and the section indexes of a language, which count
    /// or list every item (the translation report too).
    pub fn indexes(lang: Lang) -> [Job<'a>; 7] {
        [
            Job::Home(lang),
            Job::Figures(lang),
            Job::Countries(lang),
            Job::Institutions(lang),
            Job::Themes(lang),
            Job::Programmes(lang),
            Job::Translations(lang),
        ]
    }

    /// The page number of a list page, from 1; 1 for any other page.
    pub fn page(self) -> usize {
        match self {
            Job::Partnerships(_, _, n)
            | Job::Country(_, _, n)
            | Job::Institution(_, _, n)
            | Job::Theme(_, _, n)
            | Job::Programme(_, _, n)
            | Job::Facet(_, _, n) => n,
            _ => 1,
        }
    }

    /// Page `n` of the same list (other pages are returned unchanged).
    pub fn with_page(self, n: usize) -> Job<'a> {
        match self {
            Job::Partnerships(l, o, _) => Job::Partnerships(l, o, n),
            Job::Country(l, c, _) => Job::Country(l, c, n),
            Job::Institution(l, i, _) => Job::Institution(l, i, n),
            Job::Theme(l, t, _) => Job::Theme(l, t, n),
            Job::Programme(l, p, _) => Job::Programme(l, p, n),
            Job::Facet(l, f, _) => Job::Facet(l, f, n),
            other => other,
        }
    }

    /// The section of the site the page belongs to, for the navigation.
    pub fn section(self) -> Option<NavSection> {
        match self {
            Job::Partnerships(..) | Job::Partnership(..) | Job::Facet(..) => {
                Some(NavSection::Partnerships)
            }
            Job::Countries(_) | Job::Country(..) => Some(NavSection::Countries),
            Job::Institutions(_) | Job::Institution(..) => Some(NavSection::Institutions),
            Job::Themes(_) | Job::Theme(..) => Some(NavSection::Themes),
            Job::Programmes(_) | Job::Programme(..) => Some(NavSection::Programmes),
            _ => None,
        }
    }
}

/// The facets of the catalogue page, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetGroup {
    Country,
    Programme,
    Theme,
    Kind,
    Status,
    Mobility,
    Year,
}

impl FacetGroup {
    pub const ALL: [FacetGroup; 7] = [
        FacetGroup::Country,
        FacetGroup::Programme,
        FacetGroup::Theme,
        FacetGroup::Kind,
        FacetGroup::Status,
        FacetGroup::Mobility,
        FacetGroup::Year,
    ];

    /// The interface string that names the facet.
    pub fn label_key(self) -> &'static str {
        match self {
            FacetGroup::Country => "country",
            FacetGroup::Programme => "programme",
            FacetGroup::Theme => "theme",
            FacetGroup::Kind => "kind_label",
            FacetGroup::Status => "status",
            FacetGroup::Mobility => "mobility_type_label",
            FacetGroup::Year => "start_year",
        }
    }
}

/// A value of the facets that have no section of their own; its page
/// lists the partnerships that have it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Facet {
    Kind(Kind),
    Status(Status),
    Mobility(MobilityType),
    /// The year the partnership started.
    Year(i32),
}

impl Facet {
    pub fn group(self) -> FacetGroup {
        match self {
            Facet::Kind(_) => FacetGroup::Kind,
            Facet::Status(_) => FacetGroup::Status,
            Facet::Mobility(_) => FacetGroup::Mobility,
            Facet::Year(_) => FacetGroup::Year,
        }
    }

    /// The facet values of a partnership, each once.
    pub fn of(p: &Partnership) -> Vec<Facet> {
        let mut values = vec![
            Facet::Kind(p.kind),
            Facet::Status(p.status),
            Facet::Year(p.start.year),
        ];
        for m in &p.mobility {
            let value = Facet::Mobility(m.kind);
            if !values.contains(&value) {
                values.push(value);
            }
        }
        values
    }
}

/// One of the legal pages generated from site.yaml's `legal`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LegalPage {
    Accessibility,
    LegalNotice,
    Privacy,
}

impl LegalPage {
    pub const ALL: [LegalPage; 3] = [
        LegalPage::Accessibility,
        LegalPage::LegalNotice,
        LegalPage::Privacy,
    ];

    /// The key of the hand-written page (`content/pages/<key>.<lang>.md`)
    /// that replaces it, and of `@/pages/<key>` links.
    pub fn key(self) -> &'static str {
        match self {
            LegalPage::Accessibility => "accessibility",
            LegalPage::LegalNotice => "legal-notice",
            LegalPage::Privacy => "privacy",
        }
    }

    pub fn from_key(key: &str) -> Option<LegalPage> {
        LegalPage::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The theme's template for the page.
    pub fn template(self) -> &'static str {
        match self {
            LegalPage::Accessibility => "legal/accessibility.html",
            LegalPage::LegalNotice => "legal/legal-notice.html",
            LegalPage::Privacy => "legal/privacy.html",
        }
    }

    /// The interface string of its title.
    pub fn title_key(self) -> &'static str {
        match self {
            LegalPage::Accessibility => "legal_accessibility",
            LegalPage::LegalNotice => "legal_notice",
            LegalPage::Privacy => "legal_privacy",
        }
    }

    /// The legal pages the build generates: every one, when site.yaml has
    /// `legal`, but those the site has written by hand.
    pub fn generated(c: &Catalogue) -> Vec<LegalPage> {
        if c.config.legal.is_none() {
            return Vec::new();
        }
        LegalPage::ALL
            .into_iter()
            .filter(|l| !c.pages.iter().any(|p| p.key == l.key()))
            .collect()
    }

    /// The hand-written page that replaces it, if the site has one.
    pub fn written(self, c: &Catalogue) -> Option<&Page> {
        c.pages.iter().find(|p| p.key == self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_other_orders_stop_after_ten_pages() {
        let fr = Lang::Fr;
        for (n, title, newest) in [
            (0, 1, 1),
            (200, 7, 7),
            (300, 10, 10),
            (301, 11, 10),
            (10_000, 334, 10),
        ] {
            assert_eq!(
                pages_of(Job::Partnerships(fr, Order::Title, 1), n),
                title,
                "{n}"
            );
            assert_eq!(
                pages_of(Job::Partnerships(fr, Order::Newest, 3), n),
                newest,
                "{n}"
            );
            assert_eq!(
                pages_of(Job::Partnerships(fr, Order::Start, 1), n),
                newest,
                "{n}"
            );
        }
        assert_eq!(pages_of(Job::Facet(fr, Facet::Year(2020), 1), 10_000), 334);
    }
}
