import { z } from 'zod';
import { text } from '../../../kit/text';
import { foundNode } from '../../territory/contract';

export const TASK_STATUSES = ['open', 'done', 'all'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A disinfection or closure task of a place a case visited, as the place-task page lists it. */
export const placeTask = z.object({
  id: z.number(),
  place: z.string(),
  address: z.string().nullable(),
  /** Where a registered place lies (district, street, community); empty for a place the territory does not hold. */
  trail: z.array(z.string()),
  task: z.enum(['disinfection', 'closure']),
  /** The case's district. */
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
  /** Where a registered place lies: district, street, community (empty for a stop not linked to a place). */
  trail: z.array(z.string()),
});

/**
 * The trajectory editor's place picker: registered places anywhere in the city found by `q` (part of a name or
 * address, a code prefix, pinyin initials), or the places `ids` names (how linked stops are shown again).
 */
export const placesQuery = z
  .object({
    q: text({ max: 'name', label: '场所名称' }).optional(),
    ids: text({
      max: 'address',
      label: '场所编号',
      pattern: { regex: /^\d{1,15}(,\d{1,15}){0,49}$/, message: '应为逗号分隔的编号 (comma-separated ids, at most 50)' },
    })
      .optional()
      .transform((s) => (s ? s.split(',').map(Number) : undefined)),
    limit: z.coerce.number().int().min(1).max(50).meta({ label: '条数' }).default(10),
  })
  .refine((x) => x.q !== undefined || x.ids !== undefined, {
    path: ['q'],
    message: '请输入场所名称 (q or ids is required)',
  });

export const foundPlaces = z.object({ items: z.array(foundNode) });
