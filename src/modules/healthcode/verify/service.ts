import { type Ctx, cityWide, type Kit } from '../../../kit/context';
import { AppError, notFound } from '../../../server/errors';
import { coloursService } from '../colours/service';
import { healthKeys } from '../keys';
import { checkToken } from '../tokens';
import type { Venue } from '../venues/lookup';
import type { Verdict } from './contract';
import { projectionOf } from './follower';
import type { Held } from './projection';
import { judge, type Refusal, refusalOf, scanMoment } from './rules';
import { lean, starting } from './shedding';
import { type ScanWrite, storeScans } from './store';
import { venueCacheOf } from './venue-cache';

type Outcome = { ok: true; verdict: Verdict } | { ok: false; refusal: Refusal };

const closed = () =>
  new AppError(409, 'healthcode.venue_closed', '该场所码已停用', 'this venue code is no longer in use', { field: 'venueId' });

function verdictOf(held: Held, venue: Venue, name: string, now: Date, at: Date): Verdict {
  const j = judge(held, venue.rule, now);
  return {
    pass: j.pass,
    colour: held.colour,
    name,
    hoursSinceNegative: j.hours,
    stop: j.stop,
    venue: { id: venue.id, name: venue.name, negativeWithinHours: venue.rule.negativeWithinHours, green: venue.rule.green },
    version: held.version,
    at: at.toISOString(),
  };
}

/**
 * A citizen's scan is stored at the minute it was made. Its time is the server's (the phone sends none), so a
 * reload of /v/<code>, a double tap or a second scan of the same printed code within the minute would otherwise
 * each be a new natural key (venue, at, person) and a new row: to the minute, they are the same scan, stored once
 * (ON CONFLICT DO NOTHING). A minute is far below what tracing needs (companions widen windows by a margin of
 * minutes); a staff scan keeps the checkpoint's own time, its queue's replays carrying the same one.
 */
export const citizenScanMinute = (now: Date) => new Date(Math.floor(now.getTime() / 60_000) * 60_000);

/** The projection of this process, or 503 until it is loaded. */
function ready(kit: Kit) {
  const p = projectionOf(kit);
  if (!p.ready) throw starting();
  return p;
}

/**
 * The reasons of the verdicts that stop, read from the stored codes (the one database read of a scan, and only
 * of a non-green one): left out under load (shedding.ts) and for the green ones, which have none.
 */
async function withReasons(ctx: Ctx, verdicts: Verdict[], personIds: number[]) {
  if (lean()) return;
  await Promise.all(
    verdicts.map(async (v, i) => {
      if (v.colour === 'green') v.reasons = [];
      else v.reasons = (await coloursService.codeOf(cityWide(ctx), personIds[i] as number)).reasons;
    }),
  );
}

/**
 * Verification of scans (逢进必扫): the colour comes from this process's in-memory projection (person → colour,
 * version, last negative), never from the token's claim, which may be minutes old; the venue from the cache;
 * every scan is stored by its natural key in the next group commit, and answered only once it is committed.
 */
export const verifyService = {
  /** Staff at a venue scan people's QR codes: a checkpoint's queue, each judged on its own. */
  async staffScans(ctx: Ctx, venueId: number, scans: readonly { token: string; at: string; offline: boolean }[]) {
    const kit = ctx.kit;
    const projection = ready(kit);
    const venue = await venueCacheOf(kit).id(venueId);
    if (!venue?.terrPath.startsWith(ctx.scopePath)) throw notFound('venue', '场所');
    if (!venue.active) throw closed();
    const keys = await healthKeys(kit);
    const now = ctx.now();
    const outcomes: Outcome[] = [];
    const writes: ScanWrite[] = [];
    const judged: { verdict: Verdict; personId: number }[] = [];
    for (const s of scans) {
      const at = new Date(s.at);
      const moment = scanMoment(at, s.offline, now);
      if ('refuse' in moment) {
        outcomes.push({ ok: false, refusal: moment.refuse });
        continue;
      }
      const check = checkToken(keys, s.token, moment.at);
      if (!check.ok) {
        outcomes.push({ ok: false, refusal: refusalOf(check.reason) });
        continue;
      }
      const held = projection.get(check.claims.personId);
      const verdict = verdictOf(held, venue, check.claims.name, now, at);
      outcomes.push({ ok: true, verdict });
      judged.push({ verdict, personId: check.claims.personId });
      writes.push({
        venueId: venue.id,
        at,
        personId: check.claims.personId,
        colour: held.colour,
        pass: verdict.pass,
        offline: s.offline,
      });
    }
    await Promise.all([
      storeScans(kit.pool, ctx.actor?.userId ?? null, writes),
      withReasons(
        ctx,
        judged.map((j) => j.verdict),
        judged.map((j) => j.personId),
      ),
    ]);
    return { outcomes };
  },

  /** A signed-in citizen scans a venue's printed code: their own colour judged by that venue's rule, stored. */
  async citizenScan(ctx: Ctx, citizen: { personId: number; name: string }, code: string) {
    const kit = ctx.kit;
    const projection = ready(kit);
    const venue = await venueCacheOf(kit).code(code);
    if (!venue) throw notFound('venue code', '场所码');
    if (!venue.active) throw closed();
    const now = ctx.now();
    const held = projection.get(citizen.personId);
    const at = citizenScanMinute(now);
    const verdict = verdictOf(held, venue, citizen.name, now, at);
    const write = {
      venueId: venue.id,
      at,
      personId: citizen.personId,
      colour: held.colour,
      pass: verdict.pass,
      offline: false,
    };
    await Promise.all([storeScans(kit.pool, null, [write]), withReasons(ctx, [verdict], [citizen.personId])]);
    return verdict;
  },

  /** The venue of a printed code, in the staff account's scope: a checkpoint's page opens it once. */
  async checkpointVenue(ctx: Ctx, code: string) {
    const venue = await venueCacheOf(ctx.kit).code(code);
    if (!venue?.terrPath.startsWith(ctx.scopePath)) throw notFound('venue code', '场所码');
    if (!venue.active) throw closed();
    const { id, name, kind, rule } = venue;
    return { id, code: venue.code, name, kind, negativeWithinHours: rule.negativeWithinHours, green: rule.green };
  },

  /** The public half of the key the QR tokens are signed with: the checkpoints' pages verify offline with it. */
  async publicKey(kit: Kit) {
    const keys = await healthKeys(kit);
    return { kid: 'hc1', alg: 'ES256' as const, jwk: keys.publicJwk };
  },
};
