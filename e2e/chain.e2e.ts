import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shots, startServer } from './browser';
import { chainFixture } from './chain-fixture';
import { account, launch, signIn } from './chromium';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let user: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  user = await account(server.pool, 'cdc', '230100', '市疾控流调员');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const graph = (page: Page) => page.locator('[data-testid="chain-graph"][data-drawn-ms]');

/** Opens a cluster's chain graph and waits until it is drawn. */
async function openChain(page: Page, cluster: string) {
  await page.goto(`${server.url}/clusters`);
  await page.getByRole('cell', { name: cluster, exact: true }).click();
  await graph(page).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(300);
}

/** Clicks the first drawn node matching a Cytoscape selector where it is on screen, as a person does. */
async function clickNode(page: Page, selector: string) {
  const el = page.getByTestId('chain-graph');
  const at = await el.evaluate((div, sel) => {
    type Box = { x1: number; x2: number; y1: number; y2: number };
    type Node = { renderedBoundingBox: () => Box; data: () => { id: string; label: string } };
    type Cy = { nodes: (s: string) => { first: () => Node }; center: (n: Node) => void };
    const { cy } = div as unknown as { cy: Cy };
    const n = cy.nodes(sel).first();
    const middle = () => {
      const b = n.renderedBoundingBox();
      return { x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2 };
    };
    // Brought into view first, as a person pans to what they look for.
    const { x, y } = middle();
    if (x < 0 || y < 0 || x > div.clientWidth || y > div.clientHeight) cy.center(n);
    // The node's data has its model x and y: the rendered middle goes last.
    return { ...n.data(), ...middle() };
  }, selector);
  const box = await el.boundingBox();
  if (!box) throw new Error('the chain graph is not on screen');
  await page.mouse.click(box.x + at.x, box.y + at.y);
  return at;
}

describe('the chain graph', () => {
  it('draws 140 people as a layered tree, opens a record on click and a folded group on click', async () => {
    const chain = await chainFixture(
      server.pool,
      12,
      (i) => 6 + (i % 4),
      (j) => (j % 5 === 0 ? 2 : 0),
    );
    expect(chain.nodes).toBeGreaterThanOrEqual(135);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url, user);
    // Signed in (the login page's own 401 is expected), no console error while the graph is used.
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await openChain(page, chain.cluster);
    await page.getByText(`共${chain.nodes}个节点`).waitFor();
    await page.screenshot({ path: shots('chain-140-1440') });

    // A case: its record from the cases API, with a link to its detail.
    const root = await clickNode(page, `[id = "p${chain.ids[0]}"]`);
    const record = page.getByTestId('chain-record');
    await record.getByText(chain.day).waitFor();
    expect(await record.getByRole('link', { name: '查看病例详情' }).getAttribute('href')).toBe(`/cases?id=${chain.ids[0]}`);
    await page.screenshot({ path: shots('chain-140-record-1440') });
    await page.locator('.ant-drawer-close').click();

    // A folded "+N 次密接" opens into its people; a contact shows its status.
    const before = Number(await graph(page).getAttribute('data-drawn-nodes'));
    await clickNode(page, '[kind = "group"]');
    await expect.poll(async () => Number(await graph(page).getAttribute('data-drawn-nodes'))).toBeGreaterThan(before);
    const contact = await clickNode(page, '[kind = "secondary"]');
    await record.getByText('密接的密接').waitFor();
    await page.locator('.ant-drawer-title', { hasText: contact.label }).waitFor();
    expect(root.label).toContain('无症状');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps 2,000 people readable: folded fans, a layout off the page thread, search that finds and centres', async () => {
    const chain = await chainFixture(
      server.pool,
      64,
      (i) => 3 + ((i * 7) % 38),
      (j) => (j % 5 === 0 ? 2 : 0),
    );
    expect(chain.nodes).toBeGreaterThanOrEqual(1950);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url, user);
    await openChain(page, chain.cluster);
    console.log(
      'chain of',
      chain.nodes,
      'people: layout',
      await graph(page).getAttribute('data-layout-ms'),
      'ms in the worker,',
      await graph(page).getAttribute('data-drawn-nodes'),
      'nodes drawn, mount to drawn',
      await graph(page).getAttribute('data-drawn-ms'),
      'ms',
    );
    await page.screenshot({ path: shots('chain-2000-1440') });
    await page.getByRole('button', { name: '适应画布' }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: shots('chain-2000-fit-1440') });

    // A contact of a contact inside a folded fan: the search opens the groups above it, centres it, shows it.
    const secondary = await server.pool.query(
      `SELECT c.name FROM contacts c JOIN contacts s ON s.id = c.source_contact_id
        WHERE s.source_positive_id = ANY($1) ORDER BY c.id DESC LIMIT 1`,
      [chain.ids],
    );
    const name = secondary.rows[0].name as string;
    await page.getByTestId('chain-search').locator('input').fill(name);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `${name}（次密接，来自` })
      .first()
      .click();
    await page.getByTestId('chain-record').getByText('密接的密接').waitFor();
    await expect
      .poll(() =>
        page
          .getByTestId('chain-graph')
          .evaluate((div) => (div as unknown as { cy: { $: (s: string) => { length: number } } }).cy.$('node.found').length),
      )
      .toBe(1);
    await page.screenshot({ path: shots('chain-2000-found-1440') });
    await page.close();
  });

  it('fits a phone at 390 px', async () => {
    const chain = await chainFixture(
      server.pool,
      12,
      (i) => 6 + (i % 4),
      (j) => (j % 5 === 0 ? 2 : 0),
    );
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(page, server.url, user);
    await openChain(page, chain.cluster);
    await page.getByTestId('chain-graph').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shots('chain-140-390') });
    await page.close();
  });
});
