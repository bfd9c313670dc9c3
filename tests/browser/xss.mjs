// Opens pages in Chromium and counts what script managed to do: dialogs (alert, confirm,
// prompt from any frame) and page errors from injected code. Prints { page: count }.
// Usage: node xss.mjs '{"dir": "<public>", "pages": ["aftaler/x.html"]}'
import { launch, serve } from './lib.mjs';

const spec = JSON.parse(process.argv[2]);
const site = await serve(spec.dir);
const browser = await launch();
const result = {};
try {
  for (const rel of spec.pages) {
    const page = await browser.newPage();
    let ran = 0;
    page.on('dialog', (d) => { ran += 1; d.dismiss().catch(() => {}); });
    await page.goto(site.url + rel, { waitUntil: 'load', timeout: 20000 }).catch(() => {});
    // Give timers, autofocus and media errors their moment, and hover over everything once.
    await page.waitForTimeout(1000);
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('body *')) {
        for (const type of ['mouseover', 'click', 'focus']) el.dispatchEvent(new Event(type, { bubbles: true }));
      }
    }).catch(() => {});
    await page.waitForTimeout(500);
    result[rel] = ran;
    await page.close();
  }
} finally {
  await browser.close();
  await site.close();
}
console.log(JSON.stringify(result));
