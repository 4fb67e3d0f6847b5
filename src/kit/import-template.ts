import ExcelJS from 'exceljs';
import type { SheetColumn } from '../lib/sheet-import';

/** What a ledger's template shows besides its headers: an example row, and the values a column takes (if fixed). */
export interface TemplateSpec<K extends string> {
  example: Partial<Record<K, string>>;
  /** Fixed values of a column: offered as a drop-down list in the template's first thousand rows. */
  lists?: Partial<Record<K, readonly string[]>>;
  /** Set for a column whose cell may hold several of its values (特殊人群: 独居老人、卧床): the list only suggests. */
  several?: readonly K[];
}

/** exceljs keeps a sheet's validations by range (its typings only show the per-cell door). */
interface RangeValidations {
  dataValidations: { add(range: string, v: ExcelJS.DataValidation): void };
}

/** Rows of the template's first sheet that carry the drop-down lists. */
const LISTED_ROWS = 1000;

/**
 * The import template of a ledger (GET …/import/template): a first sheet named after the ledger with its own
 * headers in Chinese (required ones bold with a note 必填) and drop-down lists where a column has fixed values, to
 * be filled in and imported as it is; and a second sheet 填写示例 with the same headers and one example row. The
 * example is not on the first sheet, which is the one imported: a template sent back unchanged imports nothing.
 */
export async function importTemplate<K extends string>(
  title: string,
  columns: readonly SheetColumn<K>[],
  spec: TemplateSpec<K>,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
  const sample = wb.addWorksheet('填写示例', { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const sheet of [ws, sample]) {
    sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
    columns.forEach((c, i) => {
      const cell = sheet.getRow(1).getCell(i + 1);
      cell.font = { bold: c.required };
      if (c.required) cell.note = '必填';
    });
  }
  sample.addRow(columns.map((c) => spec.example[c.key] ?? ''));
  columns.forEach((c, i) => {
    const values = spec.lists?.[c.key];
    if (!values?.length) return;
    const several = spec.several?.includes(c.key);
    const letter = ws.getColumn(i + 1).letter;
    // One range of the sheet's validations, not a validation per cell (which would make a thousand empty rows).
    (ws as unknown as RangeValidations).dataValidations.add(`${letter}2:${letter}${LISTED_ROWS + 1}`, {
      type: 'list',
      allowBlank: !c.required,
      formulae: [`"${values.join(',')}"`],
      showErrorMessage: true,
      errorStyle: several ? 'information' : 'stop',
      errorTitle: c.header,
      error: several ? `可填写多项，以顿号分隔：${values.join('、')}` : `请从下拉列表中选择：${values.join('、')}`,
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
