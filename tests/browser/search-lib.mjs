// Typing a query into the search box and reading the results, shared by the checks.

/** Types the query key by key, as a reader does, and reads the results when they are shown. */
export async function typeQuery(page, q) {
  await page.click('#search-input');
  await page.keyboard.type(q, { delay: 15 });
  await page.waitForFunction((q) => document.getElementById('search-results').getAttribute('data-query') === q, q, { timeout: 10000 });
  return page.evaluate(() => ({
    status: document.getElementById('search-status').textContent,
    shown: !document.getElementById('search-results').hidden,
    results: [...document.querySelectorAll('#search-results a')].map((a) => ({
      kind: a.querySelector('.r-kind')?.textContent || '',
      title: a.querySelector('.r-title')?.textContent || '',
      href: a.href,
      snippet: a.querySelector('.r-snippet')?.textContent || '',
      marks: [...a.querySelectorAll('mark')].map((m) => m.textContent),
    })),
  }));
}
