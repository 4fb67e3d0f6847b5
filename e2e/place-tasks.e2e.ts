import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextForAccount } from '../src/modules/auth/actor';
import { casesService } from '../src/modules/surveillance/cases/service';
import { systemClock } from '../src/server/clock';
import { createKit } from '../src/server/kit';
import { freshDay } from '../src/test/fresh-day';
import { addNode, shots, startServer } from './browser';
import { account, launch, signIn } from './chromium';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let worker: string;
const tag = randomUUID().slice(0, 6);
const place = `光华菜市场${tag}`;

/** A community of 平房区 with a registered market, and a case that visited it, entered by the CDC. */
beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  const street = await addNode(server.pool, '230108', 'street', `平盛街道${tag}`);
  const community = await addNode(server.pool, street.code, 'community', `光华社区${tag}`);
  const market = await addNode(server.pool, community.code, 'place', place, { address: '平房区光华路12号', placeKind: 'market' });
  worker = await account(server.pool, 'community', community.code, '光华社区网格员');
  const cdcName = await account(server.pool, 'cdc', '230100', '市疾控流调员');
  const district = (await server.pool.query("SELECT id FROM territory_nodes WHERE code = '230108'")).rows[0].id;
  const day = freshDay();
  await casesService.createPositive(await contextForAccount(createKit(server.pool, systemClock), cdcName, 'e2e'), {
    reportDate: day,
    reportHour: 9,
    kind: 'confirmed',
    severity: 'mild',
    source: 'local',
    districtId: Number(district),
    channel: '社区筛查发现',
    contactOf: [],
    trajectory: [{ day, times: [{ from: '07:30', to: '08:10' }], stop: { type: 'place', name: place }, placeNodeId: market.id }],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a community worker closes the tasks of a visited place, on a phone', () => {
  it('sees the market’s disinfection and closure, and marks the disinfection done', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(page, server.url, worker);
    await page.goto(`${server.url}/place-tasks`);
    const cards = page.getByTestId('place-task');
    await expect.poll(() => cards.count()).toBe(2);
    await page.waitForTimeout(400); // the list fades in
    await page.screenshot({ path: shots('place-tasks-390'), fullPage: true });
    await cards
      .filter({ hasText: '终末消毒' })
      .getByRole('button', { name: /完\s*成/ })
      .click();
    await page
      .getByRole('tooltip')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByText(`已完成：${place} 终末消毒`).waitFor();
    await expect.poll(() => cards.count()).toBe(1);
    await page.getByText('已完成', { exact: true }).click();
    await cards.filter({ hasText: '光华社区网格员' }).waitFor();
    await page.close();
  });
});
