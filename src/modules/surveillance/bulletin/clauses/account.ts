import { z } from 'zod';
import { type BulletinDocument, type Positive, SEVERITIES } from '../document';
import {
  cityAbbreviation,
  formatCaseRef,
  inPrintOrder,
  KIND_NAME_SETS,
  type KindNameSet,
  kindNamesOption,
  ofKind,
} from '../phrases';
import { formatMonthDay, joinWithAnd, type Punctuation } from '../rules';
import { defineClause } from './clause';

/**
 * The epidemiological account of a positive: how it is linked to earlier cases, how it came to the city and how
 * it was found. `accountParts` gives the facts as phrases for any layout; the `account` clause is the 2021 case
 * paragraph that tells them as sentences, then the expert group's diagnosis.
 */

/** "10月30日自首尔乘坐KE5833航班经哈尔滨太平国际机场入境", or "10月30日抵哈" when no port of entry is known. */
export function arrivalPhrase(arrival: NonNullable<Positive['arrival']>, doc: BulletinDocument): string {
  const from = arrival.from ? `自${arrival.from}` : '';
  const flight = arrival.flight ? `乘坐${arrival.flight}航班` : '';
  const reached = arrival.port ? `经${arrival.port}入境` : `抵${cityAbbreviation(doc)}`;
  return `${formatMonthDay(arrival.date)}${from}${flight}${reached}`;
}

/**
 * The account's facts in print order, each a phrase without final punctuation: a contact of a case elsewhere
 * (系大连市确诊病例的密切接触者), notified (11月1日接到协查通知), arrival, closed-loop transfer (抵哈后即被手递手转运至集中隔离点),
 * 无其他活动轨迹, then the CDC's own sentence.
 */
export function accountParts(positive: Positive, doc: BulletinDocument): string[] {
  const elsewhere = positive.contactOfElsewhere;
  const arrived = positive.arrival?.port ? '入境' : `抵${cityAbbreviation(doc)}`;
  return [
    elsewhere && `系${elsewhere.place}${KIND_NAME_SETS.short[elsewhere.kind]}的密切接触者`,
    positive.notifiedOn && `${formatMonthDay(positive.notifiedOn)}接到协查通知`,
    positive.arrival && arrivalPhrase(positive.arrival, doc),
    positive.closedLoopTransfer && `${arrived}后即被手递手转运至集中隔离点`,
    positive.noOtherTrajectory && '无其他活动轨迹',
    positive.account?.replace(/。$/, ''),
  ].filter((part): part is string => Boolean(part));
}

const options = z.strictObject({
  /** Names of the diagnosis (诊断为新冠病毒无症状感染者). */
  diagnosisNames: kindNamesOption.default('full'),
});

/**
 * "上述新增无症状感染者是10月31日确诊病例2和11月1日确诊病例4的密切接触者（系病例2和病例4的女儿），在…发现，…"
 * One sentence pair per positive, then the follow-up measures once. With several positives of a kind, each is
 * named by number (无症状感染者2是…) since "上述新增" no longer picks out one person.
 */
export const account = defineClause({
  options,
  render(doc, o, { p }) {
    const positives = inPrintOrder(doc.positives);
    if (!positives.length) return [];
    const sentences = positives.map((positive) => {
      const short = KIND_NAME_SETS.short[positive.kind];
      const subject = ofKind(doc.positives, positive.kind).length === 1 ? `上述新增${short}` : `${short}${positive.number}`;
      return `${subject}${howFound(positive, doc, p)}${diagnosis(positive, doc, o.diagnosisNames, p)}`;
    });
    return [`${sentences.join('')}${doc.fixedText.followUp ?? ''}`];
  },
});

/** How the positive is linked to earlier cases, how it came and was found, where it was taken. */
function howFound(positive: Positive, doc: BulletinDocument, p: Punctuation): string {
  const { contactOf, relationships, channel } = positive;
  let link = '';
  if (contactOf.length) {
    const who = relationships ? `${p.open}${relationships}${p.close}` : '';
    link = `是${joinWithAnd(contactOf.map(formatCaseRef))}的密切接触者${who}${p.comma}`;
  } else if (relationships) {
    link = `${relationships}${p.comma}`;
  }
  const facts = accountParts({ ...positive, account: undefined }, doc).map((part) => `${part}${p.comma}`);
  // A channel printed as "在…发现" follows the subject directly; any other reads "为…发现" unless a link precedes.
  const by = !contactOf.length && !relationships && !channel.startsWith('在') ? '为' : '';
  const hospital = positive.transferredTo ?? '定点医院';
  const typed = positive.account ? `${positive.account.replace(/。$/, '')}。` : '';
  return `${link}${facts.join('')}${by}${channel}${p.comma}新冠病毒核酸检测结果呈阳性${p.comma}闭环转运至${hospital}进行隔离治疗。${typed}`;
}

/** The expert group's diagnosis, citing the protocol when the document names it. */
function diagnosis(positive: Positive, doc: BulletinDocument, names: KindNameSet, p: Punctuation): string {
  const basis = doc.fixedText.diagnosisBasis;
  const according = basis ? `依据《${basis}》${p.comma}` : '';
  const severity =
    positive.kind === 'confirmed' && positive.severity ? `${p.comma}临床分型为${SEVERITIES[positive.severity]}` : '';
  return `专家组${according}结合临床、影像学表现和实验室核酸检测结果${p.comma}诊断为${KIND_NAME_SETS[names][positive.kind]}${severity}。`;
}
