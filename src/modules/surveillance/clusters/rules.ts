import type { ContactStatus } from '../contacts/contract';
import type { GraphNode } from './contract';

/** At most this many contact nodes in one chain graph; the rest are counted, not drawn. */
export const GRAPH_CONTACT_LIMIT = 5000;

interface ChainContact {
  id: number;
  name: string;
  status: ContactStatus;
  source: number;
}
interface Chain {
  members: readonly number[];
  positives: readonly { id: number; kind: 'confirmed' | 'asymptomatic'; number: number; day: string }[];
  links: readonly { positiveId: number; sourceId: number }[];
  close: readonly ChainContact[];
  secondary: readonly ChainContact[];
}

/** The chain as a graph: an edge from each source (positive or contact) to what it led to. */
export function chainGraph(c: Chain) {
  const memberSet = new Set(c.members);
  const nodes: GraphNode[] = [
    ...c.positives.map((p) => ({
      id: `p${p.id}`,
      label: `${p.day} ${p.kind === 'confirmed' ? '确诊' : '无症状'}${p.number}`,
      kind: p.kind,
      member: memberSet.has(p.id),
    })),
    ...c.close.map((x) => ({ id: `c${x.id}`, label: x.name, kind: 'close' as const, member: false, status: x.status })),
    ...c.secondary.map((x) => ({ id: `c${x.id}`, label: x.name, kind: 'secondary' as const, member: false, status: x.status })),
  ];
  const edges = [
    ...c.links.map((l) => ({ source: `p${l.sourceId}`, target: `p${l.positiveId}` })),
    ...c.close.map((x) => ({ source: `p${x.source}`, target: `c${x.id}` })),
    ...c.secondary.map((x) => ({ source: `c${x.source}`, target: `c${x.id}` })),
  ];
  return { nodes, edges, truncated: c.close.length + c.secondary.length >= GRAPH_CONTACT_LIMIT };
}
