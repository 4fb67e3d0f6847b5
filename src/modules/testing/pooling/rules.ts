/**
 * Pool planning (混采方案), pure. Two-stage Dorfman pooling: k samples share one tube; a positive tube sends each of
 * its k people to a single-tube retest. With independent infections at prevalence p and a perfect test, the
 * expected tests per person are E(k,p) = 1/k + 1 − (1−p)^k (Dorfman R. 1943, "The detection of defective members
 * of large populations", Ann. Math. Stat. 14:436-440; k = 1 is one test a person). Square arrays and the
 * prevalence read back from pool results are below. docs/testing-pooling.md has the derivations.
 */

/** The pool sizes the guides validate (5混1, 10混1, 20混1). */
export const VALIDATED_SIZES = [5, 10, 20] as const;
/** The size the guides sample by default (10混1). */
export const DEFAULT_POOL = 10;
/** The largest pool the optimum is searched over unless told. */
export const DEFAULT_MAX_POOL = 20;
/** The bounds a caller may ask the optimum over. */
export const MAX_POOL_LIMIT = 50;

/** Expected tests per person of a two-stage Dorfman pool of `k` at prevalence `p` (k = 1: single tubes). */
export function dorfman(k: number, p: number): number {
  if (k <= 1) return 1;
  return 1 / k + 1 - (1 - p) ** k;
}

export interface PoolFigure {
  /** People per tube. */
  k: number;
  /** Expected tests per person. */
  tests: number;
  /** The share of single-tube tests saved (1 − tests; negative when pooling costs more). */
  saving: number;
}

const figure = (k: number, tests: number): PoolFigure => ({ k, tests, saving: 1 - tests });

/** Dorfman's figure of a pool of `k` at `p`. */
export const dorfmanFigure = (k: number, p: number): PoolFigure => figure(k, dorfman(k, p));

/**
 * The pool size over 2..maxPool with the fewest expected tests per person at `p` (the smaller size on a tie). Past
 * p ≈ 0.31 no pool beats single tubes: the optimum then costs more than 1, and `saving` says so.
 */
export function optimalPool(p: number, maxPool = DEFAULT_MAX_POOL): PoolFigure {
  let best = dorfmanFigure(2, p);
  for (let k = 3; k <= maxPool; k++) {
    const f = dorfmanFigure(k, p);
    if (f.tests < best.tests) best = f;
  }
  return best;
}

/**
 * Expected tests per person of an n×n square array (矩阵混采): the n rows and the n columns are pooled (2n tests
 * for n² people), and each person at a positive row and a positive column is retested alone. A positive person's
 * row and column are positive, so they are always retested; a negative person is retested when some other person
 * of their row (n−1 of them) and some other person of their column (n−1 others, disjoint from the row's) is
 * positive: (1 − (1−p)^(n−1))². Hence
 *   E(n,p) = 2/n + p + (1−p)·(1 − (1−p)^(n−1))²  =  2/n + p + (1−p)·[1 − 2(1−p)^(n−1) + (1−p)^(2n−2)]
 * which is Phatarfod R.M. & Sudbury A. (1994), "The use of a square array scheme in blood testing", Statistics in
 * Medicine 13:2337-2343, eq. for the expected number of tests per individual with a perfect test; the simulation
 * in rules.test.ts checks it.
 */
export function squareArray(n: number, p: number): number {
  if (n <= 1) return 1;
  const q = 1 - p;
  return 2 / n + p + q * (1 - q ** (n - 1)) ** 2;
}

/** The array side over 2..maxSide with the fewest expected tests per person at `p`. */
export function optimalArray(p: number, maxSide = DEFAULT_MAX_POOL): PoolFigure {
  let best = figure(2, squareArray(2, p));
  for (let n = 3; n <= maxSide; n++) {
    const t = squareArray(n, p);
    if (t < best.tests) best = figure(n, t);
  }
  return best;
}

/** Every figure a plan shows at prevalence `p`. */
export interface PoolPlan {
  prevalence: number;
  maxPool: number;
  optimal: PoolFigure;
  /** 10混1, the guides' default. */
  pool10: PoolFigure;
  /** The validated sizes (5, 10, 20). */
  validated: PoolFigure[];
  /** The best validated size at `p` (what a round may actually use). */
  bestValidated: PoolFigure;
  /** The best square array (side n, n² people per array) at `p`, up to `maxPool` a side. */
  squareArray: PoolFigure;
  /** The 10×10 array (rows and columns of 10混1 tubes). */
  squareArray10: PoolFigure;
}

export function poolPlan(p: number, maxPool = DEFAULT_MAX_POOL): PoolPlan {
  const validated = VALIDATED_SIZES.map((k) => dorfmanFigure(k, p));
  return {
    prevalence: p,
    maxPool,
    optimal: optimalPool(p, maxPool),
    pool10: dorfmanFigure(DEFAULT_POOL, p),
    validated,
    bestValidated: validated.reduce((a, b) => (b.tests < a.tests ? b : a)),
    squareArray: optimalArray(p, maxPool),
    squareArray10: figure(10, squareArray(10, p)),
  };
}

/** Expected tests per person for each pool size 1..maxPool at `p` (the console's curve). */
export const dorfmanCurve = (p: number, maxPool = DEFAULT_MAX_POOL): PoolFigure[] =>
  Array.from({ length: maxPool }, (_, i) => dorfmanFigure(i + 1, p));

/**
 * The prevalence read back from pooled results: a pool of k is negative when all k are, so a pool-positive rate
 * q gives p̂ = 1 − (1−q)^(1/k) (the maximum-likelihood estimate under independence; Thompson K.H. 1962,
 * "Estimation of the proportion of vectors in a natural population of insects", Biometrics 18:568-578).
 */
export function prevalenceFromPools(q: number, k: number): number {
  if (q <= 0) return 0;
  if (q >= 1) return 1;
  return 1 - (1 - q) ** (1 / k);
}

/**
 * The same from counts of pools of mixed sizes: each tube's size and whether it was positive. Tubes of one size
 * use the formula above; mixed sizes are solved for the p that makes the expected positives equal the observed
 * ones (Σ 1−(1−p)^kᵢ = positives, monotone in p: bisection).
 */
export function prevalenceFromTubes(bySize: readonly { size: number; tubes: number; positive: number }[]): number | null {
  const tubes = bySize.reduce((s, x) => s + x.tubes, 0);
  const positive = bySize.reduce((s, x) => s + x.positive, 0);
  if (!tubes) return null;
  if (!positive) return 0;
  if (positive >= tubes) return 1;
  const expected = (p: number) => bySize.reduce((s, x) => s + x.tubes * (1 - (1 - p) ** x.size), 0);
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (expected(mid) < positive) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
