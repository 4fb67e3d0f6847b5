import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbedded } from './embedded';

mkdirSync('data', { recursive: true });
const dir = mkdtempSync(path.resolve('data', 'kill9-'));
chmodSync(dir, 0o755); // the cluster runs as the postgres user, which must reach its data directory
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the embedded cluster in a child Node process that writes a row, then reports READY. */
function childThatWrites(port: number): Promise<ReturnType<typeof spawn>> {
  const script = `
    import { startEmbedded } from './src/db/embedded.ts';
    import pg from 'pg';
    const h = await startEmbedded(${JSON.stringify(dir)}, ${port});
    const c = new pg.Client(h.url); await c.connect();
    await c.query("CREATE TABLE IF NOT EXISTS survived (v text); INSERT INTO survived VALUES ('before kill -9')");
    await c.end(); console.log('READY');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d) => String(d).includes('READY') && resolve(child));
    child.on('exit', (code) => reject(new Error(`child exited with ${code}`)));
  });
}

describe('embedded PostgreSQL supervisor', () => {
  it('comes back up after the Node process is killed with SIGKILL, data intact', async () => {
    const port = 54000 + Math.floor(Math.random() * 900);
    const child = await childThatWrites(port);
    child.removeAllListeners('exit');
    child.kill('SIGKILL'); // the postmaster it started is now an orphan holding the data directory
    await new Promise((r) => child.once('exit', r));
    const h = await startEmbedded(dir, port);
    const c = new pg.Client(h.url);
    await c.connect();
    expect((await c.query('SELECT v FROM survived')).rows).toEqual([{ v: 'before kill -9' }]);
    await c.end();
    await h.stop();
  }, 90_000);
});
