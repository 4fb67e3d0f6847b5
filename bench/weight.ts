/**
 * What the console weighs and how long it takes on a slow phone (issue 12, "Weight"): the built console served
 * by the product over the demo city, driven by Debian's Chromium.
 * - Under DevTools' "Slow 3G" (400 ms round trip, 400 kbit/s): the time to the login form on a cold cache, and
 *   the time from pressing 登录 to the landing page of the city headquarters (its first menu entry) drawn, beside
 *   the bare figure: a bare Fastify route answering a 1 KB page under the same emulation (the floor the round
 *   trips alone set).
 * - Per menu route, opened by its address on a cold cache without throttling: the scripts it loads (brotli bytes
 *   on the wire, and decoded), and what it adds to the login form's.
 * Usage: npm run bench:weight   (builds the console first)
 */
import { rmSync } from 'node:fs';
import Fastify from 'fastify';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, settle } from '../e2e/chromium';
import { startEmbedded } from '../src/db/embedded';
import { migrate } from '../src/db/migrate';
import { provisionAppRole } from '../src/db/roles';
import { DEMO_PASSWORD, loadDemo } from '../src/seed/demo';
import { buildApp } from '../src/server/app';
import { systemClock } from '../src/server/clock';
import { loadConfig } from '../src/server/config';
import { createKit } from '../src/server/kit';

const SLOW_3G = { offline: false, latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8 };
const RUNS = 3;

rmSync('data/bench-weight', { recursive: true, force: true });
const cluster = await startEmbedded('data/bench-weight', 54391);
const owner = new pg.Pool({ connectionString: cluster.url, max: 5 });
await migrate(owner);
await loadDemo(createKit(owner, systemClock), 2_000, (m) => console.log(m));
const pool = new pg.Pool({ connectionString: await provisionAppRole(owner, cluster.url), max: 10 });
const app = await buildApp({ pool, clock: systemClock, config: loadConfig({ DATABASE_URL: cluster.url }), logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

const bare = Fastify();
const html = `<!doctype html><html><body><form><label>用户名<input></label></form>${'<!-- -->'.repeat(100)}</body></html>`;
bare.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(html));
await bare.listen({ port: 0, host: '127.0.0.1' });
const bareBase = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

const browser: Browser = await launch();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** A cold page (new context, nothing cached), throttled or not, counting the scripts it receives. */
async function coldPage(throttled: boolean) {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (throttled) await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  const pending: Promise<{ wire: number; decoded: number }>[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() !== 'script') return;
    pending.push(
      (async () => ({ wire: (await r.request().sizes()).responseBodySize, decoded: (await r.body()).length }))().catch(() => ({
        wire: 0,
        decoded: 0,
      })),
    );
  });
  const total = async () =>
    (await Promise.all(pending)).reduce((a, s) => ({ wire: a.wire + s.wire, decoded: a.decoded + s.decoded }), {
      wire: 0,
      decoded: 0,
    });
  return { context, page, total };
}

async function signIn(page: Page, username: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByLabel('密码').press('Enter');
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const login: number[] = [];
const takeover: number[] = [];
const landing: number[] = [];
const floor: number[] = [];
let loginScripts = { wire: 0, decoded: 0 };
let landedOn = '';
for (let i = 0; i < RUNS; i++) {
  const b = await coldPage(true);
  let t = performance.now();
  await b.page.goto(bareBase, { waitUntil: 'commit' });
  await b.page.getByLabel('用户名').waitFor();
  floor.push(performance.now() - t);
  await b.context.close();

  const c = await coldPage(true);
  t = performance.now();
  await c.page.goto(base, { waitUntil: 'commit' });
  await c.page.getByLabel('用户名').waitFor();
  login.push(performance.now() - t);
  // The console's own code arrives behind the form and takes it over: its shell is what every page builds on.
  await c.page.locator('.ant-form').getByLabel('用户名').waitFor({ timeout: 120_000 });
  takeover.push(performance.now() - t);
  loginScripts = await c.total();
  t = performance.now();
  await signIn(c.page, 'hq');
  await c.page.getByTestId('whoami').waitFor();
  await settle(c.page);
  landing.push(performance.now() - t);
  landedOn = new URL(c.page.url()).pathname;
  await c.context.close();
}
console.log('\nSlow 3G (400 ms RTT, 400 kbit/s), cold cache, median of', RUNS);
console.log('| figure | product | bare (1 KB page from a bare Fastify route) |');
console.log('| --- | --- | --- |');
console.log(
  `| login form drawn and usable (the page's own form: no script needed) | ${(median(login) / 1000).toFixed(1)} s | ${(median(floor) / 1000).toFixed(1)} s |`,
);
console.log(
  `| the console's code loaded and the form taken over (${kb(loginScripts.wire)} of script, ${kb(loginScripts.decoded)} decoded) | ${(median(takeover) / 1000).toFixed(1)} s | |`,
);
console.log(`| 登录 pressed → city HQ's landing page (${landedOn}) settled | ${(median(landing) / 1000).toFixed(1)} s | |`);

// Script per route, as the admin (who has every menu entry), each opened cold by its address.
const admin = await coldPage(false);
await admin.page.goto(base);
await signIn(admin.page, 'admin');
await admin.page.getByTestId('whoami').waitFor();
const { menu, permissions } = await admin.page.evaluate(async () => ({
  menu: (await (await fetch('/api/platform/catalogue')).json()).menu as { path: string; label: string; permission: string }[],
  permissions: (await (await fetch('/api/auth/me')).json()).permissions as string[],
}));
const cookies = await admin.context.cookies();
await admin.context.close();
console.log('\nScript per route, opened by its address on a cold cache (brotli on the wire / decoded)');
console.log('| route | page | all scripts | beyond the console shell |');
console.log('| --- | --- | --- | --- |');
for (const entry of menu.filter((m) => permissions.includes(m.permission))) {
  const r = await coldPage(false);
  await r.context.addCookies(cookies);
  await r.page.goto(`${base}${entry.path}`);
  await r.page.getByTestId('whoami').waitFor();
  await settle(r.page);
  const all = await r.total();
  console.log(
    `| \`${entry.path}\` | ${entry.label} | ${kb(all.wire)} / ${kb(all.decoded)} | ${kb(all.wire - loginScripts.wire)} / ${kb(all.decoded - loginScripts.decoded)} |`,
  );
  await r.context.close();
}

await browser.close();
await bare.close();
await app.close();
await pool.end();
await owner.end();
await cluster.stop();
