//! From an address to the page there: how `serve` renders a page only when
//! a browser asks for it, instead of keeping the whole site in memory.

use std::collections::HashMap;

use super::kinds::{pages_of, Job};
use super::routes::{split_item, split_page};
use super::site::SiteData;
use crate::types::lang::Lang;

/// The first pages of the lists and the other pages of a site that are not
/// partnerships, by route; partnerships are found by their slug.
pub struct Lookup<'a> {
    pages: HashMap<String, Job<'a>>,
    /// lang → slug → partnership.
    slugs: HashMap<Lang, HashMap<&'a str, usize>>,
}

impl<'a> Lookup<'a> {
    /// The table [`Lookup::job_at`] reads, made once for a build.
    pub fn new(site: &SiteData<'a>) -> Self {
        let pages = site
            .jobs()
            .into_iter()
            .filter(|job| !matches!(job, Job::Partnership(..)) && job.page() == 1)
            .map(|job| (site.route(job), job))
            .collect();
        let catalogue = site.catalogue;
        let slugs = catalogue
            .config
            .languages
            .iter()
            .map(|&lang| {
                let slugs = catalogue
                    .partnerships
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p.text(lang).slug.as_str(), i))
                    .collect();
                (lang, slugs)
            })
            .collect();
        Lookup { pages, slugs }
    }

    /// The page of `site` whose route is `route` (`fr/pays/belgique/page/2/`),
    /// if the site has one.
    pub fn job_at(&self, site: &SiteData<'a>, route: &str) -> Option<Job<'a>> {
        let (first, n) = split_page(route);
        let job = match self.pages.get(first) {
            Some(&job) => job.with_page(n),
            None if n == 1 => self.partnership_at(route)?,
            None => return None,
        };
        let pages = match job {
            Job::Partnership(..) => 1,
            _ if job.page() != n => return None,
            _ => pages_of(job, site.list(job).len()),
        };
        (n <= pages && site.route(job) == route).then_some(job)
    }

    fn partnership_at(&self, route: &str) -> Option<Job<'a>> {
        let (lang, slug) = split_item(route)?;
        let lang = Lang::parse(lang)?;
        let slugs = self.slugs.get(&lang)?;
        slugs.get(slug).map(|&i| Job::Partnership(lang, i))
    }
}
