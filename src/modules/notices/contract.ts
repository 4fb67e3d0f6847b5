import { z } from 'zod';
import { correctionReason, versionFields } from '../../kit/publication-contract';
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

export const noticeLayoutsAnswer = z.object({
  items: z.array(z.object({ name: z.string(), description: z.string() })),
});
