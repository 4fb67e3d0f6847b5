import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reminderDocumentSchema } from '../modules/surveillance/reminder/document';
import { reminder20211105 } from '../modules/surveillance/reminder/fixtures/seed000-2021-11-05';
import { reminder20211103 } from '../modules/surveillance/reminder/fixtures/seed001-2021-11-03';
import { renderReminder } from '../modules/surveillance/reminder/render';

const EXAMPLES = [
  { file: 'docs/reminder-examples/seed000-2021-11-05.json', doc: reminder20211105 },
  { file: 'docs/reminder-examples/seed001-2021-11-03.json', doc: reminder20211103 },
];

describe('fangyi reminder render', () => {
  it('prints, offline, the seed reminders from the documented examples', () => {
    for (const e of EXAMPLES) {
      expect(reminderDocumentSchema.parse(JSON.parse(readFileSync(e.file, 'utf8')))).toEqual(e.doc);
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', 'reminder', 'render', '--input', e.file],
        {
          encoding: 'utf8',
        },
      );
      expect(out).toBe(`${renderReminder(e.doc)}\n`);
    }
  }, 60_000);

  it('renders a document in its own layout, or in the one --layout names', () => {
    const file = 'docs/reminder-examples/signed-2022-example.json';
    const render = (...layout: string[]) =>
      execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'reminder', 'render', '--input', file, ...layout], {
        encoding: 'utf8',
      });
    expect(render()).toBe(readFileSync('docs/reminder-examples/signed-2022-example.txt', 'utf8'));
    const doc = reminderDocumentSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(render('--layout', 'harbin-2021')).toBe(`${renderReminder(doc, 'harbin-2021')}\n`);
  }, 60_000);
});
