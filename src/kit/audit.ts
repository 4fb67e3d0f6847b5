import type { Db } from '../db/kysely';
import type { Actor } from './actor';

/**
 * One audited action. `personIds` (list reads, imports) is recorded as ONE row naming them all in `person_ids`
 * (migration 0017), however many they are: a page read under people.reveal costs one insert, not twenty.
 */
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
  const ids = e.personIds;
  if (ids?.length === 0) return;
  // One person stays in `person_id` (its index serves "what was done to this resident"); several go in `person_ids`.
  const many = ids && ids.length > 1 ? [...ids] : null;
  await db
    .insertInto('audit_log')
    .values({ ...who, person_id: many ? null : (ids?.[0] ?? e.personId ?? null), person_ids: many })
    .execute();
}
