import { type Ctx, cityWide } from '../../../kit/context';
import { policyService } from '../../policy/service';
import '../events';
import type { Colour } from '../tokens';
import { severities } from './rules';
import { type CodeRow, coloursStore, type FactWrite, type Whom } from './store';

/** A person's code as the console and the citizen page show it. */
export interface CodeView {
  personId: number;
  colour: Colour;
  reasons: string[];
  /** The correction in force, when one holds. */
  correctionId: number | null;
  lastNegativeAt: Date | null;
  /** The seq of the change that set it (0: never set, green by default). */
  version: number;
  updatedAt: Date | null;
}

const view = (personId: number, r: CodeRow | null): CodeView =>
  r
    ? {
        personId,
        colour: r.colour,
        reasons: r.reasons,
        correctionId: r.correction_id === null ? null : Number(r.correction_id),
        lastNegativeAt: r.last_negative_at,
        version: Number(r.version),
        updatedAt: r.updated_at,
      }
    : { personId, colour: 'green', reasons: [], correctionId: null, lastNegativeAt: null, version: 0, updatedAt: null };

/**
 * The edition the colours follow now: the one in force, or before the first edition the earliest one (a record
 * dated before any edition must still colour a code, and never fail the write that recorded it).
 */
async function editionFor(ctx: Ctx) {
  const { items, inForceId } = await policyService.list(ctx);
  return items.find((e) => e.id === inForceId) ?? items[0] ?? { healthCode: {} };
}

/**
 * The colours: facts recorded and ended by the handlers of other modules' events (and by the CDC, the citizens'
 * self-reports, the sweeper), and the ONE recompute of the people they touch, in the same transaction. Writes
 * are derived from other modules' records whoever acted, so they run city-wide (`cityWide`); reads keep the
 * caller's scope.
 */
export const coloursService = {
  /** A person's code now (green with no reasons when nothing ever coloured it), in the caller's scope. */
  async codeOf(ctx: Ctx, personId: number): Promise<CodeView> {
    return view(personId, await coloursStore(ctx).codeOf(personId));
  },

  /** A person's facts, newest first, in the caller's scope. */
  factsOf: (ctx: Ctx, personId: number) => coloursStore(ctx).factsOf(personId),

  /**
   * Records facts and recomputes the colours of the people whose facts changed, in the caller's transaction; a
   * replay changes nothing. Returns the recompute's figures.
   */
  async recordFacts(ctx: Ctx, facts: readonly FactWrite[], cause: string) {
    return ctx.transaction(async (tx) => {
      const touched = await coloursStore(cityWide(tx)).upsertFacts(facts);
      return coloursService.recompute(tx, { ids: touched }, cause);
    });
  },

  /**
   * Ends facts at `at` (a source's: an area lifted, a contact released; or a kind's of some people: a negative
   * test ends their missed rounds) and recomputes those people, with their negative tests when given.
   */
  async endFacts(
    ctx: Ctx,
    q: { source?: string; kind?: FactWrite['kind']; personIds?: readonly number[]; at: Date },
    cause: string,
  ) {
    return ctx.transaction(async (tx) => {
      const touched = await coloursStore(cityWide(tx)).endFacts(q);
      return coloursService.recompute(tx, { ids: touched }, cause);
    });
  },

  /**
   * Negative tests of these people (sampled at `sampledAt`, living at `terrPath`): each ends their missed rounds
   * before it and becomes their last negative test (a person never coloured before gets a code row for it), in one statement each for the batch (a round's results turn its people green).
   */
  async negativeTests(ctx: Ctx, tests: readonly { personId: number; sampledAt: Date; terrPath: string }[], cause: string) {
    if (!tests.length) return { changed: 0, fromSeq: 0, toSeq: 0 };
    return ctx.transaction(async (tx) => {
      const ids = tests.map((t) => t.personId);
      const ats = tests.map((t) => t.sampledAt);
      await coloursStore(cityWide(tx)).endKindAt('missed_round', ids, ats);
      return coloursService.recompute(tx, { ids, negativeAt: ats, paths: tests.map((t) => t.terrPath) }, cause);
    });
  },

  /**
   * Recomputes the colours of `whom` now under the edition in force, in one statement, and announces the change
   * (`healthcode.colours_changed`) when any code changed.
   */
  async recompute(ctx: Ctx, whom: Whom, cause: string) {
    if (whom !== 'everyone' && whom.ids.length === 0) return { changed: 0, fromSeq: 0, toSeq: 0 };
    return ctx.transaction(async (tx) => {
      const now = tx.now();
      const done = await coloursStore(cityWide(tx)).recompute(whom, now, severities(await editionFor(tx)));
      if (done.changed) await tx.emit('healthcode.colours_changed', { cause, ...done });
      return done;
    });
  },
};
