import { z } from 'zod';
import { correctionReason, versionFields } from '../../../kit/publication-contract';
import { isoDay, text } from '../../../kit/text';
import { districtCount, fixedText, outbreakTotals } from './document';
import { TEMPLATE_NAMES } from './render';

const isoDate = isoDay();

/**
 * The day, hour window and layout (`template`) of a bulletin, with the fixed paragraphs and the signature when
 * given, and the running totals the CDC keeps outside the case records (outbreak totals, recoveries, releases).
 */
export const bulletinRequest = z.object({
  date: isoDate.meta({ label: '通报日期' }),
  fromHour: z.number().int().min(0).max(23).meta({ label: '起始时点' }).default(0),
  toHour: z.number().int().min(1).max(24).meta({ label: '截止时点' }).default(24),
  template: z.enum(TEMPLATE_NAMES as [string, ...string[]]).meta({ label: '版式' }),
  fixedText: fixedText.partial().meta({ label: '固定段落' }).optional(),
  signature: z
    .object({ issuer: text({ max: 'label', label: '落款单位' }), date: isoDate.meta({ label: '落款日期' }) })
    .meta({ label: '落款' })
    .optional(),
  outbreak: outbreakTotals.meta({ label: '本轮疫情累计' }).optional(),
  recoveries: z.array(districtCount).meta({ label: '治愈出院' }).optional(),
  releases: z.array(districtCount).meta({ label: '解除医学观察' }).optional(),
});
export type BulletinRequest = z.infer<typeof bulletinRequest>;

/** A draft: the request, the CDC's edited text (the rendered one when absent) and, for a correction, its reason. */
export const draftRequest = bulletinRequest.extend({
  body: text({ max: 200_000, trim: false, label: '正文' }).optional(),
  correctionReason,
});
export type BulletinDraft = z.infer<typeof draftRequest>;

/** A version as listed, in any state of its review. */
export const bulletinItem = z.object({
  ...versionFields,
  day: z.string(),
  fromHour: z.number(),
  toHour: z.number(),
  template: z.string(),
  body: z.string(),
});
export type BulletinItem = z.infer<typeof bulletinItem>;
