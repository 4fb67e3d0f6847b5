import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flowerLayout, type LayoutNode } from './chain-layout';

/** A random chain: positives led by earlier ones, close contacts of positives, secondary contacts of close ones. */
const chain = fc
  .record({
    positives: fc.array(fc.constantFrom('confirmed' as const, 'asymptomatic' as const), { minLength: 1, maxLength: 25 }),
    ledBy: fc.array(fc.nat(), { maxLength: 25 }),
    close: fc.array(fc.nat(), { maxLength: 300 }),
    secondary: fc.array(fc.nat(), { maxLength: 200 }),
    strays: fc.nat({ max: 5 }),
  })
  .map(({ positives, ledBy, close, secondary, strays }) => {
    const nodes: LayoutNode[] = positives.map((kind, i) => ({ id: `p${i}`, kind }));
    const edges: { source: string; target: string }[] = [];
    ledBy.forEach((from, i) => {
      if (i > 0 && i < positives.length) edges.push({ source: `p${from % i}`, target: `p${i}` });
    });
    close.forEach((from, i) => {
      nodes.push({ id: `c${i}`, kind: 'close' });
      edges.push({ source: `p${from % positives.length}`, target: `c${i}` });
    });
    secondary.forEach((from, i) => {
      nodes.push({ id: `s${i}`, kind: 'secondary' });
      if (close.length) edges.push({ source: `c${from % close.length}`, target: `s${i}` });
    });
    for (let i = 0; i < strays; i++) nodes.push({ id: `x${i}`, kind: 'close' });
    return { nodes, edges };
  });

const dist = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe('flowerLayout', () => {
  it("places every node, each contact inside its case's disk and clear of its node, and no two disks overlap", () => {
    const sizes = fc.constantFrom({ petal: 9, centre: 18 }, { petal: 22, centre: 22 });
    fc.assert(
      fc.property(chain, sizes, ({ nodes, edges }, size) => {
        const { positions, flowers } = flowerLayout(nodes, edges, size);
        for (const n of nodes) {
          const p = positions.get(n.id);
          expect(p && Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
        }
        const flowerOf = new Map(flowers.map((f) => [f.id, f]));
        for (const e of edges.filter((e) => e.target.startsWith('c'))) {
          const f = flowerOf.get(e.source);
          const d = f && dist(positions.get(e.target) as { x: number; y: number }, f);
          expect(f && d !== undefined && d <= f.r && d >= size.centre).toBe(true);
        }
        for (let i = 0; i < flowers.length; i++)
          for (let j = i + 1; j < flowers.length; j++) {
            const [a, b] = [flowers[i], flowers[j]] as [(typeof flowers)[0], (typeof flowers)[0]];
            expect(dist(a, b)).toBeGreaterThanOrEqual(a.r + b.r - 1e-6);
          }
      }),
    );
  });

  it('keeps the chain order: a case comes before the cases it led to', () => {
    const nodes: LayoutNode[] = ['p2', 'p1', 'p0'].map((id) => ({ id, kind: 'confirmed' }));
    const { flowers } = flowerLayout(nodes, [
      { source: 'p0', target: 'p1' },
      { source: 'p1', target: 'p2' },
    ]);
    expect(flowers.map((f) => f.id)).toEqual(['p0', 'p1', 'p2']);
  });
});
