import type { Colour } from '../tokens';

/**
 * The corrections' pure rules. A manual change to red, or one touching more than ten people at once, takes effect
 * only when a second person of the CDC approves it (issue 16, seed 000: in 2022 officials elsewhere turned 1,317
 * people red by hand to stop them travelling). The database holds the same line (migration 0029).
 */

/** At most this many people may be corrected without a second person. */
export const ALONE_AT_MOST = 10;
/** At most this many people in one correction (health_corrections' CHECK). */
export const PEOPLE_AT_MOST = 10_000;

/** Whether a correction to `colour` of `count` people needs a second person's approval. */
export const needsSecondPerson = (colour: Colour, count: number) => colour === 'red' || count > ALONE_AT_MOST;

export type CorrectionStatus = 'pending' | 'applied' | 'rejected';

/** Why an account may not decide a correction, or null when it may (the CDC's second person). */
export function decisionRefusal(
  c: { status: CorrectionStatus; requestedBy: number },
  deciderId: number,
): 'decided' | 'own' | null {
  if (c.status !== 'pending') return 'decided';
  if (c.requestedBy === deciderId) return 'own';
  return null;
}

export const COLOUR_ZH: Record<Colour, string> = { green: '绿码', yellow: '黄码', red: '红码' };

/** How the colours before a correction read: 黄码→绿码, or 黄码3人、红码1人→绿码 for several people. */
export function changeZh(before: Readonly<Record<string, Colour>>, after: Colour): string {
  const counts = new Map<Colour, number>();
  for (const c of Object.values(before)) counts.set(c, (counts.get(c) ?? 0) + 1);
  const total = Object.keys(before).length;
  const parts = (['red', 'yellow', 'green'] as const)
    .filter((c) => counts.has(c))
    .map((c) => (total === 1 ? COLOUR_ZH[c] : `${COLOUR_ZH[c]}${counts.get(c)}人`));
  return `${parts.join('、') || '绿码'}→${COLOUR_ZH[after]}`;
}

/**
 * The lowest node holding every path (`/1/2/3/`, `/1/2/4/` → `/1/2/`): a correction is filed there, so every
 * account above it sees it and none beside it.
 */
export function commonPath(paths: readonly string[]): string {
  if (!paths.length) return '/';
  let common = (paths[0] as string).split('/').filter(Boolean);
  for (const p of paths.slice(1)) {
    const segs = p.split('/').filter(Boolean);
    let i = 0;
    while (i < common.length && i < segs.length && common[i] === segs[i]) i++;
    common = common.slice(0, i);
  }
  return common.length ? `/${common.join('/')}/` : '/';
}
