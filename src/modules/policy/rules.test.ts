import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Edition, editionSchema } from './edition';
import { loweringDue } from './rules';

const base: Edition = editionSchema.parse({
  code: 'test',
  name: '测试版',
  issued: '2022-06-28',
  source: '测试',
  tiers: ['high', 'medium', 'low'],
  levelNames: { high: '高风险区', medium: '中风险区', low: '低风险区' },
  measures: { high: '足不出户、上门服务' },
  lowering: [
    { from: 'high', to: 'medium', quietDays: 7, negativeRoundOnLastDay: true },
    { from: 'medium', to: 'low', quietDays: 3, negativeRoundOnLastDay: false },
  ],
  closeContact: { centralizedDays: 7, homeDays: 3, homeMode: 'health_monitoring', centralizedTestDays: [1], homeTestDays: [3] },
  secondaryContact: null,
  areaTestingEveryDays: { high: 1, medium: 1, low: null },
  leavingCity: { negativeTests: 1, withinHours: 48, apartHours: 0, greenCode: true },
  healthCode: { positive: 'red' },
});

const at = (s: string) => new Date(s);

describe('loweringDue', () => {
  it('proposes high → medium once seven quiet days end with an all-negative round on the last day', () => {
    const facts = {
      level: 'high' as const,
      since: at('2022-11-02T03:00:00+08:00'),
      lastInfectionAt: at('2022-11-03T10:00:00+08:00'),
      negativeRounds: [at('2022-11-10T08:00:00+08:00')],
    };
    expect(loweringDue(base, facts, at('2022-11-10T09:59:00+08:00'))).toBeNull();
    const p = loweringDue(base, facts, at('2022-11-10T10:00:00+08:00'));
    expect(p?.step.to).toBe('medium');
    expect(p?.dueAt.toISOString()).toBe(at('2022-11-10T10:00:00+08:00').toISOString());
  });

  it('waits for the round when the edition needs one', () => {
    const facts = {
      level: 'high' as const,
      since: at('2022-11-02T03:00:00+08:00'),
      lastInfectionAt: null,
      negativeRounds: [at('2022-11-05T08:00:00+08:00')],
    };
    expect(loweringDue(base, facts, at('2022-11-12T00:00:00+08:00'))).toBeNull();
  });

  it('never proposes before the quiet days are complete (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 * 24 }),
        fc.integer({ min: 0, max: 40 * 24 }),
        fc.array(fc.integer({ min: 0, max: 60 * 24 }), { maxLength: 5 }),
        fc.constantFrom('high' as const, 'medium' as const),
        (infectionH, nowH, roundsH, level) => {
          const t0 = at('2022-11-01T00:00:00+08:00').getTime();
          const h = (n: number) => new Date(t0 + n * 3600_000);
          const facts = { level, since: h(0), lastInfectionAt: h(infectionH), negativeRounds: roundsH.map(h) };
          const p = loweringDue(base, facts, h(nowH));
          if (!p) return;
          const need = base.lowering.find((s) => s.from === level)?.quietDays ?? 0;
          expect(nowH - infectionH).toBeGreaterThanOrEqual(need * 24);
        },
      ),
    );
  });
});
