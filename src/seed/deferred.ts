import type pg from 'pg';

/** A secondary index or constraint of a table, as the catalog defines it (so it always matches the migrations). */
export interface Deferred {
  drop: string;
  create: string;
}

export type DeferredKind = 'primary' | 'unique' | 'foreign' | 'referencing' | 'index';

/**
 * Reads the indexes and constraints of `table` of the given kinds as DROP and CREATE statements, in creation
 * order: primary key, unique and foreign keys of the table, foreign keys of other tables that reference it,
 * plain indexes (those PostgreSQL 15 cannot build in parallel, such as trigram GIN, before the B-trees: they keep
 * one core busy while the other table's builds and the B-trees' parallel workers share the rest). A bulk load drops them in reverse order, COPYs, and recreates them in order: one sort per index
 * beats millions of index insertions, and a validated constraint is one join instead of a trigger per row.
 */
export async function deferrable(db: pg.PoolClient, table: string, kinds: DeferredKind[]): Promise<Deferred[]> {
  const out: Deferred[] = [];
  const own = [...(kinds.includes('primary') ? ['p'] : []), ...(kinds.includes('unique') ? ['u'] : [])];
  if (kinds.includes('foreign')) own.push('f');
  const cons = await db.query(
    `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE (conrelid = $1::regclass AND contype = ANY($2)) OR ($3 AND confrelid = $1::regclass AND conrelid <> $1::regclass)
      ORDER BY conrelid <> $1::regclass, position(contype IN 'puf'), conname`,
    [table, own, kinds.includes('referencing')],
  );
  for (const c of cons.rows)
    out.push({
      drop: `ALTER TABLE ${c.tbl} DROP CONSTRAINT ${c.conname}`,
      create: `ALTER TABLE ${c.tbl} ADD CONSTRAINT ${c.conname} ${c.def}`,
    });
  if (kinds.includes('index')) {
    const idx = await db.query(
      `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = $1::regclass AND NOT x.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
        ORDER BY i.relam = (SELECT oid FROM pg_am WHERE amname = 'btree'), i.relname`,
      [table],
    );
    for (const i of idx.rows) out.push({ drop: `DROP INDEX ${i.name}`, create: i.def });
  }
  return out;
}
