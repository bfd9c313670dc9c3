// Filters as progressive enhancement: with JavaScript the filter box appears and each choice
// shows exactly the rows whose data attributes match; without JavaScript every row shows and
// the (useless) filter box stays hidden.
// Usage: node filters.mjs '{"site": DIR, "pages": ["aftaler.html", ...]}'
// Prints { "<page>": { rows, box_shown, no_js: { rows_shown, box_shown }, choices: [{ filter, value, shown, expected }] } }
import { launch, serve, watchErrors } from './lib.mjs';

const spec = JSON.parse(process.argv[2]);
const server = await serve(spec.site);
const browser = await launch();
const errors = [];
const out = { pages: {}, errors };
try {
  for (const p of spec.pages) out.pages[p] = await check(p);
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(out, null, 1));

async function check(p) {
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await plain.goto(server.url + p);
  const no_js = await plain.evaluate(countRows);
  await noJs.close();
  const context = await browser.newContext();
  const page = await context.newPage();
  watchErrors(page, errors);
  await page.goto(server.url + p, { waitUntil: 'load' });
  const result = { ...(await page.evaluate(countRows)), no_js, choices: [] };
  const controls = await page.evaluate(() => [...document.querySelectorAll('.filters [data-filter]')].map((c) => ({ filter: c.dataset.filter, type: c.type, values: c.options ? [...c.options].map((o) => o.value).filter(Boolean) : [true] })));
  for (const c of controls) {
    for (const value of c.values) {
      result.choices.push(await choose(page, c, value));
      await reset(page, c);
    }
  }
  await context.close();
  return result;
}

function countRows() {
  const box = document.querySelector('.filters');
  const target = box && document.querySelector(box.dataset.filterTarget);
  const rows = target ? [...target.querySelectorAll('[data-status]')] : [];
  return { rows: rows.length, rows_shown: rows.filter((r) => r.getClientRects().length).length, box_shown: !!box && box.getClientRects().length > 0 };
}

async function choose(page, c, value) {
  const sel = `.filters [data-filter="${c.filter}"]`;
  if (c.type === 'checkbox') await page.check(sel); else await page.selectOption(sel, value);
  return page.evaluate(({ filter, value }) => {
    const box = document.querySelector('.filters');
    const rows = [...document.querySelector(box.dataset.filterTarget).querySelectorAll('[data-status]')];
    const have = (r) => (value === true ? r.dataset[filter] === 'true' : (r.dataset[filter] || '').split(' ').includes(value));
    return { filter, value, shown: rows.filter((r) => r.getClientRects().length).length, expected: rows.filter(have).length, count: box.querySelector('.filter-count').textContent };
  }, { filter: c.filter, value });
}

async function reset(page, c) {
  const sel = `.filters [data-filter="${c.filter}"]`;
  if (c.type === 'checkbox') await page.uncheck(sel); else await page.selectOption(sel, '');
}
