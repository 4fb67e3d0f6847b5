import { z } from 'zod';
import { areaPart, areaSpec, riskFeed } from '../risk/area-spec';

/**
 * The feed as the import route's JSON body: `riskFeed` with a label on every field, so a refusal names each in
 * Chinese. The shared shape (src/modules/risk/area-spec.ts, the risk module's) leaves the format's literal, an
 * area's spec and the kind of its part unlabelled; once it labels them, this file can give way to `riskFeed`.
 * The shape is the same: `parseFeed` checks an uploaded file with `riskFeed` itself.
 */
const kind = { label: '范围类型' };
const [whole, buildings, range, units] = areaPart.options;
const part = z
  .discriminatedUnion('kind', [
    whole.extend({ kind: whole.shape.kind.meta(kind) }),
    buildings.extend({ kind: buildings.shape.kind.meta(kind) }),
    range.extend({ kind: range.shape.kind.meta(kind) }),
    units.extend({ kind: units.shape.kind.meta(kind) }),
  ])
  .meta({ label: '范围' });
const spec = areaSpec.extend({ part }).optional().meta({ label: '区域结构' });
const area = riskFeed.shape.areas.element.extend({ spec });

/** A multipart request has no body (null) until its file is read, so the body itself may be absent. */
export const feedBody = riskFeed
  .extend({
    format: riskFeed.shape.format.meta({ label: '数据格式' }),
    areas: z.array(area).max(20000).meta({ label: '区域' }),
  })
  .nullish()
  .meta({ label: '风险地区数据' });
