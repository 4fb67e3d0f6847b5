import { createHash } from 'node:crypto';
import type pg from 'pg';
import { inTransaction } from '../../db/connect';
import type { Actor } from '../../kit/actor';
import { importRefused, type RowIssue, sheetRows } from '../../lib/sheet-import';
import { readFirstSheet, writeSheet } from '../../lib/xlsx';
import type { Clock } from '../../server/clock';
import { AppError, notFound } from '../../server/errors';
import { auditStore } from '../audit/store';
import { ensureHouseholds } from '../territory/households';
import { territoryStore } from '../territory/store';
import { COLUMNS, duplicateIds, type LedgerRow, validateRow } from './ledger';
import { peoplePermissions } from './permissions';
import { formatTags, maskIdNumber, maskPhone } from './rules';
import { type PeopleFilter, type PersonRow, peopleStore } from './store';

export type Progress = (phase: 'parse' | 'validate' | 'write', done: number, total: number) => void;

export interface ImportResult {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

export function peopleService(deps: { pool: pg.Pool; clock: Clock }) {
  const revealers = peoplePermissions.defs.get(peoplePermissions.names.reveal)?.roles ?? [];
  const unmasks = (a: Actor) => revealers.includes(a.role);
  /** Shapes a row for the caller: masked, or unmasked and then audited by the caller of `present`. */
  const present = (a: Actor, p: PersonRow) => {
    const address = p.addressParts.join(' ');
    if (unmasks(a)) return { ...p, address, masked: false };
    return { ...p, address, idNumber: maskIdNumber(p.idNumber), phone: p.phone && maskPhone(p.phone), masked: true };
  };

  /** Resolves an optional node filter inside the caller's scope (404 outside). */
  const underPath = async (a: Actor, nodeId?: number) => {
    if (!nodeId) return undefined;
    const n = await territoryStore(deps.pool, a.scopePath).byId(nodeId);
    if (!n) throw notFound('Node', '辖区节点');
    return n.path;
  };

  return {
    async list(a: Actor, f: Omit<PeopleFilter, 'underPath'> & { nodeId?: number }) {
      const page = await peopleStore(deps.pool, a.scopePath).list({ ...f, underPath: await underPath(a, f.nodeId) });
      if (unmasks(a))
        await auditStore(deps.pool).recordMany(
          a,
          deps.clock.now(),
          'person.read_unmasked',
          page.items.map((p) => p.id),
          {
            via: 'list',
          },
        );
      return { total: page.total, items: page.items.map((p) => present(a, p)) };
    },

    async get(a: Actor, id: number) {
      const p = await peopleStore(deps.pool, a.scopePath).byId(id);
      if (!p) throw notFound('Person', '居民');
      if (unmasks(a))
        await auditStore(deps.pool).record(a, deps.clock.now(), {
          action: 'person.read_unmasked',
          personId: p.id,
          detail: { via: 'detail' },
        });
      return present(a, p);
    },

    /**
     * Imports a residents ledger (.xlsx), all or nothing: every bad row is reported by sheet, row and column and
     * nothing is written; a good file is upserted by ID number, so importing it again changes nothing.
     */
    async importXlsx(a: Actor, data: Buffer, progress: Progress = () => {}): Promise<ImportResult> {
      const now = deps.clock.now();
      progress('parse', 0, 1);
      const sheet = await readFirstSheet(data).catch(() => {
        throw new AppError(400, 'import.unreadable', '无法读取文件，请上传 .xlsx 格式的居民台账', 'Not a readable .xlsx file');
      });
      progress('parse', 1, 1);
      const { rows: raws, columnOf } = sheetRows(sheet, COLUMNS);
      const issues: RowIssue[] = [];
      const good: { row: LedgerRow; line: number }[] = [];
      raws.forEach(({ line, raw }, i) => {
        const v = validateRow(raw, now, { sheet: sheet.name, row: line, columnOf });
        issues.push(...v.issues);
        if (v.row) good.push({ row: v.row, line });
        if (i % 1000 === 0) progress('validate', i, raws.length);
      });
      progress('validate', sheet.rows.length, sheet.rows.length);
      issues.push(...duplicateIds(good, sheet.name, columnOf('idNumber')));
      if (sheet.rows.length === 0)
        issues.push({
          sheet: sheet.name,
          row: 2,
          column: '-',
          reason: '表格中没有数据行',
          reasonEn: 'the sheet has no data rows',
        });

      const scopeNode = await territoryStore(deps.pool, a.scopePath).byId(a.scopeNodeId);
      if (!scopeNode) throw notFound('Node', '辖区节点');
      const sha256 = createHash('sha256').update(data).digest('hex');
      return inTransaction(deps.pool, async (tx) => {
        const store = peopleStore(tx, a.scopePath);
        const elsewhere = await store.registeredElsewhere(good.map((g) => g.row.idNumber));
        for (const g of good)
          if (elsewhere.has(g.row.idNumber))
            issues.push({
              sheet: sheet.name,
              row: g.line,
              column: columnOf('idNumber'),
              reason: '该身份证号已在其他辖区登记',
              reasonEn: 'this ID number is registered outside your scope',
            });
        const homes = await ensureHouseholds(
          tx,
          { nodeId: scopeNode.id, path: scopeNode.path, type: scopeNode.type },
          good.map((g) => g.row),
        );
        for (const u of homes.unresolved)
          issues.push({
            sheet: sheet.name,
            row: (good[u.index] as (typeof good)[number]).line,
            column: columnOf('community'),
            reason: u.zh,
            reasonEn: u.en,
          });
        if (issues.length) throw importRefused(issues.sort((x, y) => x.row - y.row));
        const rows = good.map((g, i) => {
          const h = homes.households[i] as { id: number; path: string };
          return { ...g.row, householdId: h.id, terrPath: h.path };
        });
        let inserted = 0;
        let updated = 0;
        const writtenIds: number[] = [];
        for (let i = 0; i < rows.length; i += 2000) {
          const w = await store.upsert(rows.slice(i, i + 2000), now);
          inserted += w.inserted.length;
          updated += w.updated.length;
          writtenIds.push(...w.inserted, ...w.updated);
          progress('write', Math.min(i + 2000, rows.length), rows.length);
        }
        await tx.query(
          'INSERT INTO import_batches (kind, sha256, user_id, rows, inserted, updated, at) VALUES ($1,$2,$3,$4,$5,$6,$7)',
          ['residents', sha256, a.userId, rows.length, inserted, updated, now],
        );
        await auditStore(tx).recordMany(a, now, 'person.import', writtenIds, { sha256 });
        return { rows: rows.length, inserted, updated, unchanged: rows.length - inserted - updated };
      });
    },

    /** The ledger as .xlsx: all residents in scope (or a subtree, or one vulnerable category), masked by role. */
    async exportXlsx(a: Actor, f: { nodeId?: number; tag?: string }): Promise<Buffer> {
      const store = peopleStore(deps.pool, a.scopePath);
      const rows: string[][] = [];
      const audit = auditStore(deps.pool);
      for await (const batch of store.scan({ underPath: await underPath(a, f.nodeId), tag: f.tag })) {
        for (const p of batch.map((x) => present(a, x))) {
          const [community = '', compound = '', building = '', unit = '', room = ''] = p.addressParts;
          rows.push([
            p.name,
            p.idNumber,
            p.phone ?? '',
            community,
            compound,
            building,
            unit,
            room,
            p.actualAddress ?? '',
            p.registeredAddress ?? '',
            formatTags(p.tags),
          ]);
        }
        if (unmasks(a))
          await audit.recordMany(
            a,
            deps.clock.now(),
            'person.export_unmasked',
            batch.map((p) => p.id),
          );
      }
      return writeSheet(f.tag ? '特殊人群台账' : '居民台账', COLUMNS, rows);
    },
  };
}

export type PeopleService = ReturnType<typeof peopleService>;
