import { z } from 'zod';
import { bodyId } from '../../../kit/ids';
import { text } from '../../../kit/text';

/** One entry of a case's trajectory: a venue and the window the case was there. */
const entry = z
  .object({
    venueId: bodyId('场所'),
    from: z.iso.datetime({ offset: true }).meta({ label: '开始时间' }),
    to: z.iso.datetime({ offset: true }).meta({ label: '结束时间' }),
  })
  .meta({ label: '轨迹' });

/**
 * A space-time companion search (时空伴随排查): the case (a positive linked to a resident), its trajectory (the
 * case's own venue scans of the days asked, and entries the CDC adds), the margin in minutes either side of each
 * window, and the page after the cursor.
 */
export const companionSearch = z.object({
  positiveId: bodyId('病例'),
  /** Days back from now whose venue scans of the case make its trajectory (0: only the entries given). */
  days: z.number().int().min(0).max(21).default(14).meta({ label: '追溯天数' }),
  entries: z.array(entry).max(200).default([]).meta({ label: '轨迹' }),
  marginMinutes: z.number().int().min(0).max(240).default(30).meta({ label: '时间余量（分钟）' }),
  after: z
    .tuple([z.number().int().min(0), z.number().int().positive()])
    .optional()
    .meta({ label: '翻页位置' }),
});
export type CompanionSearch = z.infer<typeof companionSearch>;

export const companionEntry = z.object({
  venueId: z.number(),
  venue: z.string(),
  from: z.string(),
  to: z.string(),
  own: z.boolean(),
});

export const companion = z.object({
  personId: z.number(),
  /** Masked (张*): the CDC confirms by id; the contact list then holds the name. */
  name: z.string(),
  /** The trajectory entries (indexes into `trajectory`) the person's scans fall in, and how many scans. */
  entries: z.array(z.number()),
  scans: z.number(),
  /** Same bus line in the same hour (not the same bus). */
  byLine: z.boolean(),
  firstAt: z.string(),
  lastAt: z.string(),
});

export const companionsPage = z.object({
  trajectory: z.array(companionEntry),
  items: z.array(companion),
  next: z.tuple([z.number(), z.number()]).nullable(),
});

/** The CDC confirms candidates into the close contacts of the case (surveillance's contact list). */
export const companionConfirm = z.object({
  positiveId: bodyId('病例'),
  personIds: z.array(bodyId('人员')).min(1).max(1000).meta({ label: '确认人员' }),
});
export const confirmAnswer = z.object({ added: z.number() });

/** The CDC picks the venue of a trajectory entry it adds by hand (流调补录) by part of its name. */
export const companionVenuesQuery = z.object({ q: text({ max: 40, label: '场所名称' }) });
export const companionVenues = z.object({
  items: z.array(z.object({ id: z.number(), name: z.string(), code: z.string(), trail: z.array(z.string()) })),
});
