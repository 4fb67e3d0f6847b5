import { z } from 'zod';

/** A published urgent reminder as lists show it (the title is the body's first paragraph). */
export const publishedReminder = z.object({
  id: z.number(),
  issuedOn: z.string(),
  version: z.number(),
  title: z.string(),
  publishedAt: z.date(),
  publishedBy: z.string().nullable(),
});
