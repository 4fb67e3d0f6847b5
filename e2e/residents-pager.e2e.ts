import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshId, ledgerFile, row } from '../src/test/ledger-file';
import { addNode, shots, startServer } from './browser';
import { account, launch, signIn } from './chromium';

/** More than the 1,000 matches a search counts (COUNTED_UP_TO), so that a search shows an estimate. */
const RESIDENTS = 1030;
let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let worker: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  const street = await addNode(server.pool, '230108', 'street', `新疆街道${randomUUID().slice(0, 6)}`);
  const community = await addNode(server.pool, street.code, 'community', '友协社区');
  worker = await account(server.pool, 'community', community.code, '刘春梅');
  // The fixture goes in through the API as the worker would upload it: five residents a room.
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: worker, password: 'e2e-password-2022' }),
  });
  const cookie = String(login.headers.get('set-cookie')).split(';')[0] as string;
  const rows = Array.from({ length: RESIDENTS }, (_, i) =>
    row(`居民${String(i + 1).padStart(4, '0')}`, freshId(), { room: `${101 + Math.floor(i / 5)}` }),
  );
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await ledgerFile(rows))]), 'ledger.xlsx');
  const res = await fetch(`${server.url}/api/people/import`, { method: 'POST', headers: { cookie }, body: form });
  expect(res.status, await res.text()).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const pager = (page: Page) => page.getByTestId('pager');
const FIRST_CELLS = '.ant-table-tbody tr.ant-table-row td:first-child';
const names = async (page: Page, selector: string) => (await page.locator(selector).allTextContents()).join(',');
/** Waits until the first column shows `before` again (same) or anything else (changed): the page's rows arrived. */
const rowsAre = (page: Page, before: string, same: boolean) =>
  page.waitForFunction(
    ([sel, was, eq]) => {
      const now = [...document.querySelectorAll(sel)].map((c) => c.textContent).join(',');
      return eq ? now === was : now !== was && now !== '';
    },
    [FIRST_CELLS, before, same] as const,
  );
const search = async (page: Page, text: string) => {
  await page.getByPlaceholder('姓名的一部分、身份证号或手机号').fill(text);
  await page.getByPlaceholder('姓名的一部分、身份证号或手机号').press('Enter');
};

describe('the residents table pages by cursor', () => {
  it('at desktop width: 下一页 and back, exact totals, "约" for a broad search, the last page of a narrow one', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, server.url, worker);
    await page.getByRole('menuitem', { name: '居民台账' }).click();
    await pager(page)
      .getByText(`共 ${RESIDENTS.toLocaleString('zh-CN')} 人`)
      .waitFor();
    await pager(page).getByText('第 1 页').waitFor();
    expect(
      await pager(page)
        .getByRole('button', { name: /上一页/ })
        .isDisabled(),
    ).toBe(true);
    await page.screenshot({ path: shots('residents-pager-1366'), fullPage: true });
    const first = await names(page, FIRST_CELLS);
    await pager(page)
      .getByRole('button', { name: /下一页/ })
      .click();
    await pager(page).getByText('第 2 页').waitFor();
    await rowsAre(page, first, false);
    await pager(page)
      .getByRole('button', { name: /上一页/ })
      .click();
    await pager(page).getByText('第 1 页').waitFor();
    await rowsAre(page, first, true);
    // A search matching them all: past the counted 1,000, the total is the planner's estimate.
    await search(page, '居民');
    await pager(page)
      .getByText(/共约 [\d,]+ 人/)
      .waitFor();
    await page.screenshot({ path: shots('residents-pager-estimate-1366'), fullPage: true });
    // 居民00xx: 99 residents, five pages; the last has 19 rows and no 下一页.
    await search(page, '居民00');
    await pager(page).getByText('共 99 人').waitFor();
    for (const n of [2, 3, 4, 5]) {
      await pager(page)
        .getByRole('button', { name: /下一页/ })
        .click();
      await pager(page).getByText(`第 ${n} 页`).waitFor();
    }
    await page.waitForFunction(() => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === 19);
    expect(
      await pager(page)
        .getByRole('button', { name: /下一页/ })
        .isDisabled(),
    ).toBe(true);
    await page.close();
  });

  it('at phone width: the same pager, compact, under the cards', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(page, server.url, worker);
    await page.goto(`${server.url}/people`);
    await pager(page)
      .getByText(`共 ${RESIDENTS.toLocaleString('zh-CN')} 人`)
      .waitFor();
    await pager(page).getByRole('button').nth(1).click();
    await pager(page).getByText('第 2 页').waitFor();
    await page.screenshot({ path: shots('residents-pager-390'), fullPage: true });
    await page.close();
  });
});
