import type { FastifyReply } from 'fastify';
import { rawQuery } from '../db/kysely';
import { DOCX_TYPE, textToDocx } from '../lib/docx';
import { forbidden, notFound } from '../server/errors';
import { sendAttachment } from '../server/http';
import type { Ctx } from './context';
import type { DomainEvents, EventName } from './events';
import { isCityWide } from './permissions';

/**
 * Refuses a write to a city-wide table (publications, the channel list the bulletins are worded with) from a
 * context scoped below the city: such a table has no territory column, so "scope ANDed into the write" means
 * only the city (or the system) may write it. The routes already ask for a city-wide account; this holds for
 * every other caller too.
 */
export function requireCityWide(ctx: Ctx) {
  if (!isCityWide(ctx.scopePath)) throw forbidden('此操作需要市级账号', 'This action needs a city-wide account');
}

/** A version as read, before its publisher is named. */
type Stored<R extends Published> = Omit<R, 'publishedBy'> & { publisherId: number | null };

/** The tables holding frozen publications: `(key columns…, version)` unique, the `bulletins_frozen()` trigger refusing edits. */
export type PublicationTable = 'bulletins' | 'reminders';

/** What names a series of versions: a bulletin's day and hour window, a reminder's day of issue. */
export type SeriesKey = Record<string, string | number>;

/** What every published version carries, whatever its kind. */
export interface Published {
  id: number;
  version: number;
  publishedAt: Date;
  publishedBy: string | null;
}

/**
 * One kind of frozen publication (bulletins, reminders, and the risk-area notices to come): where its versions
 * are stored, what identifies the series a version belongs to, and how it is audited, announced and named as a
 * file. A new kind is a table like `reminders` (key columns, version, document, body, published_by/at, the
 * freezing trigger) plus one of these.
 */
export interface PublicationKind<Key extends SeriesKey, Row extends Published, E extends EventName> {
  table: PublicationTable;
  /** The Chinese and English names for a 404 (通报, Bulletin). */
  zh: string;
  en: string;
  /** The key's columns, in the table's names: the series whose next version is numbered. */
  keyColumns(key: Key): Record<string, string | number>;
  /** Columns stored with a version beside the key (a bulletin's template). */
  extraColumns?: readonly string[];
  /**
   * Who published, by account id: the accounts are another module's, which the kit may not read nor import,
   * so the kind that knows the platform's modules names the resolver (surveillance passes
   * `authService.displayNames`). On the kind rather than on each call: every read of a kind names its
   * publishers the same way, and no caller can forget it.
   */
  publisherNames(ctx: Ctx, userIds: readonly number[]): Promise<ReadonlyMap<number, string>>;
  /** The list's select list over `t` (the table), beside `Published`'s columns, and its order. */
  listSelect: string;
  listOrder: string;
  audit: { action: string; target(key: Key, version: number): string };
  event: E;
  payload(key: Key, r: { id: number; version: number }): DomainEvents[E];
  /** The download's file name, without the extension. */
  fileName(row: Row): string;
  /** Word layout: signature lines at the foot (a signed bulletin has two). */
  signatureLines?(row: Row): number;
}

const PUBLISHED = `t.id, t.version, t.published_at AS "publishedAt", t.published_by AS "publisherId"`;

/** Replaces each row's publisher id with the publisher's display name, resolved by the kind in one lookup. */
async function withPublishers<R extends { publisherId: number | null }>(
  ctx: Ctx,
  kind: { publisherNames: PublicationKind<SeriesKey, Published, EventName>['publisherNames'] },
  rows: R[],
): Promise<(Omit<R, 'publisherId'> & { publishedBy: string | null })[]> {
  const ids = rows.flatMap((r) => (r.publisherId === null ? [] : [r.publisherId]));
  const names = ids.length ? await kind.publisherNames(ctx, ids) : new Map<number, string>();
  return rows.map(({ publisherId, ...r }) => ({
    ...r,
    publishedBy: publisherId === null ? null : (names.get(publisherId) ?? null),
  }));
}

/**
 * Freezes `document` and `body` as the next version of `key`'s series, in one transaction: an advisory lock
 * per series serialises numbering, the row is audited and the kind's event emitted with it. City-wide only.
 */
export async function publish<K extends SeriesKey, R extends Published, E extends EventName>(
  ctx: Ctx,
  kind: PublicationKind<K, R, E>,
  key: K,
  v: { document: unknown; body: string; extra?: Record<string, string | number>; detail?: Record<string, unknown> },
): Promise<{ id: number; version: number }> {
  requireCityWide(ctx);
  return ctx.transaction(async (tx) => {
    const keyCols = Object.entries(kind.keyColumns(key));
    const extra = (kind.extraColumns ?? []).map((c) => [c, v.extra?.[c] ?? null] as const);
    // Advisory locks have no builder form; the insert below names the kind's table and columns at run time.
    await rawQuery(tx.db, 'SELECT pg_advisory_xact_lock(hashtext($1))', [`${kind.table}:${keyCols.map(([, x]) => x).join(':')}`]);
    const cols = [...keyCols, ...extra].map(([c]) => c);
    const n = cols.length;
    const { rows } = await rawQuery<{ id: number; version: number }>(
      tx.db,
      `INSERT INTO ${kind.table} (${cols.join(', ')}, version, document, body, published_by, published_at)
       SELECT ${cols.map((_, i) => `$${i + 1}`).join(', ')}, COALESCE(max(version), 0) + 1, $${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}
         FROM ${kind.table} WHERE ${keyCols.map(([c], i) => `${c} = $${i + 1}`).join(' AND ')}
       RETURNING id, version`,
      [...[...keyCols, ...extra].map(([, x]) => x), JSON.stringify(v.document), v.body, tx.actor?.userId ?? null, tx.now()],
    );
    const r = rows[0] as { id: number; version: number };
    await tx.audit({ action: kind.audit.action, target: kind.audit.target(key, r.version), detail: v.detail });
    await tx.emit(kind.event, kind.payload(key, r));
    return r;
  });
}

/** A page of published versions, as the kind lists them (publications are city-wide: every reader reads them). */
export async function listPublished<K extends SeriesKey, R extends Published, E extends EventName>(
  ctx: Ctx,
  kind: PublicationKind<K, R, E>,
  page: number,
  pageSize: number,
): Promise<{ total: number; items: R[] }> {
  // The table and the kind's select list are the kind's, chosen at run time: one text for every kind.
  const { rows } = await rawQuery<Stored<R> & { total: number }>(
    ctx.db,
    `SELECT ${PUBLISHED}, ${kind.listSelect}, count(*) OVER ()::int AS total
       FROM ${kind.table} t ORDER BY ${kind.listOrder} LIMIT $1 OFFSET $2`,
    [pageSize, (page - 1) * pageSize],
  );
  const items = await withPublishers(
    ctx,
    kind,
    rows.map(({ total: _t, ...x }) => x),
  );
  return { total: rows[0]?.total ?? 0, items: items as unknown as R[] };
}

/** One published version with its body and document, or 404. */
export async function getPublished<K extends SeriesKey, R extends Published, E extends EventName>(
  ctx: Ctx,
  kind: PublicationKind<K, R, E>,
  id: number,
): Promise<R & { body: string; document: Record<string, unknown> }> {
  const { rows } = await rawQuery<Stored<R> & { body: string; document: Record<string, unknown> }>(
    ctx.db,
    `SELECT ${PUBLISHED}, ${kind.listSelect}, t.body, t.document FROM ${kind.table} t WHERE t.id = $1`,
    [id],
  );
  if (!rows[0]) throw notFound(kind.en, kind.zh);
  const [row] = await withPublishers(ctx, kind, rows);
  return row as unknown as R & { body: string; document: Record<string, unknown> };
}

/** The document published last, the starting point of the next draft (undefined before the first). */
export async function latestDocument<K extends SeriesKey, R extends Published, E extends EventName>(
  ctx: Ctx,
  kind: PublicationKind<K, R, E>,
): Promise<unknown> {
  // The kind's table is chosen at run time.
  const { rows } = await rawQuery<{ document: unknown }>(
    ctx.db,
    `SELECT document FROM ${kind.table} ORDER BY published_at DESC, id DESC LIMIT 1`,
  );
  return rows[0]?.document;
}

/** Sends a published version's text as a download. */
export const sendText = <K extends SeriesKey, R extends Published, E extends EventName>(
  reply: FastifyReply,
  kind: PublicationKind<K, R, E>,
  row: R & { body: string },
) => sendAttachment(reply, `${kind.fileName(row)}.txt`, 'text/plain; charset=utf-8', row.body);

/** Sends a published version as a Word document. */
export const sendDocx = async <K extends SeriesKey, R extends Published, E extends EventName>(
  reply: FastifyReply,
  kind: PublicationKind<K, R, E>,
  row: R & { body: string },
) =>
  sendAttachment(
    reply,
    `${kind.fileName(row)}.docx`,
    DOCX_TYPE,
    await textToDocx(row.body, { signatureLines: kind.signatureLines?.(row) ?? 0 }),
  );
