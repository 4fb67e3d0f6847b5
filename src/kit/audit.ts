import { type Db, rawQuery } from '../db/kysely';
import type { Actor } from './actor';

/** One audited action. `personIds` records one row per person in a single statement (list reads, imports). */
export interface AuditEntry {
  action: string;
  personId?: number | null;
  personIds?: readonly number[];
  target?: string;
  detail?: Record<string, unknown>;
}

/** Writes audit rows on `db` (the caller's transaction when it has one), so an action and its record land together. */
export async function writeAudit(db: Db, actor: Actor | null, at: Date, e: AuditEntry) {
  const who = {
    at,
    user_id: actor?.userId ?? null,
    username: actor?.username ?? '-',
    role: actor?.role ?? null,
    ip: actor?.ip ?? null,
    action: e.action,
    target: e.target ?? null,
    detail: JSON.stringify(e.detail ?? {}),
  };
  if (e.personIds) {
    if (e.personIds.length === 0) return;
    // One statement for any number of people (a builder VALUES list would run out of parameters at ~7,000).
    await rawQuery(
      db,
      `INSERT INTO audit_log (at, user_id, username, role, ip, action, person_id, target, detail)
       SELECT $1, $2, $3, $4, $5, $6, p, $8, $9 FROM unnest($7::bigint[]) AS p`,
      [who.at, who.user_id, who.username, who.role, who.ip, who.action, e.personIds, who.target, who.detail],
    );
    return;
  }
  await db
    .insertInto('audit_log')
    .values({ ...who, person_id: e.personId ?? null })
    .execute();
}
