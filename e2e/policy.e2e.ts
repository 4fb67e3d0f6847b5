import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './browser';
import { account, launch, settle, signIn } from './chromium';
import { typeDate } from './pickers';

// The test database is shared and outlives runs; other files ask which edition was in force in 2021-2022 and in
// far-future years, so the edition this file adds takes effect at a random hour of 1901-2018, where none looks.
const year = 1901 + Math.floor(Math.random() * 118);
const tag = Math.random().toString(36).slice(2, 8);
const code = `e2e-${tag}`;

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
});
// The edition this file added goes again (every console over the shared database lists every edition).
afterAll(() =>
  Promise.all([server?.pool.query('DELETE FROM policy_editions WHERE code = $1', [code]), browser?.close()]).then(() =>
    server?.close(),
  ),
);

describe('防控方案', () => {
  it('a community worker reads the edition in force on a phone, without controls to change it', async () => {
    const worker = await account(server.pool, 'community', '230108', '社区');
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, server.url, worker);
    await page.goto(`${server.url}/policy`);
    await page.getByTestId('edition-measures-10').getByText('居家隔离5天；第5天核酸检测').waitFor();
    await settle(page);
    expect(await page.getByRole('button', { name: /编辑|新增版本/ }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: 'docs/screenshots/policy-editions-390.png' });
    await page.close();
  });

  it('the city HQ reads each edition in words, the one in force marked, adds an edition through the form and edits it', async () => {
    const hq = await account(server.pool, 'city_hq', '230100', '市指挥部');
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url, hq);
    await page.getByRole('menuitem', { name: '防控方案' }).click();
    // The one in force is shown first; another is chosen by a moment (which edition did 2022-11-03 10:00 follow?)
    // or on the time line.
    await page.getByTestId('edition-measures-10').getByText('当前执行').waitFor();
    await typeDate(page.getByLabel('查询时间'), '2022-11-03 10:00');
    await page.getByText('该时刻执行：新型冠状病毒肺炎防控方案（第九版）').waitFor();
    const ninth = page.getByTestId('edition-ed9');
    await ninth.getByText('集中隔离7天+居家健康监测3天；集中隔离第1、2、3、5、7天、居家第3天核酸检测').first().waitFor();
    await ninth.getByText('高风险区连续7天无新增感染者且第7天区域内人员核酸检测全部阴性，降为中风险区').waitFor();
    await page.getByRole('button', { name: /二十条/ }).click();
    await page.getByTestId('edition-measures-20').getByText('须持48小时内核酸检测阴性证明2次（间隔至少24小时）和绿码').waitFor();
    await page.getByRole('button', { name: /第九版/ }).click();
    await settle(page);
    await page.screenshot({ path: 'docs/screenshots/policy-editions-1440.png' });

    await page.getByRole('button', { name: /新增版本/ }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByLabel('版本名称').fill(`测试方案${tag}`);
    await drawer.getByLabel('版本代码').fill(code);
    await drawer.getByLabel('来源（文件名称、发布机关、日期）').fill('端到端测试，市指挥部');
    await typeDate(drawer.getByLabel('起效时间（北京时间）'), `${year}-03-04 08:00`);
    await typeDate(drawer.getByLabel('发布日期'), `${year}-03-01`);
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'docs/screenshots/policy-edition-form-1440.png' });
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    const card = page.getByTestId(`edition-${code}`);
    await card.getByText(`${year}-03-04 08:00 起`).waitFor();
    // It started from the edition in force (the 10 measures): five days at home.
    await card.getByText('居家隔离5天；第5天核酸检测').waitFor();

    await card.getByRole('button', { name: /编辑/ }).click();
    const closeDays = drawer.locator('#closeContact_homeDays');
    await closeDays.fill('7');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await card.getByText('居家隔离7天；第5天核酸检测').waitFor();
    const at = await server.pool.query('SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND target = $2', [
      'policy.edition_update',
      `测试方案${tag}`,
    ]);
    expect(at.rows[0].n).toBe(1);
    await page.close();
  });
});
