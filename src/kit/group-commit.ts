import pg from 'pg';
import { AppError } from '../server/errors';

/**
 * Group commit for writes that must be durable before their answer and arrive by the thousand a second (the
 * sampler's scans, the venue scans of the health code). Committing each on its own makes the WAL flush the wall
 * (about 1,300 commits a second on this disk, bench/README.md): a writer gathers the statements arriving from
 * concurrent requests for a short window, runs them in ONE transaction on one connection, each still its own
 * statement in arrival order (so a tube's capacity guard and "already sampled" stay exact), commits once, and
 * only then answers every waiting request. If that commit fails, every waiting request gets a 503 and nothing of
 * the batch is stored; the phone sends its queued scans again and their natural keys make the replay exact.
 *
 * Statements of one key (a tube's barcode) stay in order: a statement is routed to a writer by the hash of its
 * key, and a writer runs one batch at a time.
 */

/** One statement of one scan, as it would have been sent on its own. */
export interface Statement {
  /** The prepared statement's name (planning costs twice the run time of the person scan). */
  name: string;
  text: string;
  values: unknown[];
}

interface Waiting {
  st: Statement;
  resolve: (row: unknown) => void;
  reject: (e: unknown) => void;
  /** How many times the statement lost to a concurrent transaction and went into a later batch. */
  retried: number;
}

/**
 * Errors that say only that another transaction was in the way, not that the statement is wrong: a deadlock with
 * another writer (the same person scanned into two tubes at the same instant), a serialization failure, a lock
 * not available. Such a statement goes into the writer's next batch (a new transaction, after the other one has
 * gone on), up to `RETRIES` times, and only then is it answered 503 (send again): never a 500.
 */
const TRANSIENT = new Set(['40P01', '40001', '55P03']);
const RETRIES = 2;

/** A test seam: runs inside the batch's transaction just before COMMIT (a throw there fails the whole batch). */
export const groupCommitSeam: { beforeCommit: ((client: pg.PoolClient) => Promise<void>) | null } = { beforeCommit: null };

/**
 * Batches committed and statements in them, since the process started (for tests and the benchmark), and the
 * statements waiting for their commit now (`queued`: what load shedding reads).
 */
export const groupCommitStats = { batches: 0, statements: 0, heldMs: 0, queued: 0 };

export const commitFailed = () =>
  new AppError(
    503,
    'kit.commit_failed',
    '扫码登记暂时无法保存，请稍后重发（本批扫码均未保存）',
    'the scans could not be stored just now: send them again (none of this batch was stored)',
  );

export interface GroupCommitOptions {
  /** How many writers (connections at once) run batches in parallel. */
  writers: number;
  /** The most statements a batch takes. */
  maxBatch: number;
  /** How long an idle writer waits for more statements after the first one arrives. */
  windowMs: number;
}

/**
 * FANGYI_SCAN_WRITERS / FANGYI_SCAN_WINDOW_MS tune a deployment (and the benchmark) without a release. Two writers:
 * on a quiet 2-core node they beat four by 4-7% at 100 and 1,000 samplers and one by 17% at 1,000 (bench/README.md,
 * bench:scans, session 15); fewer writers make bigger batches and fewer commits.
 */
const DEFAULTS: GroupCommitOptions = {
  writers: Number(process.env.FANGYI_SCAN_WRITERS) || 2,
  maxBatch: 128,
  windowMs: Number(process.env.FANGYI_SCAN_WINDOW_MS) || 2,
};

/** A value as a SQL literal (the batch goes as one simple-protocol string; see `attempt`). */
function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error('a non-finite number in a scan statement');
    return String(v);
  }
  if (v instanceof Date) return pg.escapeLiteral(v.toISOString());
  if (Array.isArray(v))
    return pg.escapeLiteral(`{${v.map((x) => `"${String(x).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`);
  return pg.escapeLiteral(String(v));
}

/** The statement as `EXECUTE name(literals…)` of the connection's prepared statement of that name. */
const execute = (st: Statement) => `EXECUTE gc_${st.name}(${st.values.map(literal).join(', ')})`;

/** The statements each connection has prepared (PREPARE outlives transactions; a new connection prepares again). */
const prepared = new WeakMap<pg.PoolClient, Set<string>>();
async function prepare(client: pg.PoolClient, batch: readonly Waiting[]) {
  let done = prepared.get(client);
  if (!done) prepared.set(client, (done = new Set()));
  for (const w of batch)
    if (!done.has(w.st.name)) {
      await client.query(`PREPARE gc_${w.st.name} AS ${w.st.text}`);
      done.add(w.st.name);
    }
}

function hashOf(s: string) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function writer(conns: pg.Pool, o: GroupCommitOptions) {
  let queue: Waiting[] = [];
  let busy = false;
  let timer: NodeJS.Timeout | null = null;

  /** Runs the batch once; with savepoints when a statement failed in the first try (the rare concurrent duplicate). */
  async function attempt(client: pg.PoolClient, batch: Waiting[], guarded: boolean) {
    const out: ({ ok: true; row: unknown } | { ok: false; e: unknown })[] = [];
    await prepare(client, batch);
    if (!guarded) {
      // The whole batch in ONE round trip: BEGIN and each scan's own statement, in arrival order, as one
      // simple-protocol string of EXECUTEs of prepared statements. Sent one by one, each statement waited a
      // turn of the busy event loop (6 ms a statement at 1,000 samplers). A failure aborts the transaction:
      // the caller rolls back and runs the batch again, guarded.
      // COMMIT goes in the same string (one round trip a batch) unless the test seam must run before it.
      const seam = groupCommitSeam.beforeCommit;
      const sql = ['BEGIN', ...batch.map((w) => execute(w.st)), ...(seam ? [] : ['COMMIT'])];
      const rs = (await client.query(sql.join(';\n'))) as unknown as pg.QueryResult[];
      for (const r of rs.slice(1, 1 + batch.length)) out.push({ ok: true, row: r.rows[0] });
      if (!seam) {
        // COMMIT of an aborted transaction answers ROLLBACK without raising.
        if (rs.at(-1)?.command !== 'COMMIT') throw new Error('the batch was rolled back');
        groupCommitStats.batches++;
        groupCommitStats.statements += batch.length;
        return out;
      }
    } else {
      await client.query('BEGIN');
      for (const w of batch) {
        await client.query('SAVEPOINT scan');
        try {
          out.push({ ok: true, row: (await client.query(execute(w.st))).rows[0] });
          await client.query('RELEASE SAVEPOINT scan');
        } catch (e) {
          await client.query('ROLLBACK TO SAVEPOINT scan');
          out.push({ ok: false, e });
        }
      }
    }
    if (groupCommitSeam.beforeCommit) await groupCommitSeam.beforeCommit(client);
    const c = await client.query('COMMIT');
    // COMMIT of an aborted transaction answers ROLLBACK without raising.
    if (c.command !== 'COMMIT') throw new Error('the batch was rolled back');
    groupCommitStats.batches++;
    groupCommitStats.statements += batch.length;
    return out;
  }

  async function run(batch: Waiting[]) {
    let client: pg.PoolClient | null = null;
    let out: Awaited<ReturnType<typeof attempt>> | null = null;
    let broken = false;
    const t0 = performance.now();
    try {
      client = await conns.connect();
      try {
        out = await attempt(client, batch, false);
      } catch (e) {
        await client.query('ROLLBACK');
        if (!(e as { code?: string }).code) throw e;
        // A statement raised (a concurrent duplicate on another writer, a deadlock): nothing of the batch was
        // kept; run it again with a savepoint a statement, so the others are not lost with it.
        out = await attempt(client, batch, true);
      }
    } catch {
      out = null;
      broken = true;
      await client?.query('ROLLBACK').catch(() => {});
    } finally {
      client?.release(broken ? true : undefined);
    }
    groupCommitStats.heldMs += performance.now() - t0;
    // Answers only now: after the commit that holds them, or a 503 each when it failed.
    groupCommitStats.queued -= batch.length;
    const again: Waiting[] = [];
    batch.forEach((w, i) => {
      const r = out?.[i];
      if (!r) w.reject(commitFailed());
      else if (r.ok) w.resolve(r.row);
      else if (!TRANSIENT.has((r.e as { code?: string }).code ?? '')) w.reject(r.e);
      else if (w.retried < RETRIES) again.push({ ...w, retried: w.retried + 1 });
      else w.reject(commitFailed());
    });
    // Into the next batch of this writer (drain runs it before going idle).
    queue.push(...again);
    groupCommitStats.queued += again.length;
  }

  async function drain() {
    timer = null;
    if (busy) return;
    busy = true;
    while (queue.length) {
      const batch = queue.slice(0, o.maxBatch);
      queue = queue.slice(batch.length);
      await run(batch);
    }
    busy = false;
  }

  return (st: Statement) =>
    new Promise<unknown>((resolve, reject) => {
      queue.push({ st, resolve, reject, retried: 0 });
      groupCommitStats.queued++;
      if (busy) return; // taken by the next batch when the running one has committed
      if (queue.length >= o.maxBatch) {
        if (timer) clearTimeout(timer);
        void drain();
      } else if (!timer) timer = setTimeout(drain, o.windowMs);
    });
}

const groups = new WeakMap<pg.Pool, ReturnType<typeof writer>[]>();

/** The writers of a pool (made on first use; a test may set fewer writers or another window beforehand). */
export function groupCommit(pool: pg.Pool, options: Partial<GroupCommitOptions> = {}) {
  let ws = groups.get(pool);
  if (!ws) {
    const o = { ...DEFAULTS, ...options };
    // The writers' own connections, one a writer, as the pool's role: taken from the request pool, a batch
    // waited behind hundreds of requests' lookups for a connection (200 ms a batch at 1,000 samplers). Idle
    // ones close and do not hold the process open, so a pool ended (a test's, a server's) leaves nothing behind.
    const conns = new pg.Pool({ ...pool.options, max: o.writers, idleTimeoutMillis: 5_000, allowExitOnIdle: true });
    conns.on('error', () => {}); // an idle connection dropped: the next batch opens another
    ws = Array.from({ length: o.writers }, () => writer(conns, o));
    groups.set(pool, ws);
  }
  const all = ws;
  /** Runs `st` in the next batch of the writer of `key`; resolves with its first row once committed. */
  return <T>(key: string, st: Statement) => (all[hashOf(key) % all.length] as ReturnType<typeof writer>)(st) as Promise<T>;
}
