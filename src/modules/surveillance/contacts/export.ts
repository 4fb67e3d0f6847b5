import type { Ctx } from '../../../kit/context';
import type { SheetExport } from '../../../kit/exports';
import { placesService } from '../places/service';
import type { ContactItem, ContactQuery } from './contract';
import { MEASURE_NAMES, STATUS_NAMES } from './rules';
import { contactsService } from './service';

const COLUMNS = ['姓名', '类型', '身份证号', '联系电话', '来源', '区县', '状态', '管控方式', '登记时间'].map((header) => ({
  header,
  width: header === '身份证号' ? 22 : 14,
}));
const KIND: Record<string, string> = { close: '密切接触者', secondary: '密接的密接' };

/** One released contact as a row of the export. */
const row = (c: Omit<ContactItem, 'masked'> & { district: string }): string[] => [
  c.name,
  KIND[c.kind] ?? c.kind,
  c.idNumber ?? '',
  c.phone ?? '',
  c.sourceLabel ?? '',
  c.district,
  STATUS_NAMES[c.status],
  c.controlMeasure ? MEASURE_NAMES[c.controlMeasure] : '',
  c.tracedAt.toISOString().slice(0, 16).replace('T', ' '),
];

/**
 * The filtered contact list as a streamed .xlsx (the kit's exporter): the list's own pages walked by cursor, each
 * with its districts' names and through `release` (masked without people.reveal, audited with it); the export is
 * audited once with its filter.
 */
type Row = Omit<ContactItem, 'masked'> & { district: string };

export async function contactsExport(ctx: Ctx, q: ContactQuery): Promise<SheetExport<Row>> {
  const pages = await contactsService.exportPages(ctx, q);
  return {
    filename: '密接名单.xlsx',
    sheet: '密接名单',
    columns: COLUMNS,
    page: async (last, limit) => placesService.withDistricts(ctx, await pages.page(last, limit)),
    subject: (c) => ({ ref: `contact:${c.id}` }),
    cells: row,
    audit: { action: 'contact.export', detail: { filter: q } },
    estimate: pages.estimate,
  };
}
