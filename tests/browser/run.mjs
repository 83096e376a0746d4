// Browser test of the catalogue filter and the search page
// (themes/default/static/browse.js), and of the click-to-load videos
// (static/video.js), in headless Chromium.
//
//     node tests/browser/run.mjs target/debug/passerelle
//
// It builds the example site (the repository root) into a fresh temporary
// folder, serves that folder over HTTP, and drives Debian's chromium
// (/usr/bin/chromium) with playwright-core. Expected results come from the
// build's own data/partnerships.json, not from titles written here.
// Set SCREENSHOTS=DIR to keep a picture of the catalogue and of the search
// page. Prints `ok - name` / `not ok - name: reason`, then one
// `test result:` line like cargo's, and exits 1 if any test failed.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { build, crash, launch, runTests, serve, settle, summary, tempFolder } from "./lib.mjs";

/* ------------------------------------------------------------------ */
/* Helpers.                                                            */

/** What the catalogue shows: card titles, count line, ticked boxes, counts. */
function catalogueState() {
  const boxes = Array.from(document.querySelectorAll("fieldset.facet input[type=checkbox]"));
  return {
    titles: Array.from(document.querySelectorAll(".cards .card-title a")).map((a) => a.textContent.trim()),
    titleLangs: Array.from(document.querySelectorAll(".cards .card-title a")).map((a) => a.getAttribute("lang")),
    notes: document.querySelectorAll(".cards .card-note").length,
    count: document.querySelector(".count").textContent.trim(),
    checked: boxes.filter((b) => b.checked).map((b) => `${b.name}=${b.value}`),
    search: window.location.search,
    clearShown: !document.querySelector(".facets-clear").hidden,
    counts: Object.fromEntries(
      boxes.map((b) => [`${b.name}=${b.value}`, b.closest("li").querySelector(".facet-count").textContent.trim()])
    ),
    labels: Object.fromEntries(boxes.map((b) => [`${b.name}=${b.value}`, b.closest("label").textContent.trim()])),
  };
}

/** What the search page shows. */
function searchState() {
  return {
    status: document.querySelector(".search-status").textContent.trim(),
    open: document.querySelector(".search-status").dataset.open,
    close: document.querySelector(".search-status").dataset.close,
    titles: Array.from(document.querySelectorAll(".search-results .card-title a")).map((a) => a.textContent.trim()),
    more: !document.querySelector(".search-more").hidden,
    input: document.querySelector("input[name=q]").value,
    search: window.location.search,
  };
}

const sorted = (list) => [...list].sort((a, b) => a.localeCompare(b));

/** The facet checkbox `param=value` whose label reads `label`, by clicking that label. */
async function tick(page, param, label) {
  const target = page
    .locator(`fieldset.facet[data-param="${param}"] label`)
    .filter({ hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`) });
  assert.equal(await target.count(), 1, `one label "${label}" in facet ${param}`);
  await target.click();
}

/** Waits for the catalogue to show `n` cards and a count starting with `n`; returns its state. */
async function catalogueShowing(page, n) {
  return settle(page, catalogueState, (s) => s.titles.length === n && s.count.startsWith(`${n} `));
}

/** Every result of the current query, after pressing "more" until it hides. */
async function allResults(page, query) {
  const names = (s) => s.status.endsWith(s.open + query + s.close);
  let state = await settle(page, searchState, names);
  assert.ok(names(state), `status names the query ${JSON.stringify(query)}: ${JSON.stringify(state.status)}`);
  const total = parseInt(state.status, 10) || 0;
  state = await settle(page, searchState, (s) => s.titles.length === Math.min(total, 10));
  while (state.more) {
    const before = state.titles.length;
    await page.click(".search-more");
    state = await settle(page, searchState, (s) => s.titles.length > before && s.titles.length === Math.min(total, before + 10));
  }
  assert.equal(state.titles.length, total, `status says ${total} results: ${state.status}; shown ${state.titles.length}`);
  return state;
}

/** Lower case, every run of other characters than letters and digits as one space. */
const plain = (text) => ` ${text.toLowerCase().replace(/[^\p{Alphabetic}\p{N}]+/gu, " ")} `;

/* ------------------------------------------------------------------ */
/* The tests.                                                          */

/**
 * Ticks `first` and `second` (facets of two groups) on the catalogue of
 * `lang`, then checks the cards, the count, the address, the counts of
 * `others`, the same address reloaded, and the clear-all button.
 */
async function catalogueCase(t, { lang, path: url, first, second, matches, others, shot }) {
  const page = await t.page();
  await page.goto(t.base + url);
  const all = t.data.partnerships;
  const state0 = await settle(page, catalogueState, (s) => Object.keys(s.counts).length > 0);
  assert.equal(await page.locator("section.facet").count(), 0, "every facet section became a fieldset");
  const facets = await (await fetch(`${t.base}/search/${lang}/facets.json`)).json();
  const values = facets.groups.reduce((n, g) => n + g.values.length, 0);
  assert.equal(Object.keys(state0.counts).length, values, "one checkbox per facet value of facets.json");
  assert.equal(state0.titles.length, all.length, "all partnerships before any selection");
  assert.equal(state0.clearShown, false, "no clear-all button before any selection");

  const expected = all.filter(matches);
  assert.ok(expected.length >= 2 && expected.length < all.length, `the chosen facets give ${expected.length} partnerships`);
  await tick(page, first.param, first.label);
  await tick(page, second.param, second.label);
  let state = await catalogueShowing(page, expected.length);
  const titles = sorted(expected.map((p) => p.texts[lang].title));
  assert.deepEqual(sorted(state.titles), titles, "cards of the two ticked facets");
  assert.ok(state.count.startsWith(`${expected.length} `), `count line: ${state.count}`);
  assert.equal(state.clearShown, true, "a clear-all button with a filter on");
  assert.deepEqual(sorted(state.checked), sorted([`${first.param}=${first.value}`, `${second.param}=${second.value}`]));
  const query = new URL(page.url()).searchParams;
  assert.deepEqual(query.getAll(first.param), [first.value], `address ${page.url()}`);
  assert.deepEqual(query.getAll(second.param), [second.value], `address ${page.url()}`);
  for (const other of others) {
    assert.ok(other.key in state.counts, `a checkbox ${other.key}`);
    const want = String(all.filter(other.matches).length);
    assert.equal(state.counts[other.key], want, `count beside ${other.key} (${state.labels[other.key]})`);
  }
  const untranslated = expected.filter((p) => !p.texts[lang].translated);
  assert.equal(state.notes, untranslated.length, "one 'not translated' note per untranslated partnership");
  for (const p of untranslated) {
    const k = state.titles.indexOf(p.texts[lang].title);
    assert.equal(state.titleLangs[k], t.data.languages[0], `untranslated ${p.key} titled in the default language`);
  }
  if (shot) await t.screenshot(page, shot);

  const shared = page.url();
  await page.goto(shared);
  state = await catalogueShowing(page, expected.length);
  assert.deepEqual(sorted(state.titles), titles, `same cards at the shared address ${shared}`);
  assert.equal(state.checked.length, 2, "the two boxes ticked again from the address");

  await page.click(".facets-clear");
  state = await catalogueShowing(page, all.length);
  assert.deepEqual(sorted(state.titles), sorted(all.map((p) => p.texts[lang].title)), "all partnerships after clear-all");
  assert.deepEqual(state.checked, [], "no box ticked after clear-all");
  assert.equal(state.search, "", "no query left in the address");
  assert.equal(state.clearShown, false, "the clear-all button hides again");
}

async function frenchCatalogue(t) {
  const kind = (p) => p.kind === "erasmus_mobility";
  await catalogueCase(t, {
    lang: "fr",
    path: "/fr/partenariats/",
    first: { param: "pays", value: "belgique", label: "Belgique" },
    second: { param: "type", value: "mobilite-erasmus", label: "Mobilité Erasmus+" },
    matches: (p) => p.countries.includes("be") && kind(p),
    others: [
      // Another value of a ticked facet counts as if it were ticked too.
      { key: "pays=allemagne", matches: (p) => p.countries.includes("de") && kind(p) },
      { key: "pays=france", matches: (p) => p.countries.includes("fr") && kind(p) },
      { key: "pays=espagne", matches: (p) => p.countries.includes("es") && kind(p) },
      { key: "type=projet-europeen", matches: (p) => p.countries.includes("be") && p.kind === "eu_project" },
      { key: "statut=en-cours", matches: (p) => p.countries.includes("be") && kind(p) && p.status === "ongoing" },
    ],
    shot: "catalogue-fr.png",
  });
}

async function englishCatalogue(t) {
  const theme = (p) => p.themes.includes("child-protection");
  await catalogueCase(t, {
    lang: "en",
    path: "/en/partnerships/",
    first: { param: "status", value: "ended", label: "Ended" },
    second: { param: "themes", value: "child-protection", label: "Child protection" },
    matches: (p) => p.status === "ended" && theme(p),
    others: [
      { key: "status=ongoing", matches: (p) => p.status === "ongoing" && theme(p) },
      { key: "themes=research", matches: (p) => p.status === "ended" && p.themes.includes("research") },
      { key: "themes=migration", matches: (p) => p.status === "ended" && p.themes.includes("migration") },
      { key: "kind=network", matches: (p) => p.status === "ended" && theme(p) && p.kind === "network" },
    ],
  });
}

/** `2024-03` → `2024-03-01`: the first day a date of the export may mean, comparable as text. */
const earliest = (date) => (date + "-01-01").slice(0, 10);

/**
 * The catalogue newest first, filtered: the script lists the matches in
 * the page's order, and the sort links carry the filter to the other orders.
 */
async function sortedCatalogue(t) {
  const page = await t.page();
  await page.goto(`${t.base}/fr/partenariats/`);
  await page.click(".sort a >> text=Les plus récents");
  await page.waitForURL(/\/fr\/partenariats\/tri\/recents\/$/);
  assert.equal(await page.getAttribute(".sort a[aria-current=true]", "href"), "../../../../fr/partenariats/tri/recents/");
  const all = t.data.partnerships;
  const byTitle = new Map(all.map((p) => [p.texts.fr.title, p]));
  let state = await settle(page, catalogueState, (s) => Object.keys(s.counts).length > 0);
  const starts = (s) => s.titles.map((title) => earliest(byTitle.get(title).start));
  const descending = (list) => list.every((d, k) => k === 0 || list[k - 1] >= d);
  assert.equal(state.titles.length, all.length, "every partnership on the newest-first page");
  assert.ok(descending(starts(state)), `newest first without a filter: ${starts(state)}`);
  const belgian = all.filter((p) => p.countries.includes("be"));
  await tick(page, "pays", "Belgique");
  state = await catalogueShowing(page, belgian.length);
  assert.deepEqual(sorted(state.titles), sorted(belgian.map((p) => p.texts.fr.title)), "the Belgian partnerships");
  assert.ok(descending(starts(state)), `newest first with a filter: ${starts(state)}`);
  assert.ok(new URL(page.url()).pathname.endsWith("/fr/partenariats/tri/recents/"), page.url());
  const links = await page.$$eval(".sort a", (list) => list.map((a) => a.getAttribute("href")));
  assert.ok(links.every((href) => href.endsWith("/?pays=belgique")), `the sort links keep the filter: ${links}`);
  await page.click(".sort a >> text=Date de début");
  await page.waitForURL(/\/tri\/date-de-debut\/\?pays=belgique$/);
  state = await catalogueShowing(page, belgian.length);
  const ascending = starts(state);
  assert.ok(ascending.every((d, k) => k === 0 || ascending[k - 1] <= d), `earliest first: ${ascending}`);
  assert.deepEqual(state.checked, ["pays=belgique"], "the filter followed the sort link");
}

async function frenchSearch(t) {
  const page = await t.page();
  await page.goto(`${t.base}/fr/recherche/?q=${encodeURIComponent("mobilités")}`);
  const first = await allResults(page, "mobilités");
  assert.equal(first.input, "mobilités", "the input shows the query of the address");
  assert.ok(first.titles.length > 0, "results for mobilités");
  const french = new Set(t.data.partnerships.map((p) => p.texts.fr.title));
  for (const title of first.titles) assert.ok(french.has(title), `a French title: ${title}`);
  const sure = t.data.partnerships.filter((p) => plain(p.texts.fr.title + " " + p.texts.fr.summary).includes(" mobilités "));
  for (const p of sure) assert.ok(first.titles.includes(p.texts.fr.title), `${p.key} has "mobilités" in its title or summary`);
  for (const query of ["mobilites", "mobilité"]) {
    await page.fill("input[name=q]", query);
    const other = await allResults(page, query);
    assert.deepEqual(sorted(other.titles), sorted(first.titles), `${query} gives what mobilités gives`);
  }
  await page.fill("input[name=q]", "zzzzqx");
  const none = await settle(page, searchState, (s) => s.status.includes("zzzzqx") && s.titles.length === 0);
  assert.ok(none.status.startsWith("Aucun résultat"), `status: ${none.status}`);
  assert.deepEqual(none.titles, [], "no result for zzzzqx");
  assert.equal(none.more, false, "no 'more' button");
}

async function englishSearch(t) {
  const page = await t.page();
  await page.goto(`${t.base}/en/search/`);
  await page.locator("input[name=q]").pressSequentially("child protection", { delay: 30 });
  const state = await allResults(page, "child protection");
  const english = new Set(t.data.partnerships.map((p) => p.texts.en.title));
  for (const title of state.titles) assert.ok(english.has(title), `an English title (or the French one, untranslated): ${title}`);
  const sure = t.data.partnerships.filter((p) => plain(p.texts.en.title + " " + p.texts.en.summary).includes(" child protection "));
  assert.ok(sure.length > 0, "some partnership speaks of child protection");
  for (const p of sure) assert.ok(state.titles.includes(p.texts.en.title), `${p.key} has "child protection" in its title or summary`);
  assert.ok(["?q=child+protection", "?q=child%20protection"].includes(state.search), `address query: ${state.search}`);
  await t.screenshot(page, "search-en.png");
}

async function headerSearch(t) {
  const page = await t.page();
  // `url` is absolute when the site has a base_url: keep its path from /en/.
  const partnership = t.data.partnerships.find((p) => p.texts.en.translated);
  const address = new URL(partnership.texts.en.url, "http://x/").pathname;
  await page.goto(t.base + address.slice(address.indexOf("/en/")));
  await page.fill("#header-q", "erasmus");
  await Promise.all([page.waitForURL(/\/en\/search\/\?q=erasmus$/), page.press("#header-q", "Enter")]);
  const state = await allResults(page, "erasmus");
  assert.equal(state.input, "erasmus", "the search page's input holds the word");
  const sure = t.data.partnerships.filter((p) => plain(p.texts.en.title).includes(" erasmus "));
  assert.ok(sure.length > 0, "some title says Erasmus");
  for (const p of sure) assert.ok(state.titles.includes(p.texts.en.title), `${p.key} has Erasmus in its title`);
}

/**
 * A YouTube or Vimeo video asks nothing of its platform until the visitor
 * presses its button; then the player takes the button's place, titled
 * with the video's title. Requests to other sites are answered here with
 * an empty page and counted, never sent.
 */
async function videoLoadsOnClick(t) {
  let address;
  for (const p of t.data.partnerships) {
    const url = new URL(p.texts.fr.url, "http://x/").pathname;
    const candidate = url.slice(url.indexOf("/fr/"));
    if ((await (await fetch(t.base + candidate)).text()).includes("data-embed=")) {
      address = candidate;
      break;
    }
  }
  assert.ok(address, "a partnership of the example site has a YouTube or Vimeo video");
  const page = await t.page();
  const outside = [];
  await page.context().route((url) => !url.href.startsWith(t.base), (route) => {
    outside.push(route.request().url());
    return route.fulfill({ status: 200, contentType: "text/html", body: "<!DOCTYPE html><title>player</title>" });
  });
  await page.goto(t.base + address);
  await page.waitForLoadState("networkidle");
  assert.deepEqual(outside, [], "no request to another site before a click");
  assert.equal(await page.locator("iframe").count(), 0, "no player before a click");
  const box = page.locator(".video[data-embed]").first();
  const embed = await box.getAttribute("data-embed");
  const title = await box.getAttribute("data-title");
  assert.match(embed, /^https:\/\/(www\.youtube-nocookie\.com\/embed|player\.vimeo\.com\/video)\/[\w-]+/);
  assert.ok(await box.locator("button.video-play").isVisible(), "the script shows the button");
  await box.locator("button.video-play").click();
  const frame = box.locator("iframe");
  await frame.waitFor({ state: "attached" });
  const src = await frame.getAttribute("src");
  assert.ok(src === `${embed}?autoplay=1` || src === `${embed}&autoplay=1`, `the player's address: ${src}`);
  assert.equal(await frame.getAttribute("title"), title, "the player is titled with the video's title");
  assert.equal(await box.locator("button.video-play").count(), 0, "the player took the button's place");
  assert.equal(await box.locator("a.video-link").count(), 1, "the link to the video's page stays");
  assert.deepEqual(outside, [src], "the one request to another site is the player, after the click");
  await t.screenshot(page, "video-playing.png");
}

/* ------------------------------------------------------------------ */

async function main() {
  const binary = process.argv[2];
  if (!binary) {
    console.error("usage: node tests/browser/run.mjs PATH/TO/passerelle");
    process.exit(2);
  }
  const started = Date.now();
  const temp = tempFolder();
  const site = build(path.resolve(binary), { output: path.join(temp, "site") });
  const server = await serve(site.output);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  const data = JSON.parse(fs.readFileSync(path.join(site.output, "data", "partnerships.json"), "utf8"));

  const tests = [frenchCatalogue, englishCatalogue, sortedCatalogue, frenchSearch, englishSearch, headerSearch, videoLoadsOnClick];
  const counts = await runTests(browser, tests, { base, data });

  await browser.close();
  server.close();
  fs.rmSync(temp, { recursive: true, force: true });
  console.log(`build ${site.ms} ms`);
  summary(counts, started);
}

main().catch(crash);
