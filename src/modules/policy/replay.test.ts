import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Edition, ReachedBy, RiskLevel } from './edition';
import { type AreaFacts, loweringDue } from './rules';
import { SHIPPED_EDITIONS } from './shipped';

/**
 * A small outbreak replayed under two editions (issue 14, "what it must show"): one compound high-risk from
 * 2022-11-02 03:00, two infections found inside, rounds of everyone inside all negative on some mornings. Each
 * evening at 20:00 the command meeting asks `loweringDue` and confirms what it proposes from that moment; the
 * dates each edition leads to differ.
 */
const at = (s: string) => new Date(s);
const T0 = at('2022-11-02T03:00:00+08:00');
const INFECTIONS = [at('2022-11-03T10:00:00+08:00'), at('2022-11-05T16:00:00+08:00')];
const NEGATIVE_ROUNDS = ['2022-11-09', '2022-11-11', '2022-11-13', '2022-11-15'].map((d) => at(`${d}T08:00:00+08:00`));

const edition = (code: string) => SHIPPED_EDITIONS.find((e) => e.code === code) as Edition;
const day = (t: Date) => new Date(t.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

function replay(e: Edition, evenings: number) {
  let area: AreaFacts & { reachedBy: ReachedBy } = {
    level: 'high',
    since: T0,
    lastInfectionAt: null,
    negativeRounds: [],
    reachedBy: 'designation',
  };
  const changes: { to: RiskLevel; on: string; dueOn: string }[] = [];
  for (let d = 0; d < evenings; d++) {
    const now = new Date(at('2022-11-02T20:00:00+08:00').getTime() + d * 24 * 3600_000);
    const found = INFECTIONS.filter((t) => t <= now).at(-1) ?? null;
    area = { ...area, lastInfectionAt: found, negativeRounds: NEGATIVE_ROUNDS.filter((t) => t <= now) };
    const p = loweringDue(e, area, now);
    if (!p) continue;
    changes.push({ to: p.step.to, on: day(now), dueOn: day(p.dueAt) });
    area = { ...area, level: p.step.to, since: now, reachedBy: 'lowering' };
  }
  return changes;
}

describe('one outbreak replayed under two editions', () => {
  it('9th edition: high → medium on 11-13 (7 quiet days end 11-12 16:00, the round of that last day came on 11-13), medium → low 3 days later', () => {
    expect(replay(edition('ed9'), 30)).toEqual([
      { to: 'medium', on: '2022-11-13', dueOn: '2022-11-12' },
      { to: 'low', on: '2022-11-16', dueOn: '2022-11-16' },
    ]);
  });

  it('20 measures: high → low on 11-10, five quiet days after the last infection, with no medium step and no round needed', () => {
    expect(replay(edition('measures-20'), 30)).toEqual([{ to: 'low', on: '2022-11-10', dueOn: '2022-11-10' }]);
  });

  it('the 8th edition (Harbin 2021, 14 days a step) takes far longer: medium on 11-19, low on 12-03', () => {
    expect(replay(edition('ed8'), 40)).toEqual([
      { to: 'medium', on: '2022-11-19', dueOn: '2022-11-19' },
      { to: 'low', on: '2022-12-03', dueOn: '2022-12-03' },
    ]);
  });
});

describe('lowering under every shipped edition', () => {
  it('is never proposed before the quiet days of the step it proposes, and a step for areas reached one way only for those (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SHIPPED_EDITIONS),
        fc.constantFrom<RiskLevel>('high', 'medium'),
        fc.constantFrom<ReachedBy>('lowering', 'designation'),
        fc.option(fc.integer({ min: 0, max: 30 * 24 }), { nil: null }),
        fc.array(fc.integer({ min: 0, max: 40 * 24 }), { maxLength: 6 }),
        fc.integer({ min: 0, max: 40 * 24 }),
        (e, level, reachedBy, infectionH, roundsH, nowH) => {
          const h = (n: number) => new Date(T0.getTime() + n * 3600_000);
          const facts = {
            level,
            reachedBy,
            since: T0,
            lastInfectionAt: infectionH === null ? null : h(infectionH),
            negativeRounds: roundsH.map(h),
          };
          const p = loweringDue(e, facts, h(nowH));
          if (!p) return;
          expect(p.step.from).toBe(level);
          expect([undefined, reachedBy]).toContain(p.step.reachedBy);
          expect(nowH - (infectionH ?? 0)).toBeGreaterThanOrEqual(p.step.quietDays * 24);
          if (p.step.negativeRoundOnLastDay) expect(p.round).not.toBeNull();
        },
      ),
    );
  });
});
