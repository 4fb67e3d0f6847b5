import { z } from 'zod';
import { formatDateHour } from '../../../lib/zh-words';
import type { AreaChange } from '../../risk/area-spec';
import type { NoticeDocument } from '../document';
import { byStartTime } from '../rules';
import { areaOptions, areaWords } from './area';
import { type NoticeEnv, newParagraph, type Piece, runOn } from './clause';

/**
 * The decisions, one per start time, earliest first: 自2022年11月2日3时起,将哈尔滨市南岗区A,B风险等级调整为高风险区;
 * 将南岗区C风险等级调整为中风险区。 Inside a time, one 将…调整为… per district and level (raising and lowering
 * alike: 调整为低风险区), joined by the semicolon.
 *
 * - `times`: `sentences` runs every time on in the opening's paragraph (seed 004), `paragraphs` gives each its own.
 * - `levelWords`: 风险等级调整为 (2022) or 调整为 (2021: 将X调整为中风险地区).
 * - `separator` between the areas of one run: the page's `comma` (seed 004) or the enumeration mark `、`.
 * - `city`: the city before the first district of each sentence (哈尔滨市南岗区…;将南岗区…), before `each`, or `none`.
 */
export const changesClause = z.strictObject({
  clause: z.literal('changes'),
  times: z.enum(['sentences', 'paragraphs']).default('sentences'),
  levelWords: z.boolean().default(true),
  separator: z.enum(['comma', 'enumeration']).default('comma'),
  city: z.enum(['first-in-sentence', 'each', 'none']).default('first-in-sentence'),
  area: areaOptions.prefault({}),
});
export type ChangesClause = z.infer<typeof changesClause>;

/** 将哈尔滨市南岗区A,B风险等级调整为高风险区: one run of one district and level. */
function setting(run: AreaChange[], withCity: boolean, doc: NoticeDocument, o: ChangesClause, env: NoticeEnv): string {
  const first = run[0] as AreaChange;
  const separator = o.separator === 'comma' ? env.p.comma : '、';
  const areas = run.map((c) => areaWords(c.area, env.p, o.area)).join(separator);
  const place = `${withCity ? doc.city : ''}${first.district}`;
  return `将${place}${areas}${o.levelWords ? '风险等级' : ''}调整为${env.levels[first.level]}`;
}

/** One sentence per start time: 自…起,将…;将…。 */
export function timeSentences(doc: NoticeDocument, o: ChangesClause, env: NoticeEnv): string[] {
  return byStartTime(doc.changes).map(({ at, runs }) => {
    const settings = runs.map((run, i) =>
      setting(run, o.city === 'each' || (o.city === 'first-in-sentence' && i === 0), doc, o, env),
    );
    return `自${formatDateHour(at, env.midnight)}起${env.p.comma}${settings.join(env.p.semicolon)}。`;
  });
}

export function changes(doc: NoticeDocument, o: ChangesClause, env: NoticeEnv): Piece[] {
  return timeSentences(doc, o, env).map((s) => (o.times === 'sentences' ? runOn(s) : newParagraph(s)));
}
