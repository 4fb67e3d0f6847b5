import type { Ctx } from '../../../kit/context';
import { type Level, prefixesOf, worse, type Zone } from '../../risk/rules';
import { chineseNumeral } from '../../surveillance/reminder/rules';
import { fits, MODE_KEYS, MODES, type Mode, type SingleReason } from '../modes';
import type { RefusalCode } from './contract';

/** How far a phone's clock may run ahead of the server's before a scan's time is refused. */
export const CLOCK_MARGIN_MS = 10 * 60_000;

/** Whether a scan's time (the phone's) is acceptable: not before the round, not in the future beyond the margin. */
export const timeRefusal = (at: Date, now: Date, roundStart: Date): RefusalCode | null =>
  at.getTime() > now.getTime() + CLOCK_MARGIN_MS || at.getTime() < roundStart.getTime() - CLOCK_MARGIN_MS ? 'bad_time' : null;

const ID_NUMBER = /^\d{17}[\dX]$/;
/** The health code's QR token as its page shows it: a compact JWS, `~`, its seal (healthcode/tokens.ts). */
const TOKEN = /^[\w-]+\.[\w-]+\.[\w-]+~[\w-]+$/;

/** Whom a scan names, before anything is looked up: an ID number typed, or a health-code token to be checked. */
export type ScannedPerson = { idNumber: string } | { token: string };

/**
 * The person a scan names: the ID number typed (the sampler reads it off the card in front of them), or the
 * health-code QR, which is the signed token of the citizen's page; the token is checked by the health code
 * (`TokenReader`, handed in by src/modules/index.ts) and names the person by id.
 *
 * A QR holding a bare ID number (the interim `HC:…` / `…?id=` forms used before the signed token existed) is no
 * longer taken: nothing in the platform issues it any more, anyone can print one for anyone, and the sampler,
 * trusting the scanner, would not look at a card as they do when they type the number. It is refused as
 * `bad_code`; the sampler can still type the number from the ID card.
 */
export function personOfScan(s: { idNumber?: string; code?: string }): ScannedPerson | null {
  const typed = s.idNumber?.replace(/\s/g, '').toUpperCase();
  if (typed) return ID_NUMBER.test(typed) ? { idNumber: typed } : null;
  const code = s.code?.trim();
  return code && TOKEN.test(code) ? { token: code } : null;
}

/** What the health code's check of a token says: the person it names, or why it is refused. */
export type TokenRead = { ok: true; personId: number } | { ok: false; reason: 'expired' | 'invalid' };

/** The health code's check of its QR token at a moment (seal and times; CPU only, no query). */
export type TokenReader = (ctx: Ctx, token: string, at: Date) => Promise<TokenRead>;

/**
 * The moments a scanned token is checked at, in turn, until one finds it valid: the server's now (a scan sent at
 * once, whatever the phone's clock says), then the scan's own time when earlier (a scan the sampler's phone
 * queued offline: the code was shown then and has expired since). The scan's time is already bounded by the
 * round (`timeRefusal`); the token's seal is the health code's alone, so no time makes a forged code valid.
 */
export const tokenMoments = (at: Date, now: Date): Date[] => (at.getTime() < now.getTime() ? [now, at] : [now]);

/** The refusal of a token refused at every moment. */
export const tokenRefusal = (reason: 'expired' | 'invalid'): RefusalCode =>
  reason === 'expired' ? 'code_expired' : 'code_invalid';

/** The modes of tubes a sample needing `needed` may go into (its own or a stricter one). */
export const modesFitting = (needed: Mode): Mode[] => MODE_KEYS.filter((m) => fits(needed, m));

/** The refusal of a single tube needed for the person's own facts, saying why (重点人群 / 集中隔离人员须单人单管). */
const SINGLE_REFUSAL: Record<SingleReason, RefusalCode> = { key_group: 'mode_key_group', quarantine: 'mode_quarantine' };

/**
 * The refusal naming the mode a person needs when the tube's is looser, and why when it is the person's own facts
 * (`singleReason`) that need a single tube rather than their area or the round.
 */
export const modeRefusal = (needed: Mode, why: SingleReason | null = null): RefusalCode => {
  if (needed === 'single') return why ? SINGLE_REFUSAL[why] : 'mode_single';
  return needed === 'household' ? 'mode_household' : 'mode_pool5';
};

/** What the scan statement found when it wrote nothing: the tube, a replay, a sample earlier this round. */
export interface PersonScanFacts {
  tube: {
    roundId: number;
    pointId: number | null;
    purpose: 'round' | 'retest';
    mode: Mode;
    size: number;
    capacity: number;
    closed: boolean;
  } | null;
  /** The person was sampled into a round tube before (not by this scan). */
  sampledBefore: boolean;
  hasRetestTask: boolean;
  otherHousehold: boolean;
  /** The modes the person's sample may go into. */
  allowed: readonly Mode[];
  needed: Mode;
  /** Why the person needs a single tube whatever their area (`singleReason`), or null. */
  singleWhy: SingleReason | null;
}

/**
 * Why a person scan wrote nothing, in the order a sampler needs to hear it: the tube first (which tube, open,
 * full), then the person (sampled already, mode, household, retest). Null when nothing refuses it (a concurrent
 * change: the caller tries again).
 */
export function personRefusal(f: PersonScanFacts, scan: { roundId: number; pointId: number | null }): RefusalCode | null {
  const t = f.tube;
  if (!t) return 'no_tube';
  if (t.roundId !== scan.roundId || t.pointId !== scan.pointId) return 'barcode_elsewhere';
  if (t.closed) return t.size >= t.capacity ? 'tube_full' : 'tube_closed';
  if (t.size >= t.capacity) return 'tube_full';
  if (t.purpose === 'round' && f.sampledBefore) return 'already_sampled';
  if (!f.allowed.includes(t.mode)) return modeRefusal(f.needed, f.singleWhy);
  if (t.purpose === 'retest' && !f.hasRetestTask) return 'no_retest';
  if (f.otherHousehold) return 'household_only';
  return null;
}

/** The capacity of a tube of a mode (its pool size). */
export const capacityOf = (mode: Mode) => MODES[mode].size;

/** A mobile squad's name: 流动采样一组, 二组, … */
export const squadName = (n: number) => `流动采样${chineseNumeral(n)}组`;

/** How many buildings one squad takes (a squad climbs a few buildings in a round). */
export const BUILDINGS_PER_SQUAD = 3;

/**
 * The floor of a household from its room number as the territory names it (1203 → 12, 302室 → 3, 5-201 → 2;
 * null when the name holds no room number).
 */
export function floorOf(room: string): number | null {
  const m = /(\d{3,4})\D*$/.exec(room);
  if (!m?.[1]) return null;
  const floor = Math.floor(Number(m[1]) / 100);
  return floor > 0 && floor < 200 ? floor : null;
}

/** Buildings assigned to squads in path order, a few buildings each: building id → squad name. */
export function squadsOf(buildingIds: readonly number[]): Map<number, string> {
  const out = new Map<number, string>();
  [...new Set(buildingIds)].forEach((b, i) => {
    out.set(b, squadName(Math.min(99, Math.floor(i / BUILDINGS_PER_SQUAD) + 1)));
  });
  return out;
}

/** An area in force as the risk module gives it (`riskService.areasInForce`). */
export interface AreaAt {
  level: Level;
  zone: Zone;
  included: readonly string[];
  excluded: readonly string[];
}

/**
 * The level and zone of any node path among areas in force, decided in memory as `riskService.levelAt` decides
 * one node in the database: the worst level of the areas with an included path a prefix of the node's and no
 * excepted path that is, and the zone of that area. Indexed by included path, so a lookup walks the node's
 * prefixes only.
 */
export function levelIndex(areas: readonly AreaAt[]) {
  const byPath = new Map<string, AreaAt[]>();
  for (const a of areas) for (const p of a.included) byPath.set(p, [...(byPath.get(p) ?? []), a]);
  return (path: string): { level: Level | null; zone: Zone | null } => {
    const prefixes = prefixesOf(path);
    const holding = new Set(prefixes.flatMap((p) => byPath.get(p) ?? []));
    let level: Level | null = null;
    let zone: Zone | null = null;
    for (const a of holding) {
      if (a.excluded.some((x) => prefixes.includes(x))) continue;
      if (!level || worse(level, a.level) !== level) {
        level = a.level;
        zone = a.zone;
      }
    }
    return { level, zone };
  };
}
