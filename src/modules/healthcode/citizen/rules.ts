import { createHmac } from 'node:crypto';
import type { Edition } from '../../policy/edition';
import { type LeaveCheck, leavingCityCheck, type TestResult } from '../../policy/rules';
import * as reason from '../colours/reasons';
import type { FactWrite } from '../colours/store';
import type { Colour } from '../tokens';

/**
 * The citizens' page as pure rules: the sign-in's limits (a code lives 5 minutes and takes 5 tries; one a minute
 * and five an hour per ID number), the 48-hour check for leaving the city from the person's test results, and
 * the fact a self-reported arrival from a risk area elsewhere records. Time is a parameter everywhere.
 */

export const CODE_MINUTES = 5;
export const CODE_TRIES = 5;
export const RESEND_SECONDS = 60;
export const CODES_PER_HOUR = 5;

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** China Standard Time (UTC+8, no daylight saving): the days citizens and notices name. */
const CST = 8 * HOUR;

/** The keyed hash an ID number is counted under (never stored as typed): HMAC under the health code's otp key. */
export const idHash = (otpKey: Buffer, idNumber: string) =>
  createHmac('sha256', otpKey).update(`id:${idNumber.toUpperCase()}`).digest('base64url');

/** The keyed hash a one-time code is stored as, bound to its person: a code leaked from the table signs no one in. */
export const codeHash = (otpKey: Buffer, personId: number, code: string) =>
  createHmac('sha256', otpKey).update(`code:${personId}:${code}`).digest('base64url');

/**
 * Whether one more code may be sent for an ID number, from the times of its earlier requests (any order): one a
 * minute, five an hour. The same whether or not a resident has that number. Null: send; else seconds to wait.
 */
export function requestRefusal(earlier: readonly Date[], now: Date): { retryAfter: number; reason: 'resend' | 'hourly' } | null {
  const t = now.getTime();
  const lastHour = earlier.map((d) => d.getTime()).filter((x) => x > t - HOUR && x <= t);
  const latest = Math.max(...lastHour, Number.NEGATIVE_INFINITY);
  if (latest > t - RESEND_SECONDS * 1000)
    return { retryAfter: Math.ceil((latest + RESEND_SECONDS * 1000 - t) / 1000), reason: 'resend' };
  if (lastHour.length >= CODES_PER_HOUR) {
    const oldest = Math.min(...lastHour);
    return { retryAfter: Math.ceil((oldest + HOUR - t) / 1000), reason: 'hourly' };
  }
  return null;
}

/** A request's code may still be tried at `now`: sent within CODE_MINUTES and tried fewer than CODE_TRIES times. */
export function tryRefusal(request: { at: Date; attempts: number } | null, now: Date): 'none' | 'locked' | null {
  if (!request || request.at.getTime() <= now.getTime() - CODE_MINUTES * MINUTE) return 'none';
  if (request.attempts >= CODE_TRIES) return 'locked';
  return null;
}

/** A test result as the lab service gives it for one person. */
export interface PersonResult {
  purpose: 'round' | 'retest';
  mode: string;
  sampledAt: Date;
  result: 'negative' | 'positive' | 'invalid' | null;
}

/** What a result means to the person: a pooled tube's positive is not theirs until their single-tube retest. */
export type ResultMeaning = 'negative' | 'positive' | 'pool_positive' | 'pending' | 'invalid';

export function meaningOf(r: PersonResult): ResultMeaning {
  if (r.result === null) return 'pending';
  if (r.result === 'invalid') return 'invalid';
  if (r.result === 'negative') return 'negative';
  return r.mode === 'single' || r.purpose === 'retest' ? 'positive' : 'pool_positive';
}

export const MEANING_ZH: Record<ResultMeaning, string> = {
  negative: '阴性',
  positive: '阳性',
  pool_positive: '混管阳性（待单管复核）',
  pending: '检测中',
  invalid: '无效（须重新采样）',
};

/** The check for leaving the city and what it asked for. */
export type LeavingCheck = LeaveCheck & { withinHours: number; negativeTests: number; greenCode: boolean };

/**
 * The 48-hour check for leaving the city (seeds 000/002: 48小时核酸阴性 + 绿码) under the edition in force: the
 * policy's own rule over the person's results counted at their sampling time. Pending, invalid and pooled
 * positives (not the person's own until retested) are no negative test, and no positive either.
 */
export function leavingCheck(
  edition: Pick<Edition, 'leavingCity'>,
  colour: Colour,
  results: readonly PersonResult[],
  now: Date,
): LeavingCheck {
  const tests: TestResult[] = [];
  for (const r of results) {
    const m = meaningOf(r);
    if (m === 'negative' || m === 'positive') tests.push({ at: r.sampledAt, negative: m === 'negative' });
  }
  const check = leavingCityCheck(edition as Edition, { tests, colour }, now);
  return { ...check, ...edition.leavingCity };
}

/** The start of a CST day (YYYY-MM-DD) as an instant. */
export const cstMidnight = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - CST);
/** The CST day of an instant. */
export const cstDay = (d: Date) => new Date(d.getTime() + CST).toISOString().slice(0, 10);

/** The longest trip a report may name, and how far back its return may lie. */
export const TRIP_MAX_DAYS = 90;
export const REPORT_WITHIN_DAYS = 30;

/**
 * What is wrong with a trip's days (left here on `leftOn`, back on `arrivedOn`, CST days) at `now`, by field:
 * back no later than today and within REPORT_WITHIN_DAYS, not before leaving, at most TRIP_MAX_DAYS long.
 */
export function tripProblems(
  leftOn: string,
  arrivedOn: string,
  now: Date,
): { field: 'leftOn' | 'arrivedOn'; zh: string; en: string }[] {
  const today = cstDay(now);
  const out: { field: 'leftOn' | 'arrivedOn'; zh: string; en: string }[] = [];
  if (arrivedOn > today) out.push({ field: 'arrivedOn', zh: '不能晚于今天', en: 'must not be after today' });
  else if (cstMidnight(arrivedOn).getTime() < cstMidnight(today).getTime() - REPORT_WITHIN_DAYS * DAY)
    out.push({
      field: 'arrivedOn',
      zh: `只需报备${REPORT_WITHIN_DAYS}天内抵哈的行程`,
      en: `only trips back within ${REPORT_WITHIN_DAYS} days are reported`,
    });
  if (leftOn > arrivedOn) out.push({ field: 'leftOn', zh: '不能晚于返哈日期', en: 'must not be after the day back' });
  else if (cstMidnight(arrivedOn).getTime() - cstMidnight(leftOn).getTime() > TRIP_MAX_DAYS * DAY)
    out.push({ field: 'leftOn', zh: `行程不能超过${TRIP_MAX_DAYS}天`, en: `a trip is at most ${TRIP_MAX_DAYS} days` });
  return out;
}

/** The stay elsewhere a trip may have had, as the elsewhere registry's duty check reads it: from leaving to the end of the day back. */
export const stayOf = (leftOn: string, arrivedOn: string) => ({
  arrivedAt: cstMidnight(leftOn),
  leftAt: new Date(cstMidnight(arrivedOn).getTime() + DAY - 1),
});

/** How long an arrival's fact colours the code where the edition sets no term for its tier. */
export const ARRIVAL_DEFAULT_DAYS = 7;

/**
 * The fact a self-reported arrival from a medium- or high-risk area records (arrival_high / arrival_medium): from
 * the day back (CST midnight), for the days of the edition's term for arrivals of that tier (centralized plus
 * home), filed at the person's household, sourced by the report so a resent report records nothing new.
 */
export function arrivalFact(
  edition: Pick<Edition, 'arrivals'>,
  report: { id: number; personId: number; terrPath: string; place: string; arrivedOn: string; level: 'high' | 'medium' },
): FactWrite {
  const term = edition.arrivals[report.level];
  const days = term ? term.centralizedDays + term.homeDays : 0;
  const since = cstMidnight(report.arrivedOn);
  return {
    personId: report.personId,
    terrPath: report.terrPath,
    kind: report.level === 'high' ? 'arrival_high' : 'arrival_medium',
    source: `report:${report.id}`,
    reason: reason.arrival(report.level, report.place, report.arrivedOn),
    since,
    until: new Date(since.getTime() + (days > 0 ? days : ARRIVAL_DEFAULT_DAYS) * DAY),
  };
}
