import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { harness } from '../test/harness';
import { keyset } from './keyset';
import { boundedTotal, totalBeside } from './totals';

const cursor = keyset(z.tuple([z.string().max(20), z.number().int().positive()]));

describe('keyset cursors', () => {
  it('round-trip the key, non-ASCII text included, as opaque base64url', () => {
    const s = cursor.encode(['/1/5/南岗/', 42]);
    expect(s).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor.param.parse(s)).toEqual(['/1/5/南岗/', 42]);
  });

  it('refuse what does not decode to the key', () => {
    for (const bad of ['', '!!', 'e30', cursor.encode(['x', 42]).slice(0, -2), btoa('["x",-1]'), btoa('["x",1,2]')])
      expect(cursor.param.safeParse(bad).success, bad).toBe(false);
  });

  it('cut a page from pageSize + 1 rows: next names the last row shown, null on the last page', () => {
    const rows = [1, 2, 3].map((id) => ({ path: '/1/', id }));
    const more = cursor.page(rows, 2, (r) => [r.path, r.id]);
    expect(more.items.map((r) => r.id)).toEqual([1, 2]);
    expect(cursor.param.parse(more.next)).toEqual(['/1/', 2]);
    expect(cursor.page(rows, 3, (r) => [r.path, r.id]).next).toBeNull();
  });
});

describe('boundedTotal', () => {
  let h: Awaited<ReturnType<typeof harness>>;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(() => h.close());
  // The territory tree has more than three nodes in any test database (the city and its districts).
  const nodes = () => h.kit.db.selectFrom('territory_nodes').select('id');

  it('counts a first page that holds everything by the page, and counts exactly under the cap', async () => {
    expect(await boundedTotal(h.kit.db, nodes(), { first: true, shown: 7, more: false })).toEqual({ value: 7, exact: true });
    const all = Number((await h.pool.query('SELECT count(*) AS n FROM territory_nodes')).rows[0].n);
    expect(await boundedTotal(h.kit.db, nodes(), { first: false, shown: 2, more: true }, all + 5)).toEqual({
      value: all,
      exact: true,
    });
  });

  it("past the cap gives the planner's estimate, never less than what was counted", async () => {
    const t = await boundedTotal(h.kit.db, nodes(), { first: true, shown: 2, more: true }, 3);
    expect(t.exact).toBe(false);
    expect(t.value).toBeGreaterThanOrEqual(4);
  });

  it('started beside its page, says what boundedTotal says of the same page', async () => {
    const all = Number((await h.pool.query('SELECT count(*) AS n FROM territory_nodes')).rows[0].n);
    for (const [page, cap] of [
      [{ first: true, shown: 7, more: false }, 1000],
      [{ first: false, shown: 2, more: true }, all + 5],
      [{ first: true, shown: 2, more: true }, 3],
    ] as const)
      expect(await totalBeside(h.kit.db, nodes(), cap)(page)).toEqual(await boundedTotal(h.kit.db, nodes(), page, cap));
  });

  it('a count that fails while the page shows every match is dropped, and heard when it is needed', async () => {
    const broken = h.kit.db.selectFrom('territory_nodes').select('id').where(sql<boolean>`1 / (id - id) = 1`);
    expect(await totalBeside(h.kit.db, broken)({ first: true, shown: 1, more: false })).toEqual({ value: 1, exact: true });
    await expect(totalBeside(h.kit.db, broken)({ first: false, shown: 20, more: true })).rejects.toThrow(/division by zero/);
  });
});
