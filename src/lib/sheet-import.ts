import { AppError } from '../server/errors';
import type { Sheet } from './xlsx';

/** A column of an imported ledger: its key in code and the header officials type in Excel. */
export interface SheetColumn<K extends string = string> {
  key: K;
  header: string;
  required: boolean;
  width: number;
  /** The longest value the column takes (characters, after trimming): the kit refuses longer cells by row and column. */
  max: number;
}

/** One reason a row was refused, located as a person would look for it in Excel. */
export interface RowIssue {
  sheet: string;
  row: number;
  column: string;
  reason: string;
  reasonEn: string;
}

/** Column letter of a 0-based index: 0 → A, 26 → AA. */
export const columnLetter = (i: number): string =>
  (i >= 26 ? columnLetter(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));

/** The one refusal of an all-or-nothing import: every problem listed, nothing written. */
export const importRefused = (issues: RowIssue[]) =>
  new AppError(
    400,
    'import.invalid_rows',
    `导入失败：${issues.length}处错误，未写入任何数据`,
    `Import refused: ${issues.length} problem(s); nothing was written`,
    {
      issues: issues.slice(0, 500),
    },
  );

/** The refusal of a sheet with a header and nothing under it. */
export const noDataRows = (sheet: string) =>
  importRefused([{ sheet, row: 2, column: '-', reason: '表格中没有数据行', reasonEn: 'the sheet has no data rows' }]);

/**
 * Maps a sheet's header row to `columns` (any order): `rawOf` turns a row's cells into raw text by key and
 * `columnOf` names a column as "B（身份证号）". Missing required headers refuse the import. Built once per
 * file, so rows can be mapped as they stream in.
 */
export function sheetMapping<K extends string>(sheet: string, headers: readonly string[], columns: readonly SheetColumn<K>[]) {
  const index: Partial<Record<K, number>> = {};
  headers.forEach((h, i) => {
    const col = columns.find((c) => c.header === h.trim());
    if (col && index[col.key] === undefined) index[col.key] = i;
  });
  const missing = columns.filter((c) => c.required && index[c.key] === undefined);
  if (missing.length)
    throw importRefused(
      missing.map((c) => ({
        sheet,
        row: 1,
        column: c.header,
        reason: `缺少表头“${c.header}”`,
        reasonEn: `missing header ${c.header}`,
      })),
    );
  const columnOf = (k: K) => {
    const i = index[k];
    const header = columns.find((c) => c.key === k)?.header ?? k;
    return i === undefined ? header : `${columnLetter(i)}（${header}）`;
  };
  const present = columns.flatMap((c) => (index[c.key] === undefined ? [] : [[c.key, index[c.key] as number] as const]));
  const rawOf = (cells: readonly string[]) => {
    const raw: Partial<Record<K, string>> = {};
    for (const [key, i] of present) raw[key] = cells[i] ?? '';
    return raw;
  };
  return { rawOf, columnOf };
}

/** A whole sheet's data rows as raw text by key (see `sheetMapping`); an empty sheet refuses the import. */
export function sheetRows<K extends string>(sheet: Sheet, columns: readonly SheetColumn<K>[]) {
  const { rawOf, columnOf } = sheetMapping(sheet.name, sheet.headers, columns);
  if (sheet.rows.length === 0) throw noDataRows(sheet.name);
  return { rows: sheet.rows.map(({ line, cells }) => ({ line, raw: rawOf(cells) })), columnOf };
}
