// Writes ../../data/world.tsv: one line per country of Natural Earth's
// 1:110m cultural vectors (public domain, via the world-atlas package),
// `<ISO 3166-1 alpha-2 code>\t<SVG path>`, projected with the Natural
// Earth I projection into a 1000 × 520 box, coordinates rounded to 0.1.
// Run: cd tools/map && npm ci --ignore-scripts && node generate.js
"use strict";
const fs = require("fs");
const path = require("path");
const topojson = require("topojson-client");
const countries = require("i18n-iso-countries");
const world = require("world-atlas/countries-110m.json");

const WIDTH = 1000;
const HEIGHT = 520;

// Natural Earth I (Šavrič, Patterson, Jenny, 2011), polynomial form.
function naturalEarth(lon, lat) {
  const l = (lon * Math.PI) / 180;
  const p = (lat * Math.PI) / 180;
  const p2 = p * p;
  const p4 = p2 * p2;
  const x = l * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)));
  const y = p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)));
  return [x, y];
}

// The projection's extent: x in ±2.7172 × 0.8707…, y in ±1.3173.
const [maxX] = naturalEarth(180, 0);
const [, maxY] = naturalEarth(0, 90);
const scale = Math.min(WIDTH / (2 * maxX), HEIGHT / (2 * maxY));

function point([lon, lat]) {
  const [x, y] = naturalEarth(lon, lat);
  return [(WIDTH / 2 + x * scale).toFixed(1), (HEIGHT / 2 - y * scale).toFixed(1)];
}

function ring(coords) {
  let d = "";
  let last = "";
  let lastX = null;
  let broken = false;
  for (const c of coords) {
    const [x, y] = point(c);
    const here = `${x},${y}`;
    if (here === last) continue;
    // A ring crossing the antimeridian (Russia, Fiji) jumps across the whole
    // map: start a new sub-path there instead of drawing the jump.
    const jump = lastX !== null && Math.abs(x - lastX) > WIDTH / 2;
    broken = broken || jump;
    d += (d === "" || jump ? "M" : "L") + here;
    last = here;
    lastX = Number(x);
  }
  return broken ? d : d + "Z";
}

function pathOf(geometry) {
  if (!geometry) return "";
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((rings) => rings.map(ring).join("")).join("");
}

const features = topojson.feature(world, world.objects.countries).features;
const rows = [];
for (const f of features) {
  const alpha2 = countries.numericToAlpha2(f.id);
  if (!alpha2) continue; // Kosovo, Northern Cyprus, Somaliland…: no ISO code.
  if (alpha2 === "AQ") continue; // Antarctica: no partners, half the map's height.
  const d = pathOf(f.geometry);
  if (d) rows.push(`${alpha2.toLowerCase()}\t${d}`);
}
rows.sort();
const out = path.join(__dirname, "..", "..", "data", "world.tsv");
fs.writeFileSync(out, `# ${WIDTH}x${HEIGHT} Natural Earth I; Natural Earth 1:110m (public domain) via world-atlas\n` + rows.join("\n") + "\n");
console.log(`${rows.length} countries, ${fs.statSync(out).size} bytes → ${out}`);
