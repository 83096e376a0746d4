//! passerelle's integration tests: the real binary builds fixture sites
//! (`tests/fixtures/<area>/<case>/`) and the example site at the
//! repository root, and the tests read the output as parsed HTML and XML.

mod appearance;
mod architecture;
mod bounds;
mod browse;
mod cms;
mod content;
mod corpus;
mod edit;
mod errors;
mod eu_h2020;
mod eu_import;
mod exports;
mod external;
mod feeds;
mod figures;
mod i18n;
mod interrupt;
mod legal;
mod links;
mod media;
mod mistakes;
mod output;
mod pages;
mod pictures;
mod property;
mod publishing;
mod safety;
mod scaffold;
mod serve;
mod serve_rebuild;
mod spreadsheets;
mod stems;
mod support;
mod themes;
mod transfer;
mod translations;
mod workbooks;
mod xml;
