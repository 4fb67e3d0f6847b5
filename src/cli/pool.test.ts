import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { poolPlan } from '../modules/testing/pooling/rules';

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'pool', 'plan', ...args], { encoding: 'utf8' });

describe('fangyi pool plan', () => {
  it("prints Dorfman's optimum, 10混1 and the square array at a prevalence", () => {
    const r = cli('--prevalence', '0.05');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('最优混采 5混1');
    expect(r.stdout).toContain('0.4262');
    expect(r.stdout).toMatch(/10混1 \(pool of 10\)：每人期望检测 0\.5013 次/);
    expect(r.stdout).toContain('矩阵混采');
  });

  it('prints the plan as JSON, the same figures as the rule', () => {
    const r = cli('--prevalence', '0.02', '--max-pool', '30', '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(poolPlan(0.02, 30))));
    expect(JSON.parse(r.stdout).optimal.k).toBe(8);
  });

  it.each([
    ['--prevalence', '0'],
    ['--prevalence', '1'],
    ['--prevalence', '0.01abc'],
    ['--prevalence', '0.01', '--max-pool', '1'],
    ['--prevalence', '0.01', '--max-pool', '51'],
    ['--prevalence', '0.01', '--max-pool', '2.5'],
  ])('refuses %s %s %s in Chinese and English, exiting non-zero', (...args) => {
    const r = cli(...args.filter(Boolean));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/[须].*\(--(prevalence|max-pool) must be/);
    expect(r.stdout).toBe('');
  });
});
