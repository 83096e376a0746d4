//! From an address to the page there: how `serve` renders a page only when
//! a browser asks for it, instead of keeping the whole site in memory.

use std::collections::HashMap;

use super::{page_count, Job, Renderer};
use crate::diagnostics::Diagnostic;

/// The first pages of the lists and the other pages of a site that are not
/// partnerships, by route; partnerships are found by their slug.
pub struct Lookup<'a> {
    pages: HashMap<String, Job<'a>>,
    /// lang → slug → partnership.
    slugs: HashMap<&'a str, HashMap<&'a str, usize>>,
}

impl<'a> Renderer<'a> {
    /// The table [`Renderer::job_at`] reads, made once for a build.
    pub fn lookup(&self) -> Lookup<'a> {
        let pages = self
            .jobs()
            .into_iter()
            .filter(|job| !matches!(job, Job::Partnership(..)) && job.page() == 1)
            .map(|job| (self.route(job), job))
            .collect();
        let slugs = self
            .catalogue
            .config
            .languages
            .iter()
            .map(|lang| {
                let slugs = self
                    .catalogue
                    .partnerships
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p.text(lang).slug.as_str(), i))
                    .collect();
                (lang.as_str(), slugs)
            })
            .collect();
        Lookup { pages, slugs }
    }

    /// The page whose route is `route` (`fr/pays/belgique/page/2/`), if the
    /// site has one.
    pub fn job_at(&self, lookup: &Lookup<'a>, route: &str) -> Option<Job<'a>> {
        let (first, n) = split_page(route);
        let job = match lookup.pages.get(first) {
            Some(&job) => job.with_page(n),
            None if n == 1 => self.partnership_at(lookup, route)?,
            None => return None,
        };
        let pages = match job {
            Job::Partnership(..) => 1,
            _ if job.page() != n => return None,
            _ => page_count(self.list(job).len()),
        };
        (n <= pages && self.route(job) == route).then_some(job)
    }

    fn partnership_at(&self, lookup: &Lookup<'a>, route: &str) -> Option<Job<'a>> {
        let mut segments = route.trim_end_matches('/').split('/');
        let lang = segments.next()?;
        let _section = segments.next()?;
        let slug = segments.next()?;
        let (lang, slugs) = lookup.slugs.get_key_value(lang)?;
        slugs.get(slug).map(|&i| Job::Partnership(lang, i))
    }

    /// Renders one page: its bytes, or the template error that stopped it.
    pub fn render_page(&self, job: Job) -> Result<Vec<u8>, Diagnostic> {
        self.render_job(job).1
    }

    /// Renders one page, with the problems found in its texts (a broken
    /// `@/` link): its bytes, or the template error that stopped it.
    pub fn render_checked(&self, job: Job) -> (Result<Vec<u8>, Diagnostic>, Vec<Diagnostic>) {
        let (_, result, problems) = self.render_job(job);
        (result, problems)
    }
}

/// `fr/pays/belgique/page/2/` → (`fr/pays/belgique/`, 2); any other route
/// is its own first page.
fn split_page(route: &str) -> (&str, usize) {
    let trimmed = route.trim_end_matches('/');
    if let Some((first, number)) = trimmed.rsplit_once("/page/") {
        if let Ok(n @ 2..) = number.parse::<usize>() {
            return (&route[..first.len() + 1], n);
        }
    }
    (route, 1)
}

#[cfg(test)]
mod tests {
    use super::split_page;

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
}
