import { z } from 'zod';
import { text } from './text';

// The wire shapes every kind of publication shares; the kinds' contracts (and so the console) build on them.

/** Where a version is on its way out: drafted, submitted for review, approved by a second account, published. */
export const PUBLICATION_STATES = ['draft', 'submitted', 'approved', 'published'] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

/** What the reading account may do with a version now (the console shows only these buttons). */
export const PUBLICATION_ACTIONS = ['edit', 'submit', 'approve', 'reject', 'publish', 'correct'] as const;
export type PublicationAction = (typeof PUBLICATION_ACTIONS)[number];

/** `Version`'s columns as every kind's contract lists them. */
export const versionFields = {
  id: z.number(),
  state: z.enum(PUBLICATION_STATES),
  version: z.number().nullable(),
  draftedBy: z.string().nullable(),
  draftedAt: z.date(),
  submittedAt: z.date().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.date().nullable(),
  reviewNote: z.string().nullable(),
  publishedAt: z.date().nullable(),
  publishedBy: z.string().nullable(),
  correctsId: z.number().nullable(),
  correctsVersion: z.number().nullable(),
  correctionReason: z.string().nullable(),
  actions: z.array(z.enum(PUBLICATION_ACTIONS)),
};

/** What a draft's saving and each step of the review answer. */
export const stepResult = z.object({
  id: z.number(),
  state: z.enum(PUBLICATION_STATES),
  version: z.number().nullable().optional(),
});

/** The reason a correction gives (更正说明), optional on a first version. */
export const correctionReason = text({ max: 'paragraph', label: '更正说明' }).optional();
