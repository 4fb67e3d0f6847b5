import { z } from 'zod';
import { formatFullDate } from '../../../lib/zh-words';
import type { NoticeDocument } from '../document';
import { newParagraph, type Piece, runOn } from './clause';

/** 其他地区风险等级不变。after the last change, in its paragraph or (`paragraph`) in one of its own. */
export const unchangedClause = z.strictObject({
  clause: z.literal('unchanged'),
  paragraph: z.boolean().default(false),
});
export type UnchangedClause = z.infer<typeof unchangedClause>;

export const unchanged = (_doc: NoticeDocument, o: UnchangedClause): Piece[] => {
  const sentence = '其他地区风险等级不变。';
  return [o.paragraph ? newParagraph(sentence) : runOn(sentence)];
};

/** The issuer and the date lines under the text (哈尔滨市应对新冠肺炎疫情工作指挥部 / 2022年11月2日). */
export const signatureClause = z.strictObject({ clause: z.literal('signature') });

export const signature = (doc: NoticeDocument): Piece[] => [newParagraph(doc.issuer), newParagraph(formatFullDate(doc.date))];
