/**
 * The residents ledger (居民台账) as a spreadsheet: its columns and the pure validation of one row.
 * Import and export share these definitions, so a file we export imports back unchanged.
 */
import { normalizeText, normalPhone } from '../../kit/input-rules';
import { LENGTH } from '../../kit/text';
import type { RowIssue } from '../../lib/sheet-import';
import { ID_PROBLEM_TEXT, type KeyGroup, parseIdNumber, parseKeyGroup, parseTags, type VulnerableTag } from './rules';

export const COLUMNS = [
  { key: 'name', header: '姓名', required: true, width: 10, max: LENGTH.name },
  { key: 'idNumber', header: '身份证号', required: true, width: 22, max: LENGTH.name },
  { key: 'phone', header: '联系电话', required: false, width: 14, max: LENGTH.name },
  { key: 'community', header: '社区', required: false, width: 14, max: LENGTH.name },
  { key: 'compound', header: '小区', required: true, width: 14, max: LENGTH.name },
  { key: 'building', header: '楼栋', required: true, width: 8, max: LENGTH.name },
  { key: 'unit', header: '单元', required: true, width: 8, max: LENGTH.name },
  { key: 'room', header: '户号', required: true, width: 8, max: LENGTH.name },
  { key: 'actualAddress', header: '现住址', required: false, width: 30, max: LENGTH.address },
  { key: 'registeredAddress', header: '户籍地址', required: false, width: 30, max: LENGTH.address },
  { key: 'tags', header: '特殊人群', required: false, width: 16, max: LENGTH.label },
  { key: 'keyGroup', header: '重点人群', required: false, width: 18, max: LENGTH.label },
] as const;

export type ColumnKey = (typeof COLUMNS)[number]['key'];
export type RawRow = Partial<Record<ColumnKey, string>>;

export interface LedgerRow {
  name: string;
  idNumber: string;
  sex: 'M' | 'F';
  birthDate: string;
  phone: string | null;
  community: string | null;
  compound: string;
  building: string;
  unit: string;
  room: string;
  actualAddress: string | null;
  registeredAddress: string | null;
  tags: VulnerableTag[];
  /**
   * Undefined when the file has no 重点人群 column (a ledger made before the column existed): the stored group is
   * kept, so re-importing an old file never drops a resident's key group (and with it their single tube).
   */
  keyGroup: KeyGroup | null | undefined;
}

/** Validates one row; `at` locates the row for messages, `columnOf` gives a column's letter and header. */
export function validateRow(
  raw: RawRow,
  today: Date,
  at: { sheet: string; row: number; columnOf: (k: ColumnKey) => string },
): { row?: LedgerRow; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const fail = (k: ColumnKey, reason: string, reasonEn: string) =>
    issues.push({ sheet: at.sheet, row: at.row, column: at.columnOf(k), reason, reasonEn });
  const text = (k: ColumnKey) => (raw[k] ?? '').trim();

  for (const c of COLUMNS) if (c.required && !text(c.key)) fail(c.key, `${c.header}不能为空`, `${c.header} is required`);
  // Lengths and unstorable characters were checked by the kit's import pipeline (each column's `max`).
  const name = text('name');

  // Full-width digits and letters, as a Chinese input method types them, are the same number (１３８… = 138…).
  const id = text('idNumber') ? parseIdNumber(normalizeText(text('idNumber')), today) : undefined;
  if (id && !id.ok) fail('idNumber', ID_PROBLEM_TEXT[id.problem].zh, `ID number ${ID_PROBLEM_TEXT[id.problem].en}`);

  // A mobile, or a landline with its area code: "1391234" is no number one can call back.
  const phone = text('phone') ? normalPhone(text('phone')) : null;
  if (text('phone') && !phone)
    fail(
      'phone',
      '联系电话应为11位手机号或带区号的固定电话',
      'phone must be an 11-digit mobile or a landline with its area code',
    );

  const { tags, unknown } = parseTags(text('tags'));
  if (unknown.length)
    fail('tags', `特殊人群类别无法识别：${unknown.join('、')}`, `unknown vulnerable categories: ${unknown.join(', ')}`);

  const group = parseKeyGroup(text('keyGroup'));
  if ('unknown' in group)
    fail(
      'keyGroup',
      `重点人群类别无法识别：${group.unknown}（每人至多一类）`,
      `unknown key group: ${group.unknown} (one at most)`,
    );

  if (issues.length || !id?.ok) return { issues };
  return {
    issues,
    row: {
      name,
      idNumber: id.facts.idNumber,
      sex: id.facts.sex,
      birthDate: id.facts.birthDate,
      phone,
      community: text('community') || null,
      compound: text('compound'),
      building: text('building'),
      unit: text('unit'),
      room: text('room'),
      actualAddress: text('actualAddress') || null,
      registeredAddress: text('registeredAddress') || null,
      tags,
      keyGroup: raw.keyGroup === undefined ? undefined : 'keyGroup' in group ? group.keyGroup : null,
    },
  };
}

/** Reports ID numbers that appear on more than one row of the same file. */
export function duplicateIds(rows: { row: LedgerRow; line: number }[], sheet: string, idColumn: string): RowIssue[] {
  const first = new Map<string, number>();
  const issues: RowIssue[] = [];
  for (const { row, line } of rows) {
    const seen = first.get(row.idNumber);
    if (seen === undefined) first.set(row.idNumber, line);
    else
      issues.push({
        sheet,
        row: line,
        column: idColumn,
        reason: `身份证号与第${seen}行重复`,
        reasonEn: `ID number repeats row ${seen}`,
      });
  }
  return issues;
}
