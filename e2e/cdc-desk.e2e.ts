import { randomUUID } from 'node:crypto';
import dayjs from 'dayjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../src/modules/people/rules';
import { freshDay } from '../src/test/fresh-day';
import { addNode, shots, startServer } from './browser';
import { account, apiAs, approveAndPublish, dismiss, launch, signIn } from './chromium';
import { typeDate } from './pickers';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let page: Page;
let user: string;
let reviewer: string;
const tag = randomUUID().slice(0, 6);

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  user = await account(server.pool, 'cdc', '230100', '市疾控值班员');
  reviewer = await account(server.pool, 'cdc', '230100', '市疾控审核员');
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await signIn(page, server.url, user);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Types an ISO day into the DatePicker of a form field and confirms it. */
async function pickDay(id: string, day: string) {
  await typeDate(page.locator(`#${id}`), day);
}

describe('the city CDC desk', () => {
  it('drafts an urgent reminder, previews it in the official wording and publishes it', async () => {
    const day = (back: number) => dayjs().subtract(back, 'day');
    await page.getByRole('menuitem', { name: '紧急提醒' }).click();
    await page.getByTestId('reminder-form').waitFor();
    // Regions carried over from an earlier reminder go; this one names its own.
    for (let n = await page.getByTestId('reportDuty-row').count(); n > 0; n--)
      await page.getByTestId('reportDuty-row').first().getByLabel('删除').click();

    await page.getByTestId('add-riskAreaChanges').click();
    await page.locator('#riskAreaChanges_0_province').fill('河北省');
    await page.locator('#riskAreaChanges_0_city').fill('石家庄市');
    await page.locator('#riskAreaChanges_0_county').fill('藁城区');
    await page.locator('#riskAreaChanges_0_place').fill('增村镇小果庄村');
    await page.locator('#riskAreaChanges_0_level').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '高风险地区' }).click();
    await pickDay('riskAreaChanges_0_effectiveFrom', day(1).format('YYYY-MM-DD'));

    await page.getByTestId('add-caseReports').click();
    await page.locator('#caseReports_0_city').fill('石家庄市');
    await page.locator('#caseReports_0_county').fill('藁城区');
    await pickDay('caseReports_0_date', day(1).format('YYYY-MM-DD'));
    await page.locator('#caseReports_0_confirmed').fill('2');

    await page.getByTestId('add-reportDuty').click();
    await page.locator('#reportDuty_0_city').fill('石家庄市');
    await page.locator('#reportDuty_0_county').fill('藁城区');
    await pickDay('reportDuty_0_since', day(13).format('YYYY-MM-DD'));

    await page.getByTestId('preview').click();
    const text = page.getByTestId('reminder-text');
    await expect.poll(() => text.inputValue()).toContain('紧急提醒');
    const body = await text.inputValue();
    const md = (d: dayjs.Dayjs) => `${d.month() + 1}月${d.date()}日`;
    expect(body).toContain(`自${md(day(1))}起，河北省石家庄市藁城区增村镇小果庄村调整为高风险地区。`);
    expect(body).toContain(`${md(day(1))}，石家庄市藁城区报告2例新冠肺炎确诊病例。`);
    expect(body).toContain(`一、请${md(day(13))}以来到过石家庄市藁城区，以及有过其他中高风险地区旅居史`);
    // Today's reminder may already be out (the test database outlives runs): a new version then says why.
    if (await page.getByTestId('correction-reason').count())
      await page.getByTestId('correction-reason').fill('端到端测试重新发布');
    await page.getByTestId('submit-draft').click();
    const submitted =
      "SELECT id FROM reminders WHERE issued_on = $1 AND state = 'submitted' AND drafted_by = (SELECT id FROM users WHERE username = $2)";
    await expect.poll(async () => (await server.pool.query(submitted, [day(0).format('YYYY-MM-DD'), user])).rows).toHaveLength(1);
    const draft = Number((await server.pool.query(submitted, [day(0).format('YYYY-MM-DD'), user])).rows[0].id);
    await approveAndPublish(await apiAs(server.url, reviewer), '/api/surveillance/reminders', draft);
    await page.reload();
    await page.getByTestId(`state-${draft}`).filter({ hasText: '已发布' }).waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: shots('reminder'), fullPage: true });
    const stored = await server.pool.query(
      'SELECT body FROM reminders WHERE issued_on = $1 ORDER BY version DESC NULLS LAST LIMIT 1',
      [day(0).format('YYYY-MM-DD')],
    );
    expect(stored.rows[0].body).toBe(body);
  });

  it('adds a detection channel and retires it', async () => {
    const name = `测试${tag}筛查发现`;
    await page.getByRole('menuitem', { name: '发现途径' }).click();
    await page.getByLabel('途径').fill(name);
    await page.getByRole('button', { name: /新\s*增/ }).click();
    await page.getByText(`已新增发现途径：${name}`).waitFor();
    await page.getByLabel(`${name}启用`).click();
    await page
      .getByRole('row', { name: new RegExp(name) })
      .getByText('已停用')
      .waitFor();
    const row = await server.pool.query('SELECT active FROM detection_channels WHERE name = $1', [name]);
    expect(row.rows).toEqual([{ active: false }]);
    await page.screenshot({ path: shots('channels'), fullPage: true });
  });

  it('edits the trajectory of a published case', async () => {
    const reportDate = freshDay();
    const district = (await server.pool.query("SELECT id FROM territory_nodes WHERE name = '道里区'")).rows[0].id;
    const market = await addNode(server.pool, '230102', 'place', `红专街早市${tag}`, {
      address: '道里区红专街120号',
      placeKind: 'market',
    });
    const created = await page.request.post(`${server.url}/api/surveillance/positives`, {
      data: {
        reportDate,
        reportHour: 9,
        kind: 'asymptomatic',
        districtId: Number(district),
        channel: '社区筛查发现',
        residence: `道里区测试小区${tag}`,
        trajectory: [
          { day: reportDate, times: [{ from: '08:00', to: '09:30' }], stop: { type: 'place', name: '道里区中央大街' } },
        ],
      },
    });
    expect(created.status()).toBe(200);
    await page.getByRole('menuitem', { name: '病例' }).click();
    await typeDate(page.locator('.ant-card .ant-picker input').first(), reportDate);
    await page.getByRole('cell', { name: `道里区测试小区${tag}` }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('社区筛查发现').waitFor();
    await drawer.getByTestId('edit-trajectory').click();
    await drawer.locator('#trajectory_0_name').waitFor();
    await expect.poll(() => drawer.locator('#trajectory_0_name').inputValue()).toBe('道里区中央大街');
    await drawer.locator('#trajectory_0_name').fill('道里区索菲亚教堂广场');
    await drawer.getByTestId('add-trajectory').click();
    await pickDay('trajectory_1_day', reportDate);
    await drawer.locator('#trajectory_1_from').fill('12:15');
    // The second stop is a registered place: typing finds it, choosing it links the stop and fills the address.
    await drawer.locator('#trajectory_1_name').fill(`红专街早市${tag}`);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '道里区红专街120号' }).click();
    await expect.poll(() => drawer.locator('#trajectory_1_extra').inputValue()).toBe('道里区红专街120号');
    await page.waitForTimeout(300);
    await page.screenshot({ path: shots('trajectory-edit') });
    await drawer.getByTestId('save-trajectory').click();
    await page.getByText('活动轨迹已更新', { exact: false }).waitFor();
    const detail = await (await page.request.get(`${server.url}/api/surveillance/positives/${(await created.json()).id}`)).json();
    expect(
      detail.trajectory.map((e: { stop: { name: string }; placeNodeId: number | null }) => [e.stop.name, e.placeNodeId]),
    ).toEqual([
      ['道里区索菲亚教堂广场', null],
      [`红专街早市${tag}`, market.id],
    ]);
    await dismiss(page);

    // The new-case form links a resident of the ledger by ID number; a malformed one is refused on the spot.
    await page.getByTestId('new-case').click();
    const form = page.getByRole('dialog').filter({ hasText: '登记阳性感染者' });
    await form.getByLabel('身份证号').fill('23010319900101');
    await form.getByLabel('现住址').click();
    await form.getByText('身份证号应为18位（末位可为X）').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: shots('new-case') });

    // Typed in full-width digits, a valid ID number passes the form's own check (normalised as the server does);
    // it names nobody of the ledger, so the server refuses it, and its message lands on the field by its label.
    const nobody = makeIdNumber('230103', '1990-01-01', Number.parseInt(tag, 16) % 1000);
    const fullWidth = [...nobody].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    await form.getByLabel('身份证号').fill(fullWidth);
    await expect.poll(() => form.getByLabel('身份证号').inputValue()).toBe(nobody);
    for (const [label, value] of [
      ['区县', '道里区'],
      ['发现途径', '社区筛查发现'],
    ]) {
      await form
        .locator('.ant-form-item')
        .filter({ has: page.getByLabel(label as string, { exact: true }) })
        .locator('.ant-select')
        .first()
        .click();
      await page.keyboard.type(value as string);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: value }).first().click();
    }
    await page.getByTestId('save-case').click();
    await form.locator('.ant-form-item-has-error').filter({ hasText: '您辖区的居民台账中没有此人' }).waitFor();
    await page.getByText('身份证号：您辖区的居民台账中没有此人').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: shots('case-form-field-error') });
  });
});
