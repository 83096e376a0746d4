//! `passerelle check --external`: the external addresses of the content,
//! asked over the network (see `crate::external`).

use std::path::Path;
use std::time::Duration;

use super::{ExternalArgs, Reporter};
use crate::diagnostics::Diagnostic;
use crate::external::{self, ExternalOptions};
use crate::text;

/// Asks every external address; says how many were asked and how many
/// came from the cache.
pub(super) fn check_external(
    reporter: Reporter,
    root: &Path,
    args: &ExternalArgs,
) -> Vec<Diagnostic> {
    let options = ExternalOptions {
        timeout: Duration::from_secs(args.timeout.max(1)),
        strict: args.strict,
    };
    let (diagnostics, summary) = external::check(root, &options);
    let (found, cached) = (summary.addresses, summary.cached);
    let problems = diagnostics.iter().count();
    reporter.say(&text!(
        "External addresses: {found} checked ({cached} from the last day's cache), {problems} problem(s) where they are written.",
        "Adresses externes : {found} vérifiées ({cached} d'après le cache du dernier jour), {problems} problème(s) aux endroits où elles sont écrites."
    ));
    diagnostics.iter().cloned().collect()
}
