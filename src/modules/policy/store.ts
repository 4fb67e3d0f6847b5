import type { Queryable } from '../../db/connect';
import type { Ctx } from '../../kit/context';
import { requireCityWide } from '../../kit/publications';
import type { EditionInput } from './contract';

/** A stored edition: its columns, with the figures in `data` still to be validated by the service. */
export interface EditionRow {
  id: number;
  code: string;
  name: string;
  source: string;
  effective_from: Date;
  updated_at: Date;
  data: unknown;
}

const COLS = ['id', 'code', 'name', 'source', 'effective_from', 'updated_at', 'data'] as const;

/** The columns an edition is written as: code, name and source beside the figures, the rest in `data`. */
function columnsOf(e: EditionInput) {
  const { code, name, source, effectiveFrom, ...data } = e;
  return { code, name, source, effective_from: effectiveFrom, data: JSON.stringify(data) };
}

/**
 * The policy editions (防控方案版本). City-wide by nature (the whole city follows one edition at a time), so there
 * is no scope to AND in: every account reading them reads the same rows, and only a city-wide context writes.
 * A handful of rows: read whole and in force order.
 */
export function policyStore(ctx: Ctx) {
  const db = ctx.db;
  return {
    list: (): Promise<EditionRow[]> => db.selectFrom('policy_editions').select(COLS).orderBy('effective_from').execute(),

    /** The row of `id` locked for an update in this transaction. */
    lock: (id: number): Promise<EditionRow | undefined> =>
      db.selectFrom('policy_editions').select(COLS).where('id', '=', id).forUpdate().executeTakeFirst(),

    /** The codes or effective times already taken by another edition than `exceptId`. */
    async taken(e: { code: string; effectiveFrom: string }, exceptId = 0) {
      return db
        .selectFrom('policy_editions')
        .select(['code', 'effective_from'])
        .where((eb) => eb.or([eb('code', '=', e.code), eb('effective_from', '=', new Date(e.effectiveFrom))]))
        .where('id', '<>', exceptId)
        .execute();
    },

    /** Adds an edition; undefined when its code or effective time is taken (a racing writer). */
    async insert(e: EditionInput, createdBy: number | null): Promise<EditionRow | undefined> {
      requireCityWide(ctx);
      return db
        .insertInto('policy_editions')
        .values({ ...columnsOf(e), created_by: createdBy })
        .onConflict((oc) => oc.doNothing())
        .returning(COLS)
        .executeTakeFirst();
    },

    async update(id: number, e: EditionInput, at: Date): Promise<EditionRow | undefined> {
      requireCityWide(ctx);
      return db
        .updateTable('policy_editions')
        .set({ ...columnsOf(e), updated_at: at })
        .where('id', '=', id)
        .returning(COLS)
        .executeTakeFirst();
    },
  };
}

/**
 * Puts the shipped editions in place (idempotent, at every start, like the city): each one whose code is absent is
 * added; one the city HQ has edited keeps its edits, and one whose effective time another edition now holds is
 * left out rather than displacing it. Returns how many were added.
 */
export async function ensureEditions(db: Queryable, editions: readonly EditionInput[]): Promise<number> {
  const rows = editions.map(columnsOf);
  const { rowCount } = await db.query(
    `INSERT INTO policy_editions (code, name, source, effective_from, data)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[])
     ON CONFLICT DO NOTHING`,
    [
      rows.map((r) => r.code),
      rows.map((r) => r.name),
      rows.map((r) => r.source),
      rows.map((r) => r.effective_from),
      rows.map((r) => r.data),
    ],
  );
  return rowCount ?? 0;
}
