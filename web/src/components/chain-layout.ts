import { Graph, layout } from '@dagrejs/dagre';

/**
 * The chain graph as a layered transmission tree: which nodes are drawn (contacts of contacts and large contact
 * fans folded into one "+N" node per parent), their sizes from their labels, and their positions from dagre.
 * Pure and synchronous, so the page can run it in a Web Worker and the tests can check it without a browser.
 */

export type ChainKind = 'confirmed' | 'asymptomatic' | 'close' | 'secondary';
export interface ChainNode {
  id: string;
  label: string;
  kind: ChainKind;
  member: boolean;
  /** A contact's status (contacts only). */
  status?: string;
}
export interface ChainGraphData {
  nodes: ChainNode[];
  edges: { source: string; target: string }[];
}

/** A drawn node: a person, or a folded group standing for `count` contacts of `parent`. */
export interface TreeNode {
  id: string;
  label: string;
  kind: ChainKind | 'group';
  member: boolean;
  status?: string;
  group?: { of: 'close' | 'secondary' | 'stray'; parent: string; count: number };
  /** Centre and size in model pixels; the label is drawn inside this box. */
  x: number;
  y: number;
  width: number;
  height: number;
}
export type Relation = '传播' | '密接' | '次密接';
export interface TreeEdge {
  id: string;
  source: string;
  target: string;
  relation: Relation;
  /** Whether the relation fits beside the edge: only where its source fans out to a few nodes. */
  labelled: boolean;
}
export interface TreeLayout {
  nodes: TreeNode[];
  edges: TreeEdge[];
  width: number;
  height: number;
}

/** More close contacts than this under one case are folded into one node until it is expanded. */
export const FAN_LIMIT = 12;
/** Font size of a node's label, and the padding around it inside the node. */
export const LABEL_FONT = 12;
const PAD_X = 8;
const HEIGHT = { positive: 28, contact: 22 };
/** Edges of a source with at most this many children are labelled. */
const LABELLED_FAN = 3;

/**
 * The drawn width of a label at `LABEL_FONT`: Han characters and full-width forms one em, others about 0.62 em.
 * An estimate kept on the safe side so it works in a worker (no canvas); the node draws its label with ellipsis
 * at this width, so a label never leaves its box whatever the font.
 */
export function labelWidth(label: string, font = LABEL_FONT) {
  let em = 0;
  for (const ch of label) em += /[\u2e80-\uffef]/.test(ch) ? 1 : 0.62;
  return Math.ceil(em * font);
}

/** The id of the group node folding `of` contacts under `parent`; expanding it means adding this id to `expanded`. */
export const groupId = (of: 'close' | 'secondary' | 'stray', parent: string) => `+${of}:${parent}`;

const isPositive = (k: ChainKind) => k === 'confirmed' || k === 'asymptomatic';
type Unplaced = Omit<TreeNode, 'x' | 'y' | 'width' | 'height'>;

/** The nodes and edges drawn when the groups in `expanded` are open and every other group is folded. */
export function visibleTree(data: ChainGraphData, expanded: ReadonlySet<string>) {
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const children = new Map<string, ChainNode[]>();
  for (const e of data.edges) {
    const target = byId.get(e.target);
    if (!byId.has(e.source) || !target) continue;
    const list = children.get(e.source);
    if (list) list.push(target);
    else children.set(e.source, [target]);
  }
  const nodes: Unplaced[] = [];
  const edges: Omit<TreeEdge, 'id' | 'labelled'>[] = [];
  const reached = new Set<string>();
  const person = (n: ChainNode) => nodes.push({ id: n.id, label: n.label, kind: n.kind, member: n.member, status: n.status });
  /** Draws `list` under `parent`, or one group node for them when folded; marks them and what they led to as reached. */
  const fan = (parent: string, list: ChainNode[], of: 'close' | 'secondary', relation: Relation, folded: boolean) => {
    for (const n of list) reached.add(n.id);
    if (!list.length) return false;
    if (folded) {
      const id = groupId(of, parent);
      const label = `+${list.length} ${of === 'close' ? '密接' : '次密接'}`;
      nodes.push({ id, label, kind: 'group', member: false, group: { of, parent, count: list.length } });
      edges.push({ source: parent, target: id, relation });
      for (const n of list) for (const s of children.get(n.id) ?? []) reached.add(s.id);
      return false;
    }
    for (const n of list) {
      person(n);
      edges.push({ source: parent, target: n.id, relation });
    }
    return true;
  };
  for (const p of data.nodes) {
    if (!isPositive(p.kind)) continue;
    person(p);
    const kids = children.get(p.id) ?? [];
    for (const k of kids) if (isPositive(k.kind)) edges.push({ source: p.id, target: k.id, relation: '传播' });
    const close = kids.filter((k) => !isPositive(k.kind));
    const folded = close.length > FAN_LIMIT && !expanded.has(groupId('close', p.id));
    if (!fan(p.id, close, 'close', '密接', folded)) continue;
    for (const c of close) {
      const secondary = (children.get(c.id) ?? []).filter((s) => !isPositive(s.kind));
      fan(c.id, secondary, 'secondary', '次密接', !expanded.has(groupId('secondary', c.id)));
    }
  }
  // Contacts whose source is not in the graph: drawn apart, folded into one node when many.
  const strays = data.nodes.filter((n) => !isPositive(n.kind) && !reached.has(n.id));
  if (strays.length > FAN_LIMIT && !expanded.has(groupId('stray', '')))
    nodes.push({
      id: groupId('stray', ''),
      label: `+${strays.length} 来源不在图中`,
      kind: 'group',
      member: false,
      group: { of: 'stray', parent: '', count: strays.length },
    });
  else for (const s of strays) person(s);
  return { nodes, edges };
}

/**
 * Lays the visible tree out left to right (rankdir LR): a chain is shallow (a few generations) and wide (dozens
 * of contacts per case), and siblings stacked in a column cost one line height each instead of a label width
 * each, so a wide tree stays compact and every label reads horizontally.
 */
export function treeLayout(data: ChainGraphData, expanded: ReadonlySet<string> = new Set()): TreeLayout {
  const { nodes, edges } = visibleTree(data, expanded);
  const g = new Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 8, ranksep: 56, edgesep: 4, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) {
    const positive = isPositive(n.kind as ChainKind);
    g.setNode(n.id, { width: labelWidth(n.label) + 2 * PAD_X, height: positive ? HEIGHT.positive : HEIGHT.contact });
  }
  for (const e of edges) g.setEdge(e.source, e.target);
  layout(g);
  const fanOut = new Map<string, number>();
  for (const e of edges) fanOut.set(e.source, (fanOut.get(e.source) ?? 0) + 1);
  const graph = g.graph();
  return {
    nodes: nodes.map((n) => {
      const { x, y, width, height } = g.node(n.id);
      return { ...n, x, y, width, height };
    }),
    edges: edges.map((e, i) => ({ ...e, id: `e${i}`, labelled: (fanOut.get(e.source) ?? 0) <= LABELLED_FAN })),
    width: graph.width ?? 0,
    height: graph.height ?? 0,
  };
}
