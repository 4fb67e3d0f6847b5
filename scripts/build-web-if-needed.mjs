// Builds the console once (and again when its sources change), so `npm start` serves it on a fresh clone.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = path.join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);

const built = 'web/dist/index.html';
const stale = !existsSync(built) || newest('web/src') > statSync(built).mtimeMs;
if (stale) {
  console.log('building the web console…');
  execSync('npm run build:web', { stdio: 'inherit' });
}
