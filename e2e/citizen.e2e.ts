import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextForAccount } from '../src/modules/auth/actor';
import { elsewhereService } from '../src/modules/elsewhere/service';
import { policyService } from '../src/modules/policy/service';
import { systemClock } from '../src/server/clock';
import { createKit } from '../src/server/kit';
import { freshId } from '../src/test/ledger-file';
import { addNode, shots, startServer } from './browser';
import { account, launch } from './chromium';
import { signInCitizen } from './health-code-steps-citizen';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let context: BrowserContext;
let page: Page;
const tag = randomUUID().slice(0, 6);
const idNumber = freshId();
const city = `测试市${tag}`;
let arrivalColour: 'green' | 'yellow' | 'red' | undefined;

/** A resident of 平房区 with a phone on file, and a high-risk village in another city since three days ago. */
beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  const street = await addNode(server.pool, '230108', 'street', `平盛街道${tag}`);
  const community = await addNode(server.pool, street.code, 'community', `光华社区${tag}`);
  const household = await addNode(server.pool, community.code, 'household', '101');
  const { path } = (await server.pool.query('SELECT path FROM territory_nodes WHERE id = $1', [household.id])).rows[0];
  await server.pool.query(
    `INSERT INTO people (id_number, name, sex, birth_date, phone, household_id, terr_path)
     VALUES ($1, '张三丰', 'M', '1980-01-01', '13912345678', $2, $3)`,
    [idNumber, household.id, path],
  );
  const cdc = await account(server.pool, 'cdc', '230100', '市疾控');
  const cdcCtx = await contextForAccount(createKit(server.pool, systemClock), cdc, 'e2e');
  await elsewhereService.create(cdcCtx, {
    province: '河北省',
    city,
    district: '深泽县',
    name: '河庄村',
    level: 'high',
    since: new Date(Date.now() - 3 * 86_400_000).toISOString(),
  });
  const { items, inForceId } = await policyService.list(cdcCtx);
  arrivalColour = items.find((e) => e.id === inForceId)?.healthCode.arrival_high;
  context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A CST day `days` before today. */
const day = (days: number) => new Date(Date.now() + 8 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);

describe('a citizen on a phone (390 px), no app, no account', () => {
  it('signs in with the ID number and the code from the server log, and sees a green code with its QR', async () => {
    await context.clearCookies();
    await page.goto(`${server.url}/public/code`);
    await page.getByText('市民登录').waitFor();
    await page.screenshot({ path: shots('citizen-sign-in-390') });
    await signInCitizen(page, server.url, idNumber);
    expect(await page.getByTestId('citizen-colour').getAttribute('data-colour')).toBe('green');
    await page.getByText('绿码', { exact: true }).waitFor();
    await page.getByTestId('citizen-qr').waitFor();
    // Whether a resident without tests may leave is the edition in force's (the 10 measures ask for nothing).
    await page
      .getByTestId('citizen-leaving')
      .getByText(/符合离哈条件/)
      .waitFor();
    await page.getByTestId('citizen-tests').getByText('暂无检测记录').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: shots('citizen-code-green-390'), fullPage: true });
  });

  it('reports a trip through the high-risk village: told so, and the code takes the edition’s colour with the reason', async () => {
    await page.getByTestId('travel-province').fill('河北省');
    await page.getByTestId('travel-city').fill(city);
    await page.getByTestId('travel-district').fill('深泽县');
    await page.getByTestId('travel-left').fill(day(2));
    await page.getByTestId('travel-arrived').fill(day(1));
    await page.getByTestId('travel-submit').click();
    await page.getByTestId('travel-result').getByText('途经高风险地区').waitFor();
    // The colour is the edition in force's for arrivals from high-risk areas (the 10 measures colour none).
    const colour = arrivalColour ?? 'green';
    await page.locator(`[data-colour="${colour}"]`).waitFor();
    if (arrivalColour)
      await page
        .getByTestId('citizen-reasons')
        .getByText(`自外地高风险地区（河北省${city}深泽县）抵哈`, { exact: false })
        .waitFor();
    await page.screenshot({ path: shots('citizen-code-reported-390'), fullPage: true });
    // The same form again is the same report.
    await page.getByTestId('travel-submit').click();
    await page.getByText('该行程已报备过').waitFor();
  });

  it('logs out back to the sign-in form', async () => {
    await page.getByTestId('citizen-logout').click();
    await page.getByText('市民登录').waitFor();
    await page.reload();
    await page.getByText('市民登录').waitFor();
  });
});
