import type pg from 'pg';
import type { Rebuild } from '../db/rebuilds';

/**
 * A secondary index or constraint of a table, as the catalog defines it (so it always matches the migrations): the
 * statement that drops it and the rebuilds that make it again.
 */
export interface Deferred {
  drop: string;
  rebuilds: Rebuild[];
  /** Not a B-tree (a GIN): PostgreSQL 15 builds it on one core, so it is started first. */
  long: boolean;
}

export type DeferredKind = 'primary' | 'unique' | 'foreign' | 'referencing' | 'index';

/**
 * Reads the indexes and constraints of `table` of the given kinds, in creation order: primary key, unique and
 * foreign keys of the table, foreign keys of other tables that reference it, plain indexes. A bulk load drops them
 * in reverse order, COPYs, and rebuilds them (one sort per index beats millions of index insertions, and a
 * validated constraint is one join instead of a trigger per row). A primary or unique key is rebuilt as its unique
 * index (phase 1, beside the other indexes) and then attached to it (phase 2, instant), since ADD CONSTRAINT would
 * build it under a lock that stops every other build of the table.
 */
export async function deferrable(db: pg.PoolClient, table: string, kinds: DeferredKind[]): Promise<Deferred[]> {
  const out: Deferred[] = [];
  const own = [...(kinds.includes('primary') ? ['p'] : []), ...(kinds.includes('unique') ? ['u'] : [])];
  if (kinds.includes('foreign')) own.push('f');
  const cons = await db.query(
    `SELECT conrelid::regclass::text AS tbl, conname, contype, pg_get_constraintdef(oid) AS def,
            CASE WHEN contype IN ('p', 'u') THEN pg_get_indexdef(conindid) END AS index
       FROM pg_constraint
      WHERE (conrelid = $1::regclass AND contype = ANY($2)) OR ($3 AND confrelid = $1::regclass AND conrelid <> $1::regclass)
      ORDER BY conrelid <> $1::regclass, position(contype IN 'puf'), conname`,
    [table, own, kinds.includes('referencing')],
  );
  for (const c of cons.rows) {
    const drop = `ALTER TABLE ${c.tbl} DROP CONSTRAINT ${c.conname}`;
    if (c.index) {
      const key = c.contype === 'p' ? 'PRIMARY KEY' : 'UNIQUE';
      out.push({
        drop,
        long: false,
        rebuilds: [
          { phase: 1, stmt: c.index },
          { phase: 2, stmt: `ALTER TABLE ${c.tbl} ADD CONSTRAINT ${c.conname} ${key} USING INDEX ${c.conname}` },
        ],
      });
    } else
      out.push({
        drop,
        long: false,
        rebuilds: [{ phase: 3, stmt: `ALTER TABLE ${c.tbl} ADD CONSTRAINT ${c.conname} ${c.def}` }],
      });
  }
  if (kinds.includes('index')) {
    const idx = await db.query(
      `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def, i.relam <> (SELECT oid FROM pg_am WHERE amname = 'btree') AS long
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = $1::regclass AND NOT x.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
        ORDER BY i.relname`,
      [table],
    );
    for (const i of idx.rows) out.push({ drop: `DROP INDEX ${i.name}`, long: i.long, rebuilds: [{ phase: 1, stmt: i.def }] });
  }
  return out;
}

/**
 * The rebuilds of several tables' deferred indexes and keys in the order the builders take them: the long builds
 * first (each holds a connection while the B-trees share the others), then the rest, each group in the tables'
 * order (the largest table first), phase by phase.
 */
export const rebuildOrder = (tables: readonly (readonly Deferred[])[]): Rebuild[] => {
  const all = tables.flat();
  return [...all.filter((d) => d.long), ...all.filter((d) => !d.long)].flatMap((d) => d.rebuilds);
};
