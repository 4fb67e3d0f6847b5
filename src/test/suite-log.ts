import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { LogSink } from '../server/logging';

/**
 * The server log of the whole suite: every app a test builds logs at debug (one line per request, the most a
 * deployment can log) into `data/test-logs`, one file per test process, and the global teardown scans them all
 * for ID numbers and phones (issue 10: "after a run of the suite's API tests, the server log holds no
 * 18-character ID number and no 11-digit phone number").
 */
const DIR = path.resolve('data/test-logs');

let stream: WriteStream | undefined;

export function suiteLog(): LogSink {
  if (!stream) {
    mkdirSync(DIR, { recursive: true });
    stream = createWriteStream(path.join(DIR, `${process.pid}-${threadId}.log`), { flags: 'a' });
  }
  return stream;
}

export function clearSuiteLog() {
  rmSync(DIR, { recursive: true, force: true });
}

/** An ID number or a mainland mobile number standing alone (not inside a longer run of digits). */
const ID_NUMBER = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/** The lines the suite's servers logged, and the personal numbers found in them. */
export function scanSuiteLog() {
  let lines = 0;
  const found: string[] = [];
  if (!existsSync(DIR)) return { lines, found };
  for (const f of readdirSync(DIR)) {
    for (const line of readFileSync(path.join(DIR, f), 'utf8').split('\n')) {
      if (!line) continue;
      lines++;
      for (const m of [...line.matchAll(ID_NUMBER), ...line.matchAll(PHONE)])
        found.push(`${f}: …${line.slice(Math.max(0, (m.index ?? 0) - 60), (m.index ?? 0) + 30)}…`);
    }
  }
  return { lines, found };
}
