/**
 * The audit log read as sentences in Chinese: "发布疫情通报：2022年11月28日0—24时，确诊病例42例、无症状感染者2例".
 * Each module declares, beside an action's label, how a row of it is said (`auditActions` in its module.ts);
 * an action declared by its label alone reads as the label and the row's object.
 */

/** One row as GET /api/audit lists it: what a sentence is made from. */
export interface AuditFacts {
  target: string | null;
  detail: Record<string, unknown>;
  /** The resident the row concerns, by name. */
  personName: string | null;
  /** The first residents of a row naming several, and how many there were. */
  personNames: readonly string[];
  personCount: number;
}

/** An audit action: its label, or its label and the sentence a row of it reads as. */
export type AuditAction = string | { label: string; sentence: (row: AuditFacts) => string };

export const auditLabel = (a: AuditAction) => (typeof a === 'string' ? a : a.label);

/** 2022-11-28 → 2022年11月28日 (a text that is not a day stays as it is). */
export const dayZh = (day: unknown) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(day ?? ''));
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : String(day ?? '');
};

/** 1200 → 1,200, as the console prints counts. */
export const countZh = (n: unknown) => Number(n ?? 0).toLocaleString('en-US');

/** The residents a row concerns: 张某某, or 张某某、李某 等12人. */
export const whom = (r: AuditFacts) => {
  if (r.personName) return r.personName;
  if (!r.personNames.length) return r.personCount ? `${countZh(r.personCount)}人` : '';
  const more = r.personCount > r.personNames.length ? ` 等${countZh(r.personCount)}人` : '';
  return `${r.personNames.join('、')}${more}`;
};

/** The sentence of one row: the action's own, else its label with the row's object. */
export function auditSentence(actions: Readonly<Record<string, AuditAction>>, action: string, row: AuditFacts): string {
  const a = actions[action];
  if (a && typeof a !== 'string') return a.sentence(row);
  const label = a ?? '其他操作';
  const object = whom(row) || row.target;
  return object ? `${label}：${object}` : label;
}
