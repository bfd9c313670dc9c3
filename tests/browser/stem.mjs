// The query side of search: loads a built site's search.js and the folding tables of its
// search-index.js without a browser and prints, for each line of the given file, its terms
// (folded, split, Danish-stemmed and loosened) joined by spaces.
// Usage: node stem.mjs '{"site": DIR, "words": WORDS_FILE}' → JSON ["term term", ...]
import fs from 'node:fs';
import vm from 'node:vm';
import path from 'node:path';

const spec = JSON.parse(process.argv[2]);
const context = vm.createContext({ window: {} });
context.window.window = context.window;
for (const file of ['assets/search.js', 'search-index.js']) {
  vm.runInContext(fs.readFileSync(path.join(spec.site, file), 'utf8'), context);
}
const api = context.window.aftalebogSearch;
api.load(() => {});
const lines = fs.readFileSync(spec.words, 'utf8').split('\n').filter((l) => l.length);
console.log(JSON.stringify(lines.map((l) => api.terms(l).join(' '))));
