import { z } from 'zod';
import type { NoticeDocument } from '../document';
import { districtsOf } from '../rules';
import { newParagraph, type Piece } from './clause';

/**
 * The title from the districts concerned: 关于调整哈尔滨市南岗区风险等级的通告 (seed 004). `city`: `first` names
 * the city once (哈尔滨市南岗区、香坊区), `each` before every district (哈尔滨市南岗区、哈尔滨市香坊区), `none` not at
 * all; `partial` adds 部分区域 (关于调整哈尔滨市南岗区部分区域风险等级的通告).
 */
export const titleClause = z.strictObject({
  clause: z.literal('title'),
  city: z.enum(['first', 'each', 'none']).default('first'),
  partial: z.boolean().default(false),
});
export type TitleClause = z.infer<typeof titleClause>;

export function title(doc: NoticeDocument, o: TitleClause): Piece[] {
  const districts = districtsOf(doc.changes).map((d, i) =>
    o.city === 'each' || (o.city === 'first' && i === 0) ? `${doc.city}${d}` : d,
  );
  return [newParagraph(`关于调整${districts.join('、')}${o.partial ? '部分区域' : ''}风险等级的通告`)];
}
