/* aftalebog search: as-you-type search over search-index.js, with no dependencies.
   The index is a script (not JSON fetched over HTTP), so search works from file:// too, and
   it is loaded only when the reader first uses the search box. Query words are folded,
   split and stemmed exactly as src/export/search.rs built the index: the stemmer below is a
   port of the Snowball Danish algorithm that the index uses (the rust-stemmers crate), and a
   test compares the two word for word. */
(function (global) {
  "use strict";

  /* ---------- Text: folding, words and the Snowball Danish stemmer ---------- */

  var ACCENTS = { "é": "e", "è": "e", "ê": "e", "ë": "e", "á": "a", "à": "a", "â": "a", "ó": "o", "ò": "o", "ô": "o",
    "ú": "u", "ù": "u", "û": "u", "ü": "u", "í": "i", "ì": "i", "î": "i", "ï": "i", "ä": "æ", "ö": "ø" };

  /** Lowercase, aa → å, accents removed (Danish letters kept). */
  function fold(w) {
    return w.toLowerCase().replace(/aa/g, "å").replace(/[éèêëáàâóòôúùûüíìîïäö]/g, function (c) { return ACCENTS[c]; });
  }

  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  function words(text) { return text.match(WORD) || []; }

  var VOWELS = "aeiouyæåø";
  var S_ENDING = "abcdfghjklmnoprtvyzå";
  var MAIN = ["erendes", "erende", "hedens", "ethed", "erede", "heden", "heder", "endes", "ernes", "erens", "erets",
    "ered", "ende", "erne", "eren", "erer", "heds", "enes", "eres", "eret", "hed", "ene", "ere", "ens", "ers", "ets",
    "en", "er", "es", "et", "e"];
  var PAIRS = ["gd", "dt", "gt", "kt"];
  var OTHER = ["elig", "løst", "lig", "els", "ig"];

  function isVowel(c) { return VOWELS.indexOf(c) >= 0; }

  /** R1: after the first non-vowel that follows a vowel, but at least 3 letters in. */
  function region1(w) {
    for (var i = 1; i < w.length; i++) {
      if (!isVowel(w[i]) && isVowel(w[i - 1])) return Math.max(i + 1, 3);
    }
    return w.length;
  }

  /** The longest suffix of `list` (longest first) that lies wholly in R1. */
  function suffixIn(w, p1, list) {
    for (var i = 0; i < list.length; i++) {
      var s = list[i];
      if (w.length - s.length >= p1 && w.slice(-s.length) === s) return s;
    }
    return null;
  }

  function mainSuffix(w, p1) {
    var s = suffixIn(w, p1, MAIN);
    if (s) return w.slice(0, -s.length);
    var n = w.length;
    if (n - 1 >= p1 && w[n - 1] === "s" && n >= 2 && S_ENDING.indexOf(w[n - 2]) >= 0) return w.slice(0, -1);
    return w;
  }

  function consonantPair(w, p1) { return suffixIn(w, p1, PAIRS) ? w.slice(0, -1) : w; }

  function otherSuffix(w, p1) {
    if (w.slice(-4) === "igst") w = w.slice(0, -2);
    var s = suffixIn(w, p1, OTHER);
    if (s === "løst") return w.slice(0, -1);
    if (s) return consonantPair(w.slice(0, -s.length), p1);
    return w;
  }

  function undouble(w, p1) {
    var n = w.length;
    if (n - 1 >= p1 && n >= 2 && !isVowel(w[n - 1]) && w[n - 1] === w[n - 2]) return w.slice(0, -1);
    return w;
  }

  /** Snowball Danish (snowballstem.org/algorithms/danish): expects a folded word. */
  function stem(w) {
    if (w.length < 3) return w;
    var p1 = region1(w);
    w = mainSuffix(w, p1);
    w = consonantPair(w, p1);
    w = otherSuffix(w, p1);
    return undouble(w, p1);
  }

  function terms(text) { return words(text).map(function (w) { return stem(fold(w)); }); }

  /* ---------- The index ----------
     search-index.js: kinds, the shard list and each entry's title (items: their plan's entry).
     search/t-<first letter's code point>.js: the terms starting with that letter, sorted, with
     their posting lists. search/e-<n>.js: address and snippet of `chunk` entries. Parts are
     scripts that file themselves in window.AFTALEBOG_PARTS; only those a query needs load. */

  var MAX_PREFIX_TERMS = 60;
  var DIGIT = {};
  "0123456789abcdefghijklmnopqrstuv".split("").forEach(function (c, i) { DIGIT[c] = i; });
  "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_".split("").forEach(function (c, i) { DIGIT[c] = 32 + i; });
  var base = "", decoded = {};

  function main() { return global.AFTALEBOG_SEARCH || null; }
  function parts() { return global.AFTALEBOG_PARTS || {}; }

  /** Loads scripts (relative to the site root) that are not loaded yet, then calls done(ok). */
  var loading = {};
  function need(srcs, done) {
    var left = srcs.length, ok = true;
    if (!left) { done(true); return; }
    srcs.forEach(function (src) {
      var finish = function (good) { ok = ok && good; if (--left === 0) done(ok); };
      if (loading[src] === true) { finish(true); return; }
      if (loading[src]) { loading[src].push(finish); return; }
      loading[src] = [finish];
      var script = document.createElement("script");
      script.src = base + src;
      script.onload = script.onerror = function (e) {
        var waiting = loading[src], good = e.type === "load";
        loading[src] = good ? true : undefined;
        waiting.forEach(function (f) { f(good); });
      };
      document.head.appendChild(script);
    });
  }

  function shardName(word) { return "t" + word.codePointAt(0); }

  /** A shard's posting list `i`, decoded on first use: base-32 gaps, last digit lowercase. */
  function postings(shard, i) {
    var key = shard + ":" + i;
    if (decoded[key]) return decoded[key];
    var s = parts()[shard].postings[i], list = [], n = 0, acc = 0;
    for (var k = 0; k < s.length; k++) {
      var d = DIGIT[s[k]];
      if (d < 32) { n += acc * 32 + d; list.push(n); acc = 0; } else acc = acc * 32 + d - 32;
    }
    return (decoded[key] = list);
  }

  /** First position in `terms` (sorted) not below t. */
  function lowerBound(terms, t) {
    var lo = 0, hi = terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < t) lo = mid + 1; else hi = mid; }
    return lo;
  }

  /** Entry number → score for one query word: an exact stem scores 3; the word being typed
      (the last) also scores 1 for terms it starts, and for terms that start it. */
  function scores(word, last) {
    var f = fold(word), s = stem(f), shard = shardName(f), part = parts()[shard], out = {};
    if (!part) return out;
    var terms = part.terms, found = {}, i = lowerBound(terms, s);
    if (terms[i] === s) found[i] = 3;
    if (last) {
      for (var k = i, n = 0; k < terms.length && n < MAX_PREFIX_TERMS && terms[k].indexOf(s) === 0; k++, n++) found[k] = found[k] || 1;
      for (var len = f.length - 1; len >= 4; len--) {
        var j = lowerBound(terms, f.slice(0, len));
        if (terms[j] === f.slice(0, len)) found[j] = found[j] || 1;
      }
    }
    Object.keys(found).forEach(function (t) {
      postings(shard, +t).forEach(function (e) { if (!out[e] || out[e] < found[t]) out[e] = found[t]; });
    });
    return out;
  }

  var titleCache = {};
  function titleTerms(n) { return titleCache[n] || (titleCache[n] = terms(main().entries[n][0])); }

  /** Entries with all the query's words, best first (title hits count extra). */
  function rank(ws) {
    var score = null, entries = main().entries;
    ws.forEach(function (w, k) {
      var hits = scores(w, k === ws.length - 1);
      if (score === null) { score = hits; return; }
      var next = {};
      Object.keys(score).forEach(function (e) { if (hits[e]) next[e] = score[e] + hits[e]; });
      score = next;
    });
    var stems = ws.map(function (w) { return stem(fold(w)); }), last = fold(ws[ws.length - 1]);
    var ranked = Object.keys(score).map(function (n) {
      var title = titleTerms(+n), bonus = 0;
      stems.forEach(function (s, k) {
        if (title.indexOf(s) >= 0 || (k === stems.length - 1 && title.some(function (t) { return t.indexOf(last) === 0; }))) bonus += 4;
      });
      return { n: +n, s: score[n] + bonus };
    });
    ranked.sort(function (a, b) { return b.s - a.s || a.n - b.n; });
    return ranked;
  }

  function entry(n) {
    var m = main(), e = m.entries[n], row = parts()["e" + Math.floor(n / m.chunk)][n % m.chunk];
    return { n: n, title: e[0], kind: m.kinds[e[1]], within: e.length > 2 ? m.entries[e[2]][0] : "", url: row[0], text: row[1] };
  }

  /** Searches and calls done({ total, results }) with at most `limit` results, once the
      parts the query needs have loaded. */
  function search(query, limit, done) {
    var ws = words(query);
    if (!ws.length) { done({ total: 0, results: [] }); return; }
    load(function (ok) {
      if (!ok) { done(null); return; }
      var shards = {};
      ws.forEach(function (w) { var name = shardName(fold(w)); if (main().shards.indexOf(+name.slice(1)) >= 0) shards["search/t-" + name.slice(1) + ".js"] = 1; });
      need(Object.keys(shards), function (good) {
        if (!good) { done(null); return; }
        var ranked = rank(ws), top = ranked.slice(0, limit || 20), chunks = {};
        top.forEach(function (r) { chunks["search/e-" + Math.floor(r.n / main().chunk) + ".js"] = 1; });
        need(Object.keys(chunks), function (fine) {
          done(fine ? { total: ranked.length, results: top.map(function (r) { return entry(r.n); }) } : null);
        });
      });
    });
  }

  function load(done) { if (main()) done(true); else need(["search-index.js"], function () { done(!!main()); }); }
  function size() { return main() ? main().entries.length : 0; }

  var api = { fold: fold, words: words, stem: stem, terms: terms, search: search, load: load, size: size };
  global.aftalebogSearch = api;
  if (typeof document === "undefined") return;

  /* ---------- The search box ---------- */

  var form = document.querySelector("form.search");
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !input || !list || !status) return;
  var root = form.getAttribute("data-root") || "";
  base = root;

  /** Which characters of `text` belong to words that match the query's words. */
  function hitRanges(text, queryWords) {
    var stems = {}, last = queryWords.length ? fold(queryWords[queryWords.length - 1]) : "", ranges = [], m;
    queryWords.forEach(function (w) { stems[stem(fold(w))] = true; });
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      var f = fold(m[0]);
      if (stems[stem(f)] || (last.length >= 2 && f.indexOf(last) === 0)) ranges.push([m.index, m.index + m[0].length]);
    }
    return ranges;
  }

  /** `text` (or a window of it around the first hit) into `into`, hits in <mark>. */
  function marked(text, queryWords, into, width) {
    var ranges = hitRanges(text, queryWords), start = 0, end = text.length;
    if (width && text.length > width) {
      if (ranges.length) start = Math.max(0, text.lastIndexOf(" ", Math.max(0, ranges[0][0] - 50)) + 1);
      end = Math.min(text.length, start + width);
      if (end < text.length) { var cut = text.lastIndexOf(" ", end); if (cut > start) end = cut; }
    }
    var pos = start;
    if (start > 0) into.appendChild(document.createTextNode("…"));
    ranges.forEach(function (r) {
      if (r[0] < pos || r[1] > end) return;
      into.appendChild(document.createTextNode(text.slice(pos, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      into.appendChild(mark);
      pos = r[1];
    });
    into.appendChild(document.createTextNode(text.slice(pos, end) + (end < text.length ? "…" : "")));
  }

  function span(cls, parent) {
    var s = document.createElement("span");
    s.className = cls;
    parent.appendChild(s);
    return s;
  }

  function resultItem(r, i, queryWords) {
    var li = document.createElement("li"), a = document.createElement("a");
    a.href = root + r.url;
    a.id = "search-result-" + i;
    var kind = span("r-kind", a);
    kind.textContent = r.kind;
    if (r.within) span("r-within", kind).textContent = " · " + r.within;
    marked(r.title, queryWords, span("r-title", a));
    if (r.text) marked(r.text, queryWords, span("r-snippet", a), 170);
    li.appendChild(a);
    return li;
  }

  function say(template, n, shown) {
    return (status.getAttribute(template) || "").replace("{n}", n).replace("{shown}", shown);
  }

  function close() { list.hidden = true; }

  var asked = 0;
  function render() {
    var q = input.value.trim(), ticket = ++asked;
    if (q.length < 2) { list.textContent = ""; close(); status.textContent = q ? say("data-hint") : ""; return; }
    if (!main()) status.textContent = say("data-loading");
    search(q, 20, function (found) {
      if (ticket !== asked) return;
      list.textContent = "";
      if (!found) { close(); status.textContent = say("data-failed"); return; }
      var queryWords = words(q);
      found.results.forEach(function (r, i) { list.appendChild(resultItem(r, i, queryWords)); });
      list.hidden = found.total === 0;
      list.setAttribute("data-query", q);
      status.textContent = found.total === 0 ? say("data-none") : found.total === 1 ? say("data-one")
        : found.total > found.results.length ? say("data-more", found.total, found.results.length) : say("data-results", found.total);
    });
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

  function move(step) {
    var all = links(), at = all.indexOf(document.activeElement);
    if (!all.length) return;
    if (at < 0) { all[step > 0 ? 0 : all.length - 1].focus(); return; }
    if (at + step < 0) { input.focus(); return; }
    all[Math.min(all.length - 1, at + step)].focus();
  }

  function onKey(e) {
    if (e.key === "ArrowDown") { e.preventDefault(); if (list.hidden && input.value.trim()) render(); move(1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
    else if (e.key === "Escape") {
      e.preventDefault();
      if (!list.hidden) { close(); input.focus(); } else { input.value = ""; render(); }
    }
  }

  input.addEventListener("input", render);
  input.addEventListener("focus", function () { load(function () {}); }, { once: true });
  form.addEventListener("keydown", onKey);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var first = links()[0];
    if (first) first.click(); else render();
  });
  document.addEventListener("click", function (e) { if (!form.contains(e.target)) close(); });
})(typeof window !== "undefined" ? window : this);
