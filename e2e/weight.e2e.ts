import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './browser';
import { launch } from './chromium';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** DevTools' "Slow 3G" as Lighthouse defines it: 400 ms round trip, 400 kbit/s each way. */
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8 };

describe('the console weighs little on a slow phone', () => {
  it('sends its files compressed, hashed ones cached for a year, and the login form without the charts or the graph', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
      bytes += e.encodedDataLength;
    });
    const scripts: { url: string; encoding?: string; cache?: string }[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('.js'))
        scripts.push({ url: r.url(), encoding: r.headers()['content-encoding'], cache: r.headers()['cache-control'] });
    });
    const t = performance.now();
    await page.goto(server.url, { waitUntil: 'commit' });
    await page.getByLabel('用户名').waitFor();
    const ms = Math.round(performance.now() - t);
    // The page's own form is there first; the console's code follows, and takes it over.
    await page.waitForLoadState('load');
    await page.locator('.ant-form').getByLabel('用户名').waitFor();
    console.log(`login form under slow 3G: ${ms} ms, ${Math.round(bytes / 1024)} KB transferred, ${scripts.length} scripts`);
    for (const s of scripts) console.log(`  ${s.url.replace(server.url, '')} ${s.encoding}`);

    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((s) => s.encoding === 'br')).toBe(true);
    expect(scripts.every((s) => s.cache === 'public, max-age=31536000, immutable')).toBe(true);
    expect(scripts.some((s) => /echarts|cytoscape/.test(s.url))).toBe(false);
    const index = await fetch(server.url, { headers: { 'accept-encoding': 'br' } });
    expect(index.headers.get('cache-control')).toBe('no-cache');
    await page.close();
  });
});
