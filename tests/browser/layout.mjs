// Layout checks and screenshots: no page scrolls sideways at 320 px (wide tables scroll in
// their own box), print media hides navigation and search and keeps the signature block,
// a plan prints as columns; screenshots of the main page kinds for people to look at.
// Usage: node layout.mjs '{"site": DIR, "shots": DIR, "pages": [...], "agreement": P, "plan": P}'
// Prints { "narrow": [{ page, scrollWidth, clientWidth, offenders }], "print": {...}, "shots": [...], "errors": [] }
import path from 'node:path';
import { launch, serve, watchErrors } from './lib.mjs';
import { typeQuery } from './search-lib.mjs';

const spec = JSON.parse(process.argv[2]);
const server = await serve(spec.site);
const browser = await launch();
const errors = [];
const out = { narrow: [], print: {}, shots: [], errors };
try {
  await narrow();
  out.print.agreement = await printAgreement();
  out.print.plan = await printPlan();
  await screenshots();
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(out, null, 1));

async function open(url, options = {}) {
  const context = await browser.newContext({ viewport: { width: options.width || 1280, height: options.height || 900 }, colorScheme: options.scheme || 'light' });
  const page = await context.newPage();
  watchErrors(page, errors);
  if (options.media) await page.emulateMedia({ media: options.media });
  await page.goto(server.url + url, { waitUntil: 'load' });
  return page;
}

/** Every page at 320 px, and the front page with search results open. */
async function narrow() {
  for (const target of [...spec.pages, `search:${spec.query}`]) {
    const query = target.startsWith('search:') ? target.slice(7) : null;
    const page = await open(query ? 'index.html' : target, { width: 320, height: 640 });
    if (query) await typeQuery(page, query);
    out.narrow.push({ page: target, ...(await page.evaluate(measureWidth)) });
    await page.context().close();
  }
}

function measureWidth() {
  const de = document.documentElement, limit = de.clientWidth;
  const offenders = [...document.querySelectorAll('body *')]
    .filter((e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > limit + 0.5 && getComputedStyle(e).position !== 'absolute')
    .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`);
  return { scrollWidth: de.scrollWidth, clientWidth: limit, offenders };
}

async function printAgreement() {
  const page = await open(spec.agreement, { media: 'print', width: 794 });
  const found = await page.evaluate(() => {
    const shown = (sel) => [...document.querySelectorAll(sel)].some((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden');
    const heading = document.querySelector('.agreement .body h2');
    const external = document.querySelector('.body a[href^="http"]');
    return {
      hidden: { header: !shown('.site-header'), nav: !shown('nav.main-nav'), breadcrumb: !shown('.breadcrumb'), search: !shown('form.search'), footer: !shown('.site-footer'), toc: !shown('.toc') },
      shown: { title: shown('h1'), parties: shown('.party-card'), malgruppe: shown('#maalgruppe'), responsibilities: shown('#ansvar'), text: shown('#tekst'), signatures: shown('#underskrifter') },
      parties: document.querySelectorAll('.party-card').length,
      signatures: [...document.querySelectorAll('.signature')].filter((e) => e.getClientRects().length).length,
      sign_lines: [...document.querySelectorAll('.signature .sign-here')].filter((e) => e.getClientRects().length).length,
      address_shown: shown('.party-card .address'),
      heading_number: heading ? getComputedStyle(heading, '::before').content : null,
      own_numbers: [...document.querySelectorAll('.agreement .body h2')].some((h) => /^\d/.test(h.textContent.trim())),
      link_target: external ? getComputedStyle(external, '::after').content : null,
      signatures_start_page: getComputedStyle(document.querySelector('#underskrifter')).breakBefore,
    };
  });
  await page.context().close();
  return found;
}

async function printPlan() {
  const page = await open(spec.plan, { media: 'print', width: 794 });
  const found = await page.evaluate(() => {
    const item = document.querySelector('.plan .item');
    const cols = document.querySelector('.print-cols');
    const x = (sel) => Math.round(item.querySelector(sel).getBoundingClientRect().left);
    return {
      display: getComputedStyle(item).display,
      columns: getComputedStyle(item).gridTemplateColumns.split(' ').length,
      header: cols && cols.getClientRects().length ? [...cols.children].map((c) => c.textContent) : [],
      left: { title: x('h3'), responsible: x('.fact-responsible'), deadline: x('.fact-deadline'), status: x('.fact-status'), answer: x('.answer') },
      nav_hidden: !document.querySelector('nav.main-nav').getClientRects().length,
    };
  });
  await page.context().close();
  return found;
}

async function screenshots() {
  for (const s of spec.screenshots || []) {
    const page = await open(s.search ? 'index.html' : s.page, s);
    if (s.search) await typeQuery(page, s.search);
    const file = path.join(spec.shots, `${s.name}.png`);
    // Long pages on a busy machine take a while; the time is not what is tested here.
    await page.screenshot({ path: file, fullPage: !s.search && !s.viewport, timeout: 120000 });
    out.shots.push(file);
    await page.context().close();
  }
}
