import type { z } from 'zod';
import type { Ctx } from '../../../kit/context';
import { conflict, invalidFields, notFound } from '../../../server/errors';
import { positivesStore } from '../cases/store';
import { placesService } from '../places/service';
import type { createCluster } from './contract';
import { chainGraph, GRAPH_CONTACT_LIMIT } from './rules';
import { clustersStore } from './store';

/** Clusters (聚集性疫情): members, lineage, districts, and the transmission chain as a graph. */
export const clustersService = {
  create: (ctx: Ctx, input: z.infer<typeof createCluster>) =>
    ctx.transaction(async (tx) => {
      const ids = [...new Set(input.positiveIds)];
      if ((await positivesStore(tx).visible(ids)).length !== ids.length)
        throw invalidFields([
          { field: 'positiveIds', zh: '包含不存在的病例', en: 'names a positive that does not exist in your scope' },
        ]);
      const id = await clustersStore(tx).insert({ name: input.name, lineage: input.lineage ?? null, positiveIds: ids });
      if (id === undefined) throw conflict('cluster.name_taken', '该聚集性疫情名称已存在', 'A cluster with this name exists');
      await tx.audit({ action: 'cluster.create', target: input.name });
      return { id };
    }),

  /** Clusters with at least one member in scope, each with its case count and count per district (largest first). */
  async list(ctx: Ctx) {
    const clusters = await clustersStore(ctx).list();
    const names = await placesService.districtNames(
      ctx,
      clusters.flatMap((c) => c.districts.map((d) => d.districtId)),
    );
    return clusters.map((c) => ({
      ...c,
      districts: c.districts.map((d) => ({ district: names.get(d.districtId) ?? '', cases: d.cases })),
    }));
  },

  /**
   * The chain: the cluster's positives, the positives one link away, their close contacts and those contacts'
   * contacts, with an edge from each source to what it led to. Set-based: five queries whatever the size.
   */
  async graph(ctx: Ctx, clusterId: number) {
    const store = clustersStore(ctx);
    const members = await store.members(clusterId);
    if (!members.length) throw notFound('Cluster', '聚集性疫情');
    const { positives, links } = await store.chain(members);
    const close = await store.contactsFrom(
      'close',
      positives.map((p) => p.id),
      GRAPH_CONTACT_LIMIT,
    );
    const secondary = await store.contactsFrom(
      'secondary',
      close.map((c) => c.id),
      Math.max(0, GRAPH_CONTACT_LIMIT - close.length),
    );
    return chainGraph({ members, positives, links, close, secondary });
  },
};
