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
  date: isoDate,
  fromHour: z.number().int().min(0).max(23).default(0),
  toHour: z.number().int().min(1).max(24).default(24),
  template: z.enum(TEMPLATE_NAMES as [string, ...string[]]),
  fixedText: fixedText.partial().optional(),
  signature: z.object({ issuer: text({ max: 'label' }), date: isoDate }).optional(),
  outbreak: outbreakTotals.optional(),
  recoveries: z.array(districtCount).optional(),
  releases: z.array(districtCount).optional(),
});
export type BulletinRequest = z.infer<typeof bulletinRequest>;

/** A draft: the request, the CDC's edited text (the rendered one when absent) and, for a correction, its reason. */
export const draftRequest = bulletinRequest.extend({
  body: text({ max: 200_000, trim: false }).optional(),
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
