import { CITY, DISTRICTS } from '../../territory/harbin';
import type { Directory, ReminderDocumentInput } from './document';

/** The city whose CDC issues the reminders, with the CDC phones of its district-level units, as the territory holds them. */
export interface IssuingCity {
  name: string;
  phone: string | null;
  districts: readonly { name: string; phone: string | null }[];
}

/** Harbin as the territory is seeded with it (harbin.ts): the city of the seed pages and their fixtures. */
export const HARBIN: IssuingCity = {
  name: CITY.name,
  phone: CITY.cdcPhone,
  districts: DISTRICTS.map((d) => ({ name: d.name, phone: d.cdcPhone })),
};

/**
 * The CDC consultation phones as the reminders print them, built from the territory records (the same numbers,
 * the same order as the tree: districts, then counties and county-level cities) rather than copied from a page.
 * Units without a recorded phone are left out.
 */
export function cdcDirectory(city: IssuingCity, layout: Directory['layout'], heading?: string): Directory {
  return {
    heading,
    main: { name: `${city.name}疾控中心`, phone: city.phone ?? '' },
    entries: city.districts.flatMap((d) => (d.phone ? [{ name: `${d.name}疾控中心`, phone: d.phone }] : [])),
    layout,
  };
}

/** Seed 000's and 001's directory. */
export const harbinCdcDirectory = (layout: Directory['layout'], heading?: string) => cdcDirectory(HARBIN, layout, heading);

/**
 * The paragraphs the CDC repeats, in the wording of seed 001 (the latest printed whole, 等症 in point 三
 * included), for the city that issues them: the first reminder's draft starts from them; later drafts start from
 * the previous reminder.
 */
export const fixedTextFor = (cityName: string) => ({
  lead: `为精准落实“防输入、防输出、防扩散”防控策略，有效控制和阻断新冠疫情传播风险，${cityName}疾病预防控制中心发布疫情防控提醒如下：`,
  dutyTail:
    '，以及有过其他中高风险地区旅居史，或者与最近公布的病例行程轨迹有交集，特别是同时间去过相同地点或乘坐过同航班、同车次的来哈返哈的所有人员，在做好个人防护的前提下，立即向所在社区（村屯）、工作单位报备，并配合执行疫情排查、核酸检测、医学观察等防控措施。',
  points: [
    '提醒市民近期不要前往疫情风险地区，如必须前往，务必提前向所在社区（村屯）、工作单位报备，并注意查询目的地的疫情进展及防控措施要求，自备充足的个人防护用品及必要的消毒用品，做好防护。',
    '如出现发热、干咳、乏力、咽痛、嗅（味）觉减退、腹泻等症，请勿自行服药，需佩戴口罩尽快到就近的医疗机构发热门诊排查和就诊，就诊过程中避免乘坐公共交通工具，并主动告知旅居史、接触史。',
    '请广大市民充分认识当前疫情复杂形势，继续绷紧疫情防控这根弦，做好个人健康防护，科学规范佩戴口罩，尤其是乘坐公共交通工具时以及在人群聚集场所活动时要佩戴口罩。乘飞机等公共交通工具时还应尽量避免接触公共用品，减少进食和饮水次数，并在日常生活中继续遵守保持安全社交距离，不扎堆、不聚集、勤洗手、常通风、少聚餐、分餐制、使用公勺公筷，咳嗽、打喷嚏时用纸巾或肘袖遮挡，进出公共场所等应积极配合体温测量、健康码（行程码）查验等卫生习惯和生活方式。',
  ],
});

/** Seed 001's paragraphs (Harbin's). */
export const REMINDER_FIXED_TEXT = fixedTextFor(HARBIN.name);

/**
 * The draft of a reminder issued on `issuedOn` after `previous`: it keeps what stays true from one issue to the
 * next (issuer, the regions whose visitors must still report, the fixed paragraphs, the phone directory); the
 * news of the day (risk-area changes, cases reported elsewhere) starts empty.
 */
export const nextReminderDraft = (issuedOn: string, previous: ReminderDocumentInput): ReminderDocumentInput => ({
  ...previous,
  issuedOn,
  riskAreaChanges: [],
  caseReports: [],
});

/** The first reminder a city's CDC drafts: its issuer, seed 001's paragraphs and its own phone directory. */
export const firstReminderDraft = (issuedOn: string, city: IssuingCity): ReminderDocumentInput => ({
  issuedOn,
  issuer: `${city.name}疾病预防控制中心`,
  riskAreaChanges: [],
  caseReports: [],
  reportDuty: [],
  fixedText: fixedTextFor(city.name),
  directory: cdcDirectory(city, 'two-columns'),
});
