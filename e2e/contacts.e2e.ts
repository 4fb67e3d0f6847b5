import type { APIRequestContext, Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDay } from '../src/test/fresh-day';
import { freshId } from '../src/test/ledger-file';
import { shots, startServer } from './browser';
import { account, apiAs, launch, signIn } from './chromium';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let user: string;
let api: APIRequestContext;

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  user = await account(server.pool, 'cdc', '230100', '市疾控流调员');
  api = await apiAs(server.url, user);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A case of its own day with a few contacts already traced, some reached: what the desk works through. */
async function tracedCase() {
  const day = freshDay();
  const district = (await server.pool.query("SELECT id FROM territory_nodes WHERE name = '平房区'")).rows[0].id;
  const p = await api.post('/api/surveillance/positives', {
    data: {
      reportDate: day,
      reportHour: 8,
      kind: 'confirmed',
      severity: 'mild',
      districtId: Number(district),
      channel: '社区筛查发现',
    },
  });
  const positiveId = (await p.json()).id as number;
  const contacts = [
    ['王伟', '13904510001'],
    ['张敏', '13904510002'],
    ['刘洋', ''],
    ['陈静', '045186661234'],
  ].map(([name, phone]) => ({
    kind: 'close',
    name,
    idNumber: freshId(),
    phone: phone || undefined,
    sourcePositiveId: positiveId,
  }));
  await api.post('/api/surveillance/contacts', { data: { contacts } });
  const ids = (
    await server.pool.query('SELECT id FROM contacts WHERE source_positive_id = $1 ORDER BY id', [positiveId])
  ).rows.map((r) => Number(r.id));
  for (const [id, moves] of [
    [ids[0], [{ status: 'located' }]],
    [ids[1], [{ status: 'located' }, { status: 'controlled', measure: 'centralized' }]],
  ] as const)
    for (const m of moves) await api.post(`/api/surveillance/contacts/${id}/status`, { data: m });
  return { day, positiveId };
}

/** Moves a contact through its status menu; `measure` answers the dialog a control opens. */
async function move(page: Page, row: Locator, item: string, measure?: string) {
  await row.getByRole('button').first().click();
  await page.locator('.ant-dropdown:visible .ant-dropdown-menu-item', { hasText: item }).click();
  if (measure) {
    await page.getByTestId('control-measure').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: measure }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
  }
}

describe('the contacts desk', () => {
  it('adds a contact as 待排查, moves it to 已排查 and 已管控, filters by status and searches by name', async () => {
    const { day, positiveId } = await tracedCase();
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signIn(page, server.url, user);
    await page.goto(`${server.url}/contacts?positiveId=${positiveId}`);
    await page.locator('tr', { hasText: '王伟' }).waitFor();

    await page.getByTestId('new-contact').click();
    await page.locator('.ant-modal .ant-select').first().click();
    await page.keyboard.type(day);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: day }).first().click();
    await page.getByLabel('姓名').fill('李娜');
    await page.getByLabel('联系电话').fill('138');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByText('联系电话应为11位手机号或带区号的固定电话').waitFor();
    await page.getByLabel('联系电话').fill('139 0451 0005');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByText('已登记密切接触者').waitFor();

    const row = page.locator('tr', { hasText: '李娜' });
    await row.getByText('待排查').waitFor();
    await move(page, row, '改为“已排查”');
    await row.getByText('已排查').waitFor();
    await move(page, row, '改为“已管控”', '居家隔离');
    await row.getByText('已管控·居家隔离').waitFor();

    await page.getByTestId('status-filter').getByText('已管控 2').click();
    await expect.poll(() => page.locator('tbody tr.ant-table-row').count()).toBe(2);
    await page.locator('tr', { hasText: '张敏' }).waitFor();
    await page.getByTestId('status-filter').getByText('待排查 2').click();
    await page.locator('tr', { hasText: '刘洋' }).waitFor();
    expect(await page.locator('tr', { hasText: '李娜' }).count()).toBe(0);
    await page.getByTestId('status-filter').getByText('全部 5').click();
    // The status filter is applied (all five shown) before the search is typed: a search typed while the filter's
    // change was still on its way searched within 待排查 and found nobody (seen on CI).
    await expect.poll(() => page.locator('tbody tr.ant-table-row').count()).toBe(5);
    await page.getByTestId('contact-search').locator('input').fill('娜');
    await page.getByTestId('contact-search').locator('input').press('Enter');
    await expect.poll(() => page.locator('tbody tr.ant-table-row').count()).toBe(1);
    await page.locator('tr', { hasText: '李娜' }).waitFor();
    expect(page.url()).toContain('q=');

    await page.goto(`${server.url}/contacts?positiveId=${positiveId}`);
    await page.locator('tr', { hasText: '陈静' }).waitFor();
    await page.screenshot({ path: shots('contacts-cdc-1440'), fullPage: true });
    await page.close();

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(phone, server.url, user);
    await phone.goto(`${server.url}/contacts?positiveId=${positiveId}`);
    await phone.getByText('陈静').waitFor();
    expect(await phone.locator('[data-testid^="contact-card-"]').count()).toBe(5);
    await phone.screenshot({ path: shots('contacts-cdc-390'), fullPage: true });
    await phone.close();
  });

  it('shows a district its contacts masked, with no control it may not use', async () => {
    const { positiveId } = await tracedCase();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url, await account(server.pool, 'district', '230108', '平房区指挥部'));
    await page.goto(`${server.url}/contacts?positiveId=${positiveId}&status=pending`);
    await page.locator('tr', { hasText: '刘洋' }).waitFor();
    expect(await page.locator('tbody tr.ant-table-row').count()).toBe(2);
    expect(await page.getByTestId('new-contact').count()).toBe(0);
    expect(await page.locator('tbody button').count()).toBe(0);
    expect(await page.locator('tbody').innerText()).toMatch(/\d{2}\*{16}/);
    await page.screenshot({ path: shots('contacts-district-1440'), fullPage: true });
    await page.close();
  });
});
