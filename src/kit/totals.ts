import type { Compilable } from 'kysely';
import { type Db, rawQuery } from '../db/kysely';
import type { ListTotal } from './keyset';

/** A list without a rollup counts its matches up to this many; past it the total is the planner's "about N". */
export const COUNTED_UP_TO = 1000;

/** Where a keyset page stands: the first page or not, how many rows it shows, whether a next page exists. */
export interface PageFacts {
  first: boolean;
  shown: number;
  more: boolean;
}

/**
 * A list's total with no count(*) over millions, for lists a rollup does not count (a search, one category, the
 * audit log): a result that fits on its first page is counted by that page; otherwise the matches are counted up
 * to COUNTED_UP_TO (bounded like the page itself: where matches are rare the page must read as far), exact
 * below it; past it, the planner's estimate of `matching` (EXPLAIN: column statistics, no row read, the same at
 * ten million rows as at ten), never less than what was counted. `matching` is the store's scoped, filtered
 * query, without order or limit.
 */
export async function boundedTotal(db: Db, matching: Compilable, page: PageFacts, cap = COUNTED_UP_TO): Promise<ListTotal> {
  if (page.first && !page.more) return { value: page.shown, exact: true };
  return past(db, matching, await countUpTo(db, matching, cap), cap);
}

/**
 * `boundedTotal` started before its page is read, for a search: the count runs on a connection of its own while
 * the page is read, where one after the other would read the same index twice in a row (an address searched
 * city-wide is a trigram bitmap of some 70 ms at ten million residents, for the page and again for the count).
 * A page that shows every match makes the count needless, and its answer is then dropped.
 */
export function totalBeside(db: Db, matching: Compilable, cap = COUNTED_UP_TO): (page: PageFacts) => Promise<ListTotal> {
  const counted = countUpTo(db, matching, cap);
  // Awaited below unless the page makes it needless; a failure then is no one's to hear.
  counted.catch(() => {});
  return async (page) => {
    if (page.first && !page.more) return { value: page.shown, exact: true };
    return past(db, matching, await counted, cap);
  };
}

/** The matches of `matching`, counted up to one past `cap`. */
async function countUpTo(db: Db, matching: Compilable, cap: number): Promise<number> {
  const q = matching.compile();
  const counted = await rawQuery<{ n: number }>(db, `SELECT count(*)::int AS n FROM (${q.sql} LIMIT ${cap + 1}) m`, q.parameters);
  return Number(counted.rows[0]?.n ?? 0);
}

/** The total of `n` counted matches: exact up to `cap`, past it the planner's estimate (never below `n`). */
async function past(db: Db, matching: Compilable, n: number, cap: number): Promise<ListTotal> {
  if (n <= cap) return { value: n, exact: true };
  const q = matching.compile();
  const plan = await rawQuery<{ 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }>(
    db,
    `EXPLAIN (FORMAT JSON) ${q.sql}`,
    q.parameters,
  );
  return { value: Math.max(Math.round(plan.rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0), n), exact: false };
}
