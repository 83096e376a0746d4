//! What web hosts read beside the pages, written where it costs nothing:
//! `_headers` for Netlify and Cloudflare Pages (always: other servers
//! ignore it), and `.htaccess` for Apache when site.yaml asks
//! (`publish: {apache: true}`). Both say the same as the nginx
//! configuration of docs/publishing.md: the 404 page, compression,
//! caching of the fingerprinted files, and the security headers.

use super::site::SiteData;
use crate::output::Sink;

/// The Content-Security-Policy of the pages: everything from the site
/// itself, the video players of YouTube (no-cookie) and Vimeo in frames
/// once a visitor asks for them, inline styles for the colours of
/// site.yaml's `appearance`. The web editor (`admin/`) loads its script
/// from a CDN and gets none. docs/publishing.md quotes it; a test keeps
/// them equal.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data:; frame-src https://www.youtube-nocookie.com https://player.vimeo.com; \
object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

/// Files whose name carries a hash of their bytes (`helmo-517bc141-1x1.png`):
/// they never change, so browsers may keep them a year.
pub const FINGERPRINTED: &str = r"-[0-9a-f]{8}-[^/]*$";

/// Writes `_headers`, and `.htaccess` when asked.
pub fn write_all(site: &SiteData, sink: &dyn Sink) {
    sink.put("_headers".to_string(), headers(site).into_bytes());
    if site.catalogue.config.publish.apache {
        sink.put(".htaccess".to_string(), htaccess(site).into_bytes());
    }
}

/// Netlify's and Cloudflare Pages' `_headers`: paths from the root of the
/// published folder.
fn headers(site: &SiteData) -> String {
    let mut out = String::from(
        "# Written by passerelle build: the headers that Netlify and Cloudflare Pages\n\
         # send with the site (docs/publishing.md). Other servers ignore this file.\n\
         /*\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n",
    );
    let mut pages: Vec<String> = vec!["/".into(), "/index.html".into(), "/404.html".into()];
    for lang in &site.catalogue.config.languages {
        pages.push(format!("/{lang}/*"));
    }
    for page in pages {
        out.push_str(&format!("{page}\n  Content-Security-Policy: {CSP}\n"));
    }
    // Both hosts match paths by prefix only: the pictures, fingerprinted
    // or not, are kept a week (the pages are revalidated at each visit).
    out.push_str("/media/*\n  Cache-Control: public, max-age=604800\n");
    out
}

/// Apache's `.htaccess`, for a site at the path of `base_url`.
fn htaccess(site: &SiteData) -> String {
    let not_found = format!("{}404.html", site.served_path);
    format!(
        "# Written by passerelle build (publish: {{apache: true}} in site.yaml);\n\
         # see docs/publishing.md. Needs AllowOverride All (or FileInfo Indexes Options).\n\
         ErrorDocument 404 {not_found}\n\
         DirectoryIndex index.html\n\
         AddDefaultCharset utf-8\n\
         <IfModule mod_deflate.c>\n  \
           AddOutputFilterByType DEFLATE text/html text/css text/javascript application/javascript application/json text/csv text/plain application/xml application/atom+xml image/svg+xml\n\
         </IfModule>\n\
         <IfModule mod_headers.c>\n  \
           Header always set X-Content-Type-Options \"nosniff\"\n  \
           Header always set Referrer-Policy \"strict-origin-when-cross-origin\"\n  \
           <If \"%{{REQUEST_URI}} !~ m#/admin/#\">\n    \
             Header always set Content-Security-Policy \"{CSP}\"\n  \
           </If>\n  \
           <FilesMatch \"\\.(html|css|js|json|xml|txt|csv)$\">\n    \
             Header set Cache-Control \"no-cache\"\n  \
           </FilesMatch>\n  \
           <FilesMatch \"{FINGERPRINTED}\">\n    \
             Header set Cache-Control \"public, max-age=31536000, immutable\"\n  \
           </FilesMatch>\n\
         </IfModule>\n"
    )
}
