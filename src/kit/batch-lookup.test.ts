import { describe, expect, it } from 'vitest';
import { batchLookup } from './batch-lookup';

type Arg = { db: object; scope: string };
const recorder = () => {
  const calls: { scope: string; keys: readonly number[] }[] = [];
  const look = batchLookup(
    async (a: Arg, keys: readonly number[]) => {
      calls.push({ scope: a.scope, keys });
      if (keys.includes(13)) throw new Error('the statement failed');
      return new Map(keys.filter((k) => k % 2 === 0).map((k) => [k, `${a.scope}:${k}`]));
    },
    (a) => [a.db, a.scope],
    4,
  );
  return { calls, look };
};

describe('a batched lookup', () => {
  it('answers the lookups of one turn with one statement, each caller its own row (or none)', async () => {
    const { calls, look } = recorder();
    const pool = { db: {}, scope: '/' };
    const got = await Promise.all([look(pool, 2), look(pool, 3), look(pool, 2), look(pool, 4)]);
    expect(got).toEqual(['/:2', undefined, '/:2', '/:4']);
    expect(calls).toEqual([{ scope: '/', keys: [2, 3, 4] }]);
    // The next turn is a statement of its own.
    expect(await look(pool, 6)).toBe('/:6');
    expect(calls).toHaveLength(2);
  });

  it('never mixes handles or scopes, and splits a turn at the most keys a statement takes', async () => {
    const { calls, look } = recorder();
    const db = {};
    const tx = {};
    await Promise.all([
      look({ db, scope: '/1/' }, 2),
      look({ db, scope: '/2/' }, 2),
      look({ db: tx, scope: '/1/' }, 2),
      ...[10, 12, 14, 16, 18, 20].map((k) => look({ db, scope: '/1/' }, k)),
    ]);
    expect(calls.map((c) => [c.scope, c.keys])).toEqual([
      ['/1/', [2, 10, 12, 14]],
      ['/2/', [2]],
      ['/1/', [2]],
      ['/1/', [16, 18, 20]],
    ]);
  });

  it('rejects every caller of a failed statement, and the next turn works again', async () => {
    const { look } = recorder();
    const pool = { db: {}, scope: '/' };
    const r = await Promise.allSettled([look(pool, 13), look(pool, 2)]);
    expect(r.map((x) => x.status)).toEqual(['rejected', 'rejected']);
    expect(await look(pool, 2)).toBe('/:2');
  });
});
