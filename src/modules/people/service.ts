import type { z } from 'zod';
import { batchLookup } from '../../kit/batch-lookup';
import { auditHash, spendBudget } from '../../kit/budget';
import { type Ctx, cityWide } from '../../kit/context';
import type { SheetExport } from '../../kit/exports';
import { importTemplate } from '../../kit/import-template';
import { type ImportProgress, runImport } from '../../kit/imports';
import type { ListTotal } from '../../kit/keyset';
import { maskName, REVEAL, release } from '../../kit/personal';
import { type PageFacts, totalBeside } from '../../kit/totals';
import { AppError, forbidden, invalidFields, notFound } from '../../server/errors';
import { ROLLUP_DEPTH } from '../territory/rules';
import type { Counts, CountsProvider, NodeRow } from '../territory/service';
import { territoryService } from '../territory/service';
import type { AreaPath } from '../territory/subtrees';
import { peopleAreas } from './areas-store';
import { type exportQuery, type peopleQuery, residentCursor } from './contract';
import { residentsLedger, residentsTemplate } from './import';
import { COLUMNS } from './ledger';
import { ageOn, classifySearch, formatKeyGroup, formatTags, ID_SEARCH_BUDGET, ID_SEARCHES_PER_DAY } from './rules';
import { type LedgerPersonRow, type PeopleFilter, type PersonRow, peopleStore } from './store';
import { residentWrites } from './writes';

/** A search by compound name lists the residents of at most this many compounds (the best matches first). */
export const COMPOUNDS_SEARCHED = 50;
/**
 * What a search box's text names, read one way for every list of people (residents, contacts): part of a name,
 * a whole ID number (spending the daily budget without people.reveal: one guess is one guess), a whole mobile
 * (people.reveal only). Anything else, a part of a number included (it would be an oracle), is refused.
 */
export async function searchOf(ctx: Ctx, q: string, { who, via }: { who: string; via?: string }) {
  const search = classifySearch(q);
  if (search.by === 'invalid')
    throw invalidFields([
      { field: 'q', zh: '请输入姓名、完整的18位身份证号或11位手机号', en: 'give a name, a whole ID number or mobile' },
    ]);
  if (search.by === 'phone' && !ctx.can(REVEAL))
    throw forbidden(`按电话查找${who}需要“查看完整身份证号和电话”权限`, 'Searching by phone needs people.reveal');
  if (
    search.by === 'idNumber' &&
    !ctx.can(REVEAL) &&
    !(await spendBudget(ctx, ID_SEARCH_BUDGET, { hash: await auditHash(ctx, search.value), ...(via ? { via } : {}) }))
  )
    throw new AppError(
      429,
      'people.search_limited',
      `按身份证号查找过于频繁：每天最多${ID_SEARCHES_PER_DAY}次，请明天再试`,
      `Too many searches by ID number: at most ${ID_SEARCHES_PER_DAY} a day; try again tomorrow`,
    );
  return search as Exclude<typeof search, { by: 'invalid' }>;
}

/** The filter a query asks for, after the checks a search by number needs, and the node it lists (if any). */
async function filterOf(
  ctx: Ctx,
  f: { nodeId?: number; q?: string; by?: 'address' | 'compound'; tag?: string },
): Promise<PeopleFilter & { node?: NodeRow }> {
  const node = f.nodeId ? await territoryService.node(ctx, f.nodeId) : undefined;
  const underPath = node?.path;
  if (f.q && f.by === 'address') return { node, underPath, tag: f.tag, address: f.q };
  if (f.q && f.by === 'compound') {
    const compounds = await territoryService.search(ctx, f.q, ['compound'], COMPOUNDS_SEARCHED);
    const underPaths = compounds.map((c) => c.path).filter((p) => !underPath || p.startsWith(underPath));
    // No compound matches: a path no resident has, so the list is empty by the same statements.
    return { node, tag: f.tag, underPaths: underPaths.length ? underPaths : ['/0/'] };
  }
  const search = f.q ? await searchOf(ctx, f.q, { who: '居民' }) : undefined;
  if (!search) return { node, underPath, tag: f.tag };
  return { node, underPath, tag: f.tag, [search.by]: search.value };
}

/**
 * The list's total without a count(*) over its scope, as a function of the page's facts, asked for before the page
 * is read. Unfiltered (or every vulnerable resident) it is exact: the rollup's sums for the city, a district or a
 * street, a live index range count below (a community's few thousand rows). A search or a single category, which
 * the rollup does not count, gets the kit's bounded count (exact up to 1,000 matches, the planner's "about N" past
 * it), started beside the page.
 */
function totalOf(ctx: Ctx, f: PeopleFilter & { node?: NodeRow }): (page: PageFacts) => Promise<ListTotal> {
  if (f.idNumber || f.phone || f.name || f.address || f.underPaths || (f.tag && f.tag !== 'any'))
    return totalBeside(ctx.db, peopleStore(ctx).matching(f));
  return async (page) => {
    if (page.first && !page.more) return { value: page.shown, exact: true };
    const counts = await peopleService.subtreeCounts(ctx, f.node ?? (await territoryService.root(ctx)), { households: false });
    return { value: f.tag ? counts.vulnerable : counts.residents, exact: true };
  };
}

/** Residents with their age and the parts of their address (community … room), before release. */
async function shape(ctx: Ctx, rows: readonly PersonRow[]) {
  const parts = await territoryService.addressParts(
    ctx,
    rows.map((p) => p.terrPath),
  );
  return rows.map(({ terrPath, ...p }) => ({
    ...p,
    terrPath,
    age: ageOn(p.birthDate, ctx.now()),
    addressParts: parts.get(terrPath)?.parts ?? [],
    district: parts.get(terrPath)?.district ?? '',
  }));
}

/** A resident's address as lists show it: the district first, so same-named compounds are told apart city-wide. */
const addressLine = (district: string, parts: readonly string[]) => [district, ...parts].filter(Boolean).join(' ');
/**
 * A masked resident loses what would narrow the ID number down (the birth date and the registered address,
 * whose area is the ID's first six digits): an age is shown instead.
 */
const narrowed = <P extends { masked: boolean; birthDate: string; registeredAddress: string | null }>(p: P) =>
  p.masked ? { ...p, birthDate: null, registeredAddress: null } : { ...p, birthDate: p.birthDate as string | null };

/**
 * Shapes residents for the caller through the kit's choke point: unmasked and audited under `people.reveal`,
 * otherwise with ID number and phone masked and without what would narrow the ID number down.
 */
async function present(ctx: Ctx, rows: readonly PersonRow[], via: string) {
  const shaped = (await shape(ctx, rows)).map(({ terrPath, ...p }) => p);
  return (await release(ctx, shaped, { via, subject: (p) => ({ personId: p.id }) })).map(narrowed);
}

/** Bytes a resident takes in the compressed ledger (bench/export.ts): the console's download progress. */
const RESIDENT_BYTES = 110;

/**
 * A page of the export: the stored rows with the parts of their address, names kept between pages (`kept`); no
 * age, which the ledger does not print (a million rows of the city take seconds less).
 */
async function exportPage(ctx: Ctx, rows: readonly LedgerPersonRow[], kept: Map<number, string>) {
  const parts = await territoryService.addressParts(
    ctx,
    rows.map((p) => p.terrPath),
    kept,
  );
  return rows.map((p) => Object.assign(p, { addressParts: parts.get(p.terrPath)?.parts ?? [] }));
}
type ExportedResident = Awaited<ReturnType<typeof exportPage>>[number];

const zero = (): Counts => ({ households: 0, residents: 0, vulnerable: 0 });

/** The residents' use cases, for the people routes, the CLI and other modules. */
type ToSample = Awaited<ReturnType<ReturnType<typeof peopleStore>['residentsToSample']>>[number];
/**
 * What a sampler's scan learns of a resident. The ID number is for the server's own checks (is this person under
 * centralized quarantine?) and is never answered: the scan's outcome names the person by the masked name alone.
 */
const sampleable = (p: ToSample | undefined) =>
  p && {
    id: p.id,
    idNumber: p.idNumber,
    householdId: p.householdId,
    terrPath: p.terrPath,
    name: maskName(p.name),
    keyGroup: p.keyGroup,
  };
/**
 * The sampler's lookups, city-wide, coalesced across concurrent scans into one statement per turn of the event
 * loop (kit/batch-lookup.ts), grouped by the database handle (a transaction's lookups run in it) and scope.
 */
const onConnection = (ctx: Ctx): [object, string] => [ctx.db, ctx.scopePath];
const byIdNumber = batchLookup(
  async (ctx: Ctx, keys: readonly string[]) =>
    new Map((await peopleStore(ctx).residentsToSample('idNumber', keys)).map((p) => [p.idNumber, p])),
  onConnection,
);
const byId = batchLookup(
  async (ctx: Ctx, keys: readonly number[]) =>
    new Map((await peopleStore(ctx).residentsToSample('id', keys)).map((p) => [p.id, p])),
  onConnection,
);

export const peopleService = {
  /**
   * A keyset page of residents in scope (after `q.after`, in path order), its `next` cursor and the total; a
   * page read under people.reveal is audited as one row naming its residents (the kit's `release`).
   */
  async list(ctx: Ctx, q: z.infer<typeof peopleQuery>) {
    const f = await filterOf(ctx, q);
    const totalFor = totalOf(ctx, f);
    const rows = await peopleStore(ctx).page(f, q.after, q.pageSize + 1);
    const page = residentCursor.page(rows, q.pageSize, (p) => [p.terrPath, p.id] as const);
    const [items, total] = await Promise.all([
      present(ctx, page.items, 'list'),
      totalFor({ first: !q.after, shown: page.items.length, more: page.next !== null }),
    ]);
    return {
      items: items.map(({ addressParts, district, ...p }) => ({ ...p, address: addressLine(district, addressParts) })),
      next: page.next,
      total,
    };
  },

  async get(ctx: Ctx, id: number) {
    const p = await peopleStore(ctx).byId(id);
    if (!p) throw notFound('Person', '居民');
    const [shown] = await present(ctx, [p], 'detail');
    const { addressParts, district, ...rest } = shown as NonNullable<typeof shown>;
    return { ...rest, address: addressLine(district, addressParts) };
  },

  /** The people at the same dwelling (户) as a resident in scope, the resident included, released as a list is. */
  async household(ctx: Ctx, id: number) {
    const p = await peopleStore(ctx).byId(id);
    if (!p) throw notFound('Person', '居民');
    const members = await present(ctx, await peopleStore(ctx).household(p.householdId), 'household');
    return members.map(({ addressParts, ...m }) => ({ ...m, address: addressParts.join(' ') }));
  },

  ...residentWrites,

  /**
   * Imports a residents ledger (.xlsx) through the kit's pipeline: all or nothing, upserted by ID number (a
   * replay of the same file is reported, not written).
   */
  importXlsx: (ctx: Ctx, data: Buffer, progress?: ImportProgress, opts: { dryRun?: boolean } = {}) =>
    runImport(ctx, residentsLedger, data, progress, {}, opts),

  /** The ledger's import template (the same columns the import reads and the export writes). */
  importTemplate: () => importTemplate(residentsLedger.title, COLUMNS, residentsTemplate),

  /**
   * The ledger as a streamed .xlsx (the kit's exporter): residents in scope, or a subtree, or a vulnerable
   * category, a keyset page at a time through `release`; audited once as `person.export`.
   */
  async residentsExport(ctx: Ctx, q: z.infer<typeof exportQuery>): Promise<SheetExport<ExportedResident>> {
    const f = await filterOf(ctx, q);
    const title = q.tag ? '特殊人群台账' : '居民台账';
    const kept = new Map<number, string>();
    return {
      filename: `${title}.xlsx`,
      sheet: title,
      columns: COLUMNS,
      page: async (last, limit) =>
        exportPage(ctx, await peopleStore(ctx).ledgerPage(f, last && [last.terrPath, last.id], limit), kept),
      subject: (p) => ({ personId: p.id }),
      cells: (p) => {
        const [community = '', compound = '', building = '', unit = '', room = ''] = p.addressParts;
        return [
          p.name,
          p.idNumber,
          p.phone ?? '',
          community,
          compound,
          building,
          unit,
          room,
          p.actualAddress ?? '',
          // what `narrowed` leaves of a masked resident: no registered address (its area is the ID's first digits)
          p.masked ? '' : (p.registeredAddress ?? ''),
          formatTags(p.tags),
          formatKeyGroup(p.keyGroup),
        ];
      },
      // The area by name, so the log reads "导出居民名单 1,200 人（南岗区）" after the node is renamed or moved.
      audit: {
        action: 'person.export',
        detail: { nodeId: q.nodeId ?? null, tag: q.tag ?? null, area: (f.node ?? (await territoryService.root(ctx))).name },
      },
      estimate: await totalOf(ctx, f)({ first: false, shown: 0, more: true }),
      bytesPerRow: RESIDENT_BYTES,
    };
  },

  /** The resident in the caller's scope with this ID number, and their household (for surveillance). */
  residentByIdNumber: (ctx: Ctx, idNumber: string) => peopleStore(ctx).residentByIdNumber(idNumber.toUpperCase()),

  /**
   * The resident a sampler scans, anywhere in the city (samplers sample visitors from other communities too):
   * city-wide through `cityWide`, answering only the id, the household and its path, the name masked as
   * `maskName` masks it and the key group (重点人群, sampled one to a tube), so nothing is revealed and nothing is
   * audited; the ID number comes back for the server's checks only (`sampleable`).
   */
  async residentToSample(ctx: Ctx, idNumber: string) {
    return sampleable(await byIdNumber(cityWide(ctx), idNumber.toUpperCase()));
  },

  /**
   * The resident a health-code token names, by id, city-wide as `residentToSample`: id, household, path, the
   * masked name and the key group (the sampler scanning the citizen's QR).
   */
  async residentToSampleById(ctx: Ctx, id: number) {
    return sampleable(await byId(cityWide(ctx), id));
  },

  /**
   * The resident signing in on the citizens' health-code page with this ID number, anywhere in the city (city-wide
   * through `cityWide`): id, household path, masked name, and the full phone for the SMS gateway alone (never
   * answered nor logged).
   */
  async citizenByIdNumber(ctx: Ctx, idNumber: string) {
    const p = await peopleStore(cityWide(ctx)).citizenByIdNumber(idNumber.toUpperCase());
    return p && { id: p.id, terrPath: p.terrPath, name: maskName(p.name), phone: p.phone };
  },

  /** The ids of the residents in scope with these ID numbers (internal: the numbers never leave the server). */
  idsOfIdNumbers: (ctx: Ctx, idNumbers: readonly string[]) => peopleStore(ctx).idsOfIdNumbers(idNumbers),

  /** The ids of residents in scope inside `sets` holding any of the 特殊人群 `tags`, a page at a time in id order. */
  taggedInside: (ctx: Ctx, sets: readonly AreaPath[], tags: readonly string[], after = 0, limit = 1000) =>
    peopleAreas(ctx).taggedInside(sets, tags, after, limit),

  /** Residents' household paths by id, in the caller's scope (the health code files a person's facts there). */
  pathsOf: (ctx: Ctx, ids: readonly number[]) => peopleStore(ctx).pathsOf(ids),

  /** Residents' names by id, in the caller's scope (the audit page names the people an entry concerns). */
  namesOf: (ctx: Ctx, ids: readonly number[]) => peopleStore(ctx).namesOf(ids),

  /**
   * Residents' ID numbers by id, in the caller's scope: for a record that must name the person exactly (the CDC
   * confirming space-time companions into the contact list), never to be answered as they are.
   */
  idNumbersOf: (ctx: Ctx, ids: readonly number[]) => peopleStore(ctx).idNumbersOf(ids),

  /**
   * Residents' names and full phones by id, in the caller's scope, with their sex and age (never the birth date,
   * which a masked list must not show): for lists that release them through `release()` (the testing module's
   * missing list and its export, for the door-knocking group), never to be answered as they are.
   */
  async contactsOf(ctx: Ctx, ids: readonly number[]) {
    const today = ctx.now();
    const found = await peopleStore(ctx).contactsOf(ids);
    return new Map(
      [...found].map(([id, p]) => [id, { name: p.name, phone: p.phone, sex: p.sex, age: ageOn(p.birthDate, today) }] as const),
    );
  },

  /** ID numbers among `ids` registered outside the caller's scope. */
  registeredElsewhere: (ctx: Ctx, ids: readonly string[]) => peopleStore(ctx).registeredElsewhere(ids),

  /**
   * Residents in scope inside sets of subtrees with exceptions (risk areas), counted per group: one set-based
   * statement over the path index, never a statement per node.
   */
  countInside: (ctx: Ctx, sets: readonly AreaPath[]) => peopleAreas(ctx).countInside(sets),

  /** The ids of the residents in scope inside any of the areas of `sets`, a page at a time in id order. */
  idsInside: (ctx: Ctx, sets: readonly AreaPath[], after = 0, limit = 1000) => peopleAreas(ctx).idsInside(sets, after, limit),

  /** The residents in scope inside any of the areas of `sets` with where they live, a page at a time in id order. */
  rowsInside: (ctx: Ctx, sets: readonly AreaPath[], after = 0, limit = 10000) => peopleAreas(ctx).rowsInside(sets, after, limit),

  /** The lowest and highest id of the residents in scope under any of `paths` (a set-based copy's chunks span it). */
  idSpanUnder: (ctx: Ctx, paths: readonly string[]) => peopleAreas(ctx).idSpanUnder(paths),

  /**
   * A chunk of the residents in scope under any of `paths` with ids in (`after`, `upto`], as a query for another
   * module's set-based INSERT … SELECT into its own table (`id, household_id, terr_path`): a round's target copy.
   */
  residentsUnder: (ctx: Ctx, paths: readonly string[], after: number, upto: number) =>
    peopleAreas(ctx).residentsUnder(paths, after, upto),

  /**
   * Households, residents and vulnerable residents under a node in scope: the rollup down to streets, else live
   * (the residents list, which shows no households, skips counting them).
   */
  async subtreeCounts(ctx: Ctx, node: NodeRow, want = { households: true }): Promise<Counts> {
    if (node.depth <= ROLLUP_DEPTH) return (await peopleStore(ctx).rolledUp([node.id])).get(node.id) ?? zero();
    const [people, households] = await Promise.all([
      peopleStore(ctx).countUnder(node.path),
      want.households ? territoryService.householdsUnder(ctx, node) : 0,
    ]);
    return { households, ...people };
  },

  /** The same counts for each child of `parent` on a page, by child id. */
  async countsByChild(ctx: Ctx, parent: NodeRow, children: readonly NodeRow[]): Promise<Map<number, Counts>> {
    if (parent.depth < ROLLUP_DEPTH) return peopleStore(ctx).rolledUp(children.map((c) => c.id));
    const [people, households] = await Promise.all([
      peopleStore(ctx).countsByChild(parent.path),
      territoryService.householdsByChild(ctx, parent),
    ]);
    return new Map(
      children.map((c) => [
        c.id,
        { households: households.get(c.id) ?? 0, ...(people.get(c.id) ?? { residents: 0, vulnerable: 0 }) },
      ]),
    );
  },
};

/** The territory pages' counts, as `src/modules/index.ts` hands them to the territory module. */
export const peopleCounts: CountsProvider = { subtree: peopleService.subtreeCounts, byChild: peopleService.countsByChild };
