import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../../kit/context';
import { harness } from '../../../test/harness';
import { CODE_STATUSES } from '../../policy/edition';
import { SHIPPED_EDITIONS } from '../../policy/shipped';
import { buildCompound } from '../../risk/fixtures/compound';
import { SMALL_COMPOUND } from '../../testing/fixtures/round';
import * as reason from './reasons';
import { colourOf, type Fact } from './rules';
import { coloursService } from './service';

let h: Awaited<ReturnType<typeof harness>>;
let people: { id: number; path: string }[];
let requester: number;
let approver: number;
const NOW = '2022-11-27T10:00:00+08:00';
/** The shipped edition in force at `at` (the recompute follows it; the test database holds the shipped ones). */
const inForce = (at: Date) =>
  [...SHIPPED_EDITIONS]
    .sort((a, b) => Date.parse(a.effectiveFrom) - Date.parse(b.effectiveFrom))
    .filter((e) => Date.parse(e.effectiveFrom) <= at.getTime())
    .at(-1) ?? { healthCode: {} };

beforeAll(async () => {
  h = await harness(NOW);
  const w = await h.world();
  people = (await buildCompound(h, w.a.id, SMALL_COMPOUND(`赋码小区${h.tag}`))).dwellers.slice(0, 12);
  requester = (await h.ctx('community', w.a.code)).actor?.userId as number;
  approver = (await h.ctx('cdc', '230100')).actor?.userId as number;
});
afterAll(() => h?.close());

const ids = () => people.map((p) => p.id);
const codes = async () =>
  new Map(
    (
      await h.pool.query('SELECT person_id, colour, reasons, version FROM health_codes WHERE person_id = ANY($1)', [ids()])
    ).rows.map((r) => [Number(r.person_id), r]),
  );

describe('recording facts recomputes the codes they touch, in the same transaction', () => {
  it('a missed round turns yellow with its reason, a negative test ends it, a replay changes nothing', async () => {
    const [a, b] = people as [{ id: number; path: string }, { id: number; path: string }];
    const ctx = system(h.kit);
    const since = h.clock.now();
    const fact = (p: typeof a) => ({
      personId: p.id,
      terrPath: p.path,
      kind: 'missed_round' as const,
      source: `round:test-${h.tag}`,
      reason: reason.missedRound(3),
      since,
      until: null,
    });
    const first = await coloursService.recordFacts(ctx, [fact(a), fact(b)], 'test');
    expect(first.changed).toBe(2);
    expect((await coloursService.codeOf(ctx, a.id)).reasons).toEqual(['未按要求参加第3轮全员核酸检测']);
    expect((await coloursService.codeOf(ctx, a.id)).colour).toBe('yellow');
    expect((await coloursService.recordFacts(ctx, [fact(a), fact(b)], 'test')).changed).toBe(0);
    const feed = await h.pool.query('SELECT person_id, colour FROM health_code_changes WHERE seq BETWEEN $1 AND $2', [
      first.fromSeq,
      first.toSeq,
    ]);
    expect(feed.rows.map((r) => Number(r.person_id)).sort()).toEqual([a.id, b.id].sort());
    h.clock.set('2022-11-27T12:00:00+08:00');
    const negative = new Date('2022-11-27T11:00:00+08:00');
    await ctx.transaction(async (tx) => {
      await coloursService.endFacts(tx, { kind: 'missed_round', personIds: [a.id], at: negative }, 'test');
      await coloursService.recompute(tx, { ids: [a.id], negativeAt: [negative] }, 'test');
    });
    const after = await coloursService.codeOf(ctx, a.id);
    expect(after).toMatchObject({ colour: 'green', reasons: [], lastNegativeAt: negative });
    expect((await coloursService.codeOf(ctx, b.id)).colour).toBe('yellow');
    h.clock.set(NOW);
  });
});

// Days around 2022-11-11, when the 20 measures followed the 9th edition: the recompute must follow the edition of its time.
const day = fc.integer({ min: 0, max: 20 }).map((d) => new Date(Date.parse('2022-11-06T00:00:00+08:00') + d * 43_200_000));
const factArb = fc.record({
  kind: fc.constantFrom(...CODE_STATUSES),
  reason: fc.constantFrom('甲', '乙', '丙'),
  since: day,
  until: fc.option(day),
  changedAt: day,
});
const personArb = fc.record({
  facts: fc.array(factArb, { maxLength: 5 }),
  override: fc.option(fc.record({ colour: fc.constantFrom('green', 'yellow', 'red' as const), at: day })),
});

describe('the one-statement recompute agrees with the pure rule', () => {
  it('on generated facts and corrections of twelve people', async () => {
    // One applied correction of the twelve per colour, approved by a second person (migration 0029 refuses an
    // override naming a correction of another colour, and twelve people corrected by one person alone).
    const correction: Record<string, number> = {};
    for (const colour of ['green', 'yellow', 'red'])
      correction[colour] = (
        await h.pool.query(
          `INSERT INTO health_corrections (terr_path, person_ids, colour, reason, before, status, requested_by, requested_at, decided_by, decided_at)
           VALUES ('/', $1, $3, '更正', '[]', 'applied', $2, now(), $4, now()) RETURNING id`,
          [ids(), requester, colour, approver],
        )
      ).rows[0].id;
    await fc.assert(
      fc.asyncProperty(fc.array(personArb, { minLength: 12, maxLength: 12 }), day, async (plan, at) => {
        await h.pool.query('DELETE FROM health_facts WHERE person_id = ANY($1)', [ids()]);
        await h.pool.query('DELETE FROM health_overrides WHERE person_id = ANY($1)', [ids()]);
        const rows = plan.flatMap((p, i) =>
          p.facts.map((f, j) => ({ ...f, person: people[i] as { id: number; path: string }, j })),
        );
        await h.pool.query(
          `INSERT INTO health_facts (person_id, terr_path, kind, source, reason, since, until, changed_at)
           SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[])`,
          [
            rows.map((r) => r.person.id),
            rows.map((r) => r.person.path),
            rows.map((r) => r.kind),
            rows.map((r) => `p:${r.j}`),
            rows.map((r) => r.reason),
            rows.map((r) => r.since),
            rows.map((r) => (r.until && r.until < r.since ? r.since : r.until)),
            rows.map((r) => r.changedAt),
          ],
        );
        for (const [i, p] of plan.entries())
          if (p.override)
            await h.pool.query(
              `INSERT INTO health_overrides (person_id, terr_path, correction_id, colour, reason, at) VALUES ($1, $2, $3, $4, '更正', $5)`,
              [people[i]?.id, people[i]?.path, correction[p.override.colour], p.override.colour, p.override.at],
            );
        h.clock.set(at);
        await coloursService.recompute(system(h.kit), { ids: ids() }, 'property');
        const got = await codes();
        for (const [i, p] of plan.entries()) {
          const facts: Fact[] = p.facts.map((f) => ({ ...f, until: f.until && f.until < f.since ? f.since : f.until }));
          const want = colourOf(inForce(at), facts, p.override ? { ...p.override, reason: '更正' } : null, at);
          const row = got.get(people[i]?.id as number);
          expect({ colour: row?.colour ?? 'green', reasons: row?.reasons ?? [] }).toEqual({
            colour: want.colour,
            reasons: want.reasons,
          });
        }
      }),
      { numRuns: 25 },
    );
    h.clock.set(NOW);
  });
});
