// The site on a real nginx, configured as docs/publishing.md says.
//
//     node tests/browser/nginx.mjs target/debug/passerelle
//
// For the example site (the repository root), the fixture
// tests/fixtures/build/basic (which has fingerprinted logos) and a new site
// made by `passerelle init` (the README's path for editors), it builds
// the site with `base_url` at the sub-path /international/ of a free port
// of 127.0.0.1, copies it where the documented configuration expects it,
// and serves it with Debian's nginx using the `nginx` block of
// docs/publishing.md, read from the file (only the port and the folder
// are replaced): the documentation is what is tested. Then:
//
// - it crawls every page from the language chooser and the home page of
//   each language: every internal link, stylesheet, script, image and
//   `data-` address answers 200, and so does every entry of the sitemap,
//   every link of the feeds, robots.txt and every file of the search index;
// - text (HTML, CSS, JavaScript, JSON, XML) is served compressed, pages
//   carry the Content-Security-Policy, fingerprinted pictures are cached
//   a year and the rest revalidated;
// - a missing address answers 404 with the styled 404 page at any depth
//   (/international/fr/nope/deeper/), and every link of that page, read
//   from where it was shown, answers 200;
// - in Chromium, each kind of page in both languages loads with no
//   Content-Security-Policy violation and no console error, the catalogue
//   filters and the search page finds results.
//
// SCREENSHOTS=DIR keeps the 404 page at 1280 and 375 pixels; ONLY=REGEX
// runs only the matching tests.
// Needs Debian's nginx (`.ci/run` installs it when missing).

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import zlib from "node:zlib";
import http from "node:http";
import { build, crash, launch, ROOT, runTests, summary, tempFolder } from "./lib.mjs";

const NGINX = fs.existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
const SUB_PATH = "/international/";

/** The nginx block of docs/publishing.md, with the placeholders it must hold. */
function documentedConfig() {
  const doc = fs.readFileSync(path.join(ROOT, "docs/publishing.md"), "utf8");
  const match = doc.match(/```nginx\n([\s\S]*?)```/);
  assert.ok(match, "docs/publishing.md has an ```nginx block");
  const config = match[1];
  for (const needle of ["listen 80;", "root /var/www/partenariats;", `location ${SUB_PATH} {`]) {
    assert.ok(config.includes(needle), `the documented configuration has \`${needle}\``);
  }
  return config;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** One HTTP GET, the body decompressed: { status, headers, body (Buffer), encoding }. */
function get(url) {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { "accept-encoding": "gzip" } }, (response) => {
      const chunks = [];
      response.on("data", (c) => chunks.push(c));
      response.on("end", () => {
        let body = Buffer.concat(chunks);
        const encoding = response.headers["content-encoding"] || "";
        if (encoding === "gzip") body = zlib.gunzipSync(body);
        resolve({ status: response.statusCode, headers: response.headers, body, encoding });
      });
    });
    request.on("error", reject);
    request.setTimeout(10000, () => request.destroy(new Error(`timeout: ${url}`)));
  });
}

/** Every file under `dir`, relative, with `/`. */
function files(dir, prefix = "") {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]);
}

/** Builds `root` at /international/ of `port`, and starts nginx on it. */
async function publish(binary, root, label) {
  const port = await freePort();
  const tmp = tempFolder();
  fs.chmodSync(tmp, 0o755); // nginx's workers run as another user
  const www = path.join(tmp, "www");
  const site = path.join(www, SUB_PATH);
  fs.mkdirSync(www, { recursive: true });
  const origin = `http://127.0.0.1:${port}`;
  build(binary, { root, output: site, args: ["--base-url", `${origin}${SUB_PATH}`] });
  const server = documentedConfig()
    .replace("listen 80;", `listen 127.0.0.1:${port};`)
    .replace("root /var/www/partenariats;", `root ${www};`);
  const temp = (name) => `${name}_temp_path ${path.join(tmp, name)};`;
  const conf = path.join(tmp, "nginx.conf");
  fs.writeFileSync(conf, [
    process.getuid?.() === 0 ? "user root;" : "",
    "worker_processes 1;",
    `pid ${path.join(tmp, "nginx.pid")};`,
    `error_log ${path.join(tmp, "error.log")} warn;`,
    "events { worker_connections 256; }",
    "http {",
    "  include /etc/nginx/mime.types;",
    "  default_type application/octet-stream;",
    "  access_log off;",
    ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((n) => `  ${temp(n)}`),
    server,
    "}",
  ].join("\n"));
  try {
    execFileSync(NGINX, ["-t", "-q", "-p", tmp, "-c", conf], { stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    throw new Error(`nginx -t refuses the documented configuration:\n${error.stderr}`);
  }
  const child = spawn(NGINX, ["-p", tmp, "-c", conf, "-g", "daemon off;"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => { stderr += d; });
  const end = Date.now() + 10000;
  for (;;) {
    try {
      await get(`${origin}${SUB_PATH}`);
      break;
    } catch (error) {
      if (Date.now() > end || child.exitCode !== null) throw new Error(`nginx did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    label, origin, base: `${origin}${SUB_PATH}`, site,
    stop: () => { child.kill("SIGTERM"); fs.rmSync(tmp, { recursive: true, force: true }); },
  };
}

// `data-search` and `data-root` name folders that the scripts read files
// from: those files are checked from the search index's own listing.
const ATTRIBUTES = /\s(?:href|src)="([^"]*)"/g;

/** An attribute's text with its character references decoded. */
const decode = (value) => value
  .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
  .replace(/&#([0-9]+);/g, (_, d) => String.fromCodePoint(Number(d)))
  .replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const TEXT = /^(text\/html|text\/css|text\/javascript|application\/javascript|application\/json|application\/xml|application\/atom\+xml|image\/svg\+xml)/;

/**
 * Checks one answer of the site: status, compression, headers. These are
 * the rules of Lighthouse's audits: `uses-text-compression` flags text
 * served without compression, `uses-long-cache-ttl` flags a script,
 * stylesheet or picture whose Cache-Control gives neither a long life
 * (a year, for fingerprinted files) nor `no-cache` (checked again at each
 * visit); a plain server, which sends neither, fails both on every page.
 */
function checkAnswer(answer, url, problems) {
  const type = answer.headers["content-type"] || "";
  if (answer.status !== 200) return problems.push(`${url}: ${answer.status}`);
  if (TEXT.test(type) && answer.body.length > 1024 && answer.encoding !== "gzip") {
    problems.push(`${url}: ${type} not compressed`);
  }
  const cache = answer.headers["cache-control"] || "";
  const fingerprinted = /-[0-9a-f]{8}-[^/]*$/.test(new URL(url).pathname);
  if (fingerprinted && !/max-age=31536000/.test(cache)) problems.push(`${url}: fingerprinted, cached "${cache}"`);
  if (!fingerprinted && cache !== "no-cache") problems.push(`${url}: cached "${cache}"`);
  if (type.startsWith("text/html") && !answer.headers["content-security-policy"]) {
    problems.push(`${url}: no Content-Security-Policy`);
  }
}

/** Every address a page or a file names, absolute. */
function addresses(body, url) {
  const text = body.toString("utf8");
  const found = [];
  for (const [, raw] of text.matchAll(ATTRIBUTES)) {
    const value = decode(raw);
    if (!value || value.startsWith("#") || /^(mailto|tel|data):/i.test(value)) continue;
    found.push(new URL(value, url).href.split("#")[0]);
  }
  return found;
}

/** Crawls from the chooser and the homes; returns the pages and problems. */
async function crawl(site) {
  const seen = new Set();
  const pages = [];
  const problems = [];
  const queue = [site.base, `${site.base}fr/`, `${site.base}en/`];
  while (queue.length) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const answer = await get(url);
    checkAnswer(answer, url, problems);
    if (answer.status !== 200) continue;
    if (!(answer.headers["content-type"] || "").startsWith("text/html")) continue;
    pages.push(url);
    for (const next of addresses(answer.body, url)) {
      if (!next.startsWith(site.origin)) continue;
      if (!next.startsWith(site.base)) problems.push(`${url}: \`${next}\` is outside ${SUB_PATH}`);
      else if (!seen.has(next)) queue.push(next);
    }
  }
  return { pages, problems, seen };
}

/** The addresses that the site's own files list: sitemap, feeds, search index. */
async function listed(site) {
  const urls = ["robots.txt", "sitemap.xml", "fr/atom.xml", "en/atom.xml"].map((f) => site.base + f);
  const sitemap = (await get(`${site.base}sitemap.xml`)).body.toString();
  for (const [, loc] of sitemap.matchAll(/<loc>([^<]*)<\/loc>|href="([^"]*)"/g)) if (loc) urls.push(loc);
  for (const [, , href] of sitemap.matchAll(/<loc>([^<]*)<\/loc>|href="([^"]*)"/g)) if (href) urls.push(href);
  for (const feed of ["fr/atom.xml", "en/atom.xml"]) {
    const xml = (await get(site.base + feed)).body.toString();
    for (const [, href] of xml.matchAll(/<link[^>]*href="([^"]*)"/g)) urls.push(new URL(href, site.base + feed).href);
  }
  for (const file of files(path.join(site.site, "search"))) urls.push(`${site.base}search/${file}`);
  for (const file of files(path.join(site.site, "data"))) urls.push(`${site.base}data/${file}`);
  return urls;
}

/**
 * A page for the 404 page, whose own status is the point: only that
 * answer's console line and status are let through; any other error
 * still fails the test.
 */
async function notFoundPage(t, options) {
  const page = await t.page(options);
  const console = page.listeners("console");
  const response = page.listeners("response");
  page.removeAllListeners("console");
  page.removeAllListeners("response");
  page.on("console", (m) => {
    if (!(m.type() === "error" && /status of 404/.test(m.text()) && /nope/.test(m.location().url || ""))) {
      for (const listener of console) listener(m);
    }
  });
  page.on("response", (r) => {
    if (!(r.status() === 404 && /nope/.test(r.url()))) for (const listener of response) listener(r);
  });
  return page;
}

/** The tests of one published site. */
function tests(site) {
  const name = (what) => `${site.label}: ${what}`;
  let crawled;
  return [
    async function crawlEveryPage() {
      crawled = await crawl(site);
      assert.deepEqual(crawled.problems, [], name("crawl"));
      assert.ok(crawled.pages.length > 20, `${crawled.pages.length} pages`);
      const fingerprinted = [...crawled.seen].filter((u) => /-[0-9a-f]{8}-[^/]*$/.test(u)).length;
      // The fixture has logos, resized under fingerprinted names.
      if (site.label === "basic") assert.ok(fingerprinted > 0, "no fingerprinted picture crawled");
      console.log(`  ${site.label}: ${crawled.pages.length} pages, ${crawled.seen.size} addresses, all 200; ${fingerprinted} fingerprinted`);
    },
    async function sitemapFeedsAndSearchIndexAnswer() {
      const problems = [];
      const urls = [...new Set(await listed(site))];
      for (const url of urls) {
        if (!url.startsWith(site.base)) { problems.push(`\`${url}\` is outside ${site.base}`); continue; }
        checkAnswer(await get(url), url, problems);
      }
      assert.deepEqual(problems, []);
      assert.ok(urls.length > 50, `${urls.length} listed addresses`);
    },
    async function theStyled404AtAnyDepth(t) {
      const problems = [];
      for (const missing of ["nope", "fr/nope/", "fr/nope/deeper/", "en/partnerships/x/y/z/"]) {
        const url = site.base + missing;
        const answer = await get(url);
        assert.equal(answer.status, 404, url);
        const body = answer.body.toString();
        assert.match(body, /<link rel="stylesheet" href="\/international\/static\/style\.css">/, url);
        assert.ok(answer.headers["content-security-policy"], `${url}: no CSP on the 404 page`);
        const links = addresses(answer.body, url).filter((u) => u.startsWith(site.origin));
        assert.ok(links.length >= 8, `${url}: ${links.length} links`);
        for (const link of links) {
          const to = await get(link);
          if (to.status !== 200) problems.push(`${url} links ${link}: ${to.status}`);
        }
      }
      assert.deepEqual(problems, []);
      // What a visitor sees: styled, at both widths, in Chromium.
      for (const width of [1280, 375]) {
        const page = await notFoundPage(t, { viewport: { width, height: 800 } });
        await page.goto(`${site.base}fr/nope/deeper/`);
        const styled = await page.evaluate(() => getComputedStyle(document.body).fontFamily !== ""
          && document.styleSheets.length > 0 && document.styleSheets[0].cssRules.length > 10);
        assert.ok(styled, "the 404 page has its stylesheet");
        await t.screenshot(page, `${site.label}-404-${width}.png`);
      }
    },
    async function noContentSecurityPolicyViolationOnAnyKindOfPage(t) {
      const kinds = {};
      for (const url of crawled.pages) {
        const rest = url.slice(site.base.length);
        const parts = rest.split("/").filter(Boolean);
        // One page per kind and language: the first of each shape of address.
        const shape = parts.length <= 1 ? rest || "chooser" : `${parts[0]}/${parts[1]}/${parts.length > 2 ? "item" : ""}`;
        if (!kinds[shape]) kinds[shape] = url;
      }
      kinds["fr search"] = `${site.base}fr/recherche/?q=travail%20social`;
      kinds["en search"] = `${site.base}en/search/?q=social%20work`;
      kinds["404"] = `${site.base}en/nope/deeper/`;
      const violations = [];
      let current = "";
      // One tab for the pages, one for the 404 page (whose status is expected).
      const open = async (page) => {
        await page.addInitScript(() => {
          window.__violations = [];
          document.addEventListener("securitypolicyviolation", (e) => {
            window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
          });
        });
        page.on("console", (m) => {
          if (/Content Security Policy/i.test(m.text())) violations.push(`${current}: ${m.text()}`);
        });
        return page;
      };
      const tabs = { page: await open(await t.page()), missing: await open(await notFoundPage(t)) };
      for (const [kind, url] of Object.entries(kinds)) {
        current = `${kind} ${url}`;
        const page = kind === "404" ? tabs.missing : tabs.page;
        await page.goto(url);
        await page.waitForLoadState("load");
        await page.waitForTimeout(100); // violation events are dispatched after the fact
        if (kind.endsWith("search")) {
          await page.waitForFunction(() => document.querySelectorAll(".search-results .card").length > 0,
            null, { timeout: 5000 }).catch(() => violations.push(`${kind}: no search result`));
        }
        const seen = await page.evaluate(() => window.__violations);
        for (const v of seen) violations.push(`${kind} ${url}: ${v}`);
      }
      assert.deepEqual(violations, []);
      assert.ok(Object.keys(kinds).length >= 10, Object.keys(kinds).join(", "));
      console.log(`  ${site.label}: ${Object.keys(kinds).length} kinds of page, no CSP violation`);
    },
  ].map((test) => Object.defineProperty(test, "name", { value: name(test.name) }))
    .filter((test) => !process.env.ONLY || new RegExp(process.env.ONLY).test(test.name));
}

async function main() {
  const binary = path.resolve(process.argv[2] || path.join(ROOT, "target/debug/passerelle"));
  const started = Date.now();
  const browser = await launch();
  const total = { passed: 0, failed: 0 };
  // The README's path for editors: a new site made by `init`, as it is.
  const fresh = tempFolder();
  execFileSync(binary, ["init", path.join(fresh, "mon-site")], { stdio: ["ignore", "ignore", "pipe"] });
  const sites = [
    [ROOT, "example"],
    [path.join(ROOT, "tests/fixtures/build/basic"), "basic"],
    [path.join(fresh, "mon-site"), "init"],
  ];
  for (const [root, label] of sites) {
    const site = await publish(binary, root, label);
    try {
      const result = await runTests(browser, tests(site), {});
      total.passed += result.passed;
      total.failed += result.failed;
    } finally {
      site.stop();
    }
  }
  await browser.close();
  fs.rmSync(fresh, { recursive: true, force: true });
  summary(total, started);
}

main().catch(crash);
