import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowIssue } from '../lib/sheet-import';
import { writeSheet } from '../lib/xlsx';
import { contextForAccount } from '../modules/auth/actor';
import { AppError } from '../server/errors';
import { createKit } from '../server/kit';
import { harness } from '../test/harness';
import { system } from './context';
import { type Ledger, runImport } from './imports';

// A ledger of notes: a note's text is its natural key; a note naming "missing" cannot be resolved. Resolve and
// write leave audit rows (targets tagged by the test), so what survives a refusal can be counted.
let h: Awaited<ReturnType<typeof harness>>;
const tag = randomUUID().slice(0, 8);
const writes: string[][] = [];

const notes: Ledger<'note' | 'count', { note: string; count: number }, string> = {
  kind: `kit_test_${tag}`,
  title: '测试台账',
  columns: [
    { key: 'note', header: '备注', required: true, width: 10, max: 100 },
    { key: 'count', header: '数量', required: true, width: 6, max: 100 },
  ],
  validate(raw, _today, at) {
    const count = Number(raw.count);
    if (!Number.isInteger(count))
      return {
        issues: [{ sheet: at.sheet, row: at.row, column: at.columnOf('count'), reason: '数量须为整数', reasonEn: 'NaN' }],
      };
    return { row: { note: raw.note ?? '', count }, issues: [] };
  },
  async resolve(tx, rows, at) {
    await tx.audit({ action: 'kit_test.resolve', target: `${tag}-resolve` });
    const issues: RowIssue[] = rows
      .filter((r) => r.row.note === 'missing')
      .map((r) => ({ sheet: at.sheet, row: r.line, column: at.columnOf('note'), reason: '找不到', reasonEn: 'not found' }));
    return { ready: rows.map((r) => r.row.note), issues };
  },
  async write(tx, ready) {
    writes.push([...ready]);
    await tx.audit({ action: 'kit_test.write', target: `${tag}-write` });
    return { inserted: ready.length, updated: 0 };
  },
};
const file = (rows: string[][]) =>
  writeSheet(
    'Notes',
    notes.columns.map((c) => ({ header: c.header, width: c.width })),
    rows,
  );
const audited = async (suffix: string) =>
  (await h.pool.query('SELECT count(*)::int AS n FROM audit_log WHERE target = $1', [`${tag}-${suffix}`])).rows[0].n;

beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());

describe('the import pipeline (kit/imports.ts)', () => {
  it('refuses a file with any bad row, listing every bad cell, and keeps nothing resolve wrote', async () => {
    const kit = createKit(h.pool, h.clock);
    const refusal = await runImport(
      system(kit),
      notes,
      await file([
        ['a', '1'],
        ['missing', '2'],
        ['c', 'x'],
      ]),
    ).catch((e) => e);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal.details.issues).toEqual([
      { sheet: 'Notes', row: 3, column: 'A（备注）', reason: '找不到', reasonEn: 'not found' },
      { sheet: 'Notes', row: 4, column: 'B（数量）', reason: '数量须为整数', reasonEn: 'NaN' },
    ]);
    expect(writes).toEqual([]);
    expect(await audited('resolve')).toBe(0);
    const batches = await h.pool.query('SELECT count(*)::int AS n FROM import_batches WHERE kind = $1', [notes.kind]);
    expect(batches.rows[0].n).toBe(0);
  });

  it('records a good file, and reports its replay in the same scope without writing again', async () => {
    const kit = createKit(h.pool, h.clock);
    const data = await file([
      ['a', '1'],
      ['b', '2'],
    ]);
    expect(await runImport(system(kit), notes, data)).toEqual({ rows: 2, inserted: 2, updated: 0, unchanged: 0 });
    const replay = await runImport(system(kit), notes, data);
    expect(replay).toEqual({
      rows: 2,
      inserted: 0,
      updated: 0,
      unchanged: 2,
      replayOf: { at: h.clock.now().toISOString(), rows: 2 },
    });
    expect(writes).toEqual([['a', 'b']]);
    expect(await audited('write')).toBe(1);

    // The same file in another scope is a new import there.
    const w = await h.world();
    const worker = await h.login('community', w.a.code);
    const ctx = await contextForAccount(kit, worker.username, 'test');
    expect((await runImport(ctx, notes, data)).replayOf).toBeUndefined();
    const batches = await h.pool.query('SELECT scope_path, rows FROM import_batches WHERE kind = $1 ORDER BY id', [notes.kind]);
    expect(batches.rows).toEqual([
      { scope_path: '/', rows: 2 },
      { scope_path: w.a.path, rows: 2 },
    ]);
  });
});
