import { rawQuery } from '../../../db/kysely';
import type { Ctx } from '../../../kit/context';
import { likePrefix } from '../../territory/rules';
import type { ClusterItem } from './contract';

/** A cluster as stored: its districts by id (their names are the territory's, added by the service). */
export type StoredCluster = Omit<ClusterItem, 'districts'> & { districts: { districtId: number; cases: number }[] };

/**
 * Clusters and the records of their chain, as seen from the context's scope: a cluster is seen through its
 * members in scope, and only positives of the scope become members.
 */
export function clustersStore(ctx: Ctx) {
  const scope = likePrefix(ctx.scopePath);
  const db = ctx.db;
  return {
    /** The new cluster's id, or undefined when the name is taken. */
    async insert(c: { name: string; lineage: string | null; positiveIds: number[] }) {
      const created = await db
        .insertInto('clusters')
        .values({ name: c.name, lineage: c.lineage, created_at: ctx.now() })
        .onConflict((oc) => oc.column('name').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!created) return undefined;
      await rawQuery(
        db,
        `INSERT INTO cluster_members (cluster_id, positive_id)
         SELECT $1, p.id FROM positives p WHERE p.id = ANY($2::bigint[]) AND p.terr_path LIKE $3`,
        [created.id, c.positiveIds, scope],
      );
      return created.id;
    },

    /** Clusters with at least one member in scope, each with its case count and count per district (largest first). */
    async list(): Promise<StoredCluster[]> {
      const { rows } = await rawQuery<StoredCluster>(
        db,
        `SELECT c.id, c.name, c.lineage, count(*)::int AS cases,
                (SELECT json_agg(json_build_object('districtId', x.d, 'cases', x.n) ORDER BY x.n DESC, x.first)
                   FROM (SELECT p2.district_id AS d, count(*)::int AS n, min(p2.id) AS first FROM cluster_members m2
                           JOIN positives p2 ON p2.id = m2.positive_id
                          WHERE m2.cluster_id = c.id AND p2.terr_path LIKE $1 GROUP BY p2.district_id) x) AS districts
           FROM clusters c JOIN cluster_members m ON m.cluster_id = c.id JOIN positives p ON p.id = m.positive_id
          WHERE p.terr_path LIKE $1 GROUP BY c.id ORDER BY c.created_at DESC`,
        [scope],
      );
      return rows;
    },

    /** The cluster's members in scope. */
    async members(clusterId: number): Promise<number[]> {
      const rows = await db
        .selectFrom('cluster_members as m')
        .innerJoin('positives as p', 'p.id', 'm.positive_id')
        .select('m.positive_id as id')
        .where('m.cluster_id', '=', clusterId)
        .where('p.terr_path', 'like', scope)
        .execute();
      return rows.map((x) => x.id);
    },

    /** The members and the positives one link away from them (in scope), with the links among all of those. */
    async chain(members: number[]) {
      const { rows: positives } = await rawQuery<{
        id: number;
        kind: 'confirmed' | 'asymptomatic';
        number: number;
        day: string;
      }>(
        db,
        `SELECT p.id, p.kind, p.number, to_char(p.report_date, 'MM-DD') AS day FROM positives p
          WHERE p.id IN (SELECT unnest($1::bigint[])
                         UNION SELECT source_id FROM positive_links WHERE positive_id = ANY($1)
                         UNION SELECT positive_id FROM positive_links WHERE source_id = ANY($1))
            AND p.terr_path LIKE $2`,
        [members, scope],
      );
      const ids = positives.map((p) => p.id);
      const { rows: links } = await rawQuery<{ positiveId: number; sourceId: number }>(
        db,
        `SELECT l.positive_id AS "positiveId", l.source_id AS "sourceId" FROM positive_links l
           JOIN positives p ON p.id = l.positive_id
          WHERE l.positive_id = ANY($1) AND l.source_id = ANY($1) AND p.terr_path LIKE $2`,
        [ids, scope],
      );
      return { positives, links };
    },

    /** Contacts of one kind traced from `sources` (positives for close contacts, contacts for theirs), in id order. */
    async contactsFrom(kind: 'close' | 'secondary', sources: number[], limit: number) {
      const source = kind === 'close' ? 'source_positive_id' : 'source_contact_id';
      const { rows } = await rawQuery<{ id: number; name: string; source: number }>(
        db,
        `SELECT id, name, ${source} AS source FROM contacts
          WHERE kind = $1 AND ${source} = ANY($2) AND terr_path LIKE $3 ORDER BY id LIMIT $4`,
        [kind, sources, scope, limit],
      );
      return rows;
    },
  };
}
