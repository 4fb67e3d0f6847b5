import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../kit/context';
import { harness } from '../../test/harness';
import type { AreaPart, AreaSpec } from './area-spec';
import { buildCompound, type CompoundPlan, type Dweller } from './fixtures/compound';
import { riskService as risk } from './service';

let h: Awaited<ReturnType<typeof harness>>;
let w: Awaited<ReturnType<Awaited<ReturnType<typeof harness>>['world']>>;
let hq: Ctx;
beforeAll(async () => {
  h = await harness('2022-11-01T12:00:00+08:00');
  w = await h.world();
  hq = await h.ctx('city_hq', '230100');
});
afterAll(() => h.close());

/** Small compounds: 1-5 buildings numbered 1-40, 1-3 units each, 1-3 households of 0-3 residents. */
const plan = fc
  .uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 })
  .chain((numbers) =>
    fc.tuple(
      ...numbers.map((n) =>
        fc
          .array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 })
          .map((units) => ({ name: `${n}栋`, units: units.map((households, u) => ({ name: `${u + 1}单元`, households })) })),
      ),
    ),
  );

type Buildings = CompoundPlan['buildings'];
const someOf = <T>(xs: readonly T[]) => fc.subarray([...xs], { minLength: 1 });
const num = (name: string) => Number.parseInt(name, 10);

/** A random part of the compound the notice could name, and its exceptions among the same kind of node. */
const specOf = (buildings: Buildings) => {
  const names = buildings.map((b) => b.name);
  const part: fc.Arbitrary<AreaPart> = fc.oneof(
    fc.constant({ kind: 'whole' as const }),
    someOf(names).map((n) => ({ kind: 'buildings' as const, names: n })),
    fc
      .tuple(fc.constantFrom(...names), fc.constantFrom(...names), fc.boolean())
      .map(([from, to, enclosed]) => ({ kind: 'building_range' as const, from, to, enclosed })),
    fc
      .constantFrom(...buildings)
      .chain((b) => someOf(b.units.map((u) => u.name)).map((units) => ({ kind: 'units' as const, building: b.name, units }))),
  );
  return part.chain((p) => {
    const among = p.kind === 'units' ? (buildings.find((b) => b.name === p.building)?.units.map((u) => u.name) ?? []) : names;
    return fc.option(someOf(among), { nil: undefined }).map((except) => ({ part: p, except }));
  });
};

/** Whether a resident is inside, read from the plan (not from the territory): the expectation. */
function expectedInside(d: Dweller, part: AreaPart, except: string[] | undefined): boolean {
  const inPart =
    part.kind === 'whole' ||
    (part.kind === 'buildings' && part.names.includes(d.building)) ||
    (part.kind === 'building_range' &&
      num(d.building) >= Math.min(num(part.from), num(part.to)) &&
      num(d.building) <= Math.max(num(part.from), num(part.to))) ||
    (part.kind === 'units' && d.building === part.building && (part.units as string[]).includes(d.unit));
  const out = except?.includes(part.kind === 'units' ? d.unit : d.building) ?? false;
  return inPart && !out;
}

describe('membership (property)', () => {
  it("an area's people set is exactly the residents of the nodes inside minus the exceptions", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        plan.chain((buildings) => specOf(buildings).map((s) => ({ buildings, ...s }))),
        async ({ buildings, part, except }) => {
          const { compound, dwellers } = await buildCompound(h, w.a.id, { name: `合围小区${h.tag}-${n++}`, buildings });
          const spec: AreaSpec = {
            nodeId: compound.id,
            nodeType: 'compound',
            name: compound.name,
            part,
            ...(except ? { except: { names: except, outer: true } } : {}),
          };
          const want = dwellers.filter((d) => expectedInside(d, part, except)).map((d) => d.id);
          const created = await risk.createArea(hq, spec).catch((e) => e);
          if (created.status === 400) {
            // Only an area whose exceptions take out all it names is refused (and then nobody is inside).
            expect(created.fieldIssues).toEqual([expect.objectContaining({ field: 'except.names' })]);
            expect(want).toEqual([]);
            return;
          }
          const { id } = created;
          expect(await risk.peopleIdsInside(hq, id)).toEqual(want.sort((a, b) => a - b));
          expect(await risk.peopleInside(hq, { areaId: id }, hq.now())).toBe(want.length);
        },
      ),
      { numRuns: 25 },
    );
  });
});
