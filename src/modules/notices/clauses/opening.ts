import { z } from 'zod';
import type { NoticeDocument } from '../document';
import { type NoticeEnv, newParagraph, type Piece } from './clause';

/**
 * The fixed opening: on whose rules and whose assessment the HQ decides. `form` 2021: 根据国务院联防联控机制有关
 * 规定，经专家咨询组综合评估研判 (POLICY.md); 2022: 根据国务院联防联控机制有关要求,经专家综合研判 (seed 004).
 * `end`: a comma when the first start time runs on in the same sentence, a colon when each start time is a
 * paragraph of its own.
 */
export const openingClause = z.strictObject({
  clause: z.literal('opening'),
  form: z.enum(['2021', '2022']),
  end: z.enum(['comma', 'colon']).default('comma'),
});
export type OpeningClause = z.infer<typeof openingClause>;

const GROUNDS = {
  '2021': ['根据国务院联防联控机制有关规定', '经专家咨询组综合评估研判'],
  '2022': ['根据国务院联防联控机制有关要求', '经专家综合研判'],
} as const;

export function opening(_doc: NoticeDocument, o: OpeningClause, { p }: NoticeEnv): Piece[] {
  const [rules, assessment] = GROUNDS[o.form];
  return [newParagraph(`${rules}${p.comma}${assessment}${p.comma}市指挥部决定${o.end === 'comma' ? p.comma : p.colon}`)];
}
