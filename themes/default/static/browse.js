/* passerelle: the catalogue's filter and the search page.
 *
 * No dependencies. Both read the files the build writes under
 * search/<lang>/ (see src/render/search.rs and src/render/facets.rs):
 * facets.json (each document's facet values), meta.json and terms/*.json
 * (the word index), docs/<n>.json (what a result shows). Without this
 * script the catalogue's facets are links to static pages, and the search
 * page links to the catalogue.
 */
(function () {
  "use strict";

  var requests = {};

  /** A JSON file, fetched once. */
  function load(url) {
    if (!requests[url]) {
      requests[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return response.json();
      });
    }
    return requests[url];
  }

  /** The documents `ids`, in that order, from their shards. */
  function documents(base, shardSize, ids) {
    var shards = {};
    ids.forEach(function (id) { shards[Math.floor(id / shardSize)] = true; });
    var names = Object.keys(shards);
    return Promise.all(names.map(function (n) { return load(base + "docs/" + n + ".json"); }))
      .then(function (files) {
        var byShard = {};
        names.forEach(function (n, k) { byShard[n] = files[k]; });
        return ids.map(function (id) { return byShard[Math.floor(id / shardSize)][id % shardSize]; });
      });
  }

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (attributes[name] !== null && attributes[name] !== undefined) node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /** A partnership card, as the theme's card.html writes it. */
  function card(doc, root, untranslated) {
    var lang = doc.l || null;
    var tags = doc.c.map(function (c) {
      return element("a", { "class": "tag", href: root + c[1] }, [c[0]]);
    });
    tags.push(element("a", { "class": "tag tag-programme", href: root + doc.p[1] }, [doc.p[0]]));
    var spaced = [];
    tags.forEach(function (tag, k) { if (k) spaced.push(" "); spaced.push(tag); });
    var parts = [
      element("h2", { "class": "card-title" }, [element("a", { href: root + doc.u, lang: lang }, [doc.t])]),
      element("p", { "class": "card-meta" }, [
        element("span", { "class": "badge" }, [doc.sl]), " ",
        element("span", {}, [doc.k]), " · ", element("span", {}, [doc.pe])
      ]),
      element("p", { "class": "card-summary", lang: lang }, [doc.s])
    ];
    if (lang) parts.push(element("p", { "class": "card-note" }, [untranslated]));
    parts.push(element("p", { "class": "card-tags" }, spaced));
    return element("article", { "class": "card status-" + doc.st }, parts);
  }

  function showCards(list, docs, root, untranslated) {
    list.textContent = "";
    docs.forEach(function (doc) { list.appendChild(card(doc, root, untranslated)); });
  }

  function plural(n, container) {
    return n + " " + (n === 1 ? container.dataset.one : container.dataset.many);
  }

  /* ---------------------------------------------------------------- */
  /* The filter of the catalogue page.                                  */

  /**
   * Which documents match `selected` (one array of value numbers per
   * facet; an empty array selects nothing in that facet), and how many
   * documents each value would give if it were ticked too: a document
   * counts for the values of a facet when it matches every other facet.
   */
  function filter(docs, groupOf, selected, valueCount) {
    var matches = [];
    var counts = new Array(valueCount).fill(0);
    var wanted = selected.map(function (values) { return new Set(values); });
    docs.forEach(function (values, id) {
      var failed = -1;
      var failures = 0;
      for (var g = 0; g < wanted.length && failures < 2; g++) {
        if (!wanted[g].size) continue;
        if (!values.some(function (v) { return wanted[g].has(v); })) { failures++; failed = g; }
      }
      if (failures === 0) matches.push(id);
      if (failures > 1) return;
      values.forEach(function (v) {
        if (failures === 0 || groupOf[v] === failed) counts[v]++;
      });
    });
    return { matches: matches, counts: counts };
  }

  function Catalogue(container) {
    this.container = container;
    this.base = container.dataset.search;
    this.root = container.dataset.root;
    this.list = container.querySelector(".cards");
    // The page's order (the catalogue has a page per order): the filter
    // lists its matches in it, and the sort links keep the filter.
    this.order = container.dataset.order;
    this.sorts = container.querySelectorAll(".sort a");
    this.count = container.querySelector(".count");
    this.boxes = [];
    this.page = 1;
    var self = this;
    container.querySelectorAll(".facet").forEach(function (section) { self.enhance(section); });
    var clear = element("button", { type: "button", "class": "facets-clear" }, [container.dataset.clear]);
    clear.addEventListener("click", function () {
      self.boxes.forEach(function (box) { box.input.checked = false; });
      self.page = 1;
      self.update();
    });
    container.querySelector(".facets-box summary").after(clear);
    this.clear = clear;
    var query = new URLSearchParams(window.location.search);
    this.boxes.forEach(function (box) {
      box.input.checked = query.getAll(box.param).indexOf(box.input.value) >= 0;
    });
    this.page = Math.max(1, parseInt(query.get("page"), 10) || 1);
    var active = this.boxes.some(function (box) { return box.input.checked; });
    clear.hidden = !active;
    // The facets come folded (the style shows them on a wide screen): on a
    // narrow one they stay so, unless a filter is on; a ticked value
    // beyond the first ones shows its whole list.
    if (active || !window.matchMedia("(max-width: 50rem)").matches) {
      container.querySelector(".facets-box").open = true;
    }
    this.boxes.forEach(function (box) {
      var more = box.input.checked && box.item.closest(".facet-more");
      if (more) more.open = true;
    });
    if (active || this.page > 1) this.update();
  }

  /**
   * Turns a facet's links into checkboxes where they stand (the first
   * values, and the rest folded in their "show all"), each in the space its
   * link already took: the page does not move.
   */
  Catalogue.prototype.enhance = function (section) {
    var self = this;
    var param = section.dataset.param;
    var heading = section.querySelector(".facet-legend");
    var fieldset = element("fieldset", { "class": "facet", "data-param": param }, [
      element("legend", { "class": "facet-legend" }, [heading.textContent])
    ]);
    heading.remove();
    section.querySelectorAll("li").forEach(function (item) {
      var link = item.querySelector("a");
      var input = element("input", { type: "checkbox", name: param, value: link.dataset.value });
      var count = item.querySelector(".facet-count");
      input.addEventListener("change", function () { self.page = 1; self.update(); });
      item.replaceChildren(element("label", {}, [input, link.textContent]), " ", count);
      self.boxes.push({ param: param, input: input, count: count, item: item });
    });
    while (section.firstChild) fieldset.appendChild(section.firstChild);
    section.replaceWith(fieldset);
  };

  /** Filters with the ticked values, then shows the counts, the address and the page. */
  Catalogue.prototype.update = function () {
    var self = this;
    var run = this.run = (this.run || 0) + 1;
    return load(this.base + "facets.json").then(function (data) {
      if (run !== self.run) return;
      var number = {};
      var groupOf = [];
      var params = data.groups.map(function (group, g) {
        group.values.forEach(function (slug) { number[group.param + "=" + slug] = groupOf.length; groupOf.push(g); });
        return group.param;
      });
      var selected = params.map(function () { return []; });
      var query = new URLSearchParams();
      self.boxes.forEach(function (box) {
        box.number = number[box.param + "=" + box.input.value];
        if (box.input.checked && box.number !== undefined) {
          selected[params.indexOf(box.param)].push(box.number);
          query.append(box.param, box.input.value);
        }
      });
      self.clear.hidden = !query.toString();
      var result = filter(data.docs, groupOf, selected, groupOf.length);
      var order = data.orders && data.orders[self.order];
      if (order) {
        var matched = new Uint8Array(data.docs.length);
        result.matches.forEach(function (id) { matched[id] = 1; });
        result.matches = order.filter(function (id) { return matched[id]; });
      }
      var filters = query.toString();
      self.sorts.forEach(function (link) {
        link.href = link.dataset.href + (filters ? "?" + filters : "");
      });
      self.boxes.forEach(function (box) {
        var n = result.counts[box.number] || 0;
        box.count.textContent = n;
        box.input.disabled = n === 0 && !box.input.checked;
        box.item.classList.toggle("facet-empty", box.input.disabled);
      });
      var pages = Math.max(1, Math.ceil(result.matches.length / data.page_size));
      self.page = Math.min(self.page, pages);
      if (self.page > 1) query.set("page", self.page);
      var search = query.toString();
      history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
      var n = result.matches.length;
      self.count.textContent = n ? plural(n, self.count) : self.count.dataset.none;
      var shown = result.matches.slice((self.page - 1) * data.page_size, self.page * data.page_size);
      return documents(self.base, data.doc_shard, shown).then(function (docs) {
        // A later choice may have been shown already.
        if (run !== self.run) return;
        showCards(self.list, docs, self.root, self.container.dataset.untranslated);
        self.paginate(pages);
      });
    });
  };

  /** Replaces the static pagination with buttons over the filtered list. */
  Catalogue.prototype.paginate = function (pages) {
    var self = this;
    var old = this.container.querySelector(".pagination");
    if (old) old.remove();
    if (pages < 2) return;
    var items = [];
    for (var n = 1; n <= pages; n++) {
      if (n !== 1 && n !== pages && Math.abs(n - this.page) > 2) {
        if (items.length && items[items.length - 1] !== null) items.push(null);
        continue;
      }
      items.push(n);
    }
    var list = element("ul", {}, items.map(function (n) {
      if (n === null) return element("li", { "aria-hidden": "true" }, ["…"]);
      if (n === self.page) return element("li", {}, [element("span", { "aria-current": "page" }, [String(n)])]);
      var button = element("button", { type: "button", "class": "page-button" }, [String(n)]);
      button.addEventListener("click", function () {
        self.page = n;
        self.update().then(function () { self.count.scrollIntoView(); });
      });
      return element("li", {}, [button]);
    }));
    this.list.after(element("nav", { "class": "pagination", "aria-label": this.container.dataset.pagination }, [list]));
  };

  /* ---------------------------------------------------------------- */
  /* Search.                                                            */

  var FOLD = { "à": "a", "á": "a", "â": "a", "ã": "a", "ä": "a", "å": "a", "ç": "c", "è": "e", "é": "e",
    "ê": "e", "ë": "e", "ì": "i", "í": "i", "î": "i", "ï": "i", "ñ": "n", "ò": "o", "ó": "o", "ô": "o",
    "õ": "o", "ö": "o", "ø": "o", "ù": "u", "ú": "u", "û": "u", "ü": "u", "ý": "y", "ÿ": "y", "œ": "oe",
    "æ": "ae", "ß": "ss" };

  /** The words of a text as the index cut them (src/render/search.rs `words`). */
  function words(text) {
    return text.split(/[^\p{Alphabetic}\p{N}]+/u).filter(function (w) {
      return Array.from(w).length >= 2;
    }).map(function (w) { return w.toLowerCase(); });
  }

  function fold(text) {
    return Array.from(text).map(function (c) { return FOLD[c] || c; }).join("");
  }

  /** A word as an index term: stemmed, then with its accents folded. */
  function term(word, stemmer) {
    return fold(stemmer ? stemmer(word) : word);
  }

  /**
   * A word's term, and the term of its unaccented spelling when that
   * differs (src/render/search.rs `terms`): the index files words under
   * both, so `mobilites` finds `mobilités`.
   */
  function terms(word, stemmer) {
    var main = term(word, stemmer);
    var folded = fold(word);
    if (folded === word) return [main];
    var other = term(folded, stemmer);
    return other === main ? [main] : [main, other];
  }

  /** The shard holding `term`: the longest shard name that begins it. */
  function shardOf(term, shards) {
    var letters = Array.from(term);
    for (var k = letters.length; k > 0; k--) {
      var name = letters.slice(0, k).join("");
      if (shards.has(name)) return name;
    }
    return null;
  }

  function fileName(shard) {
    return Array.from(shard).map(function (c) {
      return /[a-z0-9]/.test(c) ? c : "_" + c.codePointAt(0).toString(16) + "_";
    }).join("");
  }

  /** doc → score of a term's postings (`[doc, score, gap, score, …]`). */
  function postings(list, weight, into) {
    var doc = 0;
    for (var k = 0; k < list.length; k += 2) {
      doc += list[k];
      into.set(doc, Math.max(into.get(doc) || 0, list[k + 1] * weight));
    }
  }

  /**
   * The documents matching every word of `query`, best first. The last
   * word, while it is being typed, also matches the terms it begins, and
   * the terms that begin it (a stem shorter than the word).
   */
  function search(base, meta, query) {
    var stop = new Set(meta.stop);
    var stemmer = meta.stemmer && globalThis.passerelleStem ? globalThis.passerelleStem[meta.stemmer] : null;
    var list = words(query).filter(function (w) { return !stop.has(w); });
    if (!list.length) return Promise.resolve([]);
    var typing = !/\s$/.test(query);
    var shards = new Set(meta.shards);
    var wanted = list.map(function (word, k) {
      var variants = terms(word, stemmer);
      var prefix = typing && k === list.length - 1 && Array.from(variants[0]).length >= 3;
      var names = [];
      variants.forEach(function (t) {
        names.push(shardOf(t, shards));
        if (!prefix) return;
        var deeper = meta.shards.filter(function (name) { return name.length > t.length && name.indexOf(t) === 0; });
        if (deeper.length <= 8) names = names.concat(deeper);
      });
      return { terms: variants, prefix: prefix, shards: names.filter(Boolean) };
    });
    var files = {};
    wanted.forEach(function (w) { w.shards.forEach(function (name) { files[name] = true; }); });
    var names = Object.keys(files);
    return Promise.all(names.map(function (name) { return load(base + "terms/" + fileName(name) + ".json"); }))
      .then(function (loaded) {
        var total = null;
        wanted.forEach(function (w) {
          var scores = new Map();
          loaded.forEach(function (shard, k) {
            if (w.shards.indexOf(names[k]) < 0) return;
            Object.keys(shard).forEach(function (t) {
              w.terms.forEach(function (q) {
                if (t === q) postings(shard[t], 2, scores);
                else if (w.prefix && (t.indexOf(q) === 0 || (t.length >= 4 && q.indexOf(t) === 0 && q.length - t.length <= 3))) postings(shard[t], 1, scores);
              });
            });
          });
          if (total === null) { total = scores; return; }
          var both = new Map();
          total.forEach(function (score, doc) { if (scores.has(doc)) both.set(doc, score + scores.get(doc)); });
          total = both;
        });
        return Array.from(total.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; })
          .map(function (entry) { return entry[0]; });
      });
  }

  function SearchPage(container) {
    var self = this;
    this.container = container;
    this.base = container.dataset.search;
    this.root = container.dataset.root;
    this.input = container.querySelector("input[name=q]");
    this.status = container.querySelector(".search-status");
    this.list = container.querySelector(".search-results");
    this.more = container.querySelector(".search-more");
    this.shown = 0;
    this.run = 0;
    container.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      self.query(self.input.value);
    });
    var timer = null;
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.query(self.input.value); }, 120);
    });
    this.more.addEventListener("click", function () { self.showMore(self.run); });
    var q = new URLSearchParams(window.location.search).get("q") || "";
    this.input.value = q;
    if (q.trim()) this.query(q);
  }

  SearchPage.prototype.query = function (q) {
    var self = this;
    var run = ++this.run;
    var address = q.trim() ? "?q=" + encodeURIComponent(q.trim()) : "";
    history.replaceState(null, "", window.location.pathname + address);
    return load(this.base + "meta.json").then(function (meta) {
      return search(self.base, meta, q).then(function (ids) {
        if (run !== self.run) return;
        self.meta = meta;
        self.ids = ids;
        self.shown = 0;
        self.list.textContent = "";
        var d = self.status.dataset;
        var shownQuery = d.open + q.trim() + d.close;
        if (!q.trim()) self.status.textContent = "";
        else if (!ids.length) self.status.textContent = d.none + " " + shownQuery;
        else self.status.textContent = ids.length + " " + (ids.length === 1 ? d.one : d.many) + " " + shownQuery;
        return self.showMore(run);
      });
    });
  };

  SearchPage.prototype.showMore = function (run) {
    var self = this;
    if (run === undefined) run = this.run;
    var page = this.ids.slice(this.shown, this.shown + 10);
    this.shown += page.length;
    this.more.hidden = this.shown >= this.ids.length;
    return documents(this.base, this.meta.doc_shard, page).then(function (docs) {
      // A newer query has its own results.
      if (run !== self.run) return;
      docs.forEach(function (doc) {
        self.list.appendChild(element("li", {}, [card(doc, self.root, self.container.dataset.untranslated)]));
      });
    });
  };

  /* ---------------------------------------------------------------- */

  var api = { filter: filter, words: words, term: term, terms: terms, shardOf: shardOf, fileName: fileName };
  if (typeof module !== "undefined") module.exports = api;
  if (typeof document === "undefined") return;
  document.querySelectorAll(".catalogue[data-search]").forEach(function (c) { new Catalogue(c); });
  document.querySelectorAll(".search-page[data-search]").forEach(function (c) { new SearchPage(c); });
})();
