// Search a built site from the command line, with the same core the pages use (the theme's
// search.js, run without a DOM): prints the top 10 results as `url<TAB>title`, best first.
// For tuning search and for the tests. Usage:
//   node tools/search.mjs <built site folder> "<query>" [--json]
// With --json it prints { total, suggestion, results: [{ url, title, kind, status, within }] }.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const [site, query, flag] = process.argv.slice(2);
if (!site || query === undefined) {
  console.error('usage: node tools/search.mjs <built site folder> "<query>" [--json]');
  process.exit(2);
}
// The site's own search.js, so a theme's changes are what is measured.
const script = path.join(site, 'assets/search.js');
const sandbox = { window: {}, URLSearchParams };
sandbox.window.window = sandbox.window;
const context = vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(script, 'utf8'), context, { filename: script });
const api = sandbox.window.aftalebogSearch;
api.loader = (src, done) => {
  const file = path.join(site, src);
  try {
    vm.runInContext(fs.readFileSync(file, 'utf8'), context, { filename: file });
    done(true);
  } catch (e) {
    console.error(`${file}: ${e.message}`);
    done(false);
  }
};
api.search(query, 10, (found) => {
  if (!found) {
    console.error('the search index could not be loaded');
    process.exit(1);
  }
  if (flag === '--json') {
    const results = found.results.map((r) => ({ url: r.url, title: r.title, kind: r.kind, status: r.status && r.status.label, within: r.within }));
    console.log(JSON.stringify({ total: found.total, suggestion: found.suggestion, results }));
    return;
  }
  for (const r of found.results) console.log(`${r.url}\t${r.title}`);
  if (found.suggestion) console.error(`Mente du »${found.suggestion}«?`);
});
