import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDay } from '../../../test/fresh-day';
import { harness } from '../../../test/harness';

let h: Awaited<ReturnType<typeof harness>>;
let w: Awaited<ReturnType<Awaited<ReturnType<typeof harness>>['world']>>;
let shop: { id: number; name: string };
const day = freshDay();

beforeAll(async () => {
  h = await harness();
  w = await h.world();
  shop = await h.node(w.a.id, 'place', `甲社区便民超市${h.tag}`);
  const cdc = await h.login('cdc', '230100');
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/surveillance/positives',
    headers: { cookie: cdc.cookie },
    payload: {
      reportDate: day,
      reportHour: 8,
      kind: 'asymptomatic',
      districtId: w.district,
      channel: '社区筛查发现',
      trajectory: [
        { day, times: [{ at: '09:10' }], stop: { type: 'place', name: shop.name }, placeNodeId: shop.id },
        { day, times: [{ at: '11:00' }], stop: { type: 'place', name: `未登记的小饭店${h.tag}` } },
      ],
    },
  });
  expect(res.statusCode).toBe(200);
});
afterAll(() => h.close());

const tasks = async (cookie: string, status = 'open') =>
  (await h.app.inject({ url: `/api/surveillance/place-tasks?status=${status}`, headers: { cookie } })).json();

describe('disinfection and closure tasks (终末消毒, 封闭管理) of the places a case visited', () => {
  it('are listed to the community of a registered place, and to nobody below the district otherwise', async () => {
    const a = await h.login('community', w.a.code);
    const b = await h.login('community', w.b.code);
    const mine = await tasks(a.cookie);
    expect(mine.items.map((t: { place: string; task: string }) => `${t.place} ${t.task}`).sort()).toEqual([
      `${shop.name} closure`,
      `${shop.name} disinfection`,
    ]);
    expect(mine.items[0]).toMatchObject({ district: '平房区', positive: { date: day, kind: 'asymptomatic', number: 1 } });
    expect((await tasks(b.cookie)).total).toBe(0);
    const district = await h.login('district', '230108');
    const places = (await tasks(district.cookie)).items.map((t: { place: string }) => t.place);
    expect(places).toContain(`未登记的小饭店${h.tag}`);
    const sampler = await h.login('sampler', w.a.code);
    expect((await h.app.inject({ url: '/api/surveillance/place-tasks', headers: { cookie: sampler.cookie } })).statusCode).toBe(
      403,
    );
  });

  it('are closed by that community only, once, with who and when, and audited', async () => {
    const a = await h.login('community', w.a.code);
    const b = await h.login('community', w.b.code);
    const [task] = (await tasks(a.cookie)).items as { id: number }[];
    const done = (cookie: string) =>
      h.app.inject({ method: 'POST', url: `/api/surveillance/place-tasks/${task?.id}/done`, headers: { cookie } });
    expect((await done(b.cookie)).statusCode).toBe(404);
    expect((await done(a.cookie)).statusCode).toBe(200);
    expect((await done(a.cookie)).statusCode).toBe(404);
    const closed = (await tasks(a.cookie, 'done')).items;
    expect(closed).toHaveLength(1);
    expect(closed[0].doneAt).not.toBeNull();
    expect(closed[0].doneBy).toBeTruthy();
    const audit = await h.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'place_task.done' AND username = $1",
      [a.username],
    );
    expect(audit.rows[0].n).toBe(1);
  });
});
