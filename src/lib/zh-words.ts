/**
 * Chinese date and time words and the punctuation sets of official texts, shared by every generated text (the
 * bulletin, the CDC's reminder, the risk-level notices). Pure: every date is an ISO string from a document.
 */

/** The year, month and day of an ISO day, as numbers. */
export function dayParts(isoDate: string) {
  const [year, month, day] = isoDate.split('-').map(Number);
  return { year, month, day };
}

/** 2021-11-02 → 11月2日 (no leading zeros, as in every seed). */
export function formatMonthDay(isoDate: string): string {
  const { month, day } = dayParts(isoDate);
  return `${month}月${day}日`;
}

/** 2022-11-29 → 2022年11月29日, the form of press releases, notices and signatures. */
export const formatFullDate = (isoDate: string) => `${dayParts(isoDate).year}年${formatMonthDay(isoDate)}`;

/** Harbin's offset from UTC: the hours official texts name are the city's (UTC+8, no summer time since 1991). */
const CITY_OFFSET_MS = 8 * 3600_000;

/** The city's calendar day and clock of an instant: 2022-11-01T19:00:00Z → { day: 2022-11-02, hour: 3, minute: 0 }. */
export function cityClock(instant: string): { day: string; hour: number; minute: number } {
  const local = new Date(Date.parse(instant) + CITY_OFFSET_MS).toISOString();
  return { day: local.slice(0, 10), hour: Number(local.slice(11, 13)), minute: Number(local.slice(14, 16)) };
}

/** The day before an ISO day (2022-11-01 → 2022-10-31), for a midnight said as the previous day's 24时. */
const dayBefore = (isoDay: string) => new Date(Date.parse(`${isoDay}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * An instant as notices say it, in the city's time: 2022年11月2日3时, 2022年11月2日13时30分. Midnight is 0时 of
 * its day, or with `midnight: '24'` 24时 of the day before (2021 notices: 自2021年9月29日24时起).
 */
export function formatDateHour(instant: string, midnight: '0' | '24' = '0'): string {
  const { day, hour, minute } = cityClock(instant);
  if (midnight === '24' && hour === 0 && minute === 0) return `${formatFullDate(dayBefore(day))}24时`;
  return `${formatFullDate(day)}${hour}时${minute ? `${minute}分` : ''}`;
}

/** The punctuation marks a template emits; 、 and 。 are the same on every page of the seeds. */
export interface Punctuation {
  readonly comma: string;
  readonly semicolon: string;
  readonly colon: string;
  readonly open: string;
  readonly close: string;
}

/**
 * The 2021 pages print full-width marks; the 2022 pages as digitised print half-width ones (seed 003 and
 * 004: "0—16时,哈尔滨市…;无症状感染者3例"). Both are kept so a rendered text matches its page.
 */
export function punctuation(width: 'fullwidth' | 'halfwidth'): Punctuation {
  return width === 'fullwidth'
    ? { comma: '，', semicolon: '；', colon: '：', open: '（', close: '）' }
    : { comma: ',', semicolon: ';', colon: ':', open: '(', close: ')' };
}
