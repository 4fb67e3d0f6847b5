import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../../api';
import type { VenueScanOutcome } from '../../contracts';

/** A scan as the checkpoint keeps it until the server has answered (its natural key: venue, time, person). */
export interface CheckpointScan {
  key: string;
  venueId: number;
  token: string;
  at: string;
  offline: boolean;
  /** The offline verdict shown while the scan waits (colour and name from the signed token). */
  shown?: { colour: string; name: string } | { refused: string };
  outcome?: VenueScanOutcome;
}

const PENDING = 'fy-checkpoint-pending';
const LOG = 'fy-checkpoint-log';
const read = (k: string): CheckpointScan[] => {
  try {
    return JSON.parse(localStorage.getItem(k) ?? '[]') as CheckpointScan[];
  } catch {
    return [];
  }
};
const write = (k: string, v: CheckpointScan[]) => localStorage.setItem(k, JSON.stringify(v));

/**
 * The checkpoint's queue: every scan is stored before it is sent and sent with its own time, a venue's scans
 * together, when the connection allows (again after a failure, with backoff up to 30 s, and when the browser says
 * it is back online). The server stores a scan once by (venue, time, person), so a batch resent is harmless.
 */
export function useCheckpointQueue() {
  const [pending, setPending] = useState<CheckpointScan[]>(() => read(PENDING));
  const [log, setLog] = useState<CheckpointScan[]>(() => read(LOG));
  const [online, setOnline] = useState(() => navigator.onLine);
  const busy = useRef(false);
  const wait = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const answered = useCallback((batch: CheckpointScan[], outcomes: VenueScanOutcome[]) => {
    const keys = new Set(batch.map((s) => s.key));
    const rest = read(PENDING).filter((s) => !keys.has(s.key));
    write(PENDING, rest);
    setPending(rest);
    const byKey = new Map(batch.map((s, i) => [s.key, outcomes[i]]));
    const next = read(LOG).map((s) => (byKey.has(s.key) ? { ...s, outcome: byKey.get(s.key) } : s));
    write(LOG, next);
    setLog(next);
  }, []);

  const flush = useCallback(async () => {
    const queue = read(PENDING);
    if (busy.current || !queue.length || !navigator.onLine) return;
    busy.current = true;
    const venueId = queue[0]?.venueId as number;
    const batch = queue.filter((s) => s.venueId === venueId).slice(0, 200);
    try {
      const body = { venueId, scans: batch.map(({ token, at, offline }) => ({ token, at, offline })) };
      const { outcomes } = await api.post<{ outcomes: VenueScanOutcome[] }>('/api/healthcode/scans', body);
      answered(batch, outcomes);
      wait.current = 0;
    } catch (e) {
      if (e instanceof ApiError && e.status >= 400 && e.status < 500 && ![401, 408, 429].includes(e.status)) {
        const refusal = { code: e.code, zh: e.message, en: e.message };
        answered(
          batch,
          batch.map(() => ({ ok: false as const, refusal })),
        );
      } else {
        wait.current = Math.min(30_000, wait.current ? wait.current * 2 : 1_000);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void flush(), wait.current);
      }
    } finally {
      busy.current = false;
    }
    if (wait.current === 0 && read(PENDING).length) void flush();
  }, [answered]);

  const add = useCallback(
    (s: Omit<CheckpointScan, 'key' | 'at'>) => {
      const scan: CheckpointScan = { ...s, key: crypto.randomUUID(), at: new Date().toISOString() };
      const queue = [...read(PENDING), scan];
      write(PENDING, queue);
      setPending(queue);
      const next = [scan, ...read(LOG)].slice(0, 50);
      write(LOG, next);
      setLog(next);
      void flush();
    },
    [flush],
  );

  useEffect(() => {
    const up = () => {
      setOnline(true);
      wait.current = 0;
      void flush();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    void flush();
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      clearTimeout(timer.current);
    };
  }, [flush]);

  return { pending, log, online, add };
}
