// Apart from rules.ts, which the console imports: pinyin-pro and its dictionary stay out of the console's bundle.
import { pinyin } from 'pinyin-pro';
import { isSearched } from './rules';

/**
 * The pinyin initials a name is found by (光华便民超市 → ghbmcs), lower case; letters and digits in the name stay
 * as they are (3号楼 → 3hl), other signs go. Null for the levels the search leaves out (`SEARCHED_TYPES`).
 * Stored in `territory_nodes.initials` when a node is written, since the database cannot compute it.
 */
export function initialsOf(name: string, type: string): string | null {
  if (!isSearched(type)) return null;
  const letters = pinyin(name.normalize('NFKC'), { pattern: 'first', toneType: 'none', type: 'array' }).join('');
  return letters.toLowerCase().replace(/[^a-z0-9]/g, '');
}
