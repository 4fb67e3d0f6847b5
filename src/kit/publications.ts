import type { FastifyReply } from 'fastify';

import { rawQuery } from '../db/kysely';
import { DOCX_TYPE, textToDocx } from '../lib/docx';
import { correctionNote } from '../lib/official-layout';
import { forbidden, notFound } from '../server/errors';
import { sendAttachment } from '../server/http';
import type { Ctx } from './context';
import type { DomainEvents, EventName } from './events';
import { isCityWide, type Permission } from './permissions';
import type { PublicationAction, PublicationState } from './publication-contract';

/**
 * Refuses a write to a city-wide table (publications, the channel list the bulletins are worded with) from a
 * context scoped below the city: such a table has no territory column, so "scope ANDed into the write" means
 * only the city (or the system) may write it. The routes already ask for a city-wide account; this holds for
 * every other caller too.
 */
export function requireCityWide(ctx: Ctx) {
  if (!isCityWide(ctx.scopePath)) throw forbidden('此操作需要市级账号', 'This action needs a city-wide account');
}

/** The tables holding versioned publications: `(key columns…, version)` unique, the `bulletins_frozen()` trigger guarding them. */
export type PublicationTable = 'bulletins' | 'reminders' | 'risk_notices';

/** What names a series of versions: a bulletin's day and hour window, a reminder's day of issue. */
export type SeriesKey = Record<string, string | number>;

/** What every version carries, whatever its kind: its state, who moved it there, and what it corrects. */
export interface Version {
  id: number;
  state: PublicationState;
  /** The published number (第N版); null until publication. */
  version: number | null;
  draftedBy: string | null;
  draftedAt: Date;
  submittedAt: Date | null;
  /** Who approved it, or who sent it back to draft (then `reviewNote` says why). */
  reviewedBy: string | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
  publishedAt: Date | null;
  publishedBy: string | null;
  correctsId: number | null;
  correctsVersion: number | null;
  correctionReason: string | null;
  actions: PublicationAction[];
}
/**
 * A version's wording kept alongside: the text, the document it was rendered from, and how many of its last
 * paragraphs are the signature (the Word file and the print view set them right-aligned).
 */
export type WithText<R> = R & { body: string; document: Record<string, unknown>; signatureLines: number };

/**
 * One kind of publication (bulletins, reminders, and the risk-area notices to come): where its versions are
 * stored, what identifies the series a version belongs to, who may move it, and how it is audited, announced
 * and named as a file. A new kind is a table like `reminders` (key columns, document, body, the columns of
 * migration 0015, the guarding trigger) plus one of these.
 */
export interface PublicationKind<Key extends SeriesKey, Row extends Version, E extends EventName> {
  table: PublicationTable;
  /** The Chinese and English names for a 404 (通报, Bulletin). */
  zh: string;
  en: string;
  /** The permission that drafts, reviews and publishes (city-wide); readers without it see published versions only. */
  permission: Permission;
  /** The key's columns, in the table's names: the series whose next version is numbered. */
  keyColumns(key: Key): Record<string, string | number>;
  /** The key of a stored row (as `listSelect` names its columns). */
  keyOf(row: Record<string, unknown>): Key;
  /** Columns stored with a version beside the key (a bulletin's template). */
  extraColumns?: readonly string[];
  /**
   * Display names by account id: the accounts are another module's, which the kit may not read nor import, so
   * the kind that knows the platform's modules names the resolver (surveillance passes `authService.displayNames`).
   */
  publisherNames(ctx: Ctx, userIds: readonly number[]): Promise<ReadonlyMap<number, string>>;
  /** The list's select list over `t` (the table), beside `Version`'s columns. */
  listSelect: string;
  /** Audit actions are `<prefix>.draft|submit|approve|reject|publish`; the target names the series, then ` vN` or ` #id`. */
  audit: { prefix: string; target(key: Key): string; detail?(v: { document: unknown; body: string }): Record<string, unknown> };
  event: E;
  /** The event's payload; `document` is the version's own (a notice announces the changes it publishes). */
  payload(key: Key, r: { id: number; version: number }, document: unknown): DomainEvents[E];
  /** The download's file name, without the extension. */
  fileName(row: Row): string;
  /** Word layout: signature lines at the foot (a signed bulletin has two). */
  signatureLines?(row: Row): number;
}
// biome-ignore lint/suspicious/noExplicitAny: any kind, whatever its key, row and event
export type AnyKind = PublicationKind<any, any, EventName>;

const VERSION = `t.id, t.state, t.version, t.drafted_by AS "draftedById", t.drafted_at AS "draftedAt",
  t.submitted_at AS "submittedAt", t.reviewed_by AS "reviewedById", t.reviewed_at AS "reviewedAt",
  t.review_note AS "reviewNote", t.published_by AS "publishedById", t.published_at AS "publishedAt",
  t.corrects_id AS "correctsId", c.version AS "correctsVersion", t.correction_reason AS "correctionReason"`;
type Ids = { draftedById: number | null; reviewedById: number | null; publishedById: number | null };
type Stored = Omit<Version, 'draftedBy' | 'reviewedBy' | 'publishedBy' | 'actions'> & Ids;

/** What `ctx` may do with a version in `state` drafted by `draftedById`: the four-eyes rule, as the console shows it. */
export function actionsOf(ctx: Ctx, kind: AnyKind, state: PublicationState, draftedById: number | null): PublicationAction[] {
  if (!ctx.can(kind.permission) || !isCityWide(ctx.scopePath)) return [];
  const mine = draftedById === (ctx.actor?.userId ?? null);
  if (state === 'draft') return mine ? ['edit', 'submit'] : [];
  if (state === 'submitted') return mine ? [] : ['approve', 'reject'];
  if (state === 'approved') return ['publish'];
  return ['correct'];
}

/** Names the accounts of each row (one lookup for the page) and adds what the caller may do with it. */
async function named<R extends Stored>(ctx: Ctx, kind: AnyKind, rows: R[]) {
  const ids = [...new Set(rows.flatMap((r) => [r.draftedById, r.reviewedById, r.publishedById]))].filter(
    (x): x is number => x !== null,
  );
  const names = ids.length ? await kind.publisherNames(ctx, ids) : new Map<number, string>();
  const name = (id: number | null) => (id === null ? null : (names.get(id) ?? null));
  return rows.map(({ draftedById, reviewedById, publishedById, ...r }) => ({
    ...r,
    draftedBy: name(draftedById),
    reviewedBy: name(reviewedById),
    publishedBy: name(publishedById),
    actions: actionsOf(ctx, kind, r.state, draftedById),
  }));
}

/** Whether the caller reads drafts (the publishers) or only what was published. */
const seesDrafts = (ctx: Ctx, kind: AnyKind) => ctx.can(kind.permission) && isCityWide(ctx.scopePath);

/**
 * A page of versions, the newest draft first (what is being worked on is on top): every state for publishers,
 * published versions only for other readers.
 */
export async function listVersions<K extends SeriesKey, R extends Version, E extends EventName>(
  ctx: Ctx,
  kind: PublicationKind<K, R, E>,
  page: number,
  pageSize: number,
): Promise<{ total: number; items: R[] }> {
  // The table and the kind's select list are the kind's, chosen at run time: one text for every kind.
  const { rows } = await rawQuery<Stored & { total: number }>(
    ctx.db,
    `SELECT ${VERSION}, ${kind.listSelect}, count(*) OVER ()::int AS total
       FROM ${kind.table} t LEFT JOIN ${kind.table} c ON c.id = t.corrects_id
      WHERE $3 OR t.state = 'published'
      ORDER BY t.id DESC LIMIT $1 OFFSET $2`,
    [pageSize, (page - 1) * pageSize, seesDrafts(ctx, kind)],
  );
  const items = await named(
    ctx,
    kind,
    rows.map(({ total: _t, ...x }) => x),
  );
  return { total: rows[0]?.total ?? 0, items: items as unknown as R[] };
}

/** One version with its body and document, or 404 (a draft is a publisher's: other readers get 404). */
export async function getVersion<K extends SeriesKey, R extends Version, E extends EventName>(
  ctx: Ctx,
  kind: PublicationKind<K, R, E>,
  id: number,
): Promise<WithText<R>> {
  const { rows } = await rawQuery<Stored & { body: string; document: Record<string, unknown> }>(
    ctx.db,
    `SELECT ${VERSION}, ${kind.listSelect}, t.body, t.document
       FROM ${kind.table} t LEFT JOIN ${kind.table} c ON c.id = t.corrects_id
      WHERE t.id = $1 AND ($2 OR t.state = 'published')`,
    [id, seesDrafts(ctx, kind)],
  );
  if (!rows[0]) throw notFound(kind.en, kind.zh);
  const [row] = await named(ctx, kind, rows);
  return { ...row, signatureLines: kind.signatureLines?.(row as unknown as R) ?? 0 } as unknown as WithText<R>;
}

/** The document published last, the starting point of the next draft (undefined before the first). */
export async function latestDocument(ctx: Ctx, kind: AnyKind): Promise<unknown> {
  // The kind's table is chosen at run time.
  const { rows } = await rawQuery<{ document: unknown }>(
    ctx.db,
    `SELECT document FROM ${kind.table} WHERE state = 'published' ORDER BY published_at DESC, id DESC LIMIT 1`,
  );
  return rows[0]?.document;
}

/** Sends a version's text as a download. */
export const sendText = <R extends Version>(reply: FastifyReply, kind: AnyKind, row: R & { body: string }) =>
  sendAttachment(reply, `${kind.fileName(row)}.txt`, 'text/plain; charset=utf-8', row.body);

/** Sends a version as a Word document, a correction with its 更正说明 below the text. */
export const sendDocx = async <R extends Version>(reply: FastifyReply, kind: AnyKind, row: WithText<R>) =>
  sendAttachment(
    reply,
    `${kind.fileName(row)}.docx`,
    DOCX_TYPE,
    await textToDocx(row.body, { signatureLines: row.signatureLines, note: correctionNote(row) }),
  );
