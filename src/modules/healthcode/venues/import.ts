import type { Ctx } from '../../../kit/context';
import { importTemplate } from '../../../kit/import-template';
import { type Ledger, type Located, runImport } from '../../../kit/imports';
import { LENGTH } from '../../../kit/text';
import type { RowIssue, SheetColumn } from '../../../lib/sheet-import';
import { territoryService } from '../../territory/service';
import type { VenueRule } from './rule';
import { PARK_KINDS, VENUE_KINDS, type VenueKind } from './rules';
import { newVenueCode } from './service';
import { type VenueRow, venuesStore } from './store';

/** 场所名称 场所类型 辖区编码 所属园区 公交线路 车牌号 地址 须绿码 核酸时限（小时） 场所码 */
export const VENUE_COLUMNS = [
  { key: 'name', header: '场所名称', required: true, width: 22, max: LENGTH.name },
  { key: 'kind', header: '场所类型', required: true, width: 12, max: LENGTH.name },
  { key: 'node', header: '辖区编码', required: true, width: 18, max: LENGTH.name },
  { key: 'park', header: '所属园区', required: false, width: 20, max: LENGTH.name },
  { key: 'line', header: '公交线路', required: false, width: 12, max: 40 },
  { key: 'plate', header: '车牌号', required: false, width: 12, max: 12 },
  { key: 'address', header: '地址', required: false, width: 30, max: LENGTH.address },
  { key: 'green', header: '须绿码', required: false, width: 8, max: LENGTH.name },
  { key: 'hours', header: '核酸时限（小时）', required: false, width: 16, max: LENGTH.name },
  { key: 'code', header: '场所码', required: false, width: 18, max: 40 },
] as const satisfies readonly SheetColumn[];
export type VenueColumn = (typeof VENUE_COLUMNS)[number]['key'];

/** A row as validated: references (the node's code, the park's name, the venue's code) still to resolve. */
export interface VenueSheetRow {
  name: string;
  kind: VenueKind;
  nodeCode: string;
  parkName: string | null;
  line: string | null;
  plate: string | null;
  address: string | null;
  rule: VenueRule;
  code: string | null;
}

interface Ready {
  line: number;
  row: VenueSheetRow;
  nodeId: number;
  terrPath: string;
  /** The venue this row updates: named by its code, or found by (node, park, name). */
  existing: VenueRow | null;
}

const KIND_BY_NAME = new Map<string, VenueKind>(
  Object.entries(VENUE_KINDS).flatMap(([k, zh]) => [
    [zh, k as VenueKind],
    [k, k as VenueKind],
  ]),
);
const YES = new Set(['是', '须', 'Y', 'y', 'yes', '1', '√']);
const NO = new Set(['否', '不须', 'N', 'n', 'no', '0', '×']);
const NO_TEST = new Set(['无', '不查', '不要求', '-']);

/** One row of a venues sheet, checked cell by cell (pure). */
export function validateVenueRow(
  raw: Partial<Record<VenueColumn, string>>,
  _today: Date,
  at: { sheet: string; row: number; columnOf: (k: VenueColumn) => string },
): { row?: VenueSheetRow; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const fail = (k: VenueColumn, reason: string, reasonEn: string) =>
    issues.push({ sheet: at.sheet, row: at.row, column: at.columnOf(k), reason, reasonEn });
  const cell = (k: VenueColumn) => (raw[k] ?? '').trim();
  const name = cell('name');
  if (!name) fail('name', '场所名称不能为空', '场所名称 is required');
  const kind = KIND_BY_NAME.get(cell('kind'));
  if (!kind) fail('kind', `场所类型应为${Object.values(VENUE_KINDS).join('、')}之一`, '场所类型 is not a known kind');
  const nodeCode = cell('node');
  if (!nodeCode) fail('node', '辖区编码不能为空', '辖区编码 is required');
  const parkName = cell('park') || null;
  if (kind && parkName && !PARK_KINDS.has(kind))
    fail('park', '只有园区分区、商铺和仓库可属于园区', 'only zones, shops and warehouses stand in a park');
  if ((kind === 'zone' || kind === 'warehouse') && !parkName)
    fail('park', '园区分区和仓库须填写所属园区', 'a zone or warehouse names its park');
  const line = cell('line') || null;
  if (kind === 'bus' && !line) fail('line', '公交车须填写线路', 'a bus needs its line');
  const plate = cell('plate') || null;
  if (kind === 'taxi' && !plate) fail('plate', '出租车须填写车牌号', 'a taxi needs its plate');
  if (plate && !/^[\p{Script=Han}A-Za-z0-9·-]+$/u.test(plate))
    fail('plate', '车牌号只含汉字、字母和数字', 'the plate holds letters, digits and Han only');
  const g = cell('green');
  const green = g === '' || YES.has(g) ? true : NO.has(g) ? false : undefined;
  if (green === undefined) fail('green', '须绿码应填“是”或“否”', '须绿码 must be 是 or 否');
  const h = cell('hours');
  let hours: number | null = 72;
  if (NO_TEST.has(h)) hours = null;
  else if (h !== '') {
    hours = /^\d{1,3}$/.test(h) ? Number(h) : Number.NaN;
    if (!(hours >= 1 && hours <= 720)) fail('hours', '核酸时限应为1至720的整数小时，或填“无”', 'hours must be 1-720 or 无');
  }
  const code = cell('code') || null;
  if (code && !/^[A-Za-z0-9_-]{4,40}$/.test(code))
    fail('code', '场所码只含字母、数字、-、_', 'a venue code holds letters, digits, - and _');
  if (issues.length || !kind || green === undefined) return { issues };
  return {
    issues,
    row: {
      name,
      kind,
      nodeCode,
      parkName,
      line: kind === 'bus' ? line : null,
      plate: kind === 'taxi' ? plate : null,
      address: cell('address') || null,
      rule: { green, negativeWithinHours: hours },
      code,
    },
  };
}

const naturalKey = (r: VenueSheetRow) => `${r.nodeCode}\u0000${r.parkName ?? ''}\u0000${r.name}`;

const sameRule = (a: VenueRule, b: VenueRule) => a.green === b.green && a.negativeWithinHours === b.negativeWithinHours;

/**
 * The venues ledger (场所台账) for the kit's import pipeline: each row a venue at a node given by its code, a zone,
 * shop or warehouse naming its logistics park at the same node (in the file or registered before). A row is the
 * venue of its 场所码 when it gives one, else the venue of its (node, park, name): imported again, it changes
 * nothing; a changed row updates that venue, keeping its printed code.
 */
export const venuesLedger: Ledger<VenueColumn, VenueSheetRow, Ready> = {
  kind: 'healthcode.venues',
  title: '场所台账',
  csv: true,
  columns: VENUE_COLUMNS,
  validate: validateVenueRow,

  acrossRows(rows, at) {
    const seen = new Map<string, number>();
    const codes = new Map<string, number>();
    const issues: RowIssue[] = [];
    for (const { row, line } of rows) {
      const k = naturalKey(row);
      const first = seen.get(k);
      if (first !== undefined)
        issues.push({
          sheet: at.sheet,
          row: line,
          column: at.columnOf('name'),
          reason: `与第${first}行是同一场所（同一辖区、园区和名称）`,
          reasonEn: `the same venue as row ${first}`,
        });
      else seen.set(k, line);
      if (row.code) {
        const c = codes.get(row.code);
        if (c !== undefined)
          issues.push({
            sheet: at.sheet,
            row: line,
            column: at.columnOf('code'),
            reason: `场所码与第${c}行重复`,
            reasonEn: `code repeats row ${c}`,
          });
        else codes.set(row.code, line);
      }
    }
    return issues;
  },

  async resolve(tx: Ctx, good: readonly Located<VenueSheetRow>[], at) {
    const store = venuesStore(tx);
    await store.lock();
    const issues: RowIssue[] = [];
    const refuse = (line: number, column: VenueColumn, reason: string, reasonEn: string) =>
      issues.push({ sheet: at.sheet, row: line, column: at.columnOf(column), reason, reasonEn });
    const nodes = new Map(
      (
        await territoryService.byCodes(
          tx,
          good.map((g) => g.row.nodeCode),
        )
      ).map((n) => [n.code, n]),
    );
    const byCode = await store.byCodes(good.flatMap((g) => (g.row.code ? [g.row.code] : [])));
    const here = await store.atNodes([...nodes.values()].map((n) => n.id));
    const parksHere = new Map(here.filter((v) => v.kind === 'logistics_park').map((v) => [`${v.nodeId}\u0000${v.name}`, v]));
    const parksInFile = new Set(
      good.filter((g) => g.row.kind === 'logistics_park').map((g) => `${g.row.nodeCode}\u0000${g.row.name}`),
    );
    const ready: Ready[] = [];
    for (const { row, line } of good) {
      const node = nodes.get(row.nodeCode);
      if (!node) {
        refuse(line, 'node', '辖区编码不存在或不在您的辖区内', 'no node with this code in your scope');
        continue;
      }
      const park = row.parkName ? parksHere.get(`${node.id}\u0000${row.parkName}`) : undefined;
      if (row.parkName && !park && !parksInFile.has(`${row.nodeCode}\u0000${row.parkName}`))
        refuse(line, 'park', '所属园区须为同一辖区内已登记或本表中的物流园区', 'no logistics park of this name at this node');
      else if (park && !park.active) refuse(line, 'park', '所属园区已停用', 'the park is deactivated');
      let existing: VenueRow | null = null;
      if (row.code) {
        existing = byCode.get(row.code) ?? null;
        if (!existing) {
          refuse(
            line,
            'code',
            '场所码不存在或不在您的辖区内（新场所请留空，由系统生成）',
            'no venue with this code in your scope',
          );
          continue;
        }
        if (existing.kind === 'logistics_park' && row.kind !== 'logistics_park')
          refuse(line, 'kind', '园区不能改为其他类型', 'a park stays a park');
      } else {
        existing =
          here.find(
            (v) => v.nodeId === node.id && v.name === row.name && (v.parentId ?? 0) === (row.parkName ? (park?.id ?? -1) : 0),
          ) ?? null;
      }
      ready.push({ line, row, nodeId: node.id, terrPath: node.path, existing });
    }
    return { ready: issues.length ? [] : ready, issues };
  },

  async write(tx: Ctx, ready, progress) {
    const store = venuesStore(tx);
    let inserted = 0;
    let updated = 0;
    const parks = new Map<string, number>();
    for (const v of await store.atNodes(ready.map((r) => r.nodeId)))
      if (v.kind === 'logistics_park') parks.set(`${v.nodeId}\u0000${v.name}`, v.id);
    // Parks first, so the zones, shops and warehouses of a park new in this file find it.
    const ordered = [...ready].sort((a, b) => Number(b.row.kind === 'logistics_park') - Number(a.row.kind === 'logistics_park'));
    const codes: string[] = [];
    for (const r of ordered) {
      const parentId = r.row.parkName ? (parks.get(`${r.nodeId}\u0000${r.row.parkName}`) ?? null) : null;
      const w = {
        kind: r.row.kind,
        name: r.row.name,
        nodeId: r.nodeId,
        terrPath: r.terrPath,
        parentId,
        line: r.row.line,
        plate: r.row.plate,
        address: r.row.address,
        rule: r.row.rule,
      };
      let id: number;
      if (!r.existing) {
        const code = newVenueCode();
        id = await store.insert({ ...w, code }, tx.actor?.userId ?? null);
        codes.push(code);
        inserted++;
      } else {
        const e = r.existing;
        id = e.id;
        const same =
          e.kind === w.kind &&
          e.name === w.name &&
          e.nodeId === w.nodeId &&
          e.parentId === w.parentId &&
          e.line === w.line &&
          e.plate === w.plate &&
          e.address === w.address &&
          sameRule(e.rule, w.rule);
        if (!same) {
          await store.update(id, w);
          updated++;
        }
      }
      if (w.kind === 'logistics_park') parks.set(`${w.nodeId}\u0000${w.name}`, id);
    }
    progress(ready.length, ready.length);
    await tx.audit({
      action: 'healthcode.venue_import',
      detail: { rows: ready.length, inserted, updated, codes: codes.slice(0, 20) },
    });
    return { inserted, updated };
  },
};

/** The venues ledger's template: its headers, the kinds as a drop-down, one example row. */
export const venuesTemplate = () =>
  importTemplate(venuesLedger.title, VENUE_COLUMNS, {
    example: {
      name: 'A区',
      kind: '园区分区',
      node: '230108001001',
      park: '哈尔滨国际物流园',
      address: '平房区哈南工业新城',
      green: '是',
      hours: '48',
    },
    lists: { kind: Object.values(VENUE_KINDS), green: ['是', '否'] },
  });

/** Imports a venues sheet (.xlsx or .csv) through the kit's pipeline: all or nothing, idempotent, replays reported. */
export const importVenues = (ctx: Ctx, data: Buffer, opts: { dryRun?: boolean } = {}) =>
  runImport(ctx, venuesLedger, data, undefined, {}, opts);
