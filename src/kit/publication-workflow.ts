import { rawQuery } from '../db/kysely';
import { badRequest, conflict, forbidden, notFound } from '../server/errors';
import type { Ctx } from './context';
import type { EventName } from './events';
import type { PublicationState } from './publication-contract';
import { type AnyKind, type PublicationKind, requireCityWide, type SeriesKey, type Version } from './publications';

/**
 * The review of a publication, one mechanism for every kind: a drafter writes and submits a version, a SECOND
 * account holding the kind's permission approves it (or sends it back with a reason), and an approved version
 * is published: numbered, audited, announced. The database guards the same path (`bulletins_frozen()`,
 * migration 0015): from submission on, the text is what was reviewed, and nothing moves but the step's columns.
 */

/** A version's text as the drafter saves it; `correctionReason` says what a new version of a published series corrects. */
export interface DraftInput {
  document: unknown;
  body: string;
  extra?: Record<string, string | number>;
  correctionReason?: string;
}

const OWN_REVIEW = forbidden(
  '起草人不能审核自己起草的稿件，须由另一位具有发布权限的账号审核',
  'The drafter cannot review their own draft; another account holding the publish permission must review it',
);
const NOT_DRAFTER = forbidden('只有起草人可以修改或提交此草稿', 'Only the drafter may edit or submit this draft');

/** Every step: a city-wide account holding the kind's permission, in one transaction. */
async function guarded<T>(ctx: Ctx, kind: AnyKind, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  requireCityWide(ctx);
  ctx.require(kind.permission);
  return ctx.transaction(fn);
}

const target = (kind: AnyKind, key: SeriesKey, r: { id: number; version: number | null }) =>
  `${kind.audit.target(key)} ${r.version === null ? `#${r.id}` : `v${r.version}`}`;

/** Locks the series of `key` for numbering and correction checks (advisory locks have no builder form). */
async function lockSeries(tx: Ctx, kind: AnyKind, key: SeriesKey) {
  const cols = Object.values(kind.keyColumns(key));
  await rawQuery(tx.db, 'SELECT pg_advisory_xact_lock(hashtext($1))', [`${kind.table}:${cols.join(':')}`]);
}

/** The key columns as a WHERE clause over parameters from `$first` on, and their values. */
function seriesWhere(kind: AnyKind, key: SeriesKey, first: number) {
  const cols = Object.entries(kind.keyColumns(key));
  return { where: cols.map(([c], i) => `${c} = $${first + i}`).join(' AND '), values: cols.map(([, v]) => v) };
}

/**
 * The published version a new draft of `key` corrects: once a series is published, every further version is
 * a correction and must say why (400 naming `correctionReason`); a first version has nothing to correct.
 */
async function corrected(tx: Ctx, kind: AnyKind, key: SeriesKey, reason: string | undefined) {
  const s = seriesWhere(kind, key, 1);
  const { rows } = await rawQuery<{ id: number }>(
    tx.db,
    `SELECT id FROM ${kind.table} WHERE ${s.where} AND state = 'published' ORDER BY version DESC LIMIT 1`,
    s.values,
  );
  const last = rows[0]?.id ?? null;
  const field = (zh: string, en: string) =>
    badRequest('validation', `correctionReason ${zh}`, `correctionReason ${en}`, {
      issues: [{ field: 'body.correctionReason', zh, en }],
    });
  if (last !== null && !reason)
    throw field(
      '已有发布版本，新版本为更正，须写明更正说明',
      'a published version exists: a new version corrects it and must say why',
    );
  if (last === null && reason) throw field('尚无可更正的发布版本', 'there is no published version to correct');
  return { correctsId: last, correctionReason: last === null ? null : (reason as string) };
}

/** The key's and the kind's extra columns of a draft, with their values (an extra the draft lacks is NULL). */
const columnsOf = (kind: AnyKind, key: SeriesKey, v: DraftInput): [string, string | number | null][] => [
  ...Object.entries(kind.keyColumns(key)),
  ...(kind.extraColumns ?? []).map((x): [string, string | number | null] => [x, v.extra?.[x] ?? null]),
];

/** Starts a draft of `key`'s series, drafted by the caller; audited with what it corrects. */
export function draftVersion<K extends SeriesKey>(
  ctx: Ctx,
  kind: PublicationKind<K, Version, EventName>,
  key: K,
  v: DraftInput,
): Promise<{ id: number; state: PublicationState }> {
  return guarded(ctx, kind, async (tx) => {
    await lockSeries(tx, kind, key);
    const c = await corrected(tx, kind, key, v.correctionReason);
    const cols = columnsOf(kind, key, v);
    const n = cols.length;
    // The table and its key columns are the kind's, chosen at run time.
    const { rows } = await rawQuery<{ id: number }>(
      tx.db,
      `INSERT INTO ${kind.table} (${cols.map(([x]) => x).join(', ')}, document, body, drafted_by, drafted_at, corrects_id, correction_reason)
       VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}, $${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6})
       RETURNING id`,
      [
        ...cols.map(([, x]) => x),
        JSON.stringify(v.document),
        v.body,
        tx.actor?.userId ?? null,
        tx.now(),
        c.correctsId,
        c.correctionReason,
      ],
    );
    const id = (rows[0] as { id: number }).id;
    await tx.audit({
      action: `${kind.audit.prefix}.draft`,
      target: target(kind, key, { id, version: null }),
      detail: c.correctsId === null ? undefined : { correctsId: c.correctsId, reason: c.correctionReason },
    });
    return { id, state: 'draft' as const };
  });
}

/** The row a step acts on, locked, with its key; 404 when there is none. */
async function locked(tx: Ctx, kind: AnyKind, id: number) {
  // The kind's table and select list are chosen at run time.
  const { rows } = await rawQuery<Record<string, unknown> & { state: PublicationState; draftedById: number | null }>(
    tx.db,
    `SELECT t.id, t.state, t.drafted_by AS "draftedById", t.document, t.body, ${kind.listSelect}
       FROM ${kind.table} t WHERE t.id = $1 FOR UPDATE`,
    [id],
  );
  if (!rows[0]) throw notFound(kind.en, kind.zh);
  return rows[0];
}

const STATE_ZH: Record<PublicationState, string> = {
  draft: '草稿',
  submitted: '待审核',
  approved: '已通过',
  published: '已发布',
};
function expectState(row: { state: PublicationState }, state: PublicationState) {
  if (row.state !== state)
    throw conflict(
      'publication.state',
      `此稿件当前为「${STATE_ZH[row.state]}」，不能执行此操作（需为「${STATE_ZH[state]}」）`,
      `This version is ${row.state}; the step needs it ${state}`,
    );
}
const isDrafter = (tx: Ctx, row: { draftedById: number | null }) => row.draftedById === (tx.actor?.userId ?? null);

/** Replaces a draft's text (its drafter only, while it is a draft); a changed key re-checks what it corrects. */
export function redraftVersion<K extends SeriesKey>(
  ctx: Ctx,
  kind: PublicationKind<K, Version, EventName>,
  id: number,
  key: K,
  v: DraftInput,
): Promise<{ id: number; state: PublicationState }> {
  return guarded(ctx, kind, async (tx) => {
    const row = await locked(tx, kind, id);
    expectState(row, 'draft');
    if (!isDrafter(tx, row)) throw NOT_DRAFTER;
    await lockSeries(tx, kind, key);
    const c = await corrected(tx, kind, key, v.correctionReason);
    const cols = columnsOf(kind, key, v);
    const n = cols.length;
    await rawQuery(
      tx.db,
      `UPDATE ${kind.table} SET ${cols.map(([x], i) => `${x} = $${i + 1}`).join(', ')}, document = $${n + 1}, body = $${n + 2},
              drafted_at = $${n + 3}, corrects_id = $${n + 4}, correction_reason = $${n + 5} WHERE id = $${n + 6}`,
      [...cols.map(([, x]) => x), JSON.stringify(v.document), v.body, tx.now(), c.correctsId, c.correctionReason, id],
    );
    await tx.audit({
      action: `${kind.audit.prefix}.draft`,
      target: target(kind, key, { id, version: null }),
      detail: { edited: true },
    });
    return { id, state: 'draft' as const };
  });
}

/** One step of the review: from `from` to `to`, by whom the step allows, setting the step's columns. */
async function step(
  ctx: Ctx,
  kind: AnyKind,
  id: number,
  s: { from: PublicationState; to: PublicationState; by: 'drafter' | 'reviewer' | 'publisher'; action: string },
  set: (tx: Ctx, row: Record<string, unknown>) => Promise<{ sql: string; values: unknown[]; version?: number }>,
) {
  return guarded(ctx, kind, async (tx) => {
    const row = await locked(tx, kind, id);
    expectState(row, s.from);
    if (s.by === 'drafter' && !isDrafter(tx, row)) throw NOT_DRAFTER;
    if (s.by === 'reviewer' && isDrafter(tx, row)) throw OWN_REVIEW;
    const u = await set(tx, row);
    await rawQuery(tx.db, `UPDATE ${kind.table} SET state = '${s.to}', ${u.sql} WHERE id = $1`, [id, ...u.values]);
    const key = kind.keyOf(row);
    const version = u.version ?? null;
    const detail = s.to === 'published' ? kind.audit.detail?.(row as unknown as { document: unknown; body: string }) : undefined;
    await tx.audit({ action: `${kind.audit.prefix}.${s.action}`, target: target(kind, key, { id, version }), detail });
    if (version !== null) await tx.emit(kind.event, kind.payload(key, { id, version }, row.document));
    return { id, state: s.to, version };
  });
}

/** Submits a draft for review (its drafter): from now on its body is the text the reviewer approves or returns. */
export const submitVersion = (ctx: Ctx, kind: AnyKind, id: number) =>
  step(ctx, kind, id, { from: 'draft', to: 'submitted', by: 'drafter', action: 'submit' }, async (tx) => ({
    sql: 'submitted_at = $2',
    values: [tx.now()],
  }));

/** Approves a submitted version: another account than its drafter (403 for the drafter). */
export const approveVersion = (ctx: Ctx, kind: AnyKind, id: number) =>
  step(ctx, kind, id, { from: 'submitted', to: 'approved', by: 'reviewer', action: 'approve' }, async (tx) => ({
    sql: 'reviewed_by = $2, reviewed_at = $3, review_note = NULL',
    values: [tx.actor?.userId ?? null, tx.now()],
  }));

/** Sends a submitted version back to its drafter with the reviewer's reason (another account than the drafter). */
export const rejectVersion = (ctx: Ctx, kind: AnyKind, id: number, reason: string) =>
  step(ctx, kind, id, { from: 'submitted', to: 'draft', by: 'reviewer', action: 'reject' }, async (tx) => ({
    sql: 'reviewed_by = $2, reviewed_at = $3, review_note = $4',
    values: [tx.actor?.userId ?? null, tx.now(), reason],
  }));

/**
 * Publishes an approved version as the next number of its series (an advisory lock per series serialises the
 * numbering); the kind's event is emitted with it.
 */
export const publishVersion = (ctx: Ctx, kind: AnyKind, id: number) =>
  step(ctx, kind, id, { from: 'approved', to: 'published', by: 'publisher', action: 'publish' }, async (tx, row) => {
    const key = kind.keyOf(row);
    await lockSeries(tx, kind, key);
    const s = seriesWhere(kind, key, 1);
    const { rows } = await rawQuery<{ next: number }>(
      tx.db,
      `SELECT COALESCE(max(version), 0) + 1 AS next FROM ${kind.table} WHERE ${s.where}`,
      s.values,
    );
    const version = (rows[0] as { next: number }).next;
    return {
      sql: 'version = $2, published_by = $3, published_at = $4',
      values: [version, tx.actor?.userId ?? null, tx.now()],
      version,
    };
  });
