// Search as a reader uses it: typing into the box, over HTTP and from file://, from the front
// page and from a page one folder down; the results page soeg.html?q=… over both; then the
// keyboard: arrows into and through the results, Escape out, Enter to the results page, and
// the dropdown closing when focus leaves the search.
// Usage: node search.mjs '{"site": DIR, "queries": ["aftalerne", ...], "from": ["index.html", "aftaler/x.html"],
//                          "page_queries": ["hillerod", ...]}'
// Prints { "http": { "<from>": { "<query>": { status, results: [{ kind, title, href, snippet, marks }] } } },
//          "file": {...}, "page": { "http": { "<query>": { status, suggestion, query_shown, results } }, "file": {...} },
//          "keyboard": {...}, "errors": [] }
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, serve, watchErrors } from './lib.mjs';
import { typeQuery } from './search-lib.mjs';

const spec = JSON.parse(process.argv[2]);
const server = await serve(spec.site);
const browser = await launch();
const errors = [];
const out = { http: {}, file: {}, page: { http: {}, file: {} }, keyboard: null, errors };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  watchErrors(page, errors);
  for (const from of spec.from) {
    out.http[from] = await queries(page, server.url + from);
    out.file[from] = await queries(page, pathToFileURL(path.join(spec.site, from)).href);
  }
  for (const q of spec.page_queries || []) {
    out.page.http[q] = await resultsPage(page, `${server.url}soeg.html?q=${encodeURIComponent(q)}`);
    const file = pathToFileURL(path.join(spec.site, 'soeg.html')).href;
    out.page.file[q] = await resultsPage(page, `${file}?q=${encodeURIComponent(q)}`);
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

async function resultsPage(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('#search-page[data-query]', { timeout: 10000 });
  return page.evaluate(() => ({
    status: document.getElementById('search-page-status').textContent,
    query_shown: document.getElementById('search-page-query').textContent,
    input: document.getElementById('search-input').value,
    suggestion: document.getElementById('search-page-suggestion').hidden ? null : document.getElementById('search-page-suggestion').textContent,
    suggestion_href: document.querySelector('#search-page-suggestion a')?.href || null,
    results: [...document.querySelectorAll('#search-page-results a')].map((a) => ({
      kind: a.querySelector('.r-kind')?.textContent || '',
      status: a.querySelector('.r-status')?.textContent || '',
      title: a.querySelector('.r-title')?.textContent || '',
      href: a.href,
      snippet: a.querySelector('.r-snippet')?.textContent || '',
      marks: [...a.querySelectorAll('mark')].map((m) => m.textContent),
    })),
  }));
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
  // Focus leaving the search (Shift+Tab to the link before it) closes the dropdown.
  await page.keyboard.press('Shift+Tab');
  steps.hidden_after_focus_left = await page.evaluate(() => document.getElementById('search-results').hidden);
  // Enter on a result opens it; Enter in the box opens the results page.
  await page.click('#search-input');
  await page.keyboard.press('ArrowDown');
  const first = await page.evaluate(() => document.querySelector('#search-results a').href);
  await Promise.all([page.waitForURL(first), page.keyboard.press('Enter')]);
  steps.enter_on_result_opens_it = page.url() === first;
  await page.click('#search-input');
  await page.keyboard.type(q);
  await Promise.all([page.waitForURL(/soeg\.html\?q=/), page.keyboard.press('Enter')]);
  steps.enter_opens = page.url().replace(/^.*\//, '');
  return steps;
}
