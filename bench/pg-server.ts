import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Starts a throwaway Debian PostgreSQL cluster on loopback (as CI does), or returns null when none is installed. */
export function startDebianPostgres(port: number): { url: string; stop(): void } | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const version = readdirSync(base)
    .sort((a, b) => Number(a) - Number(b))
    .pop();
  if (!version) return null;
  const bin = path.join(base, version, 'bin');
  const dir = mkdtempSync(path.join(tmpdir(), 'fangyi-bench-pg-'));
  const sh = (cmd: string) => execSync(`su postgres -c "${cmd}"`, { stdio: 'pipe' });
  execSync(`id postgres >/dev/null 2>&1 || useradd -r -m postgres; chown postgres ${dir}`);
  sh(`${bin}/initdb -D ${dir}/data -U postgres --auth=trust --encoding=UTF8 --lc-collate=C --lc-ctype=C.UTF-8`);
  sh(
    `${bin}/pg_ctl -D ${dir}/data -o '-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c max_wal_size=4GB' -l ${dir}/log -w start`,
  );
  sh(`psql -h 127.0.0.1 -p ${port} -U postgres -c 'CREATE DATABASE fangyi_bench'`);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/fangyi_bench`,
    stop: () => {
      sh(`${bin}/pg_ctl -D ${dir}/data -m fast stop`);
      execSync(`rm -rf ${dir}`);
    },
  };
}
