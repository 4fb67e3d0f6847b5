import { rawQuery } from '../../../db/kysely';
import type { Ctx } from '../../../kit/context';
import { likePrefix } from '../../territory/rules';

export interface PointRow {
  id: number;
  name: string;
  nodeId: number;
  path: string;
  address: string | null;
  opensAt: string;
  closesAt: string;
  posts: number;
  active: boolean;
}

export interface PointWrite {
  name: string;
  nodeId: number;
  path: string;
  address: string | null;
  opensAt: string;
  closesAt: string;
  posts: number;
  active: boolean;
  communities: { id: number; path: string }[];
}

export interface SlotWrite {
  pointId: number;
  communityId: number;
  path: string;
  startsAt: Date;
  endsAt: Date;
  note: string | null;
}

export interface SlotRow {
  id: number;
  pointId: number;
  pointName: string;
  communityId: number;
  startsAt: Date;
  endsAt: Date;
  note: string | null;
}

const POINT = `p.id::int AS id, p.name, p.node_id::int AS "nodeId", p.terr_path AS path, p.address,
  to_char(p.opens_at, 'HH24:MI') AS "opensAt", to_char(p.closes_at, 'HH24:MI') AS "closesAt", p.posts, p.active`;

/**
 * Sampling points and the slots announced at them, as seen from a context. A point is filed at the community or
 * compound it stands in; a caller sees the points filed in their subtree and the points serving a community in
 * it (a community's residents may queue at the neighbour's point), and changes only those filed in it. Slots are
 * filed at the announcing community's path and read within the caller's subtree.
 */
export function pointsStore(ctx: Ctx) {
  const scope = likePrefix(ctx.scopePath);
  // $1 is the scope pattern in every statement below.
  const visible = `(p.terr_path LIKE $1 OR EXISTS (SELECT 1 FROM sampling_point_communities c
                     WHERE c.point_id = p.id AND c.terr_path LIKE $1))`;

  async function setCommunities(pointId: number, communities: PointWrite['communities']) {
    await rawQuery(ctx.db, 'DELETE FROM sampling_point_communities WHERE point_id = $1', [pointId]);
    if (!communities.length) return;
    await rawQuery(
      ctx.db,
      `INSERT INTO sampling_point_communities (point_id, community_id, terr_path)
       SELECT $1, * FROM unnest($2::bigint[], $3::text[]) ON CONFLICT DO NOTHING`,
      [pointId, communities.map((c) => c.id), communities.map((c) => c.path)],
    );
  }

  return {
    async insert(p: PointWrite, by: number | null, at: Date): Promise<number> {
      const r = await rawQuery<{ id: string }>(
        ctx.db,
        `INSERT INTO sampling_points (name, node_id, terr_path, address, opens_at, closes_at, posts, active, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5::time, $6::time, $7, $8, $9, $10) RETURNING id`,
        [p.name, p.nodeId, p.path, p.address, p.opensAt, p.closesAt, p.posts, p.active, by, at],
      );
      const id = Number(r.rows[0]?.id);
      await setCommunities(id, p.communities);
      return id;
    },

    /** Rewrites a point filed in the caller's subtree (false when there is none such). */
    async update(id: number, p: PointWrite): Promise<boolean> {
      const r = await rawQuery(
        ctx.db,
        `UPDATE sampling_points SET name = $3, node_id = $4, terr_path = $5, address = $6, opens_at = $7::time,
                closes_at = $8::time, posts = $9, active = $10
          WHERE id = $2 AND terr_path LIKE $1`,
        [scope, id, p.name, p.nodeId, p.path, p.address, p.opensAt, p.closesAt, p.posts, p.active],
      );
      if (!r.rowCount) return false;
      await setCommunities(id, p.communities);
      return true;
    },

    /** A point filed in the caller's subtree, locked for its change. */
    owned: async (id: number): Promise<PointRow | undefined> =>
      (
        await rawQuery<PointRow>(
          ctx.db,
          `SELECT ${POINT} FROM sampling_points p WHERE p.id = $2 AND p.terr_path LIKE $1 FOR UPDATE`,
          [scope, id],
        )
      ).rows[0],

    byIds: async (ids: readonly number[]): Promise<PointRow[]> =>
      ids.length
        ? (
            await rawQuery<PointRow>(
              ctx.db,
              `SELECT ${POINT} FROM sampling_points p WHERE p.id = ANY($2::bigint[]) AND ${visible}`,
              [scope, [...ids]],
            )
          ).rows
        : [],

    /** A page of visible points in path order after `after` (optionally only those serving a community). */
    page: async (after: [string, number] | undefined, limit: number, communityId?: number): Promise<PointRow[]> =>
      (
        await rawQuery<PointRow>(
          ctx.db,
          `SELECT ${POINT} FROM sampling_points p
            WHERE ${visible}
              AND ($2::text IS NULL OR (p.terr_path, p.id) > ($2::text COLLATE "C", $3::bigint))
              AND ($4::bigint IS NULL OR EXISTS (SELECT 1 FROM sampling_point_communities c
                                                  WHERE c.point_id = p.id AND c.community_id = $4))
            ORDER BY p.terr_path, p.id LIMIT $5`,
          [scope, after?.[0] ?? null, after?.[1] ?? null, communityId ?? null, limit],
        )
      ).rows,

    /** The communities each point serves. */
    async communitiesOf(pointIds: readonly number[]): Promise<Map<number, number[]>> {
      const out = new Map<number, number[]>();
      if (!pointIds.length) return out;
      const r = await rawQuery<{ point_id: string; community_id: string }>(
        ctx.db,
        `SELECT point_id, community_id FROM sampling_point_communities WHERE point_id = ANY($1::bigint[])
          ORDER BY point_id, terr_path, community_id`,
        [[...pointIds]],
      );
      for (const x of r.rows) out.set(Number(x.point_id), [...(out.get(Number(x.point_id)) ?? []), Number(x.community_id)]);
      return out;
    },

    /**
     * Active visible points standing in or serving the round's subtrees (`paths`), and their posts: a point in a
     * subtree, a point serving a community inside one, or a point serving the community a subtree lies in.
     */
    async serving(paths: readonly string[]): Promise<{ points: number; posts: number }> {
      const r = await rawQuery<{ points: string; posts: string }>(
        ctx.db,
        `SELECT count(*) AS points, coalesce(sum(p.posts), 0) AS posts FROM sampling_points p
          WHERE p.active AND ${visible}
            AND EXISTS (SELECT 1 FROM unnest($2::text[]) AS r(path)
                         WHERE starts_with(p.terr_path, r.path) OR starts_with(r.path, p.terr_path)
                            OR EXISTS (SELECT 1 FROM sampling_point_communities c
                                        WHERE c.point_id = p.id
                                          AND (starts_with(c.terr_path, r.path) OR starts_with(r.path, c.terr_path))))`,
        [scope, [...paths]],
      );
      return { points: Number(r.rows[0]?.points ?? 0), posts: Number(r.rows[0]?.posts ?? 0) };
    },

    /** Adds slots (one statement; a replay of the same point, community and start adds nothing): how many were new. */
    async addSlots(roundId: number, rows: readonly SlotWrite[]): Promise<number> {
      const r = await rawQuery(
        ctx.db,
        `INSERT INTO sampling_slots (round_id, point_id, community_id, terr_path, starts_at, ends_at, note)
         SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[])
         ON CONFLICT (round_id, point_id, community_id, starts_at) DO NOTHING RETURNING id`,
        [
          roundId,
          rows.map((s) => s.pointId),
          rows.map((s) => s.communityId),
          rows.map((s) => s.path),
          rows.map((s) => s.startsAt),
          rows.map((s) => s.endsAt),
          rows.map((s) => s.note),
        ],
      );
      return r.rowCount;
    },

    /** A slot announced in the caller's subtree, with its round (null when there is none such). */
    async slot(id: number): Promise<{ roundId: number; startsAt: Date; endsAt: Date; note: string | null } | null> {
      const r = await rawQuery<{ roundId: number; startsAt: Date; endsAt: Date; note: string | null }>(
        ctx.db,
        `SELECT round_id::int AS "roundId", starts_at AS "startsAt", ends_at AS "endsAt", note
           FROM sampling_slots WHERE id = $1 AND terr_path LIKE $2`,
        [id, scope],
      );
      return r.rows[0] ?? null;
    },

    /** Moves a slot's hours or changes whom it calls; false when another slot of its point and community starts then. */
    async changeSlot(id: number, c: { startsAt: Date; endsAt: Date; note: string | null }): Promise<boolean> {
      const r = await rawQuery(
        ctx.db,
        `UPDATE sampling_slots s SET starts_at = $3, ends_at = $4, note = $5
          WHERE s.id = $1 AND s.terr_path LIKE $2
            AND NOT EXISTS (SELECT 1 FROM sampling_slots o WHERE o.id <> s.id AND o.round_id = s.round_id
                              AND o.point_id = s.point_id AND o.community_id = s.community_id AND o.starts_at = $3)`,
        [id, scope, c.startsAt, c.endsAt, c.note],
      );
      return r.rowCount > 0;
    },

    /** Cancels a slot (it is no longer announced). */
    async cancelSlot(id: number): Promise<number> {
      return (await rawQuery(ctx.db, 'DELETE FROM sampling_slots WHERE id = $1 AND terr_path LIKE $2', [id, scope])).rowCount;
    },

    /** A page of a round's slots announced in the caller's subtree, by start then id. */
    slots: async (roundId: number, after: [string, number] | undefined, limit: number, pointId?: number): Promise<SlotRow[]> =>
      (
        await rawQuery<SlotRow>(
          ctx.db,
          `SELECT s.id::int AS id, s.point_id::int AS "pointId", p.name AS "pointName", s.community_id::int AS "communityId",
                  s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.note
             FROM sampling_slots s JOIN sampling_points p ON p.id = s.point_id
            WHERE s.round_id = $2 AND s.terr_path LIKE $1
              AND ($3::timestamptz IS NULL OR (s.starts_at, s.id) > ($3::timestamptz, $4::bigint))
              AND ($5::bigint IS NULL OR s.point_id = $5)
            ORDER BY s.starts_at, s.id LIMIT $6`,
          [scope, roundId, after?.[0] ?? null, after?.[1] ?? null, pointId ?? null, limit],
        )
      ).rows,
  };
}
