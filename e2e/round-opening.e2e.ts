import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshId } from '../src/test/ledger-file';
import { addNode, startServer } from './browser';
import { account, apiAs, launch, settle, signIn } from './chromium';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
});
afterAll(() => browser?.close().then(() => server?.close()));

describe('a round opening over a large area', () => {
  it('shows 生成应检名单 with the count copied so far, and 进行中 once its target is whole', async () => {
    const tag = randomUUID().slice(0, 4);
    const street = await addNode(server.pool, '230108', 'street', `开轮测试街道${tag}`);
    const c = await addNode(server.pool, street.code, 'community', `建设社区${tag}`);
    const compound = await addNode(server.pool, c.code, 'compound', '建设家园');
    const building = await addNode(server.pool, compound.code, 'building', '1栋');
    const unit = await addNode(server.pool, building.code, 'unit', '1单元');
    for (const room of ['101', '102', '201', '202']) {
      const h = await addNode(server.pool, unit.code, 'household', room);
      await server.pool.query(
        `INSERT INTO people (id_number, name, sex, birth_date, household_id, terr_path)
         SELECT x, '李秀英', 'F', '1980-01-01', $2, (SELECT path FROM territory_nodes WHERE id = $2) FROM unnest($1::text[]) x`,
        [[freshId(), freshId(), freshId()], h.id],
      );
    }
    const username = await account(server.pool, 'street', street.code, '街道指挥部');
    const api = await apiAs(server.url, username);
    const res = await api.post('/api/testing/rounds', {
      data: { number: 5, nodeIds: [street.id], startsAt: new Date().toISOString() },
    });
    expect(res.status()).toBe(200);
    const made = await res.json();
    expect(made).toMatchObject({ target: 12, status: 'open' });
    // As a city's round stands minutes into its copy: 5 of 12 copied, the rest still to come.
    await server.pool.query(`UPDATE testing_rounds SET status = 'opening', target_copied = 5, opened_at = NULL WHERE id = $1`, [
      made.id,
    ]);

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url, username);
    await page.goto(`${server.url}/testing`);
    const opening = page.getByTestId('round-opening');
    await opening.getByText('生成应检名单').waitFor();
    await opening.getByText('5人').waitFor();
    await settle(page);
    await page.screenshot({ path: 'docs/screenshots/testing-round-opening-1440.png', fullPage: true });
    const refused = await api.post(`/api/testing/rounds/${made.id}/close`);
    expect(refused.status()).toBe(409);

    await server.pool.query(`UPDATE testing_rounds SET status = 'open', target_copied = 12, opened_at = now() WHERE id = $1`, [
      made.id,
    ]);
    // The tab polls a round still opening: it turns 进行中 by itself.
    await page.getByText('进行中').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('round-opening').count()).toBe(0);
  });
});
