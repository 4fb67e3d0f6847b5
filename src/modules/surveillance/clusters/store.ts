import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { anyOf } from '../../../db/kysely';
import type { Ctx } from '../../../kit/context';
import { likePrefix } from '../../territory/rules';
import type { ContactStatus } from '../contacts/contract';
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
      if (!c.positiveIds.length) return created.id;
      await db
        .insertInto('cluster_members')
        .columns(['cluster_id', 'positive_id'])
        .expression(
          db
            .selectFrom('positives as p')
            .select((eb) => [eb.val(created.id).as('cluster_id'), 'p.id'])
            .where('p.id', '=', anyOf(c.positiveIds))
            .where('p.terr_path', 'like', scope),
        )
        .execute();
      return created.id;
    },

    /** Clusters with at least one member in scope, each with its case count and count per district (largest first). */
    async list(): Promise<StoredCluster[]> {
      return db
        .selectFrom('clusters as c')
        .innerJoin('cluster_members as m', 'm.cluster_id', 'c.id')
        .innerJoin('positives as p', 'p.id', 'm.positive_id')
        .select((eb) => [
          'c.id',
          'c.name',
          'c.lineage',
          eb.fn.countAll<number>().as('cases'),
          jsonArrayFrom(
            eb
              .selectFrom('cluster_members as m2')
              .innerJoin('positives as p2', 'p2.id', 'm2.positive_id')
              .select((e2) => ['p2.district_id as districtId', e2.fn.countAll<number>().as('cases')])
              .whereRef('m2.cluster_id', '=', 'c.id')
              .where('p2.terr_path', 'like', scope)
              .groupBy('p2.district_id')
              .orderBy((e2) => e2.fn.countAll(), 'desc')
              .orderBy((e2) => e2.fn.min('p2.id')),
          ).as('districts'),
        ])
        .where('p.terr_path', 'like', scope)
        .groupBy('c.id')
        .orderBy('c.created_at', 'desc')
        .execute();
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
      if (!members.length) return { positives: [], links: [] };
      // The members and the positives one link away, as one union the planner joins by id (an OR of IN
      // subqueries is a filter over every positive in scope).
      const around = db
        .selectNoFrom(sql<number>`unnest(${members}::bigint[])`.as('id'))
        .union(db.selectFrom('positive_links').select('source_id as id').where('positive_id', '=', anyOf(members)))
        .union(db.selectFrom('positive_links').select('positive_id as id').where('source_id', '=', anyOf(members)));
      const positives = await db
        .selectFrom('positives as p')
        .select((eb) => [
          'p.id',
          eb.ref('p.kind').$castTo<'confirmed' | 'asymptomatic'>().as('kind'),
          'p.number',
          sql<string>`to_char(${eb.ref('p.report_date')}, 'MM-DD')`.as('day'),
        ])
        .where('p.id', 'in', around)
        .where('p.terr_path', 'like', scope)
        .execute();
      const ids = positives.map((p) => p.id);
      if (!ids.length) return { positives, links: [] };
      const links = await db
        .selectFrom('positive_links as l')
        .innerJoin('positives as p', 'p.id', 'l.positive_id')
        .select(['l.positive_id as positiveId', 'l.source_id as sourceId'])
        .where('l.positive_id', '=', anyOf(ids))
        .where('l.source_id', '=', anyOf(ids))
        .where('p.terr_path', 'like', scope)
        .execute();
      return { positives, links };
    },

    /** Contacts of one kind traced from `sources` (positives for close contacts, contacts for theirs), in id order. */
    async contactsFrom(kind: 'close' | 'secondary', sources: number[], limit: number) {
      if (!sources.length) return [];
      const source = kind === 'close' ? 'source_positive_id' : 'source_contact_id';
      return db
        .selectFrom('contacts')
        .select((eb) => [
          'id',
          'name',
          eb.ref('status').$castTo<ContactStatus>().as('status'),
          eb.ref(source).$castTo<number>().as('source'),
        ])
        .where('kind', '=', kind)
        .where(source, '=', anyOf(sources))
        .where('terr_path', 'like', scope)
        .orderBy('id')
        .limit(limit)
        .execute();
    },
  };
}
