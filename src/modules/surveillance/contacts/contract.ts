import { z } from 'zod';
import { keyset } from '../../../kit/keyset';
import { text } from '../../../kit/text';
import { idNumberField, mobileField } from '../../people/contract';

export const CONTACT_STATUSES = ['located', 'controlled', 'tested', 'released'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

export const createContacts = z.object({
  contacts: z
    .array(
      z.object({
        kind: z.enum(['close', 'secondary']).meta({ label: '类型' }),
        name: text({ max: 'name', label: '姓名' }),
        idNumber: idNumberField().optional(),
        phone: mobileField().optional(),
        sourcePositiveId: z.number().int().positive().meta({ label: '关联病例' }).optional(),
        sourceContactId: z.number().int().positive().meta({ label: '关联密接' }).optional(),
      }),
    )
    .min(1)
    .max(5000)
    .meta({ label: '密接' }),
});
export type CreateContacts = z.infer<typeof createContacts>;

/** The contacts list's order and cursor: newest first by (traced_at, id); traced_at comes from the clock (ms). */
export const contactCursor = keyset(z.tuple([z.iso.datetime(), z.number().int().positive()]));

export const contactFilter = z.object({
  kind: z.enum(['close', 'secondary']).meta({ label: '类型' }).optional(),
  status: z.enum(CONTACT_STATUSES).meta({ label: '状态' }).optional(),
  positiveId: z.coerce.number().int().positive().meta({ label: '关联病例' }).optional(),
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
