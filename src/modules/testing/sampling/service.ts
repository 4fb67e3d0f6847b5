import type { Ctx } from '../../../kit/context';
import { cityWide } from '../../../kit/context';
import { maskName } from '../../../kit/personal';
import { peopleService } from '../../people/service';
import { riskService } from '../../risk/service';
import { contactsService } from '../../surveillance/contacts/service';
import { pathIds } from '../../territory/rules';
import { territoryService } from '../../territory/service';
import { type Mode, requiredMode, singleReason } from '../modes';
import { roundsService } from '../rounds/service';
import type { RoundRow } from '../rounds/store';
import { type DOOR_REASONS, REFUSALS, type RefusalCode, type Scan, type ScanOutcome } from './contract';
import {
  capacityOf,
  floorOf,
  levelIndex,
  modesFitting,
  personOfScan,
  personRefusal,
  squadsOf,
  type TokenReader,
  timeRefusal,
  tokenMoments,
  tokenRefusal,
} from './rules';
import { samplingStore, type TubeState } from './store';

/**
 * A small in-process cache with a time to live: a scan must not pay for facts that change rarely (the round,
 * the household's risk level on the round's day, who is in a quarantine site) with round trips of their own.
 * It keeps the load's promise, so the scans arriving while a key loads (hundreds at once when it expires under
 * load) wait for that one load instead of each starting their own; a failed load is dropped, and the next scan
 * loads again. Bounded: cleared when full.
 */
function ttlCache<V>(ttlMs: number, max: number) {
  const m = new Map<string, { v: Promise<V>; until: number }>();
  return (key: string, load: () => Promise<V>): Promise<V> => {
    const hit = m.get(key);
    const now = Date.now();
    if (hit && hit.until > now) return hit.v;
    const entry = { v: load(), until: now + ttlMs };
    if (m.size >= max) m.clear();
    m.set(key, entry);
    entry.v.catch(() => {
      if (m.get(key) === entry) m.delete(key);
    });
    return entry.v;
  };
}

/** A round as the caller sees it, for 5 s (a round closed is refused within 5 s on every API process). */
const rounds = ttlCache<RoundRow | null>(5_000, 10_000);
/**
 * The risk areas in force at a round's start, indexed for lookups in memory, for 60 s: the mode follows the
 * area's status on the round's day, a notice changing it is published hours apart from the next one, and a scan
 * then pays no round trip for it (two statements a minute per process instead of two a scan).
 */
const zones = ttlCache<ReturnType<typeof levelIndex>>(60_000, 1_000);
/**
 * The ID numbers of everyone under centralized quarantine city-wide (集中隔离: in a quarantine site, by the contacts
 * ledger), for 60 s: such a person is sampled alone (modes.ts), and a scan checks the set in memory instead of
 * paying a round trip for it. So the set is up to a minute stale on each API process: a contact taken into a
 * quarantine site less than a minute ago may still be scanned into a pooled tube, and one released less than a
 * minute ago is still held to a single tube. Read in pages of 10,000, each one range of an index-only scan
 * (contacts_controlled_id, migration 0034); some 80 bytes a person, a few MB at the tens of thousands a city
 * quarantines at once.
 */
const quarantined = ttlCache<ReadonlySet<string>>(60_000, 1);
const QUARANTINE_PAGE = 10_000;

function centrallyQuarantined(ctx: Ctx): Promise<ReadonlySet<string>> {
  return quarantined('city', async () => {
    const ids = new Set<string>();
    for (let after = ''; ; ) {
      // City-wide: a contact is filed at the district of its case, and anyone may be sampled at any point.
      const page = await contactsService.centrallyQuarantinedIdNumbers(cityWide(ctx), after, QUARANTINE_PAGE);
      for (const id of page) ids.add(id);
      if (page.length < QUARANTINE_PAGE) return ids;
      after = page.at(-1) ?? after;
    }
  });
}

const refused = (scanId: string, code: RefusalCode, extra: Partial<ScanOutcome> = {}): ScanOutcome => ({
  scanId,
  ok: false,
  code,
  ...REFUSALS[code],
  ...extra,
});
const okTube = (scanId: string, t: TubeState, extra: Partial<ScanOutcome> = {}): ScanOutcome => ({
  scanId,
  ok: true,
  size: t.size,
  capacity: t.capacity,
  closed: t.closed_at !== null,
  mode: t.mode,
  ...extra,
});

async function roundOf(ctx: Ctx, id: number) {
  return rounds(`${ctx.scopePath}|${id}`, () => roundsService.round(ctx, id).catch(() => null));
}

/**
 * The mode a person's sample needs on the round's day, and the same if their household is quarantined at home:
 * from their household's risk area, and a single tube for a key group (the resident's `keyGroup`, read with the
 * lookup the scan makes anyway) or a quarantine site (the cached set above). No round trip of its own.
 */
async function modesFor(ctx: Ctx, round: RoundRow, person: { terrPath: string; idNumber: string; keyGroup: string | null }) {
  const [levelOf, inQuarantine] = await Promise.all([
    // City-wide: a visitor's household lies outside the sampler's subtree, and risk areas are published facts.
    zones(String(round.id), async () => levelIndex(await riskService.areasInForce(cityWide(ctx), round.startsAt))),
    centrallyQuarantined(ctx),
  ]);
  const l = levelOf(person.terrPath);
  const singleWhy = singleReason({ keyGroup: person.keyGroup, centrallyQuarantined: inQuarantine.has(person.idNumber) });
  const facts = {
    roundMode: round.defaultMode,
    level: l.level,
    zone: l.zone,
    singleRequired: singleWhy !== null,
    householdSealed: false,
  };
  const needed = requiredMode(facts);
  const atHome = requiredMode({ ...facts, householdSealed: true });
  return { needed, allowed: modesFitting(needed), atHome, allowedAtHome: modesFitting(atHome), singleWhy };
}

/**
 * The resident a scan names: by the ID number typed, or by the id in a health-code token once the health code's
 * check (`readToken`: seal and expiry, CPU only) accepts it at one of its moments. Either way one lookup.
 */
type Resident = Awaited<ReturnType<typeof peopleService.residentToSample>>;

async function personNamed(ctx: Ctx, s: Scan, readToken: TokenReader): Promise<{ person: Resident } | { refusal: RefusalCode }> {
  const named = personOfScan(s);
  if (!named) return { refusal: 'bad_code' };
  if ('idNumber' in named) return { person: await peopleService.residentToSample(ctx, named.idNumber) };
  // Refused with what the check says now: a tampered code is tampered at every moment, an expired one at all.
  let refusal: RefusalCode | undefined;
  for (const at of tokenMoments(new Date(s.at), ctx.now())) {
    const read = await readToken(ctx, named.token, at);
    if (read.ok) return { person: await peopleService.residentToSampleById(ctx, read.personId) };
    refusal ??= tokenRefusal(read.reason);
    if (read.reason === 'invalid') break;
  }
  return { refusal: refusal ?? 'code_invalid' };
}

async function personScan(ctx: Ctx, s: Scan, round: RoundRow, readToken: TokenReader): Promise<ScanOutcome> {
  const named = await personNamed(ctx, s, readToken);
  if ('refusal' in named) return refused(s.scanId, named.refusal);
  const person = named.person;
  if (!person) return refused(s.scanId, 'no_person');
  const modes = await modesFor(ctx, round, person);
  const input = {
    scanId: s.scanId,
    roundId: round.id,
    barcode: s.barcode,
    pointId: s.pointId ?? null,
    personId: person.id,
    path: person.terrPath,
    at: new Date(s.at),
    allowed: modes.allowed,
    allowedAtHome: modes.allowedAtHome,
  };
  const store = samplingStore(ctx);
  for (let attempt = 0; ; attempt++) {
    const r = await store.personScan(input).catch((e: { code?: string }) => {
      // A concurrent duplicate (same scan id, or the person at two points at once): the statement wrote nothing.
      if (e.code === '23505' && attempt < 2) return null;
      throw e;
    });
    if (!r) continue;
    const name = person.name;
    if (r.bumped) return okTube(s.scanId, r.bumped, { name });
    if (r.prior) return okTube(s.scanId, { ...r.prior, size: r.prior.seq }, { name });
    const t = r.tube;
    const code = personRefusal(
      {
        tube: t && {
          roundId: Number(t.round_id),
          pointId: t.point_id === null ? null : Number(t.point_id),
          purpose: t.purpose,
          mode: t.mode,
          size: t.size,
          capacity: t.capacity,
          closed: t.closed_at !== null,
        },
        sampledBefore: r.dup_at !== null,
        hasRetestTask: r.has_task,
        otherHousehold: r.other_household,
        allowed: modes.allowed,
        needed: modes.needed,
        singleWhy: modes.singleWhy,
      },
      { roundId: round.id, pointId: input.pointId },
    );
    // Nothing refuses it, yet nothing was written: a concurrent scan into the same tube; read it again.
    if (!code && attempt < 2) continue;
    return refused(s.scanId, code ?? 'tube_full', {
      name,
      ...(r.dup_at ? { sampledAt: new Date(r.dup_at).toISOString() } : {}),
      ...(t ? { size: t.size, capacity: t.capacity, closed: t.closed_at !== null, mode: t.mode } : {}),
    });
  }
}

async function openTube(ctx: Ctx, s: Scan, round: RoundRow): Promise<ScanOutcome> {
  const purpose = s.purpose ?? 'round';
  const mode: Mode = purpose === 'retest' ? 'single' : (s.mode ?? round.defaultMode);
  const pointId = s.pointId ?? null;
  const r = await samplingStore(ctx).openTube({
    scanId: s.scanId,
    roundId: round.id,
    barcode: s.barcode,
    pointId,
    purpose,
    mode,
    capacity: capacityOf(mode),
    at: new Date(s.at),
  });
  if (r.inserted) return okTube(s.scanId, r.inserted);
  if (!r.point_ok) return refused(s.scanId, 'no_point');
  const e = r.existing;
  if (!e) return refused(s.scanId, 'barcode_elsewhere');
  if (e.opened_scan === s.scanId) return okTube(s.scanId, e);
  // The same tube scanned again at its own point (the page reloaded): carry on filling it.
  if (Number(e.round_id) === round.id && (e.point_id === null ? null : Number(e.point_id)) === pointId)
    return e.closed_at
      ? refused(s.scanId, 'tube_closed', { size: e.size, capacity: e.capacity, closed: true })
      : okTube(s.scanId, e);
  return refused(s.scanId, 'barcode_elsewhere');
}

async function closeTube(ctx: Ctx, s: Scan, round: RoundRow): Promise<ScanOutcome> {
  const r = await samplingStore(ctx).closeTube({ roundId: round.id, barcode: s.barcode, at: new Date(s.at) });
  if (!r.tube) return refused(s.scanId, 'no_tube');
  if (Number(r.tube.round_id) !== round.id) return refused(s.scanId, 'barcode_elsewhere');
  return okTube(s.scanId, { ...r.tube, closed_at: r.tube.closed_at ?? r.closed_now });
}

async function oneScan(ctx: Ctx, s: Scan, readToken: TokenReader): Promise<ScanOutcome> {
  const round = await roundOf(ctx, s.roundId);
  if (!round) return refused(s.scanId, 'no_round');
  if (round.closedAt) return refused(s.scanId, 'round_closed');
  const late = timeRefusal(new Date(s.at), ctx.now(), round.startsAt);
  if (late) return refused(s.scanId, late);
  if (s.kind === 'open_tube') return openTube(ctx, s, round);
  if (s.kind === 'close_tube') return closeTube(ctx, s, round);
  return personScan(ctx, s, round, readToken);
}

/** How many residents a page of door-to-door candidates carries. */
const DOOR_PAGE = 2_000;
const IMMOBILE_TAGS = ['bedridden', 'limited_mobility', 'critically_ill'];

export const samplingService = {
  /** What the sampler's page picks from: the open rounds and the active points in scope. */
  async choices(ctx: Ctx) {
    const [rounds, points] = await Promise.all([roundsService.listRounds(ctx, { pageSize: 20 }), samplingStore(ctx).points()]);
    return {
      rounds: rounds.items
        .filter((r) => !r.closedAt)
        .map((r) => ({ id: r.id, name: r.name, defaultMode: r.defaultMode, startsAt: r.startsAt })),
      points,
    };
  },

  /**
   * Registers a batch of queued scans in order, each committed before the next is sent (a dropped connection
   * loses none of those answered), answering one outcome per scan. Idempotent by scan id. Each scan's statement
   * is committed together with other requests' scans by group commit (kit/group-commit.ts); a failed commit
   * answers 503 and stores nothing of its batch. A health-code QR is checked by `readToken`, the health code's
   * check handed in where the modules are listed (src/modules/index.ts), so testing never imports the health code
   * (which follows testing's results).
   */
  async scans(ctx: Ctx, scans: readonly Scan[], readToken: TokenReader): Promise<{ outcomes: ScanOutcome[] }> {
    const outcomes: ScanOutcome[] = [];
    for (const s of scans) outcomes.push(await oneScan(ctx, s, readToken));
    return { outcomes };
  },

  /**
   * Generates the door-to-door tasks (上门采样) of a round within the caller's subtree: its target's residents in
   * sealed zones at the round's start, under home quarantine, and immobile (卧床、行动不便、危重病人), grouped into
   * squads of a few buildings, by floor. Set-based per page, idempotent (a task there keeps its squad).
   */
  doorTasks: (ctx: Ctx, roundId: number) =>
    ctx.transaction(async (tx) => {
      const round = await roundsService.round(tx, roundId);
      const sets = await roundsService.sets(tx, roundId);
      const reasonOf = new Map<number, keyof typeof DOOR_REASONS>();
      const collect = async (reason: keyof typeof DOOR_REASONS, page: (after: number) => Promise<number[]>) => {
        for (let after = 0; ; ) {
          const ids = await page(after);
          for (const id of ids) if (!reasonOf.has(id)) reasonOf.set(id, reason);
          if (ids.length < DOOR_PAGE) break;
          after = ids.at(-1) ?? after;
        }
      };
      await collect('sealed', (after) => riskService.peopleIdsInZone(tx, 'sealed', round.startsAt, after, DOOR_PAGE));
      for (let after = ''; ; ) {
        // City-wide: a contact is filed at the district of its case; the round's target below decides who is ours.
        const idNumbers = await contactsService.homeQuarantinedIdNumbers(cityWide(tx), after, DOOR_PAGE);
        for (const id of await peopleService.idsOfIdNumbers(tx, idNumbers))
          if (!reasonOf.has(id)) reasonOf.set(id, 'home_quarantine');
        if (idNumbers.length < DOOR_PAGE) break;
        after = idNumbers.at(-1) ?? after;
      }
      await collect('immobile', (after) => peopleService.taggedInside(tx, sets, IMMOBILE_TAGS, after, DOOR_PAGE));
      const store = samplingStore(tx);
      const targets = [];
      const ids = [...reasonOf.keys()];
      for (let i = 0; i < ids.length; i += DOOR_PAGE)
        targets.push(...(await store.targetsAmong(roundId, ids.slice(i, i + DOOR_PAGE))));
      targets.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.personId - b.personId));
      // The building of each household: the deepest of its ancestors that is a building node.
      const ancestors = [...new Set(targets.flatMap((t) => pathIds(t.path).slice(-3, -1)))];
      const buildings = await territoryService.ofType(tx, ancestors, 'building');
      const buildingOf = (path: string) =>
        pathIds(path)
          .slice(-3, -1)
          .findLast((id) => buildings.has(id)) ?? null;
      const rooms = await territoryService.published(tx, [...new Set(targets.map((t) => t.householdId))]);
      const squadOf = squadsOf(targets.map((t) => buildingOf(t.path) ?? 0));
      const rows = targets.map((t) => ({
        personId: t.personId,
        path: t.path,
        reason: reasonOf.get(t.personId) as string,
        squad: squadOf.get(buildingOf(t.path) ?? 0) as string,
        buildingId: buildingOf(t.path),
        floor: floorOf(rooms.get(t.householdId)?.name ?? ''),
      }));
      let added = 0;
      for (let i = 0; i < rows.length; i += DOOR_PAGE) added += await store.addDoorTasks(roundId, rows.slice(i, i + DOOR_PAGE));
      await tx.audit({
        action: 'testing.door_tasks',
        personIds: rows.slice(0, 1000).map((r) => r.personId),
        target: String(roundId),
        detail: { tasks: rows.length, added },
      });
      return { tasks: rows.length, added, squads: new Set(rows.map((r) => r.squad)).size };
    }),

  /** A page of a round's door-to-door tasks in scope (one squad's, or all), by building and floor, with the squads. */
  async listDoorTasks(ctx: Ctx, roundId: number, q: { squad?: string; after?: string; pageSize: number }) {
    await roundsService.round(ctx, roundId);
    const [path, id] = q.after?.split('|') ?? [];
    const after: [string, number] | undefined = path && id ? [path, Number(id)] : undefined;
    const store = samplingStore(ctx);
    const [rows, squads] = await Promise.all([store.doorTasks(roundId, q.squad, after, q.pageSize + 1), store.squads(roundId)]);
    const page = rows.slice(0, q.pageSize);
    const [names, places] = await Promise.all([
      peopleService.namesOf(
        ctx,
        page.map((r) => r.personId),
      ),
      territoryService.published(ctx, [...new Set(page.flatMap((r) => [pathIds(r.path).at(-1) ?? 0, r.buildingId ?? 0]))]),
    ]);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({
        personId: r.personId,
        // Masked as the scans answer it: the squad knocks by room, and sees the surname it is to meet.
        name: maskName(names.get(r.personId) ?? ''),
        reason: r.reason,
        squad: r.squad,
        building: r.buildingId ? (places.get(r.buildingId)?.name ?? '') : '',
        floor: r.floor,
        room: places.get(pathIds(r.path).at(-1) ?? 0)?.name ?? '',
        done: r.done,
      })),
      squads,
      next: rows.length > q.pageSize && last ? `${last.path}|${last.personId}` : null,
    };
  },
};
