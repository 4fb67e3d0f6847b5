import type { Queryable } from '../../db/connect';
import type { Actor } from '../../kit/actor';

export interface AuditEntry {
  action: string;
  personId?: number | null;
  target?: string;
  detail?: Record<string, unknown>;
}

/**
 * The choke point for the audit log. Writes take the transaction of the change they record, so an audited
 * action and its audit row land together. `recordMany` writes one row per person in a single statement.
 */
export function auditStore(db: Queryable) {
  return {
    async record(actor: Pick<Actor, 'userId' | 'username' | 'role' | 'ip'> | null, at: Date, e: AuditEntry) {
      await db.query(
        `INSERT INTO audit_log (at, user_id, username, role, ip, action, person_id, target, detail)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
        [
          at,
          actor?.userId ?? null,
          actor?.username ?? '-',
          actor?.role ?? null,
          actor?.ip ?? null,
          e.action,
          e.personId ?? null,
          e.target ?? null,
          e.detail ?? {},
        ],
      );
    },
    async recordMany(actor: Actor, at: Date, action: string, personIds: number[], detail: Record<string, unknown> = {}) {
      if (personIds.length === 0) return;
      await db.query(
        `INSERT INTO audit_log (at, user_id, username, role, ip, action, person_id, detail)
         SELECT $1,$2,$3,$4,$5,$6,p,$8 FROM unnest($7::bigint[]) AS p`,
        [at, actor.userId, actor.username, actor.role, actor.ip, action, personIds, detail],
      );
    },
  };
}

export interface AuditFilter {
  action?: string;
  username?: string;
  personId?: number;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

export async function listAudit(db: Queryable, f: AuditFilter) {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    args.push(v);
    where.push(sql.replace('?', `$${args.length}`));
  };
  if (f.action) add('a.action = ?', f.action);
  if (f.username) add('a.username = ?', f.username);
  if (f.personId) add('a.person_id = ?', f.personId);
  if (f.from) add('a.at >= ?', f.from);
  if (f.to) add('a.at < ?', f.to);
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (await db.query(`SELECT count(*)::int AS n FROM audit_log a ${cond}`, args)).rows[0].n as number;
  args.push(f.pageSize, (f.page - 1) * f.pageSize);
  const rows = await db.query(
    `SELECT a.id, a.at, a.username, a.role, a.ip, a.action, a.person_id AS "personId", p.name AS "personName",
            a.target, a.detail
       FROM audit_log a LEFT JOIN people p ON p.id = a.person_id
       ${cond} ORDER BY a.at DESC, a.id DESC LIMIT $${args.length - 1} OFFSET $${args.length}`,
    args,
  );
  return { total, items: rows.rows };
}
