//! The Markdown texts of partnerships, rendered once a build for the two
//! that read them: the partnership's page (its HTML) and the search index
//! (the text a reader sees, from the same events: see
//! [`crate::markdown::render_with_text`]). Pages and the index are made
//! side by side; whichever asks first renders, the other waits for it or
//! finds it done. Each takes its part away, so a build does not keep
//! every text until the end.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

use crate::diagnostics::Diagnostic;
use crate::types::lang::Lang;

/// lang → partnership → its body, once rendered.
#[derive(Default)]
pub(super) struct Bodies(BTreeMap<Lang, Vec<OnceLock<Body>>>);

/// A body rendered for its page.
pub(super) struct Body {
    /// The HTML and the problems of its text, until the page takes them.
    pub html: Mutex<Option<(String, Vec<Diagnostic>)>>,
    /// The text a reader sees, until the index takes it.
    pub text: Mutex<Option<String>>,
}

impl Bodies {
    pub(super) fn new(langs: &[Lang], partnerships: usize) -> Self {
        let cells = |_| (0..partnerships).map(|_| OnceLock::new()).collect();
        Bodies(langs.iter().map(|&l| (l, cells(l))).collect())
    }

    /// The body of partnership `i` in `lang`, rendered by `render` if no
    /// one has yet.
    pub(super) fn get(&self, lang: Lang, i: usize, render: impl FnOnce() -> Body) -> Option<&Body> {
        Some(self.0.get(&lang)?.get(i)?.get_or_init(render))
    }
}
