import cytoscape from 'cytoscape';
import { useEffect, useRef } from 'react';
import { flowerLayout } from './chain-layout';

export interface ChainGraphData {
  nodes: { id: string; label: string; kind: 'confirmed' | 'asymptomatic' | 'close' | 'secondary'; member: boolean }[];
  edges: { source: string; target: string }[];
}

const COLORS = { confirmed: '#c0392b', asymptomatic: '#e67e22', close: '#2980b9', secondary: '#95a5a6' };

/**
 * The transmission chain drawn with Cytoscape: positives as large red/orange nodes (cluster members ringed),
 * contacts as small blue/grey dots, arrows from source to what it led to. Beyond a few dozen nodes each case is
 * drawn as a flower of its contacts (`flowerLayout`), and beyond a few hundred only positives keep their labels, so 2,000 nodes
 * stay readable; zoom and pan for detail.
 */
export function ChainGraph({ data, height = 560 }: { data: ChainGraphData; height?: number }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = el.current;
    if (!container) return;
    container.removeAttribute('data-drawn-ms');
    const started = performance.now();
    // Marks the container once the layout has placed every node: tests wait on it, the benchmark reads it.
    const stop = () => container.setAttribute('data-drawn-ms', (performance.now() - started).toFixed(0));
    // A tree reads well up to a few dozen people; beyond, flowers. Contacts keep their names up to a few hundred.
    const flowers = data.nodes.length > 60;
    const big = data.nodes.length > 300;
    const cy = cytoscape({
      container,
      elements: [
        ...data.nodes.map((n) => ({
          data: { ...n, color: COLORS[n.kind], size: n.kind === 'confirmed' || n.kind === 'asymptomatic' ? 28 : big ? 6 : 12 },
        })),
        ...data.edges.map((e, i) => ({ data: { id: `e${i}`, ...e } })),
      ],
      style: [
        {
          selector: 'node',
          style: { 'background-color': 'data(color)', width: 'data(size)', height: 'data(size)', 'font-size': 10 },
        },
        {
          selector: 'node[kind = "confirmed"], node[kind = "asymptomatic"]',
          style: { label: 'data(label)', 'font-size': 11, 'text-valign': 'bottom' },
        },
        ...(big
          ? []
          : [{ selector: 'node[kind = "close"], node[kind = "secondary"]', style: { label: 'data(label)', color: '#555' } }]),
        { selector: 'node[?member]', style: { 'border-width': 3, 'border-color': '#7b241c' } },
        {
          selector: 'edge',
          style: {
            width: 1,
            'line-color': '#bbb',
            'target-arrow-shape': 'triangle',
            'target-arrow-color': '#bbb',
            'curve-style': 'haystack',
          },
        },
      ],
      layout: flowers
        ? {
            name: 'preset',
            positions: Object.fromEntries(
              flowerLayout(data.nodes, data.edges, big ? { petal: 9, centre: 18 } : { petal: 22, centre: 22 }).positions,
            ),
            padding: 16,
            stop,
          }
        : { name: 'breadthfirst', directed: true, spacingFactor: 1.1, stop },
      wheelSensitivity: 0.3,
    });
    return () => cy.destroy();
  }, [data]);
  return (
    <div ref={el} data-testid="chain-graph" style={{ width: '100%', height, border: '1px solid #f0f0f0', borderRadius: 8 }} />
  );
}
