import { channelTallies, closeFacts, districtTallies, kindTallies, localPositives, POSITIVES, shortCity, when } from '../phrases';
import { pressHeadlines } from '../press';
import { formatTallies } from '../rules';
import type { BulletinTemplate } from './template';

/**
 * 2022-press-summary: figures read at a press conference, November 2022 (seed 003, 11月29日0-15时).
 * Headline and subheading; then one paragraph: the total and its kinds, the channels, the districts, each a
 * sentence listing counts largest first.
 */
export const pressSummary2022: BulletinTemplate = {
  defaults: { punctuation: 'halfwidth', hourRange: 'hyphen' },
  paragraphs(doc, { p, hourRange }) {
    const local = localPositives(doc.positives);
    const opening = `${when(doc, hourRange, true)}${p.comma}${doc.city}`;
    const facts = local.length
      ? [
          `${opening}新增本土${POSITIVES}${local.length}例${p.comma}其中${formatTallies(kindTallies(local), p.comma)}。`,
          `${formatTallies(channelTallies(local), p.comma)}。`,
          `${formatTallies(districtTallies(local), p.comma)}。`,
        ].join('')
      : `${opening}无新增本土${POSITIVES}。`;
    return [
      ...pressHeadlines(shortCity(doc), local),
      ...doc.fixedText.preamble,
      closeFacts(facts, doc),
      ...doc.fixedText.notices,
    ];
  },
};
