import { z } from 'zod';
import { account } from './clauses/account';
import { caseList } from './clauses/case-list';
import type { Clause } from './clauses/clause';
import { contacts } from './clauses/contacts';
import { figures } from './clauses/figures';
import { notices, preamble } from './clauses/fixed';
import { title } from './clauses/headline';
import { signature } from './clauses/signature';
import { outbreak, recoveries } from './clauses/totals';
import { trajectories } from './clauses/trajectories';

/**
 * A layout is a house style held as data: a JSON file under `layouts/` naming its typography and, in print order,
 * the clauses it is composed of with their options. This module is the schema of such a file; a file that does
 * not fit is refused with the clause and option named, so a new house style needs no code.
 */

/** Every clause a layout may name, by the name it uses ({"clause": "figures", …}). */
export const CLAUSES = {
  title,
  preamble,
  figures,
  outbreak,
  recoveries,
  account,
  'case-list': caseList,
  contacts,
  trajectories,
  notices,
  signature,
} satisfies Record<string, Clause>;
export type ClauseName = keyof typeof CLAUSES;
const CLAUSE_NAMES = Object.keys(CLAUSES) as [ClauseName, ...ClauseName[]];

/** One clause of a layout, its options validated by the clause's own schema and their defaults filled in. */
const clauseEntry = z.looseObject({ clause: z.enum(CLAUSE_NAMES) }).transform((entry, ctx) => {
  const { clause, ...rest } = entry;
  const parsed = CLAUSES[clause].options.safeParse(rest);
  if (parsed.success) return { clause, options: parsed.data as Record<string, unknown> };
  for (const issue of parsed.error.issues) {
    const option = issue.path.length ? issue.path.join('.') : 'keys' in issue ? (issue.keys as string[]).join(', ') : '';
    ctx.addIssue({ code: 'custom', path: issue.path, message: `clause ${clause}, option ${option}: ${issue.message}` });
  }
  return z.NEVER;
});

export const layoutSchema = z.strictObject({
  /** The name the console shows: 2021 每日通报（卫健委）. */
  label: z.string().min(1),
  /** The page's marks: fullwidth ，；：（） or halfwidth ,;:(); the hour window 0—24时, 0-24时 or 0时至24时. */
  typography: z.strictObject({
    punctuation: z.enum(['fullwidth', 'halfwidth']),
    hourRange: z.enum(['em-dash', 'hyphen', 'to']),
  }),
  /** Who signs by default, after the area's name: 卫健委 (哈尔滨市卫健委), 疾病预防控制中心. Unset: unsigned. */
  issuer: z.string().min(1).optional(),
  clauses: z.array(clauseEntry).min(1),
});
export type Layout = z.infer<typeof layoutSchema>;

/** Parses a layout file's JSON, or throws naming the file, the clause and the option of every problem. */
export function parseLayout(json: unknown, source: string): Layout {
  const result = layoutSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(layout)'}: ${i.message}`);
  throw new Error(`${source}: ${problems.join('; ')}`);
}
