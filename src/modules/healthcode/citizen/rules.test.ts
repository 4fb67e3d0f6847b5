import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editionSchema } from '../../policy/edition';
import eighth from '../../policy/editions/8th.json';
import twenty from '../../policy/editions/20-measures.json';
import {
  arrivalFact,
  CODES_PER_HOUR,
  codeHash,
  idHash,
  leavingCheck,
  type PersonResult,
  requestRefusal,
  stayOf,
  tripProblems,
  tryRefusal,
} from './rules';

const ed8 = editionSchema.parse(eighth);
const ed20 = editionSchema.parse(twenty);
const now = new Date('2022-11-27T10:00:00+08:00');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const neg = (h: number, mode = 'pool10'): PersonResult => ({
  purpose: 'round',
  mode,
  sampledAt: hoursAgo(h),
  result: 'negative',
});

describe('the 48-hour check for leaving the city (seeds 000/002: 48小时核酸阴性 + 绿码)', () => {
  it.each([
    ['8th: green with one negative within 48 h', ed8, 'green', [neg(30)], true, null],
    ['8th: a yellow code is refused first', ed8, 'yellow', [neg(30)], false, '须持绿码，当前为黄码'],
    [
      '8th: a negative 49 h ago does not count',
      ed8,
      'green',
      [neg(49)],
      false,
      '须持48小时内核酸检测阴性证明1次，现有符合条件的0次',
    ],
    ['8th: no tests at all', ed8, 'green', [], false, '须持48小时内核酸检测阴性证明1次，现有符合条件的0次'],
    ['20 measures: two negatives 24 h apart', ed20, 'green', [neg(40), neg(10)], true, null],
    [
      '20 measures: two negatives too close together',
      ed20,
      'green',
      [neg(20), neg(10)],
      false,
      '须持48小时内核酸检测阴性证明2次（间隔至少24小时），现有符合条件的1次',
    ],
  ] as const)('%s', (_name, edition, colour, results, allowed, reason) => {
    const c = leavingCheck(edition, colour, results, now);
    expect(c.allowed).toBe(allowed);
    if (!c.allowed) expect(c.reason).toBe(reason);
    expect(c.withinHours).toBe(48);
  });

  it('a pooled positive is not the person’s own (no positive, no negative); a single-tube positive refuses', () => {
    const pool: PersonResult = { purpose: 'round', mode: 'pool10', sampledAt: hoursAgo(5), result: 'positive' };
    expect(leavingCheck(ed8, 'green', [neg(30), pool], now).allowed).toBe(true);
    const single: PersonResult = { purpose: 'retest', mode: 'single', sampledAt: hoursAgo(5), result: 'positive' };
    expect(leavingCheck(ed8, 'green', [neg(30), single], now)).toMatchObject({
      allowed: false,
      reason: '48小时内有核酸检测阳性结果',
    });
    const pending: PersonResult = { purpose: 'round', mode: 'pool10', sampledAt: hoursAgo(2), result: null };
    expect(leavingCheck(ed8, 'green', [pending], now).allowed).toBe(false);
  });

  it('property: never allowed unless green (every shipped edition asks for green), nor without a negative test in the window', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('green', 'yellow', 'red'),
        fc.array(fc.record({ h: fc.integer({ min: -5, max: 200 }), negative: fc.boolean(), single: fc.boolean() }), {
          maxLength: 6,
        }),
        (colour, rs) => {
          const results: PersonResult[] = rs.map((r) => ({
            purpose: 'round',
            mode: r.single ? 'single' : 'pool10',
            sampledAt: hoursAgo(r.h),
            result: r.negative ? 'negative' : 'positive',
          }));
          const c = leavingCheck(ed8, colour, results, now);
          if (c.allowed) {
            expect(colour).toBe('green');
            expect(rs.some((r) => r.negative && r.h >= 0 && r.h <= 48)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('sign-in limits', () => {
  const at = (s: number) => new Date(now.getTime() - s * 1000);
  it('one code a minute, five an hour, whatever the number', () => {
    expect(requestRefusal([], now)).toBeNull();
    expect(requestRefusal([at(20)], now)).toEqual({ retryAfter: 40, reason: 'resend' });
    expect(requestRefusal([at(61)], now)).toBeNull();
    const five = [at(3000), at(2400), at(1800), at(1200), at(600)];
    expect(five).toHaveLength(CODES_PER_HOUR);
    expect(requestRefusal(five, now)).toEqual({ retryAfter: 600, reason: 'hourly' });
    expect(requestRefusal([at(3700), at(2400), at(1800), at(1200), at(600)], now)).toBeNull();
  });

  it('a code may be tried five times within five minutes of its request', () => {
    expect(tryRefusal(null, now)).toBe('none');
    expect(tryRefusal({ at: at(299), attempts: 4 }, now)).toBeNull();
    expect(tryRefusal({ at: at(299), attempts: 5 }, now)).toBe('locked');
    expect(tryRefusal({ at: at(300), attempts: 0 }, now)).toBe('none');
  });

  it('hashes are keyed and bound: another key, person or number hashes otherwise; the case of X does not matter', () => {
    const k = Buffer.alloc(32, 1);
    expect(idHash(k, '23010219900101123x')).toBe(idHash(k, '23010219900101123X'));
    expect(idHash(Buffer.alloc(32, 2), '23010219900101123X')).not.toBe(idHash(k, '23010219900101123X'));
    expect(codeHash(k, 1, '123456')).not.toBe(codeHash(k, 2, '123456'));
  });
});

describe('self-reports', () => {
  it('the days are named by field: back no later than today, not before leaving, at most 90 days', () => {
    expect(tripProblems('2022-11-20', '2022-11-25', now)).toEqual([]);
    expect(tripProblems('2022-11-20', '2022-11-28', now).map((p) => p.field)).toEqual(['arrivedOn']);
    expect(tripProblems('2022-11-26', '2022-11-25', now).map((p) => p.field)).toEqual(['leftOn']);
    expect(tripProblems('2022-06-01', '2022-11-25', now).map((p) => p.field)).toEqual(['leftOn']);
    expect(tripProblems('2022-09-01', '2022-09-02', now).map((p) => p.field)).toEqual(['arrivedOn']);
  });

  it('the stay runs from the CST midnight of leaving to the end of the day back', () => {
    expect(stayOf('2022-11-20', '2022-11-25')).toEqual({
      arrivedAt: new Date('2022-11-20T00:00:00+08:00'),
      leftAt: new Date('2022-11-25T23:59:59.999+08:00'),
    });
  });

  it('an arrival from a high-risk area is a fact for the edition’s term, its reason in Chinese, sourced by the report', () => {
    const f = arrivalFact(ed20, {
      id: 9,
      personId: 5,
      terrPath: '/1/',
      place: '河北省石家庄市深泽县',
      arrivedOn: '2022-11-25',
      level: 'high',
    });
    const term = ed20.arrivals.high;
    const days = term ? term.centralizedDays + term.homeDays : 7;
    expect(f).toEqual({
      personId: 5,
      terrPath: '/1/',
      kind: 'arrival_high',
      source: 'report:9',
      reason: '11月25日自外地高风险地区（河北省石家庄市深泽县）抵哈',
      since: new Date('2022-11-25T00:00:00+08:00'),
      until: new Date(new Date('2022-11-25T00:00:00+08:00').getTime() + days * 86_400_000),
    });
    // The 8th edition sets no arrivals' term: the fact holds a week.
    const g = arrivalFact(ed8, { id: 9, personId: 5, terrPath: '/1/', place: 'x', arrivedOn: '2022-11-25', level: 'medium' });
    expect(g.kind).toBe('arrival_medium');
    expect((g.until as Date).getTime() - g.since.getTime()).toBe(7 * 86_400_000);
  });
});
