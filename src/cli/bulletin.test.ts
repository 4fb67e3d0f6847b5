import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
