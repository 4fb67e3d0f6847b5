import type { Queryable } from '../../db/connect';

export interface PublishedBulletin {
  id: number;
  day: string;
  fromHour: number;
  toHour: number;
  template: string;
  version: number;
  body: string;
  publishedAt: Date;
  publishedBy: string | null;
}

const COLS = `b.id, b.day, b.from_hour AS "fromHour", b.to_hour AS "toHour", b.template, b.version, b.body,
  b.published_at AS "publishedAt", u.display_name AS "publishedBy"`;

/** Published bulletins: append-only versions per day and hour window (the database refuses edits). */
export function bulletinsStore(db: Queryable) {
  return {
    async publish(
      b: { day: string; fromHour: number; toHour: number; template: string; document: unknown; body: string },
      by: number,
      at: Date,
    ) {
      await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`bulletin:${b.day}:${b.fromHour}:${b.toHour}`]);
      const r = await db.query(
        `INSERT INTO bulletins (day, from_hour, to_hour, template, version, document, body, published_by, published_at)
         SELECT $1, $2, $3, $4, COALESCE(max(version), 0) + 1, $5, $6, $7, $8
           FROM bulletins WHERE day = $1 AND from_hour = $2 AND to_hour = $3
         RETURNING id, version`,
        [b.day, b.fromHour, b.toHour, b.template, JSON.stringify(b.document), b.body, by, at],
      );
      return r.rows[0] as { id: number; version: number };
    },
    async list(page: number, pageSize: number) {
      const r = await db.query(
        `SELECT ${COLS}, count(*) OVER ()::int AS total FROM bulletins b LEFT JOIN users u ON u.id = b.published_by
          ORDER BY b.day DESC, b.to_hour DESC, b.version DESC LIMIT $1 OFFSET $2`,
        [pageSize, (page - 1) * pageSize],
      );
      return { total: (r.rows[0]?.total as number) ?? 0, items: r.rows.map(({ total: _t, ...x }) => x) as PublishedBulletin[] };
    },
    async byId(id: number): Promise<(PublishedBulletin & { document: unknown }) | undefined> {
      const r = await db.query(
        `SELECT ${COLS}, b.document FROM bulletins b LEFT JOIN users u ON u.id = b.published_by WHERE b.id = $1`,
        [id],
      );
      return r.rows[0];
    },
  };
}
