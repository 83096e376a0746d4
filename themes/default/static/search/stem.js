/*
 * Snowball stemmers for the search box: French and English (Porter2).
 *
 * The search index is built with the Rust crate rust-stemmers 1.2, the
 * generated code of the Snowball algorithms as they stood around 2017 (the
 * French one has no special case for ë/ï yet, unlike snowballstem.org today).
 * The browser must stem the visitor's words exactly as the build did, so this
 * file follows that generated code step by step, on a tiny Snowball runtime.
 * tests/js/stem.test.js checks it against vocabularies stemmed by
 * rust-stemmers itself (tests/fixtures/stems/).
 *
 * Input: one lower-cased word. Positions are UTF-16 offsets, but the cursor
 * moves by whole code points, as the Rust code moves by whole chars.
 *
 * Plain browser script: defines globalThis.passerelleStem = { fr, en }, and
 * module.exports under node.
 */
(function () {
  "use strict";

  // ---------------------------------------------------------- runtime

  /** The Snowball machine: the word, a cursor, limits and a slice. */
  function Env(word) {
    this.s = word;
    this.c = 0; // cursor
    this.l = word.length; // limit
    this.lb = 0; // backward limit
    this.bra = 0; // slice start
    this.ket = word.length; // slice end
  }

  const isLow = (u) => u >= 0xdc00 && u <= 0xdfff;
  const isHigh = (u) => u >= 0xd800 && u <= 0xdbff;

  Env.prototype = {
    next() {
      this.c += this.s.codePointAt(this.c) > 0xffff ? 2 : 1;
    },
    prev() {
      this.c -= 1;
      if (this.c > 0 && isLow(this.s.charCodeAt(this.c)) && isHigh(this.s.charCodeAt(this.c - 1))) this.c -= 1;
    },
    // Groupings are strings of BMP letters: a surrogate half, like any other
    // character, is simply not in them.
    inG(g, out) {
      if (this.c >= this.l || g.includes(this.s[this.c]) === Boolean(out)) return false;
      this.next();
      return true;
    },
    inGB(g, out) {
      if (this.c <= this.lb) return false;
      const c = this.c;
      this.prev();
      if (g.includes(this.s[this.c]) !== Boolean(out)) return true;
      this.c = c;
      return false;
    },
    outGB(g) {
      return this.inGB(g, true);
    },
    /** Literal after the cursor (forward mode). */
    eq(t) {
      if (this.c >= this.l || !this.s.startsWith(t, this.c)) return false;
      this.c += t.length;
      return true;
    },
    /** Literal before the cursor (backward mode). */
    eqB(t) {
      if (this.c - this.lb < t.length || this.s.slice(this.c - t.length, this.c) !== t) return false;
      this.c -= t.length;
      return true;
    },
    /** `among`: the longest key of table t starting at the cursor, or null. */
    among(t) {
      for (let n = Math.min(t.max, this.l - this.c); n > 0; n--) {
        const k = this.s.slice(this.c, this.c + n);
        if (t.has(k)) {
          this.c += n;
          return k;
        }
      }
      return null;
    },
    /** `[substring]` backwards: slices the longest key of t ending at the
     * cursor and returns its action, or null. */
    slice(t) {
      this.ket = this.c;
      for (let n = Math.min(t.max, this.c - this.lb); n > 0; n--) {
        const k = this.s.slice(this.c - n, this.c);
        if (t.has(k)) {
          this.c -= n;
          this.bra = this.c;
          return t.get(k);
        }
      }
      return null;
    },
    /** `['t']` backwards. */
    sliceEq(t) {
      this.ket = this.c;
      if (!this.eqB(t)) return false;
      this.bra = this.c;
      return true;
    },
    /** Replaces [bra, ket) with t, moving the cursor as Snowball does. */
    replace(bra, ket, t) {
      const adjust = t.length - (ket - bra);
      this.s = this.s.slice(0, bra) + t + this.s.slice(ket);
      this.l += adjust;
      if (this.c >= ket) this.c += adjust;
      else if (this.c > bra) this.c = bra;
      return adjust;
    },
    from(t) {
      this.replace(this.bra, this.ket, t);
      return true;
    },
    del() {
      return this.from("");
    },
    /** `<+ t`: inserts t at the cursor, which stays before it. */
    insert(t) {
      const c = this.c;
      const adjust = this.replace(c, c, t);
      if (c <= this.bra) this.bra += adjust;
      if (c <= this.ket) this.ket += adjust;
      this.c = c;
    },
  };

  /** A table: { action: "key key ..." } → Map key → action. */
  function table(spec) {
    const t = new Map();
    for (const action of Object.keys(spec)) {
      for (const k of spec[action].split(" ")) t.set(k, action);
    }
    t.max = Math.max(...Array.from(t.keys(), (k) => k.length));
    return t;
  }

  /** `gopast g` (or `gopast non-g`) forwards. */
  function gopast(e, g, non) {
    while (!e.inG(g, non)) {
      if (e.c >= e.l) return false;
      e.next();
    }
    return true;
  }

  /** `gopast g` backwards. */
  function gopastB(e, g) {
    while (!e.inGB(g)) {
      if (e.c <= e.lb) return false;
      e.prev();
    }
    return true;
  }

  /** `gopast v gopast non-v`: the start of a region R1 or R2. */
  const region = (e, v) => gopast(e, v) && gopast(e, v, true);

  /** `repeat goto C`: applies C at each leftmost position where it holds. */
  function repeatGoto(e, test) {
    for (;;) {
      const at = e.c;
      const ok = test();
      e.c = at;
      if (ok) continue;
      if (e.c >= e.l) return;
      e.next();
    }
  }

  /** `try C` backwards: on failure the cursor goes back. */
  function attempt(e, f) {
    const v = e.l - e.c;
    if (!f()) e.c = e.l - v;
  }

  // ---------------------------------------------------------- French

  const FR_V = "aeiouyâàëéêèïîôûù";
  const FR_KEEP_WITH_S = "aiouès";

  const FR_RV_EXCEPTIONS = table({ x: "col par tap" });
  const FR_STANDARD = table({
    r2: "ance iqUe isme able iste eux ances iqUes ismes ables istes",
    ation: "atrice ateur ation atrices ateurs ations",
    log: "logie logies",
    u: "usion ution usions utions",
    ent: "ence ences",
    ement: "ement ements",
    ite: "ité ités",
    if: "if ive ifs ives",
    eau: "eaux",
    al: "aux",
    euse: "euse euses",
    issement: "issement issements",
    amment: "amment",
    emment: "emment",
    ment: "ment ments",
  });
  const FR_AFTER_EMENT = table({ iv: "iv", eus: "eus", r2: "abl iqU", i: "ièr Ièr" });
  const FR_AFTER_ITE = table({ abl: "abil", iqU: "ic", r2: "iv" });
  const FR_I_VERB = table({
    x:
      "îmes ît îtes i ie ies ir ira irai iraIent irais irait iras irent irez iriez irions irons " +
      "iront is issaIent issais issait issant issante issantes issants isse issent isses issez " +
      "issiez issions issons it",
  });
  const FR_VERB = table({
    ions: "ions",
    del: "é ée ées és èrent er era erai eraIent erais erait eras erez eriez erions erons eront ez iez",
    a: "âmes ât âtes a ai aIent ais ait ant ante antes ants as asse assent asses assiez assions",
  });
  const FR_RESIDUAL = table({ ion: "ion", i: "ier ière Ier Ière", e: "e", "ë": "ë" });
  const FR_DOUBLE = table({ x: "enn onn ett ell eill" });

  /** Prelude: u, i and y acting as consonants become U, I and Y. */
  function frPrelude(e) {
    // ['x'] (then a vowel if needed) <- 'X'
    const mark = (x, needsV) => {
      e.bra = e.c;
      if (!e.eq(x)) return false;
      e.ket = e.c;
      return (!needsV || e.inG(FR_V)) && e.from(x.toUpperCase());
    };
    repeatGoto(e, () => {
      const at = e.c;
      if (e.inG(FR_V)) {
        // v [ ('u' ] v) or ('i' ] v) or ('y' ] )
        const c = e.c;
        if (mark("u", true) || ((e.c = c), mark("i", true)) || ((e.c = c), mark("y", false))) return true;
      }
      e.c = at;
      if (mark("y", true)) return true; // [ 'y' ] v
      e.c = at;
      return e.eq("q") && mark("u", false); // 'q' [ 'u' ]
    });
  }

  /** The regions RV (from pV), R1 (from p1) and R2 (from p2). */
  function frMarkRegions(e) {
    const r = { pV: e.l, p1: e.l, p2: e.l };
    // RV starts after two leading vowels, after par/col/tap, or after the
    // first vowel that is not the first letter.
    e.c = 0;
    if (e.inG(FR_V) && e.inG(FR_V) && e.c < e.l) {
      e.next();
      r.pV = e.c;
    } else if (((e.c = 0), e.among(FR_RV_EXCEPTIONS) !== null)) {
      r.pV = e.c;
    } else if (((e.c = 0), e.c < e.l)) {
      e.next();
      if (gopast(e, FR_V)) r.pV = e.c;
    }
    e.c = 0;
    if (region(e, FR_V)) {
      r.p1 = e.c;
      if (region(e, FR_V)) r.p2 = e.c;
    }
    return r;
  }

  /** Step 1: standard suffixes. */
  function frStandardSuffix(e, r) {
    const RV = () => r.pV <= e.c;
    const R1 = () => r.p1 <= e.c;
    const R2 = () => r.p2 <= e.c;
    const delOr = (t) => (R2() ? e.del() : e.from(t)); // (R2 delete) or <- t
    const eux = () => (R2() ? e.del() : R1() && e.from("eux")); // (R2 delete) or (R1 <- 'eux')
    const action = e.slice(FR_STANDARD);
    switch (action) {
      case null:
        return false;
      case "r2":
      case "ation":
      case "ite":
      case "if":
        if (!R2()) return false;
        e.del();
        if (action === "ation") {
          attempt(e, () => e.sliceEq("ic") && delOr("iqU"));
        } else if (action === "ite") {
          attempt(e, () => {
            const a = e.slice(FR_AFTER_ITE);
            return a !== null && (a === "r2" ? R2() && e.del() : delOr(a));
          });
        } else if (action === "if") {
          attempt(e, () => e.sliceEq("at") && R2() && e.del() && e.sliceEq("ic") && delOr("iqU"));
        }
        return true;
      case "log":
      case "u":
      case "ent":
        return R2() && e.from(action);
      case "ement":
        if (!RV()) return false;
        e.del();
        attempt(e, () => {
          switch (e.slice(FR_AFTER_EMENT)) {
            case "iv": // R2 delete ['at'] R2 delete
              return R2() && e.del() && e.sliceEq("at") && R2() && e.del();
            case "eus":
              return eux();
            case "r2":
              return R2() && e.del();
            case "i":
              return RV() && e.from("i");
          }
          return false;
        });
        return true;
      case "eau":
        return e.from("eau");
      case "al":
        return R1() && e.from("al");
      case "euse":
        return eux();
      case "issement": // R1 non-v delete
        return R1() && e.outGB(FR_V) && e.del();
    }
    // The -ment suffixes change the word, then fail so that the verb
    // suffixes are tried on what is left.
    if (action === "ment") {
      // test(v RV) fail(delete)
      const v = e.l - e.c;
      if (e.inGB(FR_V) && RV()) {
        e.c = e.l - v;
        e.del();
      }
    } else if (RV()) {
      e.from(action === "amment" ? "ant" : "ent");
    }
    return false;
  }

  /** `setlimit tomark pV for C`: runs C with the backward limit at pV. */
  function inRV(e, r, f) {
    if (e.c < r.pV) return false;
    const lb = e.lb;
    e.lb = r.pV;
    const ok = f();
    e.lb = lb;
    return ok;
  }

  /** Step 2a: verb suffixes beginning with i, after a non-vowel. */
  function frIVerbSuffix(e, r) {
    return inRV(e, r, () => e.slice(FR_I_VERB) !== null && e.outGB(FR_V) && e.del());
  }

  /** Step 2b: other verb suffixes. */
  function frVerbSuffix(e, r) {
    return inRV(e, r, () => {
      const action = e.slice(FR_VERB);
      if (action === null || (action === "ions" && r.p2 > e.c)) return false;
      e.del();
      if (action === "a" && e.sliceEq("e")) e.del(); // try(['e'] delete)
      return true;
    });
  }

  /** Step 4: residual suffixes. */
  function frResidualSuffix(e, r) {
    // try(['s'] test non-keep_with_s delete)
    attempt(e, () => e.sliceEq("s") && e.outGB(FR_KEEP_WITH_S) && ((e.c = e.bra), e.del()));
    return inRV(e, r, () => {
      switch (e.slice(FR_RESIDUAL)) {
        case "ion": // R2 's' or 't' delete
          return r.p2 <= e.c && (e.eqB("s") || e.eqB("t")) && e.del();
        case "i":
          return e.from("i");
        case "e":
          return e.del();
        case "ë":
          return e.eqB("gu") && e.del();
      }
      return false;
    });
  }

  function fr(word) {
    const e = new Env(word);
    frPrelude(e);
    e.c = 0;
    const r = frMarkRegions(e);
    e.c = e.l;
    const suffixed = [frStandardSuffix, frIVerbSuffix, frVerbSuffix].some((step) => ((e.c = e.l), step(e, r)));
    e.c = e.l;
    if (suffixed) {
      // Step 3: a final Y becomes i, a final ç becomes c.
      if (e.sliceEq("Y")) e.from("i");
      else if (e.sliceEq("ç")) e.from("c");
    } else {
      frResidualSuffix(e, r);
    }
    // Step 5: undouble -enn, -onn, -ett, -ell, -eill.
    e.c = e.l;
    if (e.slice(FR_DOUBLE) !== null) {
      e.c = e.ket;
      e.prev();
      e.bra = e.c;
      e.del();
    }
    // Step 6: é or è before the final non-vowels (at least one) becomes e.
    e.c = e.l;
    let n = 0;
    while (e.outGB(FR_V)) n++;
    if (n > 0 && (e.sliceEq("é") || e.sliceEq("è"))) e.from("e");
    // Postlude: I, U and Y back to lower case.
    return e.s.replace(/[IUY]/g, (ch) => ch.toLowerCase());
  }

  // ---------------------------------------------------------- English

  const EN_V = "aeiouy";
  const EN_V_WXY = "aeiouywxY";
  const EN_VALID_LI = "cdeghkmnrt";

  /** Words stemmed by exception (exception1), invariants included. */
  const EN_EXCEPTIONS = new Map(
    Object.entries({
      skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl",
      gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl",
      sky: "sky", news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias",
      andes: "andes",
    })
  );
  /** Left alone after step 1a (exception2). */
  const EN_INVARIANT_1A = table({ x: "inning outing canning herring earring proceed exceed succeed" });
  const EN_R1_PREFIXES = table({ x: "gener commun arsen" });
  const EN_APOSTROPHE = table({ x: "' 's 's'" });
  const EN_1A = table({ ss: "sses", ies: "ied ies", s: "s", keep: "us ss" });
  const EN_1B = table({ ee: "eed eedly", del: "ed edly ing ingly" });
  const EN_1B_END = table({ e: "at bl iz", double: "bb dd ff gg mm nn pp rr tt" });
  // Steps 2 and 3: replacement → suffixes.
  const EN_2 = table({
    tion: "tional", ence: "enci", ance: "anci", able: "abli", ent: "entli", ize: "izer ization",
    ate: "ational ation ator", al: "alism aliti alli", ful: "fulness fulli", ous: "ousli ousness",
    ive: "iveness iviti", ble: "biliti bli", og: "ogi", less: "lessli", "": "li",
  });
  const EN_3 = table({
    tion: "tional", ate: "ational", al: "alize", ic: "icate iciti ical", "": "ful ness", R2: "ative",
  });
  const EN_4 = table({
    del: "al ance ence er ic able ible ant ement ment ent ism ate iti ous ive ize",
    ion: "ion",
  });

  /** Prelude: a leading apostrophe goes; an initial y or a y after a vowel
   * is a consonant, Y. Returns whether there is a Y. */
  function enPrelude(e) {
    let yFound = false;
    const markY = () => {
      e.bra = e.c;
      if (!e.eq("y")) return false;
      e.ket = e.c;
      return (yFound = e.from("Y"));
    };
    e.bra = 0;
    if (e.eq("'")) {
      e.ket = e.c;
      e.del();
    }
    e.c = 0;
    markY();
    e.c = 0;
    repeatGoto(e, () => e.inG(EN_V) && markY());
    e.c = 0;
    return yFound;
  }

  function enMarkRegions(e) {
    const r = { p1: e.l, p2: e.l };
    e.c = 0;
    if (e.among(EN_R1_PREFIXES) === null && !((e.c = 0), region(e, EN_V))) return r;
    r.p1 = e.c;
    if (region(e, EN_V)) r.p2 = e.c;
    return r;
  }

  /** A short syllable ends at the cursor. */
  function enShortV(e) {
    const v = e.l - e.c;
    if (e.outGB(EN_V_WXY) && e.inGB(EN_V) && e.outGB(EN_V)) return true;
    e.c = e.l - v;
    return e.outGB(EN_V) && e.inGB(EN_V) && e.c <= e.lb;
  }

  /** Steps 0 and 1a: possessives and plurals. */
  function enStep1a(e) {
    if (e.slice(EN_APOSTROPHE) !== null) e.del();
    e.c = e.l;
    switch (e.slice(EN_1A)) {
      case "ss":
        return e.from("ss");
      case "ies": // (hop 2 <- 'i') or <- 'ie': hop counts code points
        return e.from(Array.from(e.s.slice(e.lb, e.c)).length >= 2 ? "i" : "ie");
      case "s": // next gopast v delete
        if (e.c <= e.lb) return false;
        e.prev();
        return gopastB(e, EN_V) && e.del();
    }
    return false;
  }

  /** Step 1b: -eed, -ed, -ing and their -ly forms. */
  function enStep1b(e, r) {
    const action = e.slice(EN_1B);
    if (action === "ee") return r.p1 <= e.c && e.from("ee");
    if (action === null) return false;
    // test gopast v delete
    const v = e.l - e.c;
    if (!gopastB(e, EN_V)) return false;
    e.c = e.l - v;
    e.del();
    const end = e.slice(EN_1B_END);
    e.c = e.l;
    if (end === "e") {
      e.insert("e"); // luxuriat → luxuriate
    } else if (end === "double") {
      e.ket = e.c; // hopp → hop
      e.prev();
      e.bra = e.c;
      e.del();
    } else if (e.c === r.p1 && enShortV(e)) {
      e.c = e.l;
      e.insert("e"); // hop → hope
    }
    return true;
  }

  /** Step 1c: a final y or Y after a non-vowel, not the first letter, → i. */
  function enStep1c(e) {
    if ((e.sliceEq("y") || e.sliceEq("Y")) && e.outGB(EN_V) && e.c > e.lb) e.from("i");
  }

  /** Steps 2 and 3: suffixes in R1 replaced by shorter ones. */
  const enStep2 = (e, r) => enStep2or3(e, r, EN_2);
  const enStep3 = (e, r) => enStep2or3(e, r, EN_3);
  function enStep2or3(e, r, t) {
    const to = e.slice(t);
    if (to === null || e.c < r.p1) return;
    if (to === "og" && !e.eqB("l")) return; // logi → log
    if (t === EN_2 && to === "" && !e.inGB(EN_VALID_LI)) return; // -li after a valid li-ending
    if (to === "R2") {
      if (e.c >= r.p2) e.del(); // -ative in R2
    } else e.from(to);
  }

  /** Step 4: suffixes in R2 deleted. */
  function enStep4(e, r) {
    const action = e.slice(EN_4);
    if (action === null || e.c < r.p2) return;
    if (action === "ion" && !e.eqB("s") && !e.eqB("t")) return;
    e.del();
  }

  /** Step 5: a final e, or the second l of a final ll. */
  function enStep5(e, r) {
    if (e.sliceEq("e")) {
      // R2 or (R1 not shortv)
      if (r.p2 <= e.c || (r.p1 <= e.c && !enShortV(e))) e.del();
    } else if (e.sliceEq("l") && r.p2 <= e.c && e.eqB("l")) {
      e.del();
    }
  }

  function en(word) {
    const exception = EN_EXCEPTIONS.get(word);
    if (exception !== undefined) return exception;
    if (Array.from(word).length < 3) return word; // not hop 3
    const e = new Env(word);
    const yFound = enPrelude(e);
    const r = enMarkRegions(e);
    e.c = e.l;
    enStep1a(e);
    e.c = e.l;
    if (!(e.slice(EN_INVARIANT_1A) !== null && e.c <= e.lb)) {
      for (const step of [enStep1b, enStep1c, enStep2, enStep3, enStep4, enStep5]) {
        e.c = e.l;
        step(e, r);
      }
    }
    // Postlude: Y back to y.
    return yFound ? e.s.replace(/Y/g, "y") : e.s;
  }

  const stemmers = { fr, en };
  globalThis.passerelleStem = stemmers;
  if (typeof module !== "undefined") module.exports = stemmers;
})();
