import { normalPhone } from '../../../kit/input-rules';
/**
 * The pure rules of contacts: the contact list (密接名单) as a spreadsheet (its columns and the validation of
 * one row: a row names its source the way investigators write it, a positive as "2022-11-01 确诊病例12", or,
 * for a contact of a close contact, the close contact's ID number), what a phone is, and the status workflow.
 */
import { LENGTH } from '../../../kit/text';
import type { RowIssue, SheetColumn } from '../../../lib/sheet-import';
import { ID_PROBLEM_TEXT, parseIdNumber } from '../../people/rules';
import type { ContactStatus, ControlMeasure } from './contract';

export const CONTACT_COLUMNS = [
  { key: 'name', header: '姓名', required: true, width: 10, max: LENGTH.name },
  { key: 'idNumber', header: '身份证号', required: false, width: 22, max: LENGTH.name },
  { key: 'phone', header: '联系电话', required: false, width: 14, max: LENGTH.name },
  { key: 'kind', header: '类型', required: true, width: 12, max: LENGTH.name },
  { key: 'positive', header: '关联病例', required: false, width: 24, max: LENGTH.label },
  { key: 'closeContactId', header: '关联密接身份证号', required: false, width: 22, max: LENGTH.name },
] as const satisfies readonly SheetColumn[];

export type ContactColumn = (typeof CONTACT_COLUMNS)[number]['key'];

export interface ContactRow {
  kind: 'close' | 'secondary';
  name: string;
  idNumber?: string;
  phone?: string;
  positive?: { date: string; kind: 'confirmed' | 'asymptomatic'; number: number };
  closeContactId?: string;
}

const KINDS: Record<string, ContactRow['kind']> = {
  密切接触者: 'close',
  密接: 'close',
  密接的密接: 'secondary',
  次密接: 'secondary',
};
const POSITIVE = /^(\d{4}-\d{2}-\d{2})\s*(确诊病例|无症状感染者)(?:\([^)]*\))?(\d{1,6})$/;

/** Whether 'YYYY-MM-DD' is a day of the calendar (2022-02-30 is not). */
const isCalendarDay = (d: string) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
};

/** Validates one row of the contact list. */
export function validateContactRow(
  raw: Partial<Record<ContactColumn, string>>,
  today: Date,
  at: { sheet: string; row: number; columnOf: (k: ContactColumn) => string },
): { row?: ContactRow; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const fail = (k: ContactColumn, reason: string, reasonEn: string) =>
    issues.push({ sheet: at.sheet, row: at.row, column: at.columnOf(k), reason, reasonEn });
  const text = (k: ContactColumn) => (raw[k] ?? '').trim();

  const name = text('name');
  if (!name) fail('name', '姓名不能为空', '姓名 is required');
  const phone = text('phone') ? normalPhone(text('phone')) : undefined;
  if (phone === null)
    fail('phone', '联系电话应为11位手机号或带区号的固定电话', 'phone must be an 11-digit mobile or a landline with area code');
  const kind = KINDS[text('kind')];
  if (!kind) fail('kind', '类型应为“密切接触者”或“密接的密接”', '类型 must be 密切接触者 or 密接的密接');
  const id = text('idNumber') ? parseIdNumber(text('idNumber'), today) : undefined;
  if (id && !id.ok) fail('idNumber', ID_PROBLEM_TEXT[id.problem].zh, `ID number ${ID_PROBLEM_TEXT[id.problem].en}`);
  const m = text('positive') ? POSITIVE.exec(text('positive')) : null;
  if (text('positive') && (!m || !isCalendarDay(m[1] as string)))
    fail('positive', '关联病例应写作“2022-11-01 确诊病例12”', 'write the positive as 2022-11-01 确诊病例12');
  const source = text('closeContactId');
  if (kind === 'close' && !text('positive')) fail('positive', '密切接触者须填写关联病例', 'a close contact needs its positive');
  if (kind === 'secondary' && !source)
    fail('closeContactId', '密接的密接须填写关联密接身份证号', 'a contact of a close contact needs that close contact');
  if (kind === 'secondary' && text('positive'))
    fail('positive', '密接的密接只关联密接，不关联病例', 'a contact of a close contact names a close contact, not a positive');
  if (issues.length || !kind) return { issues };
  return {
    issues,
    row: {
      kind,
      name,
      ...(id?.ok ? { idNumber: id.facts.idNumber } : {}),
      ...(phone ? { phone } : {}),
      ...(m
        ? { positive: { date: m[1] as string, kind: m[2] === '确诊病例' ? 'confirmed' : 'asymptomatic', number: Number(m[3]) } }
        : {}),
      ...(kind === 'secondary' ? { closeContactId: source.toUpperCase() } : {}),
    },
  };
}

/** What `addContacts` refuses before touching the database: bad ID numbers and phones, sources that are not exactly one. */
export function contactInputIssues(
  contacts: readonly { kind: string; idNumber?: string; phone?: string; sourcePositiveId?: number; sourceContactId?: number }[],
  today: Date,
) {
  return contacts.flatMap((c, i) => {
    const out = [];
    if (c.idNumber && !parseIdNumber(c.idNumber, today).ok)
      out.push({ field: `contacts.${i}.idNumber`, zh: '身份证号无效', en: 'is not a valid ID number' });
    if (c.phone && !normalPhone(c.phone))
      out.push({
        field: `contacts.${i}.phone`,
        zh: '联系电话应为11位手机号或带区号的固定电话',
        en: 'phone must be an 11-digit mobile or a landline with area code',
      });
    if (!!c.sourcePositiveId === !!c.sourceContactId)
      out.push({
        field: `contacts.${i}.source`,
        zh: '须关联一个病例或一个密接',
        en: 'needs exactly one source: a positive or a contact',
      });
    if (c.kind === 'close' && !c.sourcePositiveId)
      out.push({
        field: `contacts.${i}.sourcePositiveId`,
        zh: '密切接触者须关联病例',
        en: 'a close contact comes from a positive',
      });
    return out;
  });
}

/** The stages in their order: a change to an earlier one goes back and needs its reason. */
const STAGE: Record<ContactStatus, number> = { pending: 0, located: 1, controlled: 2, released: 3 };
/** The one way forward from each stage (located → controlled names the measure). */
const NEXT: Record<ContactStatus, ContactStatus | null> = {
  pending: 'located',
  located: 'controlled',
  controlled: 'released',
  released: null,
};

export type StatusRefusal = { field: 'status' | 'measure' | 'reason'; zh: string; en: string };

/**
 * Whether a contact at `from` may move to `to.status`: forward one stage at a time (待排查 → 已排查 → 已管控 →
 * 已解除; a control names its measure), a change of measure while controlled, and back to any earlier stage
 * only with a reason (not reached after all, released by mistake). Returns what is refused, or null.
 */
export function statusRefusal(
  from: ContactStatus,
  to: { status: ContactStatus; measure?: ControlMeasure; reason?: string },
  measureNow: ControlMeasure | null = null,
): StatusRefusal | null {
  if (to.status === 'controlled' && !to.measure)
    return { field: 'measure', zh: '管控方式不能为空：请选择集中隔离、居家隔离或居家健康监测', en: 'name the control measure' };
  if (to.status !== 'controlled' && to.measure)
    return { field: 'measure', zh: '只有已管控的密接有管控方式', en: 'only a controlled contact has a measure' };
  if (to.status === from && !(from === 'controlled' && to.measure !== measureNow))
    return { field: 'status', zh: '状态未改变', en: 'the status is already that' };
  if (STAGE[to.status] < STAGE[from] && !to.reason?.trim())
    return { field: 'reason', zh: '退回原因不能为空', en: 'going back needs a reason' };
  if (STAGE[to.status] > STAGE[from] && NEXT[from] !== to.status)
    return {
      field: 'status',
      zh: `须先改为“${STATUS_NAMES[NEXT[from] as ContactStatus]}”`,
      en: `move to ${NEXT[from]} first`,
    };
  return null;
}

/** The statuses a contact at `from` may be moved to, each saying whether it needs a reason: the console's menu. */
export const statusesFrom = (from: ContactStatus) =>
  (Object.keys(STAGE) as ContactStatus[]).flatMap((status) => {
    if (status === from && status !== 'controlled') return [];
    if (STAGE[status] > STAGE[from] && NEXT[from] !== status) return [];
    return [{ status, back: STAGE[status] < STAGE[from] }];
  });

/** Chinese names of the statuses and measures (the console's labels, the export's cells). */
export const STATUS_NAMES: Record<ContactStatus, string> = {
  pending: '待排查',
  located: '已排查',
  controlled: '已管控',
  released: '已解除',
};
export const MEASURE_NAMES: Record<ControlMeasure, string> = {
  centralized: '集中隔离',
  home: '居家隔离',
  home_monitoring: '居家健康监测',
};
