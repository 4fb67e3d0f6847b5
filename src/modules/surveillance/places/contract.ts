import { z } from 'zod';

export const TASK_STATUSES = ['open', 'done', 'all'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A disinfection or closure task of a place a case visited, as the place-task page lists it. */
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
export type PlaceTask = z.infer<typeof placeTask>;

/** A task as a case's detail shows it. */
export const positivePlaceTask = z.object({
  id: z.number(),
  place: z.string(),
  task: z.enum(['disinfection', 'closure']),
  doneAt: z.date().nullable(),
});
