import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDay } from '../../../test/fresh-day';
import { harness } from '../../../test/harness';

let h: Awaited<ReturnType<typeof harness>>;
let cdc: { cookie: string };
let elsewhere: { cookie: string };
let positiveId: number;
const day = freshDay();
const entry = { day, times: [{ from: '08:00', to: '09:00' }], stop: { type: 'place', name: '某超市' } };

beforeAll(async () => {
  h = await harness();
  cdc = await h.login('cdc', '230100');
  // A CDC account of 道里区: its writes must not reach a 平房区 case, whatever id it names.
  elsewhere = await h.login('cdc', '230102');
  const district = Number((await h.pool.query("SELECT id FROM territory_nodes WHERE code = '230108'")).rows[0].id);
  positiveId = (
    await h.app.inject({
      method: 'POST',
      url: '/api/surveillance/positives',
      headers: { cookie: cdc.cookie },
      payload: { reportDate: day, reportHour: 9, kind: 'asymptomatic', districtId: district, channel: '社区筛查发现' },
    })
  ).json().id;
});
afterAll(() => h.close());

describe('a case outside the caller’s scope', () => {
  it('is not found for reads and writes, and its child rows stay as they were', async () => {
    const as = (cookie: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
      h.app.inject({ method, url, headers: { cookie }, payload });
    expect((await as(elsewhere.cookie, 'GET', `/api/surveillance/positives/${positiveId}`)).statusCode).toBe(404);
    expect(
      (await as(elsewhere.cookie, 'PUT', `/api/surveillance/positives/${positiveId}/trajectory`, { entries: [entry] }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await as(elsewhere.cookie, 'POST', `/api/surveillance/positives/${positiveId}/reclassify`, {
          reportDate: day,
          reportHour: 10,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await as(elsewhere.cookie, 'POST', '/api/surveillance/clusters', { name: `越界${day}`, positiveIds: [positiveId] }))
        .statusCode,
    ).toBe(400);
    const rows = await h.pool.query(
      `SELECT (SELECT count(*)::int FROM trajectory_entries WHERE positive_id = $1) AS entries,
              (SELECT count(*)::int FROM place_tasks WHERE positive_id = $1) AS tasks,
              (SELECT count(*)::int FROM positives WHERE reclassified_from = $1) AS confirmed`,
      [positiveId],
    );
    expect(rows.rows[0]).toEqual({ entries: 0, tasks: 0, confirmed: 0 });
    const own = await as(cdc.cookie, 'PUT', `/api/surveillance/positives/${positiveId}/trajectory`, { entries: [entry] });
    expect(own.statusCode).toBe(200);
  });
});
