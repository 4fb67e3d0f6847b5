import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../../api';
import type { ScanInput, ScanOutcome } from '../../contracts';

/**
 * The sampler's persistent queue: every scan is stored (localStorage, with the uuid the phone gave it) before it
 * is sent, and sent in order, a batch at a time, when the connection allows: at once when online, again with
 * backoff after a failure (1 s, 2 s, 4 s … 30 s) and when the browser says it is back online. The server is
 * idempotent by scan id, so a batch whose answer was lost is simply sent again.
 */
const QUEUE = 'fy-sampler-queue';
const LOG = 'fy-sampler-log';
const LOG_SIZE = 60;
const BATCH = 200;

export interface LoggedScan {
  scan: ScanInput;
  outcome?: ScanOutcome;
}

const read = <T>(key: string, fallback: T): T => {
  try {
    return JSON.parse(localStorage.getItem(key) ?? '') as T;
  } catch {
    return fallback;
  }
};
const write = (key: string, v: unknown) => localStorage.setItem(key, JSON.stringify(v));

export function useScanQueue() {
  const [pending, setPending] = useState<ScanInput[]>(() => read(QUEUE, []));
  const [log, setLog] = useState<LoggedScan[]>(() => read(LOG, []));
  const [online, setOnline] = useState(() => navigator.onLine);
  const sending = useRef(false);
  const backoff = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  /** Drops the answered scans from the queue and puts their outcomes into the log (newest first). */
  const record = useCallback((batch: readonly ScanInput[], outcomes: readonly ScanOutcome[]) => {
    const done = new Set(batch.map((s) => s.scanId));
    const rest = read<ScanInput[]>(QUEUE, []).filter((s) => !done.has(s.scanId));
    write(QUEUE, rest);
    setPending(rest);
    const byId = new Map(outcomes.map((o) => [o.scanId, o]));
    const next = read<LoggedScan[]>(LOG, []).map((l) =>
      byId.has(l.scan.scanId) ? { ...l, outcome: byId.get(l.scan.scanId) } : l,
    );
    write(LOG, next);
    setLog(next);
  }, []);

  const flush = useCallback(async () => {
    if (sending.current) return;
    const queue = read<ScanInput[]>(QUEUE, []);
    if (!queue.length || !navigator.onLine) return;
    sending.current = true;
    const batch = queue.slice(0, BATCH);
    try {
      const { outcomes } = await api.post<{ outcomes: ScanOutcome[] }>('/api/testing/scans', { scans: batch });
      record(batch, outcomes);
      backoff.current = 0;
    } catch (e) {
      if (
        e instanceof ApiError &&
        e.status >= 400 &&
        e.status < 500 &&
        e.status !== 401 &&
        e.status !== 408 &&
        e.status !== 429
      ) {
        // The batch itself is refused (bad input): answer each scan with the reason rather than jam the queue.
        record(
          batch,
          batch.map((s) => ({ scanId: s.scanId, ok: false, code: e.code, zh: e.message })),
        );
      } else {
        backoff.current = Math.min(30_000, backoff.current ? backoff.current * 2 : 1_000);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void flush(), backoff.current);
      }
    } finally {
      sending.current = false;
    }
    if (backoff.current === 0 && read<ScanInput[]>(QUEUE, []).length) void flush();
  }, [record]);

  /** Queues a scan (stored before anything is sent) and tries to send. */
  const add = useCallback(
    (s: Omit<ScanInput, 'scanId' | 'at'>) => {
      const scan: ScanInput = { ...s, scanId: crypto.randomUUID(), at: new Date().toISOString() };
      const queue = [...read<ScanInput[]>(QUEUE, []), scan];
      write(QUEUE, queue);
      setPending(queue);
      const next = [{ scan }, ...read<LoggedScan[]>(LOG, [])].slice(0, LOG_SIZE);
      write(LOG, next);
      setLog(next);
      void flush();
      return scan;
    },
    [flush],
  );

  useEffect(() => {
    const up = () => {
      setOnline(true);
      backoff.current = 0;
      void flush();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    void flush();
    // A failure the browser did not notice (a dead Wi-Fi that still says online) is retried on the backoff timer.
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      clearTimeout(timer.current);
    };
  }, [flush]);

  return { pending, log, online, add };
}
