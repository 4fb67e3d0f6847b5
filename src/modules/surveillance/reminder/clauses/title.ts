import { z } from 'zod';
import type { ReminderDocument } from '../document';

/**
 * The title: the document's `title` (紧急提醒 unless the CDC calls it otherwise) after the issuer. `issuer`:
 * `short` prints the short name when the document has one (seed 000 哈市疾病预防控制中心, seed 001 the full name
 * for want of one), `full` always the full name, `none` the title alone (关于…的提醒).
 */
export const titleClause = z.strictObject({
  clause: z.literal('title'),
  issuer: z.enum(['short', 'full', 'none']).default('short'),
});
export type TitleClause = z.infer<typeof titleClause>;

export function title(doc: ReminderDocument, o: TitleClause): string[] {
  const by = { short: doc.issuerShortName ?? doc.issuer, full: doc.issuer, none: '' }[o.issuer];
  return [`${by}${doc.title}`];
}
