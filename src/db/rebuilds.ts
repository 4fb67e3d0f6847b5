import type pg from 'pg';

/**
 * A statement a bulk load owes its tables (migration 0035): an index, a key attached to it, a foreign key. The
 * table `bulk_rebuilds` is the database layer's own, like `schema_migrations`: left out of the row types, and
 * read here alone.
 */
export interface Rebuild {
  phase: 1 | 2 | 3;
  stmt: string;
}

/** Held while a load's rebuilds run, so a server starting meanwhile waits for a whole city instead of racing it. */
const REBUILD_LOCK = 727275;
/**
 * Connections building indexes at once. A trigram GIN builds on one core for most of a large load (PostgreSQL 15
 * builds only B-trees in parallel); beside it, the B-trees take turns on the other connections with their own
 * parallel workers, so the two cores stay busy.
 */
const REBUILD_CONNECTIONS = 3;
/**
 * Each rebuild's own settings (SET LOCAL: nothing outlives its transaction, no server setting changes): it sorts
 * in memory rather than in temporary files (a 10M-row unique key sorts about 600 MB) and a B-tree scans and sorts
 * with two parallel workers beside its leader (PostgreSQL divides the memory among them).
 */
const SETTINGS = "SET LOCAL maintenance_work_mem = '1GB'; SET LOCAL max_parallel_maintenance_workers = 2";

/** Records what a load owes, in the load's own transaction: committed with its rows, or rolled back with them. */
export async function owe(db: pg.PoolClient, rebuilds: readonly Rebuild[]): Promise<void> {
  await db.query('INSERT INTO bulk_rebuilds (seq, phase, stmt) SELECT * FROM unnest($1::int[], $2::int2[], $3::text[])', [
    rebuilds.map((_, i) => i),
    rebuilds.map((r) => r.phase),
    rebuilds.map((r) => r.stmt),
  ]);
}

/**
 * Builds whatever loads still owe, phase by phase: the indexes by REBUILD_CONNECTIONS connections pulling from
 * one queue in its order (longest first), then the keys attached to them and the foreign keys, one at a time
 * (each takes a lock the others would wait on). Each statement commits with the deletion of its row, so a crash
 * leaves exactly what was not built. `onStep` hears each statement with its seconds.
 */
export async function finishRebuilds(pool: pg.Pool, onStep?: (stmt: string, seconds: number) => void): Promise<void> {
  // Nothing owed, the common case: no lock taken. Otherwise the lock holds one connection while others build, so
  // the pool needs two at least.
  if (!(await pool.query('SELECT 1 FROM bulk_rebuilds LIMIT 1')).rowCount) return;
  const lock = await pool.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [REBUILD_LOCK]);
    const owed = (await lock.query('SELECT seq, phase, stmt FROM bulk_rebuilds ORDER BY phase, seq')).rows as {
      seq: number;
      phase: number;
      stmt: string;
    }[];
    for (const phase of [1, 2, 3]) {
      const queue = owed.filter((r) => r.phase === phase);
      const build = async () => {
        const db = await pool.connect();
        try {
          for (let r = queue.shift(); r; r = queue.shift()) {
            const t = performance.now();
            await db.query('BEGIN');
            try {
              await db.query(SETTINGS);
              await db.query(r.stmt);
              await db.query('DELETE FROM bulk_rebuilds WHERE seq = $1', [r.seq]);
              await db.query('COMMIT');
            } catch (e) {
              await db.query('ROLLBACK').catch(() => {});
              queue.length = 0;
              throw new Error(`rebuilding after a bulk load failed on "${r.stmt}": ${(e as Error).message}`);
            }
            onStep?.(r.stmt, (performance.now() - t) / 1000);
          }
        } finally {
          db.release();
        }
      };
      const n = phase === 1 ? Math.min(REBUILD_CONNECTIONS, queue.length) : Math.min(1, queue.length);
      // Every connection ends its statement before a failure is reported, so none is left building unlocked.
      const failed = (await Promise.allSettled(Array.from({ length: n }, build))).find((x) => x.status === 'rejected');
      if (failed) throw failed.reason;
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [REBUILD_LOCK]).catch(() => {});
    lock.release();
  }
}
