// The one way the repository's browser benches run: bundle a page (esbuild, the `source` condition,
// so TypeScript sources are measured as they stand), serve it on loopback, open it in headless
// Chromium and wait for what it puts in `window.__bench`. Console lines go to stderr.
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

/**
 * @param {{ entry: string, title: string, query?: string, style?: string, files?: Record<string, { type: string, body: string }>,
 *   viewport?: { width: number, height: number }, minify?: boolean, profileTo?: string }} options
 * @returns {Promise<{ rows: any, version: string }>}
 */
export async function runInChromium({ entry, title, query = '', style = '', files = {}, viewport, minify = true, profileTo }) {
  const bundle = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', conditions: ['source'], write: false, minify, logLevel: 'warning' });
  const script = bundle.outputFiles[0].text;
  const html = `<!doctype html><meta charset="utf-8"><title>${title}</title>${style ? `<style>${style}</style>` : ''}<script type="module" src="/bench.js"></script>`;
  const server = createServer((request, response) => {
    const path = request.url?.split('?')[0] ?? '/';
    const file = path === '/bench.js' ? { type: 'text/javascript', body: script } : (files[path] ?? { type: 'text/html', body: html });
    response.writeHead(200, { 'content-type': file.type });
    response.end(file.body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    // gc() and exact heap sizes for the heap figures.
    args: ['--js-flags=--expose-gc', '--enable-precise-memory-info', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage(viewport ? { viewport } : {});
    page.on('console', (message) => console.error(message.text()));
    page.on('pageerror', (error) => console.error(error));
    const cdp = profileTo ? await page.context().newCDPSession(page) : undefined;
    if (cdp) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.setSamplingInterval', { interval: 500 })).then(() => cdp.send('Profiler.start'));
    await page.goto(`http://127.0.0.1:${server.address().port}/${query ? `?${query}` : ''}`);
    await page.waitForFunction(() => window.__bench !== undefined, undefined, { timeout: 0 });
    const rows = await page.evaluate(() => window.__bench);
    if (cdp) writeFileSync(profileTo, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    return { rows, version: browser.version() };
  } finally {
    await browser.close();
    server.close();
  }
}
