// What the browser tests share (run.mjs, a11y.mjs): a site built into a
// temporary folder, a tiny static server, Debian's chromium, pages that
// record every console error, and the loop that runs the tests and prints
// `ok - name` / `not ok - name: reason` lines.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const CHROMIUM = "/usr/bin/chromium";
export const TIMEOUT = 5000;

/* ------------------------------------------------------------------ */
/* The site: built into a temporary folder, served over HTTP.          */

/** A new temporary folder, removed by the caller. */
export function tempFolder() {
  return fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-browser-"));
}

/** Builds the site of `root` into `output`; `args` are more build options. */
export function build(binary, { root = ROOT, output, args = [] }) {
  const started = Date.now();
  try {
    execFileSync(binary, ["build", "--root", root, "--output", output, ...args], { stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    throw new Error(`${binary} build --root ${root} failed:\n${error.stderr}`);
  }
  return { output, ms: Date.now() - started };
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".txt": "text/plain; charset=utf-8",
};

/** A static server of `folder` (which may not exist yet) on a free port of 127.0.0.1. */
export function serve(folder) {
  const server = http.createServer((request, response) => {
    const notFound = () => {
      if (process.env.DEBUG) console.error(`404 ${request.url}`);
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      response.end("not found");
    };
    let file;
    try {
      const pathname = decodeURIComponent(new URL(request.url, "http://x").pathname);
      file = path.join(folder, path.normalize(pathname));
    } catch {
      return notFound();
    }
    if (file !== folder && !file.startsWith(folder + path.sep)) return notFound();
    let stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat && stat.isDirectory()) {
      if (!request.url.split("?")[0].endsWith("/")) {
        // Relative links need the slash, as any static server gives it.
        response.writeHead(301, { location: request.url.replace(/^([^?]*)/, "$1/") });
        return response.end();
      }
      file = path.join(file, "index.html");
      stat = fs.statSync(file, { throwIfNoEntry: false });
    }
    if (!stat || !stat.isFile()) return notFound();
    const type = TYPES[path.extname(file)] || "application/octet-stream";
    response.writeHead(200, { "content-type": type, "content-length": stat.size });
    fs.createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

/* ------------------------------------------------------------------ */
/* The browser.                                                        */

/** Debian's chromium, headless, offline. */
export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * A new page whose console errors, page errors and failed requests go to
 * `errors`; `options` are playwright's context options (viewport,
 * javaScriptEnabled…).
 */
export async function openPage(browser, errors, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.on("console", (message) => {
    // The theme links no icon, so Chromium asks the server root for one:
    // that 404 is the browser's, not the page's.
    if (message.location().url?.endsWith("/favicon.ico")) return;
    if (message.type() === "error") errors.push(`console: ${message.text()} (${message.location().url || page.url()})`);
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message} (${page.url()})`));
  page.on("requestfailed", (request) => errors.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on("response", (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return page;
}

/**
 * Evaluates `read` in the page until `done(value)` holds, and returns the
 * last value either way: the caller's assertion then says what was seen.
 */
export async function settle(page, read, done, timeout = TIMEOUT) {
  const end = Date.now() + timeout;
  let value = await page.evaluate(read);
  while (!done(value) && Date.now() < end) {
    await page.waitForTimeout(50);
    value = await page.evaluate(read);
  }
  return value;
}

/* ------------------------------------------------------------------ */
/* The runner.                                                         */

/**
 * Runs each test with `t`: `context`'s fields, plus `t.page(options)` (a
 * new page, closed after the test), `t.errors` (its pages' errors so far)
 * and `t.screenshot(page, name)` (saved
 * in $SCREENSHOTS when set). A test fails on a failed assertion or on any
 * console error of its pages. Prints one line per test; returns the counts.
 */
export async function runTests(browser, tests, context) {
  const shots = process.env.SCREENSHOTS;
  if (shots) fs.mkdirSync(shots, { recursive: true });
  let passed = 0;
  let failed = 0;
  for (const test of tests) {
    const errors = [];
    const pages = [];
    const t = {
      ...context,
      errors,
      page: async (options) => {
        const page = await openPage(browser, errors, options);
        pages.push(page);
        return page;
      },
      screenshot: async (page, name) => {
        if (shots) await page.screenshot({ path: path.join(shots, name), fullPage: true });
      },
    };
    const started = Date.now();
    try {
      await test(t);
      if (errors.length) throw new Error(errors.join("; "));
      passed++;
      console.log(`ok - ${test.name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      const reason = error instanceof assert.AssertionError && error.generatedMessage === false
        ? `${error.message}\n${error.actual !== undefined ? `  actual:   ${JSON.stringify(error.actual)}\n  expected: ${JSON.stringify(error.expected)}` : ""}`
        : error.message;
      console.log(`not ok - ${test.name}: ${reason}${errors.length ? `\n  errors: ${errors.join("; ")}` : ""}`);
    }
    for (const page of pages) await page.context().close();
  }
  return { passed, failed };
}

/** The closing line, like cargo's; exits 1 if any test failed. */
export function summary({ passed, failed }, started) {
  console.log(`whole run ${Date.now() - started} ms`);
  console.log(`test result: ${failed ? "FAILED" : "ok"}. ${passed} passed; ${failed} failed;`);
  process.exit(failed ? 1 : 0);
}

/** For a `main().catch(…)`: an error outside the tests fails the run. */
export function crash(error) {
  console.error(error);
  console.log("test result: FAILED. 0 passed; 1 failed;");
  process.exit(1);
}
