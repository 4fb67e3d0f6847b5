import { readdirSync, readFileSync } from 'node:fs';
import type { Queryable } from '../../db/connect';
import { type EditionInput, editionInput } from './contract';
import { ensureEditions } from './store';

/**
 * The editions shipped with the platform (`editions/*.json`: the 8th, the 9th, the 20 measures, the 10 measures),
 * read and validated when the module is first imported, so a broken file stops the server at start. Each file
 * names its source and lists in `unconfirmed` what POLICY.md could not confirm. In force order.
 */
const DIR = new URL('./editions/', import.meta.url);

export const SHIPPED_EDITIONS: readonly EditionInput[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => {
    const parsed = editionInput.safeParse(JSON.parse(readFileSync(new URL(f, DIR), 'utf8')));
    if (!parsed.success) throw new Error(`editions/${f}: ${parsed.error.message}`);
    return parsed.data;
  })
  .sort((a, b) => Date.parse(a.effectiveFrom) - Date.parse(b.effectiveFrom));

/** Puts the shipped editions in place at start (idempotent): called beside `ensureCity` wherever a database is opened. */
export const ensureShippedEditions = (db: Queryable) => ensureEditions(db, SHIPPED_EDITIONS);
