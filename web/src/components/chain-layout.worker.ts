/**
 * Runs `treeLayout` off the page's thread: dagre takes seconds on a fully expanded chain of 2,000 people, and
 * the page must stay responsive meanwhile. Receives the graph and the expanded groups, answers the layout.
 */
import { type ChainGraphData, treeLayout } from './chain-layout';

self.onmessage = (e: MessageEvent<{ seq: number; data: ChainGraphData; expanded: string[] }>) => {
  const started = performance.now();
  const layout = treeLayout(e.data.data, new Set(e.data.expanded));
  self.postMessage({ seq: e.data.seq, layout, ms: performance.now() - started });
};
