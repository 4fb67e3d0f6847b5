import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { z } from 'zod';
import { labelPath } from '../kit/labels';
import { noticeDocumentSchema } from '../modules/notices/document';
import { hasNoticeLayout, noticeLayoutNames } from '../modules/notices/layout-files';
import { renderNotice } from '../modules/notices/render';
import { bilingual, zhForIssue } from '../server/field-messages';

/** Exit status of a refused input (a usage error), as distinct from a failure of the program (1). */
const BAD_INPUT = 2;

/** Each problem of a refused document in the console's words: "调整区域第2行 · 区域 · 名称：不能为空 (changes.1.area.name: …)". */
export function refusalLines(schema: z.ZodType, issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((i) => {
    const label = labelPath(schema, i.path) || '通告内容';
    const zh = zhForIssue(i.code, i.message, i as never);
    return `${label}：${zh} (${i.path.join('.') || 'document'}: ${bilingual(i.message)?.en ?? i.message})`;
  });
}

function refuse(lines: string[]): never {
  for (const line of lines) console.error(line);
  process.exit(BAD_INPUT);
}

/** `fangyi notice render --input FILE.json [--layout NAME]`: the notice's text, offline (docs/notice.md). */
export function registerNoticeCommands(program: Command) {
  program
    .command('notice')
    .description('risk-level notices (关于调整…风险等级的通告)')
    .command('render')
    .description('print the notice text of a NoticeDocument JSON file (docs/notice.md), offline')
    .requiredOption('--input <file>', 'NoticeDocument JSON')
    .option('--layout <name>', "a house style of notices/layouts, instead of the document's own or its edition's")
    .action((o: { input: string; layout?: string }) => {
      if (o.layout !== undefined && !hasNoticeLayout(o.layout))
        refuse([`版式：没有这个版式 (--layout must be one of ${noticeLayoutNames().join(', ')})`]);
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(o.input, 'utf8'));
      } catch (e) {
        refuse([`${o.input}：不是可读的 JSON 文件 (not a readable JSON file: ${(e as Error).message})`]);
      }
      const parsed = noticeDocumentSchema.safeParse(raw);
      if (!parsed.success) refuse(refusalLines(noticeDocumentSchema, parsed.error.issues));
      process.stdout.write(`${renderNotice(parsed.data, o.layout).text}\n`);
    });
}
