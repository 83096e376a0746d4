//! Every URL of the site is built here, and only here.
//!
//! A route is a site-relative path without a leading slash: `fr/pays/belgique/`
//! for a folder page (written to `…/index.html`) or `fr/atom.xml` for a file.
//! Pages link to each other with [`relative`] hrefs, so that the output works
//! under any path of any static server; [`Routes::absolute`] is used only
//! where a full address is required (canonical, hreflang, sitemap, feeds).

use std::collections::BTreeMap;

use super::facets::{Facet, FacetGroup};
use super::legal::LegalPage;
use crate::catalogue::{Catalogue, Kind, MobilityType, Page, Partnership, Status};
use crate::types::text::slugify;

/// The sections of a language folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Partnerships,
    Countries,
    Institutions,
    Themes,
    Programmes,
}

impl Section {
    /// The folder name of a section in a language.
    pub fn folder(self, lang: &str) -> &'static str {
        let fr = lang == "fr";
        match self {
            Section::Partnerships if fr => "partenariats",
            Section::Partnerships => "partnerships",
            Section::Countries if fr => "pays",
            Section::Countries => "countries",
            Section::Institutions => "institutions",
            Section::Themes if fr => "thematiques",
            Section::Themes => "themes",
            Section::Programmes => "programmes",
        }
    }
}

pub struct Routes<'a> {
    catalogue: &'a Catalogue,
    partnership_index: BTreeMap<&'a str, &'a Partnership>,
    page_index: BTreeMap<&'a str, &'a Page>,
    /// (lang, code) → slug of the country's name in that language.
    country_slugs: BTreeMap<(String, String), String>,
}

impl<'a> Routes<'a> {
    pub fn new(catalogue: &'a Catalogue) -> Self {
        let mut country_slugs = BTreeMap::new();
        for lang in &catalogue.config.languages {
            let mut taken: BTreeMap<String, &str> = BTreeMap::new();
            for (code, country) in &catalogue.countries {
                let mut slug = slugify(&country.names[lang]);
                if slug.is_empty() || taken.contains_key(&slug) {
                    slug = code.clone();
                }
                taken.insert(slug.clone(), code);
                country_slugs.insert((lang.clone(), code.clone()), slug);
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

    pub fn home(&self, lang: &str) -> String {
        format!("{lang}/")
    }

    pub fn section(&self, lang: &str, section: Section) -> String {
        format!("{lang}/{}/", section.folder(lang))
    }

    fn item(&self, lang: &str, section: Section, slug: &str) -> String {
        format!("{lang}/{}/{slug}/", section.folder(lang))
    }

    pub fn partnership(&self, lang: &str, p: &Partnership) -> String {
        self.item(lang, Section::Partnerships, &p.text(lang).slug)
    }

    pub fn country(&self, lang: &str, code: &str) -> String {
        let slug = self
            .country_slugs
            .get(&(lang.to_string(), code.to_string()));
        self.item(lang, Section::Countries, slug.map_or(code, String::as_str))
    }

    pub fn institution(&self, lang: &str, id: &str) -> String {
        self.item(lang, Section::Institutions, id)
    }

    pub fn theme(&self, lang: &str, id: &str) -> String {
        self.item(lang, Section::Themes, id)
    }

    pub fn programme(&self, lang: &str, id: &str) -> String {
        self.item(lang, Section::Programmes, id)
    }

    pub fn page(&self, lang: &str, page: &Page) -> String {
        format!("{lang}/{}/", page.text(lang).slug)
    }

    /// A legal page generated from site.yaml: `fr/accessibilite/`,
    /// `en/legal-notice/`.
    pub fn legal(&self, lang: &str, page: LegalPage) -> String {
        let fr = lang == "fr";
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
    pub fn facet_param(&self, lang: &str, group: FacetGroup) -> &'static str {
        let fr = lang == "fr";
        match group {
            FacetGroup::Country => Section::Countries.folder(lang),
            FacetGroup::Programme => Section::Programmes.folder(lang),
            FacetGroup::Theme => Section::Themes.folder(lang),
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
    pub fn facet(&self, lang: &str, facet: Facet) -> String {
        let value = facet_slug(lang, facet);
        let folder = self.facet_param(lang, facet.group());
        format!(
            "{}{folder}/{value}/",
            self.section(lang, Section::Partnerships)
        )
    }

    /// The folder of the catalogue's filter data and search index in a
    /// language: `search/fr/`.
    pub fn search_folder(&self, lang: &str) -> String {
        format!("search/{lang}/")
    }

    /// The search page: `fr/recherche/`, `en/search/`.
    pub fn search(&self, lang: &str) -> String {
        let folder = if lang == "fr" { "recherche" } else { "search" };
        format!("{lang}/{folder}/")
    }

    /// The key figures page: `fr/chiffres/`, `en/figures/`.
    pub fn figures(&self, lang: &str) -> String {
        let folder = if lang == "fr" { "chiffres" } else { "figures" };
        format!("{lang}/{folder}/")
    }

    /// The translation report, linked from no other page:
    /// `fr/_traductions/`, `en/_translations/`.
    pub fn translations(&self, lang: &str) -> String {
        let folder = if lang == "fr" {
            "_traductions"
        } else {
            "_translations"
        };
        format!("{lang}/{folder}/")
    }

    pub fn feed(&self, lang: &str) -> String {
        format!("{lang}/atom.xml")
    }

    pub fn stylesheet(&self) -> String {
        "static/style.css".to_string()
    }

    pub fn media(&self, file: &str) -> String {
        format!("media/{file}")
    }

    /// The route of an `@/section/id` link target, if it exists.
    pub fn internal(&self, lang: &str, section: &str, id: &str) -> Option<String> {
        let c = self.catalogue;
        match section {
            "partnerships" => self
                .partnership_index
                .get(id)
                .map(|p| self.partnership(lang, p)),
            "countries" => c.countries.contains_key(id).then(|| self.country(lang, id)),
            "institutions" => c
                .institutions
                .contains_key(id)
                .then(|| self.institution(lang, id)),
            "themes" => c.themes.contains_key(id).then(|| self.theme(lang, id)),
            "programmes" => c
                .programmes
                .contains_key(id)
                .then(|| self.programme(lang, id)),
            "pages" => match self.page_index.get(id) {
                Some(p) => Some(self.page(lang, p)),
                // A generated legal page, when no hand-written one has its key.
                None => LegalPage::from_key(id)
                    .filter(|_| c.config.legal.is_some())
                    .map(|page| self.legal(lang, page)),
            },
            _ => None,
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
fn facet_slug(lang: &str, facet: Facet) -> String {
    let fr = lang == "fr";
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

/// HTML written with links relative to the site root (`href="fr/pays/x/"`)
/// made relative to a page: `root` (from [`relative`]`(page, "")`) goes
/// before every `href` and `src` that is neither absolute (`https:`,
/// `mailto:`, `/…`) nor a fragment. Cards are rendered once this way and
/// placed on every list page that shows them.
pub fn relocate(html: &str, root: &str) -> String {
    place(html, &link_points(html), root)
}

/// Where [`relocate`] puts the root in `html`: the starts of the values of
/// its `href` and `src` attributes that are relative addresses. Found once
/// for a card, used on every page that shows it.
pub fn link_points(html: &str) -> Vec<usize> {
    let mut points = Vec::new();
    // Each attribute is searched for once from where the last one was
    // found: the text is read once, whatever its number of links.
    let mut href = find_from(html, " href=\"", 0);
    let mut src = find_from(html, " src=\"", 0);
    while let Some(at) = href.min(src).or(href).or(src) {
        let value = &html[at..];
        let external = value.starts_with(['/', '#', '"'])
            || value
                .split(['/', '"'])
                .next()
                .is_some_and(|first| first.contains(':'));
        if !external {
            points.push(at);
        }
        if href == Some(at) {
            href = find_from(html, " href=\"", at);
        } else {
            src = find_from(html, " src=\"", at);
        }
    }
    points
}

/// `html` with `root` put at each of `points` (from [`link_points`]).
pub fn place(html: &str, points: &[usize], root: &str) -> String {
    let mut out = String::with_capacity(html.len() + points.len() * root.len());
    let mut done = 0;
    for &at in points {
        out.push_str(&html[done..at]);
        out.push_str(root);
        done = at;
    }
    out.push_str(&html[done..]);
    out
}

/// Where the value of the next attribute `pattern` (`" href=\""`) starts
/// in `html`, from byte `from` on.
fn find_from(html: &str, pattern: &str, from: usize) -> Option<usize> {
    html[from..].find(pattern).map(|i| from + i + pattern.len())
}

/// The URL segments under the catalogue that are not partnerships (lists'
/// later pages, facet values): a partnership's slug may not take one.
pub const CATALOGUE_FOLDERS: [&str; 9] = [
    "page", "type", "kind", "statut", "status", "mobilite", "mobility", "annee", "year",
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
    fn cards_are_relocated_to_their_page() {
        let card = r##"<a href="fr/partenariats/x/" lang="fr">x</a> <a class="tag" href="fr/pays/belgique/">B</a> <img src="media/l.png" alt=""> <a href="https://example.org/">e</a> <a href="mailto:a@b.c">m</a> <a href="#top">t</a> <a href="/abs/">a</a>"##;
        let moved = relocate(card, "../../");
        assert_eq!(
            moved,
            r##"<a href="../../fr/partenariats/x/" lang="fr">x</a> <a class="tag" href="../../fr/pays/belgique/">B</a> <img src="../../media/l.png" alt=""> <a href="https://example.org/">e</a> <a href="mailto:a@b.c">m</a> <a href="#top">t</a> <a href="/abs/">a</a>"##
        );
        assert_eq!(relocate("<p>href=\"x\"</p>", "../"), "<p>href=\"x\"</p>");
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
