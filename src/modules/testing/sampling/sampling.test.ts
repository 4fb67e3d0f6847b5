import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../../kit/context';
import { harness } from '../../../test/harness';
import { healthKeys } from '../../healthcode/keys';
import { healthcodeService } from '../../healthcode/service';
import { issueToken } from '../../healthcode/tokens';
import { roundOverCompound } from '../fixtures/round';
import { centrallyQuarantined, inKeyGroup } from '../fixtures/single';
import type { Scan } from './contract';
import { samplingService as svc } from './service';

let h: Awaited<ReturnType<typeof harness>>;
let r: Awaited<ReturnType<typeof roundOverCompound>>;
let sampler: Ctx;
let ids: string[];

beforeAll(async () => {
  h = await harness('2022-11-02T07:00:00+08:00');
  r = await roundOverCompound(h);
  sampler = await h.ctx('sampler', r.w.a.code);
  const q = await h.pool.query('SELECT id, id_number FROM people WHERE id = ANY($1::bigint[]) ORDER BY terr_path, id', [
    r.built.dwellers.map((d) => d.id),
  ]);
  ids = q.rows.map((x) => x.id_number as string);
  // Before the first scan: the sampler reads who is in a quarantine site into a cache for a minute.
  await inKeyGroup(h, [Number(q.rows[40].id), Number(q.rows[43].id)]);
  await centrallyQuarantined(h, r.w.district, [ids[41] as string, ids[44] as string]);
});
afterAll(() => h.close());

const at = () => h.clock.now().toISOString();
const scan = (s: Partial<Scan> & Pick<Scan, 'kind' | 'barcode'>): Scan => ({
  scanId: randomUUID(),
  roundId: r.roundId,
  at: at(),
  ...s,
});
/** The QR the citizen's page shows for the person with this ID number, issued `minutesAgo` (5 minutes good). */
const tokenOf = async (idNumber: string, minutesAgo = 0) => {
  const personId = Number((await h.pool.query('SELECT id FROM people WHERE id_number = $1', [idNumber])).rows[0].id);
  const issuedAt = new Date(h.clock.now().getTime() - minutesAgo * 60_000);
  return issueToken(await healthKeys(h.kit), { personId, colour: 'green', version: 0, name: '居*', issuedAt });
};
const send = async (...scans: Scan[]) => (await svc.scans(sampler, scans, healthcodeService.personOfToken)).outcomes;

describe('the sampler’s scans', () => {
  it('fill a 10混1 tube that closes itself at 10, refusing the eleventh and a person sampled twice', async () => {
    const barcode = `T${h.tag}A`;
    const [open] = await send(scan({ kind: 'open_tube', barcode }));
    expect(open).toMatchObject({ ok: true, size: 0, capacity: 10, mode: 'pool10' });
    const people = ids.slice(0, 10).map((idNumber) => scan({ kind: 'person', barcode, idNumber }));
    const out = await send(...people);
    expect(out.map((o) => o.size)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(out.every((o) => o.ok && o.name?.startsWith('居'))).toBe(true);
    expect(out.at(-1)?.closed).toBe(true);
    // the replay of a scan answers the same, and stores nothing twice
    const [again] = await send(people[3] as Scan);
    expect(again).toMatchObject({ ok: true, size: 4, capacity: 10 });
    const [closed] = await send(scan({ kind: 'person', barcode, idNumber: ids[10] }));
    expect(closed).toMatchObject({ ok: false, code: 'tube_full', zh: '该管已满' });
    const barcode2 = `T${h.tag}B`;
    await send(scan({ kind: 'open_tube', barcode: barcode2 }));
    const [dup] = await send(scan({ kind: 'person', barcode: barcode2, code: await tokenOf(ids[0] as string) }));
    expect(dup).toMatchObject({ ok: false, code: 'already_sampled', zh: '已在本轮采样' });
    expect(dup?.sampledAt).toBeTruthy();
    const n = await h.pool.query('SELECT count(*)::int AS n FROM samples WHERE round_id = $1', [r.roundId]);
    expect(n.rows[0].n).toBe(10);
  });

  it('refuses strangers, bad codes, a barcode of another round, a closed tube and a time from the future', async () => {
    const barcode = `T${h.tag}C`;
    await send(scan({ kind: 'open_tube', barcode }));
    const out = await send(
      scan({ kind: 'person', barcode, idNumber: '110101199001011237' }),
      scan({ kind: 'person', barcode, code: 'nonsense' }),
      scan({ kind: 'person', barcode: `T${h.tag}none`, idNumber: ids[12] }),
      scan({ kind: 'person', barcode, idNumber: ids[12], at: new Date(h.clock.now().getTime() + 3600_000).toISOString() }),
      scan({ kind: 'close_tube', barcode }),
      scan({ kind: 'person', barcode, idNumber: ids[12] }),
      scan({ kind: 'open_tube', barcode, roundId: Number.MAX_SAFE_INTEGER }),
    );
    expect(out.map((o) => o.code ?? 'ok')).toEqual([
      'no_person',
      'bad_code',
      'no_tube',
      'bad_time',
      'ok',
      'tube_closed',
      'no_round',
    ]);
  });

  it('takes into a retest tube only a person with an open retest task, and marks the task sampled', async () => {
    const barcode = `T${h.tag}R`;
    const [open] = await send(scan({ kind: 'open_tube', barcode, purpose: 'retest' }));
    expect(open).toMatchObject({ ok: true, capacity: 1, mode: 'single' });
    const [none] = await send(scan({ kind: 'person', barcode, idNumber: ids[0] }));
    expect(none).toMatchObject({ ok: false, code: 'no_retest' });
    const person = (await h.pool.query('SELECT id FROM people WHERE id_number = $1', [ids[0]])).rows[0].id;
    const src = (await h.pool.query('SELECT tube_id FROM samples WHERE person_id = $1', [person])).rows[0].tube_id;
    const task = await h.pool.query(
      `INSERT INTO retest_tasks (round_id, source_tube_id, person_id, terr_path, status, created_at)
       SELECT $1, $2, $3, terr_path, 'open', now() FROM people WHERE id = $3 RETURNING id`,
      [r.roundId, src, person],
    );
    const [ok] = await send(scan({ kind: 'person', barcode, idNumber: ids[0] }));
    expect(ok).toMatchObject({ ok: true, size: 1, closed: true });
    const t = await h.pool.query('SELECT status, retest_tube_id FROM retest_tasks WHERE id = $1', [task.rows[0].id]);
    expect(t.rows[0].status).toBe('sampled');
  });

  it('answers over HTTP, one outcome per scan, and refuses a batch over 200 naming the field', async () => {
    const { cookie } = await h.login('sampler', r.w.a.code);
    const barcode = `T${h.tag}H`;
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/testing/scans',
      headers: { cookie },
      payload: { scans: [scan({ kind: 'open_tube', barcode }), scan({ kind: 'person', barcode, idNumber: ids[20] })] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().outcomes.map((o: { ok: boolean }) => o.ok)).toEqual([true, true]);
    const big = await h.app.inject({
      method: 'POST',
      url: '/api/testing/scans',
      headers: { cookie },
      payload: { scans: Array.from({ length: 201 }, () => scan({ kind: 'open_tube', barcode })) },
    });
    expect(big.statusCode).toBe(400);
  });
});

describe('the health-code QR', () => {
  it('samples the person a valid token names, by id, and refuses an expired, a tampered and a bare-ID QR', async () => {
    const barcode = `T${h.tag}Q`;
    await send(scan({ kind: 'open_tube', barcode }));
    const good = await tokenOf(ids[30] as string);
    const expired = await tokenOf(ids[31] as string, 6);
    const seal = good.slice(good.lastIndexOf('~') + 1);
    const tampered = `${good.slice(0, good.lastIndexOf('~') + 1)}${seal[0] === 'A' ? 'B' : 'A'}${seal.slice(1)}`;
    // Another person's claims under the good token's seal: the seal covers the claims.
    const [head, , sig] = good.split('~')[0]?.split('.') ?? [];
    const other = Buffer.from(JSON.stringify({ p: 1, c: 'g', v: 0, n: '某*', iat: 1, exp: 9_999_999_999 })).toString('base64url');
    const swapped = `${head}.${other}.${sig}~${seal}`;
    const out = await send(
      scan({ kind: 'person', barcode, code: good }),
      scan({ kind: 'person', barcode, code: expired }),
      scan({ kind: 'person', barcode, code: tampered }),
      scan({ kind: 'person', barcode, code: swapped }),
      scan({ kind: 'person', barcode, code: `HC:${ids[32]}` }),
      scan({ kind: 'person', barcode, code: ids[32] }),
    );
    expect(out.map((o) => o.code ?? 'ok')).toEqual([
      'ok',
      'code_expired',
      'code_invalid',
      'code_invalid',
      'bad_code',
      'bad_code',
    ]);
    expect(out[0]).toMatchObject({ ok: true, size: 1, name: expect.stringMatching(/^居/) });
    expect(out[1]).toMatchObject({ zh: '健康码已过期，请刷新后再扫', en: expect.stringContaining('expired') });
    expect(out[2]).toMatchObject({ zh: '健康码无效' });
    const sampled = await h.pool.query(
      `SELECT p.id_number FROM samples s JOIN people p ON p.id = s.person_id JOIN tubes t ON t.id = s.tube_id
        WHERE upper(t.barcode) = upper($1)`,
      [barcode],
    );
    expect(sampled.rows.map((x) => x.id_number)).toEqual([ids[30]]);
  });

  it('takes a token queued offline at the time it was shown, though it has expired since', async () => {
    const barcode = `T${h.tag}O`;
    await send(scan({ kind: 'open_tube', barcode }));
    // Shown 8 minutes ago (issued 9 minutes ago, good for 5): at the scan's time it was valid.
    const shownAt = new Date(h.clock.now().getTime() - 8 * 60_000).toISOString();
    const [late] = await send(scan({ kind: 'person', barcode, code: await tokenOf(ids[33] as string, 9), at: shownAt }));
    expect(late).toMatchObject({ ok: true, size: 1 });
    // Shown now but issued 9 minutes ago: expired when shown.
    const [stale] = await send(scan({ kind: 'person', barcode, code: await tokenOf(ids[34] as string, 9) }));
    expect(stale).toMatchObject({ ok: false, code: 'code_expired' });
  });

  it('answers a token scan over HTTP through the health code’s check handed in by the module list', async () => {
    const { cookie } = await h.login('sampler', r.w.a.code);
    const barcode = `T${h.tag}W`;
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/testing/scans',
      headers: { cookie },
      payload: {
        scans: [scan({ kind: 'open_tube', barcode }), scan({ kind: 'person', barcode, code: await tokenOf(ids[35] as string) })],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().outcomes.map((o: { ok: boolean; code?: string }) => o.code ?? o.ok)).toEqual([true, true]);
  });
});

describe('people sampled alone by their own facts (单人单管)', () => {
  it('refuses a key-group resident and a centrally quarantined contact a 10混1 tube, saying why', async () => {
    const barcode = `T${h.tag}K`;
    await send(scan({ kind: 'open_tube', barcode }));
    const out = await send(
      scan({ kind: 'person', barcode, idNumber: ids[40] }),
      scan({ kind: 'person', barcode, code: await tokenOf(ids[41] as string) }),
      scan({ kind: 'person', barcode, idNumber: ids[42] }),
    );
    expect(out.map((o) => o.code ?? 'ok')).toEqual(['mode_key_group', 'mode_quarantine', 'ok']);
    expect(out[0]).toMatchObject({ zh: '重点人群须单人单管', en: expect.stringContaining('key group'), mode: 'pool10' });
    expect(out[1]).toMatchObject({ zh: '集中隔离人员须单人单管', en: expect.stringContaining('centralized quarantine') });
    expect(out[1]?.name).toMatch(/^居/);
    // The check is the server's own: the answer names the person by the masked name only.
    expect(JSON.stringify(out)).not.toContain(ids[41]);
    expect(out[2]).toMatchObject({ ok: true, size: 1 });
  });

  it('takes each of them into a 单人单管 tube of their own, by ID number or health-code QR', async () => {
    const people = [
      { idNumber: ids[40] },
      { code: await tokenOf(ids[41] as string) },
      { code: await tokenOf(ids[43] as string) },
      { idNumber: ids[44] },
    ];
    for (const [i, who] of people.entries()) {
      const barcode = `T${h.tag}S${i}`;
      const [open, sampledIn] = await send(
        scan({ kind: 'open_tube', barcode, mode: 'single' }),
        scan({ kind: 'person', barcode, ...who }),
      );
      expect(open).toMatchObject({ ok: true, capacity: 1, mode: 'single' });
      expect(sampledIn).toMatchObject({ ok: true, size: 1, closed: true, mode: 'single' });
    }
    const sampled = await h.pool.query(
      `SELECT p.id_number, t.mode FROM samples s JOIN people p ON p.id = s.person_id JOIN tubes t ON t.id = s.tube_id
        WHERE s.round_id = $1 AND p.id_number = ANY($2::text[]) ORDER BY p.id_number`,
      [r.roundId, [ids[40], ids[41], ids[43], ids[44]]],
    );
    expect(sampled.rows).toHaveLength(4);
    expect(sampled.rows.every((x) => x.mode === 'single')).toBe(true);
  });
});

describe('door-to-door tasks', () => {
  it('are made once for the immobile residents, by squad, building and floor, and done by a scan', async () => {
    const [a, b] = r.built.dwellers.slice(-2);
    await h.pool.query(`UPDATE people SET tags = '{bedridden}' WHERE id = ANY($1::bigint[])`, [[a?.id, b?.id]]);
    const made = await svc.doorTasks(r.hq, r.roundId);
    expect(made).toMatchObject({ tasks: 2, added: 2 });
    expect((await svc.doorTasks(r.hq, r.roundId)).added).toBe(0);
    const list = await svc.listDoorTasks(sampler, r.roundId, { pageSize: 50 });
    expect(list.items).toHaveLength(2);
    expect(list.items[0]).toMatchObject({ reason: 'immobile', squad: '流动采样一组', building: '2栋', done: false });
    expect(list.items[0]?.floor).toBe(1);
    const idNumber = (await h.pool.query('SELECT id_number FROM people WHERE id = $1', [a?.id])).rows[0].id_number;
    const barcode = `T${h.tag}D`;
    await send(scan({ kind: 'open_tube', barcode }), scan({ kind: 'person', barcode, idNumber }));
    const after = await svc.listDoorTasks(sampler, r.roundId, { pageSize: 50, squad: '流动采样一组' });
    expect(after.items.filter((t) => t.done)).toHaveLength(1);
    expect(after.squads).toEqual([{ squad: '流动采样一组', tasks: 2, done: 1 }]);
  });
});
