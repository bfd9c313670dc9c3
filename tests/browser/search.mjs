// Search as a reader uses it: typing into the box, over HTTP and from file://, from the front
// page and from a page one folder down; then the keyboard: arrows into and through the
// results, Escape out.
// Usage: node search.mjs '{"site": DIR, "queries": ["aftalerne", ...], "from": ["index.html", "aftaler/x.html"]}'
// Prints { "http": { "<from>": { "<query>": { status, results: [{ kind, title, href, snippet, marks }] } } },
//          "file": {...}, "keyboard": {...}, "errors": [] }
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, serve, watchErrors } from './lib.mjs';
import { typeQuery } from './search-lib.mjs';

const spec = JSON.parse(process.argv[2]);
const server = await serve(spec.site);
const browser = await launch();
const errors = [];
const out = { http: {}, file: {}, keyboard: null, errors };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  watchErrors(page, errors);
  for (const from of spec.from) {
    out.http[from] = await queries(page, server.url + from);
    out.file[from] = await queries(page, pathToFileURL(path.join(spec.site, from)).href);
  }
  out.keyboard = await keyboard(page, server.url + spec.from[0], spec.queries[0]);
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(out, null, 1));

async function queries(page, url) {
  const found = {};
  for (const q of spec.queries) {
    await page.goto(url, { waitUntil: 'load' });
    found[q] = await typeQuery(page, q);
  }
  return found;
}

async function keyboard(page, url, q) {
  await page.goto(url, { waitUntil: 'load' });
  await typeQuery(page, q);
  const focused = () => page.evaluate(() => document.activeElement.id || document.activeElement.tagName);
  const steps = {};
  await page.keyboard.press('ArrowDown');
  steps.down1 = await focused();
  await page.keyboard.press('ArrowDown');
  steps.down2 = await focused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  steps.up2 = await focused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  steps.escape = await focused();
  steps.hidden_after_escape = await page.evaluate(() => document.getElementById('search-results').hidden);
  await page.keyboard.press('Escape');
  steps.cleared = await page.evaluate(() => document.getElementById('search-input').value === '');
  await page.keyboard.type(q);
  await page.waitForFunction(() => !document.getElementById('search-results').hidden);
  steps.live_region = await page.evaluate(() => document.getElementById('search-status').getAttribute('role'));
  const first = await page.evaluate(() => document.querySelector('#search-results a').href);
  await Promise.all([page.waitForURL(first), page.keyboard.press('Enter')]);
  steps.enter_opens_first = page.url() === first;
  return steps;
}
