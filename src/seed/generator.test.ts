import { describe, expect, it } from 'vitest';
import { parseIdNumber } from '../modules/people/rules';
import { generateCity } from './generator';

const districts = [
  { id: 2, code: '230102', name: '道里区', path: '/1/2/' },
  { id: 3, code: '230123', name: '依兰县', path: '/1/3/' },
];

function run(people: number, seed: number) {
  const nodes: string[] = [];
  const persons: string[] = [];
  const gen = generateCity(
    { people, seed, firstNodeId: 100, districts },
    { node: (l) => nodes.push(l), person: (l) => persons.push(l) },
  );
  let s = gen.next();
  while (!s.done) s = gen.next();
  return { nodes, persons, result: s.value };
}

describe('synthetic city', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = run(3000, 7);
    expect(run(3000, 7)).toEqual(a);
    expect(run(3000, 8).persons).not.toEqual(a.persons);
  });

  it('makes exactly the residents asked for, with valid unique IDs in households of 1-5', () => {
    const { persons, nodes, result } = run(5000, 1);
    expect(result.people).toBe(5000);
    expect(persons).toHaveLength(5000);
    const ids = persons.map((l) => l.split('\t')[0] as string);
    expect(new Set(ids).size).toBe(5000);
    for (const id of ids) expect(parseIdNumber(id, new Date('2026-01-01')).ok).toBe(true);
    const perHousehold = new Map<string, number>();
    for (const l of persons)
      perHousehold.set(l.split('\t')[5] as string, (perHousehold.get(l.split('\t')[5] as string) ?? 0) + 1);
    expect(Math.max(...perHousehold.values())).toBeLessThanOrEqual(5);
    const types = new Set(nodes.map((l) => l.split('\t')[4]));
    expect([...types].sort()).toEqual(
      expect.arrayContaining(['building', 'compound', 'household', 'street', 'town', 'unit', 'village', 'community']),
    );
    const floors = nodes.filter((l) => l.split('\t')[4] === 'building').map((l) => Number(l.split('\t')[8]));
    expect(Math.min(...floors)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...floors)).toBeLessThanOrEqual(33);
  });

  it('gives every registered place a postal address, as trajectories print it', () => {
    const places = run(3000, 2).nodes.filter((l) => l.split('\t')[4] === 'place');
    expect(places.length).toBeGreaterThan(0);
    for (const l of places) expect(l.split('\t')[10]).toMatch(/^(道里区\S+路|依兰县\S+镇\S+村)\d+号$/);
  });

  it('tags about 3% of residents as vulnerable', () => {
    const { persons } = run(20000, 3);
    const share = persons.filter((l) => !l.endsWith('{}')).length / persons.length;
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.04);
  });
});
