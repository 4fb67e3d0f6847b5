import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDay } from '../src/test/fresh-day';
import { shots, startServer } from './browser';
import { account, apiAs, approveAndPublish, dismiss, launch, signIn } from './chromium';
import { typeDate } from './pickers';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let user: string;
let reviewer: string;
// A day of its own for each attempt, so numbering starts at 1 whatever other runs (or a first attempt the
// retry of e2e/vitest.config.ts repeats) left in the test database.
let day = '';
let md = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  user = await account(server.pool, 'cdc', '230100', '市疾控流调员');
  reviewer = await account(server.pool, 'cdc', '230100', '市疾控审核员');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a select by clicking the field itself, as a person does (a click on its label only focuses it), types, picks. */
async function pick(page: Page, label: string, value: string) {
  await page
    .locator('.ant-form-item')
    .filter({ has: page.getByLabel(label, { exact: true }) })
    .locator('.ant-select')
    .first()
    .click();
  await page.keyboard.type(value);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: value }).first().click();
}

async function enterCase(
  page: Page,
  n: number,
  c: { channel: string; residence: string; place: string; from: string; to: string },
) {
  // The case list loads its chart and rows around the drawer; let it settle so no re-render meets the typing.
  await page.waitForLoadState('networkidle');
  await page.getByTestId('new-case').click();
  await typeDate(page.locator('#reportDate'), day);
  await pick(page, '区县', '南岗区');
  await pick(page, '发现途径', c.channel);
  await page.getByLabel('现住址').fill(c.residence);
  await page.getByTestId('add-trajectory').click();
  await typeDate(page.locator('#trajectory_0_day'), day);
  await page.locator('#trajectory_0_from').fill(c.from);
  await page.locator('#trajectory_0_to').fill(c.to);
  await page.locator('#trajectory_0_name').fill(c.place);
  await page.getByTestId('save-case').click();
  await page.getByText(`已登记：确诊病例${n}`, { exact: true }).waitFor();
}

describe('the CDC reports a day', () => {
  it('enters two cases with trajectories and a contact, previews the bulletin and publishes it', async () => {
    day = freshDay();
    md = `${Number(day.slice(5, 7))}月${Number(day.slice(8))}日`;
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, server.url, user);

    await page.getByRole('menuitem', { name: '病例' }).click();
    await enterCase(page, 1, {
      channel: '集中隔离发现',
      residence: '南岗区测绘路150号',
      place: '南岗区大娘铁锅炖(汉广街店)',
      from: '00:10',
      to: '03:00',
    });
    await enterCase(page, 2, {
      channel: '社区筛查发现',
      residence: '南岗区曲线街45号',
      place: '南岗区王岗镇邮电支局',
      from: '08:20',
      to: '11:00',
    });
    // The first case's visited place has its disinfection and closure tasks; one is marked done.
    await page.getByRole('cell', { name: '南岗区测绘路150号' }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: '涉及场所处置' });
    await drawer.getByText('南岗区大娘铁锅炖(汉广街店) · 终末消毒').waitFor();
    await drawer
      .getByRole('button', { name: /完\s*成/ })
      .first()
      .click();
    await drawer.getByText('已完成').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: shots('case-detail') });
    await dismiss(page);

    await page.getByRole('menuitem', { name: '密接' }).click();
    await page.getByTestId('new-contact').click();
    await pick(page, '关联病例', `${day} 确诊病例(轻型)1`); // typing the date searches that day on the server
    await page.getByLabel('姓名').fill('李娜');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByText('已登记密切接触者').waitFor();

    await page.getByRole('menuitem', { name: '疫情通报' }).click();
    await typeDate(page.locator('.ant-picker input').first(), day);
    await page.getByTestId('preview').click();
    const text = page.getByTestId('bulletin-text');
    await expect.poll(() => text.inputValue()).toContain(`${md}哈市新增2例新冠病毒阳性感染者信息及活动轨迹`);
    const body = await text.inputValue();
    expect(body).toContain('其中确诊病例2例,集中隔离发现1例,社区筛查发现1例。');
    expect(body).toContain('00:10—03:00 南岗区大娘铁锅炖(汉广街店)');
    expect(body).toContain('08:20—11:00 南岗区王岗镇邮电支局');
    // The drafter submits; a second publisher approves and publishes (e2e/review.e2e.ts drives that in the browser).
    await page.getByTestId('submit-draft').click();
    const submitted = "SELECT id FROM bulletins WHERE day = $1 AND state = 'submitted'";
    await expect.poll(async () => (await server.pool.query(submitted, [day])).rows).toHaveLength(1);
    const draft = Number((await server.pool.query(submitted, [day])).rows[0].id);
    await approveAndPublish(await apiAs(server.url, reviewer), '/api/surveillance/bulletins', draft);
    await page.reload();
    await page.getByTestId(`state-${draft}`).filter({ hasText: '已发布' }).waitFor();
    await page.screenshot({ path: shots('bulletin'), fullPage: true });
    const stored = await server.pool.query('SELECT body, version FROM bulletins WHERE day = $1', [day]);
    expect(stored.rows).toEqual([{ body, version: 1 }]);

    // The two cases form a cluster; its chain shows both cases and the contact.
    const ids = (await server.pool.query('SELECT id FROM positives WHERE report_date = $1 ORDER BY number', [day])).rows.map(
      (r) => Number(r.id),
    );
    const cluster = await page.request.post(`${server.url}/api/surveillance/clusters`, {
      data: { name: `南岗区聚集性疫情${day}`, lineage: 'BA.5.2', positiveIds: ids },
    });
    expect(cluster.status()).toBe(200);
    await page.getByRole('menuitem', { name: '聚集性疫情' }).click();
    await page.getByRole('cell', { name: `南岗区聚集性疫情${day}` }).click();
    await page.getByText('共3个节点').waitFor();
    await page.locator('[data-testid="chain-graph"][data-drawn-ms]').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: shots('clusters') });
    await page.close();
  });
});
