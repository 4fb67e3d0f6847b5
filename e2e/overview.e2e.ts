import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextForAccount } from '../src/modules/auth/actor';
import { casesService } from '../src/modules/surveillance/cases/service';
import { systemClock } from '../src/server/clock';
import { createKit } from '../src/server/kit';
import { shots, startServer } from './browser';
import { account, launch, signIn } from './chromium';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let hq: string;
let pingfang: number;

/** A case of 平房区 reported today (China Standard Time): the overview reports the latest day up to today. */
beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  hq = await account(server.pool, 'city_hq', '230100', '市指挥部值班员');
  const cdc = await account(server.pool, 'cdc', '230100', '市疾控流调员');
  pingfang = Number((await server.pool.query("SELECT id FROM territory_nodes WHERE code = '230108'")).rows[0].id);
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  await casesService.createPositive(await contextForAccount(createKit(server.pool, systemClock), cdc, 'e2e'), {
    reportDate: today,
    reportHour: 0,
    kind: 'confirmed',
    severity: 'mild',
    source: 'local',
    districtId: pingfang,
    channel: '社区筛查发现',
    contactOf: [],
    trajectory: [],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the city headquarters opens the console', () => {
  it('lands on the overview, sees the map and the figures, and clicks a district to reach its cases', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, hq);
    await page.waitForURL('**/overview');
    const today = page.getByTestId('tile-positives.day');
    await expect
      .poll(async () => Number((await today.locator('.ant-statistic-content-value').innerText()).trim()))
      .toBeGreaterThan(0);
    for (const key of ['positives.total', 'contacts.traced', 'place_tasks.open', 'people.residents', 'positives.trend'])
      await page.getByTestId(`tile-${key}`).waitFor();
    // The map is the project's own SVG: every unit is named on it.
    const map = page.getByTestId('district-map');
    await map
      .locator('[data-drawn]')
      .or(map.and(page.locator('[data-drawn]')))
      .waitFor();
    for (const name of ['道里区', '五常市', '延寿县']) await map.locator('text', { hasText: name }).first().waitFor();
    await page.screenshot({ path: shots('overview-city_hq'), fullPage: true });

    await map.locator('text', { hasText: '平房区' }).first().click();
    await page.waitForURL(`**/cases?districtId=${pingfang}`);
    await page.getByTestId('filter-districtId').getByText('区县：平房区').waitFor();
    const districts = await page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(3)').allInnerTexts();
    expect(districts.length).toBeGreaterThan(0);
    expect(new Set(districts)).toEqual(new Set(['平房区']));
    expect(errors).toEqual([]);
  });
});
