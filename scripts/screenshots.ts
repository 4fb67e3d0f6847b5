/**
 * Screenshots of the console's pages for the README and for review: desktop width, and phone width for the
 * pages field workers open. Run against a started server: npx tsx scripts/screenshots.ts [http://localhost:3000]
 */
import { mkdirSync } from 'node:fs';
import { launch } from '../e2e/browser';

const base = process.argv[2] ?? 'http://localhost:3000';
const out = 'docs/screenshots';
mkdirSync(out, { recursive: true });
const browser = await launch();

async function shoot(user: string, pages: [string, string][], width: number, height: number) {
  const ctx = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  const page = await ctx.newPage();
  await page.goto(base);
  if (pages.some(([p]) => p === 'login')) await page.screenshot({ path: `${out}/login-${width}.png` });
  await page.getByLabel('用户名').fill(user);
  await page.getByLabel('密码').fill('Fangyi@2021');
  await page.getByLabel('密码').press('Enter');
  await page.getByTestId('whoami').waitFor();
  for (const [path, name] of pages.filter(([p]) => p !== 'login')) {
    await page.goto(`${base}${path}`);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${out}/${name}-${width}.png`, fullPage: true });
  }
  await ctx.close();
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
  'community',
  [
    ['/territory', 'territory-community'],
    ['/people', 'residents'],
    ['/vulnerable', 'vulnerable'],
  ],
  1366,
  860,
);
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
await browser.close();
console.log(`screenshots in ${out}/`);
