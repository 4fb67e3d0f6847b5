import { rawQuery } from '../db/kysely';
import type { Ctx } from '../kit/context';
import type { AreaSpec } from '../modules/risk/area-spec';
import { riskService } from '../modules/risk/service';
import { initialsOf } from '../modules/territory/initials';

/** A compound or place of seed 004 the synthetic city lacks, added to the first community of 南岗区. */
const SEED004 = [
  { name: '天诚小区', type: 'compound', buildings: [1, 2, 3] },
  { name: '哈尔滨医科大学家属楼', type: 'compound', buildings: [34, 35, 36], address: '学府路194号' },
  { name: '印象城小区', type: 'compound', buildings: [6, 7, 8] },
  { name: '艺体花园小区', type: 'compound', buildings: [22, 24, 28, 30, 33, 35] },
  { name: '桃喜美甲店', type: 'place', buildings: [], address: '西大直街492号' },
] as const;

type Level = 'high' | 'medium' | 'low';
type Zone = 'sealed' | 'controlled' | 'precaution' | 'none';

/** Adds a node under `parentId` as the seed writes the territory (code, path, initials). */
async function node(hq: Ctx, parentId: number, type: string, name: string, address: string | null = null) {
  const r = await rawQuery<{ id: number }>(
    hq.db,
    `INSERT INTO territory_nodes (id, parent_id, code, name, type, depth, path, address, initials, place_kind)
     SELECT n.id, p.id, 'R' || n.id, $3, $2, p.depth + 1, p.path || n.id || '/', $4, $5, CASE WHEN $2 = 'place' THEN 'shop' END
       FROM territory_nodes p, (SELECT nextval('territory_nodes_id_seq') AS id) n WHERE p.id = $1
     RETURNING id`,
    [parentId, type, name, address, initialsOf(name, type)],
  );
  return Number(r.rows[0]?.id);
}

/**
 * The demo city's risk areas: seed 004's first two notices of 2022-11-02 in 南岗区 (their compounds added to the
 * synthetic city), and 平房区's control zones as seed 001 counts them (11 of 103 compounds sealed, the rest
 * controlled), drawn, planned and published through the risk service as the city HQ (`hq`, city-wide). Once:
 * nothing happens when an area exists.
 */
export async function loadDemoRisk(hq: Ctx): Promise<boolean> {
  if ((await rawQuery(hq.db, 'SELECT 1 FROM risk_areas LIMIT 1')).rows.length) return false;
  const [community] = (
    await rawQuery<{ id: number }>(
      hq.db,
      `SELECT c.id FROM territory_nodes c JOIN territory_nodes d ON c.path LIKE d.path || '%'
        WHERE d.name = '南岗区' AND d.depth = 1 AND c.depth = 3 ORDER BY c.code LIMIT 1`,
    )
  ).rows;
  if (!community) return false;
  const ids = new Map<string, number>();
  for (const n of SEED004) {
    const id = await node(hq, community.id, n.type, n.name, 'address' in n ? n.address : null);
    ids.set(n.name, id);
    for (const b of n.buildings) {
      const building = await node(hq, id, 'building', `${b}栋`);
      for (const u of [1, 2]) await node(hq, building, 'unit', `${u}单元`);
    }
  }
  const at = (name: string, extra: Partial<AreaSpec> = {}): AreaSpec => ({
    nodeId: ids.get(name) as number,
    nodeType: name === '桃喜美甲店' ? 'place' : 'compound',
    name,
    part: { kind: 'whole' },
    ...extra,
  });
  const except = (b: string) => ({ except: { names: [b], outer: true } });
  const changes: [AreaSpec, Level, Zone, string][] = [
    [at('天诚小区'), 'high', 'sealed', '2022-11-02T03:00:00+08:00'],
    [
      at('哈尔滨医科大学家属楼', {
        address: { text: '学府路194号', position: 'before' },
        part: { kind: 'buildings', names: ['35栋'] },
      }),
      'high',
      'sealed',
      '2022-11-02T03:00:00+08:00',
    ],
    [at('桃喜美甲店', { address: { text: '西大直街492号', position: 'before' } }), 'high', 'none', '2022-11-02T03:00:00+08:00'],
    [
      at('哈尔滨医科大学家属楼', { address: { text: '学府路194号', position: 'before' }, ...except('35栋') }),
      'medium',
      'controlled',
      '2022-11-02T03:00:00+08:00',
    ],
    [at('印象城小区', { part: { kind: 'buildings', names: ['7栋'] } }), 'high', 'sealed', '2022-11-02T13:00:00+08:00'],
    [at('艺体花园小区', { part: { kind: 'buildings', names: ['30栋'] } }), 'high', 'sealed', '2022-11-02T13:00:00+08:00'],
    [at('印象城小区', except('7栋')), 'medium', 'controlled', '2022-11-02T13:00:00+08:00'],
    [
      at('艺体花园小区', { part: { kind: 'building_range', from: '24栋', to: '35栋', enclosed: true }, ...except('30栋') }),
      'medium',
      'controlled',
      '2022-11-02T13:00:00+08:00',
    ],
  ];
  const pingfang = await rawQuery<{ id: number; name: string }>(
    hq.db,
    `SELECT c.id, c.name FROM territory_nodes c JOIN territory_nodes d ON c.path LIKE d.path || '%'
      WHERE d.name = '平房区' AND d.depth = 1 AND c.type = 'compound' ORDER BY c.code LIMIT 103`,
  );
  // Seed 001's share: 11 of 103 compounds sealed, the others controlled (at least one sealed in a small demo city).
  const sealed = Math.max(1, Math.round((pingfang.rows.length * 11) / 103));
  for (const [i, c] of pingfang.rows.entries())
    changes.push([
      { nodeId: c.id, nodeType: 'compound', name: c.name, part: { kind: 'whole' } },
      // the 20 measures draw high and low only: a sealed compound is high-risk
      i < sealed ? 'high' : 'low',
      i < sealed ? 'sealed' : 'controlled',
      '2022-11-28T00:00:00+08:00',
    ]);
  const planned: number[] = [];
  const areas: number[] = [];
  for (const [spec, level, zone, from] of changes) {
    const { id } = await riskService.createArea(hq, spec);
    areas.push(id);
    planned.push((await riskService.planChange(hq, id, { level, zone, from })).id);
  }
  await riskService.applyPublished(hq, planned, null);
  // A round of everyone in 天诚小区 (the first area), all negative, a week on: the lowering proposals read it.
  await riskService.recordRound(hq, areas[0] as number, { heldAt: '2022-11-09T08:00:00+08:00', allNegative: true });
  return true;
}
