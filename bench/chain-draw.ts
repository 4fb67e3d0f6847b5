/**
 * Drawing the chain graph in Chromium: the real server and console over the benchmark's database, a CDC account,
 * and for each cluster the time from the click on its row to the drawn graph (API call, React render, dagre
 * layout in its worker, Cytoscape drawing, two frames), median of 5 fresh page loads, with the graph's own
 * shares as it reports them: mount to drawn, and the worker's layout alone.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { account, launch, signIn } from '../e2e/chromium';
import { buildApp } from '../src/server/app';
import { systemClock } from '../src/server/clock';
import { loadConfig } from '../src/server/config';

export async function measureDrawing(
  pool: pg.Pool,
  databaseUrl: string,
  clusters: { label: string; name: string; nodes: number }[],
) {
  if (!existsSync('web/dist/index.html')) throw new Error('build the console first: npm run build:web');
  const app = await buildApp({ pool, clock: systemClock, config: loadConfig({ DATABASE_URL: databaseUrl }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, url, await account(pool, 'cdc', '230100', '基准测试'));
  const rows: string[] = [];
  for (const c of clusters) {
    const total: number[] = [];
    const drawnMs: number[] = [];
    const layout: number[] = [];
    for (let i = 0; i < 6; i++) {
      await page.goto(`${url}/clusters`);
      const row = page.getByRole('cell', { name: c.name, exact: true });
      await row.waitFor();
      const t = performance.now();
      await row.click();
      const graph = page.locator('[data-testid="chain-graph"][data-drawn-ms]');
      await graph.waitFor({ timeout: 120_000 });
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      if (i === 0) continue; // warm-up: the first load compiles the code paths
      total.push(performance.now() - t);
      drawnMs.push(Number(await graph.getAttribute('data-drawn-ms')));
      layout.push(Number(await graph.getAttribute('data-layout-ms')));
    }
    await page.screenshot({ path: `data/screenshots/chain-${c.nodes}.png` });
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[2]?.toFixed(0);
    const shown = await page.getByTestId('chain-graph').getAttribute('data-drawn-nodes');
    rows.push(
      `| ${c.label} | ${c.nodes.toLocaleString('en')} (${shown} drawn folded) | ${median(total)} ms | ${median(drawnMs)} ms | ${median(layout)} ms |`,
    );
  }
  await browser.close();
  await app.close();
  return [
    '| chain graph in Chromium | nodes | click to drawn (median of 5) | of which graph mount to drawn | of which dagre in the worker |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ];
}
