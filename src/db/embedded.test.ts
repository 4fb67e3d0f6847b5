import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbedded } from './embedded';
import { CITY_LOCALE, databaseLocale } from './locale';

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
    // Made in the city locale: byte-order sorting, and trigrams that read Chinese (src/db/locale.ts).
    expect(await databaseLocale(c)).toEqual(CITY_LOCALE);
    await c.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    expect((await c.query("SELECT show_trgm('和平新城') AS t")).rows[0].t).toHaveLength(5); // none under a C ctype
    await c.end();
    await h.stop();
  }, 90_000);
});

describe('embedded PostgreSQL credentials and data directory', () => {
  it('keeps a generated password beside the cluster (mode 600), and moves an older cluster off the legacy one', async () => {
    const port = 54000 + Math.floor(Math.random() * 900);
    const own = mkdtempSync(path.resolve('data', 'pw-'));
    chmodSync(own, 0o755);
    try {
      let h = await startEmbedded(own, port);
      const file = path.join(own, 'pg-password');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const password = readFileSync(file, 'utf8').trim();
      expect(password).toMatch(/^[\w-]{32}$/);
      expect(h.url).toContain(encodeURIComponent(password));
      // An older cluster: the legacy password and no file. The next start moves it to a generated one.
      const c = new pg.Client(h.url);
      await c.connect();
      await c.query("ALTER ROLE fangyi PASSWORD 'fangyi-embedded'");
      await c.end();
      await h.stop();
      rmSync(file);
      h = await startEmbedded(own, port);
      const moved = readFileSync(file, 'utf8').trim();
      expect(moved).not.toBe('fangyi-embedded');
      const ok = new pg.Client(h.url);
      await ok.connect();
      await ok.end();
      const legacy = new pg.Client(h.url.replace(encodeURIComponent(moved), 'fangyi-embedded'));
      await expect(legacy.connect()).rejects.toThrow(/password/);
      await h.stop();
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 90_000);

  // Only root hands the cluster to the postgres user, so only then can a parent directory shut it out.
  it.skipIf(process.getuid?.() !== 0)('names a parent directory the database user cannot enter, and the fix', async () => {
    const closed = mkdtempSync(path.resolve('data', 'closed-'));
    chmodSync(closed, 0o700);
    try {
      await expect(startEmbedded(path.join(closed, 'city'), 54999)).rejects.toThrow(
        new RegExp(`postgres 无法进入目录 ${closed}.*chmod o\\+x ${closed}`, 's'),
      );
    } finally {
      rmSync(closed, { recursive: true, force: true });
    }
  });
});
