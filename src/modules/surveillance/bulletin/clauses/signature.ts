import { z } from 'zod';
import { formatFullDate } from '../rules';
import { defineClause } from './clause';

/**
 * Issuer and date on two lines: `line` joins them with a line break (2021: 哈尔滨市卫健委 / 2021年11月3日), `blank`
 * with a blank line (2022 releases).
 */
export const signature = defineClause({
  options: z.strictObject({ lineBreak: z.enum(['line', 'blank']).default('line') }),
  render(doc, o) {
    if (!doc.signature) return [];
    return `${doc.signature.issuer}${o.lineBreak === 'line' ? '\n' : '\n\n'}${formatFullDate(doc.signature.date)}`;
  },
});
