//! The bounds on the work any input may cost: how deep a text may nest,
//! and the default sizes of a content file, a spreadsheet cell and an
//! image (a site may change the sizes in `site.yaml`, under `limits:`).

/// The deepest nesting accepted, in YAML (brackets, braces, indentation)
/// and in Markdown (quotes, lists, emphasis): no catalogue nests more than
/// a few levels, and the parsers' time grows fast with depth.
pub const MAX_DEPTH: usize = 64;
