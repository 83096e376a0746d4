//! The page of the web editor, `admin/index.html`: it loads Decap CMS, an
//! exact version checked by its integrity hash, which reads `config.yml`
//! beside it.

use super::{Backend, Site};
use crate::config::CmsBackend;
use crate::types::lang::Lang;

/// The version of Decap CMS the editor loads, and was tested with.
pub const DECAP_VERSION: &str = "3.16.3";

/// The Decap CMS script: with the identity widget below, the only
/// external scripts of the site, and only in `admin/`.
pub const DECAP_SCRIPT: &str = "https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js";

/// The Subresource Integrity hash of [`DECAP_SCRIPT`] (`dist/decap-cms.js`
/// of the npm package `decap-cms` 3.16.3): the browser refuses any other
/// file served at that address.
pub const DECAP_INTEGRITY: &str =
    "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p";

/// Netlify's identity widget, which Git Gateway signs editors in with
/// (and which accepts their invitations); only for `git-gateway`.
pub const IDENTITY_SCRIPT: &str = "https://identity.netlify.com/v1/netlify-identity-widget.js";

impl Site<'_> {
    /// The page that loads Decap CMS, which reads `config.yml` beside it.
    pub(super) fn index_html(&self, backend: Backend) -> String {
        let config = &self.catalogue.config;
        let lang = self.lang();
        let title = crate::types::text::escape(&config.title[lang.as_str()]);
        let editor = match lang {
            Lang::Fr => "Éditeur",
            Lang::En => "Editor",
        };
        let identity = match backend {
            Backend::Git(cms) if cms.backend == CmsBackend::GitGateway => {
                format!("<script src=\"{IDENTITY_SCRIPT}\"></script>\n")
            }
            _ => String::new(),
        };
        format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"robots\" content=\"noindex\">\n<title>{editor} · {title}</title>\n\
             {identity}</head>\n<body>\n<script src=\"{DECAP_SCRIPT}\" \
             integrity=\"{DECAP_INTEGRITY}\" crossorigin=\"anonymous\"></script>\n</body>\n</html>\n"
        )
    }
}
