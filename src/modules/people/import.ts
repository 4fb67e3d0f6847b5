import type { Ctx } from '../../kit/context';
import type { TemplateSpec } from '../../kit/import-template';
import type { Ledger } from '../../kit/imports';
import { REVEAL } from '../../kit/personal';
import type { RowIssue } from '../../lib/sheet-import';
import { territoryService } from '../territory/service';
import { COLUMNS, type ColumnKey, duplicateIds, type LedgerRow, validateRow } from './ledger';
import { KEY_GROUPS, VULNERABLE_TAGS } from './rules';
import { peopleStore } from './store';
import { peopleWrites } from './writes-store';

type Ready = LedgerRow & { householdId: number; terrPath: string };

/** Rows per upsert statement (13 parameters, 11 of them arrays of a batch; well under the protocol's limits). */
const BATCH = 2000;

/**
 * The residents ledger for the kit's import pipeline: rows are keyed by ID number; a resident registered outside
 * the importer's scope cannot be moved in; households are found or created by address within the scope.
 */
export const residentsLedger: Ledger<ColumnKey, LedgerRow, Ready> = {
  kind: 'residents',
  title: '居民台账',
  columns: COLUMNS,
  validate: validateRow,
  acrossRows: (rows, at) => duplicateIds([...rows], at.sheet, at.columnOf('idNumber')),

  async resolve(tx: Ctx, good, at) {
    const issues: RowIssue[] = [];
    const refuse = (line: number, column: ColumnKey, reason: string, reasonEn: string) =>
      issues.push({ sheet: at.sheet, row: line, column: at.columnOf(column), reason, reasonEn });
    const elsewhere = await peopleStore(tx).registeredElsewhere(good.map((g) => g.row.idNumber));
    const moved = good.filter((g) => elsewhere.has(g.row.idNumber));
    // Naming the rows would tell an account without people.reveal which guessed ID numbers exist in the city: it
    // is told only how many; a worker who may see ID numbers is told which rows.
    if (moved.length && !tx.can(REVEAL))
      issues.push({
        sheet: at.sheet,
        row: 1,
        column: at.columnOf('idNumber'),
        reason: `有${moved.length}行的身份证号已在其他辖区登记；您的账号不能查看完整身份证号，因此不列出具体行，请联系社区或疾控核实`,
        reasonEn: `${moved.length} row(s) name ID numbers registered outside your scope (rows not listed without people.reveal)`,
      });
    else
      for (const g of moved)
        refuse(g.line, 'idNumber', '该身份证号已在其他辖区登记', 'this ID number is registered outside your scope');
    const homes = await territoryService.ensureHouseholds(
      tx,
      good.map((g) => g.row),
    );
    for (const u of homes.unresolved) refuse((good[u.index] as (typeof good)[number]).line, 'community', u.zh, u.en);
    if (issues.length) return { ready: [], issues };
    return {
      issues,
      created: homes.created,
      ready: good.map((g, i) => {
        const h = homes.households[i] as { id: number; path: string };
        return { ...g.row, householdId: h.id, terrPath: h.path };
      }),
    };
  },

  async write(tx: Ctx, ready, progress) {
    const store = peopleWrites(tx);
    const inserted: number[] = [];
    const updated: number[] = [];
    const moved: { personId: number; fromHousehold: number; toHousehold: number }[] = [];
    for (let i = 0; i < ready.length; i += BATCH) {
      const w = await store.upsert(ready.slice(i, i + BATCH), tx.now());
      inserted.push(...w.inserted);
      updated.push(...w.updated);
      moved.push(...w.moved);
      progress(Math.min(i + BATCH, ready.length), ready.length);
    }
    await tx.audit({ action: 'person.import', personIds: [...inserted, ...updated] });
    if (inserted.length || updated.length) await tx.emit('residents.imported', { inserted, updated });
    for (const m of moved) await tx.emit('resident.moved', m);
    return { inserted: inserted.length, updated: updated.length };
  },
};

/**
 * The residents ledger's template: a made-up resident (a well-formed ID number), the 特殊人群 values (several to a
 * cell) and the 重点人群 ones (one to a cell: the list refuses anything else). 社区 stays blank in the example: it
 * may only name the importer's own community, which a blank one means.
 */
export const residentsTemplate: TemplateSpec<ColumnKey> = {
  example: {
    name: '张三',
    idNumber: '230108199001011239',
    phone: '13912345678',
    compound: '宇光小区',
    building: '3栋',
    unit: '1单元',
    room: '101',
    actualAddress: '哈尔滨市平房区宇光小区3栋1单元101室',
    registeredAddress: '哈尔滨市平房区新疆大街1号',
    tags: '独居老人',
    keyGroup: KEY_GROUPS.delivery,
  },
  lists: { tags: Object.values(VULNERABLE_TAGS), keyGroup: Object.values(KEY_GROUPS) },
  several: ['tags'],
};
