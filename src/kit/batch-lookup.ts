/**
 * Coalesces lookups by key arriving from concurrent requests into one set-based statement: the keys asked on one
 * turn of the event loop are gathered (until `setImmediate`, after the turn's I/O has been read) and looked up
 * together, each caller answered with its own row. At a thousand scans a second, one `= ANY($1)` statement of 20
 * ID numbers costs about what one lookup does, where 20 lookups cost 20 round trips, 20 plans and 20 turns of the
 * connection pool.
 *
 * Lookups only group with lookups of the same database handle and scope (`groupOf`): a transaction's lookups never
 * join the pool's, and a caller never gets a row its own scope could not see. The batch runs with the first
 * caller's argument.
 */
export function batchLookup<A, K, V>(
  load: (arg: A, keys: readonly K[]) => Promise<Map<K, V>>,
  groupOf: (arg: A) => [handle: object, scope: string],
  max = 500,
) {
  type Waiter = { resolve: (v: V | undefined) => void; reject: (e: unknown) => void };
  type Pending = { arg: A; waiting: Map<K, Waiter[]> };
  const open = new WeakMap<object, Map<string, Pending>>();

  async function flush(p: Pending) {
    try {
      const found = await load(p.arg, [...p.waiting.keys()]);
      for (const [k, ws] of p.waiting) for (const w of ws) w.resolve(found.get(k));
    } catch (e) {
      for (const ws of p.waiting.values()) for (const w of ws) w.reject(e);
    }
  }

  return (arg: A, key: K): Promise<V | undefined> =>
    new Promise((resolve, reject) => {
      const [handle, scope] = groupOf(arg);
      let scopes = open.get(handle);
      if (!scopes) open.set(handle, (scopes = new Map()));
      let p = scopes.get(scope);
      if (!p) {
        const fresh: Pending = { arg, waiting: new Map() };
        scopes.set(scope, fresh);
        setImmediate(() => {
          if (scopes.get(scope) === fresh) scopes.delete(scope);
          void flush(fresh);
        });
        p = fresh;
      }
      const ws = p.waiting.get(key);
      if (ws) ws.push({ resolve, reject });
      else p.waiting.set(key, [{ resolve, reject }]);
      // A full batch takes no more keys (it still goes at its turn's end); the next key opens another.
      if (p.waiting.size >= max) scopes.delete(scope);
    });
}
