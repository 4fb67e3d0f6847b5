import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const DIR = path.resolve('data/test-logs');

/**
 * The latest one-time code the default SMS gateway (healthcode/citizen/sms.ts) wrote to the suite's server log for
 * this person, waiting up to `ms` for the line to be flushed; `after` skips codes already seen.
 */
export async function codeFromLog(personId: number, after: readonly string[] = [], ms = 3000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    let found: string | undefined;
    if (existsSync(DIR))
      for (const f of readdirSync(DIR))
        for (const line of readFileSync(path.join(DIR, f), 'utf8').split('\n')) {
          if (!line.includes('citizen sign-in code')) continue;
          const sms = (JSON.parse(line) as { sms?: { personId?: number; code?: string } }).sms;
          if (sms?.personId === personId && sms.code && !after.includes(sms.code)) found = sms.code;
        }
    if (found) return found;
    if (Date.now() > until) throw new Error(`no sign-in code for person ${personId} in the server log`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
