import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LayoutError, parseLayout, type ReminderLayout } from './layout';

/**
 * The house styles shipped in `layouts/`: every `*.json` file there is a layout named by its file name, so a new
 * house style is a new file. They are read and validated once, on first use, and a bad file fails every use
 * loudly (naming the file, the clause and the option) rather than disappearing from the list.
 */

/** The layout of the seed pages (November 2021), and of a document that names none. */
export const DEFAULT_LAYOUT = 'harbin-2021';

const FOLDER = fileURLToPath(new URL('./layouts/', import.meta.url));
let loaded: ReadonlyMap<string, ReminderLayout> | undefined;

function layouts(): ReadonlyMap<string, ReminderLayout> {
  loaded ??= new Map(
    readdirSync(FOLDER)
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => {
        const layout = parseLayout(JSON.parse(readFileSync(FOLDER + file, 'utf8')), file);
        if (`${layout.name}.json` !== file)
          throw new LayoutError(file, [`name: "${layout.name}" is not the file's name`], 'reminder layout');
        return [layout.name, layout] as const;
      }),
  );
  return loaded;
}

export const reminderLayoutNames = () => [...layouts().keys()];

export const hasReminderLayout = (name: string) => layouts().has(name);

/** The layout called `name`; an unknown name throws, listing the known ones. */
export function reminderLayout(name: string): ReminderLayout {
  const layout = layouts().get(name);
  if (!layout) throw new RangeError(`no reminder layout "${name}"; one of ${reminderLayoutNames().join(', ')}`);
  return layout;
}
