// What a reader sees in Chromium, opened from file://: the visible text of each selector on
// each page, and the colour of the first match (a green pill is not a grey one).
// Usage: node read.mjs '{"site": DIR, "pages": ["index.html", ...], "selectors": [".eyebrow", ...]}'
// Prints { "pages": { "<page>": { "<selector>": { "text": [..], "color": "rgb(..)" } } }, "errors": [] }
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, watchErrors } from './lib.mjs';

const spec = JSON.parse(process.argv[2]);
const browser = await launch();
const errors = [];
const pages = {};
try {
  const context = await browser.newContext({ viewport: { width: spec.width || 1280, height: 900 } });
  for (const p of spec.pages) {
    const page = await context.newPage();
    watchErrors(page, errors);
    await page.goto(pathToFileURL(path.join(spec.site, p)).href, { waitUntil: 'load' });
    pages[p] = await page.evaluate((selectors) => Object.fromEntries(selectors.map((s) => {
      const seen = [...document.querySelectorAll(s)].filter((e) => e.getClientRects().length);
      const color = seen.length ? getComputedStyle(seen[0]).color : null;
      return [s, { text: seen.map((e) => e.innerText.replace(/\s+/g, ' ').trim()), color }];
    })), spec.selectors);
    await page.close();
  }
  await context.close();
} finally {
  await browser.close();
}
console.log(JSON.stringify({ pages, errors }, null, 1));
