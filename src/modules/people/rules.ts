/** Pure rules about residents: national ID numbers (GB 11643-1999), ages, search texts, vulnerable tags, key groups. */
import { isMobilePhone } from '../../kit/input-rules';

export { isMobilePhone };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The GB 11643 check character (ISO 7064 MOD 11-2) for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] as number);
  return CHECK[sum % 11] as string;
}

export type IdProblem = 'format' | 'birth_date' | 'check_digit';

export interface IdFacts {
  idNumber: string;
  sex: 'M' | 'F';
  birthDate: string;
}

/**
 * Validates an 18-digit national ID and derives sex (17th digit odd = male) and birth date.
 * `today` bounds the birth date: nobody is born in the future or before 1900.
 */
export function parseIdNumber(raw: string, today: Date): { ok: true; facts: IdFacts } | { ok: false; problem: IdProblem } {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'format' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const valid =
    y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && date <= today;
  if (!valid) return { ok: false, problem: 'birth_date' };
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'check_digit' };
  return {
    ok: true,
    facts: {
      idNumber: id,
      sex: Number(id[16]) % 2 === 1 ? 'M' : 'F',
      birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    },
  };
}

export const ID_PROBLEM_TEXT: Record<IdProblem, { zh: string; en: string }> = {
  format: { zh: '身份证号应为18位（末位可为X）', en: 'must be 18 characters: 17 digits and a digit or X' },
  birth_date: { zh: '身份证号中的出生日期无效', en: 'holds an invalid birth date' },
  check_digit: { zh: '身份证号校验位错误', en: 'has a wrong check digit' },
};

/**
 * What is wrong with an ID number as typed, in both languages, or undefined when it is valid: the check a form
 * and a contract make without a clock (a birth date after today is refused by the service, which has one).
 */
export function idNumberProblem(raw: string): { zh: string; en: string } | undefined {
  const parsed = parseIdNumber(raw, new Date(Date.UTC(9999, 11, 31)));
  return parsed.ok ? undefined : ID_PROBLEM_TEXT[parsed.problem];
}

/** Builds a valid ID number from its parts (the synthetic city and tests use it). */
export function makeIdNumber(area6: string, birth: string, seq3: number): string {
  const first17 = `${area6}${birth.replaceAll('-', '')}${String(seq3).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/**
 * Age in whole years on `today` (China Standard Time, UTC+8, the day the officials see), from a 'YYYY-MM-DD'
 * birth date. What a masked view shows instead of the birth date, which would narrow an ID number down.
 */
export function ageOn(birthDate: string, today: Date): number {
  const local = new Date(today.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const years = Number(local.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return local.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * Searches by exact ID number an account without `people.reveal` may make per day (the kit's `spendBudget`). A
 * masked resident still shows an age, sex and district: about 180,000 ID numbers fit (365 birth days × 500
 * sequence numbers of that sex, one region code), so guessing one takes some 9,000 days of the full budget. An
 * add by hand spends it too: its answer tells whether an ID number is known.
 */
export const ID_SEARCHES_PER_DAY = 10;
/** Counted from the account's `person.search_id` audit rows of the last 24 hours, refused ones included. */
export const ID_SEARCH_BUDGET = { action: 'person.search_id', perWindow: ID_SEARCHES_PER_DAY, windowMs: 86_400_000 };

/** What a search box text asks for: an exact ID number, an exact mobile number, or part of a name. */
export type PeopleSearch = { by: 'idNumber' | 'phone' | 'name'; value: string } | { by: 'invalid' };

/**
 * Reads a search text. Digits search by a whole ID number or mobile only: a partial number would answer which
 * prefix is right, so it is refused.
 */
export function classifySearch(q: string): PeopleSearch {
  const t = q.replace(/\s/g, '');
  if (/^\d{17}[\dXx]$/.test(t)) return { by: 'idNumber', value: t.toUpperCase() };
  if (isMobilePhone(t)) return { by: 'phone', value: t };
  if (/^[\dXx*]+$/.test(t)) return { by: 'invalid' };
  return { by: 'name', value: q.trim() };
}

/**
 * The parts of an address search the trigram index (people_address_trgm) is asked for; the whole text is then
 * checked row by row. A GIN scan intersects every trigram of its pattern, and the trigrams an address's fixed words
 * make with one digit (栋1单, 1单元, 单元2) are in most residents' addresses: 8栋1单元2702室 as one pattern is a
 * 70-85 ms bitmap at ten million residents. The trigrams holding two digits or more (8栋1, 元27, 270, 702, 02室)
 * are the rare ones, so the index is asked for the shortest parts of the text that hold them all (8栋1 and
 * 元2702室: 26-29 ms). Each part is a piece of the text, so every address holding the text holds every part: no
 * match is lost. A text with no such trigram (a compound's name, no digits) is asked for whole.
 */
export function addressParts(text: string): string[] {
  const c = [...text];
  const rare = c.slice(0, -2).map((_, i) => c.slice(i, i + 3).filter((x) => x >= '0' && x <= '9').length >= 2);
  const parts: string[] = [];
  for (let i = 0; i < rare.length; i++) {
    if (!rare[i]) continue;
    let j = i;
    while (rare[j + 1]) j++;
    parts.push(c.slice(i, j + 3).join(''));
    i = j;
  }
  return parts.length ? parts : [text];
}

/** The community's 特殊人群台账 categories, in the order the ledger lists them. */
export const VULNERABLE_TAGS = {
  living_alone: '独居老人',
  disabled: '残疾',
  bedridden: '卧床',
  pregnant: '孕产妇',
  critically_ill: '危重病人',
  dialysis: '透析',
  limited_mobility: '行动不便',
} as const;

export type VulnerableTag = keyof typeof VULNERABLE_TAGS;
export const TAG_KEYS = Object.keys(VULNERABLE_TAGS) as VulnerableTag[];

/**
 * The key groups (重点人群) a resident may belong to, one at most: the 2022 mass-testing guide's 重点人群
 * (区域新型冠状病毒核酸检测组织实施指南, 3rd edition, 2022-03; ../shared/POLICY.md "Pooled testing"), whom a round
 * samples one to a tube (单人单管) whatever their area. Kept short: the groups a community can tell from a
 * resident's work; the guide's other key groups (quarantine sites' residents, sealed areas) come from other facts.
 */
export const KEY_GROUPS = {
  medical: '医疗机构工作人员',
  quarantine_site: '隔离场所工作人员',
  cold_chain: '进口冷链从业人员',
  port: '口岸工作人员',
  transport: '交通运输从业人员',
  delivery: '快递外卖从业人员',
  market: '商超农贸市场从业人员',
} as const;

export type KeyGroup = keyof typeof KEY_GROUPS;
export const KEY_GROUP_KEYS = Object.keys(KEY_GROUPS) as KeyGroup[];

/** Reads a code of `labels` from its Chinese label or the code itself (a ledger cell holds either). */
function codeReader<K extends string>(labels: Record<K, string>): (part: string) => K | undefined {
  const byLabel = new Map<string, K>(Object.entries<string>(labels).map(([k, v]) => [v, k as K]));
  return (part) => byLabel.get(part) ?? (Object.hasOwn(labels, part) ? (part as K) : undefined);
}
const tagOf = codeReader(VULNERABLE_TAGS);
const keyGroupOf = codeReader(KEY_GROUPS);

/** Parses a ledger cell such as "独居老人、行动不便" (separators 、，,; or spaces); unknown labels are returned apart. */
export function parseTags(cell: string): { tags: VulnerableTag[]; unknown: string[] } {
  const tags = new Set<VulnerableTag>();
  const unknown: string[] = [];
  for (const part of cell.split(/[、，,;；\s]+/).filter(Boolean)) {
    const key = tagOf(part);
    if (key) tags.add(key);
    else unknown.push(part);
  }
  return { tags: TAG_KEYS.filter((k) => tags.has(k)), unknown };
}

export const formatTags = (tags: readonly string[]) => tags.map((t) => VULNERABLE_TAGS[t as VulnerableTag] ?? t).join('、');

/**
 * Parses a ledger's 重点人群 cell: one group by its label or code, blank for none; anything else is `unknown`
 * (the import refuses the file naming the cell).
 */
export function parseKeyGroup(cell: string): { keyGroup: KeyGroup | null } | { unknown: string } {
  const part = cell.trim();
  if (!part) return { keyGroup: null };
  const key = keyGroupOf(part);
  return key ? { keyGroup: key } : { unknown: part };
}

/** A key group as the ledger prints it (its label; blank for none). */
export const formatKeyGroup = (keyGroup: string | null) => (keyGroup ? (KEY_GROUPS[keyGroup as KeyGroup] ?? keyGroup) : '');
