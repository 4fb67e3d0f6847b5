import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../src/kit/context';
import * as reason from '../src/modules/healthcode/colours/reasons';
import { coloursService } from '../src/modules/healthcode/colours/service';
import { buildCompound } from '../src/modules/risk/fixtures/compound';
import { systemClock } from '../src/server/clock';
import { createKit } from '../src/server/kit';
import { addNode, shots, startServer } from './browser';
import { account, dismiss, launch, signIn } from './chromium';
import { approveInBrowser, cardColour, correctInBrowser, correctionInAuditLog, lookUpPerson } from './health-code-steps';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let people: { id: number; path: string; idNumber: string }[];
let community: { id: number; code: string };

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  // A community of 平房区 with a compound; its first residents are close contacts quarantined at home (黄码 under
  // every edition, the 10 measures too, which the real clock is under).
  const tag = randomUUID().slice(0, 6);
  const district = (await server.pool.query("SELECT code FROM territory_nodes WHERE name = '平房区'")).rows[0].code;
  const street = await addNode(server.pool, district, 'street', `友协街道${tag}`);
  community = await addNode(server.pool, street.code, 'community', `新疆社区${tag}`);
  const node = async (parentId: number, type: string, name: string) =>
    (
      await server.pool.query(
        `INSERT INTO territory_nodes (id, parent_id, code, name, type, depth, path)
         SELECT n.id, p.id, 'E2E-' || n.id, $3, $2, p.depth + 1, p.path || n.id || '/'
           FROM territory_nodes p, (SELECT nextval('territory_nodes_id_seq') AS id) n WHERE p.id = $1
         RETURNING id, code, path, name`,
        [parentId, type, name],
      )
    ).rows[0];
  const h = { node, pool: server.pool } as unknown as Parameters<typeof buildCompound>[0];
  const built = await buildCompound(h, community.id, {
    name: `宇光小区${tag}`,
    buildings: [{ name: '1栋', units: [{ name: '1单元', households: [2, 1] }] }],
  });
  const names = ['王秀英', '李建国', '张丽华'];
  people = [];
  for (const [i, d] of built.dwellers.entries()) {
    const r = await server.pool.query('UPDATE people SET name = $2 WHERE id = $1 RETURNING id_number', [d.id, names[i]]);
    people.push({ ...d, idNumber: r.rows[0].id_number });
  }
  const kit = createKit(server.pool, systemClock);
  await coloursService.recordFacts(
    system(kit),
    people.slice(0, 2).map((p) => ({
      personId: p.id,
      terrPath: p.path,
      kind: 'close_contact_home' as const,
      source: `contact:e2e-${tag}`,
      reason: reason.contact('close', 'home'),
      since: new Date(Date.now() - 3_600_000),
      until: null,
    })),
    'e2e',
  );
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('健康码管理', () => {
  let worker: string;

  it('the community’s administrator looks a person up, sees 黄码 with its reason, and corrects it to 绿码', async () => {
    worker = await account(server.pool, 'community', community.code, '新疆社区健康码管理员');
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url, worker);
    const p = people[0] as (typeof people)[number];
    const card = await lookUpPerson(page, p.idNumber);
    expect(await cardColour(page)).toBe('黄码');
    await card.getByTestId('reasons').getByText('密切接触者（居家隔离期间）').waitFor();
    await card.getByText(p.idNumber).waitFor();
    await page.screenshot({ path: shots('health-codes-person'), fullPage: true });
    await page.getByTestId('open-correct').click();
    const drawer = page.getByTestId('correct-drawer');
    await drawer.getByTestId('correct-colour').getByText('红码', { exact: true }).click();
    // A change to red says it waits for the CDC's second person.
    await drawer.getByText('赋红码须经疾控另一人审核后才生效').waitFor();
    await page.waitForTimeout(400); // the drawer's slide-in
    await page.screenshot({ path: shots('health-codes-drawer') });
    await dismiss(page);
    const said = await correctInBrowser(page, { idNumber: p.idNumber, colour: '绿码', reason: '已解除居家隔离，核实无误' });
    expect(said).toContain('已生效');
    expect(await cardColour(page)).toBe('绿码');
    await page.getByTestId('reasons').getByText('健康码管理员更正：已解除居家隔离，核实无误').waitFor();
    const db = await server.pool.query('SELECT colour FROM health_codes WHERE person_id = $1', [p.id]);
    expect(db.rows[0].colour).toBe('green');
    await page.close();
  });

  it('the correction appears in the admin’s 审计日志 with the before and after', async () => {
    const admin = await account(server.pool, 'admin', '230100', '系统管理员');
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url, admin);
    const text = await correctionInAuditLog(
      page,
      worker,
      /^更正健康码#\d+（黄码→绿码）：王秀英，原因：已解除居家隔离，核实无误，已生效$/,
    );
    expect(text).toContain('黄码→绿码');
    await page.screenshot({ path: shots('health-codes-audit'), fullPage: true });
    await page.close();
  });

  it('a correction to 红码 stays pending until a second person of the CDC approves it', async () => {
    const p = people[1] as (typeof people)[number];
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url, worker);
    const said = await correctInBrowser(page, { idNumber: p.idNumber, colour: '红码', reason: `流调核实为密接-${p.id}` });
    expect(said).toContain('待疾控另一人审核');
    expect(await cardColour(page)).toBe('黄码');
    await page.getByTestId('corrections').getByText('待疾控审核').first().waitFor();
    await page.close();

    const cdc = await account(server.pool, 'cdc', '230100', '市疾控审核员');
    const desk = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(desk, server.url, cdc);
    await desk.getByRole('menuitem', { name: '健康码管理' }).click();
    await desk
      .getByTestId('corrections')
      .locator('tr')
      .filter({ hasText: `流调核实为密接-${p.id}` })
      .waitFor();
    await desk.screenshot({ path: shots('health-codes-pending'), fullPage: true });
    await approveInBrowser(desk, `流调核实为密接-${p.id}`);
    await lookUpPerson(desk, p.idNumber);
    expect(await cardColour(desk)).toBe('红码');
    await desk.screenshot({ path: shots('health-codes-approved'), fullPage: true });
    await desk.close();
  });
});
