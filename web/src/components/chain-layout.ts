/**
 * The layout of a large chain graph, computed in one pass instead of a force simulation: each positive is a
 * flower, its close contacts on a sunflower spiral around it and each close contact's own contacts on a small
 * spiral around that contact; flowers are packed in rows in the order of the chain (a case, then the cases
 * it led to). Contacts therefore sit inside their case's disk and disks never overlap, so a chain of 2,000
 * people reads as cases with their contacts, and the arrows between flowers are the transmission.
 */

export interface LayoutNode {
  id: string;
  kind: 'confirmed' | 'asymptomatic' | 'close' | 'secondary';
}
export interface Point {
  x: number;
  y: number;
}
export interface Flower extends Point {
  id: string;
  r: number;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/** Sizes in model pixels: `petal`, the spacing of contacts; `centre`, the free radius around a case's node. */
export interface FlowerSizes {
  petal: number;
  centre: number;
}

const isPositive = (n: LayoutNode) => n.kind === 'confirmed' || n.kind === 'asymptomatic';
/** The i-th point of a sunflower spiral of the given spacing around (0, 0), leaving a hole of radius `inner`. */
const spiral = (i: number, spacing: number, inner: number): Point => {
  const r = Math.sqrt(inner * inner + spacing * spacing * (i + 0.5));
  return { x: r * Math.cos(i * GOLDEN_ANGLE), y: r * Math.sin(i * GOLDEN_ANGLE) };
};
const spiralRadius = (count: number, spacing: number, inner: number) =>
  count ? Math.sqrt(inner * inner + spacing * spacing * (count - 0.5)) : 0;

export function flowerLayout(
  nodes: readonly LayoutNode[],
  edges: readonly { source: string; target: string }[],
  { petal, centre }: FlowerSizes = { petal: 9, centre: 18 },
): { positions: Map<string, Point>; flowers: Flower[] } {
  const seed = petal * 0.55;
  const labelRoom = petal * 0.8;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string, string[]>();
  const placedUnder = new Set<string>();
  for (const e of edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) continue;
    const list = children.get(e.source);
    if (list) list.push(e.target);
    else children.set(e.source, [e.target]);
  }
  const contactsOf = (id: string) =>
    (children.get(id) ?? []).filter((c) => {
      const n = byId.get(c) as LayoutNode;
      if (isPositive(n) || placedUnder.has(c)) return false;
      placedUnder.add(c);
      return true;
    });

  // Chain order: breadth first from the positives no other positive led to, then any left (cycles).
  const positives = nodes.filter(isPositive);
  const led = new Set(
    edges.filter((e) => byId.get(e.source) && isPositive(byId.get(e.source) as LayoutNode)).map((e) => e.target),
  );
  const order: LayoutNode[] = [];
  const seen = new Set<string>();
  const visit = (start: LayoutNode) => {
    const queue = [start];
    seen.add(start.id);
    for (let n = queue.shift(); n; n = queue.shift()) {
      order.push(n);
      for (const c of children.get(n.id) ?? []) {
        const child = byId.get(c) as LayoutNode;
        if (isPositive(child) && !seen.has(c)) {
          seen.add(c);
          queue.push(child);
        }
      }
    }
  };
  for (const p of positives) if (!led.has(p.id) && !seen.has(p.id)) visit(p);
  for (const p of positives) if (!seen.has(p.id)) visit(p);

  // Each flower's petals relative to its centre, and its radius.
  const shapes = order.map((p) => {
    const close = contactsOf(p.id);
    const seeds = close.map((c) => contactsOf(c));
    const seedRadius = Math.max(0, ...seeds.map((s) => spiralRadius(s.length, seed, 0)));
    const spacing = petal + 2 * seedRadius;
    const petals: [string, Point][] = [];
    close.forEach((c, i) => {
      const at = spiral(i, spacing, centre + seedRadius);
      petals.push([c, at]);
      seeds[i]?.forEach((s, j) => {
        const d = spiral(j, seed, 0);
        petals.push([s, { x: at.x + d.x, y: at.y + d.y }]);
      });
    });
    return {
      id: p.id,
      petals,
      r: Math.max(centre, spiralRadius(close.length, spacing, centre + seedRadius)) + seedRadius + labelRoom,
    };
  });
  // Contacts whose source is not in the graph form one last flower of their own.
  const strays = nodes.filter((n) => !isPositive(n) && !placedUnder.has(n.id));
  if (strays.length)
    shapes.push({
      id: '',
      petals: strays.map((n, i) => [n.id, spiral(i, petal, 0)]),
      r: spiralRadius(strays.length, petal, 0) + labelRoom,
    });

  // Rows about as wide as the packed area is tall.
  const width = Math.sqrt(shapes.reduce((sum, s) => sum + 4 * s.r * s.r, 0)) * 1.2;
  const positions = new Map<string, Point>();
  const flowers: Flower[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const s of shapes) {
    if (x > 0 && x + 2 * s.r > width) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const centre = { x: x + s.r, y: y + s.r };
    if (s.id) positions.set(s.id, centre);
    for (const [id, p] of s.petals) positions.set(id, { x: centre.x + p.x, y: centre.y + p.y });
    flowers.push({ id: s.id, ...centre, r: s.r });
    x += 2 * s.r;
    rowHeight = Math.max(rowHeight, 2 * s.r);
  }
  return { positions, flowers };
}
