/**
 * Sets of subtrees with exceptions, as risk areas resolve to: a record whose territory path lies under an included
 * path of an area, and under none of that area's excluded paths, is inside the area. Areas are counted in groups
 * (a level, a district and zone). The modules owning records by path (residents, positives) ask by such sets in
 * one statement each: the set is a CTE of arrays, and each included path is one index range of the records' path
 * index ([path, the path with its closing '/' raised to '0'), paths being digits and slashes in the C collation).
 */
export interface AreaPath {
  group: number;
  area: number;
  path: string;
  included: boolean;
}

/** The SQL pieces and parameters of a query over `rows`, numbered from `$first`. */
export function subtreeSets(rows: readonly AreaPath[], first: number) {
  const $ = (i: number) => `$${first + i}`;
  const under = (col: string, alias: string) =>
    `${col} >= ${alias}.path COLLATE "C" AND ${col} < (left(${alias}.path, -1) || '0') COLLATE "C"`;
  return {
    params: [rows.map((r) => r.group), rows.map((r) => r.area), rows.map((r) => r.path), rows.map((r) => r.included)],
    /** The CTE `n(g, a, path, inc)`. */
    with: `n AS MATERIALIZED (SELECT * FROM unnest(${$(0)}::bigint[], ${$(1)}::bigint[], ${$(2)}::text[], ${$(3)}::bool[]) AS n(g, a, path, inc))`,
    /** Joins `n` to the rows whose `col` lies under one of its included paths. */
    join: (col: string) => `JOIN n ON n.inc AND ${under(col, 'n')}`,
    /** The row is under no excluded path of the joined area. */
    notExcluded: (col: string) => `NOT EXISTS (SELECT 1 FROM n x WHERE x.a = n.a AND NOT x.inc AND ${under(col, 'x')})`,
  };
}
