import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDay } from '../src/test/fresh-day';
import { addNode, startServer } from './browser';
import { account, apiAs, launch, signIn } from './chromium';
import { typeDate } from './pickers';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let page: Page;
const tag = randomUUID().slice(0, 6);
/** The same shop name and the same community name in 平房区 and in 香坊区: only where they are tells them apart. */
const shop = `光华便民超市${tag}`;
const community = `光华社区${tag}`;
const PINGFANG_ADDRESS = `平房区新疆大街${tag}号`;
let workers: { pingfang: string; xiangfang: string };

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  const inDistrict = async (code: string, street: string, address: string) => {
    const s = await addNode(server.pool, code, 'street', `${street}${tag}`);
    const c = await addNode(server.pool, s.code, 'community', community);
    await addNode(server.pool, c.code, 'place', shop, { address, placeKind: 'shop' });
    return account(server.pool, 'community', c.code, `${street}网格员`);
  };
  workers = {
    pingfang: await inDistrict('230108', '平盛街道', PINGFANG_ADDRESS),
    xiangfang: await inDistrict('230110', '通天街道', `香坊区中山路${tag}号`),
  };
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a select by clicking the field itself, types, and picks the option holding `value`. */
async function pick(label: string, value: string) {
  await page
    .locator('.ant-form-item')
    .filter({ has: page.getByLabel(label, { exact: true }) })
    .locator('.ant-select')
    .first()
    .click();
  await page.keyboard.type(value);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: value }).first().click();
}

const openTasks = async (api: APIRequestContext) =>
  (await (await api.get('/api/surveillance/place-tasks?status=open&pageSize=100')).json()).items as {
    place: string;
    trail: string[];
    address: string | null;
  }[];

describe('two same-named places in different districts', () => {
  it('the CDC picks the 平房区 one by its address, and its tasks reach that community only', async () => {
    // A page of its own each try: a retry on the first try's page would find it signed in already.
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const cdc = await account(server.pool, 'cdc', '230100', '市疾控流调员');
    await signIn(page, server.url, cdc);
    await page.getByRole('menuitem', { name: '病例' }).click();
    await page.waitForLoadState('networkidle');
    await page.getByTestId('new-case').click();
    const day = freshDay();
    await typeDate(page.locator('#reportDate'), day);
    await pick('区县', '平房区');
    await pick('发现途径', '社区筛查发现');
    await page.getByLabel('现住址').fill('平房区友协大街18号');
    await page.getByTestId('add-trajectory').click();
    await typeDate(page.locator('#trajectory_0_day'), day);
    await page.locator('#trajectory_0_from').fill('09:10');
    await page.locator('#trajectory_0_name').pressSequentially(shop.slice(0, 4));
    await page.keyboard.type(shop.slice(4));
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect.poll(() => options.filter({ hasText: shop }).count()).toBe(2);
    await expect.poll(() => options.filter({ hasText: '香坊区 · 通天街道' }).count()).toBe(1);
    await page.screenshot({ path: 'docs/screenshots/trajectory-places-cdc-1440.png' });
    await options.filter({ hasText: PINGFANG_ADDRESS }).click();
    await expect.poll(() => page.locator('#trajectory_0_name').inputValue()).toBe(shop);
    // The address is filled from the chosen place after its option closes: on a loaded CI machine it took over 5 s once.
    await expect.poll(() => page.locator('#trajectory_0_extra').inputValue(), { timeout: 20_000 }).toBe(PINGFANG_ADDRESS);
    await page
      .getByTestId('place-where')
      .filter({ hasText: `平房区 · 平盛街道${tag} · ${community}` })
      .waitFor();
    await page.getByTestId('save-case').click();
    await page.getByText(/已登记：确诊病例\d+/).waitFor();

    const pingfang = await openTasks(await apiAs(server.url, workers.pingfang));
    expect(pingfang.filter((t) => t.place === shop)).toHaveLength(2);
    expect(pingfang.find((t) => t.place === shop)).toMatchObject({
      trail: ['平房区', `平盛街道${tag}`, community],
      address: PINGFANG_ADDRESS,
    });
    expect((await openTasks(await apiAs(server.url, workers.xiangfang))).filter((t) => t.place === shop)).toEqual([]);
  });

  it('the territory search and the account scope picker show where each same-named community lies', async () => {
    const admin = await account(server.pool, 'admin', '230100', '系统管理员');
    await page.context().clearCookies();
    await signIn(page, server.url, admin);
    await page.goto(`${server.url}/territory`);
    await page.getByTestId('territory-search').locator('input').fill(community);
    const options = page.locator('.ant-select-dropdown:visible [data-testid="place-option"]');
    await expect.poll(() => options.filter({ hasText: community }).count()).toBe(2);
    await options.filter({ hasText: '香坊区' }).waitFor();
    await page.screenshot({ path: 'docs/screenshots/territory-search-admin-1440.png' });

    await page.goto(`${server.url}/users`);
    await page.getByRole('button', { name: /新建账号/ }).click();
    await page.locator('.ant-form-item').filter({ hasText: '辖区' }).locator('.ant-select').click();
    await page.keyboard.type(community);
    await expect.poll(() => options.filter({ hasText: community }).count()).toBe(2);
    await page.screenshot({ path: 'docs/screenshots/scope-picker-admin-1440.png' });
    await options.filter({ hasText: '平房区' }).click();
    await page.getByRole('dialog').getByText(`${community}（平房区 · 平盛街道${tag} · 社区）`).last().waitFor();
  });
});
