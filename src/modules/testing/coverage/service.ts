import type { z } from 'zod';
import type { Ctx } from '../../../kit/context';
import { release } from '../../../kit/personal';
import { conflict, forbidden } from '../../../server/errors';
import { peopleService } from '../../people/service';
import { pathIds } from '../../territory/rules';
import { type Found, territoryService } from '../../territory/service';
import { roundsService, stillOpening } from '../rounds/service';
import type { RoundRow } from '../rounds/store';
import { roundsStore } from '../rounds/store';
import type { CoverageFigures, compareAnswer, coverageAnswer, missingPage, speedAnswer } from './contract';
import { floorOf, mean, pastSubtree, percent, speedSentence, stairwellOf, walkingOrder } from './rules';
import { coverageStore, type Figures, type Grouping, noFigures } from './store';

type Coverage = z.infer<typeof coverageAnswer>;
type Speed = z.infer<typeof speedAnswer>;

/**
 * Nodes down to this depth (the city, districts, streets) hold hundreds of thousands: their children's figures are
 * read from the per-community rollup, and their speed is kept a while.
 */
const CACHED_DEPTH = 2;
/** A round's speed sorts every sample under the node: kept longer, it moves by the hour. */
const SPEED_TTL_MS = 30_000;

const cache = new Map<string, { until: number; value: unknown }>();

/** Kept figures of large nodes, by round, node and what (figures do not depend on who asks: the node is in scope). */
async function kept<T>(key: string, ttl: number, big: boolean, make: () => Promise<T>): Promise<T> {
  if (!big) return make();
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.value as T;
  const value = await make();
  if (cache.size > 1000) cache.clear();
  cache.set(key, { until: Date.now() + ttl, value });
  return value;
}

/** Forgets every kept figure (tests, and a round closing). */
export const forgetCoverage = () => cache.clear();

const brief = (r: RoundRow) => ({ id: r.id, number: r.number, name: r.name, closedAt: r.closedAt?.toISOString() ?? null });

const shares = (f: Figures): CoverageFigures => {
  const target = f.target - f.exempt;
  return { ...f, target, sampledPct: percent(f.sampled, target), resultedPct: percent(f.resulted, f.sampled) };
};

const add = (a: Figures, b: Figures): Figures => ({
  target: a.target + b.target,
  exempt: a.exempt + b.exempt,
  sampled: a.sampled + b.sampled,
  resulted: a.resulted + b.resulted,
  positive: a.positive + b.positive,
});

/**
 * The node a view of a round shows: the one asked for (in scope, else 404), else the caller's own scope node, or
 * the round's node when the caller sits above it (the city HQ looking at a district's round).
 */
async function nodeOf(ctx: Ctx, round: RoundRow, nodeId: number | undefined): Promise<Found> {
  const id =
    nodeId ??
    (round.path.startsWith(ctx.scopePath) ? pathIds(round.path).at(-1) : (await territoryService.root(ctx)).id) ??
    (await territoryService.root(ctx)).id;
  const node = await territoryService.node(ctx, id);
  return (await territoryService.nodesByIds(ctx, [node.id]))[0] as Found;
}

/** A node's figures by child (or by household): from the rollup down to the streets, counted live below them. */
const countedUnder = (ctx: Ctx, round: RoundRow, node: Found, by: Grouping = 'child') =>
  node.depth <= CACHED_DEPTH
    ? coverageStore(ctx).rolledUp(round.id, node.path)
    : coverageStore(ctx).figures(round.id, node.path, by);

/** Hours from `start` to `t`, two decimals. */
const hoursFrom = (start: Date, t: Date | null) => (t ? Math.round((t.getTime() - start.getTime()) / 36_000) / 100 : null);

async function speedOf(ctx: Ctx, round: RoundRow, node: Found) {
  return kept(`speed:${round.id}:${node.path}`, SPEED_TTL_MS, node.depth <= CACHED_DEPTH, async () => {
    const store = coverageStore(ctx);
    const [rows, perHour] = await Promise.all([store.speed(round.id, node.path), store.throughput(round.id, node.path)]);
    const names = new Map(
      (
        await territoryService.nodesByIds(
          ctx,
          rows.map((r) => r.communityId),
        )
      ).map((n) => [n.id, n]),
    );
    const communities = rows.map((r) => ({
      id: r.communityId,
      name: names.get(r.communityId)?.name ?? '',
      trail: names.get(r.communityId)?.trail ?? [],
      target: r.target,
      sampled: r.sampled,
      h90: hoursFrom(round.startsAt, r.t90),
      h99: hoursFrom(round.startsAt, r.t99),
      h100: hoursFrom(round.startsAt, r.t100),
    }));
    const points = new Map<number, Speed['points'][number]>();
    for (const x of perHour) {
      const p = points.get(x.pointId) ?? { id: x.pointId, name: x.name, total: 0, peak: 0, average: 0, hours: [] };
      p.total += x.samples;
      p.peak = Math.max(p.peak, x.samples);
      p.hours.push({ at: x.hour.toISOString(), samples: x.samples });
      points.set(x.pointId, p);
    }
    for (const p of points.values()) p.average = Math.round(p.total / p.hours.length);
    return { communities, points: [...points.values()] };
  });
}

type Marks = { h90: number | null; h99: number | null; h100: number | null };
const MARK_ORDER = ['h100', 'h99', 'h90'] as const;

/** A missing resident as the door knockers find them: the parts of the address, name, sex, age and phone (unreleased). */
export interface AtDoor {
  personId: number;
  path: string;
  /** The address's names below the community (小区, 楼栋, 单元, 户), and each of them on its own below. */
  below: string[];
  compound: string;
  building: string;
  unit: string;
  room: string;
  name: string;
  sex: string;
  age: number | null;
  phone: string | null;
}

/**
 * The residents of a page of the missing list with where they live and how to reach them: one statement for the
 * people (the people service's), one for the households' names (the territory's; `kept` keeps the names above
 * the households across an export's pages).
 */
async function atDoors(
  ctx: Ctx,
  page: readonly { personId: number; path: string }[],
  kept?: Map<number, string>,
): Promise<AtDoor[]> {
  const [people, places] = await Promise.all([
    peopleService.contactsOf(
      ctx,
      page.map((r) => r.personId),
    ),
    territoryService.addressParts(
      ctx,
      page.map((r) => r.path),
      kept,
    ),
  ]);
  return page.map((r) => {
    const parts = places.get(r.path)?.parts ?? [];
    const [, compound = '', building = '', unit = ''] = parts;
    const p = people.get(r.personId);
    return {
      personId: r.personId,
      path: r.path,
      below: parts.slice(1),
      compound,
      building,
      unit,
      room: parts.at(-1) ?? '',
      name: p?.name ?? '',
      sex: p?.sex ?? '',
      age: p?.age ?? null,
      phone: p?.phone ?? null,
    };
  });
}

type Key = [path: string, personId: number];
/**
 * The rows a stairwell may add past an export page's end to end it with the whole stairwell (a 33-floor unit of
 * eight doors holds about 800 residents); a larger one is left in path order, continued on the next page.
 */
const STAIRWELL_ROWS = 5000;

export const coverageService = {
  /**
   * Coverage of a round under a node: the node's total and each child's (down to buildings; for a building or a
   * unit its floors too): above the communities from the rollup the writers keep, below in one grouped statement
   * per figure over the round's path indexes. Always live, never kept.
   */
  async coverage(ctx: Ctx, roundId: number, q: { nodeId?: number }): Promise<Coverage> {
    const round = await roundsService.round(ctx, roundId);
    const node = await nodeOf(ctx, round, q.nodeId);
    const withFloors = node.type === 'building' || node.type === 'unit';
    const counted = await (async () => {
      const store = coverageStore(ctx);
      const [byChild, byHousehold] = await Promise.all([
        countedUnder(ctx, round, node),
        withFloors ? store.figures(round.id, node.path, 'household') : Promise.resolve(new Map<string, Figures>()),
      ]);
      const kids = await territoryService.nodesByIds(ctx, [...byChild.keys()].map(Number));
      const children = kids.map((k) => ({
        id: k.id,
        name: k.name,
        type: k.type,
        ...shares(byChild.get(String(k.id)) ?? noFigures()),
      }));
      const total = shares([...byChild.values()].reduce(add, noFigures()));
      return { total, children, floors: withFloors ? await floorsOf(ctx, node, byHousehold) : [], countedAt: new Date() };
    })();
    return {
      round: brief(round),
      node: { id: node.id, name: node.name, type: node.type, trail: node.trail },
      total: counted.total,
      children: counted.children,
      floors: counted.floors,
      countedAt: counted.countedAt.toISOString(),
    };
  },

  /**
   * The missing list (漏检名单) of a round under a node for the door-knocking group: the target residents neither
   * sampled nor exempted, a keyset page in household order, each with their name, household, floor and phone
   * (masked unless the caller may see it, through `release()`); the page's reading is audited with its people.
   */
  async missing(
    ctx: Ctx,
    roundId: number,
    q: { nodeId?: number; after?: string; pageSize: number },
  ): Promise<z.infer<typeof missingPage>> {
    const round = await roundsService.round(ctx, roundId);
    const node = await nodeOf(ctx, round, q.nodeId);
    const [path, id] = q.after?.split('|') ?? [];
    const after: [string, number] | undefined = path && id ? [path, Number(id)] : undefined;
    const rows = await coverageStore(ctx).missing(round.id, node.path, after, q.pageSize + 1);
    const page = rows.slice(0, q.pageSize);
    if (!page.length) return { items: [], next: null };
    const ids = page.map((r) => r.personId);
    const shaped = (await atDoors(ctx, page)).map((r) => ({
      personId: r.personId,
      name: r.name,
      // 小区, 楼栋, 单元, 户: the community is where the list is read, the rest is where to knock.
      household: r.below.map((p, i, all) => (i === all.length - 1 && /^\d+$/.test(p) ? `${p}室` : p)).join(''),
      floor: floorOf(r.room),
      phone: r.phone,
    }));
    const items = await release(ctx, shaped, { via: 'testing.missing', subject: (r) => ({ personId: r.personId }) });
    await ctx.audit({
      action: 'testing.missing_read',
      personIds: ids,
      target: String(round.id),
      detail: { number: round.number, node: node.id, rows: ids.length },
    });
    const last = page.at(-1);
    return { items, next: rows.length > q.pageSize && last ? `${last.path}|${last.personId}` : null };
  },

  /**
   * What the missing list's export walks (the kit's exporter releases and audits each page): pages of the list
   * under the node that end with a whole stairwell (a unit: the page's last one is read to its end, at most
   * STAIRWELL_ROWS more), each stairwell floor by floor (`walkingOrder`), after `last`'s page; with the round, the
   * node and an estimate of the rows (the target less exemptions and samples: the rollup or the live counts).
   */
  async exportPages(ctx: Ctx, roundId: number, q: { nodeId?: number }) {
    const round = await roundsService.round(ctx, roundId);
    const node = await nodeOf(ctx, round, q.nodeId);
    const store = coverageStore(ctx);
    const wellOf = (path: string) => stairwellOf(path, node.path);
    const kept = new Map<number, string>();
    const page = async (last: { resume: Key } | undefined, limit: number) => {
      const rows = await store.missing(round.id, node.path, last?.resume, limit);
      const end = rows.length >= limit ? rows.at(-1) : undefined;
      let resume: Key = end ? [end.path, end.personId] : ['', 0];
      let open = false;
      if (end) {
        const well = wellOf(end.path);
        const rest = await store.missing(round.id, well, [end.path, end.personId], STAIRWELL_ROWS + 1);
        open = rest.length > STAIRWELL_ROWS;
        if (!open) {
          rows.push(...rest);
          resume = [pastSubtree(well), 0];
        }
      }
      const doors = walkingOrder(await atDoors(ctx, rows, kept), wellOf, open);
      return doors.map((d) => ({ ...d, resume }));
    };
    const counted = await countedUnder(ctx, round, node, node.type === 'household' ? 'household' : 'child');
    const f = [...counted.values()].reduce(add, noFigures());
    return {
      round,
      node,
      page,
      estimate: { value: Math.max(0, f.target - f.exempt - f.sampled), exact: false },
    };
  },

  /**
   * Closes a round (by an account at or above its node): records every target resident not sampled and not
   * exempted as missing it, in one statement, and tells the health code (`testing.round_closed`). A second close
   * is a 409.
   */
  close: (ctx: Ctx, roundId: number) =>
    ctx.transaction(async (tx) => {
      const round = await roundsService.round(tx, roundId);
      if (!round.path.startsWith(tx.scopePath))
        throw forbidden('只有组织本轮检测的上级单位可以结束本轮', 'Only an account at or above the round’s node closes it');
      if (round.closedAt) throw conflict('testing.round_closed', '该轮次已结束', 'the round is closed already');
      if (round.status === 'opening') throw stillOpening();
      const at = tx.now();
      if ((await roundsStore(tx).close(round.id, at)) === undefined)
        throw conflict('testing.round_closed', '该轮次已结束', 'the round is closed already');
      const missed = await coverageStore(tx).recordMissed(round.id);
      await tx.audit({ action: 'testing.round_close', target: String(round.id), detail: { number: round.number, missed } });
      await tx.emit('testing.round_closed', { roundId: round.id, number: round.number, missed });
      forgetCoverage();
      return { closedAt: at.toISOString(), missed };
    }),

  /** For the health code: the closed rounds each of `personIds` (in scope) missed (未按要求参加第N轮). */
  missedOf: (ctx: Ctx, personIds: readonly number[]) => coverageStore(ctx).missedOf(personIds),

  /** For the health code: the residents in scope who missed a round (id and household path), in id order after `after`, `limit` at a time. */
  missedAfter: (ctx: Ctx, roundId: number, after: number, limit: number) =>
    coverageStore(ctx).missedAfter(roundId, after, Math.min(Math.max(1, limit), 10_000)),

  /**
   * A round's speed under a node: per community the hours from the round's start to 90%, 99% and 100% of its
   * target, and the samples per sampling point and hour.
   */
  async speed(ctx: Ctx, roundId: number, q: { nodeId?: number }): Promise<Speed> {
    const round = await roundsService.round(ctx, roundId);
    const node = await nodeOf(ctx, round, q.nodeId);
    return { round: brief(round), ...(await speedOf(ctx, round, node)) };
  },

  /** Two rounds' speed per community and on average, with the papers' sentence (第四轮平均用时比第三轮减少了3个多小时). */
  async compare(ctx: Ctx, q: { a: number; b: number; nodeId?: number }): Promise<z.infer<typeof compareAnswer>> {
    const [x, y] = await Promise.all([roundsService.round(ctx, q.a), roundsService.round(ctx, q.b)]);
    const [earlier, later] = x.number < y.number || (x.number === y.number && x.startsAt <= y.startsAt) ? [x, y] : [y, x];
    const node = await nodeOf(ctx, later, q.nodeId);
    const [e, l] = await Promise.all([speedOf(ctx, earlier, node), speedOf(ctx, later, node)]);
    const marks = (c: Marks): Marks => ({ h90: c.h90, h99: c.h99, h100: c.h100 });
    const before = new Map(e.communities.map((c) => [c.id, c]));
    const communities = l.communities.flatMap((c) => {
      const b = before.get(c.id);
      return b ? [{ id: c.id, name: c.name, trail: c.trail, earlier: marks(b), later: marks(c) }] : [];
    });
    const both = (m: (typeof MARK_ORDER)[number]) => communities.filter((c) => c.earlier[m] !== null && c.later[m] !== null);
    const mark = MARK_ORDER.find((m) => both(m).length) ?? 'h100';
    const reached = both(mark);
    const avgE = mean(reached.map((c) => c.earlier[mark] as number));
    const avgL = mean(reached.map((c) => c.later[mark] as number));
    const round2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
    return {
      earlier: brief(earlier),
      later: brief(later),
      communities,
      average: { mark, earlier: round2(avgE), later: round2(avgL), communities: reached.length },
      sentence:
        avgE === null || avgL === null
          ? null
          : speedSentence({ number: earlier.number, minutes: avgE * 60 }, { number: later.number, minutes: avgL * 60 }),
    };
  },
};

/** A building's or unit's figures per unit and floor, from its households' figures and the rooms' numbers. */
async function floorsOf(ctx: Ctx, node: Found, byHousehold: Map<string, Figures>): Promise<Coverage['floors']> {
  const households = await territoryService.nodesByIds(
    ctx,
    [...byHousehold.keys()].map((p) => pathIds(p).at(-1) as number),
  );
  const depth = pathIds(node.path).length;
  const unitIds = new Set<number>();
  const rows = new Map<string, { unitId: number; floor: number | null; f: Figures }>();
  for (const h of households) {
    const ids = pathIds(h.path);
    const unitId = node.type === 'unit' ? node.id : (ids[depth] as number);
    unitIds.add(unitId);
    const floor = floorOf(h.name);
    const key = `${unitId}|${floor}`;
    const row = rows.get(key) ?? { unitId, floor, f: noFigures() };
    row.f = add(row.f, byHousehold.get(h.path) ?? noFigures());
    rows.set(key, row);
  }
  const units = new Map((await territoryService.nodesByIds(ctx, [...unitIds])).map((u) => [u.id, u.name]));
  return [...rows.values()]
    .sort((a, b) => a.unitId - b.unitId || (a.floor ?? 0) - (b.floor ?? 0))
    .map((r) => ({ unitId: r.unitId, unit: units.get(r.unitId) ?? '', floor: r.floor, ...shares(r.f) }));
}
