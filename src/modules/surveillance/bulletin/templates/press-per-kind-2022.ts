import type { Positive } from '../document';
import {
  channelTallies,
  closeFacts,
  districtTallies,
  KIND_NAMES,
  kindTallies,
  localPositives,
  ofKind,
  POSITIVES,
  shortCity,
  singleChannelPhrase,
  when,
} from '../phrases';
import { pressHeadlines } from '../press';
import { formatTallies, type Punctuation } from '../rules';
import type { BulletinTemplate } from './template';

/**
 * 2022-press-per-kind: press-conference figures broken down per kind, November 2022 (seed 004, 11月2日0—16时).
 * Headline and subheading; then for confirmed, then asymptomatic: the count, its districts, its channels.
 */
export const pressPerKind2022: BulletinTemplate = {
  defaults: { punctuation: 'halfwidth', hourRange: 'em-dash' },
  paragraphs(doc, { p, hourRange }) {
    const local = localPositives(doc.positives);
    const clauses = kindTallies(local).map((k) => kindClause(ofKind(local, k.kind), p));
    const figures = clauses.length ? clauses.join(p.semicolon) : `无新增本土${POSITIVES}`;
    return [
      ...pressHeadlines(shortCity(doc), local),
      ...doc.fixedText.preamble,
      closeFacts(`${when(doc, hourRange, true)}${p.comma}${doc.city}${figures}。`, doc),
      ...doc.fixedText.notices,
    ];
  },
};

/** "新增本土新冠肺炎确诊病例4例,其中,南岗区3例、香坊区1例,均在隔离管控人员中发现" */
function kindClause(positives: readonly Positive[], p: Punctuation): string {
  const channels = channelTallies(positives);
  const found = channels.length === 1 ? singleChannelPhrase(channels[0].name, positives.length) : formatTallies(channels, '、');
  const districts = formatTallies(districtTallies(positives), '、');
  return `新增本土${KIND_NAMES[positives[0].kind].long}${positives.length}例${p.comma}其中${p.comma}${districts}${p.comma}${found}`;
}
