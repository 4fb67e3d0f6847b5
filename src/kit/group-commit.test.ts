import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../test/harness';
import { groupCommit } from './group-commit';

let h: Awaited<ReturnType<typeof harness>>;
let fn: string;

beforeAll(async () => {
  h = await harness('2022-11-02T07:00:00+08:00');
  fn = `gc_flaky_${h.tag}`.toLowerCase();
  // Raises a deadlock for the first `n` calls of a key's sequence (nextval survives the rollback), then answers.
  await h.pool.query(`CREATE SEQUENCE ${fn}_calls`);
  await h.pool.query(
    `CREATE FUNCTION ${fn}(k int, n int) RETURNS int LANGUAGE plpgsql AS $$
     BEGIN
       IF nextval('${fn}_calls') <= n THEN RAISE EXCEPTION 'deadlock detected' USING ERRCODE = '40P01'; END IF;
       RETURN k;
     END $$`,
  );
});
afterAll(async () => {
  await h.pool.query(`DROP FUNCTION IF EXISTS ${fn}(int, int); DROP SEQUENCE IF EXISTS ${fn}_calls`);
  await h.close();
});

const st = (name: string, text: string, values: unknown[]) => ({ name: `${name}_${h.tag}`.toLowerCase(), text, values });

describe('group commit and the transactions in its way', () => {
  it('a statement that lost a deadlock goes into a later batch and is answered; the others of its batch are kept', async () => {
    await h.pool.query(`SELECT setval('${fn}_calls', 1, false)`);
    const run = groupCommit(h.pool);
    // The batch's first try and its guarded retry both lose: the statement waits for the writer's next batch.
    const out = await Promise.all([
      run<{ v: number }>('k', st('plain', 'SELECT $1::int AS v', [1])),
      run<{ v: number }>('k', st('flaky', `SELECT ${fn}($1, $2) AS v`, [2, 2])),
      run<{ v: number }>('k', st('plain', 'SELECT $1::int AS v', [3])),
    ]);
    expect(out.map((r) => r.v)).toEqual([1, 2, 3]);
  });

  it('one that keeps losing is answered 503 (send again), never a 500; a wrong statement keeps its own error', async () => {
    await h.pool.query(`SELECT setval('${fn}_calls', 1, false)`);
    const run = groupCommit(h.pool);
    const [lost, wrong, fine] = await Promise.allSettled([
      run('k', st('flaky', `SELECT ${fn}($1, $2) AS v`, [2, 1_000])),
      run('k', st('wrong', 'SELECT 1 / $1::int AS v', [0])),
      run<{ v: number }>('k', st('plain', 'SELECT $1::int AS v', [5])),
    ]);
    expect(lost.status === 'rejected' && (lost.reason as { status: number; code: string })).toMatchObject({
      status: 503,
      code: 'kit.commit_failed',
    });
    expect(wrong.status === 'rejected' && (wrong.reason as { code: string }).code).toBe('22012');
    expect(fine.status === 'fulfilled' && fine.value.v).toBe(5);
  });
});
