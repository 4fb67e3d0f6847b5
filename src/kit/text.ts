import { z } from 'zod';

/**
 * The one text type of every input (bodies, query strings, documents stored as JSON). PostgreSQL refuses NUL in
 * text and lone UTF-16 surrogates in jsonb, so such input used to surface as a 500 from deep inside a statement;
 * here it is a 400 naming the field. Every field has a maximum length by its kind, so nothing is stored unbounded.
 * Issue messages carry Chinese and English (`中文 (English)`): the error handler shows the Chinese part.
 */
export const LENGTH = {
  /** a person's, account's or place's name, a search term */
  name: 50,
  /** a label: a channel, an origin, a cluster, a title */
  label: 100,
  /** an address, a relationship, a territory code */
  address: 200,
  /** a paragraph of a document */
  paragraph: 4000,
} as const;

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is refused
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Checks every text input passes, whether built by `text()` or kept as a `z.string()` with its own shape. */
export const wellFormed = (s: z.ZodString) =>
  s
    .refine((v) => !NUL.test(v), { message: '含有不允许的空字符 (contains a NUL character)', abort: true })
    .refine((v) => !LONE_SURROGATE.test(v), { message: '含有无效的 Unicode 字符 (contains a lone surrogate)', abort: true });

export interface TextOptions {
  /** The maximum length (after trimming): a number or a field kind of `LENGTH`. */
  max: number | keyof typeof LENGTH;
  /** The minimum length after trimming; 1 by default (a blank value is refused). */
  min?: number;
  /** Trim surrounding white space first (default true; passwords keep theirs). */
  trim?: boolean;
  /** A shape the value must have, with the message naming it. */
  pattern?: { regex: RegExp; message: string };
  /**
   * Fold full-width letters, digits and spaces to their ASCII forms (Unicode NFKC) before any check: what a
   * Chinese input method types into an ID number, a phone or a search box ("１３８…"). Off by default, because
   * NFKC also turns the full-width punctuation of Chinese prose (，（）：) into ASCII, which documents must keep.
   */
  nfkc?: boolean;
}

/** A text field: trimmed, bounded, free of NUL and lone surrogates. */
export function text({ max, min = 1, trim = true, pattern, nfkc = false }: TextOptions) {
  const limit = typeof max === 'number' ? max : LENGTH[max];
  let s = z.string();
  if (nfkc) s = s.normalize('NFKC');
  if (trim) s = s.trim();
  s = s.min(min).max(limit);
  if (pattern) s = s.regex(pattern.regex, pattern.message);
  return wellFormed(s);
}

/**
 * The days an input may name: from 1900 to 9999-12-30, the last day whose next midnight (where a bulletin's hour
 * window ends) still has a four-digit year; beyond it PostgreSQL and the renderers fail. The upper bound is wide
 * on purpose: the test suite gives each file a report day of its own between 2100 and 9999 (src/test/fresh-day.ts).
 */
export const DAYS = { first: '1900-01-01', last: '9999-12-30' } as const;
const RANGE_MESSAGE = `日期须在 ${DAYS.first} 至 ${DAYS.last} 之间 (a date between ${DAYS.first} and ${DAYS.last})`;

/** A calendar day (YYYY-MM-DD) within `DAYS`: one PostgreSQL, the renderers and the clock all accept. */
export const isoDay = () => z.iso.date().refine((d) => d >= DAYS.first && d <= DAYS.last, RANGE_MESSAGE);

/** A point in time from a query string (a day or an ISO timestamp) within `DAYS`. */
export const saneDate = () =>
  z.coerce.date().refine((d) => {
    if (Number.isNaN(d.getTime())) return true; // reported as not a date by z.date itself
    const day = d.toISOString().slice(0, 10);
    return day >= DAYS.first && day <= DAYS.last;
  }, RANGE_MESSAGE);
