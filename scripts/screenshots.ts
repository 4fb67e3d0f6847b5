/**
 * Screenshots of the console's pages for the README and for review. First every menu entry of every demo account
 * (docs/screenshots/page-<entry>-<role>-<width>.png: 1440 px, and 390 px for the field roles, whose pages are used
 * on a phone), walked from the server's own catalogue so a new page is photographed without a change here; then
 * the states worth showing (a preview, a chain graph, the map). Run against a started server with the demo city:
 * npx tsx scripts/screenshots.ts [http://localhost:3000]
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launch, settle } from '../e2e/chromium';

const base = process.argv[2] ?? 'http://localhost:3000';
const out = 'docs/screenshots';
mkdirSync(out, { recursive: true });
const browser = await launch();

/** A page to shoot: its path, the file name, and what to do on it first (open a record, make a preview). */
type Shot = [string, string, ((page: Page) => Promise<void>)?];

async function shoot(user: string, pages: Shot[], width: number, height: number) {
  const ctx = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  const page = await ctx.newPage();
  await page.goto(base);
  if (pages.some(([p]) => p === 'login')) await page.screenshot({ path: `${out}/login-${width}.png` });
  await page.getByLabel('用户名').fill(user);
  await page.getByLabel('密码').fill('Fangyi@2021');
  await page.getByLabel('密码').press('Enter');
  await page.getByTestId('whoami').waitFor();
  for (const [path, name, act] of pages.filter(([p]) => p !== 'login')) {
    await page.goto(`${base}${path}`);
    await page.waitForLoadState('networkidle');
    await act?.(page);
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${out}/${name}-${width}.png`, fullPage: true });
  }
  await ctx.close();
}

/** Every menu entry the account has, from the catalogue and its permissions, photographed as it first opens. */
async function everyPage(user: string, role: string, width: number, height: number) {
  const ctx = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  const page = await ctx.newPage();
  await page.goto(base);
  await page.getByLabel('用户名').fill(user);
  await page.getByLabel('密码').fill('Fangyi@2021');
  await page.getByLabel('密码').press('Enter');
  await page.getByTestId('whoami').waitFor();
  const entries = await page.evaluate(async () => {
    const me = await (await fetch('/api/auth/me')).json();
    const catalogue = await (await fetch('/api/platform/catalogue')).json();
    return (catalogue.menu as { path: string; permission: string }[]).filter((m) => me.permissions.includes(m.permission));
  });
  for (const { path } of entries) {
    await page.goto(`${base}${path}`);
    await page.getByTestId('whoami').waitFor();
    await settle(page);
    await page.waitForTimeout(800); // charts animate in
    await page.screenshot({ path: `${out}/page${path.replace(/\//g, '-')}-${role}-${width}.png` });
  }
  await ctx.close();
}
const DEMO: [string, string, boolean][] = [
  ['admin', 'admin', false],
  ['hq', 'city_hq', false],
  ['cdc', 'cdc', false],
  ['pingfang', 'district', false],
  ['street', 'street', true],
  ['community', 'community', true],
  ['sampler', 'sampler', true],
];
for (const [user, role, field] of DEMO) {
  await everyPage(user, role, 1440, 900);
  if (field) await everyPage(user, role, 390, 844);
  console.log(`${role}: every page photographed`);
}

await shoot(
  'admin',
  [
    ['login', ''],
    ['/territory', 'territory-city'],
    ['/audit', 'audit'],
  ],
  1366,
  860,
);
await shoot('pingfang', [['/territory', 'territory-district']], 1366, 860);
await shoot(
  'cdc',
  [
    ['/cases', 'cases'],
    ['/contacts', 'contacts'],
    [
      '/clusters',
      'clusters',
      async (page) => {
        await page.getByRole('cell', { name: '香坊区聚集性疫情' }).click();
        await page.locator('[data-testid="chain-graph"][data-drawn-ms]').waitFor();
      },
    ],
    [
      '/bulletin',
      'bulletin',
      // The demo outbreak day in the press-summary template: seed 003's figures.
      async (page) => {
        await page.locator('.ant-picker input').first().fill('2022-11-29');
        await page.locator('.ant-picker input').first().press('Enter');
        await page.getByRole('spinbutton').nth(1).fill('15');
        await page.locator('.ant-select').first().click();
        await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '发布会汇总' }).click();
        await page.getByTestId('preview').click();
        await page.getByTestId('bulletin-text').filter({ hasText: '59例' }).waitFor();
      },
    ],
    ['/reminder', 'reminder'],
    ['/channels', 'channels'],
  ],
  1366,
  860,
);
await shoot(
  'community',
  [
    ['/territory', 'territory-community'],
    ['/people', 'residents'],
    ['/vulnerable', 'vulnerable'],
  ],
  1366,
  860,
);
// What headquarters sees: the CDC's records without its entry, status and publishing controls, and 无权访问
// for a page its role does not open.
await shoot(
  'hq',
  [
    ['/cases', 'cases-hq'],
    ['/contacts', 'contacts-hq'],
    ['/bulletin', 'bulletin-hq'],
    ['/channels', 'channels-hq'],
    ['/place-tasks', 'place-tasks-hq'],
    ['/users', 'forbidden'],
  ],
  1440,
  900,
);
// A street account reads its residents masked: an age instead of the birth date, ID numbers and phones hidden.
await shoot('street', [['/people', 'residents-masked']], 1366, 860);
// The sampler's console: only what its role opens.
await shoot('sampler', [['/territory', 'territory-sampler']], 390, 844);
// The demo's visited places lie outside 平房区, so the city CDC shows the place tasks with their 完成 buttons.
await shoot('cdc', [['/place-tasks', 'place-tasks']], 1440, 900);
await shoot('cdc', [['/place-tasks', 'place-tasks']], 390, 844);
await shoot('hq', [['/place-tasks', 'place-tasks-hq']], 390, 844);
await shoot(
  'community',
  [
    ['login', ''],
    ['/people', 'residents'],
    ['/territory', 'territory-community'],
  ],
  390,
  844,
);
// The command overview, where headquarters and districts land: the map drawn, desktop and phone.
const mapDrawn = async (page: Page) => {
  await page.locator('[data-testid="district-map"][data-drawn]').waitFor();
  await page.waitForTimeout(1500);
};
for (const [width, height] of [
  [1440, 900],
  [390, 844],
] as const) {
  await shoot('hq', [['/overview', 'overview-city_hq', mapDrawn]], width, height);
  await shoot('pingfang', [['/overview', 'overview-district', mapDrawn]], width, height);
}
await browser.close();
console.log(`screenshots in ${out}/`);
