import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './browser';
import { account, launch, settle, signIn } from './chromium';
import { typeDate } from './pickers';

// The city HQ composes a risk-level notice in the console, reads its text as it types, submits it; a second
// HQ account approves and publishes it, and the published notice opens in its print view.
let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let drafter: Page;
let reviewer: Page;
// A start hour of its own in 2098 on every run: each run's notice is a new series (the database outlives runs).
const hour = Math.floor(Math.random() * 8000);
const at = new Date(Date.UTC(2098, 0, 1, hour));
const local = new Date(at.getTime() + 8 * 3600_000).toISOString();
const picker = `${local.slice(0, 10)} ${local.slice(11, 16)}`;
const words = `${Number(local.slice(0, 4))}年${Number(local.slice(5, 7))}月${Number(local.slice(8, 10))}日${Number(local.slice(11, 13))}时`;

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  const [a, b] = [
    await account(server.pool, 'city_hq', '230100', '市指挥部值班员'),
    await account(server.pool, 'city_hq', '230100', '市指挥部审核员'),
  ];
  drafter = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
  reviewer = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await signIn(drafter, server.url, a);
  await signIn(reviewer, server.url, b);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const choose = async (page: Page, testId: string, option: RegExp) => {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).click();
};

describe('a risk-level notice composed, previewed, reviewed and published in the console', () => {
  let id: number;

  it('the drafter draws "印象城小区 except 7栋" medium from an hour, with 7栋 high, and sees the text as it types', async () => {
    await drafter.getByRole('menuitem', { name: '风险等级通告' }).click();
    await settle(drafter);
    // 2098 falls under the 10 measures, which have no medium tier: the notice follows the 9th edition.
    await choose(drafter, 'notice-edition', /^第九版防控方案$/);
    const when = drafter.getByTestId('change-at-0');
    await typeDate(when, picker);
    await drafter.getByTestId('change-district-0').fill('南岗区');
    await drafter.getByTestId('change-name-0').fill('印象城小区');
    await choose(drafter, 'change-level-0', /^中风险$/);
    const except = drafter.getByTestId('change-except-0').locator('input');
    await except.fill('7栋、');
    const preview = drafter.getByTestId('notice-preview');
    await expect
      .poll(() => preview.innerText())
      .toContain(`自${words}起,将哈尔滨市南岗区印象城小区(除7栋外)风险等级调整为中风险区。其他地区风险等级不变。`);

    await drafter.getByTestId('add-changes').click();
    const second = drafter.getByTestId('change-at-1');
    await typeDate(second, picker);
    await drafter.getByTestId('change-district-1').fill('南岗区');
    await drafter.getByTestId('change-name-1').fill('印象城小区');
    await choose(drafter, 'change-part-1', /^楼栋$/);
    await drafter.getByTestId('change-buildings-1').locator('input').fill('7栋、');
    await expect
      .poll(() => preview.innerText())
      .toContain('将哈尔滨市南岗区印象城小区7栋风险等级调整为高风险区;将南岗区印象城小区(除7栋外)风险等级调整为中风险区。');
    await expect.poll(() => preview.innerText()).toContain('关于调整哈尔滨市南岗区风险等级的通告');
    await drafter.mouse.move(0, 0);
    await drafter.screenshot({ path: 'docs/screenshots/notices-editor-1440.png', fullPage: true });

    await drafter.getByTestId('submit-draft').click();
    const q = "SELECT id, body, document FROM risk_notices WHERE starts_at = $1 AND state = 'submitted'";
    await expect.poll(async () => (await server.pool.query(q, [at.toISOString()])).rows.length, { timeout: 30_000 }).toBe(1);
    const row = (await server.pool.query(q, [at.toISOString()])).rows[0];
    id = Number(row.id);
    expect(row.body).toBe(await preview.innerText().then((t) => t.replace(/\n+/g, '\n\n')));
    expect(row.document.changes.map((c: { area: { name: string }; level: string }) => [c.area.name, c.level])).toEqual([
      ['印象城小区', 'medium'],
      ['印象城小区', 'high'],
    ]);
  });

  it('a second HQ account approves and publishes it; the print view lays it out', async () => {
    await reviewer.getByRole('menuitem', { name: '风险等级通告' }).click();
    await reviewer.getByTestId(`approve-${id}`).click();
    await reviewer.getByTestId(`publish-${id}`).click();
    await reviewer.getByTestId(`state-${id}`).filter({ hasText: '已发布' }).waitFor();
    const published = await server.pool.query(
      "SELECT payload FROM domain_events WHERE type = 'notice.published' AND (payload->>'noticeId')::bigint = $1",
      [id],
    );
    expect(published.rows).toHaveLength(1);
    await reviewer.mouse.move(0, 0);
    await expect.poll(() => reviewer.locator('.ant-message-notice').count(), { timeout: 15_000 }).toBe(0);
    await reviewer.screenshot({ path: 'docs/screenshots/notices-page-1440.png', fullPage: true });

    const [print] = await Promise.all([reviewer.context().waitForEvent('page'), reviewer.getByTestId(`print-${id}`).click()]);
    await print.setViewportSize({ width: 1440, height: 1000 });
    await print.getByTestId('print-page').waitFor();
    await expect.poll(() => print.locator('h1').innerText()).toBe('关于调整哈尔滨市南岗区风险等级的通告');
    await print.waitForTimeout(300);
    await print.screenshot({ path: 'docs/screenshots/notices-print-1440.png', fullPage: true });
    await print.close();
  });

  it('a community worker reads the published notice on a phone: cards, no editor, the full text a tap away', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(phone, server.url, await account(server.pool, 'community', '230103', '社区网格员'));
    await phone.goto(`${server.url}/notices`);
    const card = phone.getByTestId(`notice-card-${id}`);
    await card.waitFor();
    expect(await card.innerText()).toContain(`自${words}起`);
    expect(await phone.getByTestId('notice-form').count()).toBe(0);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await settle(phone);
    await phone.locator('.ant-spin-blur').waitFor({ state: 'detached' });
    await phone.waitForTimeout(400);
    await phone.screenshot({ path: 'docs/screenshots/notices-reader-390.png' });
    await card.getByRole('link', { name: '查看全文' }).click();
    await expect.poll(() => phone.locator('h1').innerText()).toBe('关于调整哈尔滨市南岗区风险等级的通告');
    await phone.close();
  });
});
