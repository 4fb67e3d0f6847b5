import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNode, shots, startServer } from './browser';
import { account, launch, settle, signIn } from './chromium';
import { createVenue, openVenues, printVenue, venueRow } from './health-code-steps-venues';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let community: { id: number; code: string };
let communityName: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  const tag = randomUUID().slice(0, 6);
  const district = (await server.pool.query("SELECT code FROM territory_nodes WHERE name = '平房区'")).rows[0].code;
  const street = await addNode(server.pool, district, 'street', `哈南街道${tag}`);
  communityName = `物流社区${tag}`;
  community = await addNode(server.pool, street.code, 'community', communityName);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('场所码', () => {
  it('a community worker registers a logistics park with two zones and prints the park’s codes', async () => {
    const worker = await account(server.pool, 'community', community.code, '物流社区场所管理员');
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url, worker);
    await page.getByRole('menuitem', { name: '场所码' }).click();
    await page.getByTestId('venue-new').waitFor();
    const park = `国际物流园${community.id}`;
    const parkCode = await createVenue(page, server.url, { kind: '物流园区', name: park, nodeSearch: communityName });
    const a = await createVenue(page, server.url, { kind: '园区分区', name: 'A区', nodeSearch: communityName, park });
    await page.getByTestId('venue-new').click();
    await page.getByTestId('venue-form').waitFor();
    await settle(page, 500);
    await page.screenshot({ path: shots('venues-drawer') });
    await page.getByRole('button', { name: /^取\s*消$/ }).click();
    await settle(page, 500);
    const b = await createVenue(page, server.url, { kind: '园区分区', name: 'B区', nodeSearch: communityName, park });
    expect(new Set([parkCode, a, b]).size).toBe(3);
    await openVenues(page, server.url);
    const row = venueRow(page, park);
    await row.getByText('2个').waitFor();
    await page.screenshot({ path: shots('venues-list'), fullPage: true });

    await printVenue(page, server.url, park);
    const sheets = page.getByTestId('venue-sheet');
    expect(await sheets.count()).toBe(3);
    for (const word of ['场所码', '请扫码登记', '逢进必扫']) await page.getByText(word).first().waitFor();
    await sheets.filter({ hasText: 'A区' }).getByText(a).waitFor();
    expect(await page.getByTestId('venue-qr').count()).toBe(3);
    await page.screenshot({ path: shots('venues-print'), fullPage: true });
    // As printed: the console's frame hidden, one sheet a page.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
    await page.screenshot({ path: shots('venues-print-media'), fullPage: true });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(3);
    await page.close();
  });
});
