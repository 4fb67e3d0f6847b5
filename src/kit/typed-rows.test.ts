import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The row types are a mechanism, not a convention: a store whose SQL names a column the schema (generated from
 * the migrations) does not have fails `tsc`. The compiler checks two probe files with the project's own options:
 * one selecting real columns compiles, the other fails naming the missing column.
 */
const root = path.resolve(import.meta.dirname, '../..');
const dir = path.join(root, 'tmp', `typed-rows-${process.pid}`);
afterAll(() => rm(dir, { recursive: true, force: true }));

const probe = (column: string) => `import type { Db } from '../../src/db/kysely';
export const probe = (db: Db) =>
  db.selectFrom('users').select('users.${column}').where('users.id', '=', 1).execute();
`;

describe('typed rows', () => {
  it('tsc fails when a query names a column the schema lacks, and names the column', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'good.ts'), probe('username'));
    await writeFile(path.join(dir, 'bad.ts'), probe('no_such_column'));
    await writeFile(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: '../../tsconfig.json', include: [], files: ['good.ts', 'bad.ts'] }),
    );
    const out = await promisify(execFile)(path.join(root, 'node_modules/.bin/tsc'), ['-p', dir, '--pretty', 'false'], {
      cwd: root,
    }).then(
      () => '',
      (e: { stdout: string }) => e.stdout,
    );
    const errors = out.split('\n').filter((l) => l.includes('error TS'));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((l) => l.startsWith('tmp/') && l.includes('bad.ts('))).toBe(true);
    expect(out).toMatch(/'"users\.no_such_column"' is not assignable to parameter of type '\w+Expression<DB, "users">'/);
  }, 60_000);
});
