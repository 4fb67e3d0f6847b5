import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextForAccount } from '../src/modules/auth/actor';
import { buildCompound } from '../src/modules/risk/fixtures/compound';
import { coverageService } from '../src/modules/testing/coverage/service';
import { labTime, resultRow, resultsCsv, sampledTubes } from '../src/modules/testing/lab/fixtures';
import { roundsService } from '../src/modules/testing/rounds/service';
import { fixedClock } from '../src/server/clock';
import { createKit } from '../src/server/kit';
import { shots, startServer, streetCommunity } from './browser';
import { account, launch, settle, signIn } from './chromium';
import { correctInBrowser, correctionInAuditLog } from './health-code-steps';
import { signInCitizen } from './health-code-steps-citizen';

// The whole health code in one chain, on 2022-11-25 (the 20 measures in force: a missed round colours the code):
// a resident who missed round 3 sees yellow with the reason on their phone; a lab's file brings their round-4
// negative; the page turns green; a checkpoint's scan of their code passes; an administrator's correction shows
// in the audit log.
const clock = fixedClock('2022-11-25T20:00:00+08:00');
let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ clock }), launch()]);
});
afterAll(() => browser?.close().then(() => server?.close()));

async function world() {
  const pool = server.pool;
  const tag = randomUUID().slice(0, 6);
  const { node, community } = await streetCommunity(pool, tag);
  const h = { node, pool, clock } as unknown as Parameters<typeof buildCompound>[0];
  const built = await buildCompound(h, community.id, {
    name: `宇光小区${tag}`,
    buildings: [{ name: '1栋', units: [{ name: '1单元', households: [2, 2, 2, 2, 2, 1] }] }],
  });
  const kit = createKit(pool, clock);
  const hq = await contextForAccount(kit, await account(pool, 'city_hq', '230100', '市指挥部'), 'test');
  const venue = await pool.query(
    `INSERT INTO venues (code, name, kind, node_id, terr_path, rule, created_at)
     VALUES ($1, '宇光超市', 'supermarket', $2, $3, '{"green": true, "negativeWithinHours": 72}', now()) RETURNING code`,
    [`V${tag.toUpperCase()}CHAIN`, community.id, community.path],
  );
  return { h, hq, community, built, venueCode: venue.rows[0].code as string };
}

describe('the health code, end to end', () => {
  it('missed round → yellow with the reason; negative imported → green; venue scan passes; correction audited', async () => {
    // From the evening round 3 closes to the next morning's result: within the citizen's 12-hour session.
    clock.set('2022-11-25T20:00:00+08:00');
    const { h, hq, community, built, venueCode } = await world();
    const people = built.dwellers;
    const missed = people.at(-1) as (typeof people)[number];
    const idNumber = (await server.pool.query('SELECT id_number FROM people WHERE id = $1', [missed.id])).rows[0]
      .id_number as string;

    // Round 3: everyone sampled but one; the round is closed and the one who missed it turns yellow.
    const round3 = await roundsService.createRound(hq, {
      number: 3,
      nodeIds: [built.compound.id],
      startsAt: new Date(clock.now().getTime() - 6 * 3600_000).toISOString(),
      defaultMode: 'pool10',
    });
    await sampledTubes(h, round3.id, [people.slice(0, -1)], new Date(clock.now().getTime() - 5 * 3600_000));
    await coverageService.close(hq, round3.id);

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signInCitizen(phone, server.url, idNumber);
    await phone.getByTestId('citizen-colour').getByText('黄码').waitFor();
    await phone.getByTestId('citizen-reasons').getByText('未按要求参加第3轮全员核酸检测').waitFor();
    await phone.screenshot({ path: shots('chain-citizen-yellow-390'), fullPage: true });

    // The next morning they are sampled in round 4; the lab uploads its file: negative.
    clock.set('2022-11-26T07:40:00+08:00');
    const round4 = await roundsService.createRound(hq, {
      number: 4,
      nodeIds: [built.compound.id],
      startsAt: new Date(clock.now().getTime() - 3600_000).toISOString(),
      defaultMode: 'pool10',
    });
    const [tube] = await sampledTubes(h, round4.id, [[missed]], new Date('2022-11-26T07:00:00+08:00'));
    const lab = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(lab, server.url, await account(server.pool, 'lab', '230100', '第一检测实验室'));
    await lab.getByRole('menuitem', { name: '检测结果' }).click();
    await lab.locator('input[type=file]').setInputFiles({
      name: '检测结果.csv',
      mimeType: 'text/csv',
      buffer: resultsCsv([resultRow(tube?.barcode as string, '阴性', labTime(clock.now()))]),
    });
    await lab.getByText('共1行，录入结果1管').waitFor();
    await lab.getByRole('button', { name: '确认导入' }).click();
    await lab.getByText(/导入成功/).waitFor();

    await phone.reload();
    await phone.getByTestId('citizen-colour').getByText('绿码').waitFor();
    await phone.screenshot({ path: shots('chain-citizen-green-390'), fullPage: true });

    // A volunteer at the supermarket's door scans the code shown on the phone (the scanner types the QR's text).
    const token = await phone.evaluate(async () => {
      const r = await fetch('/api/healthcode/citizen/code');
      return ((await r.json()) as { token: string }).token;
    });
    const door = await browser.newPage({ viewport: { width: 390, height: 844 } });
    // The checkpoint's phone keeps the server's day: a scan carries the phone's time, and the server refuses one
    // ahead of its own clock.
    await door.clock.setFixedTime(clock.now());
    await signIn(door, server.url, await account(server.pool, 'volunteer', community.code, '超市门口志愿者'));
    await door.goto(`${server.url}/checkpoint`);
    await door.getByLabel('场所码').fill(venueCode);
    await door.getByRole('button', { name: '打开核验点' }).click();
    await door.getByLabel('扫描健康码').fill(token);
    await door.getByLabel('扫描健康码').press('Enter');
    await door.getByTestId('verdict').getByText('通行').waitFor();
    expect(await door.getByTestId('verdict').textContent()).toContain('绿码');
    await settle(door, 300);
    await door.screenshot({ path: shots('chain-checkpoint-pass-390'), fullPage: true });
    const stored = await server.pool.query(
      'SELECT pass FROM venue_scans s JOIN venues v ON v.id = s.venue_id WHERE v.code = $1 AND s.person_id = $2',
      [venueCode, missed.id],
    );
    expect(stored.rows).toEqual([{ pass: true }]);

    // The community's administrator corrects the code (refused the investigation); the audit log shows it.
    const adminName = await account(server.pool, 'community', community.code, '健康码管理员');
    const desk = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(desk, server.url, adminName);
    const said = await correctInBrowser(desk, { idNumber, colour: '黄码', reason: '拒不配合流行病学调查（链路测试）' });
    expect(said).toContain('已生效');
    const auditor = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(auditor, server.url, await account(server.pool, 'admin', '230100', '审计管理员'));
    const line = await correctionInAuditLog(auditor, adminName, /绿码→黄码/);
    expect(line).toContain('拒不配合流行病学调查（链路测试）');
    await auditor.screenshot({ path: shots('chain-audit-1440') });
    await phone.reload();
    await phone.getByTestId('citizen-colour').getByText('黄码').waitFor();
  });
});
