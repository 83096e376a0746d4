// The pure functions of the catalogue filter and the search page
// (themes/default/static/browse.js), which it exports under node:
// `filter`, `words`, `term`, `shardOf`, `fileName`. The browser test
// (tests/browser/run.mjs) covers the pages that use them.
//
//     node --test tests/js/

"use strict";

const assert = require("node:assert/strict");
const test = require("node:test");

const { filter, words, term, terms, shardOf, fileName } = require("../../themes/default/static/browse.js");
const stemmers = require("../../themes/default/static/search/stem.js");

/* ------------------------------------------------------------------ */
/* filter                                                              */

// Three facets, as facets.json numbers their values one after another:
// country be 0, fr 1, de 2 | kind erasmus 3, eu 4 | status ongoing 5,
// ended 6, planned 7 (no document is planned).
const BE = 0, FR = 1, DE = 2, ERASMUS = 3, EU = 4, ONGOING = 5, ENDED = 6, PLANNED = 7;
const GROUP_OF = [0, 0, 0, 1, 1, 2, 2, 2];
const DOCS = [
  [BE, FR, ERASMUS, ONGOING], // 0
  [BE, FR, EU, ENDED], // 1
  [FR, ERASMUS, ENDED], // 2
  [FR, DE, ERASMUS, ONGOING], // 3
  [FR, EU, ONGOING], // 4
];

/** `counts` as { name: n }, for readable tables and failures. */
function named(counts) {
  const names = ["be", "fr", "de", "erasmus", "eu", "ongoing", "ended", "planned"];
  return Object.fromEntries(counts.map((n, v) => [names[v], n]));
}

const FILTER_CASES = [
  {
    name: "nothing ticked: every document, counts of the whole catalogue",
    selected: [[], [], []],
    matches: [0, 1, 2, 3, 4],
    counts: { be: 2, fr: 5, de: 1, erasmus: 3, eu: 2, ongoing: 3, ended: 2, planned: 0 },
  },
  {
    name: "OR within a facet",
    selected: [[BE, DE], [], []],
    matches: [0, 1, 3],
    // Other countries count as if ticked too: every document that has them.
    counts: { be: 2, fr: 5, de: 1, erasmus: 2, eu: 1, ongoing: 2, ended: 1, planned: 0 },
  },
  {
    name: "AND across facets",
    selected: [[BE], [ERASMUS], []],
    matches: [0],
    // A country counts the Erasmus documents that have it; a kind, the
    // Belgian documents of that kind; a status, the documents matching both.
    counts: { be: 1, fr: 3, de: 1, erasmus: 1, eu: 1, ongoing: 1, ended: 0, planned: 0 },
  },
  {
    name: "AND across facets, OR within each",
    selected: [[BE, DE], [ERASMUS], [ONGOING, ENDED]],
    matches: [0, 3],
    counts: { be: 1, fr: 3, de: 1, erasmus: 2, eu: 1, ongoing: 2, ended: 0, planned: 0 },
  },
  {
    name: "a selection nothing matches: no document, counts still given",
    selected: [[DE], [EU], []],
    matches: [],
    // Documents 1 and 4 fail only the country: they count for their
    // countries; document 3 fails only the kind: it counts for erasmus.
    counts: { be: 1, fr: 2, de: 0, erasmus: 1, eu: 0, ongoing: 0, ended: 0, planned: 0 },
  },
  {
    name: "a document failing two facets counts for nothing",
    selected: [[DE], [EU], [ENDED]],
    matches: [],
    // 1 fails country only (be, fr); 3 fails kind and status; 4 fails
    // country and status; 2 fails all three.
    counts: { be: 1, fr: 1, de: 0, erasmus: 0, eu: 0, ongoing: 0, ended: 0, planned: 0 },
  },
  {
    name: "a value no document has is ticked: nothing matches",
    selected: [[], [], [PLANNED]],
    matches: [],
    // Every document fails only the status: its status values count.
    counts: { be: 0, fr: 0, de: 0, erasmus: 0, eu: 0, ongoing: 3, ended: 2, planned: 0 },
  },
];

for (const c of FILTER_CASES) {
  test(`filter: ${c.name}`, () => {
    const result = filter(DOCS, GROUP_OF, c.selected, GROUP_OF.length);
    assert.deepEqual(result.matches, c.matches);
    assert.deepEqual(named(result.counts), c.counts);
  });
}

test("filter: a ticked value's count is the number of matches when it is the facet's only one", () => {
  for (const [v, g] of GROUP_OF.entries()) {
    const selected = [[], [], []];
    selected[g] = [v];
    const result = filter(DOCS, GROUP_OF, selected, GROUP_OF.length);
    assert.equal(result.counts[v], result.matches.length, `value ${v}`);
  }
});

test("filter: no documents", () => {
  assert.deepEqual(filter([], GROUP_OF, [[BE], [], []], GROUP_OF.length), {
    matches: [],
    counts: new Array(GROUP_OF.length).fill(0),
  });
});

/* ------------------------------------------------------------------ */
/* words: cut as src/render/search.rs `words` cuts the indexed texts.  */

const WORD_CASES = [
  ["Mobilité des étudiants", ["mobilité", "des", "étudiants"]],
  // Apostrophes (straight and curly) and hyphens split; one letter is no word.
  ["L'équipe d'IRTS-HdF", ["équipe", "irts", "hdf"]],
  ["aujourd’hui à l’école", ["aujourd", "hui", "école"]],
  // Digits belong to words, and make words of their own.
  ["KA220 depuis 2014, 3 places", ["ka220", "depuis", "2014", "places"]],
  ["ÉCOLE SUPÉRIEURE", ["école", "supérieure"]],
  ["Québec–France / Liège: «HELMo»", ["québec", "france", "liège", "helmo"]],
  ["Θεσσαλονίκη, Straße", ["θεσσαλονίκη", "straße"]],
  ["  ", []],
  ["", []],
  ["a b c", []],
];

for (const [text, expected] of WORD_CASES) {
  test(`words: ${JSON.stringify(text)}`, () => {
    assert.deepEqual(words(text), expected);
  });
}

/* ------------------------------------------------------------------ */
/* term: stemmed, then accents folded, as the index's terms.           */

test("term: French stems, accents folded", () => {
  const fr = stemmers.fr;
  assert.equal(term("équipe", fr), "equip");
  assert.equal(term("mobilités", fr), term("mobilité", fr));
  assert.equal(term("mobilités", fr), "mobil");
  assert.equal(term("étudiants", fr), term("étudiant", fr));
});

test("term: English stems", () => {
  const en = stemmers.en;
  assert.equal(term("protection", en), "protect");
  assert.equal(term("partnerships", en), term("partnership", en));
});

test("term: without a stemmer, only folded", () => {
  assert.equal(term("équipe", null), "equipe");
  assert.equal(term("œuvre", null), "oeuvre");
  assert.equal(term("straße", null), "strasse");
  assert.equal(term("łódź", null), "łodź");
});

/* ------------------------------------------------------------------ */
/* shardOf: the longest shard name that begins the term.               */

const SHARDS = new Set(["mo", "mob", "mobil", "eq", "ł", "θε", "\u{1D538}"]);
const SHARD_CASES = [
  ["mobil", "mobil"],
  ["mobilit", "mobil"],
  ["mobe", "mob"],
  ["moi", "mo"],
  ["eq", "eq"],
  ["equip", "eq"],
  ["łodz", "ł"],
  ["θεσσ", "θε"],
  // A letter outside the BMP is one letter, not two halves.
  ["\u{1D538}x", "\u{1D538}"],
  ["zz", null],
  ["m", null],
  ["", null],
];

for (const [t, expected] of SHARD_CASES) {
  test(`shardOf: ${JSON.stringify(t)} → ${JSON.stringify(expected)}`, () => {
    assert.equal(shardOf(t, SHARDS), expected);
  });
}

test("terms: a word with accents also gives the term of its unaccented spelling", () => {
  const fr = stemmers.fr;
  assert.deepEqual(terms("mobilités", fr), ["mobil", "mobilit"]);
  assert.deepEqual(terms("mobilites", fr), ["mobilit"]);
  assert.deepEqual(terms("partenariat", fr), ["partenariat"]);
});

/* ------------------------------------------------------------------ */
/* fileName: the shard's file name, as src/render/search.rs `file_name`. */

const FILE_CASES = [
  ["mo", "mo"],
  ["a1", "a1"],
  ["ł", "_142_"],
  ["é", "_e9_"],
  ["łó", "_142__f3_"],
  ["θε", "_3b8__3b5_"],
  ["\u{1D538}", "_1d538_"],
  ["A", "_41_"],
];

test("fileName: two shards never share a file", () => {
  assert.notEqual(fileName("ł2"), fileName("\u{1422}"));
});

for (const [shard, expected] of FILE_CASES) {
  test(`fileName: ${JSON.stringify(shard)} → ${expected}`, () => {
    assert.equal(fileName(shard), expected);
  });
}
