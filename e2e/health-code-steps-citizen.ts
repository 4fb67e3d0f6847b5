import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

// The citizen's steps on the health code's phone pages (/public/code, a venue's /v/<code>), for the chained
// end-to-end test.

const LOGS = path.resolve('data/test-logs');

/** Where each server log file ends now: the next code is read after it. */
const marks = () =>
  new Map(existsSync(LOGS) ? readdirSync(LOGS).map((f) => [f, statSync(path.join(LOGS, f)).size] as const) : []);

/** The first one-time code the default SMS gateway logged after `from` (healthcode/citizen/sms.ts). */
async function nextCode(from: Map<string, number>, ms = 10_000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    for (const f of existsSync(LOGS) ? readdirSync(LOGS) : []) {
      const text = readFileSync(path.join(LOGS, f))
        .subarray(from.get(f) ?? 0)
        .toString('utf8');
      for (const line of text.split('\n'))
        if (line.includes('citizen sign-in code')) {
          const code = (JSON.parse(line) as { sms?: { code?: string } }).sms?.code;
          if (code) return code;
        }
    }
    if (Date.now() > until) throw new Error('no sign-in code in the server log');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Signs a resident in on the citizens' page: the ID number, 获取验证码, the code read from the server's log (the
 * default SMS gateway writes it there), 登录; waits for the colour band. The page is left on the code.
 */
export async function signInCitizen(page: Page, url: string, idNumber: string) {
  await page.goto(`${url}/public/code`);
  await fillCitizenSignIn(page, idNumber);
  await page.getByTestId('citizen-colour').waitFor();
}

/** Fills the citizens' sign-in form shown on the page (市民登录, on /public/code or /v/<code>) and sends it. */
export async function fillCitizenSignIn(page: Page, idNumber: string) {
  await page.getByTestId('citizen-id').fill(idNumber);
  const from = marks();
  await page.getByTestId('citizen-ask').click();
  await page.getByText('验证码已发送').waitFor();
  await page.getByTestId('citizen-code').fill(await nextCode(from));
  await page.getByTestId('citizen-sign-in').click();
}

/** What /v/<code> showed: pass or stop, the big line (通行 / 请止步：…), the time it is stored under, the venue. */
export interface ShownVerdict {
  pass: boolean;
  headline: string;
  at: string;
  venue: string;
}

/**
 * Opens a venue's printed code as a phone's camera does (`<url>/v/<code>`); signed out, signs `idNumber` in on the
 * form it shows first. Resolves with the verdict the page shows once the scan is answered.
 */
export async function scanVenueCode(page: Page, url: string, code: string, idNumber: string): Promise<ShownVerdict> {
  await page.goto(`${url}/v/${code}`);
  const verdict = page.getByTestId('scan-verdict');
  await verdict.or(page.getByTestId('citizen-id')).waitFor();
  if (!(await verdict.isVisible())) {
    await page.getByText('请先登录，登录后自动完成场所码登记').waitFor();
    await fillCitizenSignIn(page, idNumber);
  }
  await verdict.waitFor();
  return {
    pass: (await verdict.getAttribute('data-pass')) === 'true',
    headline: (await page.getByTestId('scan-headline').textContent()) ?? '',
    at: (await verdict.getAttribute('data-at')) ?? '',
    venue: (await page.getByTestId('scan-venue').textContent()) ?? '',
  };
}
