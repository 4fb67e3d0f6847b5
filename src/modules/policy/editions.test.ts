import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { editionInput } from './contract';
import { editionSchema } from './edition';
import { editionProblems, quarantineSchedule } from './rules';
import { SHIPPED_EDITIONS } from './shipped';

/** The shipped edition files against the table of ../shared/POLICY.md, figure by figure. */
const DIR = new URL('./editions/', import.meta.url);
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const byCode = (code: string) => {
  const e = SHIPPED_EDITIONS.find((x) => x.code === code);
  if (!e) throw new Error(`no shipped edition ${code}`);
  return e;
};

describe('the shipped policy editions', () => {
  it('every file is an edition (editionSchema), holds together, and names its source and issue date', () => {
    expect(files.sort()).toEqual(['10-measures.json', '20-measures.json', '8th.json', '9th.json']);
    for (const f of files) {
      const raw = JSON.parse(readFileSync(new URL(f, DIR), 'utf8'));
      const e = editionSchema.parse(raw);
      expect(editionInput.safeParse(raw).success, f).toBe(true);
      expect(editionProblems(e), f).toEqual([]);
      expect(e.source, f).toMatch(/国务院应对新型冠状病毒肺炎疫情联防联控机制综合组，20\d\d年/);
      // Nothing in a file is dropped by the schema: every key it writes is a field of an edition.
      expect(
        Object.keys(raw).filter((k) => k !== 'effectiveFrom' && !(k in editionSchema.shape)),
        f,
      ).toEqual([]);
      expect(e.unconfirmed.length, `${f} says what POLICY.md could not confirm`).toBeGreaterThan(0);
    }
  });

  it('take effect in order at 00:00 Beijing time on 2021-05-11, 2022-06-28, 2022-11-11 and 2022-12-07', () => {
    expect(SHIPPED_EDITIONS.map((e) => [e.code, new Date(e.effectiveFrom).toISOString()])).toEqual([
      ['ed8', '2021-05-10T16:00:00.000Z'],
      ['ed9', '2022-06-27T16:00:00.000Z'],
      ['measures-20', '2022-11-10T16:00:00.000Z'],
      ['measures-10', '2022-12-06T16:00:00.000Z'],
    ]);
  });

  it('close contacts: 14+7 (tests 1, 4, 7, 14), 7+3 (1, 2, 3, 5, 7 and home day 3), 5+3 home isolation (1, 2, 3, 5; home 1, 3), 5 days home (negative on day 5)', () => {
    const cc = (code: string) => byCode(code).closeContact;
    expect(cc('ed8')).toMatchObject({
      centralizedDays: 14,
      homeDays: 7,
      homeMode: 'health_monitoring',
      centralizedTestDays: [1, 4, 7, 14],
    });
    expect(cc('ed9')).toEqual({
      centralizedDays: 7,
      homeDays: 3,
      homeMode: 'health_monitoring',
      centralizedTestDays: [1, 2, 3, 5, 7],
      homeTestDays: [3],
    });
    expect(cc('measures-20')).toEqual({
      centralizedDays: 5,
      homeDays: 3,
      homeMode: 'isolation',
      centralizedTestDays: [1, 2, 3, 5],
      homeTestDays: [1, 3],
    });
    expect(cc('measures-10')).toEqual({
      centralizedDays: 0,
      homeDays: 5,
      homeMode: 'isolation',
      centralizedTestDays: [],
      homeTestDays: [5],
    });
  });

  it('contacts of close contacts: 7 days centralized, 7 days home isolation (tests 1, 4, 7), then no longer determined', () => {
    expect(byCode('ed8').secondaryContact).toMatchObject({ centralizedDays: 7, homeDays: 0 });
    expect(byCode('ed9').secondaryContact).toMatchObject({
      centralizedDays: 0,
      homeDays: 7,
      homeMode: 'isolation',
      homeTestDays: [1, 4, 7],
    });
    expect(byCode('measures-20').secondaryContact).toBeNull();
    expect(byCode('measures-10').secondaryContact).toBeNull();
    expect(quarantineSchedule(byCode('measures-20'), 'secondary', new Date())).toBeNull();
  });

  it('inbound travellers 14+7, 7+3, 5+3, none; arrivals from a high-risk area 7 days centralized, then 7 days home (tests 1, 3, 5, 7)', () => {
    const inbound = (code: string) => {
      const t = byCode(code).inboundTraveller;
      return t && [t.centralizedDays, t.homeDays];
    };
    expect(['ed8', 'ed9', 'measures-20', 'measures-10'].map(inbound)).toEqual([[14, 7], [7, 3], [5, 3], null]);
    expect(byCode('ed9').arrivals.high).toMatchObject({ centralizedDays: 7, homeDays: 0 });
    expect(byCode('ed9').arrivals.medium).toMatchObject({ centralizedDays: 0, homeDays: 7 });
    expect(byCode('ed9').arrivals.low).toMatchObject({ centralizedDays: 0, homeDays: 3, homeTestDays: [1, 2] });
    expect(byCode('measures-20').arrivals.high).toEqual({
      centralizedDays: 0,
      homeDays: 7,
      homeMode: 'isolation',
      centralizedTestDays: [],
      homeTestDays: [1, 3, 5, 7],
    });
  });

  it('tiers high/medium/low, high/low, high only, and the 9th edition names them 高风险区 where the 8th says 高风险地区', () => {
    expect(SHIPPED_EDITIONS.map((e) => e.tiers)).toEqual([
      ['high', 'medium', 'low'],
      ['high', 'medium', 'low'],
      ['high', 'low'],
      ['high'],
    ]);
    expect(byCode('ed8').levelNames.medium).toBe('中风险地区');
    expect(byCode('ed9').levelNames).toEqual({ high: '高风险区', medium: '中风险区', low: '低风险区' });
    expect(byCode('ed9').measures).toMatchObject({ high: '足不出户、上门服务', medium: '人不出区、错峰取物' });
    expect(byCode('measures-20').measures.high).toBe('足不出户、上门服务');
  });

  it('lowering: 14 days (Harbin, 2021); high → medium 7 days with a round on day 7, then 3 days; high → low after 5 days', () => {
    const steps = (code: string) =>
      byCode(code).lowering.map((s) => [s.from, s.to, s.quietDays, s.negativeRoundOnLastDay, s.reachedBy]);
    expect(steps('ed8')).toContainEqual(['medium', 'low', 14, false, undefined]);
    expect(steps('ed9')).toEqual([
      ['high', 'medium', 7, true, undefined],
      ['medium', 'low', 3, false, 'lowering'],
      ['medium', 'low', 7, true, 'designation'],
    ]);
    expect(steps('measures-20')).toEqual([['high', 'low', 5, false, undefined]]);
    expect(steps('measures-10')).toEqual([['high', 'low', 5, false, undefined]]);
  });

  it('leaving the city: one negative within 48 h and a green code; in November 2022 two, 24 h apart; nothing after the 10 measures', () => {
    expect(byCode('ed9').leavingCity).toEqual({ negativeTests: 1, withinHours: 48, apartHours: 0, greenCode: true });
    expect(byCode('measures-20').leavingCity).toEqual({ negativeTests: 2, withinHours: 48, apartHours: 24, greenCode: true });
    expect(byCode('measures-10').leavingCity.negativeTests).toBe(0);
  });

  it('health codes: red for positives and close contacts, yellow for fever, arrivals from medium-risk areas and a missed round', () => {
    for (const code of ['ed8', 'ed9']) {
      expect(byCode(code).healthCode).toMatchObject({
        positive: 'red',
        close_contact_centralized: 'red',
        arrival_high: 'red',
        fever: 'yellow',
        arrival_medium: 'yellow',
        missed_round: 'yellow',
        refused_investigation: 'yellow',
      });
    }
    expect(byCode('measures-20').healthCode.secondary_contact).toBeUndefined();
  });
});
