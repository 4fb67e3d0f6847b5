import type pg from 'pg';
import { inTransaction } from '../../db/connect';
import type { Actor } from '../../kit/actor';
import type { Clock } from '../../server/clock';
import { conflict, invalidFields, notFound } from '../../server/errors';
import { auditStore } from '../audit/store';
import { clustersStore } from './clusters-store';
import { positivesStore } from './store';

export interface GraphNode {
  id: string;
  label: string;
  kind: 'confirmed' | 'asymptomatic' | 'close' | 'secondary';
  member: boolean;
}

/** At most this many contact nodes in one chain graph; the rest are counted, not drawn. */
export const GRAPH_CONTACT_LIMIT = 5000;

/** Clusters (聚集性疫情): members, lineage, districts, and the transmission chain as a graph. */
export function clustersService(deps: { pool: pg.Pool; clock: Clock }) {
  return {
    async create(a: Actor, input: { name: string; lineage?: string; positiveIds: number[] }) {
      const now = deps.clock.now();
      return inTransaction(deps.pool, async (tx) => {
        const ids = [...new Set(input.positiveIds)];
        if ((await positivesStore(tx, a.scopePath).visible(ids)).length !== ids.length)
          throw invalidFields([
            { field: 'positiveIds', zh: '包含不存在的病例', en: 'names a positive that does not exist in your scope' },
          ]);
        const id = await clustersStore(tx, a.scopePath).insert(
          { name: input.name, lineage: input.lineage ?? null, positiveIds: ids },
          now,
        );
        if (id === undefined) throw conflict('cluster.name_taken', '该聚集性疫情名称已存在', 'A cluster with this name exists');
        await auditStore(tx).record(a, now, { action: 'cluster.create', target: input.name });
        return { id };
      });
    },

    /** Clusters with at least one member in scope, each with its case count and count per district (largest first). */
    list: (a: Actor) => clustersStore(deps.pool, a.scopePath).list(),

    /**
     * The chain: the cluster's positives, the positives one link away, their close contacts and those contacts'
     * contacts, with an edge from each source to what it led to. Set-based: five queries whatever the size.
     */
    async graph(a: Actor, clusterId: number) {
      const store = clustersStore(deps.pool, a.scopePath);
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
      const memberSet = new Set(members);
      const nodes: GraphNode[] = [
        ...positives.map((p) => ({
          id: `p${p.id}`,
          label: `${p.day} ${p.kind === 'confirmed' ? '确诊' : '无症状'}${p.number}`,
          kind: p.kind,
          member: memberSet.has(p.id),
        })),
        ...close.map((c) => ({ id: `c${c.id}`, label: c.name, kind: 'close' as const, member: false })),
        ...secondary.map((c) => ({ id: `c${c.id}`, label: c.name, kind: 'secondary' as const, member: false })),
      ];
      const edges = [
        ...links.map((l) => ({ source: `p${l.sourceId}`, target: `p${l.positiveId}` })),
        ...close.map((c) => ({ source: `p${c.source}`, target: `c${c.id}` })),
        ...secondary.map((c) => ({ source: `c${c.source}`, target: `c${c.id}` })),
      ];
      return { nodes, edges, truncated: close.length + secondary.length >= GRAPH_CONTACT_LIMIT };
    },
  };
}

export type ClustersService = ReturnType<typeof clustersService>;
