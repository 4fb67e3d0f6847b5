/**
 * Writes web/src/pages/overview/harbin-districts.json: a SCHEMATIC map of Harbin's 18 district-level units for
 * the command overview, drawn by the project itself (no online tiles, no survey data). It is not survey-grade:
 * each unit is the Voronoi cell of one approximate representative point (roughly the middle of its area, from
 * memory of the map), clipped to a hull around all of them, with the urban core magnified by a radial distortion
 * around downtown so that 道里, 南岗, 道外 and 香坊 stay large enough to read and click. Neighbours and rough
 * directions are right; borders, areas and distances are not.
 *
 *   npx tsx scripts/harbin-districts.ts && npx biome format --write web/src/pages/overview/harbin-districts.json
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DISTRICTS } from '../src/modules/territory/harbin';

type P = [number, number];

/** Approximate representative points (longitude, latitude) by division code. */
const POINTS: Record<string, P> = {
  '230102': [126.47, 45.7], // 道里区: west of downtown, out to 新发 and 太平
  '230103': [126.67, 45.7], // 南岗区: downtown, south
  '230104': [126.86, 45.86], // 道外区: downtown east, along the river's south bank
  '230110': [126.85, 45.66], // 香坊区: southeast of downtown
  '230108': [126.63, 45.56], // 平房区: south
  '230109': [126.45, 45.93], // 松北区: across the river, north-west
  '230111': [126.8, 46.12], // 呼兰区: north
  '230112': [127.1, 45.42], // 阿城区: south-east
  '230113': [126.15, 45.38], // 双城区: south-west
  '230123': [129.5, 46.15], // 依兰县: far east, where the 牡丹江 joins the 松花江
  '230124': [128.85, 45.75], // 方正县
  '230125': [127.55, 45.72], // 宾县
  '230126': [127.38, 46.26], // 巴彦县
  '230127': [128.05, 46.16], // 木兰县
  '230128': [128.75, 46.3], // 通河县
  '230129': [128.4, 45.38], // 延寿县
  '230183': [128.1, 44.95], // 尚志市
  '230184': [127.3, 44.72], // 五常市
};

/** Downtown (the distortion's centre) and the magnification: distances from it are raised to this power. */
const CENTRE: P = [126.65, 45.76];
const POWER = 0.5;
const KM_PER_DEG = 111.32;
const cosLat = Math.cos((CENTRE[1] * Math.PI) / 180);

const toKm = ([lon, lat]: P): P => [(lon - CENTRE[0]) * KM_PER_DEG * cosLat, (lat - CENTRE[1]) * KM_PER_DEG];
const toDeg = ([x, y]: P): P => [CENTRE[0] + x / (KM_PER_DEG * cosLat), CENTRE[1] + y / KM_PER_DEG];

const points = DISTRICTS.map((d) => toKm(POINTS[d.code] as P));
const reach = Math.max(...points.map(([x, y]) => Math.hypot(x, y)));
/** The radial distortion: near points move out, far ones stay (r' = reach · (r / reach)^POWER). */
const distort = ([x, y]: P): P => {
  const r = Math.hypot(x, y);
  if (r === 0) return [0, 0];
  const k = (reach * (r / reach) ** POWER) / r;
  return [x * k, y * k];
};
const sites = points.map(distort);

/** The convex hull (Andrew's monotone chain), counter-clockwise. */
function hull(ps: P[]): P[] {
  const s = [...ps].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: P, a: P, b: P) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: P[]) => {
    const out: P[] = [];
    for (const p of list) {
      while (out.length >= 2 && cross(out[out.length - 2] as P, out[out.length - 1] as P, p) <= 0) out.pop();
      out.push(p);
    }
    return out.slice(0, -1);
  };
  return [...half(s), ...half([...s].reverse())];
}

/** The outline: the hull of a ring of points around every site, so border units get an area of their own. */
const MARGIN = 45;
const outline = hull(
  sites.flatMap(([x, y]) =>
    Array.from(
      { length: 24 },
      (_, i): P => [x + MARGIN * Math.cos((i * Math.PI) / 12), y + MARGIN * Math.sin((i * Math.PI) / 12)],
    ),
  ),
);

/** Clips a polygon to the half-plane of points nearer to `a` than to `b` (Sutherland–Hodgman). */
function nearer(poly: P[], a: P, b: P): P[] {
  const m: P = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const n: P = [b[0] - a[0], b[1] - a[1]];
  const side = (p: P) => (p[0] - m[0]) * n[0] + (p[1] - m[1]) * n[1];
  const out: P[] = [];
  poly.forEach((p, i) => {
    const q = poly[(i + 1) % poly.length] as P;
    const sp = side(p);
    const sq = side(q);
    if (sp <= 0) out.push(p);
    if (sp < 0 !== sq < 0) {
      const t = sp / (sp - sq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  });
  return out;
}

const round = ([x, y]: P): P => [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000];

const features = DISTRICTS.map((d, i) => {
  const site = sites[i] as P;
  const cell = sites.reduce((poly, other, j) => (j === i ? poly : nearer(poly, site, other)), outline);
  const ring = cell.map((p) => round(toDeg(p)));
  return {
    type: 'Feature',
    properties: { name: d.name, code: d.code, cp: round(toDeg(site)) },
    geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] },
  };
});

const out = path.resolve(import.meta.dirname, '../web/src/pages/overview/harbin-districts.json');
writeFileSync(
  out,
  `${JSON.stringify({
    type: 'FeatureCollection',
    description:
      '哈尔滨市18个区县（市）示意图，非测绘成果：各区县取一个大致的代表点，放大主城区后作泰森多边形并以外包轮廓裁剪，仅示意相邻关系与大致方位（scripts/harbin-districts.ts 生成）。Schematic, not survey-grade.',
    features,
  })}\n`,
);
console.log(`wrote ${features.length} districts to ${path.relative(process.cwd(), out)}`);
