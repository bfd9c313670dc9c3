// The query side of search: loads the theme's search.js without a browser and prints, for
// each line of the given file, its terms (folded, split and Danish-stemmed) joined by spaces.
// Usage: node stem.mjs '"WORDS_FILE"' (a JSON string) → JSON ["term term", ...]
import fs from 'node:fs';
import vm from 'node:vm';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = fs.readFileSync(path.join(here, '../../themes/default/static/search.js'), 'utf8');
const sandbox = { window: {} };
sandbox.window.window = sandbox.window;
vm.runInNewContext(source.replace(/typeof window !== "undefined" \? window : this/, 'window'), sandbox);
const api = sandbox.window.aftalebogSearch;
const lines = fs.readFileSync(JSON.parse(process.argv[2]), 'utf8').split('\n').filter((l) => l.length);
console.log(JSON.stringify(lines.map((l) => api.terms(l).join(' '))));
