import type { Queryable } from './connect';

/**
 * The locale a city's database is made with (README, "A city's database"): byte order for sorting (LC_COLLATE
 * C), since every key the platform sorts (ID numbers, phones, territory paths) is ASCII and a C sort compares bytes
 * with abbreviated keys, where a libc locale compares through strcoll (the residents' ID number key builds in 10.7 s
 * at 10M under C, 16.0 s under C.UTF-8; the whole seed 131.7 s against 172.2 s, bench/README.md); and a UTF-8 LC_CTYPE,
 * without which pg_trgm takes Chinese characters for separators, so the address index holds only the digits of an
 * address and a search by 小区 or 楼栋 name cannot use it.
 */
export const CITY_LOCALE = { collate: 'C', ctype: 'C.UTF-8' } as const;

const isC = (l: string) => l === 'C' || l === 'POSIX';

/** What a database's locale costs the platform, as warnings for the start-up log (none when it is the city locale). */
export function localeAdvice(db: { collate: string; ctype: string }): string[] {
  const out: string[] = [];
  if (!isC(db.collate))
    out.push(
      `the database sorts by LC_COLLATE ${db.collate}: indexes on ID numbers and phones build and compare slower than under C (README, "A city's database")`,
    );
  if (isC(db.ctype))
    out.push(
      `the database's LC_CTYPE is ${db.ctype}: the address search's trigram index cannot read Chinese, so a search by compound or building name reads the scope whole (README, "A city's database")`,
    );
  return out;
}

/** The connected database's locale. */
export async function databaseLocale(db: Queryable): Promise<{ collate: string; ctype: string }> {
  const r = await db.query('SELECT datcollate AS collate, datctype AS ctype FROM pg_database WHERE datname = current_database()');
  return r.rows[0];
}
