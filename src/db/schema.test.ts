import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { CODEGEN_ARGS } from './codegen';

describe('row types', () => {
  it('src/db/schema.ts is what the committed migrations produce (npm run db:types regenerates it)', async () => {
    const run = promisify(execFile);
    const out = await run('npx', ['kysely-codegen', ...CODEGEN_ARGS, '--url', inject('databaseUrl'), '--verify'], {
      env: { ...process.env, NO_COLOR: '1' },
    }).catch((e: { stdout?: string; stderr?: string }) => ({ stdout: `${e.stdout}\n${e.stderr}`, failed: true }));
    expect(out).not.toHaveProperty('failed');
  });
});
