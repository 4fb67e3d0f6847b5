import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../../kit/context';
import { groupCommitSeam, groupCommitStats } from '../../../kit/group-commit';
import { harness } from '../../../test/harness';
import { healthcodeService } from '../../healthcode/service';
import { roundOverCompound } from '../fixtures/round';
import type { Scan, ScanOutcome } from './contract';
import { samplingService as svc } from './service';

let h: Awaited<ReturnType<typeof harness>>;
let r: Awaited<ReturnType<typeof roundOverCompound>>;
let sampler: Ctx;
let ids: string[];

// Five buildings of four units, sixteen households a unit of 1 to 3 residents: 640 residents.
const plan = (name: string) => ({
  name,
  buildings: ['1栋', '2栋', '3栋', '4栋', '5栋'].map((b) => ({
    name: b,
    units: ['1单元', '2单元', '3单元', '4单元'].map((u) => ({
      name: u,
      households: Array.from({ length: 16 }, (_, i) => 1 + (i % 3)),
    })),
  })),
});

beforeAll(async () => {
  h = await harness('2022-11-02T07:00:00+08:00');
  r = await roundOverCompound(h, { plan: plan(`并发小区${h.tag}`) });
  sampler = await h.ctx('sampler', r.w.a.code);
  const q = await h.pool.query('SELECT id_number FROM people WHERE id = ANY($1::bigint[]) ORDER BY id', [
    r.built.dwellers.map((d) => d.id),
  ]);
  ids = q.rows.map((x) => x.id_number as string);
}, 60_000);
afterAll(() => h.close());

const scan = (s: Partial<Scan> & Pick<Scan, 'kind' | 'barcode'>): Scan => ({
  scanId: randomUUID(),
  roundId: r.roundId,
  at: h.clock.now().toISOString(),
  ...s,
});
const one = async (s: Scan) => (await svc.scans(sampler, [s], healthcodeService.personOfToken)).outcomes[0] as ScanOutcome;
const same = (o: ScanOutcome) => ({ ok: o.ok, code: o.code, size: o.size, capacity: o.capacity, mode: o.mode, name: o.name });

describe('group commit of the sampler’s scans', () => {
  it('50 samplers × 10 scans at once fill every tube exactly to capacity, answer every scan, and replay the same', async () => {
    const tubes = Array.from({ length: 40 }, (_, i) => `G${h.tag}${i}`);
    const opened = await Promise.all(tubes.map((barcode) => one(scan({ kind: 'open_tube', barcode }))));
    expect(opened.every((o) => o.ok && o.capacity === 10)).toBe(true);
    // 500 people, 12 or 13 a tube of 10: each tube takes exactly 10, the others are refused as full.
    const scans = Array.from({ length: 50 }, (_, s) =>
      Array.from({ length: 10 }, (_, k) =>
        scan({ kind: 'person', barcode: tubes[(s * 10 + k) % 40] as string, idNumber: ids[s * 10 + k] }),
      ),
    ).flat();
    const before = { ...groupCommitStats };
    const out = await Promise.all(scans.map(one));
    expect(out.map((o) => o.scanId)).toEqual(scans.map((s) => s.scanId));
    expect(out.filter((o) => o.ok)).toHaveLength(400);
    expect(out.filter((o) => !o.ok).every((o) => o.code === 'tube_full')).toBe(true);
    // fewer commits than scans: they were grouped
    expect(groupCommitStats.statements - before.statements).toBe(500);
    expect(groupCommitStats.batches - before.batches).toBeLessThan(250);
    const db = await h.pool.query(
      `SELECT t.barcode, t.size, t.capacity, t.closed_at IS NOT NULL AS closed, count(s.*)::int AS n,
              count(DISTINCT s.seq)::int AS seqs, max(s.seq) AS top
         FROM tubes t LEFT JOIN samples s ON s.tube_id = t.id WHERE t.barcode = ANY($1) GROUP BY t.id`,
      [tubes],
    );
    expect(db.rows).toHaveLength(40);
    for (const t of db.rows) expect(t).toMatchObject({ size: 10, capacity: 10, closed: true, n: 10, seqs: 10, top: 10 });
    // each tube's accepted answers count 1 to 10
    for (const b of tubes) {
      const sizes = out.filter((o, i) => o.ok && scans[i]?.barcode === b).map((o) => o.size);
      expect(sizes.sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }
    // the replay of all 500 at once (dropped connections): answered the same, nothing stored twice
    const again = await Promise.all(scans.map(one));
    expect(again.map(same)).toEqual(out.map(same));
    const n = await h.pool.query('SELECT count(*)::int AS n FROM samples WHERE round_id = $1', [r.roundId]);
    expect(n.rows[0].n).toBe(400);
  }, 60_000);

  it('answers 503 to every scan of a batch whose commit fails, and stores nothing of it', async () => {
    const barcode = `G${h.tag}F`;
    await one(scan({ kind: 'open_tube', barcode }));
    const { cookie } = await h.login('sampler', r.w.a.code);
    const scans = ids.slice(520, 528).map((idNumber) => scan({ kind: 'person', barcode, idNumber }));
    groupCommitSeam.beforeCommit = async () => {
      throw new Error('injected: the commit fails');
    };
    try {
      const res = await Promise.all(
        scans.map((s) =>
          h.app.inject({ method: 'POST', url: '/api/testing/scans', headers: { cookie }, payload: { scans: [s] } }),
        ),
      );
      for (const x of res) {
        expect(x.statusCode).toBe(503);
        expect(x.json()).toMatchObject({
          error: { code: 'kit.commit_failed', messageEn: expect.stringContaining('none of this batch') },
        });
        expect(x.body).toContain('本批扫码均未保存');
      }
    } finally {
      groupCommitSeam.beforeCommit = null;
    }
    const t = await h.pool.query(
      'SELECT t.size, (SELECT count(*)::int FROM samples s WHERE s.tube_id = t.id) AS n FROM tubes t WHERE barcode = $1',
      [barcode],
    );
    expect(t.rows[0]).toMatchObject({ size: 0, n: 0 });
    // the phone sends them again: stored once each
    const out = await Promise.all(scans.map(one));
    expect(out.map((o) => o.size).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('samples a person scanned into two tubes at once exactly once (a duplicate across writers fails alone)', async () => {
    const tubes = ['A', 'B', 'C', 'D'].map((x) => `G${h.tag}${x}`);
    await Promise.all(tubes.map((barcode) => one(scan({ kind: 'open_tube', barcode }))));
    const people = ids.slice(540, 560);
    const scans = people.flatMap((idNumber, i) => [
      scan({ kind: 'person', barcode: tubes[i < 10 ? 0 : 2] as string, idNumber }),
      scan({ kind: 'person', barcode: tubes[i < 10 ? 1 : 3] as string, idNumber }),
    ]);
    const out = await Promise.all(scans.map(one));
    expect(out.filter((o) => o.ok)).toHaveLength(20);
    expect(out.filter((o) => !o.ok).every((o) => o.code === 'already_sampled')).toBe(true);
    const n = await h.pool.query(
      'SELECT count(*)::int AS n, count(DISTINCT person_id)::int AS p FROM samples s JOIN tubes t ON t.id = s.tube_id WHERE t.barcode = ANY($1)',
      [tubes],
    );
    expect(n.rows[0]).toEqual({ n: 20, p: 20 });
  });
});
