//! The page `serve` shows while the site has never been read without
//! errors: there is no last good version to show under the error overlay,
//! so instead of a bare 404 the page says so, in French and in English,
//! lists the errors with their fix, and reloads by itself (the reload
//! script is added like on every page) as soon as the files are fixed.

use crate::diagnostics::{display_path, Diagnostic, MessageLang, Text};
use crate::text;
use crate::types::text::escape;

/// The whole page, status 503: the language of messages first, then the
/// other one.
pub fn page(problems: &[Diagnostic], lang: MessageLang) -> Vec<u8> {
    let langs = match lang {
        MessageLang::Fr => [MessageLang::Fr, MessageLang::En],
        MessageLang::En => [MessageLang::En, MessageLang::Fr],
    };
    let code = |l: MessageLang| if l == MessageLang::Fr { "fr" } else { "en" };
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body><main>",
        code(lang),
        escape(title().get(lang))
    );
    for (i, l) in langs.into_iter().enumerate() {
        let (tag, note) = if i == 0 {
            ("h1", "")
        } else {
            ("h2", " class=\"other\"")
        };
        html.push_str(&format!(
            "<section lang=\"{}\"{note}><{tag}>{}</{tag}><p>{}</p></section>",
            code(l),
            escape(title().get(l)),
            escape(explanation(problems.len()).get(l)),
        ));
    }
    html.push_str("<ol>");
    for d in problems {
        html.push_str(&item(d, lang));
    }
    html.push_str("</ol></main></body></html>");
    html.into_bytes()
}

const STYLE: &str =
    "body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1d1d1f;background:#fafafa}\
main{max-width:46rem;margin:0 auto;padding:1.5rem 1rem}h1{font-size:1.5rem;margin:0 0 .5rem}\
h2{font-size:1.1rem;margin:1rem 0 .3rem}.other{color:#555}ol{padding-left:1.4rem}\
li{margin:.8rem 0;padding:.6rem .8rem;background:#fff5f5;border-left:4px solid #b00020}\
code{font-size:.9em;word-break:break-all}em{display:block;color:#5c0b0b}";

fn title() -> Text {
    text!(
        "The site cannot be shown yet",
        "Le site ne peut pas encore être affiché"
    )
}

fn explanation(count: usize) -> Text {
    text!(
        "passerelle has not yet read the site without errors, so there is no version of it to show. Fix what is listed below ({count} error(s), also shown in the terminal): this page reloads by itself and shows the site as soon as the files are right.",
        "passerelle n'a pas encore pu lire le site sans erreur : il n'en a donc aucune version à montrer. Corrigez ce qui est indiqué ci-dessous ({count} erreur(s), aussi affichées dans le terminal) : cette page se recharge toute seule et montre le site dès que les fichiers sont corrects."
    )
}

fn item(d: &Diagnostic, lang: MessageLang) -> String {
    let mut place = display_path(&d.file);
    if d.line > 0 {
        place.push_str(&format!(":{}:{}", d.line, d.column));
    }
    let hint = d
        .hint
        .as_ref()
        .map(|h| format!("<em>{}</em>", escape(h.get(lang))))
        .unwrap_or_default();
    format!(
        "<li><code>{}</code><br>{}{hint}</li>",
        escape(&place),
        escape(d.message.get(lang))
    )
}
