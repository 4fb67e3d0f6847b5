import type pg from 'pg';

/**
 * The accounts behind session cookies and device tokens, kept for a few seconds so an authenticated read needs
 * no query of its own (issue 10, item 8). Logout, disabling an account and revoking a token take effect at once:
 * - in this process, the service invalidates the entries after its transaction commits;
 * - in every other API process, through PostgreSQL `NOTIFY fangyi_auth`, sent inside the same transaction (so
 *   it goes out exactly when the change commits) and heard by each process's `LISTEN` connection;
 * - a lookup that read the database before an invalidation is not kept after it (the epoch), so a read racing
 *   a logout cannot put the ended session back;
 * - while a process is not listening (at start, or its listening connection dropped), nothing is cached.
 * The window that remains is the notification's delivery between processes, a millisecond or so.
 */

/** What ends an account's access: a session (logout, expiry), a token (revoked) or the whole account (disabled). */
export type AuthChange = { sessionId: string } | { tokenId: number } | { userId: number };

export const AUTH_CHANNEL = 'fangyi_auth';

interface Entry<T> {
  value: T;
  userId: number;
  tokenId?: number;
  at: number;
}

export class ActorCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private epoch = 0;
  private listeners = 0;

  constructor(
    private readonly ttlMs = 5_000,
    private readonly max = 100_000,
  ) {}

  /** The cached value of `key`, if it is fresh and some listener is up to hear invalidations. */
  get(key: string): T | undefined {
    const e = this.entries.get(key);
    if (!e || this.listeners === 0) return undefined;
    if (performance.now() - e.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  /** Taken before a lookup reads the database; `fill` keeps the result only if no invalidation came meanwhile. */
  begin(): number {
    return this.epoch;
  }

  fill(key: string, since: number, value: T, owner: { userId: number; tokenId?: number }) {
    if (since !== this.epoch || this.listeners === 0) return;
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, ...owner, at: performance.now() });
  }

  /** Replaces the value of a live entry (a session's last-seen time after it was written), keeping its age. */
  update(key: string, value: T) {
    const e = this.entries.get(key);
    if (e) e.value = value;
  }

  invalidate(change: AuthChange) {
    this.epoch++;
    if ('sessionId' in change) this.entries.delete(`session:${change.sessionId}`);
    else
      for (const [key, e] of this.entries)
        if ('userId' in change ? e.userId === change.userId : e.tokenId === change.tokenId) this.entries.delete(key);
  }

  /** A listener went up or down; with none up, entries could miss an invalidation, so they are dropped. */
  listening(up: boolean) {
    this.listeners += up ? 1 : -1;
    if (this.listeners === 0) {
      this.epoch++;
      this.entries.clear();
    }
  }
}

/** Parses a notification's payload; anything else (a malformed or foreign payload) drops the whole cache. */
function changeOf(payload: string | undefined): AuthChange | undefined {
  try {
    const c = JSON.parse(payload ?? '') as Record<string, unknown>;
    if (typeof c.sessionId === 'string') return { sessionId: c.sessionId };
    if (typeof c.tokenId === 'number') return { tokenId: c.tokenId };
    if (typeof c.userId === 'number') return { userId: c.userId };
  } catch {}
  return undefined;
}

/**
 * Keeps one connection of `pool` listening on `AUTH_CHANNEL` and applies what it hears to `cache`; reconnects a
 * second after losing it (the cache stays off meanwhile). Returns the function that stops listening.
 */
export function listenForAuthChanges<T>(pool: pg.Pool, cache: ActorCache<T>, log: (m: string) => void): () => Promise<void> {
  let stopped = false;
  let up = false;
  let retry: NodeJS.Timeout | undefined;
  /**
   * Closes the listening connection (never back into the pool, where it would go on listening), once, whichever
   * of an error, a failed LISTEN or `stop` comes first.
   */
  let drop: (() => void) | undefined;
  const down = () => {
    if (up) cache.listening(false);
    up = false;
  };
  const lost = (e: Error) => {
    log(`auth listener: ${e.message}`);
    down();
    drop?.();
    if (!stopped) retry = setTimeout(connect, 1_000);
  };
  const connect = async () => {
    let c: pg.PoolClient;
    try {
      c = await pool.connect();
    } catch (e) {
      return lost(e as Error);
    }
    let given = false;
    drop = () => {
      if (given) return;
      given = true;
      drop = undefined;
      c.release(true);
    };
    if (stopped) return drop();
    c.on('notification', (m) => {
      const change = changeOf(m.payload);
      if (change) cache.invalidate(change);
      else {
        cache.listening(false);
        cache.listening(true);
      }
    });
    c.on('error', lost);
    try {
      await c.query(`LISTEN ${AUTH_CHANNEL}`);
    } catch (e) {
      return lost(e as Error);
    }
    if (stopped || given) return;
    up = true;
    cache.listening(true);
  };
  void connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    down();
    drop?.();
  };
}
