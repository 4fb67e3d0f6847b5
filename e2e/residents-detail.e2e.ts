import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshId, ledgerFile, row } from '../src/test/ledger-file';
import { addNode, shots, startServer } from './browser';
import { account, apiAs, launch, signIn } from './chromium';

// A community worker finds a resident by part of the name, opens them, edits the phone (typed in full-width
// digits) and their key group (重点人群), and sees the people at the same dwelling.
let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let worker: string;
const tag = String(Date.now()).slice(-6);

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  const street = await addNode(server.pool, '230108', 'street', `友协街道${tag}`);
  const community = await addNode(server.pool, street.code, 'community', `新疆社区${tag}`);
  worker = await account(server.pool, 'community', community.code, '社区网格员');
  const api = await apiAs(server.url, worker);
  const file = await ledgerFile([
    row('欧阳明华', freshId(), { phone: '13912340001', room: '101' }),
    row('欧阳丽', freshId(), { phone: '13912340002', room: '101', tags: '孕产妇' }),
    row('王强', freshId(), { phone: '13912340003', room: '202' }),
  ]);
  const res = await api.post('/api/people/import', {
    multipart: { file: { name: 'ledger.xlsx', mimeType: 'application/octet-stream', buffer: file } },
  });
  expect(res.status(), await res.text()).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function search(page: Page, text: string) {
  await page.goto(`${server.url}/people`);
  await page.getByTestId('people-search').locator('input').fill(text);
  await page.getByTestId('people-search').locator('input').press('Enter');
  await page.getByText('欧阳明华').first().waitFor();
}

describe('a resident found, opened, edited, with their household', () => {
  it('at 1440 px', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url, worker);
    await search(page, '明华');
    expect(await page.getByText('王强').count()).toBe(0);
    await page.waitForTimeout(300);
    await page.screenshot({ path: shots('residents-search-community-1440') });

    await page.getByText('欧阳明华').first().click();
    const drawer = page.getByTestId('person-drawer');
    await drawer.waitFor();
    const household = page.getByTestId('household-list');
    await household.getByText('欧阳丽').waitFor();
    expect(await household.getByText('王强').count()).toBe(0);

    await page.getByTestId('edit-person').click();
    const form = page.getByTestId('person-form');
    await form.getByLabel('手机号').fill('１３８');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await form.getByText('应为11位手机号码').waitFor();
    await form.getByLabel('手机号').fill('１３８００１３８０００');
    // A key group (重点人群), offered by its Chinese label, shown in the drawer once saved.
    await form.getByLabel('重点人群').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '快递外卖从业人员' }).click();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.getByRole('link', { name: '13800138000' }).waitFor();
    await drawer.getByTestId('key-group').getByText('快递外卖从业人员').waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: shots('resident-detail-community-1440') });
    await page.close();
  });

  it('at 390 px', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(page, server.url, worker);
    await search(page, '欧阳');
    await page.waitForTimeout(300);
    await page.screenshot({ path: shots('residents-search-community-390') });
    await page.getByText('欧阳明华').first().click();
    await page.getByTestId('household-list').getByText('欧阳丽').waitFor();
    await page.getByTestId('person-drawer').getByRole('link', { name: '13800138000' }).waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: shots('resident-detail-community-390') });
    await page.close();
  });
});
