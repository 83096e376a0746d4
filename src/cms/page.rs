//! The page of the web editor, `admin/index.html`: it loads Decap CMS, an
//! exact version checked by its integrity hash, which reads `config.yml`
//! beside it.

use crate::config::{CmsBackend, CmsConfig};
use crate::types::lang::Lang;

/// The address of the local backend's API in `serve --edit` (Decap's
/// `proxy` backend, the API of `decap-server`).
pub const LOCAL_API: &str = "/__passerelle/api/v1";

/// Where the editor saves.
#[derive(Debug, Clone, Copy)]
pub enum Backend<'a> {
    /// A Git host, as site.yaml's `cms` says (the built site).
    Git(&'a CmsConfig),
    /// The site's own folder, through `serve --edit` ([`LOCAL_API`]).
    Local,
}

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

/// The page that loads Decap CMS, which reads `config.yml` beside it,
/// titled in the site's default language.
pub fn index_html((lang, site_title): (Lang, &str), backend: Backend) -> String {
    let title = crate::types::text::escape(site_title);
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
