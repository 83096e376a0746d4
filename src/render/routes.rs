//! Every URL of the site is built here, and only here: the route of each
//! page ([`Routes::route_of`]) and of each file, and the way back from a
//! route to its page for `serve` ([`split_page`], [`split_item`]).
//!
//! A route is a site-relative path without a leading slash: `fr/pays/belgique/`
//! for a folder page (written to `…/index.html`) or `fr/atom.xml` for a file.
//! Pages link to each other with [`relative`] hrefs, so that the output works
//! under any path of any static server; [`Routes::absolute`] is used only
//! where a full address is required (canonical, hreflang, sitemap, feeds).
//!
//! Routes sit just above the kinds of pages ([`super::kinds`]) and below
//! every view and page builder, which ask them for addresses.

use std::collections::BTreeMap;

use super::kinds::{Facet, FacetGroup, Job, LegalPage, NavSection, Order};
use crate::catalogue::{Catalogue, Kind, MobilityType, Page, Partnership, Status};
use crate::types::item::{ItemRef, Section};
use crate::types::lang::Lang;
use crate::types::text::slugify;

/// The folder name of a section in a language.
fn folder(section: NavSection, lang: Lang) -> &'static str {
    let fr = lang == Lang::Fr;
    match section {
        NavSection::Partnerships if fr => "partenariats",
        NavSection::Partnerships => "partnerships",
        NavSection::Countries if fr => "pays",
        NavSection::Countries => "countries",
        NavSection::Institutions => "institutions",
        NavSection::Themes if fr => "thematiques",
        NavSection::Themes => "themes",
        NavSection::Programmes => "programmes",
    }
}

/// The addresses of a site's pages and files.
pub struct Routes<'a> {
    catalogue: &'a Catalogue,
    partnership_index: BTreeMap<&'a str, &'a Partnership>,
    page_index: BTreeMap<&'a str, &'a Page>,
    /// (lang, code) → slug of the country's name in that language.
    country_slugs: BTreeMap<(Lang, String), String>,
}

impl<'a> Routes<'a> {
    pub fn new(catalogue: &'a Catalogue) -> Self {
        let mut country_slugs = BTreeMap::new();
        for &lang in &catalogue.config.languages {
            let mut taken: BTreeMap<String, &str> = BTreeMap::new();
            for (code, country) in &catalogue.countries {
                let mut slug = slugify(&country.names[lang.as_str()]);
                if slug.is_empty() || taken.contains_key(&slug) {
                    slug = code.to_string();
                }
                taken.insert(slug.clone(), code);
                country_slugs.insert((lang, code.to_string()), slug);
            }
        }
        Routes {
            catalogue,
            partnership_index: catalogue
                .partnerships
                .iter()
                .map(|p| (p.key.as_str(), p))
                .collect(),
            page_index: catalogue
                .pages
                .iter()
                .map(|p| (p.key.as_str(), p))
                .collect(),
            country_slugs,
        }
    }

    pub fn language_root(&self) -> String {
        String::new()
    }

    pub fn home(&self, lang: Lang) -> String {
        format!("{lang}/")
    }

    pub fn section(&self, lang: Lang, section: NavSection) -> String {
        format!("{lang}/{}/", folder(section, lang))
    }

    fn item(&self, lang: Lang, section: NavSection, slug: &str) -> String {
        format!("{lang}/{}/{slug}/", folder(section, lang))
    }

    pub fn partnership(&self, lang: Lang, p: &Partnership) -> String {
        self.item(lang, NavSection::Partnerships, &p.text(lang).slug)
    }

    pub fn country(&self, lang: Lang, code: &str) -> String {
        let slug = self.country_slugs.get(&(lang, code.to_string()));
        self.item(
            lang,
            NavSection::Countries,
            slug.map_or(code, String::as_str),
        )
    }

    pub fn institution(&self, lang: Lang, id: &str) -> String {
        self.item(lang, NavSection::Institutions, id)
    }

    pub fn theme(&self, lang: Lang, id: &str) -> String {
        self.item(lang, NavSection::Themes, id)
    }

    pub fn programme(&self, lang: Lang, id: &str) -> String {
        self.item(lang, NavSection::Programmes, id)
    }

    pub fn page(&self, lang: Lang, page: &Page) -> String {
        format!("{lang}/{}/", page.text(lang).slug)
    }

    /// A legal page generated from site.yaml: `fr/accessibilite/`,
    /// `en/legal-notice/`.
    pub fn legal(&self, lang: Lang, page: LegalPage) -> String {
        let fr = lang == Lang::Fr;
        let slug = match page {
            LegalPage::Accessibility if fr => "accessibilite",
            LegalPage::Accessibility => "accessibility",
            LegalPage::LegalNotice if fr => "mentions-legales",
            LegalPage::LegalNotice => "legal-notice",
            LegalPage::Privacy if fr => "donnees-personnelles",
            LegalPage::Privacy => "privacy",
        };
        format!("{lang}/{slug}/")
    }

    /// The route of a legal page: the hand-written one if there is one,
    /// else the generated one if site.yaml allows it.
    pub fn legal_page(&self, lang: Lang, page: LegalPage) -> Option<String> {
        let c = self.catalogue;
        match page.written(c) {
            Some(p) => Some(self.page(lang, p)),
            None => c.config.legal.as_ref().map(|_| self.legal(lang, page)),
        }
    }

    /// The route of a job's page.
    pub fn route_of(&self, job: Job) -> String {
        match job {
            Job::LanguageChooser => self.language_root(),
            Job::NotFound => self.not_found(),
            Job::Home(l) => self.home(l),
            Job::Partnerships(l, order, n) => self.paged(self.sorted(l, order), n),
            Job::Partnership(l, i) => self.partnership(l, &self.catalogue.partnerships[i]),
            Job::Countries(l) => self.section(l, NavSection::Countries),
            Job::Country(l, code, n) => self.paged(self.country(l, code), n),
            Job::Institutions(l) => self.section(l, NavSection::Institutions),
            Job::Institution(l, id, n) => self.paged(self.institution(l, id), n),
            Job::Themes(l) => self.section(l, NavSection::Themes),
            Job::Theme(l, id, n) => self.paged(self.theme(l, id), n),
            Job::Programmes(l) => self.section(l, NavSection::Programmes),
            Job::Programme(l, id, n) => self.paged(self.programme(l, id), n),
            Job::Facet(l, facet, n) => self.paged(self.facet(l, facet), n),
            Job::Page(l, p) => self.page(l, p),
            Job::Figures(l) => self.figures(l),
            Job::Search(l) => self.search(l),
            Job::Translations(l) => self.translations(l),
            Job::Legal(l, page) => self.legal(l, page),
        }
    }

    /// The first page of the catalogue in an order: the section itself in
    /// title order, `fr/partenariats/tri/recents/` or
    /// `en/partnerships/sort/start-date/` in the others.
    pub fn sorted(&self, lang: Lang, order: Order) -> String {
        let section = self.section(lang, NavSection::Partnerships);
        let fr = lang == Lang::Fr;
        let slug = match order {
            Order::Title => return section,
            Order::Newest if fr => "recents",
            Order::Newest => "newest",
            Order::Start if fr => "date-de-debut",
            Order::Start => "start-date",
        };
        let folder = if fr { "tri" } else { "sort" };
        format!("{section}{folder}/{slug}/")
    }

    /// Page `n` of a paginated list whose first page is at `route`.
    pub fn paged(&self, route: String, n: usize) -> String {
        if n <= 1 {
            route
        } else {
            format!("{route}page/{n}/")
        }
    }

    /// The query parameter of a facet in the catalogue's filter, which is
    /// also the folder of its value pages: `pays`, `statut`, `annee`…
    pub fn facet_param(&self, lang: Lang, group: FacetGroup) -> &'static str {
        let fr = lang == Lang::Fr;
        match group {
            FacetGroup::Country => folder(NavSection::Countries, lang),
            FacetGroup::Programme => folder(NavSection::Programmes, lang),
            FacetGroup::Theme => folder(NavSection::Themes, lang),
            FacetGroup::Kind if fr => "type",
            FacetGroup::Kind => "kind",
            FacetGroup::Status if fr => "statut",
            FacetGroup::Status => "status",
            FacetGroup::Mobility if fr => "mobilite",
            FacetGroup::Mobility => "mobility",
            FacetGroup::Year if fr => "annee",
            FacetGroup::Year => "year",
        }
    }

    /// The page of a kind, status, mobility type or start year, under the
    /// catalogue: `fr/partenariats/statut/en-cours/`, `en/partnerships/year/2021/`.
    pub fn facet(&self, lang: Lang, facet: Facet) -> String {
        let value = facet_slug(lang, facet);
        let folder = self.facet_param(lang, facet.group());
        format!(
            "{}{folder}/{value}/",
            self.section(lang, NavSection::Partnerships)
        )
    }

    /// The folder of the catalogue's filter data and search index in a
    /// language: `search/fr/`.
    pub fn search_folder(&self, lang: Lang) -> String {
        format!("search/{lang}/")
    }

    /// The search page: `fr/recherche/`, `en/search/`.
    pub fn search(&self, lang: Lang) -> String {
        let folder = match lang {
            Lang::Fr => "recherche",
            Lang::En => "search",
        };
        format!("{lang}/{folder}/")
    }

    /// The key figures page: `fr/chiffres/`, `en/figures/`.
    pub fn figures(&self, lang: Lang) -> String {
        let folder = match lang {
            Lang::Fr => "chiffres",
            Lang::En => "figures",
        };
        format!("{lang}/{folder}/")
    }

    /// The translation report, linked from no other page:
    /// `fr/_traductions/`, `en/_translations/`.
    pub fn translations(&self, lang: Lang) -> String {
        let folder = match lang {
            Lang::Fr => "_traductions",
            Lang::En => "_translations",
        };
        format!("{lang}/{folder}/")
    }

    pub fn feed(&self, lang: Lang) -> String {
        format!("{lang}/atom.xml")
    }

    /// The page a server shows for a missing address, at the site root.
    pub fn not_found(&self) -> String {
        "404.html".to_string()
    }

    /// A file of the theme's `static/` folder.
    pub fn theme_file(&self, file: &str) -> String {
        format!("static/{file}")
    }

    pub fn stylesheet(&self) -> String {
        self.theme_file("style.css")
    }

    pub fn sitemap(&self) -> String {
        "sitemap.xml".to_string()
    }

    pub fn robots(&self) -> String {
        "robots.txt".to_string()
    }

    /// The data exports: `data/partnerships.json` and `.csv`.
    pub fn export(&self, extension: &str) -> String {
        format!("data/partnerships.{extension}")
    }

    /// The catalogue filter's data in a language: `search/fr/facets.json`.
    pub fn facets_data(&self, lang: Lang) -> String {
        format!("{}facets.json", self.search_folder(lang))
    }

    /// The search index's description in a language: `search/fr/meta.json`.
    pub fn search_meta(&self, lang: Lang) -> String {
        format!("{}meta.json", self.search_folder(lang))
    }

    /// The `n`th file of a language's search documents: `search/fr/docs/3.json`.
    pub fn search_docs(&self, lang: Lang, n: usize) -> String {
        format!("{}docs/{n}.json", self.search_folder(lang))
    }

    /// A shard of a language's search terms, by its file name:
    /// `search/fr/terms/pa.json`.
    pub fn search_terms(&self, lang: Lang, file: &str) -> String {
        format!("{}terms/{file}.json", self.search_folder(lang))
    }

    pub fn media(&self, file: &str) -> String {
        format!("media/{file}")
    }

    /// The route of an `@/section/id` link target, if it exists.
    pub fn internal(&self, lang: Lang, item: ItemRef) -> Option<String> {
        let (c, id) = (self.catalogue, item.id);
        match item.section {
            Section::Partnerships => self
                .partnership_index
                .get(id)
                .map(|p| self.partnership(lang, p)),
            Section::Countries => c.countries.contains_key(id).then(|| self.country(lang, id)),
            Section::Institutions => c
                .institutions
                .contains_key(id)
                .then(|| self.institution(lang, id)),
            Section::Themes => c.themes.contains_key(id).then(|| self.theme(lang, id)),
            Section::Programmes => c
                .programmes
                .contains_key(id)
                .then(|| self.programme(lang, id)),
            Section::Pages => match self.page_index.get(id) {
                Some(p) => Some(self.page(lang, p)),
                // A generated legal page, when no hand-written one has its key.
                None => LegalPage::from_key(id)
                    .filter(|_| c.config.legal.is_some())
                    .map(|page| self.legal(lang, page)),
            },
        }
    }

    /// The full address of a route, when the site has a `base_url`.
    pub fn absolute(&self, route: &str) -> Option<String> {
        self.catalogue
            .config
            .base_url
            .as_ref()
            .map(|base| format!("{base}{route}"))
    }
}

/// The URL segment of a facet value; fixed, so that addresses do not change
/// when a theme renames a value.
fn facet_slug(lang: Lang, facet: Facet) -> String {
    let fr = lang == Lang::Fr;
    let slug = match facet {
        Facet::Year(year) => return year.to_string(),
        Facet::Kind(kind) => match kind {
            Kind::ErasmusMobility if fr => "mobilite-erasmus",
            Kind::ErasmusMobility => "erasmus-mobility",
            Kind::EuProject if fr => "projet-europeen",
            Kind::EuProject => "eu-project",
            Kind::CrossBorder if fr => "transfrontalier",
            Kind::CrossBorder => "cross-border",
            Kind::Bilateral if fr => "bilateral",
            Kind::Bilateral => "bilateral",
            Kind::Network if fr => "reseau",
            Kind::Network => "network",
            Kind::DecentralisedCooperation if fr => "cooperation-decentralisee",
            Kind::DecentralisedCooperation => "decentralised-cooperation",
        },
        Facet::Status(status) => match status {
            Status::Planned if fr => "en-preparation",
            Status::Planned => "planned",
            Status::Ongoing if fr => "en-cours",
            Status::Ongoing => "ongoing",
            Status::Ended if fr => "termine",
            Status::Ended => "ended",
        },
        Facet::Mobility(mobility) => match mobility {
            MobilityType::Sms if fr => "etudes",
            MobilityType::Sms => "studies",
            MobilityType::Smp if fr => "stage",
            MobilityType::Smp => "traineeship",
            MobilityType::Sta if fr => "enseignement",
            MobilityType::Sta => "teaching",
            MobilityType::Stt if fr => "formation",
            MobilityType::Stt => "training",
            MobilityType::Group if fr => "groupe",
            MobilityType::Group => "group",
        },
    };
    slug.to_string()
}

/// The first page of the list whose page `route` is, and its number:
/// `fr/pays/belgique/page/2/` → (`fr/pays/belgique/`, 2); any other route
/// is its own first page. The reverse of [`Routes::paged`].
pub fn split_page(route: &str) -> (&str, usize) {
    let trimmed = route.trim_end_matches('/');
    if let Some((first, number)) = trimmed.rsplit_once("/page/") {
        if let Ok(n @ 2..) = number.parse::<usize>() {
            return (&route[..first.len() + 1], n);
        }
    }
    (route, 1)
}

/// The language and the slug of an item's route (`fr/partenariats/dlis/`
/// → `fr`, `dlis`), whatever its section: the reverse of the item routes.
pub fn split_item(route: &str) -> Option<(&str, &str)> {
    let mut segments = route.trim_end_matches('/').split('/');
    let lang = segments.next()?;
    let _section = segments.next()?;
    let slug = segments.next()?;
    Some((lang, slug))
}

/// The last segment of a route: `fr/pays/belgique/` → `belgique`.
pub fn last_segment(route: &str) -> String {
    route
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The file a route is written to.
pub fn file_path(route: &str) -> String {
    if route.is_empty() || route.ends_with('/') {
        format!("{route}index.html")
    } else {
        route.to_string()
    }
}

/// The href that leads from the page at route `from` to route `to`.
pub fn relative(from: &str, to: &str) -> String {
    let depth = from.matches('/').count();
    let href = format!("{}{to}", "../".repeat(depth));
    if href.is_empty() {
        "./".to_string()
    } else {
        href
    }
}

/// The URL segments under the catalogue that are not partnerships (lists'
/// later pages, facet values): a partnership's slug may not take one.
pub const CATALOGUE_FOLDERS: [&str; 11] = [
    "page", "type", "kind", "statut", "status", "mobilite", "mobility", "annee", "year", "tri",
    "sort",
];

/// The section names under a language folder; a page slug may not take one.
pub const RESERVED_SLUGS: [&str; 14] = [
    "partenariats",
    "partnerships",
    "pays",
    "countries",
    "institutions",
    "thematiques",
    "themes",
    "programmes",
    "recherche",
    "search",
    "chiffres",
    "figures",
    "static",
    "media",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_hrefs_climb_to_the_site_root() {
        let cases = [
            ("", "fr/", "fr/"),
            ("fr/", "en/", "../en/"),
            (
                "fr/partenariats/dlis/",
                "fr/pays/belgique/",
                "../../../fr/pays/belgique/",
            ),
            (
                "fr/partenariats/dlis/",
                "static/style.css",
                "../../../static/style.css",
            ),
            ("fr/atom.xml", "fr/", "../fr/"),
            ("", "", "./"),
        ];
        for (from, to, expected) in cases {
            assert_eq!(relative(from, to), expected, "{from} -> {to}");
        }
    }

    #[test]
    fn later_pages_are_found_from_their_first_page() {
        assert_eq!(
            split_page("fr/pays/belgique/page/2/"),
            ("fr/pays/belgique/", 2)
        );
        assert_eq!(
            split_page("fr/partenariats/page/12/"),
            ("fr/partenariats/", 12)
        );
        assert_eq!(
            split_page("fr/partenariats/page/1/"),
            ("fr/partenariats/page/1/", 1)
        );
        assert_eq!(
            split_page("fr/partenariats/page/"),
            ("fr/partenariats/page/", 1)
        );
        assert_eq!(split_page("fr/"), ("fr/", 1));
        assert_eq!(split_page(""), ("", 1));
    }

    #[test]
    fn routes_become_files() {
        assert_eq!(file_path(""), "index.html");
        assert_eq!(
            file_path("fr/pays/belgique/"),
            "fr/pays/belgique/index.html"
        );
        assert_eq!(file_path("fr/atom.xml"), "fr/atom.xml");
    }
}
