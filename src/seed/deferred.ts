import type pg from 'pg';

/** A secondary index or constraint of a table, as the catalog defines it (so it always matches the migrations). */
export interface Deferred {
  drop: string;
  create: string;
}

/**
 * Reads every index and unique/foreign-key constraint of `table` except the primary key, as DROP and CREATE
 * statements. A bulk load drops them, COPYs, and recreates them: one sort per index beats millions of
 * index insertions, and a validated constraint is one join instead of a trigger per row.
 */
export async function deferrable(
  db: pg.PoolClient,
  table: string,
  kinds: ('index' | 'unique' | 'foreign')[],
): Promise<Deferred[]> {
  const out: Deferred[] = [];
  const contypes = [...(kinds.includes('unique') ? ['u'] : []), ...(kinds.includes('foreign') ? ['f'] : [])];
  const cons = await db.query(
    `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE conrelid = $1::regclass AND contype = ANY($2) ORDER BY contype DESC, conname`,
    [table, contypes],
  );
  for (const c of cons.rows)
    out.push({
      drop: `ALTER TABLE ${table} DROP CONSTRAINT ${c.conname}`,
      create: `ALTER TABLE ${table} ADD CONSTRAINT ${c.conname} ${c.def}`,
    });
  if (kinds.includes('index')) {
    const idx = await db.query(
      `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = $1::regclass AND NOT x.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) ORDER BY i.relname`,
      [table],
    );
    for (const i of idx.rows) out.push({ drop: `DROP INDEX ${i.name}`, create: i.def });
  }
  return out;
}
