import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../test/harness';
import { freshId, row } from '../../test/ledger-file';

let h: Awaited<ReturnType<typeof harness>>;
let w: Awaited<ReturnType<Awaited<ReturnType<typeof harness>>['world']>>;
let worker: { cookie: string };
beforeAll(async () => {
  h = await harness();
  w = await h.world();
  worker = await h.login('community', w.a.code);
});
afterAll(() => h.close());

const upload = async (rows: string[][]) => {
  const res = await h.importResidents(worker.cookie, rows);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const eventsOf = async (type: string, personId: number) =>
  (
    await h.pool.query(
      `SELECT payload FROM domain_events WHERE type = $1
          AND (payload->'inserted' @> to_jsonb($2::bigint) OR payload->'updated' @> to_jsonb($2::bigint)
               OR (payload->>'personId')::bigint = $2) ORDER BY seq`,
      [type, personId],
    )
  ).rows.map((r) => r.payload);

describe('what the people module tells the others', () => {
  it('an import announces the residents it wrote, and a resident moved to another household', async () => {
    const id = freshId();
    await upload([row('周洁', id, { room: '101' })]);
    const person = (await h.pool.query('SELECT id, household_id FROM people WHERE id_number = $1', [id])).rows[0];
    expect(await eventsOf('residents.imported', person.id)).toEqual([{ inserted: [person.id], updated: [] }]);

    await upload([row('周洁', id, { room: '502' })]);
    const now = (await h.pool.query('SELECT household_id FROM people WHERE id = $1', [person.id])).rows[0].household_id;
    expect(now).not.toBe(person.household_id);
    expect(await eventsOf('resident.moved', person.id)).toEqual([
      { personId: person.id, fromHousehold: person.household_id, toHousehold: now },
    ]);
    // The same rows again change nothing, and tell nothing.
    await upload([row('周洁', id, { room: '502' })]);
    expect(await eventsOf('residents.imported', person.id)).toHaveLength(2);
  });
});
