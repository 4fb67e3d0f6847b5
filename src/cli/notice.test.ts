import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { noticeDocumentSchema } from '../modules/notices/document';
import { nangang0300, nangang1300, xiangfang1600 } from '../modules/notices/fixtures/seed004';
import { renderNotice } from '../modules/notices/render';

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'notice', 'render', ...args], { encoding: 'utf8' });
const example = (name: string) => `docs/notice-examples/${name}`;

describe('fangyi notice render', () => {
  it("the documented examples are seed 004's records, and print the documented texts", () => {
    const seeds = {
      'seed004-nangang-0300': nangang0300,
      'seed004-nangang-1300': nangang1300,
      'seed004-xiangfang-1600': xiangfang1600,
    };
    for (const [name, doc] of Object.entries(seeds)) {
      const parsed = noticeDocumentSchema.parse(JSON.parse(readFileSync(example(`${name}.json`), 'utf8')));
      expect(parsed).toEqual(noticeDocumentSchema.parse(doc));
      expect(`${renderNotice(parsed).text}\n`).toBe(readFileSync(example(`${name}.txt`), 'utf8'));
    }
  });

  it('prints, offline, a seed notice and the examples of the other house styles', () => {
    for (const name of ['seed004-nangang-1300', 'harbin-2021-example', 'harbin-2022-paragraphs-example']) {
      const run = cli('--input', example(`${name}.json`));
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(readFileSync(example(`${name}.txt`), 'utf8'));
    }
  }, 60_000);

  it('refuses bad input with exit code 2, naming each field in Chinese and English', () => {
    const run = cli('--input', example('bad-input.json'));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      '发布日期：日期格式应为 年-月-日（如 2022-11-28） (date: Invalid ISO date)',
      '调整区域第1行 · 风险等级：不是可选的值 (changes.0.level: Invalid option: expected one of "high"|"medium"|"low")',
      '调整区域第1行 · 区域 · 名称：不能为空 (changes.0.area.name: Too small: expected string to have >=1 characters)',
    ]);
    const layout = cli('--input', example('seed004-nangang-1300.json'), '--layout', 'nope');
    expect(layout.status).toBe(2);
    expect(layout.stderr).toMatch(/^版式：没有这个版式 \(--layout must be one of /);
  }, 60_000);
});
