import { z } from 'zod';
import { DAYS, saneDate } from '../../kit/text';
import { editionSchema } from './edition';

/** The moment an edition takes effect, with its offset (2022-06-28T00:00:00+08:00), between 1900 and 9999. */
const effectiveFrom = z.iso
  .datetime({ offset: true })
  .refine((s) => {
    const day = new Date(s).toISOString().slice(0, 10);
    return day >= DAYS.first && day <= DAYS.last;
  }, `起效时间须在 ${DAYS.first} 至 ${DAYS.last} 之间 (a time between ${DAYS.first} and ${DAYS.last})`)
  .meta({ label: '起效时间' });

/** An edition as written: its figures and the time it takes effect (the shipped files have this shape too). */
export const editionInput = editionSchema.extend({ effectiveFrom });
export type EditionInput = z.infer<typeof editionInput>;

/** An edition as stored: its id, its effective time, and when it was last changed. */
export const editionRecord = editionSchema.extend({
  id: z.number(),
  effectiveFrom: z.date(),
  updatedAt: z.date(),
});
export type EditionRecord = z.infer<typeof editionRecord>;

/** The list, in force order (oldest first), naming the edition in force now. */
export const editionList = z.object({ items: z.array(editionRecord), inForceId: z.number().nullable() });

export const editionIdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53)
    .meta({ label: '编号' }),
});
export const atQuery = z.object({ time: saneDate().meta({ label: '时间' }) });
