// How much a first search downloads, measured in Chromium on a built site:
// for each query, a fresh browser context opens the search page with `?q=`
// and the bytes of every file under search/ it fetches are added up (the
// page itself, its scripts and stylesheet are the same for any site size
// and are listed apart).
//
//   node benches/search-size.mjs OUTPUT_FOLDER [LANG]
//
// Needs the browser test's packages (`npm ci --prefix tests/browser`) and
// Debian's chromium. benches/scale.sh runs it on the largest catalogue.

import path from "node:path";
import { launch, serve } from "../tests/browser/lib.mjs";

const QUERIES = {
  fr: ["partenariat", "formation", "mobilités", "protection de l'enfance", "travail social", "erasmus", "educat", "zzzzqx"],
  en: ["partnership", "training", "mobility", "child protection", "social work", "erasmus", "educat", "zzzzqx"],
};

const folder = path.resolve(process.argv[2] || "");
const lang = process.argv[3] || "fr";
const searchPage = lang === "fr" ? "fr/recherche/" : "en/search/";

const server = await serve(folder);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();
let worst = 0;
try {
  for (const query of QUERIES[lang]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const sizes = { index: 0, files: 0, page: 0 };
    page.on("response", async (response) => {
      const url = response.url();
      const length = Number(response.headers()["content-length"] || 0);
      if (url.includes("/search/")) {
        sizes.index += length;
        sizes.files += 1;
      } else {
        sizes.page += length;
      }
    });
    await page.goto(`${base}${searchPage}?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(() => document.querySelector(".search-status")?.textContent.trim() !== "");
    await page.waitForLoadState("networkidle");
    const status = await page.$eval(".search-status", (e) => e.textContent.trim());
    worst = Math.max(worst, sizes.index);
    console.log(`${JSON.stringify(query).padEnd(26)} ${(sizes.index / 1024).toFixed(1).padStart(7)} KB in ${String(sizes.files).padStart(2)} index files (+ ${(sizes.page / 1024).toFixed(1)} KB page, scripts, styles)  ${status}`);
    await context.close();
  }
  console.log(`largest first query: ${(worst / 1024).toFixed(1)} KB of index files`);
} finally {
  await browser.close();
  server.close();
}
