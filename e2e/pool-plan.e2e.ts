import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIGURES } from '../src/modules/testing/pooling/planner-rules';
import { freshId, ledgerFile, row } from '../src/test/ledger-file';
import { addNode, shots, startServer } from './browser';
import { account, apiAs, launch, settle, signIn } from './chromium';

const tag = Math.random().toString(36).slice(2, 8);

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let street: { id: number; code: string };
let community: { id: number; code: string };
let streetUser: string;
let roundId: number;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
  street = await addNode(server.pool, '230108', 'street', `采样街道${tag}`);
  community = await addNode(server.pool, street.code, 'community', `光华社区${tag}`);
  const neighbour = await addNode(server.pool, street.code, 'community', `宇光社区${tag}`);
  // 60 residents of 光华社区, ten to a floor, so the round has a target the planner reads.
  const worker = await account(server.pool, 'community', community.code, '社区网格员');
  const file = await ledgerFile(
    Array.from({ length: 60 }, (_, i) => row(`居民${i}`, freshId(), { room: `${100 * (1 + Math.floor(i / 10)) + (i % 4) + 1}` })),
  );
  const imported = await (await apiAs(server.url, worker)).post('/api/people/import', {
    multipart: { file: { name: 'ledger.xlsx', mimeType: 'application/octet-stream', buffer: file } },
  });
  expect(imported.status(), await imported.text()).toBe(200);

  streetUser = await account(server.pool, 'street', street.code, '街道办');
  const api = await apiAs(server.url, streetUser);
  // From the last full hour but one, so the slots read as announced ones do (08:00-10:00).
  const startsAt = new Date(Math.floor(Date.now() / 3600_000) * 3600_000 - 3600_000);
  const round = await api.post('/api/testing/rounds', {
    data: { number: 1, nodeIds: [community.id], startsAt: startsAt.toISOString(), name: `第一轮全员核酸检测（${tag}）` },
  });
  expect(round.status(), await round.text()).toBe(200);
  roundId = (await round.json()).id;
  const point = async (name: string, nodeId: number, communityIds: number[], posts: number, address: string) => {
    const res = await api.post('/api/testing/points', {
      data: { name, nodeId, address, opensAt: '07:00', closesAt: '19:00', posts, communityIds },
    });
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()).id as number;
  };
  const square = await point('光华社区广场采样点', community.id, [community.id], 2, '社区文化广场');
  await point('宇光社区活动中心采样点', neighbour.id, [neighbour.id, community.id], 1, '活动中心一楼');
  const at = (h: number) => new Date(startsAt.getTime() + h * 3600_000).toISOString();
  const slots = await api.post(`/api/testing/rounds/${roundId}/slots`, {
    data: {
      slots: [
        { pointId: square, communityId: community.id, startsAt: at(1), endsAt: at(3), note: '1-5栋' },
        { pointId: square, communityId: community.id, startsAt: at(3), endsAt: at(5), note: '6-10栋' },
        { pointId: square, communityId: community.id, startsAt: at(5), endsAt: at(6), note: '补采' },
      ],
    },
  });
  expect(slots.status(), await slots.text()).toBe(200);
  // Results of the round in the street: 400 tubes of 10, 6 positive (q = 1.5%, p̂ ≈ 0.15%).
  await server.pool.query(
    `INSERT INTO tubes (barcode, round_id, purpose, mode, capacity, size, terr_path, opened_scan, opened_at, closed_at, result)
     SELECT 'E2E' || md5(random()::text), $1, 'round', 'pool10', 10, 10, (SELECT path FROM territory_nodes WHERE id = $2),
            gen_random_uuid(), now(), now(), CASE WHEN g <= 6 THEN 'positive' ELSE 'negative' END
       FROM generate_series(1, 400) AS g`,
    [roundId, community.id],
  );
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('采样点 and 混采方案', () => {
  it("a street lists its points, changes one through the form, reads a round's slots and the planner's suggestion", async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
    await signIn(page, server.url, streetUser);
    await page.goto(`${server.url}/testing`);
    await page.getByRole('tab', { name: '采样点' }).click();
    const points = page.getByTestId('points-table');
    const square = points.locator('tr', { hasText: '光华社区广场采样点' });
    await square.waitFor();
    // The neighbour's point serves 光华社区 too: its residents may queue there.
    await points.locator('tr', { hasText: '宇光社区活动中心采样点' }).waitFor();
    await page.getByTestId('slots-table').getByText('6-10栋').waitFor();
    const plan = page.getByTestId('round-plan');
    await plan.getByText('应检人数').waitFor();
    await expect.poll(() => plan.innerText()).toContain('60');
    await expect.poll(() => plan.innerText()).toContain('满足时限');

    // The form opens with the point's values; three posts instead of two.
    await square.getByText('光华社区广场采样点').click();
    const modal = page.locator('.ant-modal');
    await modal.getByText('修改采样点').waitFor();
    await modal.getByLabel('采样台数').fill('3');
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('采样点已修改').waitFor();
    await expect.poll(() => square.innerText()).toMatch(/\b3\b/);
    await expect.poll(() => plan.innerText()).toMatch(/已设采样台\s*4/);

    // A slot's call widened to 6-12栋, and the 补采 slot cancelled.
    const slots = page.getByTestId('slots-table');
    await slots
      .locator('tr', { hasText: '6-10栋' })
      .getByRole('button', { name: /修\s*改/ })
      .click();
    const slotForm = page.locator('.ant-modal', { hasText: '修改采样时段' });
    await slotForm.getByLabel('说明').fill('6-12栋');
    await slotForm.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('时段已修改').waitFor();
    await slots.getByText('6-12栋').waitFor();
    await slots
      .locator('tr', { hasText: '补采' })
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await page.getByRole('button', { name: '取消时段' }).click();
    await page.getByText('时段已取消').waitFor();
    await expect.poll(() => slots.getByText('补采').count()).toBe(0);
    await settle(page);
    await page.screenshot({ path: shots('testing-points-1440'), fullPage: true });
    await page.close();
  });

  it('the city HQ reads the districts’ pool-positive rates, the estimated prevalence and the optimal pool, with the curve', async () => {
    const hq = await account(server.pool, 'city_hq', '230100', '市指挥部');
    const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
    await signIn(page, server.url, hq);
    await page.goto(`${server.url}/testing`);
    // The city HQ sets the planner's figures from the round's suggestion (and puts the defaults back after).
    await page.getByRole('tab', { name: '采样点' }).click();
    await page.getByRole('button', { name: '测算参数' }).click();
    const modal = page.locator('.ant-modal', { hasText: '每名采样人员每小时采样人数' });
    await expect.poll(() => modal.getByLabel('每名采样人员每小时采样人数').inputValue()).toBe('120');
    await modal.getByLabel('每名采样人员每小时采样人数').fill('100');
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('测算参数已保存').waitFor();
    await page.getByTestId('round-plan').getByText('每名采样人员每小时采样100人', { exact: false }).waitFor();
    const reset = await (await apiAs(server.url, hq)).put('/api/testing/planner', { data: DEFAULT_FIGURES });
    expect(reset.status()).toBe(200);
    await page.getByRole('tab', { name: '混采方案' }).click();
    const row = page.getByTestId('pool-plan-table').locator('tr', { hasText: '平房区' });
    await row.waitFor();
    await expect.poll(() => row.innerText()).toMatch(/混1/);
    await page.getByTestId('pool-curve').locator('canvas').waitFor();
    // A typed prevalence redraws the figures: at 5% Dorfman's optimum is 5混1 (0.4262 tests a person).
    await page.getByTestId('prevalence-input').fill('0.05');
    await page.getByTestId('prevalence-input').press('Tab');
    await page.getByText('最优 5混1').waitFor();
    await page.getByText('0.4262 次/人', { exact: false }).first().waitFor();
    await page.getByTestId('prevalence-input').fill('0.002');
    await page.getByTestId('prevalence-input').press('Tab');
    await settle(page);
    await page.screenshot({ path: shots('testing-pool-plan-1440'), fullPage: true });
    await page.close();
  });
});
