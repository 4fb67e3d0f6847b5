import type pg from 'pg';
import { inTransaction } from '../../db/connect';
import type { Actor } from '../../server/access';
import type { Clock } from '../../server/clock';
import { conflict, invalidFields, notFound } from '../../server/errors';
import { auditStore } from '../audit/store';
import { likePrefix } from '../territory/rules';
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
        const r = await tx.query(
          'INSERT INTO clusters (name, lineage, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING id',
          [input.name, input.lineage ?? null, now],
        );
        if (!r.rowCount) throw conflict('cluster.name_taken', '该聚集性疫情名称已存在', 'A cluster with this name exists');
        const id = Number(r.rows[0].id);
        await tx.query('INSERT INTO cluster_members (cluster_id, positive_id) SELECT $1, unnest($2::bigint[])', [id, ids]);
        await auditStore(tx).record(a, now, { action: 'cluster.create', target: input.name });
        return { id };
      });
    },

    /** Clusters with at least one member in scope, each with its case count and count per district (largest first). */
    async list(a: Actor) {
      const r = await deps.pool.query(
        `SELECT c.id, c.name, c.lineage, count(*)::int AS cases,
                (SELECT json_agg(json_build_object('district', x.name, 'cases', x.n) ORDER BY x.n DESC, x.first)
                   FROM (SELECT d.name, count(*)::int AS n, min(p2.id) AS first FROM cluster_members m2
                           JOIN positives p2 ON p2.id = m2.positive_id JOIN territory_nodes d ON d.id = p2.district_id
                          WHERE m2.cluster_id = c.id AND p2.terr_path LIKE $1 GROUP BY d.name) x) AS districts
           FROM clusters c JOIN cluster_members m ON m.cluster_id = c.id JOIN positives p ON p.id = m.positive_id
          WHERE p.terr_path LIKE $1 GROUP BY c.id ORDER BY c.created_at DESC`,
        [likePrefix(a.scopePath)],
      );
      return r.rows.map((x) => ({ ...x, id: Number(x.id) })) as {
        id: number;
        name: string;
        lineage: string | null;
        cases: number;
        districts: { district: string; cases: number }[];
      }[];
    },

    /**
     * The chain: the cluster's positives, the positives one link away, their close contacts and those contacts'
     * contacts, with an edge from each source to what it led to. Set-based: five queries whatever the size.
     */
    async graph(a: Actor, clusterId: number) {
      const scope = likePrefix(a.scopePath);
      const members = (
        await deps.pool.query(
          'SELECT m.positive_id AS id FROM cluster_members m JOIN positives p ON p.id = m.positive_id WHERE m.cluster_id = $1 AND p.terr_path LIKE $2',
          [clusterId, scope],
        )
      ).rows.map((r) => Number(r.id));
      if (!members.length) throw notFound('Cluster', '聚集性疫情');
      const positives = (
        await deps.pool.query(
          `SELECT p.id, p.kind, p.number, to_char(p.report_date, 'MM-DD') AS day FROM positives p
          WHERE p.terr_path LIKE $2 AND (p.id = ANY($1)
             OR p.id IN (SELECT source_id FROM positive_links WHERE positive_id = ANY($1))
             OR p.id IN (SELECT positive_id FROM positive_links WHERE source_id = ANY($1)))`,
          [members, scope],
        )
      ).rows;
      const pIds = positives.map((p) => Number(p.id));
      const links = (
        await deps.pool.query(
          'SELECT positive_id, source_id FROM positive_links WHERE positive_id = ANY($1) AND source_id = ANY($1)',
          [pIds],
        )
      ).rows;
      const close = (
        await deps.pool.query(
          "SELECT id, name, source_positive_id AS src FROM contacts WHERE kind = 'close' AND source_positive_id = ANY($1) AND terr_path LIKE $2 ORDER BY id LIMIT $3",
          [pIds, scope, GRAPH_CONTACT_LIMIT],
        )
      ).rows;
      const secondary = (
        await deps.pool.query(
          "SELECT id, name, source_contact_id AS src FROM contacts WHERE kind = 'secondary' AND source_contact_id = ANY($1) AND terr_path LIKE $2 ORDER BY id LIMIT $3",
          [close.map((c) => c.id), scope, Math.max(0, GRAPH_CONTACT_LIMIT - close.length)],
        )
      ).rows;
      const memberSet = new Set(members);
      const nodes: GraphNode[] = [
        ...positives.map((p) => ({
          id: `p${p.id}`,
          label: `${p.day} ${p.kind === 'confirmed' ? '确诊' : '无症状'}${p.number}`,
          kind: p.kind,
          member: memberSet.has(Number(p.id)),
        })),
        ...close.map((c) => ({ id: `c${c.id}`, label: c.name, kind: 'close' as const, member: false })),
        ...secondary.map((c) => ({ id: `c${c.id}`, label: c.name, kind: 'secondary' as const, member: false })),
      ];
      const edges = [
        ...links.map((l) => ({ source: `p${l.source_id}`, target: `p${l.positive_id}` })),
        ...close.map((c) => ({ source: `p${c.src}`, target: `c${c.id}` })),
        ...secondary.map((c) => ({ source: `c${c.src}`, target: `c${c.id}` })),
      ];
      return { nodes, edges, truncated: close.length + secondary.length >= GRAPH_CONTACT_LIMIT };
    },
  };
}

export type ClustersService = ReturnType<typeof clustersService>;
