//! The institutions: their index, with the number of partnerships of
//! each, and each institution's page (its description and its
//! partnerships).

use super::paged::insert_page;
use crate::diagnostics::Diagnostic;
use crate::render::kinds::Job;
use crate::render::site::SiteData;
use crate::types::lang::Lang;
use crate::types::text::sort_key;

/// The index of institutions, in the order of their names.
pub fn institutions(
    site: &SiteData,
    ctx: &mut tera::Context,
    lang: Lang,
) -> (&'static str, String) {
    let b = site.builder(lang);
    let index = site.lists(lang);
    let mut list: Vec<_> = site
        .catalogue
        .institutions
        .values()
        .map(|i| {
            b.institution_card(
                i,
                index.by_institution.get(i.id.as_str()).map_or(0, Vec::len),
            )
        })
        .collect();
    list.sort_by_cached_key(|i| sort_key(&i.name));
    ctx.insert("institutions", &list);
    ("institutions.html", b.t("institutions"))
}

/// An institution: its description and its partnerships.
pub fn institution(
    site: &SiteData,
    ctx: &mut tera::Context,
    job: Job,
    id: &str,
    route: &str,
    diags: &mut Vec<Diagnostic>,
) -> (&'static str, String) {
    let lang = job.lang().unwrap_or(site.catalogue.config.default_lang());
    let b = site.builder(lang);
    let inst = &site.catalogue.institutions[id];
    let default = site.catalogue.config.default_lang();
    let shown = crate::catalogue::text_in(&inst.description, lang, default);
    let description = shown.map(|(_, md)| site.markdown(md, lang, route, diags));
    let text_lang = shown.map_or(lang, |(l, _)| l);
    ctx.insert("text_lang", &text_lang);
    ctx.insert("translated", &(text_lang == lang));
    ctx.insert("institution", &b.institution_card(inst, 0));
    ctx.insert("website", &inst.website);
    ctx.insert("logo", &b.institution_logo(inst));
    ctx.insert("description_html", &description);
    insert_page(site, ctx, job);
    ("institution.html", inst.name.clone())
}
