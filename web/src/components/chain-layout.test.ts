import { describe, expect, it } from 'vitest';
import { type ChainGraphData, FAN_LIMIT, groupId, labelWidth, type TreeNode, treeLayout, visibleTree } from './chain-layout';

const NAMES = ['张伟', '王秀英', '李娜', '刘洋', '陈静', '欧阳明轩', '赵磊', '黄丽'];

/**
 * A deterministic chain of `positives` cases, each led by an earlier one, with `close(i)` close contacts of case
 * i and `secondary(j)` contacts of the j-th close contact.
 */
function chain(positives: number, close: (i: number) => number, secondary: (j: number) => number): ChainGraphData {
  const nodes: ChainGraphData['nodes'] = [];
  const edges: ChainGraphData['edges'] = [];
  let c = 0;
  for (let i = 0; i < positives; i++) {
    const kind = i % 3 ? 'confirmed' : 'asymptomatic';
    nodes.push({
      id: `p${i}`,
      label: `11-${10 + (i % 20)} ${kind === 'confirmed' ? '确诊' : '无症状'}${i + 1}`,
      kind,
      member: true,
    });
    if (i > 0) edges.push({ source: `p${Math.floor((i - 1) / 3)}`, target: `p${i}` });
    for (let k = close(i); k > 0; k--, c++) {
      nodes.push({ id: `c${c}`, label: NAMES[c % NAMES.length] as string, kind: 'close', member: false, status: 'located' });
      edges.push({ source: `p${i}`, target: `c${c}` });
      for (let s = secondary(c); s > 0; s--) {
        nodes.push({ id: `s${c}-${s}`, label: NAMES[s % NAMES.length] as string, kind: 'secondary', member: false });
        edges.push({ source: `c${c}`, target: `s${c}-${s}` });
      }
    }
  }
  return { nodes, edges };
}

/** 140 people: 12 cases, about 8 close contacts each and a few contacts of contacts. */
const chain140 = chain(
  12,
  (i) => 6 + (i % 4),
  (j) => (j % 5 === 0 ? 2 : 0),
);
/** 2,000 people: 64 cases, fans from 3 to 40 close contacts, contacts of contacts under a third of them. */
const chain2000 = chain(
  64,
  (i) => 3 + ((i * 7) % 38),
  (j) => (j % 5 === 0 ? 2 : 0),
);

const overlap = (a: TreeNode, b: TreeNode) =>
  Math.abs(a.x - b.x) * 2 < a.width + b.width && Math.abs(a.y - b.y) * 2 < a.height + b.height;

/** Every drawn node placed at finite coordinates with a box as wide as its label, and no two boxes overlapping. */
function expectReadable(nodes: TreeNode[]) {
  for (const n of nodes) {
    expect(Number.isFinite(n.x) && Number.isFinite(n.y), n.id).toBe(true);
    expect(n.width).toBeGreaterThanOrEqual(labelWidth(n.label));
  }
  const sorted = [...nodes].sort((a, b) => a.x - a.width / 2 - (b.x - b.width / 2));
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i] as TreeNode;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j] as TreeNode;
      if (b.x - b.width / 2 >= a.x + a.width / 2) break;
      expect(overlap(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
    }
  }
}

describe('treeLayout', () => {
  it('sizes match', () => {
    expect(chain140.nodes.length).toBeGreaterThanOrEqual(135);
    expect(chain140.nodes.length).toBeLessThanOrEqual(145);
    expect(chain2000.nodes.length).toBeGreaterThanOrEqual(1950);
    expect(chain2000.nodes.length).toBeLessThanOrEqual(2050);
  });

  for (const [name, data] of [
    ['140', chain140],
    ['2,000', chain2000],
  ] as const)
    it(`places every drawn node with no two label boxes overlapping at ${name} nodes, folded and all expanded`, () => {
      const folded = treeLayout(data);
      expectReadable(folded.nodes);
      const all = new Set(folded.nodes.filter((n) => n.group).map((n) => n.id));
      // Opening every group opens the contacts of contacts under the fans it revealed too.
      for (const n of visibleTree(data, all).nodes) if (n.group) all.add(n.id);
      const full = treeLayout(data, all);
      expect(full.nodes.filter((n) => n.group)).toEqual([]);
      expect(full.nodes.map((n) => n.id).sort()).toEqual(data.nodes.map((n) => n.id).sort());
      expectReadable(full.nodes);
    });

  it('folds contacts of contacts into one "+N 次密接" per close contact, and fans over the limit into "+N 密接"', () => {
    const { nodes, edges } = treeLayout(chain2000);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    for (const n of nodes.filter((n) => n.group)) {
      const parent = n.group?.parent as string;
      const of = n.group?.of;
      const expected = chain2000.edges.filter((e) => e.source === parent && e.target.startsWith(of === 'close' ? 'c' : 's'));
      expect(n.group?.count).toBe(expected.length);
      expect(n.label).toBe(`+${expected.length} ${of === 'close' ? '密接' : '次密接'}`);
      expect(edges.some((e) => e.source === parent && e.target === n.id)).toBe(true);
    }
    expect(nodes.filter((n) => n.kind === 'secondary')).toEqual([]);
    // A case with more than FAN_LIMIT close contacts shows only its group node; one with fewer shows each contact.
    const closeOf = (p: string) => chain2000.edges.filter((e) => e.source === p && e.target.startsWith('c')).length;
    for (const p of chain2000.nodes.filter((n) => n.id.startsWith('p'))) {
      const shown = edges.filter((e) => e.source === p.id && byId.get(e.target)?.kind === 'close').length;
      if (closeOf(p.id) > FAN_LIMIT) {
        expect(shown).toBe(0);
        expect(byId.get(groupId('close', p.id))?.group?.count).toBe(closeOf(p.id));
      } else expect(shown).toBe(closeOf(p.id));
    }
  });

  it('expands one group on request and labels edges only where the source fans out to few nodes', () => {
    const g = groupId('secondary', 'c0');
    const { nodes, edges } = treeLayout(chain140, new Set([g]));
    expect(nodes.some((n) => n.id === g)).toBe(false);
    expect(nodes.filter((n) => n.id.startsWith('s0-')).length).toBe(2);
    expect(edges.find((e) => e.source === 'c0')?.relation).toBe('次密接');
    expect(edges.find((e) => e.source === 'c0')?.labelled).toBe(true);
    expect(edges.find((e) => e.source === 'p1' && e.target.startsWith('c'))?.labelled).toBe(false);
  });

  it('draws contacts whose source is missing apart, folded when many', () => {
    const strays = Array.from({ length: FAN_LIMIT + 1 }, (_, i) => ({
      id: `x${i}`,
      label: '孤立',
      kind: 'close' as const,
      member: false,
    }));
    const few = treeLayout({ nodes: strays.slice(0, 3), edges: [] });
    expect(few.nodes.map((n) => n.id)).toEqual(['x0', 'x1', 'x2']);
    const many = treeLayout({ nodes: strays, edges: [] });
    expect(many.nodes.map((n) => [n.id, n.group?.count])).toEqual([[groupId('stray', ''), FAN_LIMIT + 1]]);
  });
});
