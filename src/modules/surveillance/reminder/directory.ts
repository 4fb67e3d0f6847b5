import type { Directory, DirectoryEntry } from './document';

/**
 * The CDC consultation phones printed under the reminder. The two seeds lay the same records out
 * differently, so the layout is part of the document rather than a guess of the renderer.
 */

const line = (entry: DirectoryEntry) => `${entry.name} ${entry.phone}`;

/**
 * Paragraphs of the directory. `list`: heading, the city CDC, then one district per paragraph (seed 000).
 * `two-columns`: the city CDC, then one block of rows, the first half of the districts on the left and the
 * rest on the right, cells separated by tabs as the digitised table of seed 001.
 */
export function directoryParagraphs(directory: Directory | undefined): string[] {
  if (!directory) return [];
  const heading = directory.heading ? [directory.heading] : [];
  const { main, entries } = directory;
  if (directory.layout === 'list') return [...heading, line(main), ...entries.map(line)];
  const half = Math.ceil(entries.length / 2);
  const rows = entries
    .slice(0, half)
    .map((left, i) => [left, entries[half + i]].filter((e) => e !== undefined).map((e) => `${e.name}\t${e.phone}`));
  const table = rows.map((cells) => cells.join('\t')).join('\n');
  return [...heading, line(main), ...(table ? [table] : [])];
}
