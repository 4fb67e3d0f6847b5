import { caseListParagraphs } from '../case-list';
import {
  channelTallies,
  closeFacts,
  kindTallies,
  localPositives,
  ofKind,
  POSITIVES,
  shortCity,
  signature,
  when,
} from '../phrases';
import { formatMonthDay, formatTallies } from '../rules';
import { mergeTrajectories } from '../trajectory';
import type { BulletinTemplate } from './template';

/**
 * 2022-channels: the CDC's "信息及活动轨迹" release of November 2022 (seed 004, 11月1日).
 * Title; per kind the count and its detection channels; the case list with residence and origin; the
 * trajectories under date headings; the signature.
 */
export const channels2022: BulletinTemplate = {
  defaults: { punctuation: 'halfwidth', hourRange: 'to' },
  paragraphs(doc, { p, hourRange }) {
    const local = localPositives(doc.positives);
    const day = formatMonthDay(doc.date);
    const kinds = kindTallies(local).map((k) => {
      const channels = channelTallies(ofKind(local, k.kind));
      return `${k.name}${k.count}例${p.comma}${formatTallies(channels, p.comma)}`;
    });
    const facts = local.length
      ? `新增本土${POSITIVES}${local.length}例${p.comma}其中${kinds.join(p.semicolon)}。`
      : `无新增本土${POSITIVES}。`;
    const blocks = mergeTrajectories(doc.trajectories, p);
    return [
      local.length
        ? `${day}${shortCity(doc)}新增${local.length}例${POSITIVES}信息及活动轨迹`
        : `${day}${shortCity(doc)}无新增本土${POSITIVES}`,
      ...doc.fixedText.preamble,
      closeFacts(`${when(doc, hourRange)}${p.comma}${doc.city}${facts}`, doc),
      ...caseListParagraphs(doc.positives, { headingPrefix: '', inline: false, withRelationships: true }, p),
      ...(blocks.length ? [`现将其主要活动轨迹发布如下${p.colon}`] : []),
      ...blocks.flatMap((block) => [block.heading, ...block.lines]),
      ...doc.fixedText.notices,
      ...signature(doc, '\n\n'),
    ];
  },
};
