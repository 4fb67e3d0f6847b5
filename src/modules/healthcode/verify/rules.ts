import type { TokenCheck } from '../tokens';
import type { VenueRule } from '../venues/rule';
import type { Held } from './projection';

const COLOUR_ZH = { green: '绿码', yellow: '黄码', red: '红码' } as const;

/** Hours from `then` to `now`, one decimal (never negative: a clock a little ahead reads as 0). */
export const hoursBetween = (then: Date, now: Date) => Math.max(0, Math.floor((now.getTime() - then.getTime()) / 360_000) / 10);

/**
 * The judgement at a venue (逢进必扫，核酸结果必查): the colour the rule asks (green, or only not red), then a negative
 * test within the hours it asks. Returns the hours since the last negative and the stop sentence ('' to pass).
 */
export function judge(held: Held, rule: VenueRule, now: Date): { pass: boolean; stop: string; hours: number | null } {
  const hours = held.lastNegativeAt ? hoursBetween(held.lastNegativeAt, now) : null;
  if (held.colour === 'red' || (rule.green && held.colour !== 'green'))
    return { pass: false, stop: `请止步：${COLOUR_ZH[held.colour]}`, hours };
  if (rule.negativeWithinHours !== null && (hours === null || hours > rule.negativeWithinHours))
    return { pass: false, stop: `请止步：无${rule.negativeWithinHours}小时内核酸阴性结果`, hours };
  return { pass: true, stop: '', hours };
}

/** How far a queued offline scan may lie in the past, and a phone's clock ahead of the server. */
export const OFFLINE_MAX_AGE_MS = 24 * 3_600_000;
export const CLOCK_AHEAD_MS = 5 * 60_000;

export type Refusal = { code: string; zh: string; en: string };

const REFUSALS: Record<Exclude<TokenCheck, { ok: true }>['reason'] | 'too_old' | 'future', Refusal> = {
  malformed: { code: 'healthcode.token_malformed', zh: '无法识别的健康码', en: 'not a health code' },
  tampered: { code: 'healthcode.token_tampered', zh: '健康码无效（已被篡改）', en: 'the code was tampered with' },
  expired: { code: 'healthcode.token_expired', zh: '健康码已过期，请刷新后再扫', en: 'the code has expired: refresh it' },
  not_yet_valid: { code: 'healthcode.token_not_yet_valid', zh: '健康码时间异常', en: 'the code is not valid yet' },
  too_old: { code: 'healthcode.scan_too_old', zh: '离线扫码超过24小时，未登记', en: 'an offline scan older than 24 hours' },
  future: { code: 'healthcode.scan_in_future', zh: '扫码时间晚于当前时间', en: 'the scan time is in the future' },
};

export const refusalOf = (reason: keyof typeof REFUSALS): Refusal => REFUSALS[reason];

/**
 * The moment a scan's token is judged at: the scan's own time when it was queued offline (the code was shown
 * then), the server's now otherwise. An offline scan older than a day, or any scan ahead of the server's clock,
 * is refused.
 */
export function scanMoment(at: Date, offline: boolean, now: Date): { at: Date } | { refuse: Refusal } {
  if (at.getTime() > now.getTime() + CLOCK_AHEAD_MS) return { refuse: REFUSALS.future };
  if (!offline) return { at: now };
  if (at.getTime() < now.getTime() - OFFLINE_MAX_AGE_MS) return { refuse: REFUSALS.too_old };
  return { at };
}
