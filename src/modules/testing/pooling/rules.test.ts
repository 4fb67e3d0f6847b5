import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIGURES, hoursWithPosts, plannerFigures, planRound } from './planner-rules';
import {
  dorfman,
  dorfmanCurve,
  optimalArray,
  optimalPool,
  poolPlan,
  prevalenceFromPools,
  prevalenceFromTubes,
  squareArray,
} from './rules';

/**
 * Dorfman (1943), Ann. Math. Stat. 14:436-440, Table 1: the optimum group size and the relative cost (expected
 * tests per person, per cent) at a prevalence.
 */
const DORFMAN_TABLE = [
  { p: 0.01, k: 11, cost: 0.1956 },
  { p: 0.02, k: 8, cost: 0.2742 },
  { p: 0.05, k: 5, cost: 0.4262 },
  { p: 0.1, k: 4, cost: 0.5939 },
];

/** A seeded generator (mulberry32), so the simulation gives the same figures on every run. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Tests per person of `arrays` simulated n×n arrays at p: 2n pools, then each person at a positive row and column. */
function simulateArrays(n: number, p: number, arrays: number, rnd: () => number) {
  let tests = 0;
  for (let a = 0; a < arrays; a++) {
    const cells = Array.from({ length: n * n }, () => rnd() < p);
    const row = Array.from({ length: n }, (_, i) => cells.slice(i * n, i * n + n).some(Boolean));
    const col = Array.from({ length: n }, (_, j) => cells.some((c, x) => c && x % n === j));
    tests += 2 * n;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (row[i] && col[j]) tests++;
  }
  return tests / (arrays * n * n);
}

/** Tests per person of simulated Dorfman pools of k at p. */
function simulateDorfman(k: number, p: number, pools: number, rnd: () => number) {
  let tests = 0;
  for (let i = 0; i < pools; i++) {
    const positive = Array.from({ length: k }, () => rnd() < p).some(Boolean);
    tests += 1 + (positive ? k : 0);
  }
  return tests / (pools * k);
}

const prevalence = fc.double({ min: 1e-6, max: 0.999, noNaN: true });
const size = fc.integer({ min: 2, max: 50 });

describe('Dorfman pooling', () => {
  it.each(DORFMAN_TABLE)("gives Dorfman's optimum and relative cost at p = $p", ({ p, k, cost }) => {
    const best = optimalPool(p);
    expect(best.k).toBe(k);
    expect(best.tests).toBeCloseTo(cost, 4);
    expect(dorfman(k, p)).toBeCloseTo(cost, 4);
    expect(best.saving).toBeCloseTo(1 - cost, 4);
  });

  it('costs one test a person for single tubes', () => {
    expect(dorfman(1, 0.3)).toBe(1);
    expect(dorfmanCurve(0.01, 20)[0]).toEqual({ k: 1, tests: 1, saving: 0 });
  });

  it('matches a seeded simulation', () => {
    const rnd = mulberry32(1943);
    expect(simulateDorfman(10, 0.02, 40_000, rnd)).toBeCloseTo(dorfman(10, 0.02), 2);
  });

  it('keeps E in (0, 1 + 1/k]', () =>
    fc.assert(
      fc.property(size, prevalence, (k, p) => {
        const e = dorfman(k, p);
        return e > 0 && e <= 1 + 1 / k + 1e-12;
      }),
    ));

  it('never does worse than single tubes at the optimum when p < 0.3', () =>
    fc.assert(fc.property(fc.double({ min: 1e-6, max: 0.2999, noNaN: true }), (p) => optimalPool(p).tests < 1)));

  it('costs more as the prevalence rises, for a fixed pool', () =>
    fc.assert(
      fc.property(size, prevalence, prevalence, (k, a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        return dorfman(k, lo) <= dorfman(k, hi);
      }),
    ));

  it('gives no saving past p ≈ 0.31: single tubes are the cheaper', () => {
    expect(optimalPool(0.35).tests).toBeGreaterThan(1);
  });

  it('plans 10混1, the validated sizes and the arrays beside the optimum', () => {
    const plan = poolPlan(0.01);
    expect(plan.optimal.k).toBe(11);
    expect(plan.pool10.tests).toBeCloseTo(0.1 + 1 - 0.99 ** 10, 12);
    expect(plan.validated.map((v) => v.k)).toEqual([5, 10, 20]);
    expect(plan.bestValidated.k).toBe(10);
    expect(plan.squareArray.tests).toBeLessThan(plan.optimal.tests);
  });
});

describe('square arrays (Phatarfod & Sudbury 1994)', () => {
  it.each([
    { n: 10, p: 0.01 },
    { n: 5, p: 0.05 },
    { n: 16, p: 0.005 },
    { n: 8, p: 0.1 },
  ])('match a seeded simulation of $n×$n arrays at p = $p', ({ n, p }) => {
    const rnd = mulberry32(1994 + n);
    const simulated = simulateArrays(n, p, Math.ceil(400_000 / (n * n)), rnd);
    expect(Math.abs(simulated - squareArray(n, p))).toBeLessThan(0.01);
  });

  it('reads as the published expansion 2/n + p + (1−p)[1 − 2(1−p)^(n−1) + (1−p)^(2n−2)]', () =>
    fc.assert(
      fc.property(size, prevalence, (n, p) => {
        const q = 1 - p;
        const published = 2 / n + p + q * (1 - 2 * q ** (n - 1) + q ** (2 * n - 2));
        return Math.abs(published - squareArray(n, p)) < 1e-9;
      }),
    ));

  it('costs its 2n pool tests whatever the prevalence, and so beats Dorfman pools only with large arrays', () => {
    expect(squareArray(10, 0.005)).toBeGreaterThan(optimalPool(0.005).tests);
    expect(optimalArray(0.005).tests).toBeLessThan(optimalPool(0.005).tests);
    expect(squareArray(10, 0)).toBeCloseTo(0.2, 12);
  });
});

describe('prevalence from pooled results', () => {
  it('inverts the pool-positive rate: q = 1 − (1−p)^k', () =>
    fc.assert(
      // Up to a pool-positive rate of about 0.99: past it 1 − q has too few digits left to invert.
      fc.property(size, fc.double({ min: 1e-6, max: 0.08, noNaN: true }), (k, p) => {
        const q = 1 - (1 - p) ** k;
        return Math.abs(prevalenceFromPools(q, k) - p) < 1e-6 * p;
      }),
    ));

  it('reads mixed pool sizes by the same likelihood, and one size as the formula', () => {
    expect(prevalenceFromTubes([])).toBeNull();
    expect(prevalenceFromTubes([{ size: 10, tubes: 100, positive: 0 }])).toBe(0);
    expect(prevalenceFromTubes([{ size: 10, tubes: 1000, positive: 20 }])).toBeCloseTo(prevalenceFromPools(0.02, 10), 9);
    const p = 0.01;
    const mixed = [
      { size: 10, tubes: 1000, positive: 1000 * (1 - (1 - p) ** 10) },
      { size: 1, tubes: 500, positive: 500 * p },
    ];
    expect(prevalenceFromTubes(mixed)).toBeCloseTo(p, 9);
  });
});

describe('the planner', () => {
  it('plans a community of 10,000 by the default figures', () => {
    const plan = planRound(10_000, DEFAULT_FIGURES);
    expect(plan).toEqual({ population: 10_000, points: { min: 4, max: 5 }, samplers: 28, hours: 10_000 / (28 * 120) });
  });

  it('plans the city of ten million within the round’s 24 hours', () => {
    const plan = planRound(10_000_000, DEFAULT_FIGURES);
    expect(plan.points).toEqual({ min: 3334, max: 5000 });
    expect(plan.samplers).toBe(27_778);
    expect(plan.hours).toBeLessThanOrEqual(3);
  });

  it('plans nothing for an empty target', () => {
    expect(planRound(0, DEFAULT_FIGURES)).toEqual({ population: 0, points: { min: 0, max: 0 }, samplers: 0, hours: 0 });
  });

  it('always has enough samplers for the pace and points in order', () =>
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000_000 }), (pop) => {
        const plan = planRound(pop, DEFAULT_FIGURES);
        return plan.points.min <= plan.points.max && plan.samplers * DEFAULT_FIGURES.peoplePerSampler >= pop;
      }),
    ));

  it('tells how long the posts a round has take', () => {
    expect(hoursWithPosts(2400, 2, DEFAULT_FIGURES)).toEqual({ hours: 10, fits: true });
    expect(hoursWithPosts(2400, 0, DEFAULT_FIGURES)).toEqual({ hours: null, fits: false });
  });

  it('refuses figures whose point range is upside down, naming the field', () => {
    const r = plannerFigures.safeParse({ ...DEFAULT_FIGURES, peoplePerPointMin: 4000 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['peoplePerPointMax']);
  });
});
