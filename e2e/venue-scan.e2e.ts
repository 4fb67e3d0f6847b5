import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../src/kit/context';
import { contextForAccount } from '../src/modules/auth/actor';
import { coloursService } from '../src/modules/healthcode/colours/service';
import { correctionsService } from '../src/modules/healthcode/corrections/service';
import { venuesService } from '../src/modules/healthcode/venues/service';
import { LOAD } from '../src/modules/healthcode/verify/shedding';
import { systemClock } from '../src/server/clock';
import { createKit } from '../src/server/kit';
import { freshId } from '../src/test/ledger-file';
import { shots, startServer, streetCommunity } from './browser';
import { account, launch } from './chromium';
import { scanVenueCode } from './health-code-steps-citizen';

// A citizen scans a venue's printed code with the phone's camera: /v/<code>, signed out first, at 390 px.

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let context: BrowserContext;
let page: Page;
const tag = randomUUID().slice(0, 6);
const green = freshId();
const yellow = freshId();
const venueName = `红旗超市${tag}`;
let venueId: number;
let venueCode: string;
let people: { green: number; yellow: number };

const scansOf = async (personId: number) =>
  Number(
    (await server.pool.query('SELECT count(*) FROM venue_scans WHERE venue_id = $1 AND person_id = $2', [venueId, personId]))
      .rows[0].count,
  );

const phone = async () => {
  await context?.close();
  context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  page = await context.newPage();
};

const widthFits = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

/**
 * A community with a supermarket (the default rule: green and a negative test within 72 hours) registered by its
 * worker; two residents with phones: one tested negative 20 hours ago (green), one turned yellow by the
 * community's health-code administrator.
 */
beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  const { node, community } = await streetCommunity(server.pool, tag);
  const household = await node(community.id, 'household', '1-101');
  const insert = async (idNumber: string, name: string, phoneNumber: string) =>
    Number(
      (
        await server.pool.query(
          `INSERT INTO people (id_number, name, sex, birth_date, phone, household_id, terr_path)
           VALUES ($1, $2, 'F', '1975-03-02', $3, $4, $5) RETURNING id`,
          [idNumber, name, phoneNumber, household.id, household.path],
        )
      ).rows[0].id,
    );
  people = { green: await insert(green, '刘淑芬', '13812340001'), yellow: await insert(yellow, '赵永刚', '13812340002') };
  const kit = createKit(server.pool, systemClock);
  const worker = await account(server.pool, 'community', community.code, '场所码管理员');
  const workerCtx = await contextForAccount(kit, worker, 'e2e');
  const venue = await venuesService.create(workerCtx, {
    kind: 'supermarket',
    name: venueName,
    nodeId: community.id,
  });
  venueId = venue.id;
  venueCode = venue.code;
  await coloursService.negativeTests(
    system(kit),
    [{ personId: people.green, terrPath: household.path, sampledAt: new Date(Date.now() - 20 * 3_600_000) }],
    'e2e',
  );
  // Yellow by the community's health-code administrator (one person, not red: applied at once), whatever the
  // edition in force colours (the 10 measures leave a missed round green).
  await correctionsService.request(workerCtx, {
    personIds: [people.yellow],
    colour: 'yellow',
    reason: '未按要求参加第3轮全员核酸检测',
  });
  await phone();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a citizen scans a printed venue code (/v/<code>) on a phone, 390 px', () => {
  it('signed out: signs in on the page, then sees 通行 with the venue’s name, large; the scan is stored once', async () => {
    await page.goto(`${server.url}/v/${venueCode}`);
    await page.getByText('请先登录，登录后自动完成场所码登记').waitFor();
    await widthFits();
    await page.screenshot({ path: shots('venue-scan-sign-in-390') });
    const shown = await scanVenueCode(page, server.url, venueCode, green);
    expect(shown).toMatchObject({ pass: true, headline: '通行', venue: venueName });
    expect(await page.getByTestId('scan-colour').getAttribute('data-colour')).toBe('green');
    await page
      .getByTestId('scan-negative')
      .getByText(/距最近一次核酸阴性 (19\.\d|20(\.0)?) 小时/)
      .waitFor();
    await page.getByTestId('scan-time').getByText('北京时间').waitFor();
    await page.getByText('刘*').waitFor();
    await widthFits();
    await page.screenshot({ path: shots('venue-scan-pass-390'), fullPage: true });
    expect(await scansOf(people.green)).toBe(1);

    // Reloaded (or scanned again) within the minute: the same scan, not a second one.
    await page.reload();
    await page.getByTestId('scan-verdict').waitFor();
    const again = (await page.getByTestId('scan-verdict').getAttribute('data-at')) ?? '';
    expect(await scansOf(people.green)).toBe(again === shown.at ? 1 : 2);
    // On a desktop too (the page keeps to the phone's column).
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: shots('venue-scan-pass-1440') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('scan-my-code').click();
    await page.getByTestId('citizen-colour').waitFor();
  });

  it('a yellow person at the same venue sees 请止步：黄码 with the reason', async () => {
    await phone();
    const shown = await scanVenueCode(page, server.url, venueCode, yellow);
    expect(shown).toMatchObject({ pass: false, headline: '请止步：黄码', venue: venueName });
    expect(await page.getByTestId('scan-colour').getAttribute('data-colour')).toBe('yellow');
    await page.getByTestId('scan-reasons').getByText('健康码管理员更正：未按要求参加第3轮全员核酸检测').waitFor();
    await page.getByTestId('scan-negative').getByText('无核酸阴性记录').waitFor();
    await widthFits();
    await page.screenshot({ path: shots('venue-scan-stop-390'), fullPage: true });
    expect(await scansOf(people.yellow)).toBe(1);
  });

  it('an unknown code is refused in Chinese with 重试, never a blank page', async () => {
    await page.goto(`${server.url}/v/V0000000000000`);
    await page.getByTestId('scan-refused').getByText('未找到该场所码').waitFor();
    await page.getByTestId('scan-retry').waitFor();
    await widthFits();
    await page.screenshot({ path: shots('venue-scan-unknown-390'), fullPage: true });
    await page.getByTestId('scan-retry').click();
    await page.getByTestId('scan-refused').getByText('未找到该场所码').waitFor();
  });

  it('shed under load (a real 429 with Retry-After): 核验繁忙 and a countdown on 重试, then the verdict', async () => {
    const shed = LOAD.shedInFlight;
    LOAD.shedInFlight = 0; // every scan is over capacity: the server's own shedding refuses it
    try {
      await page.goto(`${server.url}/v/${venueCode}`);
      await page.getByTestId('scan-refused').getByText('核验繁忙，请稍后重试').waitFor();
      await page.getByTestId('scan-retry').getByText('1秒后重试').waitFor();
      await widthFits();
      await page.screenshot({ path: shots('venue-scan-busy-390'), fullPage: true });
    } finally {
      LOAD.shedInFlight = shed;
    }
    const retry = page.getByTestId('scan-retry');
    await retry.getByText(/^重\s*试$/).waitFor();
    await retry.click();
    await page.getByTestId('scan-verdict').waitFor();
    expect(await page.getByTestId('scan-headline').textContent()).toBe('请止步：黄码');
  });
});
