import { z } from 'zod';
import { correctionReason, versionFields } from '../../kit/publication-contract';
import { text } from '../../kit/text';
import { noticeDocumentSchema } from './document';

/** A version of a notice as lists show it, in any state of its review. */
export const noticeVersion = z.object({
  ...versionFields,
  issuedOn: z.string(),
  startsAt: z.string(),
  title: z.string(),
});

/** A draft: the document only; its body is always the text rendered from it, so what is reviewed is the records' text. */
export const noticeDraft = z.object({
  document: noticeDocumentSchema.meta({ label: '通告内容' }),
  correctionReason,
});

/** A draft from the risk module's planned changes: the document is built from their records. */
export const noticeFromChanges = z.object({
  changeIds: z
    .array(
      z
        .number()
        .int()
        .positive()
        .max(2 ** 31 - 1),
    )
    .min(1)
    .max(2000)
    .meta({ label: '待发布调整' }),
  layout: text({ max: 'name', label: '版式' }).optional(),
});

export const noticeLayoutsAnswer = z.object({
  items: z.array(z.object({ name: z.string(), description: z.string() })),
});
