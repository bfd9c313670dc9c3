// The 404 page as a server shows it for a missing page at any depth: the site is served under
// a sub-path, every unknown path answers 404 with 404.html. Opens `spec.path`, waits for the
// page's script, and reports whether the stylesheet applies and where each link leads.
// Usage: node notfound.mjs '{"site": DIR, "prefix": "/sub/", "path": "/sub/a/b/c/missing"}'
// Prints { styled, links: [{ href, status }], errors }
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { launch } from './lib.mjs';

const spec = JSON.parse(process.argv[2]);
const root = path.resolve(spec.site);
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
function lookup(url) {
  const p = decodeURIComponent(new URL(url, 'http://x').pathname);
  if (!p.startsWith(spec.prefix)) return null;
  let rel = p.slice(spec.prefix.length);
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const file = path.join(root, path.normalize(rel));
  return file.startsWith(root) && fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}
const server = http.createServer((req, res) => {
  const file = lookup(req.url);
  if (!file) {
    res.writeHead(404, { 'content-type': TYPES['.html'] });
    return res.end(req.method === 'HEAD' ? undefined : fs.readFileSync(path.join(root, '404.html')));
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
  if (req.method === 'HEAD') return res.end();
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
const errors = [];
let out;
try {
  const page = await browser.newPage();
  const missing = [];
  // The script's HEAD probes may miss; nothing the page loads may.
  page.on('response', (r) => { if (r.status() === 404 && r.request().method() !== 'HEAD' && r.url() !== base + spec.path) missing.push(r.url()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(base + spec.path, { waitUntil: 'networkidle' });
  await page.waitForFunction(() => getComputedStyle(document.querySelector('.skip-link')).position === 'absolute', null, { timeout: 5000 }).catch(() => {});
  const styled = await page.evaluate(() => getComputedStyle(document.querySelector('.skip-link')).position === 'absolute');
  const hrefs = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.href).filter((h) => h.startsWith(location.origin) && !h.includes('#')));
  const links = [];
  for (const href of [...new Set(hrefs)]) {
    const r = await fetch(href, { method: 'HEAD' });
    links.push({ href: href.slice(base.length), status: r.status });
  }
  await page.screenshot({ path: spec.shot || '/dev/null', fullPage: true }).catch(() => {});
  out = { styled, links, missing, errors };
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(out, null, 1));
