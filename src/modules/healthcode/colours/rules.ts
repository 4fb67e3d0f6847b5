import type { CodeStatus, Edition } from '../../policy/edition';
import type { Colour } from '../tokens';

/**
 * The health code's colour, as a pure function of a person's facts, the correction in force, the edition and the
 * time. The database computes the same thing set-based (colours/store.ts `recompute`); `colours.test.ts` holds
 * the two to agreeing on generated fact sets.
 */

/** A fact that may colour the code, over [since, until). `changedAt`: when it was recorded or last changed. */
export interface Fact {
  kind: CodeStatus;
  /** What the citizen reads (未按要求参加第3轮全员核酸检测), made by the reason clauses below. */
  reason: string;
  since: Date;
  until: Date | null;
  changedAt: Date;
}

/** An administrator's correction in force: its colour and reason, and when it took effect. */
export interface Override {
  colour: Colour;
  reason: string;
  at: Date;
}

export interface Code {
  colour: Colour;
  /** Why, most severe first: the reasons of the facts colouring it, or the correction's. Empty when green by the facts. */
  reasons: string[];
  /** The correction holds (no fact is newer than it). */
  corrected: boolean;
}

export const SEVERITY: readonly Colour[] = ['green', 'yellow', 'red'];
export const severityOf = (c: Colour) => SEVERITY.indexOf(c);

/** The severity each kind of fact gives under an edition (0 green, 1 yellow, 2 red): what the SQL is handed. */
export function severities(edition: Pick<Edition, 'healthCode'>): { kinds: string[]; sevs: number[] } {
  const kinds: string[] = [];
  const sevs: number[] = [];
  for (const [kind, colour] of Object.entries(edition.healthCode)) {
    kinds.push(kind);
    sevs.push(severityOf(colour as Colour));
  }
  return { kinds, sevs };
}

export const activeAt = (f: Pick<Fact, 'since' | 'until'>, now: Date) =>
  f.since.getTime() <= now.getTime() && (f.until === null || f.until.getTime() > now.getTime());

/** The prefix of a correction's reason as the citizen reads it. */
export const CORRECTED = '健康码管理员更正：';

/**
 * The code of someone with `facts` and the correction `override` at `now` under `edition`:
 * - the most severe colour any fact in force gives (a kind the edition does not name gives green);
 * - its reasons: those facts' reasons (severity first, then the earliest, then by code point), leaving out the
 *   facts that stay green;
 * - a correction holds while no fact of the person changed after it, and never below what an open positive
 *   gives: a person with an open positive infection is never green, whoever says so.
 */
export function colourOf(
  edition: Pick<Edition, 'healthCode'>,
  facts: readonly Fact[],
  override: Override | null,
  now: Date,
): Code {
  const sevOf = (k: CodeStatus) => severityOf(edition.healthCode[k] ?? 'green');
  const active = facts
    .filter((f) => activeAt(f, now) && sevOf(f.kind) > 0)
    .sort(
      (a, b) =>
        sevOf(b.kind) - sevOf(a.kind) ||
        a.since.getTime() - b.since.getTime() ||
        (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0),
    );
  const sev = active.reduce((m, f) => Math.max(m, sevOf(f.kind)), 0);
  const lastChange = facts.reduce((m, f) => Math.max(m, f.changedAt.getTime()), Number.NEGATIVE_INFINITY);
  if (override && override.at.getTime() >= lastChange) {
    const floor = active.filter((f) => f.kind === 'positive').reduce((m, f) => Math.max(m, sevOf(f.kind)), 0);
    return {
      colour: SEVERITY[Math.max(severityOf(override.colour), floor)] as Colour,
      reasons: [`${CORRECTED}${override.reason}`],
      corrected: true,
    };
  }
  return { colour: SEVERITY[sev] as Colour, reasons: active.map((f) => f.reason), corrected: false };
}
