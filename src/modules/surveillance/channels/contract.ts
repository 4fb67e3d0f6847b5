import { z } from 'zod';
import { text } from '../../../kit/text';

/** 2021, 2022-03 …: the policy period whose bulletins use a channel. */
const period = text({
  max: 7,
  pattern: { regex: /^\d{4}(-\d{2})?$/, message: '应为年份或年月，如 2022 或 2022-03 (expected YYYY or YYYY-MM)' },
  label: '适用时期',
});

export const channel = z.object({ id: z.number(), name: z.string(), period: z.string(), active: z.boolean(), sort: z.number() });
export type Channel = z.infer<typeof channel>;
export const channelInput = z.object({
  name: text({
    min: 2,
    max: 40,
    pattern: {
      regex: /发现$/,
      message: '须以“发现”结尾，与通报措辞一致 (a channel is worded as the bulletins print it, ending in 发现)',
    },
    label: '渠道名称',
  }),
  period,
});
export const channelPatch = z
  .object({
    period,
    active: z.boolean().meta({ label: '启用' }),
    sort: z.number().int().min(0).max(10_000).meta({ label: '排序' }),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: '没有要修改的内容 (nothing to change)' });
