/**
 * The pure rules of the lab part of mass testing: a results file's columns and the check of one row (试管条码,
 * 检测结果, ORF1ab Ct, N Ct, 检测机构, 检测时间), rows naming one tube twice, what a result already recorded means
 * for a new one, a handover's state, the detection channel a round implies, and where a positive lives.
 */
import type { RowIssue, SheetColumn } from '../../../lib/sheet-import';
import { BARCODE, canonicalBarcode } from '../barcode';

export const RESULTS = { negative: '阴性', positive: '阳性', invalid: '无效' } as const;
export type TubeResult = keyof typeof RESULTS;
export const RESULT_KEYS = Object.keys(RESULTS) as [TubeResult, ...TubeResult[]];

const RESULT_WORDS: Record<string, TubeResult> = {
  阴性: 'negative',
  阳性: 'positive',
  无效: 'invalid',
  negative: 'negative',
  positive: 'positive',
  invalid: 'invalid',
};

/** A barcode as tubes carry them: letters, digits and hyphens (what a scanner reads off a 采样管). */
/** Ct values a PCR run reports (cycles: 0 to 50; 40 is the usual cut-off, 45 the last cycle of some kits). */
export const CT_MAX = 50;

export const RESULT_COLUMNS = [
  { key: 'barcode', header: '试管条码', required: true, width: 20, max: 40 },
  { key: 'result', header: '检测结果', required: true, width: 10, max: 10 },
  { key: 'orf1ab', header: 'ORF1ab Ct', required: false, width: 10, max: 12 },
  { key: 'n', header: 'N Ct', required: false, width: 10, max: 12 },
  { key: 'lab', header: '检测机构', required: true, width: 24, max: 100 },
  { key: 'at', header: '检测时间', required: true, width: 20, max: 30 },
] as const satisfies readonly SheetColumn[];
export type ResultColumn = (typeof RESULT_COLUMNS)[number]['key'];

/** One tube's result as a file row or a device post states it. */
export interface ResultRow {
  barcode: string;
  result: TubeResult;
  orf1ab: number | null;
  n: number | null;
  lab: string;
  at: Date;
}

/** Minutes a result time may lie ahead of the server's clock (an instrument's clock running fast). */
const AHEAD_MINUTES = 10;
const CHINA = 8 * 3600_000;

/**
 * A result time as labs write it: `2022-11-02 10:30[:15]` or `2022/11/2 10:30` in Beijing time, ISO 8601 with
 * an offset, or an Excel serial day number (a cell typed as a date, read in Beijing time). Null when unreadable.
 */
export function parseResultTime(s: string): Date | null {
  const v = s.trim();
  const local = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (local) {
    const [y, mo, d, h, mi, se] = local.slice(1).map((x) => Number(x ?? 0)) as number[];
    const t = Date.UTC(y as number, (mo as number) - 1, d, h, mi, se) - CHINA;
    const back = new Date(t + CHINA);
    // 2022-02-30 or 25:00 is no time at all.
    if (back.getUTCDate() !== d || back.getUTCHours() !== h || (mo as number) - 1 !== back.getUTCMonth()) return null;
    return new Date(t);
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/.test(v)) {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : new Date(t);
  }
  if (/^\d{5}(\.\d+)?$/.test(v)) return new Date(Math.round((Number(v) - 25569) * 86_400_000) - CHINA);
  return null;
}

/** A Ct cell: blank (null), a number in range, or undefined when it is neither. */
export function parseCt(s: string | undefined): number | null | undefined {
  const v = (s ?? '').trim();
  if (v === '' || v === '-' || v === '/') return null;
  if (!/^\d{1,2}(\.\d{1,3})?$/.test(v)) return undefined;
  const n = Number(v);
  return n >= 0 && n <= CT_MAX ? n : undefined;
}

/** Validates one row of a results file (pure: `today` is the server's clock). */
export function validateResultRow(
  raw: Partial<Record<ResultColumn, string>>,
  today: Date,
  at: { sheet: string; row: number; columnOf: (k: ResultColumn) => string },
): { row?: ResultRow; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const fail = (k: ResultColumn, reason: string, reasonEn: string) =>
    issues.push({ sheet: at.sheet, row: at.row, column: at.columnOf(k), reason, reasonEn });
  const cell = (k: ResultColumn) => (raw[k] ?? '').trim();

  const barcode = canonicalBarcode(cell('barcode'));
  if (!barcode) fail('barcode', '试管条码不能为空', '试管条码 is required');
  else if (!BARCODE.test(barcode)) fail('barcode', '试管条码应为4-40位字母、数字或连字符', 'not a tube barcode');
  const result = RESULT_WORDS[cell('result').toLowerCase()];
  if (!result) fail('result', '检测结果应为阴性、阳性或无效', 'must be 阴性, 阳性 or 无效');
  const orf1ab = parseCt(raw.orf1ab);
  if (orf1ab === undefined) fail('orf1ab', `ORF1ab Ct值应为0-${CT_MAX}的数字`, `ORF1ab Ct must be a number from 0 to ${CT_MAX}`);
  const n = parseCt(raw.n);
  if (n === undefined) fail('n', `N Ct值应为0-${CT_MAX}的数字`, `N Ct must be a number from 0 to ${CT_MAX}`);
  const lab = cell('lab');
  if (!lab) fail('lab', '检测机构不能为空', '检测机构 is required');
  const time = cell('at') ? parseResultTime(cell('at')) : null;
  if (!cell('at')) fail('at', '检测时间不能为空', '检测时间 is required');
  else if (!time) fail('at', '检测时间应为“2022-11-02 10:30”格式', 'must be a time such as 2022-11-02 10:30');
  else if (time.getTime() > today.getTime() + AHEAD_MINUTES * 60_000) fail('at', '检测时间晚于当前时间', 'lies in the future');
  else if (time.getFullYear() < 2019) fail('at', '检测时间早于2019年', 'lies before 2019');
  if (issues.length || !result || !time || orf1ab === undefined || n === undefined) return { issues };
  return { row: { barcode, result, orf1ab, n, lab, at: time }, issues };
}

/**
 * Rows naming the same tube: the same result again is one result (a lab sending a row twice), a different
 * result for the same tube is refused at each later row, naming the first.
 */
export function sameTubeTwice<T extends { barcode: string; result: TubeResult }>(
  rows: readonly { row: T; line: number }[],
): { line: number; first: number; result: TubeResult }[] {
  const first = new Map<string, { line: number; result: TubeResult }>();
  const out: { line: number; first: number; result: TubeResult }[] = [];
  for (const { row, line } of rows) {
    const f = first.get(row.barcode);
    if (!f) first.set(row.barcode, { line, result: row.result });
    else if (f.result !== row.result) out.push({ line, first: f.line, result: f.result });
  }
  return out;
}

/**
 * What a result does to a tube that may have one already: the first result is recorded; the same result again
 * changes nothing (a replay); a different one is refused (a lab correcting a result goes through the CDC, not
 * through an upload that would silently flip a positive pool).
 */
export function resultDecision(recorded: TubeResult | null, incoming: TubeResult): 'record' | 'unchanged' | 'conflict' {
  if (recorded === null) return 'record';
  return recorded === incoming ? 'unchanged' : 'conflict';
}

export type HandoverStatus = 'sent' | 'received' | 'discrepancy';

/** A handover is sent until the lab counts it; received when the counts agree; a discrepancy (差异) otherwise. */
export const handoverStatus = (sent: number, received: number | null): HandoverStatus =>
  received === null ? 'sent' : received === sent ? 'received' : 'discrepancy';

/**
 * The channels a mass-testing positive is reported under, by the period whose bulletins use them (POLICY.md,
 * "Detection channels in bulletins, by period"): 2021 全员核酸筛查发现, 2022-03 区域核酸检测发现, 2022-11 社区筛查发现.
 */
export const SCREENING_CHANNELS = ['全员核酸筛查发现', '区域核酸检测发现', '社区筛查发现'] as const;

/** A period (2021, 2022-03) as the first day it covers. */
const periodStart = (p: string) => (p.length === 4 ? `${p}-01-01` : `${p}-01`);

/**
 * The channel a round's positives are reported under: of the city's channels in force (surveillance's list,
 * each with its period), the screening channel of the latest period begun by the round's day (UTC+8). A round
 * before any such period takes the earliest one; a city that retired them all, the first name of the policy.
 */
export function channelFor(day: Date, channels: readonly { name: string; period: string }[]): string {
  const today = new Date(day.getTime() + CHINA).toISOString().slice(0, 10);
  const screening = channels
    .filter((c) => (SCREENING_CHANNELS as readonly string[]).includes(c.name))
    .sort((a, b) => periodStart(a.period).localeCompare(periodStart(b.period)));
  const begun = screening.filter((c) => periodStart(c.period) <= today);
  return (begun.at(-1) ?? screening[0])?.name ?? SCREENING_CHANNELS[0];
}

/** A report's day and hour in Beijing time (a positive is reported on the day and at the hour its result came). */
export function reportedAt(at: Date): { reportDate: string; reportHour: number } {
  const local = new Date(at.getTime() + CHINA);
  return { reportDate: local.toISOString().slice(0, 10), reportHour: local.getUTCHours() };
}

/**
 * Where a sampled person lives, from their household's territory path (/city/district/street/…/household/):
 * the district is the path's second node, the household its last.
 */
export function householdOf(path: string): { districtId: number; householdId: number } | null {
  const ids = path.split('/').filter(Boolean).map(Number);
  if (ids.length < 3 || ids.some((x) => !Number.isSafeInteger(x))) return null;
  return { districtId: ids[1] as number, householdId: ids.at(-1) as number };
}
