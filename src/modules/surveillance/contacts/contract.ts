import { z } from 'zod';
import { normalPhone } from '../../../kit/input-rules';
import { keyset } from '../../../kit/keyset';
import { text } from '../../../kit/text';
import { idNumberProblem } from '../../people/rules';

/**
 * Where a contact stands, as the field works it: 待排查 (traced, not reached yet), 已排查 (reached and assessed),
 * 已管控 (under a control measure), 已解除 (released). The transitions between them are `statusChange` (rules.ts).
 */
export const CONTACT_STATUSES = ['pending', 'located', 'controlled', 'released'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];
/** How a controlled contact is controlled (POLICY.md): 集中隔离, 居家隔离, 居家健康监测. */
export const CONTROL_MEASURES = ['centralized', 'home', 'home_monitoring'] as const;
export type ControlMeasure = (typeof CONTROL_MEASURES)[number];

/** A phone as people write it (spaces, dashes, +86), kept as its digits when it is a mobile or a landline. */
const phone = text({ min: 0, max: 20, label: '联系电话' })
  .transform((v, c) => {
    if (!v) return undefined;
    const p = normalPhone(v);
    if (p) return p;
    c.addIssue({
      code: 'custom',
      message: '联系电话应为11位手机号或带区号的固定电话 (phone must be an 11-digit mobile or a landline with area code)',
    });
    return z.NEVER;
  })
  .optional();

/** Blank is "not known yet" (a child, a foreigner, a contact named by a case); a number given is checked (GB 11643). */
const idNumber = text({ min: 0, max: 18, label: '身份证号' })
  .transform((v, c) => {
    if (!v) return undefined;
    const problem = idNumberProblem(v);
    if (!problem) return v;
    c.addIssue({ code: 'custom', message: `${problem.zh} (${problem.en})` });
    return z.NEVER;
  })
  .optional();

export const createContacts = z.object({
  contacts: z
    .array(
      z.object({
        kind: z.enum(['close', 'secondary']).meta({ label: '类型' }),
        name: text({ max: 'name', label: '姓名' }),
        idNumber,
        phone,
        sourcePositiveId: z.number().int().positive().meta({ label: '关联病例' }).optional(),
        sourceContactId: z.number().int().positive().meta({ label: '关联密接' }).optional(),
      }),
    )
    .min(1)
    .max(5000)
    .meta({ label: '密接' }),
});
export type CreateContacts = z.input<typeof createContacts>;

/** A status change: backwards (a contact not reached after all, a control lifted early) only with its reason. */
export const statusChange = z.object({
  status: z.enum(CONTACT_STATUSES).meta({ label: '状态' }),
  measure: z.enum(CONTROL_MEASURES).meta({ label: '管控方式' }).optional(),
  reason: text({ min: 0, max: 'label', label: '原因' }).optional(),
});
export type StatusChange = z.infer<typeof statusChange>;

/** The contacts list's order and cursor: newest first by (traced_at, id); traced_at comes from the clock (ms). */
export const contactCursor = keyset(z.tuple([z.iso.datetime(), z.number().int().positive()]));

/** What the totals per status count: the list's filters but the status and the search. */
export const contactScopeFilter = z.object({
  kind: z.enum(['close', 'secondary']).meta({ label: '类型' }).optional(),
  positiveId: z.coerce.number().int().positive().meta({ label: '关联病例' }).optional(),
  districtId: z.coerce.number().int().positive().meta({ label: '区县' }).optional(),
});

/** The list's filters; `q` is part of a name, a whole ID number or (with people.reveal) a whole mobile. */
export const contactFilter = contactScopeFilter.extend({
  status: z.enum(CONTACT_STATUSES).meta({ label: '状态' }).optional(),
  q: text({ min: 0, max: 'name', label: '搜索' }).optional(),
});
export type ContactQuery = z.infer<typeof contactFilter>;

/** A contact as listed; `masked` when the ID number and phone are masked (the caller lacks `people.reveal`). */
export const contactItem = z.object({
  id: z.number(),
  kind: z.enum(['close', 'secondary']),
  name: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.enum(CONTACT_STATUSES),
  controlMeasure: z.enum(CONTROL_MEASURES).nullable(),
  tracedAt: z.date(),
  districtId: z.number(),
  sourcePositiveId: z.number().nullable(),
  sourceContactId: z.number().nullable(),
  sourceLabel: z.string().nullable(),
  masked: z.boolean(),
});
export type ContactItem = z.infer<typeof contactItem>;

/** How many contacts stand at each status (the list's filters but the status). */
export const contactTotals = z.object(
  Object.fromEntries(CONTACT_STATUSES.map((s) => [s, z.number()])) as {
    [K in ContactStatus]: z.ZodNumber;
  },
);

export const addedContacts = z.object({ rows: z.number(), inserted: z.number() });
