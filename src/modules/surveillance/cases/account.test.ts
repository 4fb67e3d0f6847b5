import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDay } from '../../../test/fresh-day';
import { harness } from '../../../test/harness';

let h: Awaited<ReturnType<typeof harness>>;
let cdc: { cookie: string };
let district: number;
// A day of this file's own, so the positives numbered on it meet no other file's.
const day = freshDay();
const md = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8))}日`;
const daysBefore = (n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  h = await harness();
  cdc = await h.login('cdc', '230100');
  district = Number((await h.pool.query("SELECT id FROM territory_nodes WHERE depth = 1 AND name = '南岗区'")).rows[0].id);
});
afterAll(() => h.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  h.app.inject({ method, url, payload, headers: { cookie: cdc.cookie } });

const account = {
  notifiedOn: daysBefore(1),
  arrival: { date: daysBefore(2), from: '首尔', flight: 'KE5833', port: '哈尔滨太平国际机场' },
  closedLoopTransfer: true,
  noOtherTrajectory: true,
  contactOfElsewhere: { place: '大连市', kind: 'confirmed' },
  text: '其同行人员均已落实集中隔离。',
};

describe('the epidemiological account of a positive (流调信息)', () => {
  let id: number;

  it('is registered with the case and returned in its detail', async () => {
    const res = await call('POST', '/api/surveillance/positives', {
      reportDate: day,
      reportHour: 9,
      kind: 'asymptomatic',
      source: 'imported',
      districtId: district,
      channel: '在隔离医学观察期间核酸检测发现',
      account,
    });
    expect(res.statusCode).toBe(200);
    id = res.json().id;
    const detail = (await call('GET', `/api/surveillance/positives/${id}`)).json();
    expect(detail.account).toEqual(account);
  });

  it('is said by the bulletin previewed from the records', async () => {
    const { text } = (await call('POST', '/api/surveillance/bulletins/preview', { date: day, template: '2021-daily' })).json();
    expect(text).toContain(
      `上述新增无症状感染者系大连市确诊病例的密切接触者，${md(account.notifiedOn)}接到协查通知，` +
        `${md(account.arrival.date)}自首尔乘坐KE5833航班经哈尔滨太平国际机场入境，入境后即被手递手转运至集中隔离点，无其他活动轨迹，` +
        '在隔离医学观察期间核酸检测发现',
    );
    expect(text).toContain('其同行人员均已落实集中隔离。');
  });

  it('is replaced as the tracing completes, and the preview follows', async () => {
    const edited = { arrival: { date: daysBefore(2) }, text: '其10月29日曾在道里区某农贸市场购物。' };
    expect((await call('PUT', `/api/surveillance/positives/${id}/account`, edited)).statusCode).toBe(200);
    const detail = (await call('GET', `/api/surveillance/positives/${id}`)).json();
    expect(detail.account).toEqual({ ...edited, closedLoopTransfer: false, noOtherTrajectory: false });
    const { text } = (await call('POST', '/api/surveillance/bulletins/preview', { date: day, template: '2021-daily' })).json();
    expect(text).toContain(`上述新增无症状感染者${md(daysBefore(2))}抵哈，在隔离医学观察期间核酸检测发现`);
    expect(text).toContain('其10月29日曾在道里区某农贸市场购物。');
    expect(text).not.toContain('协查通知');
  });

  it('refuses a bad field by name and a positive outside reach', async () => {
    const bad = await call('PUT', `/api/surveillance/positives/${id}/account`, { notifiedOn: '2021-02-30', text: 'a\u0000b' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('notifiedOn');
    const missing = await call('PUT', '/api/surveillance/positives/2147483000/account', {});
    expect(missing.statusCode).toBe(404);
  });
});
