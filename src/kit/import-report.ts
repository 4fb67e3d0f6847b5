import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { writeSheet } from '../lib/xlsx';
import { sendAttachment, XLSX_TYPE } from '../server/http';
import { text } from './text';

/** A refused import's issues as the console shows them, sent back to be written as a spreadsheet. */
export const importReportBody = z.object({
  title: text({ max: 'label', label: '台账名称' }),
  issues: z
    .array(
      z.object({
        sheet: text({ min: 0, max: 'label', label: '工作表' }),
        row: z.number().int().min(0).max(1_000_000).meta({ label: '行' }),
        column: text({ min: 0, max: 'label', label: '列' }),
        reason: text({ max: 'address', label: '错误原因' }),
      }),
    )
    .min(1)
    .max(5000)
    .meta({ label: '错误' }),
});

const COLUMNS = [
  { header: '工作表', width: 14 },
  { header: '行', width: 8 },
  { header: '列', width: 18 },
  { header: '错误原因', width: 60 },
];

/**
 * 下载错误报告: the issues of a refused import (every ledger's: the kit's pipeline names them by sheet, row and
 * column) as an .xlsx with a 错误原因 column, to fix the file by. Made from what the console was told, so it
 * reveals nothing the refusal did not; no file is read again and nothing is written.
 */
export function registerImportReport(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().post('/api/imports/report', {
    config: { access: { permission: 'signed_in', scope: 'self' } },
    schema: {
      tags: ['platform'],
      summary: '导入错误报告 xlsx (a refused import’s issues, with a reason column)',
      body: importReportBody,
    },
    handler: async (req, reply) => {
      const { title, issues } = req.body;
      const rows = [...issues].sort((a, b) => a.row - b.row).map((i) => [i.sheet, String(i.row), i.column, i.reason]);
      return sendAttachment(reply, `${title}错误报告.xlsx`, XLSX_TYPE, await writeSheet('错误报告', COLUMNS, rows));
    },
  });
}
