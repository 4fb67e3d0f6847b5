import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shots, startServer } from './browser';
import { account, dismiss, launch, signIn } from './chromium';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let hq: string;
let districtCdc: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  hq = await account(server.pool, 'city_hq', '230100', '市指挥部值班员');
  districtCdc = await account(server.pool, 'cdc', '230108', '平房区疾控流调员');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the console shows an account only what it may do', () => {
  it('city headquarters reads cases and bulletins but enters and publishes nothing, and may not manage accounts', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url, hq);
    // The menu is the catalogue's, filtered by the account's permissions: investigation yes, accounts no.
    await page.getByRole('menuitem', { name: '病例' }).click();
    await page.getByText('阳性感染者').waitFor();
    await page.getByText('导出病例表').waitFor();
    expect(await page.getByTestId('new-case').count()).toBe(0);
    expect(await page.getByRole('button', { name: /登记病例/ }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: '账号管理' }).count()).toBe(0);

    for (const item of ['疫情通报', '紧急提醒']) {
      await page.getByRole('menuitem', { name: item }).click();
      await page.getByTestId('preview').waitFor(); // previewing is reading: it stays
      expect(await page.getByTestId('submit-draft').count()).toBe(0);
      expect(await page.getByTestId('save-draft').count()).toBe(0);
      expect(await page.getByRole('button', { name: /^(发\s*布|审核通过|退\s*回)$/ }).count()).toBe(0);
    }

    // Opened by its address, a page the account may not open says so, and offers the way home.
    await page.goto(`${server.url}/users`);
    await page.getByText('无权访问').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: shots('forbidden-1440') });
    await page.getByRole('button', { name: /返回首页/ }).click();
    // Home for headquarters is the command overview (its first menu entry).
    await page.waitForURL(`${server.url}/overview`);
    await page.close();
  });

  it('a district CDC enters cases in its own district only, and does not publish what the whole city reads', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await signIn(page, server.url, districtCdc);
    await page.getByRole('menuitem', { name: '病例' }).click();
    await page.getByTestId('new-case').click();
    // The district field offers the account's own district, already chosen; the city's children are never asked for.
    const district = page.getByRole('dialog').locator('.ant-form-item').filter({ hasText: '区县' });
    await district.getByText('平房区').waitFor();
    const city = (await server.pool.query('SELECT id FROM territory_nodes WHERE depth = 0')).rows[0].id;
    expect(asked).not.toContain(`/api/territory/nodes/${city}/children`);
    await dismiss(page);

    await page.getByRole('menuitem', { name: '疫情通报' }).click();
    await page.getByTestId('preview').waitFor();
    expect(await page.getByTestId('submit-draft').count()).toBe(0);
    await page.getByRole('menuitem', { name: '发现途径' }).click();
    await page.getByText('病例登记和疫情通报使用的发现途径措辞').waitFor();
    expect(await page.getByRole('button', { name: /新\s*增/ }).count()).toBe(0);
    expect(await page.getByRole('switch').count()).toBe(0);
    await page.close();
  });
});
