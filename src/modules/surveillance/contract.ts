import { z } from 'zod';
import { fixedText, stop, timeSpan } from './bulletin/document';
import { TEMPLATE_NAMES } from './bulletin/render';
import { CONTACT_STATUSES } from './contacts-store';

const isoDate = z.iso.date();

export const trajectoryInput = z
  .array(
    z.object({
      day: isoDate,
      times: z.array(timeSpan).min(1),
      stop,
      /** The stop as a place of the territory (商铺, 银行网点, 餐馆 …), when known. */
      placeNodeId: z.number().int().positive().nullish(),
    }),
  )
  .max(500);

export const createPositive = z.object({
  reportDate: isoDate,
  reportHour: z.number().int().min(0).max(23),
  kind: z.enum(['confirmed', 'asymptomatic']),
  severity: z.enum(['mild', 'moderate', 'severe', 'critical']).optional(),
  source: z.enum(['local', 'imported']).default('local'),
  districtId: z.number().int().positive(),
  residence: z.string().trim().min(1).max(200).optional(),
  /** The resident of the ledger this positive is: links the record and takes their household as the dwelling. */
  idNumber: z.string().trim().min(15).max(18).optional(),
  /** The dwelling as a territory node (a household, building, compound or village) inside the district. */
  residenceNodeId: z.number().int().positive().optional(),
  origin: z.string().trim().min(1).max(100).optional(),
  channel: z.string().trim().min(1).max(50),
  relationships: z.string().trim().min(1).max(200).optional(),
  transferredTo: z.string().trim().min(1).max(100).optional(),
  contactOf: z.array(z.number().int().positive()).max(50).default([]),
  trajectory: trajectoryInput.default([]),
});

export const positiveItem = z.object({
  id: z.number(),
  kind: z.enum(['confirmed', 'asymptomatic']),
  severity: z.string().nullable(),
  source: z.enum(['local', 'imported']),
  number: z.number(),
  district: z.string(),
  districtId: z.number(),
  channel: z.string(),
  residence: z.string().nullable(),
  origin: z.string().nullable(),
  relationships: z.string().nullable(),
  transferredTo: z.string().nullable(),
  reclassified: z.boolean(),
  reportDate: z.string(),
  reportHour: z.number(),
  contactOf: z.array(z.object({ id: z.number(), date: z.string(), kind: z.string(), number: z.number() })),
});

export const positiveDetail = positiveItem.extend({
  residenceNodeId: z.number().nullable(),
  personId: z.number().nullable(),
  trajectory: trajectoryInput,
  placeTasks: z.array(
    z.object({ id: z.number(), place: z.string(), task: z.enum(['disinfection', 'closure']), doneAt: z.date().nullable() }),
  ),
});

export const placeTask = z.object({
  id: z.number(),
  place: z.string(),
  address: z.string().nullable(),
  task: z.enum(['disinfection', 'closure']),
  district: z.string(),
  positive: z.object({ date: z.string(), kind: z.enum(['confirmed', 'asymptomatic']), number: z.number() }),
  createdAt: z.date(),
  doneAt: z.date().nullable(),
  doneBy: z.string().nullable(),
});

export const createContacts = z.object({
  contacts: z
    .array(
      z.object({
        kind: z.enum(['close', 'secondary']),
        name: z.string().trim().min(1).max(50),
        idNumber: z.string().trim().optional(),
        phone: z.string().trim().max(20).optional(),
        sourcePositiveId: z.number().int().positive().optional(),
        sourceContactId: z.number().int().positive().optional(),
      }),
    )
    .min(1)
    .max(5000),
});

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
});

export const bulletinRequest = z.object({
  date: isoDate,
  fromHour: z.number().int().min(0).max(23).default(0),
  toHour: z.number().int().min(1).max(24).default(24),
  template: z.enum(TEMPLATE_NAMES as [string, ...string[]]),
  fixedText: fixedText.partial().optional(),
  signature: z.object({ issuer: z.string().min(1), date: isoDate }).optional(),
});

export const publishRequest = bulletinRequest.extend({ body: z.string().min(1).max(200_000) });

export const bulletinItem = z.object({
  id: z.number(),
  day: z.string(),
  fromHour: z.number(),
  toHour: z.number(),
  template: z.string(),
  version: z.number(),
  body: z.string(),
  publishedAt: z.date(),
  publishedBy: z.string().nullable(),
});

/** 2021, 2022-03 …: the policy period whose bulletins use a channel. */
const period = z.string().regex(/^\d{4}(-\d{2})?$/, 'expected YYYY or YYYY-MM');

export const channel = z.object({ id: z.number(), name: z.string(), period: z.string(), active: z.boolean(), sort: z.number() });
export const channelInput = z.object({
  name: z.string().trim().min(2).max(40).regex(/发现$/, 'a channel is worded as the bulletins print it, ending in 发现'),
  period,
});
export const channelPatch = z
  .object({ period, active: z.boolean(), sort: z.number().int().min(0).max(10_000) })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
