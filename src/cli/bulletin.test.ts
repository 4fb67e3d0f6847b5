import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bulletinDocumentSchema } from '../modules/surveillance/bulletin/document';
import { EXAMPLES } from '../modules/surveillance/bulletin/fixtures/examples';
import { renderBulletin } from '../modules/surveillance/bulletin/render';

const cli = (...args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

describe('fangyi bulletin render', () => {
  it('the documented examples are the seed days the golden tests check', () => {
    for (const e of EXAMPLES)
      expect(bulletinDocumentSchema.parse(JSON.parse(readFileSync(`docs/bulletin-examples/${e.file}.json`, 'utf8')))).toEqual(
        e.doc,
      );
  });

  it('prints, offline, the same text as the renderer for every example', () => {
    for (const e of EXAMPLES.slice(0, 2).concat(EXAMPLES.slice(4))) {
      const out = cli('bulletin', 'render', '--template', e.template, '--input', `docs/bulletin-examples/${e.file}.json`);
      expect(out).toBe(`${renderBulletin(e.template, bulletinDocumentSchema.parse(e.doc))}\n`);
    }
  }, 60_000);

  it('takes --layout: a shipped layout by name, or a house style as a layout file', () => {
    const input = 'docs/bulletin-examples/example-2022-04-12-one-case.json';
    const doc = bulletinDocumentSchema.parse(JSON.parse(readFileSync(input, 'utf8')));
    expect(cli('bulletin', 'render', '--layout', '2022-daily-total-first', '--input', input)).toBe(
      `${renderBulletin('2022-daily-total-first', doc)}\n`,
    );
    expect(cli('bulletin', 'render', '--layout', 'docs/bulletin-examples/layout-district-brief.json', '--input', input)).toBe(
      '哈尔滨市4月12日0时至24时疫情通报\n\n4月12日0时至24时，哈尔滨市报告1例新冠肺炎确诊病例，系外省抵哈人员，为社区筛查发现。\n\n' +
        '新增确诊病例主要情况：\n\n确诊病例（轻型）1：现住南岗区学府小区。\n',
    );
  }, 60_000);

  it('names the clause and option of a bad layout file and exits non-zero', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'layout-')), 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        label: '坏',
        typography: { punctuation: 'fullwidth', hourRange: 'to' },
        clauses: [{ clause: 'figures', mode: 'sideways' }],
      }),
    );
    let err: { status?: number; stderr?: string } = {};
    try {
      cli('bulletin', 'render', '--layout', file, '--input', 'docs/bulletin-examples/seed000-2021-11-04.json');
    } catch (e) {
      err = e as typeof err;
    }
    expect(err.status).toBe(1);
    expect(err.stderr).toContain(`${file}: clauses.0.mode: clause figures, option mode:`);
  }, 30_000);

  it('names the field of a bad document and exits non-zero', () => {
    let err: { status?: number; stderr?: string } = {};
    try {
      cli('bulletin', 'render', '--template', '2021-daily', '--input', 'package.json');
    } catch (e) {
      err = e as typeof err;
    }
    expect(err.status).toBe(1);
    expect(err.stderr).toContain('package.json: city:');
  }, 30_000);
});
