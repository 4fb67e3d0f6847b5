import { ApiError } from '../api';

/**
 * The phones' one persistent queue (the sampler's scans, the checkpoint's scans): every item is stored before it
 * is sent, and sent in order, a batch at a time, when the connection allows: at once when online, again with
 * backoff after a failure (1 s, 2 s, 4 s … 30 s) and when the browser says it is back online. The servers are
 * idempotent by the item's own key (the sampler's scan uuid, the checkpoint's venue, time and person), so a batch
 * whose answer was lost is simply sent again. Storage is the source of truth (read at every step), so a reload
 * loses nothing. Framework-free: `use-offline-queue.ts` is its React side, `offline-queue.test.ts` its test.
 */

/** An item of the log of latest items, with the server's answer once it came. */
export interface Logged<T, O> {
  item: T;
  outcome?: O;
}

export interface QueueOptions<T, O> {
  /** The localStorage keys of the items waiting and of the log of the latest ones (newest first). */
  keys: { pending: string; log: string };
  /** How many items the log keeps. */
  logSize: number;
  /** The item's own key: what the server is idempotent by, and what settles it here. */
  idOf: (item: T) => string;
  /** The next batch to send, in order (the default: the first 200). */
  batchOf?: (queue: readonly T[]) => T[];
  /** Sends a batch; answers the outcome of each item, in the batch's order. */
  send: (batch: readonly T[]) => Promise<readonly (O | undefined)[]>;
  /** The outcome of an item whose whole batch the server refused with a 4xx that resending cannot cure. */
  refused: (item: T, error: ApiError) => O;
  /** A log entry stored by an earlier page in its own shape, as this queue's (null drops it). */
  upgrade?: (raw: unknown) => Logged<T, O> | null;
}

/** What the queue runs on: the browser's in the app, fakes in the test. */
export interface QueueEnv {
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  online: () => boolean;
  /** Runs `fn` after `ms`; answers its cancel. */
  later: (fn: () => void, ms: number) => () => void;
}

export const BATCH = 200;
export const MAX_BACKOFF_MS = 30_000;

/** The wait before the next try after a failure: 1 s, then doubled, at most 30 s. */
export const nextBackoff = (previous: number) => Math.min(MAX_BACKOFF_MS, previous ? previous * 2 : 1_000);

/**
 * What a failed send means for its batch: 'refuse' when the server refused the batch itself (a 4xx: bad input, no
 * permission), answering each item with the reason rather than jamming the queue; 'retry' for everything that a
 * resend may cure: no connection, a 5xx, a timeout (408), the server shedding load (429) or the session lapsed (401:
 * the scans wait for the sign-in).
 */
export const disposition = (e: unknown): 'refuse' | 'retry' =>
  e instanceof ApiError && e.status >= 400 && e.status < 500 && ![401, 408, 429].includes(e.status) ? 'refuse' : 'retry';

export interface QueueState<T, O> {
  pending: T[];
  log: Logged<T, O>[];
}

export function createOfflineQueue<T, O>(opts: QueueOptions<T, O>, env: QueueEnv) {
  const read = <V>(key: string): V[] => {
    try {
      const v = JSON.parse(env.storage.getItem(key) ?? '[]') as unknown;
      return Array.isArray(v) ? (v as V[]) : [];
    } catch {
      return [];
    }
  };
  const write = (key: string, v: unknown) => env.storage.setItem(key, JSON.stringify(v));
  const pending = () => read<T>(opts.keys.pending);
  const log = (): Logged<T, O>[] =>
    read<unknown>(opts.keys.log).flatMap((e) => {
      if (e && typeof e === 'object' && 'item' in e) return [e as Logged<T, O>];
      const up = opts.upgrade?.(e);
      return up ? [up] : [];
    });
  const batchOf = opts.batchOf ?? ((q: readonly T[]) => q.slice(0, BATCH));

  const listeners = new Set<(s: QueueState<T, O>) => void>();
  const changed = (s: Partial<QueueState<T, O>>) => {
    const state = { pending: s.pending ?? pending(), log: s.log ?? log() };
    for (const l of listeners) l(state);
  };

  let sending = false;
  let backoff = 0;
  let cancel: (() => void) | undefined;

  /** Drops the answered items from the queue and puts their outcomes into the log. */
  const settle = (batch: readonly T[], outcomes: readonly (O | undefined)[]) => {
    const done = new Map(batch.map((item, i) => [opts.idOf(item), outcomes[i]]));
    const rest = pending().filter((item) => !done.has(opts.idOf(item)));
    write(opts.keys.pending, rest);
    const next = log().map((l) => {
      const id = opts.idOf(l.item);
      const outcome = done.get(id);
      return done.has(id) && outcome !== undefined ? { ...l, outcome } : l;
    });
    write(opts.keys.log, next);
    changed({ pending: rest, log: next });
  };

  const flush = async (): Promise<void> => {
    if (sending) return;
    const queue = pending();
    if (!queue.length || !env.online()) return;
    sending = true;
    const batch = batchOf(queue);
    try {
      settle(batch, await opts.send(batch));
      backoff = 0;
    } catch (e) {
      if (disposition(e) === 'refuse') {
        const err = e as ApiError;
        settle(
          batch,
          batch.map((item) => opts.refused(item, err)),
        );
      } else {
        backoff = nextBackoff(backoff);
        cancel?.();
        cancel = env.later(() => void flush(), backoff);
      }
    } finally {
      sending = false;
    }
    if (backoff === 0 && pending().length) await flush();
  };

  return {
    state: (): QueueState<T, O> => ({ pending: pending(), log: log() }),
    subscribe(l: (s: QueueState<T, O>) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    /** Stores the item (before anything is sent) at the end of the queue and the head of the log, and tries to send. */
    add(item: T): T {
      const queue = [...pending(), item];
      write(opts.keys.pending, queue);
      const next = [{ item }, ...log()].slice(0, opts.logSize);
      write(opts.keys.log, next);
      changed({ pending: queue, log: next });
      void flush();
      return item;
    },
    flush,
    /** The connection is back: try at once, whatever the backoff said. */
    online() {
      backoff = 0;
      return flush();
    },
    /** Stops the backoff timer (the page left). */
    stop() {
      cancel?.();
      cancel = undefined;
    },
    /** The current wait before the next try (0: none pending a failure). */
    backoff: () => backoff,
  };
}

export type OfflineQueue<T, O> = ReturnType<typeof createOfflineQueue<T, O>>;
