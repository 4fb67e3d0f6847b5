import { z } from 'zod';
import { versionFields } from '../../../kit/publication-contract';

/** A version of an urgent reminder as lists show it, in any state of its review (the title is the body's first paragraph). */
export const reminderVersion = z.object({
  ...versionFields,
  issuedOn: z.string(),
  title: z.string(),
});
