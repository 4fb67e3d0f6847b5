import { z } from 'zod';

/** 2021, 2022-03 …: the policy period whose bulletins use a channel. */
const period = z.string().regex(/^\d{4}(-\d{2})?$/, 'expected YYYY or YYYY-MM');

export const channel = z.object({ id: z.number(), name: z.string(), period: z.string(), active: z.boolean(), sort: z.number() });
export type Channel = z.infer<typeof channel>;
export const channelInput = z.object({
  name: z.string().trim().min(2).max(40).regex(/发现$/, 'a channel is worded as the bulletins print it, ending in 发现'),
  period,
});
export const channelPatch = z
  .object({ period, active: z.boolean(), sort: z.number().int().min(0).max(10_000) })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
