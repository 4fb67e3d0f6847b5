import { z } from 'zod';
import { text } from '../../kit/text';
import { NODE_TYPES, type NodeType } from '../territory/rules';

/**
 * An area as the notices describe it (seed 004 and its kin), structured so that the system knows which
 * households and people are inside (the risk module resolves it against the territory tree) and the notice
 * generator can say it in any house style (the notices module words it). Examples:
 *
 * | notice text | spec |
 * | --- | --- |
 * | 天诚小区 | node 天诚小区 (compound), part whole |
 * | 学府路194号哈尔滨医科大学家属楼35栋 | node 哈尔滨医科大学家属楼, address 学府路194号 before, part buildings [35栋] |
 * | 学府路194号哈尔滨医科大学家属楼(除35栋外) | the same node, part whole, except [35栋] with 外 |
 * | 华润置地熙云府(除3号楼) | node, part whole, except [3号楼] without 外 |
 * | 艺体花园小区24栋至35栋合围区(除30栋外) | node, part building_range 24栋–35栋 enclosed, except [30栋] |
 * | 1号楼1单元至7单元 | node (compound), part units of 1号楼, 1单元–7单元 |
 * | 王岗镇全域 | node 王岗镇 (town), part whole (a street or town is said 全域) |
 * | 回回香旋转小火锅(香坊大街51-2号) | node (place), address 香坊大街51-2号 after |
 * | 西大直街492号桃喜美甲店 | node (place), address 西大直街492号 before |
 * | 香坊大街67号居民楼及其临街商服 | node (building), address before, suffix 及其临街商服 |
 * | 远大购物中心3层某某店 | node (place), within { building: 远大购物中心, floor: 3层 } |
 */

const name = (label: string) => text({ max: 'name', label, fold: 'prose' });
const names = (label: string) => z.array(name(label)).min(1).max(200).meta({ label });

export const areaPart = z.discriminatedUnion('kind', [
  /** The node itself, whole. */
  z.object({ kind: z.literal('whole').meta({ label: '范围类型' }) }),
  /** Some buildings of a compound, by name (8栋; 1栋、2栋). */
  z.object({ kind: z.literal('buildings').meta({ label: '范围类型' }), names: names('楼栋') }),
  /** Buildings from one to another by their numbers (24栋至35栋), optionally the block they enclose (合围区). */
  z.object({
    kind: z.literal('building_range').meta({ label: '范围类型' }),
    from: name('起始楼栋'),
    to: name('终止楼栋'),
    enclosed: z.boolean().meta({ label: '合围区' }),
  }),
  /** Units of one building, as a range (1单元至7单元) or a list. */
  z.object({
    kind: z.literal('units').meta({ label: '范围类型' }),
    building: name('楼栋'),
    units: z.union([z.object({ from: name('起始单元'), to: name('终止单元') }), names('单元')]).meta({ label: '单元' }),
  }),
]);
export type AreaPart = z.infer<typeof areaPart>;

export const areaSpec = z.object({
  /** The territory node the area is drawn on (compound, building, unit, street or town, place); absent for an area elsewhere, known only by its name. */
  nodeId: z.number().int().positive().optional().meta({ label: '节点' }),
  nodeType: z.enum(Object.keys(NODE_TYPES) as [NodeType, ...NodeType[]]).meta({ label: '节点类型' }),
  /** The name as the notice prints it (天诚小区, 中国邮政储蓄银行学府四道街营业所). */
  name: text({ max: 'label', label: '名称', fold: 'prose' }),
  /** A street address, printed before the name (学府路194号…) or after it in brackets (…(香坊大街51-2号)). */
  address: z
    .object({
      text: text({ max: 'address', label: '地址', fold: 'prose' }),
      position: z.enum(['before', 'after']).meta({ label: '地址位置' }),
    })
    .optional()
    .meta({ label: '地址' }),
  /** A shop placed by the building and floor it is in (远大购物中心3层). */
  within: z
    .object({ building: name('所在楼宇'), floor: name('楼层') })
    .optional()
    .meta({ label: '所在楼宇' }),
  part: areaPart.meta({ label: '范围' }),
  /** Buildings or units left out (除7栋外; 除3号楼), `outer` saying whether the text closes with 外. */
  except: z
    .object({ names: names('除外'), outer: z.boolean().meta({ label: '写“外”' }) })
    .optional()
    .meta({ label: '除外' }),
  /** Words after the area (及其临街商服). */
  suffix: text({ max: 'label', label: '附注', fold: 'prose' }).optional(),
});
export type AreaSpec = z.infer<typeof areaSpec>;

/**
 * One change of an area's level, as a notice says it and the risk module records it: from `at` (自2022年11月2日3时起),
 * the area in `district` (南岗区) becomes `level`. `changeId` is the risk module's planned change the notice
 * publishes (absent in a document written by hand, such as `notice render --input`).
 */
export const areaChange = z.object({
  changeId: z.number().int().positive().optional().meta({ label: '调整编号' }),
  at: z.iso.datetime({ offset: true }).meta({ label: '起始时间' }),
  district: name('区县'),
  level: z.enum(['high', 'medium', 'low']).meta({ label: '风险等级' }),
  area: areaSpec.meta({ label: '区域' }),
});
export type AreaChange = z.infer<typeof areaChange>;

/**
 * The machine-readable feed of a city's current risk areas (GET /api/public/risk-areas), which other cities'
 * systems import as 外地中高风险地区; the same shape is what this system imports from elsewhere.
 */
export const riskFeed = z.object({
  format: z.literal('fangyi.risk-areas/1'),
  province: name('省份'),
  city: name('城市'),
  generatedAt: z.iso.datetime({ offset: true }).meta({ label: '生成时间' }),
  areas: z
    .array(
      z.object({
        id: text({ max: 'label', label: '区域标识' }),
        district: name('区县'),
        /** The area as the notice printed it (天诚小区; 印象城小区(除7栋外)). */
        name: text({ max: 'address', label: '区域名称', fold: 'prose' }),
        level: z.enum(['high', 'medium', 'low']).meta({ label: '风险等级' }),
        since: z.iso.datetime({ offset: true }).meta({ label: '起始时间' }),
        spec: areaSpec.optional(),
      }),
    )
    .max(20000)
    .meta({ label: '区域' }),
});
export type RiskFeed = z.infer<typeof riskFeed>;
