import { readdirSync, readFileSync } from 'node:fs';
import { type Layout, parseLayout } from './layout';

/**
 * The layouts shipped with the platform: every `layouts/<name>.json`, read and validated once when the module is
 * first imported, so a broken file stops the server and the CLI at start instead of at 15:00. Adding a house style
 * is adding a file.
 */
const DIR = new URL('./layouts/', import.meta.url);

/** The four seed layouts first (the console's order), then the others by name. */
const SEEDS = ['2021-daily', '2022-channels', '2022-press-summary', '2022-press-per-kind'];

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));

function rank(name: string) {
  const i = SEEDS.indexOf(name);
  return i < 0 ? SEEDS.length : i;
}

export const LAYOUTS: ReadonlyMap<string, Layout> = new Map(
  files.map((name) => [
    name,
    parseLayout(JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8')), `layouts/${name}.json`),
  ]),
);

/** The layouts a bulletin can be printed in, named by year and shape; listed for contracts and the CLI. */
export const LAYOUT_NAMES: readonly string[] = [...LAYOUTS.keys()];
