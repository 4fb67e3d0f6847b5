import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDay } from '../../../test/fresh-day';
import { harness } from '../../../test/harness';

let h: Awaited<ReturnType<typeof harness>>;
let cdc: { cookie: string };
const day = freshDay();
const dayBefore = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  h = await harness();
  cdc = await h.login('cdc', '230100');
  const district = (await h.pool.query("SELECT id FROM territory_nodes WHERE name = '呼兰区'")).rows[0].id;
  for (const kind of ['confirmed', 'confirmed', 'asymptomatic'])
    await h.app.inject({
      method: 'POST',
      url: '/api/surveillance/positives',
      headers: { cookie: cdc.cookie },
      payload: { reportDate: day, reportHour: 10, kind, districtId: Number(district), channel: '社区筛查发现' },
    });
});
afterAll(() => h.close());

describe('new positives per day (每日新增)', () => {
  it('counts each kind per report day, a day without positives as zeros', async () => {
    const res = await h.app.inject({
      url: `/api/surveillance/positives/daily?days=2&to=${day}`,
      headers: { cookie: cdc.cookie },
    });
    expect(res.json().items).toEqual([
      { date: dayBefore, confirmed: 0, asymptomatic: 0 },
      { date: day, confirmed: 2, asymptomatic: 1 },
    ]);
  });

  it('ends on the latest report day in scope by default, and is empty for a scope without positives', async () => {
    const w = await h.world();
    const street = await h.login('district', w.street.code);
    const none = await h.app.inject({ url: '/api/surveillance/positives/daily', headers: { cookie: street.cookie } });
    expect(none.json().items).toEqual([]);
    const all = (await h.app.inject({ url: '/api/surveillance/positives/daily?days=7', headers: { cookie: cdc.cookie } })).json();
    expect(all.items).toHaveLength(7);
  });
});
