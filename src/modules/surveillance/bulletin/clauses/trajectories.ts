import { z } from 'zod';
import { mergeTrajectories } from '../trajectory';
import { defineClause } from './clause';

/**
 * The trajectories of all the day's cases as one list (seed 004): an introduction, then each date heading and its
 * "time place" lines; identical visits on several dates under one heading (10月28日、29日、31日).
 */
export const trajectories = defineClause({
  options: z.strictObject({ intro: z.string().default('现将其主要活动轨迹发布如下') }),
  render(doc, o, { p }) {
    const blocks = mergeTrajectories(doc.trajectories, p);
    if (!blocks.length) return [];
    return [`${o.intro}${p.colon}`, ...blocks.flatMap((block) => [block.heading, ...block.lines])];
  },
});
