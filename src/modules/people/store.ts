import type { Queryable } from '../../db/connect';
import { likePrefix } from '../territory/rules';
import type { LedgerRow } from './ledger';

export interface PersonRow {
  id: number;
  idNumber: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  phone: string | null;
  householdId: number;
  /** Names of 社区, 小区, 楼栋, 单元, 户 above the person. */
  addressParts: string[];
  actualAddress: string | null;
  registeredAddress: string | null;
  tags: string[];
}

export interface PeopleFilter {
  /** Limit to the subtree of this path (already checked to lie inside the scope). */
  underPath?: string;
  q?: string;
  tag?: string;
  page: number;
  pageSize: number;
}

// The household's address is read from its ancestors: 小区 楼栋 单元 户 (the four levels above the person).
const COLS = `p.id, p.id_number AS "idNumber", p.name, p.sex, p.birth_date AS "birthDate", p.phone,
  p.household_id AS "householdId", p.actual_address AS "actualAddress", p.registered_address AS "registeredAddress",
  p.tags, ARRAY(SELECT a.name FROM territory_nodes a
           WHERE a.id = ANY (string_to_array(trim(both '/' from p.terr_path), '/')::bigint[]) AND a.depth >= 3
           ORDER BY a.depth) AS "addressParts"`;

/** Residents as seen from one scope: every statement ANDs `terr_path LIKE scope%`. */
export function peopleStore(db: Queryable, scopePath: string) {
  const scope = likePrefix(scopePath);
  const where = (f: Omit<PeopleFilter, 'page' | 'pageSize'>, args: unknown[]) => {
    args.push(scope);
    const conds = [`p.terr_path LIKE $${args.length}`];
    if (f.underPath) {
      args.push(likePrefix(f.underPath));
      conds.push(`p.terr_path LIKE $${args.length}`);
    }
    if (f.q) {
      if (/^\d{6,17}[\dXx]?$/.test(f.q)) {
        args.push(f.q.toUpperCase());
        conds.push(`p.id_number = $${args.length}`);
      } else {
        args.push(`${f.q.replace(/[\\%_]/g, '\\$&')}%`);
        conds.push(`p.name LIKE $${args.length}`);
      }
    }
    if (f.tag === 'any') conds.push(`p.tags <> '{}'`);
    else if (f.tag) {
      args.push(f.tag);
      conds.push(`p.tags <> '{}' AND $${args.length} = ANY (p.tags)`);
    }
    return conds.join(' AND ');
  };
  return {
    async list(f: PeopleFilter): Promise<{ total: number; items: PersonRow[] }> {
      const args: unknown[] = [];
      const cond = where(f, args);
      const total = (await db.query(`SELECT count(*)::int AS n FROM people p WHERE ${cond}`, args)).rows[0].n;
      const r = await db.query(
        `SELECT ${COLS} FROM people p WHERE ${cond} ORDER BY p.terr_path, p.id LIMIT $${args.length + 1} OFFSET $${args.length + 2}`,
        [...args, f.pageSize, (f.page - 1) * f.pageSize],
      );
      return { total, items: r.rows };
    },
    async byId(id: number): Promise<PersonRow | undefined> {
      const r = await db.query(`SELECT ${COLS} FROM people p WHERE p.id = $1 AND p.terr_path LIKE $2`, [id, scope]);
      return r.rows[0];
    },
    /** All matching rows in path order, a page at a time (keyset), for exports of any size. */
    async *scan(f: Omit<PeopleFilter, 'page' | 'pageSize'>, batch = 5000): AsyncGenerator<PersonRow[]> {
      let after: [string, number] = ['', 0];
      for (;;) {
        const args: unknown[] = [];
        const cond = where(f, args);
        const r = await db.query(
          `SELECT ${COLS}, p.terr_path AS "terrPath" FROM people p WHERE ${cond} AND (p.terr_path, p.id) > ($${args.length + 1}, $${args.length + 2})
            ORDER BY p.terr_path, p.id LIMIT $${args.length + 3}`,
          [...args, after[0], after[1], batch],
        );
        if (r.rows.length === 0) return;
        const last = r.rows[r.rows.length - 1];
        after = [last.terrPath, last.id];
        yield r.rows;
        if (r.rows.length < batch) return;
      }
    },
    /** The resident in scope with this ID number, and the household they live in. */
    async dwellingOf(idNumber: string): Promise<{ id: number; householdId: number } | undefined> {
      const r = await db.query(
        'SELECT id, household_id AS "householdId" FROM people WHERE id_number = $1 AND terr_path LIKE $2',
        [idNumber, scope],
      );
      return r.rows[0];
    },
    /** ID numbers among `ids` that are registered outside this scope. */
    async registeredElsewhere(ids: string[]): Promise<Set<string>> {
      const r = await db.query('SELECT id_number FROM people WHERE id_number = ANY($1) AND terr_path NOT LIKE $2', [ids, scope]);
      return new Set(r.rows.map((x) => x.id_number.trim()));
    },
    /**
     * Inserts new residents and updates changed ones, by ID number, in one statement. Rows identical to what is
     * stored are left alone, so replaying a file changes nothing. Returns the ids written, split by kind.
     */
    async upsert(rows: (LedgerRow & { householdId: number; terrPath: string })[], at: Date) {
      const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
      const r = await db.query(
        `INSERT INTO people AS p (id_number, name, sex, birth_date, phone, household_id, terr_path, actual_address,
                                  registered_address, tags, created_at, updated_at)
         SELECT i, n, s, b::date, ph, h, t, aa, ra, string_to_array(tg, ',')::text[], $11, $11
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[],
                       $8::text[], $9::text[], $10::text[]) AS x(i, n, s, b, ph, h, t, aa, ra, tg)
         ON CONFLICT (id_number) DO UPDATE SET name = EXCLUDED.name, phone = EXCLUDED.phone,
             household_id = EXCLUDED.household_id, terr_path = EXCLUDED.terr_path,
             actual_address = EXCLUDED.actual_address, registered_address = EXCLUDED.registered_address,
             tags = EXCLUDED.tags, updated_at = EXCLUDED.updated_at
           WHERE (p.name, p.phone, p.household_id, p.actual_address, p.registered_address, p.tags)
                 IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.phone, EXCLUDED.household_id, EXCLUDED.actual_address,
                                   EXCLUDED.registered_address, EXCLUDED.tags)
         RETURNING p.id, (xmax = 0) AS inserted`,
        [
          col('idNumber'),
          col('name'),
          col('sex'),
          col('birthDate'),
          col('phone'),
          col('householdId'),
          col('terrPath'),
          col('actualAddress'),
          col('registeredAddress'),
          rows.map((x) => x.tags.join(',')),
          at,
        ],
      );
      return {
        inserted: r.rows.filter((x) => x.inserted).map((x) => Number(x.id)),
        updated: r.rows.filter((x) => !x.inserted).map((x) => Number(x.id)),
      };
    },
  };
}
