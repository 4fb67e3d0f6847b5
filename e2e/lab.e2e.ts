import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextForAccount } from '../src/modules/auth/actor';
import { buildCompound } from '../src/modules/risk/fixtures/compound';
import { labTime, resultRow, resultsCsv, sampledTubes } from '../src/modules/testing/lab/fixtures';
import { labService } from '../src/modules/testing/lab/service';
import { roundsService } from '../src/modules/testing/rounds/service';
import { systemClock } from '../src/server/clock';
import { createKit } from '../src/server/kit';
import { shots, startServer, streetCommunity } from './browser';
import { account, dismiss, launch, signIn } from './chromium';

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

const NAMES = ['王秀英', '李建国', '张丽华', '刘洋', '陈静', '杨帆', '赵敏', '黄志强', '周婷', '吴磊', '徐芳', '孙浩'];

/** A street of 平房区 with a compound of 30 residents and a round over it, opened by the city HQ. */
async function world() {
  const pool = server.pool;
  const tag = randomUUID().slice(0, 6);
  const { node, community } = await streetCommunity(pool, tag);
  const h = { node, pool } as unknown as Parameters<typeof buildCompound>[0];
  const built = await buildCompound(h, community.id, {
    name: `宇光小区${tag}`,
    buildings: ['1栋', '2栋'].map((b) => ({
      name: b,
      units: ['1单元', '2单元'].map((u) => ({ name: u, households: [1, 2, 3, 1, 2, 3, 1, 2] })),
    })),
  });
  await pool.query('UPDATE people SET name = ($2::text[])[1 + (id % $3)] WHERE id = ANY($1::bigint[])', [
    built.dwellers.map((d) => d.id),
    NAMES,
    NAMES.length,
  ]);
  const kit = createKit(pool, systemClock);
  const hq = await contextForAccount(kit, await account(pool, 'city_hq', '230100', '市指挥部'), 'test');
  const { id: roundId } = await roundsService.createRound(hq, {
    number: 1,
    nodeIds: [built.compound.id],
    startsAt: new Date(Date.now() - 6 * 3600_000).toISOString(),
    defaultMode: 'pool10',
  });
  return { kit, community, built, roundId };
}

describe('检测结果 and 复核', () => {
  it('a lab counts a handover (a discrepancy shows), uploads a csv with a positive pool, and the CDC sees its ten retests', async () => {
    const { kit, community, built, roundId } = await world();
    const people = built.dwellers;
    const h = { pool: server.pool, clock: systemClock } as unknown as Parameters<typeof sampledTubes>[0];
    const tubes = await sampledTubes(h, roundId, [people.slice(0, 10), people.slice(10, 20)]);
    // A tube closed 14 hours ago and still without a result: the overdue list shows it.
    await sampledTubes(h, roundId, [people.slice(20, 25)], new Date(Date.now() - 14 * 3600_000));
    const worker = await contextForAccount(kit, await account(server.pool, 'community', community.code, '社区工作人员'), 'test');
    const handover = await labService.handOver(worker, {
      roundId,
      barcodes: tubes.map((t) => t.barcode),
      lab: '哈尔滨市第一检测实验室',
    });

    const labUser = await account(server.pool, 'lab', '230100', '第一检测实验室');
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url, labUser);
    await page.getByRole('menuitem', { name: '检测结果' }).click();
    const row = page.getByTestId('handovers').getByRole('row', { name: new RegExp(`^${handover.id}\\s`) });
    await row.getByRole('button', { name: '清点接收' }).click();
    await page.getByLabel('实收管数').fill('1');
    await page.getByText('将登记为差异').waitFor();
    await page.getByLabel('差异说明').fill('破损1管');
    await page.screenshot({ path: shots('lab-receive-1440') });
    await page.getByRole('button', { name: '确认接收' }).click();
    await page.getByText(/已登记差异/).waitFor();
    await page.getByText('有差异').click();
    await page.getByTestId('discrepancy').first().waitFor();
    expect(await page.getByTestId('handovers').getByText('差异 2→1').count()).toBeGreaterThan(0);

    // A file with a bad row first: refused whole, every problem listed.
    const [a, b] = tubes as [(typeof tubes)[0], (typeof tubes)[0]];
    const input = page.locator('input[type=file]');
    await input.setInputFiles({
      name: '检测结果.csv',
      mimeType: 'text/csv',
      buffer: resultsCsv([
        resultRow(a.barcode, '阴性', labTime(new Date())),
        resultRow('NOSUCH0001', '阴性', labTime(new Date())),
      ]),
    });
    await page.getByTestId('import-issues').getByText('试管条码不存在或不在您的辖区内').waitFor();
    await page.waitForTimeout(400); // the modal's opening animation
    await page.screenshot({ path: shots('lab-refused-1440') });
    await dismiss(page);
    await input.setInputFiles({
      name: '检测结果.csv',
      mimeType: 'text/csv',
      buffer: resultsCsv([
        resultRow(a.barcode, '阴性', labTime(new Date())),
        resultRow(b.barcode, '阳性', labTime(new Date()), ['27.3', '29.8']),
      ]),
    });
    await page.getByText('共2行，录入结果2管').waitFor();
    await page.screenshot({ path: shots('lab-dry-run-1440') });
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText(/导入成功/).waitFor();
    await page.screenshot({ path: shots('lab-1440') });

    const cdc = await account(server.pool, 'cdc', '230100', '市疾控');
    const desk = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(desk, server.url, cdc);
    await desk.goto(`${server.url}/testing`);
    await desk.getByRole('tab', { name: '复核' }).click();
    // The newest round is shown first: this test's.
    const pools = desk.getByTestId('positive-pools');
    await pools.getByText(b.barcode).waitFor();
    expect(await pools.getByText('待采样').count()).toBe(10);
    await desk.getByTestId('overdue-tubes').getByText('14 小时').waitFor();
    await desk.screenshot({ path: shots('testing-retests-1440'), fullPage: true });
  });
});
