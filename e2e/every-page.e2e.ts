import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/kit/roles';
import { addNode, shots, startServer } from './browser';
import { account, launch, settle, signIn } from './chromium';

/**
 * Every menu entry of every demo account (the roles and scopes `src/seed/demo.ts` creates), opened as its user
 * would: at 1440 px, and for the field roles at 390 px through the menu drawer too. On each page: no console
 * error, no refused or failed API request, no internal field path in any message, and no write control of a
 * module the account may only read. Each page is photographed (`data/screenshots/page-*`; the README's
 * screenshots come from here).
 */

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
const usernames = new Map<Role, string>();
/** The demo accounts' roles, and whether each is a field role (its pages are used on a phone). */
const DEMO: [Role, boolean][] = [
  ['admin', false],
  ['city_hq', false],
  ['cdc', false],
  ['district', false],
  ['street', true],
  ['community', true],
  ['sampler', true],
];

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  const tag = Math.random().toString(36).slice(2, 6);
  const street = await addNode(server.pool, '230108', 'street', `每页街道${tag}`);
  const community = await addNode(server.pool, street.code, 'community', `每页社区${tag}`);
  const scopes: Partial<Record<Role, string>> = {
    district: '230108',
    street: street.code,
    community: community.code,
    sampler: community.code,
  };
  for (const [role] of DEMO) usernames.set(role, await account(server.pool, role, scopes[role] ?? '230100', `${role}每页检查`));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** What a control says when it writes: a role that may only read a page's module must see none of these. */
const WRITE_VERBS =
  /登\s*记|新\s*增|新\s*建|导\s*入|发\s*布|提\s*交|审核|通\s*过|退\s*回|保\s*存|删\s*除|完\s*成|停\s*用|启\s*用|撤\s*销|修\s*改|编\s*辑|更\s*正|上\s*传|创\s*建/;
/** An internal field path as a validator would print it: `body.document.reportDuty`, `contacts.0.idNumber`. */
const INTERNAL_PATH = /\b(body|query|params|[a-z]+s)\.(\d+\.)?[a-z][A-Za-z]+\b/;

interface Seen {
  errors: string[];
  failed: string[];
}

/** Console errors, uncaught exceptions and API answers >= 400 since the last `take()`. */
function watch(page: Page) {
  const seen: Seen = { errors: [], failed: [] };
  page.on('console', (m) => m.type() === 'error' && seen.errors.push(m.text()));
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 400) seen.failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  return () => {
    const out = { errors: [...seen.errors], failed: [...seen.failed] };
    seen.errors.length = 0;
    seen.failed.length = 0;
    return out;
  };
}

interface Me {
  permissions: string[];
}
interface Catalogue {
  menu: { path: string; label: string; permission: string }[];
  permissions: { name: string }[];
}

/** The permissions of the module a page belongs to that change something (all but reading and revealing). */
const writesOf = (catalogue: Catalogue, pagePermission: string) => {
  const group = pagePermission.split('.')[0];
  return catalogue.permissions.map((p) => p.name).filter((n) => n.startsWith(`${group}.`) && !/\.(read|reveal)$/.test(n));
};

/** Opens the page, waits for it to settle, and checks it; returns the file its photograph went to. */
async function check(page: Page, take: () => Seen, where: string, readOnly: boolean) {
  await settle(page);
  const { errors, failed } = take();
  expect(errors, `${where}: console errors`).toEqual([]);
  expect(failed, `${where}: refused or failed requests`).toEqual([]);
  const content = page.locator('.ant-layout-content');
  expect(await content.getByText('无权访问').count(), `${where}: opened from its own menu, yet refused`).toBe(0);
  const messages = await page
    .locator('.ant-alert, .ant-message, .ant-form-item-explain, .ant-notification, .ant-result')
    .allInnerTexts();
  for (const m of messages) expect(m, `${where}: a message shows an internal path`).not.toMatch(INTERNAL_PATH);
  if (readOnly) {
    const controls = await content.locator('button:visible, [role=switch]:visible, .ant-upload:visible').allInnerTexts();
    const writes = controls.filter((t) => WRITE_VERBS.test(t));
    expect(writes, `${where}: write controls of a module the account only reads`).toEqual([]);
    expect(await content.locator('[role=switch]:visible').count(), `${where}: switches`).toBe(0);
  }
}

describe('every menu entry of every demo account', () => {
  it.each(DEMO)('%s: opens without a console error, an internal path or a write control it lacks', async (role, field) => {
    const a = { role, field, username: usernames.get(role) as string };
    {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const take = watch(page);
      await signIn(page, server.url, a.username);
      take(); // the 401 of /api/auth/me before signing in is how the console learns it must show the login form
      const { me, catalogue } = await page.evaluate(async () => ({
        me: await (await fetch('/api/auth/me')).json(),
        catalogue: await (await fetch('/api/platform/catalogue')).json(),
      }));
      const entries = (catalogue as Catalogue).menu.filter((m) => (me as Me).permissions.includes(m.permission));
      expect(entries.length, `${a.role}: menu entries`).toBeGreaterThan(0);
      const readOnly = (permission: string) => !writesOf(catalogue, permission).some((w) => (me as Me).permissions.includes(w));
      for (const entry of entries) {
        await page.locator('.ant-layout-sider').getByRole('menuitem', { name: entry.label }).click();
        await page.waitForURL(`**${entry.path}**`);
        await check(page, take, `${a.role} ${entry.path} 1440`, readOnly(entry.permission));
        await page.screenshot({ path: shots(`page${entry.path.replace(/\//g, '-')}-${a.role}-1440`) });
      }
      await page.close();
      if (!a.field) return;

      const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      const takePhone = watch(phone);
      await signIn(phone, server.url, a.username);
      takePhone();
      for (const entry of entries) {
        await phone.getByTestId('menu-button').click();
        await phone.getByTestId('menu-drawer').getByRole('menuitem', { name: entry.label }).click();
        await phone.waitForURL(`**${entry.path}**`);
        await check(phone, takePhone, `${a.role} ${entry.path} 390`, readOnly(entry.permission));
        // At 390 px nothing is wider than the screen: the page scrolls down, never sideways.
        const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
        expect(wide, `${a.role} ${entry.path} 390: page width`).toBeLessThanOrEqual(390);
        await phone.screenshot({ path: shots(`page${entry.path.replace(/\//g, '-')}-${a.role}-390`) });
      }
      await phone.close();
    }
  });
});
