import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDay } from '../src/test/fresh-day';
import { shots, startServer } from './browser';
import { account, launch, signIn } from './chromium';
import { typeDate } from './pickers';

// Review before a text goes out (issue 11): one officer drafts, another approves and publishes.
let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let drafter: Page;
let reviewer: Page;
const day = freshDay();
const md = `${Number(day.slice(5, 7))}月${Number(day.slice(8))}日`;
const base = '/api/surveillance/bulletins';

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  const [a, b] = [
    await account(server.pool, 'cdc', '230100', '市疾控流调员'),
    await account(server.pool, 'cdc', '230100', '市疾控审核员'),
  ];
  drafter = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  reviewer = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await signIn(drafter, server.url, a);
  await signIn(reviewer, server.url, b);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The state tag of version `id` in the list, once it says `label` (the list refreshes after each step). */
const stateIs = (page: Page, id: number, label: string) => page.getByTestId(`state-${id}`).filter({ hasText: label }).waitFor();

describe('a bulletin goes out after a second publisher has reviewed it', () => {
  let id: number;
  /** The ids of the windows drafted beside the day's, by their closing hour. */
  const submitted: Record<number, number> = {};

  it('the drafter drafts the day in a non-default layout and submits it, and cannot approve it', async () => {
    const daoli = (await server.pool.query("SELECT id FROM territory_nodes WHERE name = '道里区'")).rows[0].id;
    const created = await drafter.request.post(`${server.url}/api/surveillance/positives`, {
      data: {
        reportDate: day,
        reportHour: 9,
        kind: 'confirmed',
        severity: 'mild',
        districtId: Number(daoli),
        channel: '社区筛查发现',
      },
    });
    expect(created.status()).toBe(200);

    await drafter.getByRole('menuitem', { name: '疫情通报' }).click();
    await typeDate(drafter.locator('.ant-picker input').first(), day);
    // The layout select starts on the default layout; the day is drafted in another one.
    await drafter.locator('.ant-select').filter({ hasText: '2022 信息及活动轨迹（疾控）' }).click();
    await drafter.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '2021 每日通报（卫健委）' }).click();
    await drafter.locator('.ant-select').filter({ hasText: '2021 每日通报（卫健委）' }).waitFor();
    await drafter.getByTestId('preview').click();
    const text = drafter.getByTestId('bulletin-text');
    await expect.poll(() => text.inputValue()).toContain(md);
    const body = `${await text.inputValue()}`;
    await drafter.getByTestId('submit-draft').click();

    const submitted = "SELECT id, template, body FROM bulletins WHERE day = $1 AND state = 'submitted'";
    await expect.poll(async () => (await server.pool.query(submitted, [day])).rows.length, { timeout: 30_000 }).toBe(1);
    const row = (await server.pool.query(submitted, [day])).rows[0];
    id = Number(row.id);
    expect(row).toMatchObject({ template: '2021-daily', body });
    await stateIs(drafter, id, '待审核');
    // No approve button for the drafter, and the server refuses the drafter's own approval in both languages.
    expect(await drafter.getByTestId(`approve-${id}`).count()).toBe(0);
    const own = await drafter.request.post(`${server.url}${base}/${id}/approve`, { data: {} });
    expect(own.status()).toBe(403);
    expect((await own.json()).error).toMatchObject({
      message: expect.stringContaining('起草人不能审核自己起草的稿件'),
      messageEn: expect.stringContaining('The drafter cannot review their own draft'),
    });
  });

  it('a second publisher approves and publishes it; the list shows the states and who did what', async () => {
    await reviewer.getByRole('menuitem', { name: '疫情通报' }).click();
    await reviewer.getByTestId(`approve-${id}`).click();
    await reviewer.getByTestId(`publish-${id}`).click();
    await stateIs(reviewer, id, '已发布');
    await reviewer.locator(`tr[data-row-key="${id}"]`).getByText('第1版').waitFor();
    expect((await server.pool.query('SELECT state, version FROM bulletins WHERE id = $1', [id])).rows).toEqual([
      { state: 'published', version: 1 },
    ]);

    // Beside it, for the list's picture: a window approved and one waiting for review, and a correction drafted.
    const post = async (page: Page, url: string, data: object = {}) => {
      const res = await page.request.post(`${server.url}${url}`, { data });
      expect(res.status()).toBe(200);
      return (await res.json()) as { id: number };
    };
    for (const [fromHour, toHour] of [
      [12, 24],
      [0, 12],
      [0, 8],
    ]) {
      const other = await post(drafter, base, { date: day, fromHour, toHour, template: '2022-channels' });
      await post(drafter, `${base}/${other.id}/submit`);
      submitted[toHour] = other.id;
    }
    await post(reviewer, `${base}/${submitted[24]}/approve`);
    const fix = await drafter.request.post(`${server.url}${base}`, {
      data: { date: day, template: '2021-daily', correctionReason: '更正道里区病例的发现途径' },
    });
    expect(fix.status()).toBe(200);
    const fixId = (await fix.json()).id;
    await reviewer.reload();
    await stateIs(reviewer, fixId, '草稿');
    await reviewer.locator(`tr[data-row-key="${fixId}"]`).getByText('更正第1版：更正道里区病例的发现途径').waitFor();
    // The reviewer sends one window back with a reason; it is the drafter's draft again, the reason beside it.
    await reviewer.getByTestId(`reject-${submitted[8]}`).click();
    await reviewer.getByTestId('reject-reason').fill('0—8时的数字与指挥部口径不一致，请核对');
    await reviewer
      .getByRole('dialog')
      .getByRole('button', { name: /退\s*回/ })
      .click();
    await stateIs(reviewer, submitted[8], '草稿');
    await reviewer
      .locator(`tr[data-row-key="${submitted[8]}"]`)
      .getByText('退回：0—8时的数字与指挥部口径不一致，请核对')
      .waitFor();
    await drafter.reload();
    await drafter.getByTestId(`edit-${submitted[8]}`).waitFor();
    await reviewer.mouse.move(0, 0);
    await reviewer.locator('.ant-message-notice').waitFor({ state: 'detached' });
    await reviewer.screenshot({ path: shots('bulletin-review-1440') });
  });

  it('the published version downloads as .docx and opens in its print view', async () => {
    const [download] = await Promise.all([reviewer.waitForEvent('download'), reviewer.getByTestId(`docx-${id}`).click()]);
    const bytes = await readFile((await download.path()) as string);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(download.suggestedFilename()).toMatch(/\.docx$/);

    const [print] = await Promise.all([reviewer.context().waitForEvent('page'), reviewer.getByTestId(`print-${id}`).click()]);
    await print.setViewportSize({ width: 1440, height: 1000 });
    await print.getByTestId('print-page').waitFor();
    await expect.poll(() => print.locator('h1').innerText()).toContain(md);
    await print.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await print.getByTestId('print').click();
    expect(await print.locator('body').getAttribute('data-printed')).toBe('yes');
    await print.waitForTimeout(300);
    await print.screenshot({ path: shots('bulletin-print-1440'), fullPage: true });
    // Printed, the page is the text alone: the console's menu, header and buttons are not on paper.
    await print.emulateMedia({ media: 'print' });
    expect(await print.locator('.ant-layout-sider').isVisible()).toBe(false);
    expect(await print.getByTestId('print').isVisible()).toBe(false);
    expect(await print.getByTestId('print-page').isVisible()).toBe(true);
    await print.close();
  });

  it('the drafter edits the returned draft and drafts a correction of the published day in the console', async () => {
    // The returned window opens in the editor; edited, saved and submitted again, it waits for review.
    await drafter.getByTestId(`edit-${submitted[8]}`).click();
    const text = drafter.getByTestId('bulletin-text');
    await expect.poll(() => text.inputValue()).toContain(md);
    await text.fill(`${await text.inputValue()}\n\n（已按指挥部口径核对）`);
    await drafter.getByTestId('save-draft').click();
    await expect
      .poll(async () => (await server.pool.query('SELECT body FROM bulletins WHERE id = $1', [submitted[8]])).rows[0].body)
      .toContain('（已按指挥部口径核对）');
    await drafter.getByTestId('submit-draft').click();
    await stateIs(drafter, submitted[8], '待审核');

    // 更正 on the published version: the day is published, so the new version asks what it corrects.
    await drafter.getByTestId(`correct-${id}`).click();
    await drafter.getByTestId('correction-reason').fill('更正道里区病例的临床分型');
    await drafter.getByTestId('submit-draft').click();
    const corrections =
      'SELECT id, correction_reason, corrects_id FROM bulletins WHERE day = $1 AND state = $2 AND corrects_id = $3';
    await expect.poll(async () => (await server.pool.query(corrections, [day, 'submitted', id])).rows.length).toBe(1);
    const [row] = (await server.pool.query(corrections, [day, 'submitted', id])).rows;
    expect(row.correction_reason).toBe('更正道里区病例的临床分型');
    await stateIs(drafter, Number(row.id), '待审核');
    await drafter.locator(`tr[data-row-key="${row.id}"]`).getByText('更正第1版：更正道里区病例的临床分型').waitFor();
  });
});
