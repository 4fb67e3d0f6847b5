import { useEffect, useMemo, useState } from 'react';
import { createOfflineQueue, type QueueEnv, type QueueOptions, type QueueState } from './offline-queue';

const browser: QueueEnv = {
  storage: localStorage,
  online: () => navigator.onLine,
  later: (fn, ms) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

/**
 * A page's persistent offline queue (offline-queue.ts): the items waiting, the log of the latest with their
 * answers, whether the browser says it is online, and `add`. `options` must be a module-level constant (the queue
 * is made once per options). A failure the browser did not notice (a dead Wi-Fi that still says online) is retried
 * on the backoff timer; the browser's `online` event tries at once.
 */
export function useOfflineQueue<T, O>(options: QueueOptions<T, O>) {
  const queue = useMemo(() => createOfflineQueue(options, browser), [options]);
  const [state, setState] = useState<QueueState<T, O>>(queue.state);
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const unsubscribe = queue.subscribe(setState);
    const up = () => {
      setOnline(true);
      void queue.online();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    void queue.flush();
    return () => {
      unsubscribe();
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      queue.stop();
    };
  }, [queue]);
  return { pending: state.pending, log: state.log, online, add: queue.add };
}

export type UsedQueue<T, O> = ReturnType<typeof useOfflineQueue<T, O>>;
