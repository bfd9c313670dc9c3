/* As-you-type search over search-index.js. The index is a script, so search works from
   file:// too. Query words are folded and stemmed exactly as the index was built. */
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !input || !list) return;
  var root = form.getAttribute("data-root") || "";

  function fold(w) {
    w = w.toLowerCase().replace(/aa/g, "å");
    return w.replace(/[éèêë]/g, "e").replace(/[áàâ]/g, "a").replace(/[óòô]/g, "o")
      .replace(/[úùûü]/g, "u").replace(/[íìîï]/g, "i").replace(/ä/g, "æ").replace(/ö/g, "ø");
  }

  /* Snowball Danish stemmer (the algorithm of snowballstem.org), as the index uses. */
  var V = "aeiouyæåø";
  function isV(c) { return V.indexOf(c) >= 0; }
  function r1(w) {
    for (var i = 1; i < w.length; i++) {
      if (!isV(w[i]) && isV(w[i - 1])) { return Math.max(i + 1, 3); }
    }
    return w.length;
  }
  var S1 = ["erendes","erende","hedens","ethed","erede","heden","heder","endes","ernes","erens","erets","ered","ende","erne","eren","erer","heds","enes","eres","eret","hed","ene","ere","ens","ers","ets","en","er","es","et","e"];
  var VALID_S = "abcdfghjklmnoprtvyzå";
  function endsIn(w, p, list) {
    for (var i = 0; i < list.length; i++) {
      var s = list[i];
      if (w.length - s.length >= p && w.slice(-s.length) === s) return s;
    }
    return null;
  }
  function consonantPair(w, p) {
    var s = endsIn(w, p, ["gd", "dt", "gt", "kt"]);
    return s ? w.slice(0, -1) : w;
  }
  function stem(w) {
    if (w.length < 3) return w;
    var p = r1(w);
    var s = endsIn(w, p, S1);
    if (s) w = w.slice(0, -s.length);
    else if (w.length - 1 >= p && w.slice(-1) === "s" && w.length >= 2 && VALID_S.indexOf(w[w.length - 2]) >= 0) w = w.slice(0, -1);
    w = consonantPair(w, p);
    if (w.length - 2 >= p && w.slice(-2) === "igst") w = w.slice(0, -2);
    s = endsIn(w, p, ["elig", "løst", "lig", "els", "ig"]);
    if (s) {
      if (s === "løst") w = w.slice(0, -1);
      else { w = w.slice(0, -s.length); w = consonantPair(w, p); }
    }
    var n = w.length;
    if (n >= 2 && n - 1 >= p && !isV(w[n - 1]) && w[n - 1] === w[n - 2]) w = w.slice(0, -1);
    return w;
  }

  function words(q) { return q.split(/[^0-9a-zA-ZÀ-ɏæøåÆØÅ]+/).filter(Boolean); }

  function search(q) {
    var idx = window.AFTALEBOG_SEARCH;
    if (!idx) return [];
    var ws = words(q);
    if (!ws.length) return [];
    var keys = idx._keys || (idx._keys = Object.keys(idx.terms));
    var score = null;
    ws.forEach(function (w, n) {
      var f = fold(w), st = stem(f), last = n === ws.length - 1;
      var hits = {};
      keys.forEach(function (k) {
        var exact = k === st;
        if (exact || (last && (k.indexOf(f) === 0 || k.indexOf(st) === 0))) {
          idx.terms[k].forEach(function (e) { hits[e] = (hits[e] || 0) + (exact ? 3 : 1); });
        }
      });
      if (score === null) score = hits;
      else { var next = {}; Object.keys(score).forEach(function (e) { if (hits[e]) next[e] = score[e] + hits[e]; }); score = next; }
    });
    var found = Object.keys(score || {}).map(function (e) {
      var entry = idx.entries[e], bonus = 0;
      ws.forEach(function (w) { if (fold(entry.t).indexOf(fold(w)) >= 0) bonus += 5; });
      return { e: entry, s: score[e] + bonus };
    });
    found.sort(function (a, b) { return b.s - a.s || (a.e.t < b.e.t ? -1 : 1); });
    return found.slice(0, 20).map(function (x) { return x.e; });
  }

  /* Text with the query's words marked, built from DOM nodes (never innerHTML). */
  function marked(text, ws, into) {
    var folded = fold(text), spans = [];
    ws.forEach(function (w) {
      var f = fold(w).slice(0, Math.max(3, stem(fold(w)).length)), i = folded.indexOf(f);
      if (f && i >= 0) spans.push([i, i + f.length]);
    });
    var start = 0;
    if (spans.length) { spans.sort(function (a, b) { return a[0] - b[0]; }); start = Math.max(0, spans[0][0] - 60); }
    var end = Math.min(text.length, start + 180), pos = start;
    if (start > 0) into.appendChild(document.createTextNode("…"));
    spans.forEach(function (s) {
      if (s[0] < pos || s[1] > end) return;
      into.appendChild(document.createTextNode(text.slice(pos, s[0])));
      var m = document.createElement("mark"); m.textContent = text.slice(s[0], s[1]); into.appendChild(m);
      pos = s[1];
    });
    into.appendChild(document.createTextNode(text.slice(pos, end) + (end < text.length ? "…" : "")));
  }

  var active = -1;
  function render() {
    var q = input.value.trim();
    list.textContent = "";
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (q.length < 2) { list.hidden = true; status.textContent = q ? status.getAttribute("data-hint") : ""; return; }
    var results = search(q), ws = words(q);
    results.forEach(function (r, i) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = root + r.u; a.id = "sr-" + i;
      var t = document.createElement("span"); t.className = "r-title"; marked(r.t, ws, t);
      var k = document.createElement("span"); k.className = "r-kind"; k.textContent = r.k;
      var s = document.createElement("span"); s.className = "r-snippet"; marked(r.x, ws, s);
      a.appendChild(t); a.appendChild(k); a.appendChild(s); li.appendChild(a); list.appendChild(li);
    });
    list.hidden = results.length === 0;
    status.textContent = results.length ? results.length + " " + status.getAttribute("data-results") : status.getAttribute("data-none");
  }
  function move(d) {
    var links = list.querySelectorAll("a");
    if (!links.length) return;
    active = (active + d + links.length) % links.length;
    links.forEach(function (l, i) { l.setAttribute("aria-selected", i === active ? "true" : "false"); });
    links[active].focus();
  }
  input.addEventListener("input", render);
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
    if (e.key === "Escape") { input.value = ""; render(); }
  });
  list.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
    if (e.key === "ArrowUp") { e.preventDefault(); if (active <= 0) { input.focus(); active = -1; } else move(-1); }
    if (e.key === "Escape") { input.focus(); list.hidden = true; }
  });
  window.aftalebogSearch = { fold: fold, stem: stem, search: search };
})();
