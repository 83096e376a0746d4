// Valid HTML and accessibility of the default theme, in headless Chromium.
//
//     node tests/browser/a11y.mjs target/debug/passerelle
//
// It builds the example site (the repository root) and the fixture
// tests/fixtures/build/basic, each into a temporary folder served over
// HTTP (with `--base-url` pointing at that server, so that the pages that
// need absolute addresses, such as 404.html, work), then checks:
//
// - every HTML file of both builds with the Nu HTML Checker (vnu-jar, one
//   `java` run over both folders): no error;
// - each kind of page (home, catalogue with its facets open, partnerships,
//   country, institution, figures, search with results, 404…) in each
//   language, at 1280 and 375 pixels wide, with axe-core: no WCAG 2.1 A or
//   AA violation; at 375 pixels, no horizontal scrolling;
// - the catalogue's filters with the keyboard alone, a partnership page
//   walked with Tab (skip link first, every stop visibly focused), a
//   partnership printed (no navigation, addresses of links written out),
//   the phone's menu by keyboard, the map's names and its list on a phone,
//   and the pages without JavaScript;
// - no console error on any page.
//
// Set SCREENSHOTS=DIR to keep a picture of every page at both widths,
// ONLY=REGEX to run only the tests whose names match.
// Prints `ok - name` / `not ok - name: reason`, then one `test result:`
// line like cargo's, and exits 1 if any test failed.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { build, crash, launch, openPage, ROOT, runTests, serve, settle, summary, tempFolder } from "./lib.mjs";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const VNU = path.join(path.dirname(require.resolve("vnu-jar/package.json")), "build", "dist", "vnu.jar");
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const WIDTHS = [
  { name: "1280", viewport: { width: 1280, height: 900 } },
  { name: "375", viewport: { width: 375, height: 800 } },
];

/**
 * The two sites, and the partnerships whose pages are checked: members
 * named in German and Italian, EU funding, public contacts, a partnership
 * without an English text.
 */
const SITES = [
  {
    name: "example",
    root: ROOT,
    partnerships: ["erasmus-wurzburg", "erasmus-parme", "philia-plus"],
    pages: ["accessibility"],
    print: "philia-plus",
  },
  {
    name: "fixture",
    root: path.join(ROOT, "tests", "fixtures", "build", "basic"),
    partnerships: ["echanges-liege", "atelier-eupen"],
    pages: ["about"],
    print: "echanges-liege",
  },
];

/* ------------------------------------------------------------------ */
/* Valid HTML.                                                         */

/** The Nu HTML Checker's errors on every .html file under `folders`. */
function vnuErrors(folders) {
  const run = spawnSync("java", ["-jar", VNU, "--errors-only", "--format", "json", "--stdout", "--skip-non-html", ...folders], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (run.error) throw new Error(`java -jar vnu.jar: ${run.error.message}`);
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    throw new Error(`vnu.jar printed no report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  return report.messages.filter((m) => m.type === "error" || m.type === "non-document-error");
}

/** Every .html file under `folder`. */
function htmlFiles(folder) {
  return fs.readdirSync(folder, { recursive: true }).filter((f) => f.endsWith(".html"));
}

/* ------------------------------------------------------------------ */
/* Pages.                                                              */

/**
 * The addresses (paths from the server root) of each kind of page of a
 * site in `lang`, found by following the site's own links: the main
 * navigation, the header's search form, the first country and the members.
 */
async function pagesOf(browser, site, lang) {
  const errors = [];
  const page = await openPage(browser, errors);
  await page.goto(`${site.base}/${lang}/`);
  const nav = await page.$$eval(".main-nav a", (links) => links.map((a) => new URL(a.href).pathname));
  const search = new URL(await page.$eval(".header-search", (f) => f.action)).pathname;
  const [catalogue, countries, institutions, themes, , figures] = nav;
  await page.goto(site.base + countries);
  const country = await page.$eval(".term-list a", (a) => new URL(a.href).pathname);
  await page.goto(site.base + themes);
  const theme = await page.$eval(".term-list a", (a) => new URL(a.href).pathname);
  const footer = await page.$$eval(".site-footer a", (links) => links.map((a) => new URL(a.href).pathname));
  const partnerships = site.partnerships.map((key) => {
    const p = site.data.partnerships.find((q) => q.key === key);
    assert.ok(p, `partnership ${key} in ${site.name}`);
    return [`partnership ${key}`, new URL(p.texts[lang].url).pathname];
  });
  await page.goto(site.base + catalogue);
  const sorted = await page.$eval(".sort li:nth-child(2) a", (a) => new URL(a.href).pathname);
  await page.goto(site.base + partnerships[0][1]);
  const institution = await page.$eval(".members a", (a) => new URL(a.href).pathname);
  const pages = site.pages.map((key) => [`page ${key}`, footer.find((u) => u.includes(key)) || footer[0]]);
  await page.context().close();
  if (errors.length) throw new Error(`while finding the pages of ${site.name}: ${errors.join("; ")}`);
  return [
    ["home", `/${lang}/`],
    ["catalogue", catalogue],
    ["catalogue newest first", sorted],
    ...partnerships,
    ["countries", countries],
    ["country", country],
    ["institutions", institutions],
    ["institution", institution],
    ["themes", themes],
    ["theme", theme],
    ["figures", figures],
    ["search", `${search}?q=${encodeURIComponent(lang === "fr" ? "formation" : "training")}`],
    ...pages,
  ];
}

/** Gets the page ready to be checked: the catalogue's facets open, the search's results shown. */
async function prepare(page) {
  if (await page.locator(".catalogue").count()) {
    await page.waitForSelector("fieldset.facet input[type=checkbox]", { state: "attached" });
    await page.evaluate(() => { document.querySelector(".facets-box").open = true; });
  }
  if (await page.locator(".search-page").count()) {
    await page.waitForSelector(".search-results .card", { timeout: 5000 });
  }
}

/** axe-core's WCAG 2.1 A and AA violations on the page, one line each. */
async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    if (r.passes.length === 0) return [{ id: "axe", impact: "-", help: "axe checked nothing", nodes: [], more: 0 }];
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(" ")}${n.failureSummary ? ` (${n.failureSummary.split("\n").slice(1, 2).join("").trim()})` : ""}`),
      more: Math.max(0, v.nodes.length - 4),
    }));
  }, WCAG);
  return result.map((v) => `${v.id} [${v.impact}] ${v.help}: ${v.nodes.join("; ")}${v.more ? `; and ${v.more} more` : ""}`);
}

/** How much wider than the window the page is, in pixels (0: no horizontal scrolling). */
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** A test of one page at both widths: axe, overflow at the narrow one, screenshots. */
function pageTest(site, lang, kind, address) {
  const name = `axe ${site.name} ${lang} ${kind}`;
  const test = async (t) => {
    const problems = [];
    for (const width of WIDTHS) {
      const page = await t.page({ viewport: width.viewport });
      await page.goto(site.base + address);
      await prepare(page);
      for (const v of await axeViolations(page)) problems.push(`at ${width.name} px: ${v}`);
      if (width.viewport.width < 400) {
        const extra = await overflow(page);
        if (extra > 0) problems.push(`at ${width.name} px: ${extra} px of horizontal scrolling (${await widest(page)})`);
      }
      await t.screenshot(page, `${site.name}-${lang}-${kind.replace(/ /g, "-")}-${width.name}.png`);
    }
    assert.ok(problems.length === 0, `${address}\n  ${problems.join("\n  ")}`);
  };
  Object.defineProperty(test, "name", { value: name });
  return test;
}

/** The elements that stick out of the window on the right, for the message. */
function widest(page) {
  return page.evaluate(() => {
    const out = [];
    for (const e of document.body.querySelectorAll("*")) {
      const r = e.getBoundingClientRect();
      if (r.right > window.innerWidth + 0.5 && r.width > 0) {
        out.push(`${e.tagName.toLowerCase()}${e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : ""} ${Math.round(r.right)}`);
      }
    }
    return out.slice(0, 5).join(", ");
  });
}

/* ------------------------------------------------------------------ */
/* Keyboard, print, no JavaScript.                                     */

/** Presses Tab until `match` (run in the page) holds for the focused element; returns the number of presses. */
async function tabTo(page, match, limit = 200) {
  for (let n = 1; n <= limit; n++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(match)) return n;
  }
  throw new Error(`no focus matched after ${limit} presses of Tab`);
}

/** What the focused element is, and whether its focus shows. */
function focused() {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  return {
    tag: e.tagName.toLowerCase(),
    text: (e.getAttribute("aria-label") || e.textContent || e.value || "").trim().replace(/\s+/g, " ").slice(0, 50),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight,
    tabindex: e.tabIndex,
  };
}

/** Ticks and unticks a facet of the catalogue with the keyboard, at both widths (folded at 375). */
async function filtersByKeyboard(t) {
  const site = t.sites[0];
  for (const width of WIDTHS) {
    const page = await t.page({ viewport: width.viewport });
    await page.goto(`${site.base}/en/partnerships/`);
    await page.waitForSelector("fieldset.facet input[type=checkbox]", { state: "attached" });
    const count = () => document.querySelector(".results .count").textContent.trim();
    const before = await page.evaluate(count);
    const open = await page.evaluate(() => document.querySelector(".facets-box").open);
    if (!open) {
      await tabTo(page, () => document.activeElement.matches(".facets-box summary"));
      await page.keyboard.press("Enter");
      assert.ok(await page.evaluate(() => document.querySelector(".facets-box").open), `at ${width.name} px, Enter opens the facets`);
    }
    await tabTo(page, () => document.activeElement.matches("fieldset.facet input[type=checkbox]"));
    const box = await page.evaluate(focused);
    assert.ok(box.outline && box.visible, `at ${width.name} px, the focused checkbox shows its focus: ${JSON.stringify(box)}`);
    await page.keyboard.press("Space");
    assert.ok(await page.evaluate(() => document.activeElement.checked), `at ${width.name} px, Space ticks the checkbox`);
    const after = await settle(page, count, (c) => c !== before);
    assert.notEqual(after, before, `at ${width.name} px, the count changes when a box is ticked`);
    await page.keyboard.press("Space");
    assert.equal(await settle(page, count, (c) => c === before), before, `at ${width.name} px, the count comes back`);
  }
}

/**
 * Walks a partnership page with Tab: the skip link comes first, shows,
 * and moves the focus to the main content; then every stop, in document
 * order, shows a focus outline. SCREENSHOTS also gets the stops' list.
 */
async function partnershipByKeyboard(t) {
  const site = t.sites[0];
  const p = site.data.partnerships.find((q) => q.key === site.partnerships[0]);
  const page = await t.page();
  await page.goto(site.base + new URL(p.texts.en.url).pathname);
  await page.keyboard.press("Tab");
  const skip = await page.evaluate(focused);
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link", "the first Tab reaches the skip link");
  assert.ok(skip.visible && skip.outline, `the skip link shows when focused: ${JSON.stringify(skip)}`);
  await t.screenshot(page, "keyboard-skip-link.png");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main", "Enter on the skip link moves the focus to the main content");
  await page.keyboard.press("Tab");
  assert.ok(await page.evaluate(() => document.querySelector("main").contains(document.activeElement)), "the next Tab stays in the main content");
  const stops = [];
  for (let n = 0; n < 300; n++) {
    const stop = await page.evaluate(focused);
    stops.push(stop);
    assert.ok(stop.tabindex <= 0, `no positive tabindex: ${JSON.stringify(stop)}`);
    assert.ok(stop.outline && stop.visible, `stop ${n + 1} shows its focus: ${JSON.stringify(stop)}`);
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => document.activeElement === document.body || document.activeElement.matches(".skip-link"))) break;
  }
  assert.ok(stops.length > 10, `the walk went through the page: ${stops.length} stops`);
  if (process.env.SCREENSHOTS) {
    fs.writeFileSync(path.join(process.env.SCREENSHOTS, "keyboard-stops.txt"), stops.map((s, i) => `${i + 1}. ${s.tag} ${s.text}`).join("\n") + "\n");
  }
}

/** A partnership page in print: no navigation nor search, the addresses of outside links written out. */
async function printedPartnership(t) {
  for (const site of t.sites) {
    const p = site.data.partnerships.find((q) => q.key === site.print);
    const page = await t.page();
    await page.goto(site.base + new URL(p.texts.fr.url).pathname);
    await page.emulateMedia({ media: "print" });
    const shown = await page.evaluate(() => {
      const visible = (s) => Array.from(document.querySelectorAll(s)).filter((e) => e.getClientRects().length > 0).length;
      const external = Array.from(document.querySelectorAll("main a[href^='http']"));
      return {
        hidden: ["nav", ".header-search", ".skip-link", ".site-footer"].filter((s) => visible(s) > 0),
        external: external.length,
        expanded: external.filter((a) => getComputedStyle(a, "::after").content.includes(a.getAttribute("href"))).length,
      };
    });
    assert.deepEqual(shown.hidden, [], `${site.name}: nothing of these shows in print`);
    assert.ok(shown.external > 0, `${site.name}: ${p.key} has outside links`);
    assert.equal(shown.expanded, shown.external, `${site.name}: every outside link of the main content has its address written out in print`);
    await t.screenshot(page, `${site.name}-print-${p.key}.png`);
    if (process.env.SCREENSHOTS) await page.pdf({ path: path.join(process.env.SCREENSHOTS, `${site.name}-print-${p.key}.pdf`), format: "A4" });
  }
}

/** A public contact's e-mail address, written with character references against harvesters, is read as the address. */
async function emailReadable(t) {
  const site = t.sites.find((s) => s.name === "fixture");
  const p = site.data.partnerships.find((q) => q.key === "echanges-liege");
  const page = await t.page();
  await page.goto(site.base + new URL(p.texts.fr.url).pathname);
  const link = page.getByRole("link", { name: "marie.dupont@example.org", exact: true });
  assert.equal(await link.count(), 1, "one link named by the address");
  assert.equal(await link.getAttribute("href"), "mailto:marie.dupont@example.org");
  assert.equal(await page.getByText("paul.secret@example.org").count(), 0, "no address of a contact that is not public");
}

/**
 * Without JavaScript: the facets are links to their pages, shown on a wide
 * screen and folded on a phone, each long facet's "show all" opens; the
 * menu opens on a phone; the search page says what to do.
 */
async function withoutJavaScript(t) {
  const site = t.sites[0];
  const page = await t.page({ javaScriptEnabled: false });
  await page.goto(`${site.base}/fr/partenariats/`);
  const links = await page.locator("section.facet a").count();
  assert.ok(links > 5, `facet links without JavaScript: ${links}`);
  assert.ok(await page.locator("section.facet a").first().isVisible(), "the facets show on a wide screen without JavaScript");
  const more = page.locator(".facet-more").first();
  assert.ok(await more.count(), "a long facet shows its first values and a \"show all\"");
  const folded = more.locator("a").first();
  assert.ok(!(await folded.isVisible()), "the values after the first ones are folded");
  await more.locator("summary").click();
  assert.ok(await folded.isVisible(), "\"show all\" shows them without JavaScript");
  const href = await page.locator("section.facet a").first().getAttribute("href");
  await page.locator("section.facet a").first().click();
  assert.ok((await page.locator(".cards .card").count()) > 0, `the facet page ${href} lists partnerships`);
  const phone = await t.page({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
  await phone.goto(`${site.base}/fr/partenariats/`);
  assert.ok(!(await phone.locator("section.facet a").first().isVisible()), "on a phone the facets come folded");
  await phone.locator(".facets-box > summary").click();
  assert.ok(await phone.locator("section.facet a").first().isVisible(), "and open without JavaScript");
  assert.ok(!(await phone.locator(".menu-nav a").first().isVisible()), "on a phone the menu comes folded");
  await phone.locator(".menu > summary").click();
  assert.ok(await phone.locator(".menu-nav a").first().isVisible(), "and opens without JavaScript");
  await page.goto(`${site.base}/fr/recherche/`);
  assert.ok(await page.locator("noscript").count(), "the search page has a message for browsers without JavaScript");
  assert.ok(await page.locator("main p", { hasText: "JavaScript" }).isVisible(), "the message shows");
}

/**
 * The phone's menu with the keyboard: its button is reached by Tab and
 * shows its focus, Enter opens it, Tab goes through its links in order
 * (each visible and focused), Enter on the button closes it; the header
 * stays within 120 pixels.
 */
async function menuByKeyboard(t) {
  const site = t.sites[0];
  const page = await t.page({ viewport: { width: 375, height: 800 } });
  await page.goto(`${site.base}/en/partnerships/`);
  const header = await page.evaluate(() => document.querySelector(".site-header").getBoundingClientRect().height);
  assert.ok(header <= 120, `the header is ${header} px high at 375 px`);
  assert.ok(!(await page.locator(".main-nav").isVisible()), "the wide navigation gives way to the menu");
  await tabTo(page, () => document.activeElement.matches(".menu > summary"));
  const button = await page.evaluate(focused);
  assert.ok(button.outline && button.visible, `the menu button shows its focus: ${JSON.stringify(button)}`);
  await page.keyboard.press("Enter");
  assert.ok(await page.evaluate(() => document.querySelector(".menu").open), "Enter opens the menu");
  const labels = await page.$$eval(".menu-nav a", (links) => links.map((a) => a.textContent.trim()));
  assert.ok(labels.length >= 5, `the menu has the sections: ${labels}`);
  for (const label of labels) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(focused);
    assert.equal(stop.text, label, "Tab goes through the menu's links in order");
    assert.ok(stop.outline && stop.visible, `the link shows its focus: ${JSON.stringify(stop)}`);
    const size = await page.evaluate(() => document.activeElement.getBoundingClientRect());
    assert.ok(size.width >= 24 && size.height >= 24, `${label}: a target of ${size.width}×${size.height} px`);
  }
  await t.screenshot(page, "menu-open-375.png");
  await page.locator(".menu > summary").focus();
  await page.keyboard.press("Enter");
  assert.ok(!(await page.evaluate(() => document.querySelector(".menu").open)), "Enter on the button closes the menu");
}

/**
 * The map: every linked country or region has a name that says its count;
 * the legend lists the steps; on a phone the list takes the map's place.
 */
async function mapNames(t) {
  const site = t.sites[0];
  for (const lang of site.data.languages) {
    const page = await t.page();
    await page.goto(`${site.base}/${lang}/`);
    // Countries and regions say their count; institutions' points (the diamonds, path.pin) name the place instead.
    const names = await page.$$eval("svg.world-map a:not(:has(.pin))", (links) => links.map((a) => a.querySelector("title")?.textContent.trim() || ""));
    assert.ok(names.length >= 5, `${lang}: partners on the map: ${names}`);
    const points = await page.$$eval("svg.world-map a:has(.pin)", (links) => links.map((a) => a.querySelector("title")?.textContent.trim() || ""));
    assert.ok(points.length >= 1, `${lang}: institutions on the map: ${points}`);
    for (const point of points) assert.match(point, /\(.+\)$/, `${lang}: the point "${point}" names its place`);
    for (const name of names) assert.match(name, /\(\d+ /, `${lang}: the map's link "${name}" says its count`);
    for (const name of names) {
      assert.equal(await page.getByRole("link", { name, exact: true }).count(), 1, `${lang}: "${name}" is a link by that name`);
    }
    assert.ok((await page.locator(".map-legend li").count()) > 0, `${lang}: the map has a legend`);
    // The legend names the institutions' diamonds, drawn as on the map, and shown beside the steps.
    const pinMark = page.locator(".map-marks li.mark-pin");
    assert.equal(await pinMark.count(), 1, `${lang}: the legend names the institutions' points`);
    assert.ok(await pinMark.locator("svg[aria-hidden=true] path.pin").isVisible(), `${lang}: the legend draws the diamond`);
    assert.match((await pinMark.textContent()).trim(), /^(Établissement partenaire|Partner institution)$/, `${lang}: the mark's name`);
    const phone = await t.page({ viewport: { width: 375, height: 800 } });
    await phone.goto(`${site.base}/${lang}/`);
    assert.ok(!(await phone.locator("svg.world-map").isVisible()), `${lang}: no map at 375 px`);
    assert.equal(await phone.locator(".map-list li").count(), names.length, `${lang}: the list has every place of the map`);
    assert.ok(await phone.locator(".map-list").isVisible(), `${lang}: the list shows at 375 px`);
  }
}

/* ------------------------------------------------------------------ */

async function main() {
  const binary = process.argv[2];
  if (!binary) {
    console.error("usage: node tests/browser/a11y.mjs PATH/TO/passerelle");
    process.exit(2);
  }
  const started = Date.now();
  const temp = tempFolder();
  process.on("exit", () => fs.rmSync(temp, { recursive: true, force: true }));
  const sites = [];
  for (const site of SITES) {
    const output = path.join(temp, site.name);
    const server = await serve(output);
    const base = `http://127.0.0.1:${server.address().port}`;
    build(path.resolve(binary), { root: site.root, output, args: ["--base-url", `${base}/`] });
    const data = JSON.parse(fs.readFileSync(path.join(output, "data", "partnerships.json"), "utf8"));
    sites.push({ ...site, output, server, base, data });
  }
  const browser = await launch();

  const validHtml = async () => {
    const files = sites.reduce((n, s) => n + htmlFiles(s.output).length, 0);
    const errors = vnuErrors(sites.map((s) => s.output));
    const where = (m) => `${path.relative(temp, new URL(m.url).pathname)}:${m.lastLine}: ${m.message}`;
    assert.ok(errors.length === 0, `${errors.length} errors in ${files} files:\n  ${errors.slice(0, 40).map(where).join("\n  ")}`);
    console.log(`# vnu: ${files} HTML files, no error`);
  };
  Object.defineProperty(validHtml, "name", { value: "vnu: every page of both builds is valid HTML" });

  const tests = [validHtml];
  for (const site of sites) {
    for (const lang of site.data.languages) {
      for (const [kind, address] of await pagesOf(browser, site, lang)) tests.push(pageTest(site, lang, kind, address));
    }
    tests.push(pageTest(site, site.data.languages[0], "404", "/404.html"));
    tests.push(pageTest(site, "all", "language chooser", "/"));
  }
  tests.push(filtersByKeyboard, partnershipByKeyboard, menuByKeyboard, mapNames, printedPartnership, emailReadable, withoutJavaScript);
  // ONLY=regex runs the tests whose names match, while fixing a page.
  const only = process.env.ONLY && new RegExp(process.env.ONLY);
  const counts = await runTests(browser, only ? tests.filter((t) => only.test(t.name)) : tests, { sites });

  await browser.close();
  for (const site of sites) site.server.close();
  summary(counts, started);
}

main().catch(crash);
