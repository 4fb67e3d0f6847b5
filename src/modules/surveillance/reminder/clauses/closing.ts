import { z } from 'zod';
import { formatFullDate } from '../../bulletin/rules';
import type { DirectoryEntry, ReminderDocument } from '../document';

/**
 * What follows the points: the CDC consultation phones, and a signature (issuer and date of issue) for the
 * house styles that sign the text; neither seed signs, since the reminder sits under the city's bulletin.
 */

/** How the phones are laid out: one per paragraph (seed 000), or a table of two columns (seed 001). */
export const DIRECTORY_LAYOUTS = ['list', 'two-columns'] as const;
export type DirectoryLayout = (typeof DIRECTORY_LAYOUTS)[number];

/** `layout` overrides the document's `directory.layout` when the house style fixes it; absent, the document decides. */
export const directoryClause = z.strictObject({
  clause: z.literal('directory'),
  layout: z.enum(DIRECTORY_LAYOUTS).optional(),
});
export type DirectoryClause = z.infer<typeof directoryClause>;

/** `issuer`: the full name or the short one (the full name without one); `date`: the day of issue in full, or none. */
export const signatureClause = z.strictObject({
  clause: z.literal('signature'),
  issuer: z.enum(['full', 'short']).default('full'),
  date: z.enum(['full', 'none']).default('full'),
});
export type SignatureClause = z.infer<typeof signatureClause>;

const line = (entry: DirectoryEntry) => `${entry.name} ${entry.phone}`;

/**
 * Paragraphs of the directory. `list`: heading, the city CDC, then one district per paragraph (seed 000).
 * `two-columns`: the city CDC, then one block of rows, the first half of the districts on the left and the
 * rest on the right, cells separated by tabs as the digitised table of seed 001. Nothing without a directory.
 */
export function directory(doc: ReminderDocument, o: DirectoryClause): string[] {
  if (!doc.directory) return [];
  const heading = doc.directory.heading ? [doc.directory.heading] : [];
  const { main, entries } = doc.directory;
  if ((o.layout ?? doc.directory.layout) === 'list') return [...heading, line(main), ...entries.map(line)];
  const half = Math.ceil(entries.length / 2);
  const rows = entries
    .slice(0, half)
    .map((left, i) => [left, entries[half + i]].filter((e) => e !== undefined).map((e) => `${e.name}\t${e.phone}`));
  const table = rows.map((cells) => cells.join('\t')).join('\n');
  return [...heading, line(main), ...(table ? [table] : [])];
}

/** "哈尔滨市疾病预防控制中心" then "2021年11月5日", each its own paragraph. */
export function signature(doc: ReminderDocument, o: SignatureClause): string[] {
  const by = o.issuer === 'short' ? (doc.issuerShortName ?? doc.issuer) : doc.issuer;
  return o.date === 'full' ? [by, formatFullDate(doc.issuedOn)] : [by];
}
