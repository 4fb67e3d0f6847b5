import { z } from 'zod';

/**
 * The planner's figures (测算参数), set by the city HQ and stored in testing_planner.figures. The defaults are the
 * figures ../shared/POLICY.md summarises from the 区域核酸检测组织实施指南 (3rd edition, 2022-03), and one of ours:
 * - one sampling point per 2,000-3,000 residents;
 * - samplers = population / 360;
 * - a round done within 24 hours, a city over 10 million included;
 * - ours, not the guide's: 120 people per sampler-hour, i.e. one person every 30 s at 10混1 (scan, swab, into the
 *   tube). 360 residents a sampler at that pace is 3 hours of sampling, which leaves the 24 hours room for
 *   queues, shifts and the lab; the HQ lowers it when a round is mostly single tubes.
 */
export const plannerFigures = z
  .object({
    peoplePerPointMin: z.number().int().min(100).max(100_000).meta({ label: '每采样点服务人数下限' }),
    peoplePerPointMax: z.number().int().min(100).max(100_000).meta({ label: '每采样点服务人数上限' }),
    peoplePerSampler: z.number().int().min(10).max(10_000).meta({ label: '每名采样人员服务人数' }),
    peoplePerSamplerHour: z.number().int().min(1).max(1_000).meta({ label: '每名采样人员每小时采样人数' }),
    roundHours: z.number().min(1).max(168).meta({ label: '一轮检测时限（小时）' }),
  })
  .refine((f) => f.peoplePerPointMin <= f.peoplePerPointMax, {
    path: ['peoplePerPointMax'],
    message: '须不小于下限 (must not be below the minimum)',
  });
export type PlannerFigures = z.infer<typeof plannerFigures>;

export const DEFAULT_FIGURES: PlannerFigures = {
  peoplePerPointMin: 2000,
  peoplePerPointMax: 3000,
  peoplePerSampler: 360,
  peoplePerSamplerHour: 120,
  roundHours: 24,
};

/** What a round of `population` needs under the figures. */
export interface RoundNeeds {
  population: number;
  /** Sampling points: one per peoplePerPointMax residents at least, one per peoplePerPointMin at most. */
  points: { min: number; max: number };
  /** Samplers (each at one post): population / peoplePerSampler, rounded up. */
  samplers: number;
  /** Hours the suggested samplers take at the figures' pace. */
  hours: number;
}

/** The points, samplers and hours a round of `population` residents needs (none for an empty target). */
export function planRound(population: number, f: PlannerFigures): RoundNeeds {
  if (population <= 0) return { population: 0, points: { min: 0, max: 0 }, samplers: 0, hours: 0 };
  const samplers = Math.ceil(population / f.peoplePerSampler);
  return {
    population,
    points: { min: Math.ceil(population / f.peoplePerPointMax), max: Math.ceil(population / f.peoplePerPointMin) },
    samplers,
    hours: population / (samplers * f.peoplePerSamplerHour),
  };
}

/**
 * The hours the posts a round already has take for `population` (one sampler a post), null without posts, and
 * whether that fits the round's time limit.
 */
export function hoursWithPosts(population: number, posts: number, f: PlannerFigures) {
  const hours = posts > 0 ? population / (posts * f.peoplePerSamplerHour) : null;
  return { hours, fits: hours !== null && hours <= f.roundHours };
}
