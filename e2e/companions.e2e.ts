import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextForAccount } from '../src/modules/auth/actor';
import { buildCompound } from '../src/modules/risk/fixtures/compound';
import { casesService } from '../src/modules/surveillance/cases/service';
import { systemClock } from '../src/server/clock';
import { createKit } from '../src/server/kit';
import { shots, startServer, streetCommunity } from './browser';
import { account, launch, settle, signIn } from './chromium';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
});
afterAll(() => browser?.close().then(() => server?.close()));

/** A case who rode a bus and shopped yesterday, and the people whose scans were there with them. */
async function world() {
  const pool = server.pool;
  const tag = randomUUID().slice(0, 6);
  const { node, district, community } = await streetCommunity(pool, tag);
  const h = { node, pool } as unknown as Parameters<typeof buildCompound>[0];
  const built = await buildCompound(h, community.id, {
    name: `宇光小区${tag}`,
    buildings: [{ name: '1栋', units: [{ name: '1单元', households: [2, 2, 2] }] }],
  });
  const people = built.dwellers;
  const kit = createKit(pool, systemClock);
  const cdcName = await account(pool, 'cdc', '230100', '市疾控流调');
  const cdc = await contextForAccount(kit, cdcName, 'test');
  const household = (await pool.query('SELECT household_id FROM people WHERE id = $1', [people[0]?.id])).rows[0].household_id;
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const positive = await casesService.createPositive(
    cdc,
    {
      reportDate: today,
      reportHour: 8,
      kind: 'asymptomatic',
      source: 'local',
      districtId: district,
      channel: '社区筛查发现',
      residenceNodeId: Number(household),
      contactOf: [],
      trajectory: [],
    },
    { personId: people[0]?.id as number },
  );
  const venue = async (name: string, kind: string, line: string | null) =>
    Number(
      (
        await pool.query(
          `INSERT INTO venues (code, name, kind, node_id, terr_path, line, rule, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, '{"green": true, "negativeWithinHours": 72}', now()) RETURNING id`,
          [`V${tag}${randomUUID().slice(0, 4)}`, name, kind, community.id, community.path, line],
        )
      ).rows[0].id,
    );
  const shop = await venue('宇光超市', 'supermarket', null);
  const bus1 = await venue('11路公交（黑A12345）', 'bus', `11路${tag}`);
  const bus2 = await venue('11路公交（黑A67890）', 'bus', `11路${tag}`);
  // Where the case went without scanning: only the interview (流调) knows, and the CDC adds it by hand.
  const pharmacy = await venue(`宇光药店${tag}`, 'shop', null);
  const t = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3600_000);
  const scans: [number, number, Date][] = [
    [shop, 0, t(20)],
    [bus1, 0, t(22)],
    [shop, 1, t(19.8)],
    [shop, 2, t(20.2)],
    [bus2, 3, t(22)],
    [shop, 4, t(10)],
    [pharmacy, 5, t(15)],
  ];
  await pool.query(
    `INSERT INTO venue_scans (venue_id, at, person_id, colour, pass)
     SELECT *, 'green', true FROM unnest($1::bigint[], $2::timestamptz[], $3::bigint[])`,
    [scans.map((s) => s[0]), scans.map((s) => s[2]), scans.map((s) => people[s[1]]?.id)],
  );
  return { cdcName, positiveId: positive.id, pharmacy: `宇光药店${tag}` };
}

describe('时空伴随排查', () => {
  it('the CDC finds a case’s companions at a venue and on its bus line, and confirms two into its contacts', async () => {
    const { cdcName, positiveId, pharmacy } = await world();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url, cdcName);
    await page.getByRole('menuitem', { name: '时空伴随排查' }).click();
    await page.getByTestId('companion-case').fill(String(positiveId));
    await page.getByTestId('companion-search').click();
    const table = page.getByTestId('companions');
    await table.getByText('同线路同时段').waitFor();
    expect(await table.locator('tbody tr').count()).toBe(3);
    expect(await table.getByText('同场所').count()).toBe(2);
    await table.locator('tbody tr').nth(0).locator('input[type=checkbox]').check();
    await table.locator('tbody tr').nth(1).locator('input[type=checkbox]').check();
    await settle(page, 300);
    await page.screenshot({ path: shots('companions-1440'), fullPage: true });
    await page.getByRole('button', { name: /确认为密接/ }).click();
    await page.getByText('已确认为密接：新增2人').waitFor();

    // The interview names a pharmacy the case never scanned: added by hand, it brings the one who shopped there.
    await page.getByRole('button', { name: '补录一条轨迹' }).click();
    const entry = page.getByTestId('companion-entry-0');
    await entry.locator('.ant-select').click();
    await page.keyboard.type(pharmacy);
    await page.locator('.ant-select-item-option').filter({ hasText: pharmacy }).click();
    const wall = (hoursAgo: number) =>
      new Date(Date.now() - hoursAgo * 3600_000 + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    const range = entry.locator('.ant-picker-range input');
    await range.nth(0).click();
    await range.nth(0).fill(wall(15.5));
    await range.nth(0).press('Enter');
    await range.nth(1).fill(wall(14.5));
    // The picker's 确定, not Enter: Enter in the form's last field also submits the form (a search of its own).
    await page.locator('.ant-picker-dropdown:visible .ant-picker-ok button').click();
    await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' });
    const searched = page.waitForResponse((r) => r.url().includes('/companions/search'));
    await page.getByTestId('companion-search').click();
    expect((await searched).status()).toBe(200);
    await page.getByRole('cell', { name: '流调补录' }).waitFor();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(4);
    await settle(page, 300);
    await page.screenshot({ path: shots('companions-entry-1440'), fullPage: true });
  });
});
