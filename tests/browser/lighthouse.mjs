// Lighthouse on the example site, with its default (mobile) settings, in
// Debian's chromium.
//
//     node tests/browser/lighthouse.mjs target/debug/passerelle
//
// It builds the example site (the repository root) into a temporary folder
// served by the plain static server of lib.mjs, then runs Lighthouse 12 on
// one page of each kind in each language (home, catalogue, partnership,
// countries, country, institutions, institution, themes, theme, figures,
// search, a page, a legal page) and on the language chooser and the 404
// page. The catalogue fails on any layout shift. A page fails under 100 in accessibility, best practices or SEO, or
// under 95 in performance (the machine is shared: Lighthouse's simulated
// throttling still varies a little). One Chromium serves every run.
//
// The default theme links no icon (a site's icon comes from its own
// appearance), so Chromium asks the server root for /favicon.ico: the test
// puts a one-pixel icon there in its temporary copy of the build, so that
// this request is not counted as the page's error.
//
// ONLY=REGEX runs only the pages whose names match. Prints `ok - name` /
// `not ok - name: reason`, then one `test result:` line like cargo's, and
// exits 1 if any page failed.

import fs from "node:fs";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { build, CHROMIUM, crash, ROOT, serve, summary, tempFolder } from "./lib.mjs";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const MINIMUM = { performance: 0.95, accessibility: 1, "best-practices": 1, seo: 1 };
// A transparent 1 × 1 PNG, which Chromium takes as an icon.
const ICON = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/** The hrefs of the links of `html` inside the first element that `start` opens. */
function linksIn(html, start, file) {
  const at = html.indexOf(start);
  if (at < 0) throw new Error(`${file}: no ${start}`);
  const block = html.slice(at, html.indexOf("</nav>", at));
  return [...block.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]);
}

/** The site path of `href`, written in the page at site path `from`. */
function resolve(from, href) {
  return new URL(href, `http://site${from}`).pathname;
}

/** The first link of a term list (`.term-list`), from the page at `route`. */
function firstOfList(output, route, list) {
  const file = path.join(output, route, "index.html");
  const html = fs.readFileSync(file, "utf8");
  const at = html.indexOf(list);
  if (at < 0) throw new Error(`${file}: no ${list}`);
  const href = html.slice(at).match(/<a href="([^"]+)"/)[1];
  return resolve(route, href);
}

/** One page of each kind in `lang`, read from the built files. */
function pagesOf(output, data, lang) {
  const home = `/${lang}/`;
  const html = fs.readFileSync(path.join(output, lang, "index.html"), "utf8");
  const nav = linksIn(html, '<nav class="main-nav"', `${lang}/index.html`).map((h) => resolve(home, h));
  const footer = linksIn(html, '<footer class="site-footer"', `${lang}/index.html`).map((h) => resolve(home, h));
  const search = resolve(home, html.match(/<form class="header-search"[^>]* action="([^"]+)"/)[1]);
  const [catalogue, countries, institutions, themes, , figures] = nav;
  const partnership = data.partnerships.find((p) => p.texts[lang]);
  const pages = footer.filter((u) => u.startsWith(home) && u.endsWith("/") && !u.endsWith(".xml"));
  return [
    ["home", home],
    ["catalogue", catalogue],
    ["partnership", new URL(partnership.texts[lang].url).pathname],
    ["countries", countries],
    ["country", firstOfList(output, countries, 'class="term-list')],
    ["institutions", institutions],
    ["institution", firstOfList(output, institutions, 'class="term-list')],
    ["themes", themes],
    ["theme", firstOfList(output, themes, 'class="term-list')],
    ["figures", figures],
    ["search", `${search}?q=${lang === "fr" ? "formation" : "training"}`],
    ["page", pages[0]],
    ["legal page", pages[1]],
  ].map(([kind, address]) => [`${lang} ${kind}`, address]);
}

/** The audits that cost a category points, for the message. */
function losses(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit.score !== null && audit.score < 1)
    .map((audit) => `${audit.id} (${audit.score}${audit.displayValue ? `, ${audit.displayValue}` : ""})`);
}

async function main() {
  const binary = process.argv[2];
  if (!binary) {
    console.error("usage: node tests/browser/lighthouse.mjs PATH/TO/passerelle");
    process.exit(2);
  }
  const started = Date.now();
  const temp = tempFolder();
  process.on("exit", () => fs.rmSync(temp, { recursive: true, force: true }));
  const output = path.join(temp, "site");
  const server = await serve(output);
  const base = `http://127.0.0.1:${server.address().port}`;
  build(path.resolve(binary), { root: ROOT, output, args: ["--base-url", `${base}/`] });
  if (!fs.existsSync(path.join(output, "favicon.ico"))) fs.writeFileSync(path.join(output, "favicon.ico"), ICON);
  const data = JSON.parse(fs.readFileSync(path.join(output, "data", "partnerships.json"), "utf8"));

  let pages = [["language chooser", "/"], ["404", "/404.html"]];
  for (const lang of data.languages) pages.push(...pagesOf(output, data, lang));
  const only = process.env.ONLY && new RegExp(process.env.ONLY);
  if (only) pages = pages.filter(([name]) => only.test(name));

  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  let passed = 0;
  let failed = 0;
  try {
    for (const [name, address] of pages) {
      const begun = Date.now();
      const flags = { port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES };
      const result = await lighthouse(base + address, flags);
      const lhr = result.lhr;
      const scores = CATEGORIES.map((c) => `${c} ${Math.round((lhr.categories[c].score ?? 0) * 100)}`).join(", ");
      const problems = [];
      if (lhr.runtimeError) problems.push(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
      for (const c of CATEGORIES) {
        const score = lhr.categories[c].score ?? 0;
        if (score < MINIMUM[c]) problems.push(`${c} ${Math.round(score * 100)} < ${MINIMUM[c] * 100}: ${losses(lhr, c).join(", ")}`);
      }
      // The catalogue's script turns its links into checkboxes in the room
      // they took: the page must not move at all.
      const shift = lhr.audits["cumulative-layout-shift"]?.numericValue;
      if (/catalogue/.test(name) && shift !== 0) problems.push(`cumulative layout shift ${shift}, not 0`);
      const ms = Date.now() - begun;
      if (problems.length) {
        failed++;
        console.log(`not ok - lighthouse ${name} ${address}: ${scores}\n  ${problems.join("\n  ")}`);
      } else {
        passed++;
        console.log(`ok - lighthouse ${name} ${address}: ${scores} (${ms} ms)`);
      }
    }
  } finally {
    chrome.kill();
    server.close();
  }
  summary({ passed, failed }, started);
}

main().catch(crash);
