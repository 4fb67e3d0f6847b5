import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Held } from './projection';
import { hoursBetween, judge, OFFLINE_MAX_AGE_MS, scanMoment } from './rules';

const now = new Date('2022-11-26T12:00:00+08:00');
const held = (colour: Held['colour'], hoursAgo: number | null): Held => ({
  colour,
  version: 1,
  lastNegativeAt: hoursAgo === null ? null : new Date(now.getTime() - hoursAgo * 3_600_000),
});

describe('the verdict at a venue', () => {
  it.each([
    // colour, hours since the last negative, rule, pass, stop
    ['green', 20, { green: true, negativeWithinHours: 72 }, true, ''],
    ['green', 72, { green: true, negativeWithinHours: 72 }, true, ''],
    ['green', 72.1, { green: true, negativeWithinHours: 72 }, false, '请止步：无72小时内核酸阴性结果'],
    ['green', null, { green: true, negativeWithinHours: 48 }, false, '请止步：无48小时内核酸阴性结果'],
    ['green', null, { green: true, negativeWithinHours: null }, true, ''],
    ['yellow', 5, { green: true, negativeWithinHours: 72 }, false, '请止步：黄码'],
    ['yellow', 5, { green: false, negativeWithinHours: 72 }, true, ''],
    ['red', 1, { green: false, negativeWithinHours: null }, false, '请止步：红码'],
  ] as const)('%s, %s h, %o → pass %s %s', (colour, hours, rule, pass, stop) => {
    expect(judge(held(colour, hours), rule, now)).toMatchObject({ pass, stop });
  });

  it('a red code never passes, whatever the rule and the tests; a pass always has an empty stop', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('green', 'yellow', 'red' as const),
        fc.option(fc.double({ min: 0, max: 2000, noNaN: true })),
        fc.boolean(),
        fc.option(fc.integer({ min: 1, max: 720 })),
        (colour, hours, green, within) => {
          const v = judge(held(colour, hours), { green, negativeWithinHours: within }, now);
          if (colour === 'red') expect(v.pass).toBe(false);
          expect(v.pass).toBe(v.stop === '');
        },
      ),
    );
  });

  it('hours are one decimal, never negative', () => {
    expect(hoursBetween(new Date(now.getTime() - 90 * 60_000), now)).toBe(1.5);
    expect(hoursBetween(new Date(now.getTime() + 60_000), now)).toBe(0);
  });
});

describe('the moment a scan is judged at', () => {
  it('an online scan at the server’s now; an offline one at its own time, up to a day back; none ahead', () => {
    const before = new Date(now.getTime() - 3_600_000);
    expect(scanMoment(before, false, now)).toEqual({ at: now });
    expect(scanMoment(before, true, now)).toEqual({ at: before });
    expect(scanMoment(new Date(now.getTime() - OFFLINE_MAX_AGE_MS - 1), true, now)).toMatchObject({
      refuse: { code: 'healthcode.scan_too_old' },
    });
    expect(scanMoment(new Date(now.getTime() + 6 * 60_000), false, now)).toMatchObject({
      refuse: { code: 'healthcode.scan_in_future' },
    });
  });
});
