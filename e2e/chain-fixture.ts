import type pg from 'pg';
import { freshDay } from '../src/test/fresh-day';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['伟', '秀英', '娜', '洋', '静', '明轩', '磊', '丽', '建国', '淑芬', '子涵', '浩然'];
const STATUSES = ['pending', 'located', 'controlled', 'released'];
const name = (i: number) => `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}`;

/**
 * A cluster of its own for the chain graph's browser tests: `positives` cases in 南岗区 on a fresh day, case i
 * led by case (i-1)/3, `close(i)` close contacts of case i and `secondary(j)` contacts of the j-th close contact,
 * written set-based through the owner's pool. Returns the cluster's name and its node count.
 */
export async function chainFixture(
  pool: pg.Pool,
  positives: number,
  close: (i: number) => number,
  secondary: (j: number) => number,
) {
  const day = freshDay();
  const ids = (
    await pool.query(
      `INSERT INTO positives (kind, number, report_date, report_hour, channel, source, district_id, terr_path, created_at)
       SELECT CASE WHEN i % 3 = 0 THEN 'asymptomatic' ELSE 'confirmed' END, i + 1, $1, 8, '社区筛查发现', 'local', d.id, d.path, now()
         FROM generate_series(0, $2 - 1) i, territory_nodes d WHERE d.code = '230103' ORDER BY i RETURNING id`,
      [day, positives],
    )
  ).rows.map((r) => Number(r.id));
  await pool.query('INSERT INTO positive_links (positive_id, source_id) SELECT * FROM unnest($1::bigint[], $2::bigint[])', [
    ids.slice(1),
    ids.slice(1).map((_, i) => ids[Math.floor(i / 3)]),
  ]);
  const insert = async (kind: 'close' | 'secondary', sources: number[], offset: number) =>
    (
      await pool.query(
        `INSERT INTO contacts (kind, name, status, source_positive_id, source_contact_id, district_id, terr_path, traced_at)
         SELECT $1, s.name, s.status, CASE WHEN $1 = 'close' THEN s.source END, CASE WHEN $1 = 'secondary' THEN s.source END,
                d.id, d.path, now()
           FROM unnest($2::text[], $3::text[], $4::bigint[]) WITH ORDINALITY s(name, status, source, n), territory_nodes d
          WHERE d.code = '230103' ORDER BY s.n RETURNING id`,
        [kind, sources.map((_, i) => name(offset + i)), sources.map((_, i) => STATUSES[i % STATUSES.length]), sources],
      )
    ).rows.map((r) => Number(r.id));
  const closeIds = await insert(
    'close',
    ids.flatMap((id, i) => Array.from({ length: close(i) }, () => id)),
    0,
  );
  const secondaryIds = await insert(
    'secondary',
    closeIds.flatMap((id, j) => Array.from({ length: secondary(j) }, () => id)),
    7,
  );
  const cluster = `传播链测试${day}`;
  await pool.query(
    `WITH c AS (INSERT INTO clusters (name, lineage, created_at) VALUES ($1, 'BA.5.2', now()) RETURNING id)
     INSERT INTO cluster_members (cluster_id, positive_id) SELECT c.id, unnest($2::bigint[]) FROM c`,
    [cluster, ids],
  );
  return { cluster, day, ids, nodes: ids.length + closeIds.length + secondaryIds.length };
}
