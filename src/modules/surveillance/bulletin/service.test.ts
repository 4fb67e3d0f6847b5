import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDay } from '../../../test/fresh-day';
import { harness } from '../../../test/harness';

// The preview as built from records: a district account's bulletin is the district's own, and a stop at a
// registered place prints the place's address.

let h: Awaited<ReturnType<typeof harness>>;
let cdc: { cookie: string };
const day = freshDay();
const md = `${Number(day.slice(5, 7))}月${Number(day.slice(8))}日`;

const post = (url: string, payload: unknown, cookie = cdc.cookie) =>
  h.app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie } });

beforeAll(async () => {
  h = await harness();
  cdc = await h.login('cdc', '230100');
  const districts = Object.fromEntries(
    (await h.pool.query('SELECT name, id FROM territory_nodes WHERE depth = 1')).rows.map((r) => [r.name, Number(r.id)]),
  );
  const street = await h.node(districts.南岗区, 'street', `测试街道${h.tag}`);
  const shop = await h.node(street.id, 'place', `测试超市${h.tag}`);
  await h.pool.query("UPDATE territory_nodes SET address = '南岗区测试路12号' WHERE id = $1", [shop.id]);
  const positive = (district: string, trajectory: unknown[]) => ({
    reportDate: day,
    reportHour: 9,
    kind: 'confirmed',
    severity: 'mild',
    districtId: districts[district],
    channel: '隔离管控人员中发现',
    trajectory,
  });
  const visit = { day, times: [{ at: '08:40' }], stop: { type: 'place', name: shop.name }, placeNodeId: shop.id };
  for (const p of [positive('南岗区', [visit]), positive('道里区', [])])
    expect((await post('/api/surveillance/positives', p)).statusCode).toBe(200);
});
afterAll(() => h.close());

describe('bulletin preview', () => {
  it('prints the address of a registered place a case visited', async () => {
    const { text } = (await post('/api/surveillance/bulletins/preview', { date: day, template: '2022-channels' })).json();
    expect(text).toContain(`08:40 测试超市${h.tag}(南岗区测试路12号)`);
  });

  it("gives a district account the district's own title, figures and issuer", async () => {
    const nangang = await h.login('cdc', '230103');
    const res = await post('/api/surveillance/bulletins/preview', { date: day, template: '2021-daily' }, nangang.cookie);
    const text: string = res.json().text;
    expect(text.split('\n\n').slice(0, 2)).toEqual([
      `南岗区${md}0—24时疫情通报`,
      `${md}0—24时，南岗区新增本土新冠肺炎确诊病例1例，在南岗区；无新增本土无症状感染者。`,
    ]);
    expect(text).not.toContain('哈尔滨市');
    expect(text).toMatch(/南岗区卫健委\n\d+年\d+月\d+日$/);
  });

  it('lists the layouts with their labels, and previews a house style with the totals the CDC gives', async () => {
    const layouts = (await h.app.inject({ url: '/api/surveillance/bulletins/layouts', headers: { cookie: cdc.cookie } })).json();
    expect(layouts.items.slice(0, 2)).toEqual([
      { name: '2021-daily', label: '2021 每日通报（卫健委）' },
      { name: '2022-channels', label: '2022 信息及活动轨迹（疾控）' },
    ]);
    const res = await post('/api/surveillance/bulletins/preview', {
      date: day,
      template: '2022-daily-total-first',
      outbreak: { since: day, confirmed: 2 },
      recoveries: [{ district: '南岗区', count: 1 }],
    });
    const text: string = res.json().text;
    expect(text).toContain('当日治愈出院确诊病例1例，在南岗区。');
    expect(text).toContain(`自${md}本轮疫情首例病例报告以来，哈尔滨市累计报告本土确诊病例2例。`);
    expect(text).toContain('其中新增本土确诊病例2例，南岗区1例、道里区1例；隔离管控人员中发现2例。');
  });

  it('titles the city-wide bulletin with the city over all districts', async () => {
    const { text } = (await post('/api/surveillance/bulletins/preview', { date: day, template: '2021-daily' })).json();
    expect(text.split('\n\n')[1]).toBe(
      `${md}0—24时，哈尔滨市新增本土新冠肺炎确诊病例2例，其中南岗区1例、道里区1例；无新增本土无症状感染者。`,
    );
  });
});
