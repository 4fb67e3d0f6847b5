import type { Queryable } from '../../db/connect';
import { likePrefix } from '../territory/rules';

export interface ClusterRow {
  id: number;
  name: string;
  lineage: string | null;
  cases: number;
  districts: { district: string; cases: number }[];
}

/** Clusters and the records of their chain, as seen from one scope (terr_path LIKE scope%). */
export function clustersStore(db: Queryable, scopePath: string) {
  const scope = likePrefix(scopePath);
  return {
    /** The new cluster's id, or undefined when the name is taken. */
    async insert(c: { name: string; lineage: string | null; positiveIds: number[] }, at: Date) {
      const r = await db.query(
        'INSERT INTO clusters (name, lineage, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING id',
        [c.name, c.lineage, at],
      );
      if (!r.rowCount) return undefined;
      const id = Number(r.rows[0].id);
      await db.query('INSERT INTO cluster_members (cluster_id, positive_id) SELECT $1, unnest($2::bigint[])', [
        id,
        c.positiveIds,
      ]);
      return id;
    },

    /** Clusters with at least one member in scope, each with its case count and count per district (largest first). */
    async list(): Promise<ClusterRow[]> {
      const r = await db.query(
        `SELECT c.id, c.name, c.lineage, count(*)::int AS cases,
                (SELECT json_agg(json_build_object('district', x.name, 'cases', x.n) ORDER BY x.n DESC, x.first)
                   FROM (SELECT d.name, count(*)::int AS n, min(p2.id) AS first FROM cluster_members m2
                           JOIN positives p2 ON p2.id = m2.positive_id JOIN territory_nodes d ON d.id = p2.district_id
                          WHERE m2.cluster_id = c.id AND p2.terr_path LIKE $1 GROUP BY d.name) x) AS districts
           FROM clusters c JOIN cluster_members m ON m.cluster_id = c.id JOIN positives p ON p.id = m.positive_id
          WHERE p.terr_path LIKE $1 GROUP BY c.id ORDER BY c.created_at DESC`,
        [scope],
      );
      return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
    },

    /** The cluster's members in scope. */
    async members(clusterId: number): Promise<number[]> {
      const r = await db.query(
        `SELECT m.positive_id AS id FROM cluster_members m JOIN positives p ON p.id = m.positive_id
          WHERE m.cluster_id = $1 AND p.terr_path LIKE $2`,
        [clusterId, scope],
      );
      return r.rows.map((x) => Number(x.id));
    },

    /** The members and the positives one link away from them, with the links among all of those. */
    async chain(members: number[]) {
      const positives = (
        await db.query(
          `SELECT p.id, p.kind, p.number, to_char(p.report_date, 'MM-DD') AS day FROM positives p
            WHERE p.id IN (SELECT unnest($1::bigint[])
                           UNION SELECT source_id FROM positive_links WHERE positive_id = ANY($1)
                           UNION SELECT positive_id FROM positive_links WHERE source_id = ANY($1))
              AND p.terr_path LIKE $2`,
          [members, scope],
        )
      ).rows.map((p) => ({ ...p, id: Number(p.id) })) as {
        id: number;
        kind: 'confirmed' | 'asymptomatic';
        number: number;
        day: string;
      }[];
      const ids = positives.map((p) => p.id);
      const links = (
        await db.query(
          'SELECT positive_id AS "positiveId", source_id AS "sourceId" FROM positive_links WHERE positive_id = ANY($1) AND source_id = ANY($1)',
          [ids],
        )
      ).rows as { positiveId: number; sourceId: number }[];
      return { positives, links };
    },

    /** Contacts of one kind traced from `sources` (positives for close contacts, contacts for theirs), in id order. */
    async contactsFrom(kind: 'close' | 'secondary', sources: number[], limit: number) {
      const r = await db.query(
        `SELECT id, name, ${kind === 'close' ? 'source_positive_id' : 'source_contact_id'} AS source FROM contacts
          WHERE kind = $1 AND ${kind === 'close' ? 'source_positive_id' : 'source_contact_id'} = ANY($2) AND terr_path LIKE $3
          ORDER BY id LIMIT $4`,
        [kind, sources, scope, limit],
      );
      return r.rows as { id: number; name: string; source: number }[];
    },
  };
}
