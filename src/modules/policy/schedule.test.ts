import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE_STATUSES, type Edition, type QuarantineTerm } from './edition';
import { areaTestDays, codeColour, leavingCityCheck, QUARANTINED, quarantineSchedule, type TestResult } from './rules';
import { SHIPPED_EDITIONS } from './shipped';

const edition = (code: string) => SHIPPED_EDITIONS.find((e) => e.code === code) as Edition;
const at = (s: string) => new Date(s);
const H = 3600_000;

describe('the quarantine schedule of a contact', () => {
  it('9th edition, close contact from 2022-11-03 10:00: 7 days centralized (tests on days 1, 2, 3, 5, 7), 3 days home monitoring (day 3)', () => {
    const s = quarantineSchedule(edition('ed9'), 'close', at('2022-11-03T10:00:00+08:00'));
    expect(
      s?.phases.map((p) => [p.mode, p.days, p.start.toISOString(), p.end.toISOString(), p.tests.map((t) => t.date)]),
    ).toEqual([
      [
        'centralized',
        7,
        '2022-11-03T02:00:00.000Z',
        '2022-11-10T02:00:00.000Z',
        ['2022-11-03', '2022-11-04', '2022-11-05', '2022-11-07', '2022-11-09'],
      ],
      ['health_monitoring', 3, '2022-11-10T02:00:00.000Z', '2022-11-13T02:00:00.000Z', ['2022-11-12']],
    ]);
    expect(s?.releaseAt.toISOString()).toBe(at('2022-11-13T10:00:00+08:00').toISOString());
  });

  it('20 measures: 5 + 3 days of home isolation; 次密接 are no longer determined (null); the 10 measures: 5 days home', () => {
    const start = at('2022-11-20T23:30:00+08:00');
    const s = quarantineSchedule(edition('measures-20'), 'close', start);
    expect(s?.phases.map((p) => [p.mode, p.tests.map((t) => t.date)])).toEqual([
      ['centralized', ['2022-11-20', '2022-11-21', '2022-11-22', '2022-11-24']],
      ['isolation', ['2022-11-25', '2022-11-27']],
    ]);
    expect(quarantineSchedule(edition('measures-20'), 'secondary', start)).toBeNull();
    const ten = quarantineSchedule(edition('measures-10'), 'close', start);
    expect(ten?.phases.map((p) => [p.mode, p.days, p.tests.map((t) => t.date)])).toEqual([['isolation', 5, ['2022-11-24']]]);
    expect(ten?.releaseAt.toISOString()).toBe(at('2022-11-25T23:30:00+08:00').toISOString());
  });

  const term: fc.Arbitrary<QuarantineTerm> = fc
    .record({
      c: fc.integer({ min: 0, max: 21 }),
      h: fc.integer({ min: 0, max: 14 }),
      home: fc.constantFrom('isolation', 'health_monitoring'),
    })
    .chain(({ c, h, home }) =>
      fc.record({
        centralizedDays: fc.constant(c),
        homeDays: fc.constant(h),
        homeMode: fc.constant(home as QuarantineTerm['homeMode']),
        centralizedTestDays: c ? fc.array(fc.integer({ min: 1, max: c }), { maxLength: 8 }) : fc.constant([]),
        homeTestDays: h ? fc.array(fc.integer({ min: 1, max: h }), { maxLength: 8 }) : fc.constant([]),
      }),
    );

  it('phases are contiguous from the start, sum to the term, and every test day falls inside its phase (property)', () => {
    fc.assert(
      fc.property(term, fc.integer({ min: 0, max: 5 * 365 * 24 * 60 }), fc.constantFrom(...QUARANTINED), (t, minutes, who) => {
        const e: Edition = {
          ...edition('ed9'),
          closeContact: t,
          secondaryContact: t,
          inboundTraveller: t,
          arrivals: { high: t, medium: t, low: t },
        };
        const start = new Date(Date.UTC(2021, 0, 1) + minutes * 60_000);
        const s = quarantineSchedule(e, who, start);
        if (!s) throw new Error('a term was given');
        let t0 = start.getTime();
        for (const p of s.phases) {
          expect(p.start.getTime()).toBe(t0);
          expect(p.end.getTime() - p.start.getTime()).toBe(p.days * 24 * H);
          t0 = p.end.getTime();
          for (const test of p.tests) {
            const day = (ms: number) => new Date(ms + 8 * H).toISOString().slice(0, 10);
            expect(test.date >= day(p.start.getTime())).toBe(true);
            expect(test.date <= day(p.end.getTime() - 1)).toBe(true);
          }
        }
        expect(t0).toBe(s.releaseAt.getTime());
        expect(s.phases.reduce((n, p) => n + p.days, 0)).toBe(t.centralizedDays + t.homeDays);
        expect(s.days).toBe(t.centralizedDays + t.homeDays);
      }),
    );
  });
});

describe('leaving the city', () => {
  const now = at('2022-11-20T12:00:00+08:00');
  const neg = (hoursAgo: number): TestResult => ({ at: new Date(now.getTime() - hoursAgo * H), negative: true });

  it('November 2022 (20 measures): two negatives within 48 h, at least 24 h apart, and a green code', () => {
    const e = edition('measures-20');
    expect(leavingCityCheck(e, { tests: [neg(40), neg(10)], colour: 'green' }, now)).toEqual({
      allowed: true,
      tests: [neg(40).at, neg(10).at],
    });
    expect(leavingCityCheck(e, { tests: [neg(20), neg(10)], colour: 'green' }, now)).toEqual({
      allowed: false,
      reason: '须持48小时内核酸检测阴性证明2次（间隔至少24小时），现有符合条件的1次',
    });
    expect(leavingCityCheck(e, { tests: [neg(50), neg(10)], colour: 'green' }, now)).toMatchObject({ allowed: false });
    expect(leavingCityCheck(e, { tests: [neg(40), neg(10)], colour: 'yellow' }, now)).toEqual({
      allowed: false,
      reason: '须持绿码，当前为黄码',
    });
    expect(leavingCityCheck(e, { tests: [neg(40), neg(10), { at: neg(5).at, negative: false }], colour: 'green' }, now)).toEqual({
      allowed: false,
      reason: '48小时内有核酸检测阳性结果',
    });
  });

  it('9th edition: one negative within 48 h; a result taken after the moment asked does not count; the 10 measures ask nothing', () => {
    expect(leavingCityCheck(edition('ed9'), { tests: [neg(47)], colour: 'green' }, now).allowed).toBe(true);
    expect(leavingCityCheck(edition('ed9'), { tests: [neg(-1)], colour: 'green' }, now).allowed).toBe(false);
    expect(leavingCityCheck(edition('measures-10'), { tests: [], colour: 'red' }, now).allowed).toBe(true);
  });

  it('never passes with fewer negatives in the window than required, nor with two closer than the gap (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 96 }),
        fc.integer({ min: 0, max: 48 }),
        fc.array(fc.record({ h: fc.integer({ min: -24, max: 120 }), negative: fc.boolean() }), { maxLength: 8 }),
        (negativeTests, withinHours, apartHours, results) => {
          const e: Edition = { ...edition('ed9'), leavingCity: { negativeTests, withinHours, apartHours, greenCode: true } };
          const tests = results.map((r) => ({ at: new Date(now.getTime() - r.h * H), negative: r.negative }));
          const check = leavingCityCheck(e, { tests, colour: 'green' }, now);
          if (!check.allowed) return;
          const inWindow = results.filter((r) => r.h >= 0 && r.h <= withinHours);
          expect(inWindow.filter((r) => r.negative).length).toBeGreaterThanOrEqual(negativeTests);
          expect(check.tests).toHaveLength(negativeTests);
          check.tests.forEach((t, i) => {
            if (i) expect(t.getTime() - (check.tests[i - 1] as Date).getTime()).toBeGreaterThanOrEqual(apartHours * H);
          });
        },
      ),
    );
  });
});

describe('testing inside an area and the health code', () => {
  it('tests a high-risk area daily and a low-risk one every other day (9th); the 20 measures set none for low', () => {
    const since = at('2022-11-02T03:00:00+08:00');
    const until = at('2022-11-05T23:00:00+08:00');
    expect(areaTestDays(edition('ed9'), 'high', since, until)).toEqual(['2022-11-02', '2022-11-03', '2022-11-04', '2022-11-05']);
    expect(areaTestDays(edition('ed9'), 'low', since, until)).toEqual(['2022-11-02', '2022-11-04']);
    expect(areaTestDays(edition('measures-20'), 'low', since, until)).toEqual([]);
  });

  it('colours a code by the most severe status: a close contact at home is yellow, with a fever still yellow, positive red', () => {
    const e = edition('ed9');
    expect(codeColour(e, [])).toBe('green');
    expect(codeColour(e, ['close_contact_home', 'fever'])).toBe('yellow');
    expect(codeColour(e, ['missed_round', 'positive'])).toBe('red');
    expect(codeColour(edition('measures-20'), ['secondary_contact'])).toBe('green');
  });

  it('a status added never makes a code greener (property)', () => {
    const severity = { green: 0, yellow: 1, red: 2 };
    fc.assert(
      fc.property(
        fc.constantFrom(...SHIPPED_EDITIONS),
        fc.array(fc.constantFrom(...CODE_STATUSES), { maxLength: 5 }),
        fc.constantFrom(...CODE_STATUSES),
        (e, statuses, more) => {
          expect(severity[codeColour(e, [...statuses, more])]).toBeGreaterThanOrEqual(severity[codeColour(e, statuses)]);
          expect(codeColour(e, [more])).toBe(e.healthCode[more] ?? 'green');
        },
      ),
    );
  });
});
