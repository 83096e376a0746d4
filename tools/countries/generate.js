#!/usr/bin/env node
// Generates ../../data/countries.tsv: country (ISO 3166-1 alpha-2) and a few
// subdivision (ISO 3166-2) names in French and English, for the catalogue.
//
// Run once and commit the output; see README.md. Only dependency:
// i18n-iso-countries (pinned in package.json / package-lock.json).
//
// Output format (UTF-8, no BOM, LF line endings, tab-separated):
//   code<TAB>fr<TAB>en<TAB>parent
//   - code:   lower-case ISO code ("be", "ca-qc")
//   - fr, en: display names
//   - parent: alpha-2 code of the country for a subdivision, empty for a country
// Countries come first, sorted by code; then the hand-written subdivisions,
// sorted by code.
//
// Name choice: we use the library's default getName(code, lang) with
// { select: "official" }, i.e. the first name of the library's list for that
// language (the other entries of the list are aliases, which we ignore).
// For most countries this is the short name a reader expects ("Belgium",
// "Allemagne"), but for a few it is the longer ISO-style form: English
// "United States of America", "Russian Federation", "Taiwan, Province of China",
// "The Republic of North Macedonia"; French "États-Unis d'Amérique". We keep
// the library's choice as is, so that regenerating gives the same table and
// nobody has to remember hand edits; override in the catalogue if needed.

"use strict";

const fs = require("fs");
const path = require("path");
const countries = require("i18n-iso-countries");

const LANGS = ["fr", "en"];
for (const lang of LANGS) {
  countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));
}

const OUTPUT = path.join(__dirname, "..", "..", "data", "countries.tsv");

// The library also carries "XK" (Kosovo), a user-assigned code that is not an
// ISO 3166-1 code element; the table holds ISO 3166-1 codes only.
const NOT_ISO_3166_1 = new Set(["XK"]);

// ISO 3166-2 subdivisions the catalogue uses. Written by hand, not fetched:
// add rows here and rerun. The part of the code before "-" must be the parent.
const SUBDIVISIONS = [
  { code: "be-bru", fr: "Région de Bruxelles-Capitale", en: "Brussels-Capital Region", parent: "be" },
  { code: "be-vlg", fr: "Flandre", en: "Flanders", parent: "be" },
  { code: "be-wal", fr: "Wallonie", en: "Wallonia", parent: "be" },
  { code: "ca-qc", fr: "Québec", en: "Quebec", parent: "ca" },
  { code: "ch-ge", fr: "Genève", en: "Geneva", parent: "ch" },
  { code: "ch-vd", fr: "Vaud", en: "Vaud", parent: "ch" },
  { code: "es-ct", fr: "Catalogne", en: "Catalonia", parent: "es" },
  { code: "gb-sct", fr: "Écosse", en: "Scotland", parent: "gb" },
  { code: "gb-wls", fr: "Pays de Galles", en: "Wales", parent: "gb" },
];

function name(code, lang) {
  let n = countries.getName(code, lang, { select: "official" });
  if (Array.isArray(n)) n = n[0]; // defensive: "official" already picks one
  if (typeof n !== "string" || n.trim() === "") {
    throw new Error(`no ${lang} name for ${code}`);
  }
  return n.trim();
}

function checkField(value, what) {
  if (/[\t\r\n]/.test(value)) {
    throw new Error(`${what} contains a tab or line break: ${JSON.stringify(value)}`);
  }
  return value;
}

const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

const countryRows = Object.keys(countries.getAlpha2Codes())
  .filter((code) => !NOT_ISO_3166_1.has(code))
  .map((code) => ({
    code: code.toLowerCase(),
    fr: name(code, "fr"),
    en: name(code, "en"),
    parent: "",
  }))
  .sort(byCode);

const known = new Set(countryRows.map((r) => r.code));
const subdivisionRows = SUBDIVISIONS.slice().sort(byCode);
for (const s of subdivisionRows) {
  if (!/^[a-z]{2}-[a-z0-9]{1,3}$/.test(s.code)) throw new Error(`bad subdivision code ${s.code}`);
  if (s.code.split("-")[0] !== s.parent) throw new Error(`${s.code}: parent should be ${s.code.split("-")[0]}`);
  if (!known.has(s.parent)) throw new Error(`${s.code}: unknown parent ${s.parent}`);
}

const rows = countryRows.concat(subdivisionRows);
const seen = new Set();
for (const r of rows) {
  if (seen.has(r.code)) throw new Error(`duplicate code ${r.code}`);
  seen.add(r.code);
}

const lines = ["code\tfr\ten\tparent"].concat(
  rows.map((r) =>
    [r.code, r.fr, r.en, r.parent].map((v, i) => checkField(v, `${r.code} column ${i + 1}`)).join("\t")
  )
);

fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
fs.writeFileSync(OUTPUT, lines.join("\n") + "\n", "utf8");
console.log(
  `wrote ${path.relative(process.cwd(), OUTPUT)}: ${countryRows.length} countries, ` +
    `${subdivisionRows.length} subdivisions`
);
