import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshId } from '../src/test/ledger-file';
import { addNode, startServer } from './browser';
import { account, apiAs, launch, settle, signIn } from './chromium';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
});
afterAll(() => browser?.close().then(() => server?.close()));

const HOUR = 3600_000;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄'];

/** A community with one compound of two buildings, two units each, six floors of two doors, two residents a door. */
async function community(streetCode: string, name: string) {
  const pool = server.pool;
  const c = await addNode(pool, streetCode, 'community', name);
  const compound = await addNode(pool, c.code, 'compound', `${name.slice(0, 2)}家园`);
  for (const b of ['1栋', '2栋']) {
    const building = await addNode(pool, compound.code, 'building', b);
    for (const u of ['1单元', '2单元']) {
      const unit = await addNode(pool, building.code, 'unit', u);
      for (let f = 1; f <= 6; f++)
        for (const d of [1, 2]) {
          const h = await addNode(pool, unit.code, 'household', `${f}0${d}`);
          await pool.query(
            `INSERT INTO people (id_number, name, sex, birth_date, phone, household_id, terr_path)
             SELECT x.id, x.name, 'F', '1980-01-01', x.phone, $2, (SELECT path FROM territory_nodes WHERE id = $2)
               FROM unnest($1::text[], $3::text[], $4::text[]) AS x(id, name, phone)`,
            [
              [freshId(), freshId()],
              h.id,
              [0, 1].map((k) => `${SURNAMES[(f * 2 + d + k) % 8]}${'秀英桂兰建国'.slice(k * 2, k * 2 + 2)}`),
              [0, 1].map(() => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`),
            ],
          );
        }
    }
  }
  return c;
}

/**
 * Samples a round's target in household order into tubes of 10 at a point of each community, evenly over `hours`
 * from the round's start, leaving out the last `leave` residents of the community named `short`.
 */
async function sample(roundId: number, start: Date, hours: number, leave: { short: number; count: number }) {
  const pool = server.pool;
  const targets = (
    await pool.query(
      `SELECT person_id, terr_path, split_part(terr_path, '/', 5)::bigint AS community FROM testing_targets
        WHERE round_id = $1 ORDER BY terr_path, person_id`,
      [roundId],
    )
  ).rows as { person_id: number; terr_path: string; community: number }[];
  const byCommunity = new Map<number, typeof targets>();
  for (const t of targets) byCommunity.set(Number(t.community), [...(byCommunity.get(Number(t.community)) ?? []), t]);
  for (const [communityId, all] of byCommunity) {
    const point = await pool.query(
      `INSERT INTO sampling_points (name, node_id, terr_path, opens_at, closes_at, posts, created_at)
       SELECT name || '广场采样点', id, path, '06:00', '22:00', 4, now() FROM territory_nodes WHERE id = $1 RETURNING id`,
      [communityId],
    );
    const people = communityId === leave.short ? all.slice(0, all.length - leave.count) : all;
    for (let i = 0; i < people.length; i += 10) {
      const group = people.slice(i, i + 10);
      const at = new Date(start.getTime() + ((i + group.length) / all.length) * hours * HOUR);
      const result = i === 0 ? 'positive' : i + 10 >= people.length ? null : 'negative';
      const t = await pool.query(
        `INSERT INTO tubes (barcode, round_id, point_id, purpose, mode, capacity, size, terr_path, opened_scan, opened_at, closed_at, result, result_at)
         SELECT $1, $2, $3, 'round', 'pool10', 10, $4::int, terr_path, gen_random_uuid(), $5, $5, $6, CASE WHEN $6::text IS NULL THEN NULL ELSE $5::timestamptz + interval '3 hours' END
           FROM sampling_points WHERE id = $3 RETURNING id`,
        [`E${randomUUID().slice(0, 13)}`, roundId, point.rows[0].id, group.length, at, result],
      );
      await pool.query(
        `INSERT INTO samples (scan_id, round_id, tube_id, person_id, purpose, terr_path, sampled_at)
         SELECT gen_random_uuid(), $1, $2, x.id, 'round', x.path, $3 FROM unnest($4::bigint[], $5::text[]) AS x(id, path)`,
        [roundId, t.rows[0].id, at, group.map((g) => g.person_id), group.map((g) => g.terr_path)],
      );
    }
  }
}

describe('覆盖与进度', () => {
  it('a street HQ drills down to a building’s floors and its missing list, and compares two rounds', async () => {
    // Names of their own per attempt: a retry finds the first attempt's street in the shared database.
    const tag = randomUUID().slice(0, 4);
    const street = await addNode(server.pool, '230108', 'street', `覆盖测试街道${tag}`);
    const a = await community(street.code, `友谊社区${tag}`);
    await community(street.code, `新疆社区${tag}`);
    const username = await account(server.pool, 'street', street.code, '街道指挥部');
    const api = await apiAs(server.url, username);
    const t3 = new Date(Date.now() - 2 * 24 * HOUR);
    const t4 = new Date(Date.now() - 24 * HOUR);
    const ids: number[] = [];
    for (const [number, at] of [
      [3, t3],
      [4, t4],
    ] as const) {
      const res = await api.post('/api/testing/rounds', { data: { number, nodeIds: [street.id], startsAt: at.toISOString() } });
      expect(res.status()).toBe(200);
      ids.push((await res.json()).id);
    }
    await sample(ids[0] as number, t3, 9, { short: 0, count: 0 });
    await sample(ids[1] as number, t4, 9 - 10 / 3, { short: a.id, count: 5 });

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    await signIn(page, server.url, username);
    await page.goto(`${server.url}/testing`);
    await page.getByRole('tab', { name: '覆盖' }).click();
    await page.getByRole('button', { name: `友谊社区${tag}` }).click();
    await page.getByRole('button', { name: '友谊家园' }).click();
    await page.getByRole('button', { name: '2栋' }).click();
    await page.getByText('按楼层').waitFor();
    const missing = page.getByTestId('missing-list');
    await missing.getByText('6层').first().waitFor();
    expect(await missing.locator('tbody tr').count()).toBe(5);
    await settle(page);
    await page.screenshot({ path: 'docs/screenshots/testing-coverage-building-1440.png', fullPage: true });
    // 导出漏检名单: the same five as the door knockers print them, floors up, phones masked for the street's HQ.
    const listed = await missing.locator('tbody tr td:first-child').allTextContents();
    const [download] = await Promise.all([page.waitForEvent('download'), missing.getByTestId('export').click()]);
    expect(download.suggestedFilename()).toMatch(/^第4轮漏检名单-友谊家园2栋-\d{8}-\d{4}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path()) as string);
    const rows: string[][] = [];
    wb.worksheets[0]?.eachRow((r) => {
      rows.push(Array.from((r.values as unknown[]).slice(1), (v) => String(v ?? '')));
    });
    expect(rows[0]).toEqual(['小区', '楼栋', '单元', '楼层', '户号', '姓名', '性别', '年龄', '联系电话', '状态']);
    const body = rows.slice(1);
    expect(body.map((r) => r[5]).sort()).toEqual([...listed].sort());
    expect(
      body.every((r) => r[0] === '友谊家园' && r[1] === '2栋' && /^139\*{6}\d{2}$/.test(r[8] ?? '') && r[9] === '未采样'),
    ).toBe(true);
    const floors = body.map((r) => `${r[2]}${String(r[3]).padStart(2, '0')}${r[4]}`);
    expect(floors).toEqual([...floors].sort());
    await page.getByText(/^导出完成：\d+ KB$/).waitFor();
    // The toast gone before the next screenshot.
    await page.getByText(/^导出完成/).waitFor({ state: 'hidden' });
    // On a door knocker's phone the list reads a person a row: name and floor, the household under it.
    await page.setViewportSize({ width: 390, height: 844 });
    await missing.getByText('姓名 · 住户').waitFor();
    const first = await missing.locator('tbody tr td:first-child').first().innerText();
    expect(first).toMatch(/ · \d+层\n友谊家园2栋/);
    await missing.scrollIntoViewIfNeeded();
    await settle(page);
    await missing.screenshot({ path: 'docs/screenshots/testing-missing-390.png' });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole('tab', { name: '进度' }).click();
    await page
      .getByTestId('speed-sentence')
      .getByText(/第四轮平均用时比第三轮减少了3个多小时/)
      .waitFor();
    await settle(page);
    await page.screenshot({ path: 'docs/screenshots/testing-speed-1440.png', fullPage: true });
    await page.getByRole('tab', { name: '覆盖' }).click();
    await page
      .getByRole('button', { name: '起点' })
      .or(page.getByRole('button', { name: street.code }))
      .count();
    await page.close();
  });
});
