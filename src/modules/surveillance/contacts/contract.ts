import { z } from 'zod';
import { keyset } from '../../../kit/keyset';
import { text } from '../../../kit/text';

export const CONTACT_STATUSES = ['located', 'controlled', 'tested', 'released'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

export const createContacts = z.object({
  contacts: z
    .array(
      z.object({
        kind: z.enum(['close', 'secondary']),
        name: text({ max: 'name' }),
        idNumber: text({ min: 0, max: 18 }).optional(),
        phone: text({ min: 0, max: 20 }).optional(),
        sourcePositiveId: z.number().int().positive().optional(),
        sourceContactId: z.number().int().positive().optional(),
      }),
    )
    .min(1)
    .max(5000),
});
export type CreateContacts = z.infer<typeof createContacts>;

/** The contacts list's order and cursor: newest first by (traced_at, id); traced_at comes from the clock (ms). */
export const contactCursor = keyset(z.tuple([z.iso.datetime(), z.number().int().positive()]));

export const contactFilter = z.object({
  kind: z.enum(['close', 'secondary']).optional(),
  status: z.enum(CONTACT_STATUSES).optional(),
  positiveId: z.coerce.number().int().positive().optional(),
});

/** A contact as listed; `masked` when the ID number and phone are masked (the caller lacks `people.reveal`). */
export const contactItem = z.object({
  id: z.number(),
  kind: z.enum(['close', 'secondary']),
  name: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.enum(CONTACT_STATUSES),
  tracedAt: z.date(),
  sourcePositiveId: z.number().nullable(),
  sourceContactId: z.number().nullable(),
  sourceLabel: z.string().nullable(),
  masked: z.boolean(),
});
export type ContactItem = z.infer<typeof contactItem>;

export const addedContacts = z.object({ rows: z.number(), inserted: z.number() });
