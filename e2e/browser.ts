import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { type Browser, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import type { Role } from '../src/modules/auth/rules';
import { authService } from '../src/modules/auth/service';
import { buildApp } from '../src/server/app';
import { systemClock } from '../src/server/clock';
import { loadConfig } from '../src/server/config';

/** Debian's chromium, never a downloaded browser; flags that keep it off the (closed) network. */
export const launch = (): Promise<Browser> =>
  chromium.launch({
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

/** The real server (API + built console) on a free port over the test database. */
export async function startServer() {
  if (!existsSync('web/dist/index.html')) throw new Error('build the console first: npm run build:web');
  const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 10 });
  const app = await buildApp({ pool, clock: systemClock, config: loadConfig({ DATABASE_URL: inject('databaseUrl') }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { url, pool, close: async () => (await app.close(), await pool.end()) };
}

export const shots = (name: string) => {
  mkdirSync('data/screenshots', { recursive: true });
  return `data/screenshots/${name}.png`;
};

const PASSWORD = 'e2e-password-2022';

/** A new account with a random user name on the server's database; returns the user name. */
export async function account(pool: pg.Pool, role: Role, scopeCode: string, displayName: string) {
  const username = `${role}-${randomUUID().slice(0, 6)}`;
  const auth = authService({ pool, clock: systemClock, limits: { idleMinutes: 30, maxHours: 12 } });
  await auth.createUser(null, { username, displayName, password: PASSWORD, role, scopeCode });
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
