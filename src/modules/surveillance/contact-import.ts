import type pg from 'pg';
import { importRefused, type RowIssue, sheetRows } from '../../lib/sheet-import';
import { readFirstSheet } from '../../lib/xlsx';
import type { Actor } from '../../server/access';
import type { Clock } from '../../server/clock';
import { AppError } from '../../server/errors';
import { likePrefix } from '../territory/rules';
import { CONTACT_COLUMNS, type ContactRow, validateContactRow } from './contact-ledger';
import type { SurveillanceService } from './service';

/**
 * Imports a contact list (.xlsx), all or nothing: rows are validated, their sources resolved set-based within the
 * caller's scope (positives by day, kind and number; close contacts by ID number), and only a file without a
 * single problem is handed to `addContacts`, which is idempotent by ID number and source.
 */
export async function importContacts(deps: { pool: pg.Pool; clock: Clock }, svc: SurveillanceService, a: Actor, data: Buffer) {
  const sheet = await readFirstSheet(data).catch(() => {
    throw new AppError(400, 'import.unreadable', '无法读取文件，请上传 .xlsx 格式的密接名单', 'Not a readable .xlsx file');
  });
  const { rows, columnOf } = sheetRows(sheet, CONTACT_COLUMNS);
  const issues: RowIssue[] = [];
  const good: { row: ContactRow; line: number }[] = [];
  for (const { line, raw } of rows) {
    const v = validateContactRow(raw, deps.clock.now(), { sheet: sheet.name, row: line, columnOf });
    issues.push(...v.issues);
    if (v.row) good.push({ row: v.row, line });
  }
  const scope = likePrefix(a.scopePath);
  const refs = good.flatMap((g) => (g.row.positive ? [g.row.positive] : []));
  const positives = await deps.pool.query(
    `SELECT p.id, to_char(p.report_date, 'YYYY-MM-DD') || p.kind || p.number AS k FROM positives p
       JOIN unnest($1::date[], $2::text[], $3::int[]) AS r(d, kind, n) ON p.report_date = r.d AND p.kind = r.kind AND p.number = r.n
      WHERE p.terr_path LIKE $4`,
    [refs.map((r) => r.date), refs.map((r) => r.kind), refs.map((r) => r.number), scope],
  );
  const closeIds = good.flatMap((g) => (g.row.closeContactId ? [g.row.closeContactId] : []));
  const close = await deps.pool.query(
    `SELECT trim(id_number) AS k, min(id) AS id, count(*)::int AS n FROM contacts
      WHERE kind = 'close' AND id_number = ANY($1) AND terr_path LIKE $2 GROUP BY 1`,
    [closeIds, scope],
  );
  const positiveId = new Map(positives.rows.map((r) => [r.k as string, Number(r.id)]));
  const contactId = new Map(close.rows.filter((r) => r.n === 1).map((r) => [r.k as string, Number(r.id)]));
  const contacts = good.map(({ row, line }) => {
    const p = row.positive && positiveId.get(`${row.positive.date}${row.positive.kind}${row.positive.number}`);
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
  return svc.addContacts(a, { contacts });
}
