import type { Queryable } from '../../../db/connect';

export interface PublishedReminder {
  id: number;
  issuedOn: string;
  version: number;
  title: string;
  body: string;
  publishedAt: Date;
  publishedBy: string | null;
}

/** The title is the body's first paragraph; lists show it rather than ship each whole text. */
const LIST_COLS = `r.id, r.issued_on AS "issuedOn", r.version, split_part(r.body, E'\\n', 1) AS title,
  r.published_at AS "publishedAt", u.display_name AS "publishedBy"`;
const FROM = 'reminders r LEFT JOIN users u ON u.id = r.published_by';

/** Published urgent reminders: append-only versions per day of issue (the database refuses edits). */
export function remindersStore(db: Queryable) {
  return {
    async publish(r: { issuedOn: string; document: unknown; body: string }, by: number, at: Date) {
      await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`reminder:${r.issuedOn}`]);
      const res = await db.query(
        `INSERT INTO reminders (issued_on, version, document, body, published_by, published_at)
         SELECT $1, COALESCE(max(version), 0) + 1, $2, $3, $4, $5 FROM reminders WHERE issued_on = $1
         RETURNING id, version`,
        [r.issuedOn, JSON.stringify(r.document), r.body, by, at],
      );
      return res.rows[0] as { id: number; version: number };
    },
    async list(page: number, pageSize: number) {
      const res = await db.query(
        `SELECT ${LIST_COLS}, count(*) OVER ()::int AS total FROM ${FROM}
          ORDER BY r.issued_on DESC, r.version DESC LIMIT $1 OFFSET $2`,
        [pageSize, (page - 1) * pageSize],
      );
      return {
        total: (res.rows[0]?.total as number) ?? 0,
        items: res.rows.map(({ total: _t, ...x }) => x) as Omit<PublishedReminder, 'body'>[],
      };
    },
    async byId(id: number): Promise<(PublishedReminder & { document: Record<string, unknown> }) | undefined> {
      const res = await db.query(`SELECT ${LIST_COLS}, r.body, r.document FROM ${FROM} WHERE r.id = $1`, [id]);
      return res.rows[0];
    },
    /** The document of the reminder published last, the starting point of the next draft. */
    async latestDocument(): Promise<unknown> {
      const res = await db.query('SELECT document FROM reminders ORDER BY published_at DESC, id DESC LIMIT 1');
      return res.rows[0]?.document;
    },
  };
}
