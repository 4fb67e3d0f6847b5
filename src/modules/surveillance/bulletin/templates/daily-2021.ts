import { caseListParagraphs } from '../case-list';
import { type BulletinDocument, KINDS, type Kind, type Positive, SEVERITIES } from '../document';
import {
  closeFacts,
  districtTallies,
  formatCaseRef,
  inPrintOrder,
  KIND_NAMES,
  localPositives,
  ofKind,
  signature,
  when,
} from '../phrases';
import { formatMonthDay, formatTallies, joinWithAnd, type Punctuation } from '../rules';
import type { BulletinTemplate } from './template';

/**
 * 2021-daily: the Health Commission's daily bulletin of November 2021 (seeds 000, 001, 002).
 * Title; the counts per kind with districts; one paragraph on how each positive was found; the case list;
 * the running contact totals; the reminders; the signature.
 */
export const daily2021: BulletinTemplate = {
  defaults: { punctuation: 'fullwidth', hourRange: 'em-dash' },
  paragraphs(doc, { p, hourRange }) {
    const window = when(doc, hourRange);
    const local = localPositives(doc.positives);
    const counts = KINDS.map((kind) => kindClause(ofKind(local, kind), kind, p)).join(p.semicolon);
    return [
      `${doc.city}${window}疫情通报`,
      ...doc.fixedText.preamble,
      closeFacts(`${window}${p.comma}${doc.city}${counts}。`, doc),
      ...caseParagraph(doc, p),
      ...caseListParagraphs(doc.positives, { headingPrefix: '当日', inline: true, withRelationships: false }, p),
      ...contactsParagraph(doc, p),
      ...doc.fixedText.notices,
      ...signature(doc, '\n'),
    ];
  },
};

/** "无新增本土无症状感染者" or "新增本土无症状感染者1例，在平房区". */
function kindClause(positives: readonly Positive[], kind: Kind, p: Punctuation): string {
  const name = `本土${KIND_NAMES[kind].long}`;
  if (!positives.length) return `无新增${name}`;
  const districts = districtTallies(positives);
  const where =
    districts.length === 1
      ? `${positives.length > 1 ? '均' : ''}在${districts[0].name}`
      : `其中${formatTallies(districts, '、')}`;
  return `新增${name}${positives.length}例${p.comma}${where}`;
}

/**
 * "上述新增无症状感染者是10月31日确诊病例2和11月1日确诊病例4的密切接触者（系病例2和病例4的女儿），在…发现，…"
 * One sentence pair per positive, then the follow-up measures once. With several positives of a kind, each is
 * named by number (无症状感染者2是…) since "上述新增" no longer picks out one person.
 */
function caseParagraph(doc: BulletinDocument, p: Punctuation): string[] {
  const positives = inPrintOrder(doc.positives);
  if (!positives.length) return [];
  const sentences = positives.map((positive) => {
    const only = ofKind(doc.positives, positive.kind).length === 1;
    const subject = only ? `上述新增${KIND_NAMES[positive.kind].short}` : `${KIND_NAMES[positive.kind].short}${positive.number}`;
    return `${subject}${howFound(positive, p)}${diagnosis(positive, doc, p)}`;
  });
  return [`${sentences.join('')}${doc.fixedText.followUp ?? ''}`];
}

/** How the positive is linked to earlier cases, how it was found, where it was taken. */
function howFound(positive: Positive, p: Punctuation): string {
  const { contactOf, relationships, channel } = positive;
  let link = '';
  if (contactOf.length) {
    const who = relationships ? `${p.open}${relationships}${p.close}` : '';
    link = `是${joinWithAnd(contactOf.map(formatCaseRef))}的密切接触者${who}${p.comma}`;
  } else if (relationships) {
    link = `${relationships}${p.comma}`;
  } else if (!channel.startsWith('在')) {
    // A channel printed as "在…发现" follows the subject directly; any other reads "为…发现".
    link = '为';
  }
  const hospital = positive.transferredTo ?? '定点医院';
  return `${link}${channel}${p.comma}新冠病毒核酸检测结果呈阳性${p.comma}闭环转运至${hospital}进行隔离治疗。`;
}

/** The expert group's diagnosis, citing the protocol when the document names it. */
function diagnosis(positive: Positive, doc: BulletinDocument, p: Punctuation): string {
  const basis = doc.fixedText.diagnosisBasis;
  const according = basis ? `依据《${basis}》${p.comma}` : '';
  const severity =
    positive.kind === 'confirmed' && positive.severity ? `${p.comma}临床分型为${SEVERITIES[positive.severity]}` : '';
  return `专家组${according}结合临床、影像学表现和实验室核酸检测结果${p.comma}诊断为${KIND_NAMES[positive.kind].diagnosis}${severity}。`;
}

/** "截至11月2日24时，累计排查密切接触者1791人，密切接触者的密切接触者4122人，已全部进行隔离管控。" */
function contactsParagraph(doc: BulletinDocument, p: Punctuation): string[] {
  const c = doc.contacts;
  if (!c) return [];
  const isolated = c.allIsolated ? `${p.comma}已全部进行隔离管控` : '';
  return [
    `截至${formatMonthDay(c.asOf.date)}${c.asOf.hour}时${p.comma}累计排查密切接触者${c.closeContacts}人${p.comma}密切接触者的密切接触者${c.contactsOfCloseContacts}人${isolated}。`,
  ];
}
