import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import type pg from 'pg';
import type { DB } from './schema';
import './pg-types';

/** The typed database: rows typed from src/db/schema.ts (generated from the migrations by `npm run db:types`). */
export type Db = Kysely<DB>;

/** A Kysely instance over the pool (the same pool the COPY paths use). */
export const typedDb = (pool: pg.Pool): Db => new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });

/**
 * Runs SQL written by hand with positional parameters ($1, $2 …) on `db`, inside its transaction if it is one.
 * For the set-based statements the builder cannot say (unnest batches, recursive CTEs, window counts); the
 * caller states the row type.
 */
export async function rawQuery<R>(db: Db, text: string, params: readonly unknown[] = []) {
  const r = await db.executeQuery<R>(CompiledQuery.raw(text, [...params]));
  return { rows: r.rows, rowCount: Number(r.numAffectedRows ?? r.rows.length) };
}

/**
 * The right side of `= ANY(…)`: a whole list as one array parameter, `.where('id', '=', anyOf(ids))`. An `IN`
 * list binds one parameter per element (the statement is planned anew for each length, parsing 5,000
 * parameters costs more than the lookup) and is a syntax error when empty.
 */
export const anyOf = <T extends number | string>(values: readonly T[]) => sql<T>`ANY(${[...values]})`;
