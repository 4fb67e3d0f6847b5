import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { layoutShelf } from '../../../lib/clause-layout';
import { parseLayout } from './layout';

/**
 * The house styles shipped in `layouts/`: every `*.json` file there is a layout named by its file name, so a new
 * house style is a new file. They are read and validated once, on first use, and a bad file fails every use
 * loudly (naming the file, the clause and the option) rather than disappearing from the list.
 */

/** The layout of the seed pages (November 2021), and of a document that names none. */
export const DEFAULT_LAYOUT = 'harbin-2021';

const FOLDER = fileURLToPath(new URL('./layouts/', import.meta.url));

const shelf = layoutShelf(
  'reminder layout',
  () =>
    readdirSync(FOLDER)
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => [file, JSON.parse(readFileSync(FOLDER + file, 'utf8'))] as const),
  parseLayout,
);

export const reminderLayoutNames = shelf.names;

export const hasReminderLayout = shelf.has;

/** The layout called `name`; an unknown name throws, listing the known ones. */
export const reminderLayout = shelf.get;
