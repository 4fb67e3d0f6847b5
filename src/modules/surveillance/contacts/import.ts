import type { Ctx } from '../../../kit/context';
import { importRefused, type RowIssue, sheetRows } from '../../../lib/sheet-import';
import { readFirstSheet } from '../../../lib/xlsx';
import { AppError } from '../../../server/errors';
import { positivesStore } from '../cases/store';
import { CONTACT_COLUMNS, type ContactRow, validateContactRow } from './rules';
import { contactsService } from './service';
import { contactsStore } from './store';

/**
 * Imports a contact list (.xlsx), all or nothing: rows are validated, their sources resolved set-based within the
 * caller's scope (positives by day, kind and number; close contacts by ID number), and only a file without a
 * single problem is handed to `addContacts`, which is idempotent by ID number and source.
 */
export async function importContacts(ctx: Ctx, data: Buffer) {
  const sheet = await readFirstSheet(data).catch(() => {
    throw new AppError(400, 'import.unreadable', '无法读取文件，请上传 .xlsx 格式的密接名单', 'Not a readable .xlsx file');
  });
  const { rows, columnOf } = sheetRows(sheet, CONTACT_COLUMNS);
  const issues: RowIssue[] = [];
  const good: { row: ContactRow; line: number }[] = [];
  for (const { line, raw } of rows) {
    const v = validateContactRow(raw, ctx.now(), { sheet: sheet.name, row: line, columnOf });
    issues.push(...v.issues);
    if (v.row) good.push({ row: v.row, line });
  }
  const refs = good.flatMap((g) => (g.row.positive ? [g.row.positive] : []));
  const closeIds = good.flatMap((g) => (g.row.closeContactId ? [g.row.closeContactId] : []));
  const [positiveId, contactId] = await Promise.all([
    positivesStore(ctx).idsByRef(refs),
    contactsStore(ctx).closeByIdNumber(closeIds),
  ]);
  const contacts = good.map(({ row, line }) => {
    const p = row.positive && positiveId.get(`${row.positive.date}|${row.positive.kind}|${row.positive.number}`);
    const c = row.closeContactId && contactId.get(row.closeContactId);
    if (row.positive && !p)
      issues.push({
        sheet: sheet.name,
        row: line,
        column: columnOf('positive'),
        reason: '关联病例不存在或不在您的辖区内',
        reasonEn: 'no such positive in your scope',
      });
    if (row.closeContactId && !c)
      issues.push({
        sheet: sheet.name,
        row: line,
        column: columnOf('closeContactId'),
        reason: '找不到该身份证号的密切接触者（请先导入密接）',
        reasonEn: 'no single close contact with this ID number in your scope',
      });
    return {
      kind: row.kind,
      name: row.name,
      idNumber: row.idNumber,
      phone: row.phone,
      sourcePositiveId: p || undefined,
      sourceContactId: c || undefined,
    };
  });
  if (issues.length) throw importRefused(issues.sort((x, y) => x.row - y.row));
  return contactsService.addContacts(ctx, { contacts });
}
