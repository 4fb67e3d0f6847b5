import type { Command } from 'commander';
import { DEFAULT_MAX_POOL, MAX_POOL_LIMIT, type PoolFigure, poolPlan } from '../modules/testing/pooling/rules';

/** Exit status of a refused input (a usage error), as `notice render` uses. */
const BAD_INPUT = 2;

function refuse(line: string): never {
  console.error(line);
  process.exit(BAD_INPUT);
}

/** A number given on the command line, whole and nothing else ("0.01abc" and "" are refused, not read as 0.01 and 0). */
const numberOf = (v: string) => (/^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(v) ? Number(v) : Number.NaN);

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const line = (label: string, f: PoolFigure) =>
  `${label}：每人期望检测 ${f.tests.toFixed(4)} 次，较单人单管节省 ${pct(f.saving)} (${f.tests.toFixed(4)} tests/person, saves ${pct(f.saving)})`;

/** `fangyi pool plan --prevalence P [--max-pool K] [--json]`: the pool sizes' expected tests at a prevalence, offline. */
export function registerPoolCommands(program: Command) {
  program
    .command('pool')
    .description('pooled testing (混采方案)')
    .command('plan')
    .description('the optimal Dorfman pool, 10混1 and the square array at a prevalence (docs/testing-pooling.md), offline')
    .requiredOption('--prevalence <p>', 'the prevalence, a number in (0, 1), e.g. 0.001')
    .option('--max-pool <k>', `the largest pool size searched, 2..${MAX_POOL_LIMIT}`, String(DEFAULT_MAX_POOL))
    .option('--json', 'print the figures as JSON')
    .action((o: { prevalence: string; maxPool: string; json?: boolean }) => {
      const p = numberOf(o.prevalence);
      if (!(p > 0 && p < 1)) refuse(`患病率须为 0 与 1 之间的数 (--prevalence must be a number in (0, 1), got ${o.prevalence})`);
      const k = numberOf(o.maxPool);
      if (!Number.isInteger(k) || k < 2 || k > MAX_POOL_LIMIT)
        refuse(
          `最大混采数须为 2 至 ${MAX_POOL_LIMIT} 的整数 (--max-pool must be a whole number 2..${MAX_POOL_LIMIT}, got ${o.maxPool})`,
        );
      const plan = poolPlan(p, k);
      if (o.json) {
        process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
        return;
      }
      const lines = [
        `患病率 prevalence ${p}（最大混采数 max pool ${k}）`,
        line(`最优混采 ${plan.optimal.k}混1 (optimal pool of ${plan.optimal.k})`, plan.optimal),
        line('10混1 (pool of 10)', plan.pool10),
        ...plan.validated.filter((v) => v.k !== 10).map((v) => line(`${v.k}混1 (pool of ${v.k})`, v)),
        line(
          `矩阵混采 ${plan.squareArray.k}×${plan.squareArray.k} (square array ${plan.squareArray.k}×${plan.squareArray.k})`,
          plan.squareArray,
        ),
        line('矩阵混采 10×10 (square array 10×10)', plan.squareArray10),
      ];
      if (plan.optimal.saving <= 0)
        lines.push('此患病率下混采不节省检测，宜单人单管 (at this prevalence pooling saves nothing: test single tubes)');
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
