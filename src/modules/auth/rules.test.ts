import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failureWindowStart, isThrottled, LOCKOUT, sessionExpired, touchDue } from './rules';

const limits = { idleMinutes: 30, maxHours: 12 };
const t = (iso: string) => new Date(`2021-11-04T${iso}:00+08:00`);

describe('sessions', () => {
  it('end after 30 idle minutes', () => {
    const s = { createdAt: t('08:00'), lastSeenAt: t('09:00') };
    expect(sessionExpired(s, t('09:30'), limits)).toBe(false);
    expect(sessionExpired(s, t('09:31'), limits)).toBe(true);
  });
  it('end 12 hours after login however busy', () => {
    const s = { createdAt: t('08:00'), lastSeenAt: t('19:59') };
    expect(sessionExpired(s, t('20:00'), limits)).toBe(false);
    expect(sessionExpired({ ...s, lastSeenAt: t('20:00') }, new Date(t('20:00').getTime() + 60_000), limits)).toBe(true);
  });
  it('a session seen at `now` and younger than the limit is always live', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 * 60 }), (ageMinutes) => {
        const now = t('21:00');
        const s = { createdAt: new Date(now.getTime() - ageMinutes * 60_000), lastSeenAt: now };
        expect(sessionExpired(s, now, limits)).toBe(false);
      }),
    );
  });
});

describe('login throttle', () => {
  it('locks a name at the fifth failure within 15 minutes, and a failure older than that no longer counts', () => {
    expect(isThrottled(LOCKOUT.maxFailures - 1)).toBe(false);
    expect(isThrottled(LOCKOUT.maxFailures)).toBe(true);
    expect(failureWindowStart(t('08:15'))).toEqual(t('08:00'));
  });
});

describe('last-seen writes', () => {
  it('are due when never written or more than a minute old', () => {
    expect(touchDue(null, t('08:00'))).toBe(true);
    expect(touchDue(t('08:00'), t('08:01'))).toBe(false);
    expect(touchDue(t('08:00'), new Date(t('08:01').getTime() + 1))).toBe(true);
  });
});
