import { sql } from 'kysely';
import { rawQuery } from '../../db/kysely';
import type { Ctx } from '../../kit/context';
import { likePrefix } from '../territory/rules';
import { type AreaPath, subtreeSets } from '../territory/subtrees';

/** Where a resident lives, and their 特殊人群 tags. */
export interface ResidentPlace {
  id: number;
  householdId: number;
  terrPath: string;
  tags: string[];
}

/** `p.terr_path` lies under one of `paths`: one range each ('/1/2/' to '/1/20', the byte after '/'). */
const underAny = (paths: readonly string[]) =>
  sql.join(
    paths.map((path) => sql`(p.terr_path >= ${path} AND p.terr_path < ${`${path.slice(0, -1)}0`})`),
    sql` OR `,
  );

/**
 * The residents inside areas (risk areas, a testing round's target) as a context sees them: every statement ANDs
 * `terr_path LIKE scope%`, and each area's included paths are ranges of people_terr_path.
 */
export function peopleAreas(ctx: Ctx) {
  const scope = likePrefix(ctx.scopePath);
  return {
    /** The ids of residents in scope inside `sets` holding any of `tags`, in id order after `after`. */
    async taggedInside(sets: readonly AreaPath[], tags: readonly string[], after: number, limit: number): Promise<number[]> {
      if (!sets.length || !tags.length) return [];
      const s = subtreeSets(sets, 5);
      // Raw: as countInside.
      const r = await rawQuery<{ id: string }>(
        ctx.db,
        `WITH ${s.with}
         SELECT DISTINCT p.id FROM people p ${s.join('p.terr_path')}
          WHERE p.terr_path LIKE $1 AND p.id > $2 AND p.tags && $4::text[] AND ${s.notExcluded('p.terr_path')}
          ORDER BY p.id LIMIT $3`,
        [scope, after, limit, [...tags], ...s.params],
      );
      return r.rows.map((x) => Number(x.id));
    },
    /**
     * Residents in scope inside the areas of `sets` (under an included path of an area, under none of its
     * exceptions), counted once per group however many of its areas hold them: one statement, each included path
     * one range of people_terr_path.
     */
    async countInside(sets: readonly AreaPath[]): Promise<Map<number, number>> {
      if (!sets.length) return new Map();
      const s = subtreeSets(sets, 2);
      // Raw: unnest of array parameters joined by path ranges (the builder has no form for it).
      const r = await rawQuery<{ g: number; n: number }>(
        ctx.db,
        `WITH ${s.with}
         SELECT n.g, count(DISTINCT p.id) AS n FROM people p ${s.join('p.terr_path')}
          WHERE p.terr_path LIKE $1 AND ${s.notExcluded('p.terr_path')} GROUP BY n.g`,
        [scope, ...s.params],
      );
      return new Map(r.rows.map((x) => [Number(x.g), Number(x.n)]));
    },
    /** The ids of residents in scope inside any area of `sets`, in id order after `after`, at most `limit`. */
    async idsInside(sets: readonly AreaPath[], after: number, limit: number): Promise<number[]> {
      if (!sets.length) return [];
      const s = subtreeSets(sets, 4);
      // Raw: as countInside.
      const r = await rawQuery<{ id: number }>(
        ctx.db,
        `WITH ${s.with}
         SELECT DISTINCT p.id FROM people p ${s.join('p.terr_path')}
          WHERE p.terr_path LIKE $1 AND p.id > $2 AND ${s.notExcluded('p.terr_path')} ORDER BY p.id LIMIT $3`,
        [scope, after, limit, ...s.params],
      );
      return r.rows.map((x) => Number(x.id));
    },
    /**
     * The residents in scope inside any area of `sets`, in id order after `after`, at most `limit`: where each
     * lives and their 特殊人群 tags (a testing round's target is fixed from these pages).
     */
    async rowsInside(sets: readonly AreaPath[], after: number, limit: number): Promise<ResidentPlace[]> {
      if (!sets.length) return [];
      const s = subtreeSets(sets, 4);
      // Raw: as countInside.
      const r = await rawQuery<{ id: string; household_id: string; terr_path: string; tags: string[] }>(
        ctx.db,
        `WITH ${s.with}
         SELECT DISTINCT p.id, p.household_id, p.terr_path, p.tags FROM people p ${s.join('p.terr_path')}
          WHERE p.terr_path LIKE $1 AND p.id > $2 AND ${s.notExcluded('p.terr_path')} ORDER BY p.id LIMIT $3`,
        [scope, after, limit, ...s.params],
      );
      return r.rows.map((x) => ({ id: Number(x.id), householdId: Number(x.household_id), terrPath: x.terr_path, tags: x.tags }));
    },
    /** The lowest and highest id of the residents in scope under any of `paths` (undefined when there are none). */
    async idSpanUnder(paths: readonly string[]): Promise<{ min: number; max: number } | undefined> {
      if (!paths.length) return undefined;
      // OFFSET 0: min/max over people_terr_path's index-only range, not a walk of the primary key filtered by path.
      const r = await sql<{ min: string | null; max: string | null }>`SELECT min(id), max(id) FROM (
          SELECT p.id FROM people p WHERE (${underAny(paths)}) AND p.terr_path LIKE ${scope} OFFSET 0) s`.execute(ctx.db);
      const x = r.rows[0];
      return x?.min != null && x.max != null ? { min: Number(x.min), max: Number(x.max) } : undefined;
    },
    /**
     * The residents in scope under any of `paths` with ids in (`after`, `upto`], as a query (id, household_id,
     * terr_path) another module's store runs inside its own set-based INSERT … SELECT: a range of the primary key,
     * read in the heap's order (residents are stored in id order), nothing sorted and nothing sent back to Node (a
     * testing round's target is copied from these chunks). The people module keeps its SQL; the caller never
     * names the table.
     */
    residentsUnder(paths: readonly string[], after: number, upto: number) {
      return sql<{ id: number; household_id: number; terr_path: string }>`SELECT p.id, p.household_id, p.terr_path
        FROM people p WHERE p.id > ${after} AND p.id <= ${upto} AND (${underAny(paths)}) AND p.terr_path LIKE ${scope}`;
    },
  };
}
