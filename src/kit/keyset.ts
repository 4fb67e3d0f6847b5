import { z } from 'zod';

/**
 * Keyset pagination for the lists that reach millions of rows (residents, contacts, cases, the audit log). A
 * page starts after the sort key of the previous page's last row, so page 5,000 costs what page 1 costs (an
 * OFFSET reads and drops every skipped row), and rows inserted or moved while someone pages are neither skipped
 * nor shown twice, as long as the order is total (the key ends with the row's id).
 *
 * A cursor is that key as JSON in base64url: opaque to the console, which only hands back the `next` it was
 * given. It is validated, not signed: a forged cursor can only move where a page starts inside what the caller
 * may see (every store ANDs the scope into the page's own statement), so there is nothing to authenticate; a
 * cursor that does not decode to the list's key is a 400 naming the query field.
 */
export function keyset<K extends z.ZodType>(key: K) {
  const encode = (k: z.output<K>) => toBase64Url(JSON.stringify(k));
  /** The query parameter: a cursor string, parsed to the key (a 400 naming the field when it is not one). */
  const param = z
    .string()
    .max(1024)
    .meta({ label: '翻页游标' })
    .transform((s, c) => {
      const parsed = key.safeParse(decode(s));
      if (parsed.success) return parsed.data as z.output<K>;
      c.addIssue({ code: 'custom', message: '不是有效的翻页游标 (not a valid page cursor)' });
      return z.NEVER;
    });
  return {
    param,
    encode,
    /**
     * The page out of the `pageSize + 1` rows a store read (the extra row only says that a next page exists, so
     * the last page is never followed by an empty one), and the cursor of the next page.
     */
    page<R>(rows: readonly R[], pageSize: number, keyOf: (row: R) => z.output<K>): { items: R[]; next: string | null } {
      const items = rows.slice(0, pageSize);
      const last = items.at(-1);
      return { items, next: rows.length > pageSize && last !== undefined ? encode(keyOf(last)) : null };
    },
  };
}

/**
 * How many rows a list holds: `exact` when counted (a rollup, a small live count, or a result that fits on its
 * first page), otherwise an estimate the console shows as "共约 N".
 */
export const listTotal = z.object({ value: z.number(), exact: z.boolean() });
export type ListTotal = z.infer<typeof listTotal>;

/** A keyset page of `item`s: the rows, the cursor of the next page (null on the last), the total. */
export const keysetPage = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next: z.string().nullable(), total: listTotal });

// btoa/atob and TextEncoder exist in Node and in browsers alike (the console imports the contracts).
function toBase64Url(s: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decode(s: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(s)) return undefined;
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
  } catch {
    return undefined;
  }
}
