// Search at scale: the size of search-index.js, how long the browser takes to load it (from
// file://, as on a file share), and how long queries take, both the search alone and typing
// into the box until the results are on screen.
// Usage: node bench.mjs '{"site": DIR, "queries": ["aftalerne", ...], "runs": 20}'
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, watchErrors } from './lib.mjs';

const spec = JSON.parse(process.argv[2]);
const runs = spec.runs || 20;
const browser = await launch();
const errors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  watchErrors(page, errors);
  await page.goto(pathToFileURL(path.join(spec.site, 'index.html')).href, { waitUntil: 'load' });
  const load = await page.evaluate(loadIndex);
  const queries = [];
  for (const q of spec.queries) queries.push({ query: q, ...(await page.evaluate(timeQuery, { q, runs })) });
  const typed = [];
  for (const q of spec.queries) typed.push({ query: q, ms: await page.evaluate(timeTyping, q) });
  const ms = queries.map((x) => x.median_ms).sort((a, b) => a - b);
  console.log(JSON.stringify({ files: sizes(spec.site), load, queries, typed, median_query_ms: ms[ms.length >> 1], max_query_ms: ms[ms.length - 1], errors }, null, 1));
} finally {
  await browser.close();
}

/** Bytes of search-index.js and of the parts under search/ (largest shard, mean snippet file). */
function sizes(site) {
  const dir = path.join(site, 'search');
  const parts = fs.readdirSync(dir).map((f) => ({ f, n: fs.statSync(path.join(dir, f)).size }));
  const shards = parts.filter((p) => p.f.startsWith('t-')), chunks = parts.filter((p) => p.f.startsWith('e-'));
  const sum = (l) => l.reduce((a, p) => a + p.n, 0);
  return {
    main: fs.statSync(path.join(site, 'search-index.js')).size,
    shards: shards.length, shards_total: sum(shards), largest_shard: Math.max(...shards.map((p) => p.n)),
    snippet_files: chunks.length, snippets_total: sum(chunks), mean_snippet_file: Math.round(sum(chunks) / chunks.length),
  };
}

/** Loads search-index.js as a reader's first use of the box does, and times it. */
function loadIndex() {
  const s = window.aftalebogSearch;
  const t0 = performance.now();
  return new Promise((resolve) => s.load(() => resolve({ ms: Math.round(performance.now() - t0), entries: s.size() })));
}

/** The first search for `q` (loading its term shards and snippet files) and then `runs`
    more, each from the query to the results with their snippets. */
async function timeQuery({ q, runs }) {
  const s = window.aftalebogSearch;
  const once = () => new Promise((resolve) => { const t = performance.now(); s.search(q, 20, (found) => resolve({ ms: performance.now() - t, found })); });
  const first = await once();
  const times = [];
  for (let i = 0; i < runs; i++) times.push((await once()).ms);
  times.sort((a, b) => a - b);
  const r = (x) => Math.round(x * 100) / 100;
  return { results: first.found.total, cold_ms: r(first.ms), median_ms: r(times[times.length >> 1]), max_ms: r(times[times.length - 1]) };
}

/** Typing the whole query into the box: from the input event until the results are on screen. */
function timeTyping(q) {
  const input = document.getElementById('search-input'), list = document.getElementById('search-results');
  input.value = '';
  input.dispatchEvent(new Event('input'));
  return new Promise((resolve) => {
    const t0 = performance.now();
    const seen = new MutationObserver(() => {
      if (list.getAttribute('data-query') === q) { seen.disconnect(); resolve(Math.round((performance.now() - t0) * 100) / 100); }
    });
    seen.observe(list, { attributes: true, childList: true });
    input.value = q;
    input.dispatchEvent(new Event('input'));
  });
}
