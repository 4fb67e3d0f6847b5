import type { Ctx } from '../../../kit/context';
import type { SheetExport } from '../../../kit/exports';
import { floorOf, missingFilename } from './rules';
import { type AtDoor, coverageService } from './service';

/**
 * The columns in the order the door-knocking group reads a printed list on the stairs: where (小区 … 户号, with the
 * floor), who, and how to reach them. Everyone on the list is 未采样: the list leaves out the sampled and the exempt.
 */
const COLUMNS = [
  { header: '小区', width: 16 },
  { header: '楼栋', width: 8 },
  { header: '单元', width: 8 },
  { header: '楼层', width: 6 },
  { header: '户号', width: 8 },
  { header: '姓名', width: 10 },
  { header: '性别', width: 6 },
  { header: '年龄', width: 6 },
  { header: '联系电话', width: 14 },
  { header: '状态', width: 8 },
];
const SEX: Record<string, string> = { M: '男', F: '女' };

/** One released (or masked) missing resident as a row of the sheet. */
const cells = (d: AtDoor): string[] => [
  d.compound,
  d.building,
  d.unit,
  String(floorOf(d.room) ?? ''),
  d.room,
  d.name,
  SEX[d.sex] ?? '',
  d.age === null ? '' : String(d.age),
  d.phone ?? '',
  '未采样',
];

/**
 * The missing list (漏检名单) of a round under a node as a streamed .xlsx (the kit's exporter), for the
 * door-knocking group to print and climb: the list's own keyset pages, whole stairwells floor by floor, each page
 * through `release` (phones masked without people.reveal, audited with it); the export is audited once with the
 * round and the area. The file is named after the round, the node and the time it was taken.
 */
export async function missingExport(ctx: Ctx, roundId: number, q: { nodeId?: number }) {
  const x = await coverageService.exportPages(ctx, roundId, q);
  const spec: SheetExport<Awaited<ReturnType<typeof x.page>>[number]> = {
    filename: missingFilename(x.round.number, x.node, ctx.now()),
    sheet: `第${x.round.number}轮漏检名单`,
    columns: COLUMNS,
    page: x.page,
    subject: (d) => ({ personId: d.personId }),
    cells,
    audit: {
      action: 'testing.missing_export',
      detail: { round: x.round.id, number: x.round.number, node: x.node.id, area: x.node.name },
    },
    estimate: x.estimate,
  };
  return spec;
}
