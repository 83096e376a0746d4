// The browser's stemmer (themes/default/static/search/stem.js) gives the
// stems rust-stemmers gave when the search index was built: every word of
// the reference vocabularies under tests/fixtures/stems/, which
// tests/it/stems.rs keeps in line with rust-stemmers.
//
//     node --test tests/js/

"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const test = require("node:test");

const stemmers = require("../../themes/default/static/search/stem.js");

const FIXTURES = path.join(__dirname, "..", "fixtures", "stems");

/** The `word<TAB>stem` pairs of one language's reference file. */
function reference(lang) {
  const text = fs.readFileSync(path.join(FIXTURES, `${lang}.tsv`), "utf8");
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.split("\t"));
}

for (const [lang, name] of [["fr", "French"], ["en", "English"]]) {
  test(`${name} stems match rust-stemmers`, () => {
    const pairs = reference(lang);
    assert.ok(pairs.length >= 3000, `${lang}.tsv has only ${pairs.length} words`);
    const mismatches = [];
    for (const [word, expected] of pairs) {
      const actual = stemmers[lang](word);
      if (actual !== expected) mismatches.push({ word, expected, actual });
    }
    const shown = mismatches
      .slice(0, 20)
      .map((m) => `  ${JSON.stringify(m.word)}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`)
      .join("\n");
    assert.equal(
      mismatches.length,
      0,
      `${mismatches.length} of ${pairs.length} ${name} words stem differently:\n${shown}`
    );
  });
}

test("the script exposes itself to the browser", () => {
  assert.equal(globalThis.passerelleStem, stemmers);
  assert.equal(typeof stemmers.fr, "function");
  assert.equal(typeof stemmers.en, "function");
});
