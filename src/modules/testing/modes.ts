/**
 * Pooling modes (混采模式) and which one a person's sample needs (../shared/POLICY.md, 区域核酸检测组织实施指南):
 * 10混1 by default, 5混1 in medium-risk areas, single tubes in high-risk areas, for quarantine sites and key
 * groups, and one tube per household for sealed households. Pure: the facts come in, the mode goes out.
 */
export const MODES = {
  pool10: { label: '10混1', size: 10 },
  pool5: { label: '5混1', size: 5 },
  pool20: { label: '20混1', size: 20 },
  single: { label: '单人单管', size: 1 },
  household: { label: '1户1管', size: 10 },
} as const;

export type Mode = keyof typeof MODES;
export const MODE_KEYS = Object.keys(MODES) as [Mode, ...Mode[]];
/** The modes a round may default to (a household tube is for sealed households only). */
export const ROUND_MODES = ['pool10', 'pool5', 'pool20', 'single'] as const;
export type RoundMode = (typeof ROUND_MODES)[number];

/** What decides a person's mode on a round's day. */
export interface ModeFacts {
  /** The round's default (10混1 unless the HQ chose otherwise). */
  roundMode: RoundMode;
  /** The level of the risk area the person's household lies in on the round's day (null: none). */
  level: 'high' | 'medium' | 'low' | null;
  /** The zone of that area: a sealed (封控) household is sampled one tube per household. */
  zone: 'sealed' | 'controlled' | 'precaution' | 'none' | null;
  /** In a quarantine site, or one of the key groups sampled alone (重点人群): `singleReason` says which. */
  singleRequired: boolean;
  /** The household itself is sealed at home (居家隔离、封户): its members share one tube. */
  householdSealed: boolean;
}

/** Why a person's own facts require a single tube whatever their area. */
export type SingleReason = 'quarantine' | 'key_group';

/**
 * Why a person must be sampled alone (单人单管) by their own facts, or null: under centralized quarantine (集中隔离,
 * the contacts ledger says who) or in a key group (重点人群, the residents ledger's `keyGroup`). The quarantine site
 * is named first where both hold: it is the fact a sampler can check, and the stricter of the two reasons.
 * `singleRequired` is this reason's being there.
 */
export function singleReason(f: { keyGroup: string | null; centrallyQuarantined: boolean }): SingleReason | null {
  if (f.centrallyQuarantined) return 'quarantine';
  return f.keyGroup ? 'key_group' : null;
}

/** How strict a mode is: a sample may go into a tube of its own mode or a stricter one, never a looser one. */
const STRICTNESS: Record<Mode, number> = { pool20: 0, pool10: 1, pool5: 2, household: 3, single: 4 };

/** The stricter of two modes. */
const stricter = (a: Mode, b: Mode): Mode => (STRICTNESS[a] >= STRICTNESS[b] ? a : b);

/** The mode a person's sample needs: what their place requires, never looser than the round's own. */
export function requiredMode(f: ModeFacts): Mode {
  return stricter(placeMode(f), f.roundMode);
}

function placeMode(f: ModeFacts): Mode {
  if (f.singleRequired) return 'single';
  // Sealed compounds one tube per household; the rest of a high-risk area one tube a person (the 3rd edition guide).
  if (f.householdSealed || f.zone === 'sealed') return 'household';
  if (f.level === 'high') return 'single';
  if (f.level === 'medium') return 'pool5';
  return f.roundMode;
}

/** Whether a sample needing `needed` may go into a tube of `tube`'s mode. */
export const fits = (needed: Mode, tube: Mode) => STRICTNESS[tube] >= STRICTNESS[needed];
