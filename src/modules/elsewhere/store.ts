import type { ExpressionBuilder } from 'kysely';
import { rawQuery } from '../../db/kysely';
import type { DB } from '../../db/schema';
import type { Ctx } from '../../kit/context';
import { requireCityWide } from '../../kit/publications';
import type { ElsewhereArea } from './contract';
import type { AreaSpan, Level, OpenSpan } from './rules';

/**
 * The registry of other cities' risk areas (外地中高风险地区). It is city-wide data, not territorial: every scope
 * reads all of it (a community worker checks a traveller from anywhere), and only a city-wide context writes it
 * (`requireCityWide`), so there is no territory path to AND in.
 */

/** A new span, as an import or an entry writes it. */
export interface NewSpan {
  key: string;
  province: string;
  city: string;
  district: string | null;
  name: string;
  level: Level;
  since: Date;
  source: 'feed' | 'manual';
  feedId: number | null;
  feedAreaId: string | null;
}

/** Rows a statement inserts at most: 10 columns each, well inside PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 2000;

const SPAN_COLS = ['a.id', 'a.province', 'a.city', 'a.district', 'a.name', 'a.level', 'a.since', 'a.until'] as const;

type Row = Omit<ElsewhereArea, 'level' | 'source' | 'feed'> & {
  level: string;
  source: string;
  feedProvince: string | null;
  feedCity: string | null;
  feedGeneratedAt: Date | null;
};

const toArea = ({ feedProvince, feedCity, feedGeneratedAt, ...r }: Row): ElsewhereArea => ({
  ...r,
  level: r.level as Level,
  source: r.source as 'feed' | 'manual',
  feed:
    feedProvince !== null && feedCity !== null && feedGeneratedAt !== null
      ? { province: feedProvince, city: feedCity, generatedAt: feedGeneratedAt }
      : null,
});

const toSpan = (r: { level: string } & Omit<AreaSpan, 'level'>): AreaSpan => ({ ...r, level: r.level as Level });

/** A span not ended at `now` (in effect, or announced from a later hour). */
const notEnded = (now: Date) => (eb: ExpressionBuilder<DB & { a: DB['elsewhere_areas'] }, 'a'>) =>
  eb.or([eb('a.until', 'is', null), eb('a.until', '>', now)]);

export function elsewhereStore(ctx: Ctx) {
  const db = ctx.db;
  const areas = () =>
    db
      .selectFrom('elsewhere_areas as a')
      .leftJoin('elsewhere_feeds as f', 'f.id', 'a.feed_id')
      .select([
        ...SPAN_COLS,
        'a.source',
        'a.feed_area_id as feedAreaId',
        'f.province as feedProvince',
        'f.city as feedCity',
        'f.generated_at as feedGeneratedAt',
      ]);

  return {
    /** One city's feeds are imported one at a time (advisory lock: two imports of one city cannot interleave their diffs). */
    async lockCity(province: string, city: string) {
      requireCityWide(ctx);
      await rawQuery(db, 'SELECT pg_advisory_xact_lock(hashtext($1))', [`elsewhere:${province}/${city}`]);
    },

    /** The feed of this city and generation time already imported, if any. */
    feed: (province: string, city: string, generatedAt: Date) =>
      db
        .selectFrom('elsewhere_feeds')
        .select(['id', 'sha256', 'imported_at as importedAt', 'counts'])
        .where('province', '=', province)
        .where('city', '=', city)
        .where('generated_at', '=', generatedAt)
        .executeTakeFirst(),

    /** When the newest feed of this city imported was generated. */
    async latestFeedAt(province: string, city: string): Promise<Date | undefined> {
      const r = await db
        .selectFrom('elsewhere_feeds')
        .select((eb) => eb.fn.max('generated_at').as('at'))
        .where('province', '=', province)
        .where('city', '=', city)
        .executeTakeFirst();
      return r?.at ?? undefined;
    },

    async insertFeed(f: { province: string; city: string; generatedAt: Date; sha256: string; counts: object }) {
      requireCityWide(ctx);
      const r = await db
        .insertInto('elsewhere_feeds')
        .values({
          province: f.province,
          city: f.city,
          generated_at: f.generatedAt,
          sha256: f.sha256,
          counts: JSON.stringify(f.counts),
          imported_by: ctx.actor?.userId ?? null,
          imported_at: ctx.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return r.id;
    },

    /** The open spans a city's feeds wrote (the index on province, city serves it). */
    async openFeedSpans(province: string, city: string): Promise<OpenSpan[]> {
      const rows = await db
        .selectFrom('elsewhere_areas')
        .select(['id', 'area_key as key', 'district', 'name', 'level', 'since'])
        .where('province', '=', province)
        .where('city', '=', city)
        .where('source', '=', 'feed')
        .where('until', 'is', null)
        .execute();
      return rows.map((r) => ({ ...r, level: r.level as Level }));
    },

    /** Inserts spans in chunks; returns their ids in order. */
    async insertSpans(spans: readonly NewSpan[]): Promise<number[]> {
      requireCityWide(ctx);
      const ids: number[] = [];
      for (let i = 0; i < spans.length; i += INSERT_CHUNK) {
        const rows = await db
          .insertInto('elsewhere_areas')
          .values(
            spans.slice(i, i + INSERT_CHUNK).map((s) => ({
              area_key: s.key,
              province: s.province,
              city: s.city,
              district: s.district,
              name: s.name,
              level: s.level,
              since: s.since,
              source: s.source,
              feed_id: s.feedId,
              feed_area_id: s.feedAreaId,
              created_by: ctx.actor?.userId ?? null,
              created_at: ctx.now(),
            })),
          )
          .returning('id')
          .execute();
        ids.push(...rows.map((r) => r.id));
      }
      return ids;
    },

    /**
     * Ends open spans, each at its own time, in one statement: unnest of the two arrays pairs each id with its
     * end (the builder cannot say an update from unnested parameters). Returns how many were still open.
     */
    async endSpans(ends: readonly { id: number; at: Date }[]): Promise<number> {
      requireCityWide(ctx);
      if (!ends.length) return 0;
      const r = await rawQuery(
        db,
        `UPDATE elsewhere_areas a SET until = e.at, ended_by = $3
           FROM unnest($1::bigint[], $2::timestamptz[]) AS e(id, at)
          WHERE a.id = e.id AND a.until IS NULL`,
        [ends.map((e) => e.id), ends.map((e) => e.at.toISOString()), ctx.actor?.userId ?? null],
      );
      return r.rowCount;
    },

    /** Whether the area of `key` has an open span (the unique index `elsewhere_areas_open` guards the same). */
    async openKeyExists(key: string): Promise<boolean> {
      const r = await db
        .selectFrom('elsewhere_areas')
        .select('id')
        .where('area_key', '=', key)
        .where('until', 'is', null)
        .executeTakeFirst();
      return r !== undefined;
    },

    /** One span, for an edit (locked: two edits of one area are decided one after the other). */
    async openForUpdate(id: number) {
      const r = await db
        .selectFrom('elsewhere_areas as a')
        .select([...SPAN_COLS, 'a.source', 'a.area_key as key'])
        .where('a.id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      return r && { ...toSpan(r), source: r.source, key: r.key };
    },

    async get(id: number): Promise<ElsewhereArea | undefined> {
      const r = await areas().where('a.id', '=', id).executeTakeFirst();
      return r && toArea(r);
    },

    /** Every span of the area `id` is a span of, oldest first. */
    async history(id: number): Promise<ElsewhereArea[]> {
      const rows = await areas()
        .where('a.area_key', '=', (eb) => eb.selectFrom('elsewhere_areas').select('area_key').where('id', '=', id))
        .orderBy('a.since')
        .orderBy('a.id')
        .execute();
      return rows.map(toArea);
    },

    /** A keyset page of the spans not ended at `now`, by province, city and id. */
    async current(
      q: { province?: string; city?: string; level?: Level; after?: [string, string, number]; limit: number },
      now: Date,
    ) {
      let s = areas().where(notEnded(now));
      if (q.province) s = s.where('a.province', '=', q.province);
      if (q.city) s = s.where('a.city', '=', q.city);
      if (q.level) s = s.where('a.level', '=', q.level);
      const matching = s;
      if (q.after) {
        const [p, c, id] = q.after;
        s = s.where((eb) => eb(eb.refTuple('a.province', 'a.city', 'a.id'), '>', eb.tuple(p, c, id)));
      }
      const rows = await s.orderBy('a.province').orderBy('a.city').orderBy('a.id').limit(q.limit).execute();
      return { rows: rows.map(toArea), matching };
    },

    /** Per city, the spans not ended at `now` by level and the earliest start (one grouped statement). */
    async cities(now: Date) {
      const rows = await db
        .selectFrom('elsewhere_areas as a')
        .select((eb) => [
          'a.province',
          'a.city',
          eb.fn.countAll<number>().filterWhere('a.level', '=', 'high').as('high'),
          eb.fn.countAll<number>().filterWhere('a.level', '=', 'medium').as('medium'),
          eb.fn.countAll<number>().filterWhere('a.level', '=', 'low').as('low'),
          eb.fn.min('a.since').as('earliestSince'),
        ])
        .where(notEnded(now))
        .groupBy(['a.province', 'a.city'])
        .orderBy('a.province')
        .orderBy('a.city')
        .execute();
      return rows.map((r) => ({ ...r, high: Number(r.high), medium: Number(r.medium), low: Number(r.low) }));
    },

    /** The spans of one city that meet [from, to] (the duty check of a stay). */
    async meeting(province: string, city: string, from: Date, to: Date): Promise<AreaSpan[]> {
      const rows = await db
        .selectFrom('elsewhere_areas as a')
        .select(SPAN_COLS)
        .where('a.province', '=', province)
        .where('a.city', '=', city)
        .where('a.since', '<=', to)
        .where((eb) => eb.or([eb('a.until', 'is', null), eb('a.until', '>', from)]))
        .execute();
      return rows.map(toSpan);
    },

    /** The spans in effect at `at` or begun in [from, to): what the reminder's two lists are made of. */
    async forReminder(at: Date, from: Date, to: Date): Promise<AreaSpan[]> {
      const rows = await db
        .selectFrom('elsewhere_areas as a')
        .select(SPAN_COLS)
        .where((eb) =>
          eb.or([
            eb.and([eb('a.since', '>=', from), eb('a.since', '<', to)]),
            eb.and([eb('a.since', '<=', at), eb.or([eb('a.until', 'is', null), eb('a.until', '>', at)])]),
          ]),
        )
        .where('a.level', '!=', 'low')
        .orderBy('a.since')
        .orderBy('a.id')
        .execute();
      return rows.map(toSpan);
    },
  };
}
