import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextForAccount } from '../src/modules/auth/actor';
import { healthKeys } from '../src/modules/healthcode/keys';
import { issueToken } from '../src/modules/healthcode/tokens';
import { labTime, resultRow, resultsCsv } from '../src/modules/testing/lab/fixtures';
import { roundsService } from '../src/modules/testing/rounds/service';
import { samplingService } from '../src/modules/testing/sampling/service';
import { systemClock } from '../src/server/clock';
import { createKit } from '../src/server/kit';
import { freshId } from '../src/test/ledger-file';
import { addNode, shots, startServer } from './browser';
import { account, launch, signIn } from './chromium';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let sampler: string;
let worker: string;
let ids: string[];
let roundName: string;
const tag = randomUUID().slice(0, 6);

/** A compound of 平房区 with 25 residents in one building, and a 10混1 round over it opened by the city HQ. */
beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  const street = await addNode(server.pool, '230108', 'street', `平盛街道${tag}`);
  const community = await addNode(server.pool, street.code, 'community', `光华社区${tag}`);
  const compound = await addNode(server.pool, community.code, 'compound', `光华小区${tag}`);
  const building = await addNode(server.pool, compound.code, 'building', '1栋');
  const unit = await addNode(server.pool, building.code, 'unit', '1单元');
  ids = [];
  for (let i = 0; i < 9; i++) {
    const household = await addNode(server.pool, unit.code, 'household', String(101 + i * 100));
    const path = (await server.pool.query('SELECT path FROM territory_nodes WHERE id = $1', [household.id])).rows[0].path;
    const three = [freshId(), freshId(), freshId()];
    await server.pool.query(
      `INSERT INTO people (id_number, name, sex, birth_date, household_id, terr_path)
       SELECT x, '张三丰', 'M', '1980-01-01', $2, $3 FROM unnest($1::text[]) AS x`,
      [three, household.id, path],
    );
    ids.push(...three);
  }
  // Two bedridden residents: the round's door-to-door tasks (上门采样).
  await server.pool.query(`UPDATE people SET tags = '{bedridden}' WHERE id_number = ANY($1::text[])`, [ids.slice(24, 26)]);
  const hq = await account(server.pool, 'city_hq', '230100', '市指挥部');
  const hqCtx = await contextForAccount(createKit(server.pool, systemClock), hq, 'e2e');
  const number = 1 + Math.floor(Math.random() * 99);
  const { id: roundId } = await roundsService.createRound(hqCtx, {
    number,
    nodeIds: [compound.id],
    startsAt: new Date(Date.now() - 3600_000).toISOString(),
    defaultMode: 'pool10',
  });
  await samplingService.doorTasks(hqCtx, roundId);
  roundName = (
    await server.pool.query('SELECT name FROM testing_rounds WHERE terr_path LIKE $1 AND number = $2', [
      `%${compound.id}/`,
      number,
    ])
  ).rows[0]?.name;
  sampler = await account(server.pool, 'sampler', community.code, '光华社区采样员');
  worker = await account(server.pool, 'community', community.code, '光华社区工作人员');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Types into the scan input and presses Enter, as a barcode scanner acting as a keyboard does. */
async function scan(page: Page, value: string) {
  const input = page.getByLabel('扫码输入');
  await input.fill(value);
  await input.press('Enter');
}

describe('a sampler on a cheap phone', () => {
  let context: BrowserContext;
  let page: Page;

  it('fills two 10-person tubes, the second closing itself at 10, and is told a person was sampled already', async () => {
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    page = await context.newPage();
    await signIn(page, server.url, sampler);
    await page.goto(`${server.url}/sampling`);
    await page.getByLabel('检测轮次').click();
    await page.getByTitle(roundName).click();
    // A person scanned before any tube is opened is told so on the phone, and nothing is queued.
    await scan(page, ids[0] as string);
    await page.getByTestId('scan-hint').getByText('未开管：请先扫描管码开管').waitFor();
    await scan(page, `T${tag}A`);
    expect(await page.getByTestId('scan-hint').count()).toBe(0);
    for (const id of ids.slice(0, 7)) await scan(page, id);
    await page.getByTestId('tube-fill').getByText('7/10').waitFor();
    await page.getByText('已联网，全部已上传').waitFor();
    await page.screenshot({ path: shots('sampling-360-filling') });
    for (const id of ids.slice(7, 10)) await scan(page, id);
    await page.getByTestId('tube-fill').getByText('已满封管').waitFor();
    await page.getByText('成功 10/10 已封管').waitFor();
    await scan(page, `T${tag}B`);
    for (const id of ids.slice(10, 20)) await scan(page, id);
    await page.getByText('成功 10/10 已封管').nth(1).waitFor();
    await scan(page, `T${tag}C`);
    await scan(page, ids[3] as string);
    await page.getByTestId('scan-outcome').first().getByText('已在本轮采样').waitFor();
    await page.screenshot({ path: shots('sampling-360-refused') });
    const n = await server.pool.query(
      `SELECT t.barcode, t.size, t.closed_at IS NOT NULL AS closed FROM tubes t WHERE t.barcode LIKE $1 ORDER BY barcode`,
      [`T${tag}%`.toUpperCase()],
    );
    expect(n.rows).toEqual([
      { barcode: `T${tag}A`.toUpperCase(), size: 10, closed: true },
      { barcode: `T${tag}B`.toUpperCase(), size: 10, closed: true },
      { barcode: `T${tag}C`.toUpperCase(), size: 0, closed: false },
    ]);
  });

  it('queues a scan made offline and sends it when the connection returns', async () => {
    await context.setOffline(true);
    await scan(page, ids[20] as string);
    await page.getByText('离线：1 条待上传').waitFor();
    await page.getByTestId('scan-outcome').first().getByText('待上传').waitFor();
    await page.screenshot({ path: shots('sampling-360-offline') });
    await context.setOffline(false);
    await page.getByText('已联网，全部已上传').waitFor();
    await page.getByTestId('scan-outcome').first().getByText('成功 1/10').waitFor();
    const n = await server.pool.query(
      'SELECT count(*)::int AS n FROM samples s JOIN people p ON p.id = s.person_id WHERE p.id_number = $1',
      [ids[20]],
    );
    expect(n.rows[0].n).toBe(1);
    await page.screenshot({ path: shots('sampling-360-back-online') });
  });

  it('samples a person by the QR of their health code (the signed token), and refuses one expired', async () => {
    const keys = await healthKeys(createKit(server.pool, systemClock));
    const tokenOf = async (idNumber: string, minutesAgo: number) => {
      const personId = Number((await server.pool.query('SELECT id FROM people WHERE id_number = $1', [idNumber])).rows[0].id);
      const issuedAt = new Date(Date.now() - minutesAgo * 60_000);
      return issueToken(keys, { personId, colour: 'green', version: 0, name: '张**', issuedAt });
    };
    await scan(page, await tokenOf(ids[21] as string, 0));
    await page.getByTestId('scan-outcome').first().getByText('成功 2/10').waitFor();
    await scan(page, await tokenOf(ids[22] as string, 10));
    await page.getByTestId('scan-outcome').first().getByText('健康码已过期，请刷新后再扫').waitFor();
    await page.screenshot({ path: shots('sampling-360-health-code') });
    const n = await server.pool.query(
      'SELECT p.id_number FROM samples s JOIN people p ON p.id = s.person_id WHERE p.id_number = ANY($1::text[])',
      [ids.slice(21, 23)],
    );
    expect(n.rows.map((x) => x.id_number)).toEqual([ids[21]]);
  });

  it('lists a squad’s door-to-door tasks by building and floor', async () => {
    await page.getByRole('tab', { name: '上门' }).click();
    await page.getByText('行动不便').first().waitFor();
    await expect.poll(() => page.getByText('未采样').count()).toBe(2);
    await page.screenshot({ path: shots('sampling-360-door') });
    await context.close();
  });
});

describe('after the sampling: the lab, the retests and the door knockers', () => {
  it("a lab's file with one positive tube flags its ten people with ten retests, and the building's missing list shows who was not sampled", async () => {
    const labUser = await account(server.pool, 'lab', '230100', '第一检测实验室');
    const lab = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(lab, server.url, labUser);
    await lab.goto(`${server.url}/lab`);
    await lab.locator('input[type=file]').setInputFiles({
      name: '检测结果.csv',
      mimeType: 'text/csv',
      buffer: resultsCsv([
        resultRow(`T${tag}A`, '阴性', labTime(new Date())),
        resultRow(`T${tag}B`, '阳性', labTime(new Date()), ['27.3', '29.8']),
      ]),
    });
    await lab.getByText('共2行，录入结果2管').waitFor();
    await lab.getByRole('button', { name: '确认导入' }).click();
    await lab.getByText(/导入成功/).waitFor();
    await lab.close();

    // The community worker: the positive pool's ten people each wait for a single-tube retest.
    const desk = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(desk, server.url, worker);
    await desk.goto(`${server.url}/testing`);
    await desk.getByRole('tab', { name: '复核' }).click();
    const pools = desk.getByTestId('positive-pools');
    await pools.getByText(`T${tag}B`.toUpperCase()).waitFor();
    expect(await pools.getByText('待采样').count()).toBe(10);
    await desk.screenshot({ path: shots('mass-testing-retests-1440'), fullPage: true });

    // The building's missing list: the five residents nobody sampled (the two bedridden among them; the one whose
    // health code had expired).
    await desk.getByRole('tab', { name: '覆盖' }).click();
    // The community has this one compound: the tree opens on it, its buildings below.
    await desk.getByRole('button', { name: '1栋' }).click();
    const missing = desk.getByTestId('missing-list');
    await expect.poll(() => missing.locator('tbody tr').count()).toBe(5);
    await desk.screenshot({ path: shots('mass-testing-missing-1440'), fullPage: true });
  });
});
