import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Ctx, system } from '../../../kit/context';
import { harness } from '../../../test/harness';
import { peopleService } from '../../people/service';
import { buildCompound } from '../../risk/fixtures/compound';
import { SMALL_COMPOUND, sampled } from '../fixtures/round';
import { copyRetry, roundsService } from '../rounds/service';
import { coverageService as cov } from './service';
import { coverageStore, type Figures } from './store';

let h: Awaited<ReturnType<typeof harness>>;
let w: Awaited<ReturnType<Awaited<ReturnType<typeof harness>>['world']>>;
let hq: Ctx;
let a: Awaited<ReturnType<typeof buildCompound>>;
let b: Awaited<ReturnType<typeof buildCompound>>;
let roundId: number;

beforeAll(async () => {
  h = await harness('2022-11-02T07:00:00+08:00');
  w = await h.world();
  a = await buildCompound(h, w.a.id, SMALL_COMPOUND(`甲小区${h.tag}`));
  b = await buildCompound(h, w.b.id, SMALL_COMPOUND(`乙小区${h.tag}`));
  hq = await h.ctx('city_hq', '230100');
  roundId = (
    await roundsService.createRound(hq, {
      number: 7,
      nodeIds: [w.street.id],
      startsAt: h.clock.now().toISOString(),
      defaultMode: 'pool10',
    })
  ).id;
});
afterAll(() => h.close());

/** The figures of the round's rows under `path` by child, counted by hand from the tables themselves. */
async function bare(path: string): Promise<Record<string, Figures>> {
  const child = `NULLIF(split_part(substr(terr_path, ${path.length + 1}), '/', 1), '')`;
  const q = async (sql: string) =>
    new Map(
      (await h.pool.query(sql, [roundId, `${path}%`])).rows.flatMap((x) => (x.k === null ? [] : [[x.k, Number(x.n)] as const])),
    );
  const [target, exempt, sampledN, resulted, positive] = await Promise.all([
    q(`SELECT ${child} AS k, count(*) AS n FROM testing_targets WHERE round_id = $1 AND terr_path LIKE $2 GROUP BY 1`),
    q(`SELECT ${child} AS k, count(*) AS n FROM testing_exemptions WHERE round_id = $1 AND terr_path LIKE $2 GROUP BY 1`),
    q(
      `SELECT ${child} AS k, count(*) AS n FROM samples WHERE round_id = $1 AND purpose = 'round' AND terr_path LIKE $2 GROUP BY 1`,
    ),
    q(`SELECT ${child.replaceAll('terr_path', 's.terr_path')} AS k, count(*) AS n FROM samples s JOIN tubes t ON t.id = s.tube_id
        WHERE s.round_id = $1 AND s.purpose = 'round' AND s.terr_path LIKE $2 AND t.result IS NOT NULL GROUP BY 1`),
    q(`SELECT ${child.replaceAll('terr_path', 's.terr_path')} AS k, count(*) AS n FROM samples s JOIN tubes t ON t.id = s.tube_id
        WHERE s.round_id = $1 AND s.purpose = 'round' AND s.terr_path LIKE $2 AND t.result = 'positive' GROUP BY 1`),
  ]);
  const keys = [...new Set([...target.keys(), ...sampledN.keys()])].sort();
  return Object.fromEntries(
    keys.map((k) => [
      k,
      {
        target: target.get(k) ?? 0,
        exempt: exempt.get(k) ?? 0,
        sampled: sampledN.get(k) ?? 0,
        resulted: resulted.get(k) ?? 0,
        positive: positive.get(k) ?? 0,
      },
    ]),
  );
}

const sorted = (m: Map<string, unknown>) => Object.fromEntries([...m.entries()].sort(([x], [y]) => x.localeCompare(y)));

/** The city, the district and the street above the round's communities: the levels read from the rollup. */
const levels = async () => {
  const street = (await h.pool.query('SELECT path FROM territory_nodes WHERE id = $1', [w.street.id])).rows[0].path as string;
  const parts = street.split('/').filter(Boolean);
  return [`/${parts[0]}/`, `/${parts[0]}/${parts[1]}/`, street];
};

async function expectExact() {
  const store = coverageStore(system(h.kit));
  for (const path of await levels()) {
    const want = await bare(path);
    expect(sorted(await store.rolledUp(roundId, path))).toEqual(want);
    expect(sorted(await store.figures(roundId, path, 'child'))).toEqual(want);
  }
}

describe('the coverage rollup of the city, districts and streets', () => {
  it('holds the target as the round opens, per community, equal to the bare count', async () => {
    await expectExact();
    const c = await cov.coverage(hq, roundId, { nodeId: w.street.id });
    expect(c.children.map((x) => [x.id, x.target])).toEqual([
      [w.a.id, a.dwellers.length],
      [w.b.id, b.dwellers.length],
    ]);
  });

  it('stays exact through scans, results, a positive pool, exemptions and rows removed, from many connections', async () => {
    const tubes = await sampled(h, roundId, [a.dwellers.slice(0, 10), a.dwellers.slice(10, 20), b.dwellers.slice(0, 7)]);
    await expectExact();
    // Results as the lab import writes them (one statement for two tubes), then one changed; the third still waits.
    await h.pool.query(
      `UPDATE tubes t SET result = u.r, result_at = now() FROM unnest($1::bigint[], $2::text[]) AS u(id, r)
        WHERE t.id = u.id AND t.result IS NULL`,
      [
        [tubes[0]?.id, tubes[1]?.id],
        ['negative', 'positive'],
      ],
    );
    await expectExact();
    await h.pool.query(`UPDATE tubes SET result = 'invalid' WHERE id = $1`, [tubes[1]?.id]);
    await h.pool.query(`UPDATE tubes SET result = 'positive' WHERE id = $1`, [tubes[1]?.id]);
    // A sample into a tube already resulted counts as resulted at once; a retest sample counts for nothing.
    await h.pool.query(
      `INSERT INTO samples (scan_id, round_id, tube_id, person_id, purpose, terr_path, sampled_at)
       VALUES (gen_random_uuid(), $1, $2, $3, 'round', $4, now()), (gen_random_uuid(), $1, $2, $5, 'retest', $6, now())`,
      [roundId, tubes[0]?.id, b.dwellers[10]?.id, b.dwellers[10]?.path, a.dwellers[0]?.id, a.dwellers[0]?.path],
    );
    await roundsService.exempt(hq, roundId, {
      personIds: [b.dwellers[20]?.id as number, b.dwellers[21]?.id as number],
      reason: 'away',
    });
    await expectExact();
    await h.pool.query('DELETE FROM samples WHERE round_id = $1 AND person_id = $2', [roundId, a.dwellers[3]?.id]);
    await h.pool.query('DELETE FROM testing_exemptions WHERE round_id = $1 AND person_id = $2', [roundId, b.dwellers[20]?.id]);
    await expectExact();
    // Rows moved between communities (a repair of the registry's paths, set-based): out of one, into the other.
    const into = b.dwellers[0]?.path as string;
    await h.pool.query('UPDATE samples SET terr_path = $3 WHERE round_id = $1 AND person_id = $2', [
      roundId,
      a.dwellers[4]?.id,
      into,
    ]);
    await h.pool.query('UPDATE testing_targets SET terr_path = $3 WHERE round_id = $1 AND person_id = ANY($2)', [
      roundId,
      [a.dwellers[5]?.id, a.dwellers[6]?.id],
      into,
    ]);
    await h.pool.query('UPDATE testing_exemptions SET terr_path = $3 WHERE round_id = $1 AND person_id = $2', [
      roundId,
      b.dwellers[21]?.id,
      a.dwellers[0]?.path,
    ]);
    await expectExact();
    const city = await cov.coverage(hq, roundId, { nodeId: 1 });
    const live = await bare((await levels())[0] as string);
    const total = Object.values(live).reduce((s, x) => s + x.sampled, 0);
    expect(city.total.sampled).toBe(total);
    expect(city.total.positive).toBe(10);
  });
});

describe('a round opening', () => {
  it('resumes an interrupted copy where its cursor stood, copies everyone once, and refuses exemptions and closing until then', async () => {
    const { id, target, status } = await roundsService.createRound(hq, {
      number: 8,
      nodeIds: [w.a.id, w.b.id],
      startsAt: h.clock.now().toISOString(),
      defaultMode: 'pool10',
    });
    expect(status).toBe('open');
    expect(target).toBe(a.dwellers.length + b.dwellers.length);
    const round = await roundsService.getRound(hq, id);
    expect(round).toMatchObject({ status: 'open', targetExpected: target, targetCopied: target, target });
    // Stopped after the residents up to the 25th id: the rows past the cursor were never written.
    const ids = (await h.pool.query('SELECT person_id FROM testing_targets WHERE round_id = $1 ORDER BY person_id', [id])).rows;
    const cut = Number(ids[24].person_id);
    await h.pool.query('DELETE FROM testing_targets WHERE round_id = $1 AND person_id > $2', [id, cut]);
    await h.pool.query(
      `UPDATE testing_rounds SET status = 'opening', opened_at = NULL, target_copied = 25, copy_id = $2 WHERE id = $1`,
      [id, cut],
    );
    expect(await roundsService.getRound(hq, id)).toMatchObject({ status: 'opening', targetCopied: 25 });
    const refused = await roundsService
      .exempt(hq, id, { personIds: [a.dwellers[0]?.id as number], reason: 'away' })
      .catch((e) => e);
    expect([refused.status, refused.code]).toEqual([409, 'testing.round_opening']);
    const close = await cov.close(hq, id).catch((e) => e);
    expect([close.status, close.code]).toEqual([409, 'testing.round_opening']);

    expect(await roundsService.resumeOpening(system(h.kit))).toContain(id);
    expect(await roundsService.finishOpening(system(h.kit), id)).toBe(target);
    expect(await roundsService.getRound(hq, id)).toMatchObject({ status: 'open', target, targetCopied: target });
    const again = (
      await h.pool.query(
        'SELECT count(*)::int AS n, count(DISTINCT person_id)::int AS d FROM testing_targets WHERE round_id = $1',
        [id],
      )
    ).rows[0];
    expect(again).toEqual({ n: target, d: target });
    const opened = await h.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'testing.round_opened' AND target = $1",
      [String(id)],
    );
    expect(opened.rows[0].n).toBeGreaterThanOrEqual(1);
    // The target in a community's scope is summed from the rollup, in a compound's (below it) counted live: the same.
    const community = await h.ctx('community', w.a.code);
    const compound = await h.ctx('sampler', a.compound.code);
    expect((await roundsService.getRound(community, id)).target).toBe(a.dwellers.length);
    expect((await roundsService.getRound(compound, id)).target).toBe(a.dwellers.length);
    // The rollup lost the deleted rows and gained the resumed ones: still the bare count.
    const [, , street] = await levels();
    expect(
      [...(await coverageStore(system(h.kit)).rolledUp(id, street as string)).values()].reduce((s, x) => s + x.target, 0),
    ).toBe(target);
  });

  it('tries a chunk that failed for the moment again, and leaves a round refused for its data opening', async () => {
    const real = peopleService.residentsUnder;
    const delays = copyRetry.delaysMs;
    copyRetry.delaysMs = [10, 10];
    const failing = (times: number, e: object) => {
      let left = times;
      return vi.spyOn(peopleService, 'residentsUnder').mockImplementation((...args) => {
        if (left-- > 0) throw Object.assign(new Error('the database failed'), e);
        return real(...args);
      });
    };
    try {
      const spy = failing(2, { code: '57P01' });
      const again = await roundsService.createRound(hq, {
        number: 9,
        nodeIds: [w.a.id],
        startsAt: h.clock.now().toISOString(),
        defaultMode: 'pool10',
      });
      expect(again).toMatchObject({ status: 'open', target: a.dwellers.length });
      spy.mockRestore();
      failing(1, { code: '22P02' });
      const kept = await roundsService.createRound(hq, {
        number: 10,
        nodeIds: [w.a.id],
        startsAt: h.clock.now().toISOString(),
        defaultMode: 'pool10',
      });
      expect(kept).toMatchObject({ status: 'opening', target: 0 });
    } finally {
      vi.restoreAllMocks();
      copyRetry.delaysMs = delays;
    }
  });
});
