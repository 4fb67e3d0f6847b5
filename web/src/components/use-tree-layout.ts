import { useEffect, useRef, useState } from 'react';
import type { ChainGraphData, TreeLayout } from './chain-layout';

/**
 * The tree layout of `data` with the groups in `expanded` open, computed in a Web Worker (dagre needs seconds
 * for a fully expanded chain of 2,000 people; the page stays responsive). `ms` is the worker's layout time.
 * Answers to superseded requests are dropped.
 */
export function useTreeLayout(data: ChainGraphData, expanded: ReadonlySet<string>) {
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  const [result, setResult] = useState<{ layout: TreeLayout; ms: number } | null>(null);
  useEffect(() => {
    const w = new Worker(new URL('./chain-layout.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    w.onmessage = (e: MessageEvent<{ seq: number; layout: TreeLayout; ms: number }>) => {
      if (e.data.seq === seq.current) setResult({ layout: e.data.layout, ms: e.data.ms });
    };
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, []);
  useEffect(() => {
    seq.current += 1;
    worker.current?.postMessage({ seq: seq.current, data, expanded: [...expanded] });
  }, [data, expanded]);
  return result;
}
