import { sql } from 'kysely';
import { anyOf } from '../../db/kysely';
import type { Ctx } from '../../kit/context';
import { likePrefix } from '../territory/rules';
import { addressParts } from './rules';

export interface PersonRow {
  id: number;
  idNumber: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  phone: string | null;
  householdId: number;
  terrPath: string;
  actualAddress: string | null;
  registeredAddress: string | null;
  tags: string[];
  keyGroup: string | null;
}

/** What the ledger export reads of a resident. */
export type LedgerPersonRow = Pick<
  PersonRow,
  'id' | 'idNumber' | 'name' | 'phone' | 'terrPath' | 'actualAddress' | 'registeredAddress' | 'tags' | 'keyGroup'
>;

export interface PeopleFilter {
  /** Limit to the subtree of this path (already checked to lie inside the scope). */
  underPath?: string;
  idNumber?: string;
  phone?: string;
  /** Part of a name, anywhere in it. */
  name?: string;
  /** Part of the address the resident lives at (楼栋、单元、室). */
  address?: string;
  /** Limit to these disjoint subtrees (the compounds a search named), in path order. */
  underPaths?: readonly string[];
  tag?: string;
}

/** A resident's position in the list's order: the household's path, then the id. */
export type PersonKey = readonly [terrPath: string, id: number];

const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

/** Residents as seen from a context: every statement ANDs `terr_path LIKE scope%`. */
export function peopleStore(ctx: Ctx) {
  const scope = likePrefix(ctx.scopePath);
  /** One text column of the residents among `ids` in scope, by id: one statement for the page. */
  const columnOf = async (ids: readonly number[], column: 'name' | 'terr_path' | 'id_number'): Promise<Map<number, string>> => {
    if (!ids.length) return new Map();
    const r = await ctx.db
      .selectFrom('people')
      .select(['id', column])
      .where('id', '=', anyOf([...ids]))
      .where('terr_path', 'like', scope)
      .execute();
    return new Map(r.map((x) => [x.id, (x as Record<typeof column, string>)[column]]));
  };
  const people = (f: PeopleFilter) => {
    let q = ctx.db.selectFrom('people as p').where('p.terr_path', 'like', scope);
    if (f.underPath) q = q.where('p.terr_path', 'like', likePrefix(f.underPath));
    if (f.idNumber) q = q.where('p.id_number', '=', f.idNumber);
    if (f.phone) q = q.where('p.phone', '=', f.phone);
    // The characters' GIN (people_name_chars, migration 0019) finds the names holding them; LIKE checks the order.
    if (f.name)
      q = q
        .where(sql<boolean>`string_to_array(p.name COLLATE "C", NULL) @> string_to_array(${f.name}::text, NULL)`)
        .where('p.name', 'like', `%${escapeLike(f.name)}%`);
    if (f.address) {
      // The index is asked for the address's rare parts (addressParts); the whole text is checked on the rows they
      // find, written so the planner does not hand its common trigrams to the index as well.
      const parts = addressParts(f.address);
      for (const part of parts) q = q.where('p.actual_address', 'like', `%${escapeLike(part)}%`);
      if (parts[0] !== f.address) q = q.where(sql<boolean>`(p.actual_address || '') LIKE ${`%${escapeLike(f.address)}%`}`);
    }
    if (f.underPaths) {
      const paths = f.underPaths;
      q = q.where((eb) => eb.or(paths.map((path) => eb('p.terr_path', 'like', likePrefix(path)))));
    }
    if (f.tag === 'any') q = q.where('p.tags', '<>', sql<string[]>`'{}'`);
    else if (f.tag) q = q.where('p.tags', '<>', sql<string[]>`'{}'`).where(sql<boolean>`${f.tag} = ANY (p.tags)`);
    return q;
  };
  const rows = (f: PeopleFilter) =>
    people(f)
      .select([
        'p.id',
        'p.id_number as idNumber',
        'p.name',
        'p.sex',
        'p.birth_date as birthDate',
        'p.phone',
        'p.household_id as householdId',
        'p.terr_path as terrPath',
        'p.actual_address as actualAddress',
        'p.registered_address as registeredAddress',
        'p.tags',
        'p.key_group as keyGroup',
      ])
      .$narrowType<{ sex: 'M' | 'F' }>();

  /** What the ledger export prints of a resident, and its key: a million rows of the city parse three fields less. */
  const ledgerRows = (f: PeopleFilter) =>
    people(f).select([
      'p.id',
      'p.id_number as idNumber',
      'p.name',
      'p.phone',
      'p.terr_path as terrPath',
      'p.actual_address as actualAddress',
      'p.registered_address as registeredAddress',
      'p.tags',
      'p.key_group as keyGroup',
    ]);

  return {
    /**
     * The page after `after` in the list's order (terr_path, id), served by the index people_terr_path
     * (terr_path, id): the scope's LIKE prefix and the row comparison bound one index range, so a deep page
     * reads no more than the first. Reads `limit` rows; callers ask one more than they show.
     */
    async page(f: PeopleFilter, after: PersonKey | undefined, limit: number): Promise<PersonRow[]> {
      if (f.underPaths) return this.pageOfSubtrees(f, f.underPaths, after, limit, (g, a, n) => this.page(g, a, n));
      let q = rows(f);
      if (after) q = q.where((eb) => eb(eb.refTuple('p.terr_path', 'p.id'), '>', eb.tuple(after[0], after[1])));
      return q.orderBy('p.terr_path').orderBy('p.id').limit(limit).execute();
    },
    /** `page` for the ledger export: the same rows in the same order, only the columns the ledger prints. */
    async ledgerPage(f: PeopleFilter, after: PersonKey | undefined, limit: number): Promise<LedgerPersonRow[]> {
      if (f.underPaths) return this.pageOfSubtrees(f, f.underPaths, after, limit, (g, a, n) => this.ledgerPage(g, a, n));
      let q = ledgerRows(f);
      if (after) q = q.where((eb) => eb(eb.refTuple('p.terr_path', 'p.id'), '>', eb.tuple(after[0], after[1])));
      return q.orderBy('p.terr_path').orderBy('p.id').limit(limit).execute();
    },
    /**
     * A page across disjoint subtrees (compounds) in path order: the subtrees are walked one after another, each
     * one index range like a node's list, from the one holding the cursor, until the page is full (one or two
     * statements for a page, where one statement ORing them would sort every resident of every compound).
     */
    async pageOfSubtrees<T extends { terrPath: string }>(
      f: PeopleFilter,
      paths: readonly string[],
      after: PersonKey | undefined,
      limit: number,
      pageOf: (f: PeopleFilter, after: PersonKey | undefined, limit: number) => Promise<T[]>,
    ) {
      const out: T[] = [];
      for (const path of [...paths].sort()) {
        if (after && path < after[0] && !after[0].startsWith(path)) continue;
        const from = after && after[0] >= path ? after : undefined;
        out.push(...(await pageOf({ ...f, underPaths: undefined, underPath: path }, from, limit - out.length)));
        if (out.length >= limit) break;
      }
      return out;
    },
    /** The scoped rows matching `f`, unordered: what the kit's `boundedTotal` counts. */
    matching: (f: PeopleFilter) => people(f).select(sql<number>`1`.as('one')),
    byId: (id: number): Promise<PersonRow | undefined> => rows({}).where('p.id', '=', id).executeTakeFirst(),
    byIdNumber: (idNumber: string): Promise<PersonRow | undefined> => rows({ idNumber }).executeTakeFirst(),
    /** The residents of one household in scope, oldest first (the household view). */
    household: (householdId: number): Promise<PersonRow[]> =>
      rows({}).where('p.household_id', '=', householdId).orderBy('p.birth_date').orderBy('p.id').limit(50).execute(),
    /** The names of the residents among `ids` in scope, by id (one statement for a page of audit rows). */
    namesOf: (ids: readonly number[]) => columnOf(ids, 'name'),
    /** The ID numbers of the residents among `ids` in scope, by id (a contact list's record of a confirmed person). */
    idNumbersOf: (ids: readonly number[]) => columnOf(ids, 'id_number'),
    /** The household paths of the residents among `ids` in scope, by id. */
    pathsOf: (ids: readonly number[]) => columnOf(ids, 'terr_path'),
    /** Names and phones of the residents among `ids` in scope, by id (only for `release()`: a missing list's page). */
    async contactsOf(
      ids: readonly number[],
    ): Promise<Map<number, { name: string; phone: string | null; sex: string; birthDate: string }>> {
      if (!ids.length) return new Map();
      const r = await ctx.db
        .selectFrom('people')
        .select(['id', 'name', 'phone', 'sex', 'birth_date'])
        .where('id', '=', anyOf([...ids]))
        .where('terr_path', 'like', scope)
        .execute();
      return new Map(r.map((x) => [x.id, { name: x.name, phone: x.phone, sex: x.sex, birthDate: x.birth_date }]));
    },
    /** The resident in scope with this ID number, and the household they live in. */
    residentByIdNumber: (idNumber: string): Promise<{ id: number; householdId: number } | undefined> =>
      people({ idNumber }).select(['p.id', 'p.household_id as householdId']).executeTakeFirst(),
    /**
     * The residents (in scope) with these ID numbers, or these ids (a health-code token names people by id), as a
     * sampler needs them: where they live, their name and key group (ID numbers as stored, upper case).
     */
    residentsToSample: (by: 'idNumber' | 'id', keys: readonly (string | number)[]) =>
      people({})
        .where(by === 'id' ? 'p.id' : 'p.id_number', '=', anyOf(keys))
        .select([
          'p.id',
          'p.id_number as idNumber',
          'p.household_id as householdId',
          'p.terr_path as terrPath',
          'p.name',
          'p.key_group as keyGroup',
        ])
        .execute(),
    /** The resident with this ID number (in scope) as the citizen's sign-in needs them: name, path and phone. */
    citizenByIdNumber: (idNumber: string) =>
      people({ idNumber }).select(['p.id', 'p.terr_path as terrPath', 'p.name', 'p.phone']).executeTakeFirst(),
    /** The ids of the residents in scope with these ID numbers. */
    async idsOfIdNumbers(idNumbers: readonly string[]): Promise<number[]> {
      if (!idNumbers.length) return [];
      const r = await people({})
        .select('p.id')
        .where('p.id_number', '=', anyOf([...idNumbers]))
        .execute();
      return r.map((x) => Number(x.id));
    },
    /**
     * ID numbers among `ids` that are registered outside this scope (an import may not move them in): the scope
     * is ANDed negated, and only the ID numbers the caller already holds come back.
     */
    async registeredElsewhere(ids: readonly string[]): Promise<Set<string>> {
      if (!ids.length) return new Set();
      const r = await ctx.db
        .selectFrom('people')
        .select('id_number')
        .where('id_number', '=', anyOf([...ids]))
        .where('terr_path', 'not like', scope)
        .execute();
      return new Set(r.map((x) => x.id_number.trim()));
    },
    /** Residents and vulnerable residents under each child of `parentPath` (in scope), by child id. */
    async countsByChild(parentPath: string): Promise<Map<number, { residents: number; vulnerable: number }>> {
      // NULLIF: rows at the parent itself (a household's residents) have no child segment and count for none.
      const child = sql<number>`NULLIF(split_part(substr(p.terr_path, ${sql.lit(parentPath.length + 1)}), '/', 1), '')::bigint`;
      const r = await people({ underPath: parentPath })
        .select((eb) => [
          child.as('child'),
          eb.fn.countAll<number>().as('residents'),
          sql<number>`count(*) FILTER (WHERE p.tags <> '{}')`.as('vulnerable'),
        ])
        .groupBy(child)
        .execute();
      return new Map(r.map((x) => [Number(x.child), { residents: Number(x.residents), vulnerable: Number(x.vulnerable) }]));
    },
    /** Residents and vulnerable residents under `path` (in scope): one index range scan each. */
    async countUnder(path: string): Promise<{ residents: number; vulnerable: number }> {
      const r = await people({ underPath: path })
        .select((eb) => [
          eb.fn.countAll<number>().as('residents'),
          sql<number>`count(*) FILTER (WHERE p.tags <> '{}')`.as('vulnerable'),
        ])
        .executeTakeFirstOrThrow();
      return { residents: Number(r.residents), vulnerable: Number(r.vulnerable) };
    },
    /**
     * The rollup's sums (territory_rollup, kept by the triggers of migration 0003) of these nodes: the city,
     * districts and streets. The rollup has no path; `nodeIds` come from the caller's scoped territory reads.
     */
    async rolledUp(
      nodeIds: readonly number[],
    ): Promise<Map<number, { households: number; residents: number; vulnerable: number }>> {
      if (!nodeIds.length) return new Map();
      const r = await ctx.db
        .selectFrom('territory_rollup')
        .select((eb) => [
          'node_id',
          eb.fn.sum<number>('households').as('households'),
          eb.fn.sum<number>('residents').as('residents'),
          eb.fn.sum<number>('vulnerable').as('vulnerable'),
        ])
        .where('node_id', '=', anyOf([...nodeIds]))
        .groupBy('node_id')
        .execute();
      return new Map(
        r.map((x) => [
          x.node_id,
          { households: Number(x.households), residents: Number(x.residents), vulnerable: Number(x.vulnerable) },
        ]),
      );
    },
  };
}
