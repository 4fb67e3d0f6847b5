import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shots, startServer } from './browser';
import { account, launch, signIn } from './chromium';

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

describe('设备令牌', () => {
  it('a sampler makes a token for a scanner, sees it once, the scanner uses it, and revoking it stops it at once', async () => {
    const sampler = await account(server.pool, 'sampler', '230108', '扫码员');
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url, sampler);
    await page.getByRole('menuitem', { name: '设备令牌' }).click();
    await page.getByText('尚未创建设备令牌').waitFor();
    await page.getByRole('button', { name: /新建令牌/ }).click();
    await page.getByLabel('设备名称').fill('1号扫码枪');
    await page.getByRole('button', { name: /^创\s*建$/ }).click();
    await page.getByText('令牌只显示这一次').waitFor();
    const token = (await page.locator('.ant-modal code').innerText()).trim();
    expect(token).toMatch(/^fy_/);
    await page.waitForTimeout(500); // the form's modal closing
    await page.screenshot({ path: shots('tokens-made-1440') });

    const asScanner = () => fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await asScanner()).status).toBe(200);

    await page.getByRole('button', { name: /我已妥善保存/ }).click();
    await page.getByRole('cell', { name: '1号扫码枪' }).waitFor();
    await page.getByText('有效').waitFor();
    await page.getByRole('button', { name: /^吊\s*销$/ }).click();
    await page
      .getByRole('tooltip')
      .getByRole('button', { name: /^吊\s*销$/ })
      .click();
    await page.getByText(/^已吊销/).waitFor();
    await page.screenshot({ path: shots('tokens-1440') });
    expect((await asScanner()).status).toBe(401);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: shots('tokens-390') });
    await page.close();
  });
});
