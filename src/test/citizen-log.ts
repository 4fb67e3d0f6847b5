import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const DIR = path.resolve('data/test-logs');

/** Every one-time code the default SMS gateway (healthcode/citizen/sms.ts) logged for this person, in order. */
export function codesInLog(personId: number): string[] {
  const out: string[] = [];
  if (!existsSync(DIR)) return out;
  for (const f of readdirSync(DIR))
    for (const line of readFileSync(path.join(DIR, f), 'utf8').split('\n')) {
      if (!line.includes('citizen sign-in code')) continue;
      const sms = (JSON.parse(line) as { sms?: { personId?: number; code?: string } }).sms;
      if (sms?.personId === personId && sms.code) out.push(sms.code);
    }
  return out;
}

/**
 * The person's newest code once more than `before` codes are in the suite's log (the line is flushed a moment
 * after the answer): take `before` from `codesInLog(id).length` before asking for the code.
 */
export async function nextCode(personId: number, before: number, ms = 5000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const codes = codesInLog(personId);
    if (codes.length > before) return codes.at(-1) as string;
    if (Date.now() > until) throw new Error(`no new sign-in code for person ${personId} in the server log`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
