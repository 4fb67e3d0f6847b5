import { z } from 'zod';

/**
 * What a scan at a venue must show to pass (逢进必扫，核酸结果必查): a green code (else: not red), and where the
 * venue's rule asks, a negative test within so many hours (48, 72; null: none asked).
 */
export const venueRule = z
  .object({
    green: z.boolean().meta({ label: '须绿码' }),
    negativeWithinHours: z.number().int().min(1).max(720).nullable().meta({ label: '须几小时内核酸阴性' }),
  })
  .meta({ label: '通行规则' });
export type VenueRule = z.infer<typeof venueRule>;

export const DEFAULT_RULE: VenueRule = { green: true, negativeWithinHours: 72 };
