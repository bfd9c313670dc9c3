/* aftalebog search, with no dependencies. Two halves: a core without a DOM (text, index,
   matching, ranking), which node runs too (tools/search.mjs), and the search box and results
   page (soeg.html) on top of it.
   The index is scripts (not JSON fetched over HTTP), so search works from file:// too, and
   it is loaded only when the reader first uses the search box. Query words become terms
   exactly as src/export/search built the index: folded with the tables the index carries
   (src/letters.rs is their one source), stemmed with a port of the Snowball Danish
   algorithm the index uses (the rust-stemmers crate; a test compares the two word for
   word), and loosened so ø, oe and o meet. docs/search.md describes the match rules. */
(function (global) {
  "use strict";

  /* ---------- Text: folding, words and the Snowball Danish stemmer ---------- */

  var FOLD = {}, FOLD_RE = null, LOOSE = {}, LOOSE_RE = null, tablesOf = null;

  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function alternatives(keys) {
    return new RegExp(keys.map(escapeRe).join("|") || "(?!)", "g");
  }

  /** Takes the folding tables from the index (longest patterns first, as in Rust). */
  function useTables(m) {
    if (tablesOf === m) return;
    tablesOf = m;
    FOLD = m.fold;
    FOLD_RE = alternatives(Object.keys(FOLD).sort(function (a, b) { return b.length - a.length; }));
    LOOSE = {};
    m.loose.forEach(function (p) { LOOSE[p[0]] = p[1]; });
    LOOSE_RE = alternatives(m.loose.map(function (p) { return p[0]; }));
  }

  /** Lowercase, aa → å, accents removed (Danish letters kept): letters::fold. */
  function fold(w) { return w.toLowerCase().replace(FOLD_RE, function (c) { return FOLD[c]; }); }
  /** Danish letters and their spellings made one: letters::loosen. */
  function loosen(t) { return t.replace(LOOSE_RE, function (c) { return LOOSE[c]; }); }

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

  /** A word's index term: terms::key. */
  function key(w) { return loosen(stem(fold(w))); }
  function terms(text) { return words(text).map(key); }

  /* ---------- The index (see src/export/search/format.rs) ---------- */

  var DIGIT = {};
  "0123456789abcdefghijklmnopqrstuv".split("").forEach(function (c, i) { DIGIT[c] = i; });
  "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_".split("").forEach(function (c, i) { DIGIT[c] = 32 + i; });
  var decoded = {};

  function main() { return global.AFTALEBOG_SEARCH || null; }
  function parts() { return global.AFTALEBOG_PARTS || {}; }

  /** How a part of the index is loaded: `loader(path relative to the site root, done(ok))`.
      In a page, a script element; tools/search.mjs reads files instead. */
  var api = { loader: null, root: "" };
  var loading = {};
  function need(srcs, done) {
    var left = srcs.length, ok = true;
    if (!left) { done(true); return; }
    srcs.forEach(function (src) {
      var finish = function (good) { ok = ok && good; if (--left === 0) done(ok); };
      if (loading[src] === true) { finish(true); return; }
      if (loading[src]) { loading[src].push(finish); return; }
      loading[src] = [finish];
      api.loader(src, function (good) {
        var waiting = loading[src];
        loading[src] = good ? true : undefined;
        waiting.forEach(function (f) { f(good); });
      });
    });
  }

  function shardOf(term) { return term.codePointAt(0); }

  /** Posting list `i` of a shard's `list` ("postings" or "partPostings"), decoded once. */
  function postings(shard, list, i) {
    var k = shard + ":" + list + ":" + i;
    if (decoded[k]) return decoded[k];
    var s = parts()["t" + shard][list][i], out = [], n = 0, acc = 0;
    for (var j = 0; j < s.length; j++) {
      var d = DIGIT[s[j]];
      if (d < 32) { n += acc * 32 + d; out.push(n); acc = 0; } else acc = acc * 32 + d - 32;
    }
    return (decoded[k] = out);
  }

  /** First position in `sorted` not below t. */
  function lowerBound(sorted, t) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (sorted[mid] < t) lo = mid + 1; else hi = mid; }
    return lo;
  }

  /* ---------- Matching: one query word against the index ---------- */

  /** How well a term matches a query word; docs/search.md explains each rule. */
  var EXACT = 10, INFLECTED = 8, PREFIX = 4, PART = 3, TYPO = 1, CONTEXT = 1;
  var MAX_PREFIX_TERMS = 60, MIN_TYPO_LENGTH = 5;
  /** Endings a word may be typed into: an indexed stem matches `aftalern` (on the way to
      `aftalerne`), never `samtykke` (which is not `samt` plus an ending). */
  var ENDINGS = MAIN.concat(["s", "ning", "ninger", "ing", "inger", "lig", "lige", "ligt", "else", "elser", "ede", "ste"]);

  function isEndingStart(rest) {
    return ENDINGS.some(function (e) { return e.indexOf(rest) === 0; });
  }

  /** Edit distance at most one (one letter changed, added, dropped or two swapped). */
  function oneEdit(a, b) {
    if (a === b) return true;
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /** A query word's forms: its term and its loose folded spelling (for prefixes). */
  function forms(word) { var f = fold(word); return { word: word, term: loosen(stem(f)), typed: loosen(f) }; }

  /** For one query word: entry → score, matched term → score (to weigh titles), and the
      term a typo was corrected to (if any). */
  function match(w) {
    var out = { scores: {}, terms: {}, corrected: null }, shard = shardOf(w.typed), part = parts()["t" + shard];
    if (!part) return out;
    var found = [];
    function take(list, i, score) {
      found.push([list, i, score]);
      var t = part[list === "postings" ? "terms" : "parts"][i];
      if (list === "postings" && !(out.terms[t] >= score)) out.terms[t] = score;
    }
    var sorted = part.terms, i = lowerBound(sorted, w.term);
    if (sorted[i] === w.term) take("postings", i, EXACT);
    // An indexed stem followed by the start of an ending: the word being typed.
    for (var len = w.typed.length - 1; len >= 3; len--) {
      var head = w.typed.slice(0, len), j = lowerBound(sorted, head);
      if (sorted[j] === head && head !== w.term && isEndingStart(w.typed.slice(len))) take("postings", j, INFLECTED);
    }
    // The query word starts longer words.
    [w.typed, w.term].forEach(function (p) {
      if (p.length < 2) return;
      for (var k = lowerBound(sorted, p), n = 0; k < sorted.length && n < MAX_PREFIX_TERMS && sorted[k].indexOf(p) === 0; k++, n++) {
        if (sorted[k] !== w.term) take("postings", k, PREFIX);
      }
    });
    var p = lowerBound(part.parts, w.term);
    if (part.parts[p] === w.term) take("partPostings", p, PART);
    if (!found.length && w.typed.length >= MIN_TYPO_LENGTH) {
      var best = -1, most = -1;
      sorted.forEach(function (t, k) {
        if (t.length >= MIN_TYPO_LENGTH - 1 && (oneEdit(t, w.term) || oneEdit(t, w.typed))) {
          take("postings", k, TYPO);
          var size = postings(shard, "postings", k).length;
          if (size > most) { most = size; best = k; }
        }
      });
      if (best >= 0) out.corrected = sorted[best];
    }
    found.forEach(function (f) {
      postings(shard, f[0], f[1]).forEach(function (e) { if (!(out.scores[e] >= f[2])) out.scores[e] = f[2]; });
    });
    return out;
  }

  /* ---------- Ranking ---------- */

  /** Each status's standing (0 in force, 1 draft or template, 2 expired, superseded or
      archived) weighs the score: a document in force ranks above the expired one it replaced,
      but an expired document whose title matches still ranks above one that only mentions
      the word. */
  var STANDING_WEIGHT = [1, 0.9, 0.6];
  var MAX_SECTIONS_PER_DOCUMENT = 3;
  var titleCache = {};
  function titleTerms(n) { return titleCache[n] || (titleCache[n] = terms(main().entries[n][0])); }

  /** How a title matches a query word: as well as the best of its terms the word matched
      (or a compound ending in the word), weighed by TITLE. */
  var TITLE = 1;
  function titleMatch(n, w, m) {
    var best = 0;
    titleTerms(n).forEach(function (t) {
      var s = m.terms[t] || (w.term.length >= 5 && t.length > w.term.length && t.slice(-w.term.length) === w.term ? PART : 0);
      if (s > best) best = s;
    });
    return best * TITLE;
  }

  function standing(e) { var s = main().statuses[e[2]]; return s ? s[2] : 0; }

  /** Entries that match every query word, best first. An entry within a document (section,
      item) may take a word from its document's title, as long as one word is its own. */
  function rank(ws) {
    var m = main(), matches = ws.map(match), candidates = {};
    matches.forEach(function (x) { Object.keys(x.scores).forEach(function (e) { candidates[e] = true; }); });
    var ranked = [];
    Object.keys(candidates).forEach(function (key) {
      var n = +key, e = m.entries[n], parent = e.length > 3 ? e[3] : -1, total = 0;
      for (var k = 0; k < ws.length; k++) {
        var own = matches[k].scores[n];
        if (own) total += own + titleMatch(n, ws[k], matches[k]);
        else if (parent >= 0 && titleMatch(parent, ws[k], matches[k])) total += CONTEXT;
        else return;
      }
      var weight = Math.min(STANDING_WEIGHT[standing(e)], parent >= 0 ? STANDING_WEIGHT[standing(m.entries[parent])] : 1);
      ranked.push({ n: n, s: total * weight });
    });
    ranked.sort(function (a, b) { return b.s - a.s || a.n - b.n; });
    var shown = {};
    return ranked.filter(function (r) {
      var e = m.entries[r.n];
      if (e[1] !== m.section || e.length < 4) return true;
      shown[e[3]] = (shown[e[3]] || 0) + 1;
      return shown[e[3]] <= MAX_SECTIONS_PER_DOCUMENT;
    });
  }

  function entry(n) {
    var m = main(), e = m.entries[n], row = parts()["e" + Math.floor(n / m.chunk)][n % m.chunk], s = m.statuses[e[2]];
    return {
      n: n, title: e[0], kind: m.kinds[e[1]], status: s && s[1] ? { className: s[0], label: s[1] } : null,
      within: e.length > 3 ? m.entries[e[3]][0] : "", url: row[0], text: row[1],
    };
  }

  /** The surface form of a corrected term in the results (a word, not a stem), for "did you mean". */
  function spelled(term, results) {
    for (var i = 0; i < results.length; i++) {
      var ws = words(results[i].title + " " + results[i].text);
      for (var k = 0; k < ws.length; k++) if (key(ws[k]) === term) return ws[k].toLowerCase();
    }
    return term;
  }

  /** Searches and calls done({ total, results, suggestion }) with at most `limit` results,
      once the parts the query needs have loaded; done(null) if they cannot load. */
  function search(query, limit, done) {
    var ws = words(query);
    if (!ws.length) { done({ total: 0, results: [], suggestion: null }); return; }
    load(function (ok) {
      if (!ok) { done(null); return; }
      var fs = ws.map(forms), shards = {};
      fs.forEach(function (w) { if (main().shards.indexOf(shardOf(w.typed)) >= 0) shards["search/t-" + shardOf(w.typed) + ".js"] = 1; });
      need(Object.keys(shards), function (good) {
        if (!good) { done(null); return; }
        var ranked = rank(fs), top = ranked.slice(0, limit || 20), chunks = {};
        top.forEach(function (r) { chunks["search/e-" + Math.floor(r.n / main().chunk) + ".js"] = 1; });
        need(Object.keys(chunks), function (fine) {
          if (!fine) { done(null); return; }
          var results = top.map(function (r) { return entry(r.n); }), corrected = false;
          var suggestion = fs.map(function (w) {
            var c = match(w).corrected;
            if (!c) return w.word;
            corrected = true;
            return spelled(c, results);
          }).join(" ");
          done({ total: ranked.length, results: results, suggestion: corrected ? suggestion : null });
        });
      });
    });
  }

  function load(done) {
    if (main()) { useTables(main()); done(true); return; }
    need(["search-index.js"], function () { if (main()) useTables(main()); done(!!main()); });
  }
  function size() { return main() ? main().entries.length : 0; }

  api.fold = fold; api.words = words; api.stem = stem; api.key = key; api.terms = terms;
  api.search = search; api.load = load; api.size = size;
  global.aftalebogSearch = api;
  if (typeof document === "undefined") return;

  /* ---------- In the page: loading, the search box and the results page ---------- */

  api.loader = function (src, done) {
    var script = document.createElement("script");
    script.src = api.root + src;
    script.onload = script.onerror = function (e) { done(e.type === "load"); };
    document.head.appendChild(script);
  };

  var form = document.querySelector("form.search");
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !input || !list || !status) return;
  api.root = form.getAttribute("data-root") || "";

  /** Which characters of `text` belong to words that match the query's words. */
  function hitRanges(text, queryWords) {
    var fs = queryWords.map(forms), ranges = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      var t = key(m[0]), typed = loosen(fold(m[0]));
      var hit = fs.some(function (w) {
        return t === w.term || (w.typed.length >= 2 && typed.indexOf(w.typed) === 0) ||
          (w.term.length >= 5 && t.length > w.term.length && t.slice(-w.term.length) === w.term);
      });
      if (hit) ranges.push([m.index, m.index + m[0].length]);
    }
    return ranges;
  }

  /** `text` (or a window of it around the first hit) into `into`, hits in <mark>. */
  function marked(text, queryWords, into, width) {
    var ranges = hitRanges(text, queryWords), start = 0, end = text.length;
    if (width && text.length > width) {
      if (ranges.length) start = Math.max(0, text.lastIndexOf(" ", Math.max(0, ranges[0][0] - 60)) + 1);
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

  /** One result: kind (and the document it is in), status, title, a snippet around the hit. */
  function resultItem(r, id, queryWords, width) {
    var li = document.createElement("li"), a = document.createElement("a");
    a.href = api.root + r.url;
    if (id) a.id = id;
    var meta = span("r-meta", a), kind = span("r-kind", meta);
    kind.textContent = r.kind;
    if (r.within) span("r-within", kind).textContent = " · " + r.within;
    if (r.status) { meta.appendChild(document.createTextNode(" ")); span("r-status " + r.status.className, meta).textContent = r.status.label; }
    marked(r.title, queryWords, span("r-title", a));
    if (r.text) marked(r.text, queryWords, span("r-snippet", a), width);
    li.appendChild(a);
    return li;
  }

  function say(template, n, shown) {
    return (status.getAttribute(template) || "").replace("{n}", n).replace("{shown}", shown);
  }

  function counted(found) {
    return found.total === 0 ? say("data-none") : found.total === 1 ? say("data-one")
      : found.total > found.results.length ? say("data-more", found.total, found.results.length) : say("data-results", found.total);
  }

  function resultsPage(q) { return api.root + "soeg.html?q=" + encodeURIComponent(q); }

  function close() { list.hidden = true; }

  var asked = 0;
  function render() {
    var q = input.value.trim(), ticket = ++asked;
    if (q.length < 2) { list.textContent = ""; close(); status.textContent = q ? say("data-hint") : ""; return; }
    if (!main()) status.textContent = say("data-loading");
    search(q, 10, function (found) {
      if (ticket !== asked) return;
      list.textContent = "";
      if (!found) { close(); status.textContent = say("data-failed"); return; }
      var queryWords = words(q);
      found.results.forEach(function (r, i) { list.appendChild(resultItem(r, "search-result-" + i, queryWords, 170)); });
      list.hidden = found.total === 0;
      list.setAttribute("data-query", q);
      status.textContent = counted(found) + (found.suggestion ? " " + say("data-mean") + " »" + found.suggestion + "«?" : "");
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
  // Enter (or the button) opens the results page, soeg.html?q=…, which works from file:// too.
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = input.value.trim();
    if (q) global.location.href = resultsPage(q);
  });
  form.addEventListener("focusout", function (e) { if (!e.relatedTarget || !form.contains(e.relatedTarget)) close(); });
  document.addEventListener("click", function (e) { if (!form.contains(e.target)) close(); });

  /* The results page: every result for ?q=…, with a "did you mean" link when a word was corrected. */
  var page = document.getElementById("search-page");
  if (!page) return;
  var pageList = document.getElementById("search-page-results");
  var pageStatus = document.getElementById("search-page-status");
  var heading = document.getElementById("search-page-query");
  var q = (new URLSearchParams(global.location.search).get("q") || "").trim();
  if (!q) { pageStatus.textContent = page.getAttribute("data-empty"); return; }
  input.value = q;
  heading.textContent = page.getAttribute("data-for").replace("{q}", q);
  heading.hidden = false;
  document.title = heading.textContent + " – " + document.title;
  pageStatus.textContent = say("data-loading");
  search(q, 50, function (found) {
    if (!found) { pageStatus.textContent = say("data-failed"); return; }
    var queryWords = words(q);
    found.results.forEach(function (r) { pageList.appendChild(resultItem(r, "", queryWords, 320)); });
    pageStatus.textContent = counted(found);
    if (found.suggestion) {
      var p = document.getElementById("search-page-suggestion"), a = document.createElement("a");
      p.textContent = say("data-mean") + " ";
      a.href = resultsPage(found.suggestion);
      a.textContent = found.suggestion;
      p.appendChild(a);
      p.appendChild(document.createTextNode("?"));
      p.hidden = false;
    }
    page.setAttribute("data-query", q);
  });
})(typeof window !== "undefined" ? window : this);
