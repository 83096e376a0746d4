// The web editor in Chromium with the real Decap CMS from npm (the
// pinned `decap-cms`, no CDN: its address is answered from
// node_modules, and the page's integrity hash must match the npm file).
//
// 1. `passerelle serve --edit` on a copy of the example site: the editor
//    lists the partnerships, changes the French title of one, creates a
//    new one in both languages with a member institution, a country, a
//    theme and an uploaded logo; the files on disk are checked, then
//    `passerelle check`, then the new page in the preview in both
//    languages. A save that would break the site is refused with the
//    build's message shown, and a page of another site cannot write.
// 2. The `admin/config.yml` that `build` writes for each backend of
//    docs/cms.md loads in Decap without a configuration error.
//
// Usage: node tests/browser/edit.mjs target/debug/passerelle

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { build, crash, launch, ROOT, runTests, serve, settle, summary, tempFolder } from "./lib.mjs";

const DIST = path.join(ROOT, "tests/browser/node_modules/decap-cms/dist");
const DECAP = /^https:\/\/unpkg\.com\/decap-cms@3\.16\.3\/dist\/([\w.-]+)$/;
const LONG = 20000;
// A 1×1 PNG.
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

/** Answers Decap's CDN from node_modules, and Netlify's identity widget with nothing. */
async function offline(page) {
  await page.route(DECAP, (route) => {
    const name = route.request().url().match(DECAP)[1];
    if (process.env.DEBUG) console.error(`decap file: ${name}`);
    const file = path.join(DIST, name);
    if (!fs.existsSync(file)) return route.fulfill({ status: 404, body: "" });
    route.fulfill({
      status: 200,
      headers: { "content-type": "text/javascript", "access-control-allow-origin": "*" },
      body: fs.readFileSync(file),
    });
  });
  await page.route("https://identity.netlify.com/**", (route) =>
    route.fulfill({ status: 200, headers: { "content-type": "text/javascript" }, body: "" }));
}

/** A copy of the example site (settings, content, themes) with `extra` added to site.yaml. */
function copySite(extra = "") {
  const root = tempFolder();
  for (const part of ["site.yaml", "content", "themes"]) {
    const from = path.join(ROOT, part);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(root, part), { recursive: true });
  }
  if (extra) fs.appendFileSync(path.join(root, "site.yaml"), `\n${extra}\n`);
  return root;
}

/** `passerelle serve --edit` on `root`, once it has printed its address. */
function startEditor(binary, root) {
  const child = spawn(binary, ["serve", "--edit", "--port", "0", "--root", root],
    { env: { ...process.env, LANG: "C" }, stdio: ["ignore", "ignore", "pipe"] });
  const lines = readline.createInterface({ input: child.stderr });
  const log = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve --edit printed no address:\n${log.join("\n")}`)), LONG);
    lines.on("line", (line) => {
      log.push(line);
      const found = line.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (found && !child.base) {
        clearTimeout(timer);
        child.base = `http://127.0.0.1:${found[1]}`;
        child.log = log;
        resolve(child);
      }
    });
  });
}

/** Opens the editor and signs in (the local backend needs no account). */
async function openEditor(t, hash = "") {
  const page = await t.page();
  await offline(page);
  await page.goto(`${t.editor.base}/admin/`);
  await page.getByRole("button", { name: /Se connecter/ }).click({ timeout: LONG });
  await page.getByText("Collections").first().waitFor({ timeout: LONG });
  if (hash) await page.goto(`${t.editor.base}/admin/#${hash}`);
  return page;
}

/** The nth field (0: French, 1: English) whose id starts with `name-field-`. */
function field(page, name, nth = 0) {
  return page.locator(`[id^="${name}-field-"]`).nth(nth);
}

/** Chooses in a select widget (react-select) the first option matching `text`. */
async function choose(page, locator, text) {
  await locator.click();
  await page.keyboard.type(text);
  await page.locator('[class*="-option"]', { hasText: text }).first().click({ timeout: LONG });
}

/** Publishes the entry open in the editor and waits until Decap says it is saved. */
async function publish(page) {
  await page.getByRole("button", { name: /^Publier$/ }).click();
  await page.getByText("Publier maintenant").click();
}

async function savedState(page) {
  await page.getByText(/Modifications enregistrées/i).first().waitFor({ timeout: LONG });
}

function read(root, rel) {
  return fs.readFileSync(path.join(root, rel), "utf8");
}

/** Polls the preview until `url` answers 200 with `text` in it. */
async function previewShows(url, text) {
  const end = Date.now() + LONG;
  let last = "";
  while (Date.now() < end) {
    const response = await fetch(url);
    last = `${response.status} ${(await response.text()).slice(0, 200)}`;
    if (response.ok && last.includes(text)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`${url} never showed ${text}; last: ${last}`);
}

async function listsPartnerships(t) {
  const page = await openEditor(t, "/collections/partnerships");
  const keys = new Set(fs.readdirSync(path.join(t.root, "content/partnerships")).map((f) => f.split(".")[0]));
  const count = await settle(page, () => document.querySelectorAll('a[href*="/collections/partnerships/entries/"]').length,
    (n) => n >= keys.size, LONG);
  assert.equal(count, keys.size, "one line per partnership");
  await page.getByText("DLIS : Digital Learning Intervention Sociale").waitFor();
  await t.screenshot(page, "edit-list.png");
}

async function entriesOpenUnchanged(t) {
  // Every partnership and institution, opened untouched: Decap reads back
  // what the file holds and does not call it changed.
  const page = await openEditor(t);
  const changed = [];
  for (const [collection, suffix] of [["partnerships", ".fr.md"], ["institutions", ".yaml"], ["pages", ".fr.md"]]) {
    const keys = fs.readdirSync(path.join(t.root, "content", collection))
      .filter((f) => f.endsWith(suffix)).map((f) => f.slice(0, -suffix.length));
    for (const key of keys) {
      await page.goto(`${t.editor.base}/admin/#/collections/${collection}/entries/${key}`);
      await page.getByText(/Modifications (non )?enregistrées/i).first().waitFor({ timeout: LONG });
      await page.waitForTimeout(300);
      if (await page.getByText(/Modifications non enregistrées/i).count()) {
        changed.push(`${collection}/${key}`);
        await page.evaluate(() => { window.onbeforeunload = null; });
        page.once("dialog", (d) => d.accept());
      }
    }
  }
  assert.deepEqual(changed, []);
}

async function changesAFrenchTitle(t) {
  const en = read(t.root, "content/partnerships/dlis.en.md");
  const before = read(t.root, "content/partnerships/dlis.fr.md");
  const page = await openEditor(t, "/collections/partnerships/entries/dlis");
  // Opened untouched: Decap does not call it changed.
  await savedState(page);
  await field(page, "title", 0).fill("DLIS : numérique et intervention sociale");
  await page.getByText(/Modifications non enregistrées/i).first().waitFor();
  await t.screenshot(page, "edit-entry.png");
  await publish(page);
  await savedState(page);
  const fr = read(t.root, "content/partnerships/dlis.fr.md");
  assert.match(fr, /^title: ["']?DLIS : numérique et intervention sociale/m);
  assert.match(fr, /irts-hdf/, "the members are kept as ids");
  const text = (file) => file.split(/^---$/m).slice(2).join("---");
  assert.equal(text(fr), text(before), "the text after the front matter is kept byte for byte");
  assert.equal(read(t.root, "content/partnerships/dlis.en.md"), en, "the English file, untouched, is left as it was");
  await previewShows(`${t.editor.base}/fr/partenariats/dlis/`, "DLIS : numérique et intervention sociale");
}

async function createsAPartnership(t) {
  const page = await openEditor(t, "/collections/partnerships/new");
  await field(page, "title", 0).fill("Échanges avec Gand");
  await field(page, "title", 1).fill("Exchanges with Ghent");
  await field(page, "summary", 0).fill("Des échanges d'étudiants avec une haute école de Gand.");
  await field(page, "summary", 1).fill("Student exchanges with a university college in Ghent.");
  await choose(page, field(page, "kind"), "Accord bilatéral");
  await choose(page, field(page, "programme"), "Erasmus+");
  await choose(page, field(page, "themes"), "Mobilité étudiante");
  await choose(page, field(page, "status"), "En cours");
  await field(page, "start").fill("2025-09");
  await choose(page, field(page, "countries"), "Belgique");
  await page.getByRole("button", { name: "Ajouter membres" }).click();
  await choose(page, field(page, "institution"), "Haute École Libre Mosane");
  await choose(page, field(page, "role"), "Partenaire");
  // The logo: uploaded through Decap's media library.
  await page.getByRole("button", { name: "Choisir une image" }).first().click();
  const png = path.join(tempFolder(), "logo-gand.png");
  fs.writeFileSync(png, Buffer.from(PNG, "base64"));
  await page.locator('input[type="file"]').setInputFiles(png);
  await page.getByRole("button", { name: /Choisir les éléments sélectionnés/ }).click({ timeout: LONG });
  // Each language's pane holds the logo's text, then the cover's.
  await field(page, "alt", 0).fill("Logo de la haute école");
  await field(page, "alt", 2).fill("The university college's logo");
  await t.screenshot(page, "edit-new.png");
  await publish(page);
  await savedState(page);

  const fr = read(t.root, "content/partnerships/echanges-avec-gand.fr.md");
  const en = read(t.root, "content/partnerships/echanges-avec-gand.en.md");
  assert.match(fr, /institution: helmo/);
  assert.match(fr, /- be\b|\[be\]/);
  assert.match(fr, /student-mobility/);
  assert.match(fr, /file: logo-gand\.png/);
  assert.match(en, /^title: Exchanges with Ghent$/m);
  assert.deepEqual(fs.readFileSync(path.join(t.root, "content/media/logo-gand.png")), fs.readFileSync(png));
  execFileSync(t.binary, ["check", "--root", t.root], { stdio: ["ignore", "ignore", "pipe"] });
  await previewShows(`${t.editor.base}/fr/partenariats/echanges-avec-gand/`, "Échanges avec Gand");
  await previewShows(`${t.editor.base}/en/partnerships/echanges-avec-gand/`, "Exchanges with Ghent");
}

async function refusesASaveThatBreaksTheSite(t) {
  const before = read(t.root, "content/partnerships/clap-hands.fr.md");
  const page = await openEditor(t, "/collections/partnerships/entries/clap-hands");
  await savedState(page);
  // The address of another partnership: only the build can tell.
  await field(page, "slug", 0).fill("dlis");
  await publish(page);
  const toast = page.getByText(/Non enregistré : le site ne se construirait plus/);
  await toast.first().waitFor({ timeout: LONG });
  const text = await page.locator("body").innerText();
  assert.match(text, /content\/partnerships\/clap-hands\.fr\.md/, "the message names the file");
  assert.match(text, /dlis/);
  await t.screenshot(page, "edit-refused.png");
  assert.equal(read(t.root, "content/partnerships/clap-hands.fr.md"), before, "nothing written");
  // The refused request (422), which Decap also throws as an unhandled
  // rejection: the errors expected.
  const expected = (e) => /^HTTP 422: .*\/__passerelle\/api\/v1$/.test(e) || /^page error: Object \(/.test(e)
    || /^console: Failed to load resource: .* 422 /.test(e) || /^console: API_ERROR: Non enregistré/.test(e);
  t.errors.splice(0, t.errors.length, ...t.errors.filter((e) => !expected(e)));
}

async function anotherSiteCannotWrite(t) {
  const before = read(t.root, "content/partnerships/dlis.fr.md");
  const page = await t.page();
  await page.goto(`${t.elsewhere}/`);
  const api = `${t.editor.base}/__passerelle/api/v1`;
  const body = JSON.stringify({ action: "persistEntry", params: { branch: "main", assets: [],
    dataFiles: [{ slug: "dlis", path: "content/partnerships/dlis.fr.md", raw: "---\ntitle: pwned\n---\n" }] } });
  await page.evaluate(async ({ api, body }) => {
    await fetch(api, { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body }).catch(() => {});
    await fetch(api, { method: "POST", headers: { "content-type": "application/json" }, body }).catch(() => {});
    const form = document.createElement("form");
    form.method = "POST";
    form.action = api;
    form.enctype = "text/plain";
    const input = document.createElement("input");
    input.name = body.slice(0, -2);
    input.value = "\"}";
    form.append(input);
    document.body.append(form);
    form.submit();
  }, { api, body });
  await page.waitForTimeout(1000);
  assert.equal(read(t.root, "content/partnerships/dlis.fr.md"), before);
  // The browser's complaints (CORS, 403, 415) are the refusals expected.
  t.errors.length = 0;
}

async function configsLoad(t) {
  const backends = {
    github: "{backend: github, repo: irts-hdf/international}",
    gitlab: "{backend: gitlab, repo: irts-hdf/international, app_id: 0123abcd}",
    "git-gateway": "{backend: git-gateway}",
  };
  for (const [name, cms] of Object.entries(backends)) {
    const root = copySite(`cms: ${cms}`);
    const output = path.join(root, "public");
    build(t.binary, { root, output });
    const server = await serve(output);
    try {
      const page = await t.page();
      await offline(page);
      const configErrors = [];
      page.on("console", (m) => { if (/config/i.test(m.text()) && m.type() !== "log") configErrors.push(m.text()); });
      await page.goto(`http://127.0.0.1:${server.address().port}/admin/`);
      await page.getByRole("button").first().waitFor({ timeout: LONG });
      const text = await page.locator("body").innerText();
      assert.doesNotMatch(text, /Error loading the CMS configuration|Erreur de chargement de la configuration|Config Errors/i, name);
      assert.deepEqual(configErrors, [], name);
    } finally {
      server.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
}

async function main() {
  const binary = path.resolve(process.argv[2] || path.join(ROOT, "target/debug/passerelle"));
  const started = Date.now();
  const root = copySite();
  const editor = await startEditor(binary, root);
  const elsewhereFolder = tempFolder();
  fs.writeFileSync(path.join(elsewhereFolder, "index.html"), "<!DOCTYPE html><title>elsewhere</title><body></body>");
  const elsewhere = await serve(elsewhereFolder);
  const browser = await launch();
  const all = [listsPartnerships, entriesOpenUnchanged, changesAFrenchTitle, createsAPartnership, refusesASaveThatBreaksTheSite,
    anotherSiteCannotWrite, configsLoad];
  const only = process.env.ONLY;
  const tests = only ? all.filter((f) => only.split(",").includes(f.name)) : all;
  let counts;
  try {
    counts = await runTests(browser, tests, { binary, root, editor,
      elsewhere: `http://127.0.0.1:${elsewhere.address().port}` });
  } finally {
    await browser.close();
    editor.kill();
    elsewhere.close();
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(elsewhereFolder, { recursive: true, force: true });
  }
  summary(counts, started);
}

main().catch(crash);
