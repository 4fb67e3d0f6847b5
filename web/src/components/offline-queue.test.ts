import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { BATCH, createOfflineQueue, disposition, nextBackoff, type QueueEnv, type QueueOptions } from './offline-queue';

interface Item {
  id: string;
  group: number;
}
interface Answer {
  id: string;
  ok: boolean;
  code?: string;
}

/** A phone in a test: its storage, its connection, and the timers the queue asked for (run by hand). */
function phone() {
  const stored = new Map<string, string>();
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const state = { online: true };
  const env: QueueEnv = {
    storage: { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => void stored.set(k, v) },
    online: () => state.online,
    later: (fn, ms) => {
      const t = { fn, ms, cancelled: false };
      timers.push(t);
      return () => {
        t.cancelled = true;
      };
    },
  };
  return { stored, timers, state, env };
}

/** A server that answers each item ok, or fails as `fail` says, recording the batches it received. */
function server() {
  const batches: string[][] = [];
  const s = { fail: null as null | (() => unknown), batches };
  const options: QueueOptions<Item, Answer> = {
    keys: { pending: 'q', log: 'log' },
    logSize: 5,
    idOf: (i) => i.id,
    async send(batch) {
      batches.push(batch.map((i) => i.id));
      if (s.fail) throw s.fail();
      return batch.map((i) => ({ id: i.id, ok: true }));
    },
    refused: (i, e) => ({ id: i.id, ok: false, code: e.code }),
  };
  return { s, options };
}

const items = (n: number, group = 1) => Array.from({ length: n }, (_, k) => ({ id: `${group}-${k}`, group }));
const settled = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

describe('the offline queue', () => {
  it('backs off 1, 2, 4 … 30 s, and tells a batch to refuse from one to retry', () => {
    const waits = [0];
    for (let i = 0; i < 8; i++) waits.push(nextBackoff(waits.at(-1) as number));
    expect(waits).toEqual([0, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(disposition(new ApiError(400, 'validation', '扫码记录无效'))).toBe('refuse');
    expect(disposition(new ApiError(403, 'forbidden', '无权限'))).toBe('refuse');
    expect(disposition(new ApiError(404, 'not_found', '场所不存在'))).toBe('refuse');
    for (const status of [401, 408, 429, 500, 503]) expect(disposition(new ApiError(status, 'x', 'x'))).toBe('retry');
    expect(disposition(new TypeError('Failed to fetch'))).toBe('retry');
  });

  it('stores every item before sending, sends in order a batch at a time, and settles each by its key', async () => {
    const p = phone();
    const { s, options } = server();
    p.state.online = false;
    const q = createOfflineQueue(options, p.env);
    for (const i of items(BATCH + 50)) q.add(i);
    expect(s.batches).toEqual([]);
    expect(q.state().pending).toHaveLength(BATCH + 50);
    // The log keeps the latest, newest first, without answers yet.
    expect(q.state().log.map((l) => l.item.id)).toEqual(['1-249', '1-248', '1-247', '1-246', '1-245']);
    p.state.online = true;
    await q.online();
    expect(s.batches.map((b) => [b[0], b.at(-1), b.length])).toEqual([
      ['1-0', '1-199', BATCH],
      ['1-200', '1-249', 50],
    ]);
    expect(q.state().pending).toEqual([]);
    expect(q.state().log.every((l) => l.outcome?.ok)).toBe(true);
  });

  it('survives a reload: a new queue over the same storage sends what the old one left', async () => {
    const p = phone();
    const { s, options } = server();
    p.state.online = false;
    createOfflineQueue(options, p.env).add({ id: 'a', group: 1 });
    createOfflineQueue(options, p.env).add({ id: 'b', group: 1 });
    p.state.online = true;
    const again = createOfflineQueue(options, p.env);
    expect(again.state().pending.map((i) => i.id)).toEqual(['a', 'b']);
    await again.flush();
    expect(s.batches).toEqual([['a', 'b']]);
    expect(again.state().pending).toEqual([]);
  });

  it('keeps a batch on a network error or 5xx and retries it on the backoff timer, the same items again', async () => {
    const p = phone();
    const { s, options } = server();
    const q = createOfflineQueue(options, p.env);
    s.fail = () => new TypeError('Failed to fetch');
    q.add({ id: 'a', group: 1 });
    await settled();
    expect(q.state().pending.map((i) => i.id)).toEqual(['a']);
    expect(p.timers.map((t) => t.ms)).toEqual([1_000]);
    s.fail = () => new ApiError(503, 'busy', '系统繁忙');
    p.timers[0]?.fn();
    await settled();
    expect(p.timers.map((t) => t.ms)).toEqual([1_000, 2_000]);
    expect(q.backoff()).toBe(2_000);
    s.fail = null;
    p.timers[1]?.fn();
    await settled();
    expect(s.batches).toEqual([['a'], ['a'], ['a']]);
    expect(q.state().pending).toEqual([]);
    expect(q.state().log[0]?.outcome).toEqual({ id: 'a', ok: true });
    expect(q.backoff()).toBe(0);
  });

  it('answers each item of a batch refused with a 4xx with the reason and goes on, not jamming the queue', async () => {
    const p = phone();
    const { s, options } = server();
    p.state.online = false;
    const q = createOfflineQueue(options, p.env);
    q.add({ id: 'a', group: 1 });
    q.add({ id: 'b', group: 1 });
    p.state.online = true;
    s.fail = () => new ApiError(400, 'validation', '管码无效');
    await q.flush();
    expect(q.state().pending).toEqual([]);
    expect(q.state().log.map((l) => l.outcome)).toEqual([
      { id: 'b', ok: false, code: 'validation' },
      { id: 'a', ok: false, code: 'validation' },
    ]);
    expect(p.timers).toEqual([]);
  });

  it('sends the batch the options choose (a venue’s scans together), the others after, in order', async () => {
    const p = phone();
    const { s, options } = server();
    p.state.online = false;
    const q = createOfflineQueue({ ...options, batchOf: (queue) => queue.filter((i) => i.group === queue[0]?.group) }, p.env);
    for (const i of [...items(2, 1), ...items(2, 2), ...items(1, 1)].map((x, k) => ({ ...x, id: `${x.id}/${k}` }))) q.add(i);
    p.state.online = true;
    await q.flush();
    expect(s.batches).toEqual([
      ['1-0/0', '1-1/1', '1-0/4'],
      ['2-0/2', '2-1/3'],
    ]);
  });

  it('reads a log stored in an older shape through `upgrade`, and drops what it cannot read', () => {
    const p = phone();
    const { options } = server();
    p.stored.set('log', JSON.stringify([{ old: { id: 'x', group: 1 }, answer: { id: 'x', ok: true } }, 7, null]));
    p.stored.set('q', 'not json');
    const q = createOfflineQueue(
      {
        ...options,
        upgrade: (e) => {
          const o = e as { old?: Item; answer?: Answer } | null;
          return o?.old ? { item: o.old, ...(o.answer ? { outcome: o.answer } : {}) } : null;
        },
      },
      p.env,
    );
    expect(q.state()).toEqual({ pending: [], log: [{ item: { id: 'x', group: 1 }, outcome: { id: 'x', ok: true } }] });
  });

  it('stops its timer when the page leaves, and tries at once when the connection returns', async () => {
    const p = phone();
    const { s, options } = server();
    const q = createOfflineQueue(options, p.env);
    s.fail = () => new TypeError('offline');
    q.add({ id: 'a', group: 1 });
    await settled();
    q.stop();
    expect(p.timers[0]?.cancelled).toBe(true);
    s.fail = null;
    await q.online();
    expect(q.state().pending).toEqual([]);
  });
});
