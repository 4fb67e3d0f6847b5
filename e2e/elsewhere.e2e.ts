import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RiskFeed } from '../src/modules/risk/area-spec';
import { addNode, startServer } from './browser';
import { account, dismiss, launch, settle, signIn } from './chromium';
import { typeDate } from './pickers';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The page's photographs, kept with the docs (docs/screenshots/elsewhere-<page>-<width>.png). */
const photo = (page: Page, name: string) => {
  mkdirSync('docs/screenshots', { recursive: true });
  return page.screenshot({ path: `docs/screenshots/elsewhere-${name}.png` });
};

/** Hours from the start of this file's run (whole minutes: both feeds name the same starts). */
const T0 = Math.floor(Date.now() / 60_000) * 60_000;
const hours = (h: number) => new Date(T0 + h * 3600_000).toISOString();

/**
 * Another city's feed as its Fangyi answers GET /api/public/risk-areas: areas raised yesterday and today; the
 * newer one raises 西河村 and no longer lists the compound.
 */
function feedFile(city: string, newer = false): string {
  const feed: RiskFeed = {
    format: 'fangyi.risk-areas/1',
    province: '河北省',
    city,
    generatedAt: hours(newer ? -0.5 : -1),
    areas: [
      { id: 'v-1', district: '深泽县', name: '河庄村', level: 'high', since: hours(-20) },
      newer
        ? { id: 'v-2', district: '深泽县', name: '西河村', level: 'high', since: hours(-2) }
        : { id: 'v-2', district: '深泽县', name: '西河村', level: 'medium', since: hours(-20) },
      ...(newer
        ? []
        : [{ id: 'v-3', district: '深泽县', name: '印象城小区(除7栋外)', level: 'medium' as const, since: hours(-3) }]),
    ],
  };
  mkdirSync('data/e2e', { recursive: true });
  const path = `data/e2e/risk-areas-${city}${newer ? '-newer' : ''}.json`;
  writeFileSync(path, JSON.stringify(feed));
  return path;
}

describe('外地风险地区', () => {
  it('the CDC imports a feed (a replay says so), reads an area’s history, checks a traveller and fills the reminder from it', async () => {
    const city = `测${randomUUID().slice(0, 4)}市`;
    const file = feedFile(city);
    const cdc = await account(server.pool, 'cdc', '230100', '市疾控');
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url, cdc);
    // Errors from here on (the login page's own 401 of /api/auth/me before signing in is expected).
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.getByRole('menuitem', { name: '外地风险地区' }).click();
    await page.getByTestId('areas-table').waitFor();

    const upload = (path: string) =>
      page.getByTestId('feed-upload').locator('xpath=ancestor::span[1]//input[@type="file"]').setInputFiles(path);
    await upload(file);
    await expect.poll(() => page.getByTestId('feed-result').innerText()).toContain('新增 3 个');
    await upload(file);
    await expect.poll(() => page.getByTestId('feed-result').innerText()).toContain('本次未作任何更改');
    await photo(page, 'replay-1440');
    await upload(feedFile(city, true));
    await expect.poll(() => page.getByTestId('feed-result').innerText()).toContain('新增 0 个、调整 1 个、解除 1 个、未变 1 个');

    await page.getByTestId('city-filter').click();
    await page.keyboard.type(city);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: city }).click();
    await page.getByRole('cell', { name: '河庄村' }).waitFor();
    await settle(page);
    await photo(page, 'page-1440');

    await page
      .getByRole('row', { name: /河庄村/ })
      .getByRole('button', { name: '历史' })
      .click();
    await page.getByTestId('history-span').first().waitFor();
    expect(await page.getByTestId('history-span').first().innerText()).toContain('高风险');
    await photo(page, 'history-1440');
    await dismiss(page);

    const check = page.getByTestId('duty-check');
    await check.getByLabel('省份').fill('河北省');
    await check.getByLabel('城市').fill(city);
    await check.getByLabel('地点').fill('河庄村');
    // Ten hours ago in the browser's time, typed as the picker shows it.
    const arrived = new Date(Date.now() - 10 * 3600_000 - new Date().getTimezoneOffset() * 60_000).toISOString();
    await typeDate(check.getByLabel('抵达时间'), `${arrived.slice(0, 10)} ${arrived.slice(11, 16)}`);
    await page.getByTestId('duty-submit').click();
    await expect.poll(() => page.getByTestId('duty-answer').innerText()).toContain('须向所在社区');
    expect(await page.getByTestId('duty-answer').innerText()).toContain(`河北省${city}深泽县河庄村（高风险地区`);
    await photo(page, 'check-1440');

    await page.getByRole('menuitem', { name: '紧急提醒' }).click();
    await page.getByTestId('reminder-import').click();
    await page.getByTestId('reminder-import-go').click();
    // Other cities imported by earlier runs of this suite may be listed too: this city's two areas in effect are
    // (and its region under 报备地区, when the draft had none); the compound lifted by the newer feed is not.
    await expect.poll(async () => page.locator(`input[value="${city}"]`).count()).toBeGreaterThanOrEqual(2);
    await page.getByTestId('reminder-import').scrollIntoViewIfNeeded();
    await settle(page);
    await photo(page, 'reminder-import-1440');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a community worker reads the areas and checks a traveller on a phone (390 px)', async () => {
    const street = await addNode(server.pool, '230108', 'street', `外地测试街道${randomUUID().slice(0, 4)}`);
    const community = await addNode(server.pool, street.code, 'community', '外地测试社区');
    const worker = await account(server.pool, 'community', community.code, '社区工作人员');
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, server.url, worker);
    await page.goto(`${server.url}/elsewhere`);
    await page.getByTestId('area-card').first().waitFor();
    expect(await page.getByTestId('feed-upload').count()).toBe(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await settle(page);
    await photo(page, 'page-390');
    await page.close();
  });
});
