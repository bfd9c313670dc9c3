// Live reload in a real browser: `node livereload.mjs <url of aftalebog serve> <site root>`.
// Opens a long page, scrolls down, edits the page's source (atomic save) and expects the page
// to reload by itself at the same scroll position; then a broken save must show the error
// overlay (file:line, message, hint; Escape closes it, focus is not trapped), and the fix
// must reload the page without it. Prints one JSON line; exits non-zero on failure.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const [url, root] = process.argv.slice(2);
if (!url || !root) {
  console.error('usage: node livereload.mjs <url> <site root>');
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SOURCE = path.join(root, 'content/dokumenter/lang-vejledning.md');
const original = fs.readFileSync(SOURCE, 'utf8');

function save(text) {
  const tmp = path.join(path.dirname(SOURCE), '.lang-vejledning.md.tmp');
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, SOURCE);
}

function check(cond, message) {
  if (!cond) throw new Error(message);
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
const result = {};
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  if (process.env.LR_DEBUG) {
    // Every request of the page on stderr, to see which one stalls.
    page.on('request', (r) => console.error('req', Date.now() % 100000, r.url()));
    page.on('requestfinished', (r) => console.error('done', Date.now() % 100000, r.url()));
    page.on('requestfailed', (r) => console.error('FAIL', r.url(), r.failure()));
  }
  await page.goto(url + 'dokumenter/lang-vejledning.html', { waitUntil: 'load' });
  await page.evaluate(() => window.scrollTo(0, 1800));
  await page.waitForFunction(() => window.scrollY > 1500);
  result.scrollBefore = await page.evaluate(() => window.scrollY);
  // Give the script time to start its long poll.
  await page.waitForTimeout(300);

  // 1. A save reloads the page by itself and keeps the scroll position.
  const reloaded = page.waitForEvent('load', { timeout: 20000 });
  const started = Date.now();
  save(original.replace('Sidste afsnit: oprindelig.', 'Sidste afsnit: ændret i browseren.'));
  await reloaded;
  result.reloadMs = Date.now() - started;
  await page.waitForFunction(() => document.body.textContent.includes('ændret i browseren'), null, { timeout: 10000 });
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 40, result.scrollBefore, { timeout: 5000 })
    .catch(() => {});
  result.scrollAfter = await page.evaluate(() => window.scrollY);
  check(Math.abs(result.scrollAfter - result.scrollBefore) < 40,
    `scroll position lost: ${result.scrollBefore} → ${result.scrollAfter}`);

  // 2. A broken save shows the overlay over the last good page, without reloading it.
  let navigations = 0;
  page.on('framenavigated', () => { navigations += 1; });
  save('---\ntitle: Lang vejledning\nstatsu: udkast\n---\nTekst.\n');
  const overlay = await page.waitForSelector('#aftalebog-errors', { timeout: 20000 });
  const text = await overlay.textContent();
  result.overlay = text;
  check(text.includes('Fejl i indholdet'), 'Danish overlay title');
  check(text.includes('content/dokumenter/lang-vejledning.md:3'), 'file and line in the overlay');
  check(text.includes('statsu'), 'the message in the overlay');
  check(await page.evaluate(() => document.body.textContent.includes('ændret i browseren')), 'the last good page stays');
  check(navigations === 0, 'no reload on a failed build');
  check(await overlay.getAttribute('role') === 'dialog', 'overlay is a dialog');
  // Not a focus trap: Tab goes to the page (its skip link comes first).
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => !document.activeElement.closest('#aftalebog-errors')), 'focus trapped in the overlay');
  await page.keyboard.press('Escape');
  check(await page.$('#aftalebog-errors') === null, 'Escape closes the overlay');

  // 3. The fix reloads the page without the overlay.
  const fixed = page.waitForEvent('load', { timeout: 20000 });
  save(original.replace('Sidste afsnit: oprindelig.', 'Sidste afsnit: rettet igen.'));
  await fixed;
  await page.waitForFunction(() => document.body.textContent.includes('rettet igen'), null, { timeout: 10000 });
  check(await page.$('#aftalebog-errors') === null, 'overlay gone after the fix');
  check(problems.length === 0, `page errors: ${problems.join('; ')}`);
  result.ok = true;
} catch (e) {
  result.ok = false;
  result.error = String(e && e.stack || e);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
