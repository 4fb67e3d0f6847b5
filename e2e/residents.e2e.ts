import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../src/kit/context';
import { authService } from '../src/modules/auth/service';
import { systemClock } from '../src/server/clock';
import { createKit } from '../src/server/kit';
import { freshId, ledgerFile, row } from '../src/test/ledger-file';
import { addNode, shots, startServer } from './browser';
import { launch } from './chromium';

const PASSWORD = 'e2e-password-2021';
let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
const tag = randomUUID().slice(0, 6);
const names = { a: `宇光社区${tag}`, b: `万米社区${tag}` };
const users = { worker: `yg-${tag}`, admin: `admin-${tag}` };

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  // A street in 平房区 with two communities; a worker account for the first, and a city admin (the audit log is city-wide).
  const street = await addNode(server.pool, '230108', 'street', `平盛街道${tag}`);
  const a = await addNode(server.pool, street.code, 'community', names.a);
  await addNode(server.pool, street.code, 'community', names.b);
  const asSystem = system(createKit(server.pool, systemClock));
  await authService.createUser(asSystem, {
    username: users.worker,
    displayName: '杨晓光',
    password: PASSWORD,
    role: 'community',
    scopeCode: a.code,
  });
  await authService.createUser(asSystem, {
    username: users.admin,
    displayName: '管理员',
    password: PASSWORD,
    role: 'admin',
    scopeCode: '230100',
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function login(page: Page, username: string) {
  await page.goto(server.url);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page
    .getByRole('button', { name: '登 录' })
    .or(page.getByRole('button', { name: '登录' }))
    .click();
  await page.getByTestId('whoami').waitFor();
}

describe('a community worker maintains the residents ledger', () => {
  const ids = [freshId(), freshId(), freshId()];
  const good = [
    row('郭海川', ids[0]!),
    row('曾凡辉', ids[1]!, { room: '102' }),
    row('王剑波', ids[2]!, { room: '201', tags: '独居老人' }),
  ];

  it('logs in and sees only its own community', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
    await login(page, users.worker);
    await expect(page.getByTestId('whoami').textContent()).resolves.toContain(names.a);
    await page.getByRole('heading', { name: new RegExp(names.a) }).waitFor();
    expect(await page.content()).not.toContain(names.b);
    await page.screenshot({ path: shots('territory-community'), fullPage: true });
    await page.close();
  });

  it('uploads a ledger with one bad row, is told the row and column, and nothing is written', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 }, acceptDownloads: true });
    await login(page, users.worker);
    await page.getByRole('menuitem', { name: '居民台账' }).click();
    const badId = `${ids[1]!.slice(0, 17)}${ids[1]![17] === '0' ? '1' : '0'}`;
    const file = `data/screenshots/bad-${tag}.xlsx`;
    writeFileSync(file, await ledgerFile([good[0]!, row('曾凡辉', badId, { room: '102' }), good[2]!]));
    await page.locator('input[type=file]').setInputFiles(file);
    const issues = page.getByTestId('import-issues');
    await issues.waitFor();
    const text = await issues.textContent();
    expect(text).toContain('居民台账');
    expect(text).toContain('B（身份证号）');
    expect(text).toContain('身份证号校验位错误');
    await expect(page.getByRole('dialog').textContent()).resolves.toContain('未写入任何数据');
    await page.waitForTimeout(500); // let the dialog's opening animation finish before the screenshot
    await page.screenshot({ path: shots('import-refused') });
    // The refusal as a spreadsheet to fix the file by: each bad cell with its 错误原因.
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-report').click()]);
    expect(report.suggestedFilename()).toBe('居民台账错误报告.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await report.path()) as string);
    const cells: string[] = [];
    wb.worksheets[0]?.eachRow((r) => cells.push(...(r.values as string[]).slice(1).map(String)));
    expect(cells).toContain('错误原因');
    expect(cells).toContain('身份证号校验位错误');
    await page.getByRole('button', { name: /close|关闭/i }).click();
    const n = await server.pool.query('SELECT count(*)::int AS n FROM people WHERE id_number = ANY($1)', [ids]);
    expect(n.rows[0].n).toBe(0);
    await page.close();
  });

  it('uploads the corrected file and the residents appear', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
    await login(page, users.worker);
    await page.getByRole('menuitem', { name: '居民台账' }).click();
    const file = `data/screenshots/good-${tag}.xlsx`;
    writeFileSync(file, await ledgerFile(good));
    await page.locator('input[type=file]').setInputFiles(file);
    // A dry run first: what the import would do, and the compound it would create, before anything is written.
    const confirm = page.getByTestId('import-confirm');
    await confirm.getByText('共3行，新增3人').waitFor();
    expect(await confirm.textContent()).toContain('新建小区');
    expect((await server.pool.query('SELECT count(*)::int AS n FROM people WHERE id_number = ANY($1)', [ids])).rows[0].n).toBe(0);
    await page.waitForTimeout(400);
    await page.screenshot({ path: shots('import-confirm') });
    await confirm.getByRole('button', { name: /确认导入/ }).click();
    await page.getByText('导入成功：共3行，新增3人').waitFor();
    await page.getByText('共 3 人').waitFor();
    for (const name of ['郭海川', '曾凡辉', '王剑波']) await page.getByRole('cell', { name }).waitFor();
    await page.getByRole('cell', { name: ids[0]! }).waitFor();
    await page.screenshot({ path: shots('residents'), fullPage: true });
    await page.close();
  });

  it('downloads the ledger through the streamed export and it holds the three residents', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 }, acceptDownloads: true });
    await login(page, users.worker);
    await page.getByRole('menuitem', { name: '居民台账' }).click();
    await page.getByText('共 3 人').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    expect(download.suggestedFilename()).toBe('居民台账.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path()) as string);
    const names: string[] = [];
    wb.worksheets[0]?.eachRow((r, n) => {
      if (n > 1) names.push(String(r.getCell(1).value));
    });
    expect(names.sort()).toEqual(['曾凡辉', '王剑波', '郭海川'].sort());
    await page.getByText('导出完成').waitFor();
    await page.close();
  });

  it('the admin’s audit page shows the worker’s unmasked reads', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
    await login(page, users.admin);
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.getByPlaceholder('账号').fill(users.worker);
    await page.getByPlaceholder('账号').press('Enter');
    await page.getByRole('cell', { name: '查看居民完整信息' }).first().waitFor();
    for (const name of ['郭海川', '曾凡辉', '王剑波']) await page.getByRole('cell', { name }).first().waitFor();
    // Each row reads as a sentence: where the numbers were seen, and whose.
    await page
      .getByRole('cell', { name: /^在居民(列表|详情)中查看 .+ 的完整身份证号和电话$/ })
      .first()
      .waitFor();
    await page.screenshot({ path: shots('audit'), fullPage: true });
    await page.close();
  });
});
