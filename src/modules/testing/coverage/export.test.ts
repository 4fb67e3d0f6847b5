import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { harness } from '../../../test/harness';
import type { Dweller } from '../../risk/fixtures/compound';
import { roundOverCompound, sampled } from '../fixtures/round';
import { roundsService } from '../rounds/service';
import { coverageService as cov } from './service';

// The door-knocking group's printed list: a compound whose households were registered out of the stairs' order
// (12楼 before 2楼, a shop on the ground floor), a round over it, some residents sampled, one exempt.
let h: Awaited<ReturnType<typeof harness>>;
let r: Awaited<ReturnType<typeof roundOverCompound>>;
let worker: { username: string; cookie: string };
let hq: { username: string; cookie: string };

const PLAN = (name: string) => ({
  name,
  buildings: [
    {
      name: '1栋',
      units: [
        { name: '1单元', households: [2, 1, 2, 1], rooms: ['1201', '门市', '201', '101'] },
        { name: '2单元', households: [1, 2], rooms: ['302', '301'] },
      ],
    },
    { name: '2栋', units: [{ name: '1单元', households: [1, 1, 3], rooms: ['601', '101', '202'] }] },
  ],
});

/** The rows of the first sheet of an .xlsx, the header first, as text. */
async function sheetRows(data: Buffer | string): Promise<{ name: string; rows: string[][] }> {
  const wb = new ExcelJS.Workbook();
  if (typeof data === 'string') await wb.xlsx.readFile(data);
  else await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws?.eachRow((row) => {
    // An empty cell is a hole in `values`: Array.from reads it as undefined.
    rows.push(Array.from((row.values as unknown[]).slice(1), (v) => String(v ?? '')));
  });
  return { name: ws?.name ?? '', rows };
}

const get = (url: string, cookie: string) => h.app.inject({ url, headers: { cookie } });
const phoneOf = (d: Dweller) => `1381234${String(d.id % 10_000).padStart(4, '0')}`;
let sampledIds: Set<number>;
let exemptId: number;

/** The missing residents, as the stairs are climbed: building, unit, floor up, room, then as registered. */
const walked = (building?: string) => {
  const floor = (room: string) => (/^\d+$/.test(room) ? Math.floor(Number(room) / 100) : 99);
  return r.built.dwellers
    .filter((d) => !sampledIds.has(d.id) && d.id !== exemptId && (!building || d.building === building))
    .sort(
      (a, b) =>
        a.building.localeCompare(b.building) ||
        a.unit.localeCompare(b.unit) ||
        floor(a.room) - floor(b.room) ||
        a.room.localeCompare(b.room) ||
        a.id - b.id,
    );
};

beforeAll(async () => {
  h = await harness('2022-11-02T07:00:00+08:00');
  r = await roundOverCompound(h, { number: 3, plan: PLAN(`测试小区${h.tag}`) });
  const people = r.built.dwellers;
  // Names, phones, sexes and birth dates of their own, so every cell can be told apart.
  for (const [i, d] of people.entries())
    await h.pool.query(`UPDATE people SET name = $2, phone = $3, sex = $4, birth_date = $5 WHERE id = $1`, [
      d.id,
      `居民${i}`,
      phoneOf(d),
      i % 2 ? 'M' : 'F',
      `${1950 + i}-06-01`,
    ]);
  // 1栋1单元 101 sampled; the 2栋 resident of 601 exempt.
  const first = people.filter((d) => d.building === '1栋' && d.room === '101');
  await sampled(h, r.roundId, [first]);
  sampledIds = new Set(first.map((d) => d.id));
  exemptId = people.find((d) => d.building === '2栋' && d.room === '601')?.id as number;
  await roundsService.exempt(r.hq, r.roundId, { personIds: [exemptId], reason: 'hospital' });
  worker = await h.login('community', r.w.a.code);
  hq = await h.login('city_hq', '230100');
});
afterAll(() => h.close());

const url = (q = '') => `/api/testing/rounds/${r.roundId}/missing/export${q}`;
const audits = async (username: string, action: string) =>
  (
    await h.pool.query(
      `SELECT a.detail, a.person_ids FROM audit_log a JOIN users u ON u.id = a.user_id
        WHERE u.username = $1 AND a.action = $2 ORDER BY a.id`,
      [username, action],
    )
  ).rows as { detail: Record<string, unknown>; person_ids: string[] | null }[];

describe('the missing list’s export (漏检名单.xlsx)', () => {
  it('gives the community worker the whole list in walking order, unmasked, and audits it', async () => {
    const res = await get(url(), worker.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const name = `第3轮漏检名单-测试小区${h.tag}-20221102-0700.xlsx`;
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
    const { name: sheet, rows } = await sheetRows(res.rawPayload);
    expect(sheet).toBe('第3轮漏检名单');
    expect(rows[0]).toEqual(['小区', '楼栋', '单元', '楼层', '户号', '姓名', '性别', '年龄', '联系电话', '状态']);
    const expected = walked();
    expect(rows.slice(1).map((x) => [x[1], x[2], x[3], x[4]])).toEqual(
      expected.map((d) => [d.building, d.unit, /^\d+$/.test(d.room) ? String(Math.floor(Number(d.room) / 100)) : '', d.room]),
    );
    // Floors up in each unit: 1栋1单元 is 2楼 (two residents), 12楼, then the shop; the sampled 101 and exempt 601 absent.
    expect(rows.slice(1, 6).map((x) => x[4])).toEqual(['201', '201', '1201', '1201', '门市']);
    const index = new Map(r.built.dwellers.map((d, i) => [d.id, i]));
    expect(rows.slice(1).map((x) => [x[5], x[6], x[7], x[8], x[9]])).toEqual(
      expected.map((d) => {
        const i = index.get(d.id) as number;
        // Born 1950+i on June 1st: 72 - i on the list's day.
        return [`居民${i}`, i % 2 ? '男' : '女', String(72 - i), phoneOf(d), '未采样'];
      }),
    );
    expect(rows.slice(1).every((x) => x[0] === `测试小区${h.tag}`)).toBe(true);
    expect(await audits(worker.username, 'testing.missing_export')).toEqual([
      {
        detail: {
          round: r.roundId,
          number: 3,
          node: r.built.compound.id,
          area: `测试小区${h.tag}`,
          rows: expected.length,
          complete: true,
        },
        person_ids: null,
      },
    ]);
    // The whole numbers were released through the kit's exporter: one audit row naming the page's residents.
    const released = await audits(worker.username, 'person.read_unmasked');
    expect(released.map((a) => a.detail)).toEqual([{ via: 'export' }]);
    expect(released[0]?.person_ids?.map(Number).sort((a, b) => a - b)).toEqual(expected.map((d) => d.id).sort((a, b) => a - b));
  });

  it('masks the phones of an account without people.reveal, and lists only the building asked for', async () => {
    const building = (await cov.coverage(r.hq, r.roundId, {})).children.find((c) => c.name === '2栋');
    const res = await get(url(`?nodeId=${building?.id}`), hq.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(
      encodeURIComponent(`第3轮漏检名单-测试小区${h.tag}2栋-20221102-0700.xlsx`),
    );
    const rows = (await sheetRows(res.rawPayload)).rows.slice(1);
    expect(rows.map((x) => [x[1], x[4]])).toEqual(walked('2栋').map((d) => ['2栋', d.room]));
    expect(rows.map((x) => x[4])).toEqual(['101', '202', '202', '202']);
    expect(rows.every((x) => /^138\*{6}\d{2}$/.test(x[8] ?? ''))).toBe(true);
    expect(res.headers['x-fangyi-estimate-rows']).toBe(String(rows.length));
    expect(await audits(hq.username, 'person.read_unmasked')).toEqual([]);
    expect((await audits(hq.username, 'testing.missing_export')).map((a) => a.detail.rows)).toEqual([rows.length]);
  });

  it('is refused to another community as the list is, and for a node outside the caller’s scope', async () => {
    const other = await h.login('community', r.w.b.code);
    expect((await get(url(), other.cookie)).statusCode).toBe(404);
    expect((await get(`/api/testing/rounds/${r.roundId}/missing`, other.cookie)).statusCode).toBe(404);
    expect((await get(url(`?nodeId=${r.w.b.id}`), worker.cookie)).statusCode).toBe(404);
    expect(await audits(other.username, 'testing.missing_export')).toEqual([]);
  });

  it('refuses a malformed node or round with a 400 naming the field', async () => {
    const bad = await get(url('?nodeId=abc'), worker.cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['nodeId']);
    expect(bad.json().error.message).toContain('区域');
    const round = await get('/api/testing/rounds/x/missing/export', worker.cookie);
    expect(round.statusCode).toBe(400);
    expect(round.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['id']);
  });
});

describe('the export’s pages', () => {
  it('end with a whole stairwell, each climbed floor by floor, and together hold the list once', async () => {
    const x = await cov.exportPages(await h.ctx('community', r.w.a.code), r.roundId, {});
    const seen: { personId: number; building: string; unit: string; room: string }[][] = [];
    let last: Awaited<ReturnType<typeof x.page>>[number] | undefined;
    for (let i = 0; i < 20; i++) {
      const page = await x.page(last, 3);
      seen.push(page);
      last = page.at(-1);
      if (page.length < 3) break;
    }
    expect(seen.flat().map((d) => d.personId)).toEqual(walked().map((d) => d.id));
    // Pages of three rows, each completed to its stairwell's end: no unit is split between two pages.
    const wells = seen.map((p) => [...new Set(p.map((d) => `${d.building}${d.unit}`))]);
    expect(new Set(wells.flat()).size).toBe(wells.flat().length);
    expect(x.estimate).toEqual({ value: walked().length, exact: false });
  });
});

describe('fangyi export missing', () => {
  it('writes the same file as the console’s download, with the round and node asked for', async () => {
    const { username } = await h.login('admin', '230100');
    const dir = mkdtempSync(join(tmpdir(), 'missing-'));
    const out = join(dir, 'list.xlsx');
    const code = (await h.pool.query('SELECT code FROM territory_nodes WHERE id = $1', [r.built.compound.id])).rows[0].code;
    const cli = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'export',
        'missing',
        '--round',
        String(r.roundId),
        '--node',
        code,
        '--as',
        username,
        '--out',
        out,
      ],
      { encoding: 'utf8', env: { ...process.env, DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: 'silent' }, timeout: 60_000 },
    );
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toContain(`wrote ${out} (${walked().length} rows)`);
    const file = await sheetRows(out);
    const download = await sheetRows((await get(url(), worker.cookie)).rawPayload);
    // The CLI runs on the system's clock, the console's download on the test's: the ages differ by the years between.
    const ageless = (x: typeof file) => ({ ...x, rows: x.rows.map((row) => row.filter((_, k) => k !== 7)) });
    expect(ageless(file)).toEqual(ageless(download));
    expect(file.rows).toHaveLength(walked().length + 1);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const refused = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'export', 'missing', '--round', '3x'], {
      encoding: 'utf8',
    });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--round must be');
  });
});
