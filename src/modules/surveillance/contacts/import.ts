import type { Ctx } from '../../../kit/context';
import { importTemplate } from '../../../kit/import-template';
import { type Ledger, runImport } from '../../../kit/imports';
import type { RowIssue } from '../../../lib/sheet-import';
import { positivesStore } from '../cases/store';
import type { CreateContacts } from './contract';
import { CONTACT_COLUMNS, type ContactColumn, type ContactRow, validateContactRow } from './rules';
import { contactsService } from './service';
import { contactsStore } from './store';

type Ready = CreateContacts['contacts'][number];

/**
 * The contact list (密接名单) for the kit's import pipeline: each row names its source as investigators write it
 * (a positive by day, kind and number; a close contact by ID number), resolved set-based within the caller's
 * scope; the rows are then written by `addContacts`, idempotent by ID number and source.
 */
export const contactsLedger: Ledger<ContactColumn, ContactRow, Ready> = {
  kind: 'contacts',
  title: '密接名单',
  columns: CONTACT_COLUMNS,
  validate: validateContactRow,

  async resolve(tx: Ctx, good, at) {
    const issues: RowIssue[] = [];
    const refuse = (line: number, column: ContactColumn, reason: string, reasonEn: string) =>
      issues.push({ sheet: at.sheet, row: line, column: at.columnOf(column), reason, reasonEn });
    const [positiveId, contactId] = await Promise.all([
      positivesStore(tx).idsByRef(good.flatMap((g) => (g.row.positive ? [g.row.positive] : []))),
      contactsStore(tx).closeByIdNumber(good.flatMap((g) => (g.row.closeContactId ? [g.row.closeContactId] : []))),
    ]);
    const ready = good.map(({ row, line }) => {
      const p = row.positive && positiveId.get(`${row.positive.date}|${row.positive.kind}|${row.positive.number}`);
      const c = row.closeContactId && contactId.get(row.closeContactId);
      if (row.positive && !p) refuse(line, 'positive', '关联病例不存在或不在您的辖区内', 'no such positive in your scope');
      if (row.closeContactId && !c)
        refuse(
          line,
          'closeContactId',
          '找不到该身份证号的密切接触者（请先导入密接）',
          'no single close contact with this ID number in your scope',
        );
      return {
        kind: row.kind,
        name: row.name,
        idNumber: row.idNumber,
        phone: row.phone,
        sourcePositiveId: p || undefined,
        sourceContactId: c || undefined,
      };
    });
    return { ready: issues.length ? [] : ready, issues };
  },

  async write(tx: Ctx, ready, progress) {
    const r = await contactsService.addContacts(tx, { contacts: [...ready] });
    progress(ready.length, ready.length);
    return { inserted: r.inserted, updated: r.updated };
  },
};

/** Imports a contact list (.xlsx) through the kit's pipeline: all or nothing, idempotent, replays reported. */
/** The contacts ledger's import template: its headers, the two kinds as a drop-down, one example row. */
export const contactsTemplate = () =>
  importTemplate(contactsLedger.title, CONTACT_COLUMNS, {
    example: {
      name: '李四',
      idNumber: '230108199001011239',
      phone: '13912345678',
      kind: '密切接触者',
      positive: '2022-11-29 确诊病例1',
    },
    lists: { kind: ['密切接触者', '密接的密接'] },
  });

export const importContacts = (ctx: Ctx, data: Buffer, opts: { dryRun?: boolean } = {}) =>
  runImport(ctx, contactsLedger, data, undefined, {}, opts);
