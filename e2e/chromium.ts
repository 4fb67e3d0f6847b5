import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { type APIRequestContext, type Browser, chromium, type Page, request } from 'playwright-core';
import { system } from '../src/kit/context';
import type { Role } from '../src/kit/roles';
import { authService } from '../src/modules/auth/service';
import { systemClock } from '../src/server/clock';
import { createKit } from '../src/server/kit';

// The browser side of the end-to-end tests and of the drawing benchmark, free of the test runner.

/** The browsers launched and not yet closed: a failed test's pages are printed from them (failure-report.ts). */
export const openBrowsers = new Set<Browser>();

/** Debian's chromium, never a downloaded browser; flags that keep it off the (closed) network. */
export async function launch(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  openBrowsers.add(browser);
  browser.on('disconnected', () => openBrowsers.delete(browser));
  return browser;
}

const PASSWORD = 'e2e-password-2022';

/** A new account with a random user name on the server's database; returns the user name. */
export async function account(pool: pg.Pool, role: Role, scopeCode: string, displayName: string) {
  const username = `${role}-${randomUUID().slice(0, 6)}`;
  await authService.createUser(system(createKit(pool, systemClock)), {
    username,
    displayName,
    password: PASSWORD,
    role,
    scopeCode,
  });
  return username;
}

/** Signs in through the login page and waits for the shell. */
export async function signIn(page: Page, url: string, username: string) {
  await page.goto(url);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByLabel('密码').press('Enter');
  await page.getByTestId('whoami').waitFor();
}

/** An API client signed in as `username` (a second account acting beside the page's). */
export async function apiAs(url: string, username: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: url });
  const res = await api.post('/api/auth/login', { data: { username, password: PASSWORD } });
  if (res.status() !== 200) throw new Error(`login ${username}: ${res.status()}`);
  return api;
}

/** Approves and publishes version `id` of `base` as the signed-in `reviewer` (the second pair of eyes). */
export async function approveAndPublish(reviewer: APIRequestContext, base: string, id: number) {
  for (const step of ['approve', 'publish']) {
    const res = await reviewer.post(`${base}/${id}/${step}`, { data: {} });
    if (res.status() !== 200) throw new Error(`${step} ${base}/${id}: ${res.status()} ${await res.text()}`);
  }
}

/**
 * Closes the drawer or modal on top with Escape and waits until it has gone: its closing animation ends by giving
 * the focus back to what opened it, which would otherwise blur (and close, empty) a picker the test opens next.
 */
export async function dismiss(page: Page) {
  await page.keyboard.press('Escape');
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.ant-drawer-content-wrapper, .ant-modal-wrap')].every((e) => !e.checkVisibility()),
  );
}

/**
 * Resolves once the page has had no request in flight for `quietMs` (at most `timeoutMs`). Playwright's
 * `waitForLoadState('networkidle')` resolves at once when the navigation's idle moment has passed, so a page whose
 * code and data load after a click in the menu (no navigation) would be read before it is drawn.
 */
export async function settle(page: Page, quietMs = 600, timeoutMs = 30_000) {
  let inFlight = 0;
  let last = performance.now();
  const start = () => {
    inFlight++;
    last = performance.now();
  };
  const end = () => {
    inFlight = Math.max(0, inFlight - 1);
    last = performance.now();
  };
  page.on('request', start);
  page.on('requestfinished', end);
  page.on('requestfailed', end);
  try {
    const until = performance.now() + timeoutMs;
    while (performance.now() < until) {
      await page.waitForTimeout(100);
      if (inFlight === 0 && performance.now() - last >= quietMs) return;
    }
  } finally {
    page.off('request', start);
    page.off('requestfinished', end);
    page.off('requestfailed', end);
  }
}
