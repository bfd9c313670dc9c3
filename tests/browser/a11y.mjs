// axe-core over built pages at WCAG 2.1 A/AA and best practice, light and dark colour schemes.
// Usage: node a11y.mjs '{"site": DIR, "pages": ["index.html", ...], "search": "query"}'
// A page `search:<query>` is the front page with that query typed and the results open;
// `soeg.html?q=<query>` is audited once its results are in.
// Prints JSON: { "results": [{ "page", "scheme", "violations": [{ id, impact, help, targets }] }], "errors": [] }
import { createRequire } from 'node:module';
import fs from 'node:fs';
import { launch, serve, watchErrors } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

const spec = JSON.parse(process.argv[2]);
const server = await serve(spec.site);
const browser = await launch();
const errors = [];
const results = [];
try {
  for (const scheme of spec.schemes || ['light', 'dark']) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
    for (const target of spec.pages) results.push(await audit(context, target, scheme));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify({ results, errors }, null, 1));

async function audit(context, target, scheme) {
  const page = await context.newPage();
  watchErrors(page, errors);
  const query = target.startsWith('search:') ? target.slice(7) : null;
  await page.goto(server.url + (query === null ? target : 'index.html'), { waitUntil: 'load' });
  if (query !== null) await openSearch(page, query);
  if (target.includes('soeg.html?q=')) await page.waitForSelector('#search-page[data-query]', { timeout: 10000 });
  // The 404 page finds the site's root first and loads its stylesheet after that: audit it as
  // a reader sees it once styled.
  if (target.endsWith('404.html')) {
    await page.waitForFunction(() => [...document.styleSheets].some((s) => (s.href || '').endsWith('assets/style.css')), null, { timeout: 10000 });
  }
  await page.addScriptTag({ content: AXE });
  const found = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), TAGS);
  await page.close();
  const violations = found.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} :: ${n.failureSummary}`) }));
  return { page: target, scheme, violations };
}

async function openSearch(page, query) {
  await page.click('#search-input');
  await page.keyboard.type(query);
  await page.waitForSelector('#search-results li', { state: 'visible', timeout: 10000 });
  await page.keyboard.press('ArrowDown');
}
