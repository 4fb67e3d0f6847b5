import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../test/harness';
import { freshId, ledgerFile, multipart, row } from '../../test/ledger-file';

// The rollup (migration 0003) keeps the counts of the city, districts and streets; these tests check it against
// live counts after imports, moves, tag changes and compaction.
let h: Awaited<ReturnType<typeof harness>>;
let w: Awaited<ReturnType<Awaited<ReturnType<typeof harness>>['world']>>;
let street: { cookie: string };
const ids = [freshId(), freshId(), freshId()];

const importAs = async (cookie: string, rows: string[][]) => {
  const m = multipart(await ledgerFile(rows));
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/people/import',
    payload: m.payload,
    headers: { ...m.headers, cookie },
  });
  expect(res.statusCode).toBe(200);
};
const streetCounts = async () =>
  (await h.app.inject({ url: `/api/territory/nodes/${w.street.id}`, headers: { cookie: street.cookie } })).json().counts;

/** Rollup and live counts of the city, each district and the test street, read in one statement (one snapshot). */
const mismatches = async () =>
  (
    await h.pool.query(
      `WITH n AS (SELECT id, path FROM territory_nodes WHERE depth <= 1 OR id = $1),
            r AS (SELECT node_id, sum(households) AS h, sum(residents) AS p, sum(vulnerable) AS v FROM territory_rollup GROUP BY 1)
       SELECT n.id FROM n LEFT JOIN r ON r.node_id = n.id
        WHERE coalesce(r.p, 0) <> (SELECT count(*) FROM people WHERE terr_path LIKE n.path || '%')
           OR coalesce(r.v, 0) <> (SELECT count(*) FROM people WHERE terr_path LIKE n.path || '%' AND tags <> '{}')
           OR coalesce(r.h, 0) <> (SELECT count(*) FROM territory_nodes WHERE type = 'household' AND path LIKE n.path || '%')`,
      [w.street.id],
    )
  ).rows;

beforeAll(async () => {
  h = await harness();
  w = await h.world();
  street = await h.login('street', w.street.code);
});
afterAll(() => h.close());

describe('subtree counts of streets and above (territory_rollup)', () => {
  it('follow an import into a community of the street', async () => {
    await importAs(street.cookie, [
      row('赵一', ids[0] as string, { community: w.a.name }),
      row('钱二', ids[1] as string, { community: w.a.name, room: '102', tags: '独居老人' }),
    ]);
    expect(await streetCounts()).toEqual({ households: 2, residents: 2, vulnerable: 1 });
    expect(await mismatches()).toEqual([]);
  });

  it('follow residents who move, gain or lose a tag, and a replay changes nothing', async () => {
    const file = [
      row('赵一', ids[0] as string, { community: w.b.name, tags: '卧床' }),
      row('钱二', ids[1] as string, { community: w.a.name, room: '102' }),
      row('孙三', ids[2] as string, { community: w.b.name, room: '201' }),
    ];
    await importAs(street.cookie, file);
    await importAs(street.cookie, file);
    expect(await streetCounts()).toEqual({ households: 4, residents: 3, vulnerable: 1 });
    const children = (
      await h.app.inject({ url: `/api/territory/nodes/${w.street.id}/children`, headers: { cookie: street.cookie } })
    ).json();
    expect(children.items.map((c: { counts: { residents: number } }) => c.counts.residents)).toEqual([1, 2]);
    expect(await mismatches()).toEqual([]);
  });

  it('compaction folds each node’s deltas into one row and keeps every sum', async () => {
    await h.pool.query('SELECT compact_territory_rollup()');
    const rows = await h.pool.query('SELECT count(*)::int AS n FROM territory_rollup WHERE node_id = $1', [w.street.id]);
    expect(rows.rows[0].n).toBe(1);
    expect(await streetCounts()).toEqual({ households: 4, residents: 3, vulnerable: 1 });
    expect(await mismatches()).toEqual([]);
  });
});
