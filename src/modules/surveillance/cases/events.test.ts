import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDay } from '../../../test/fresh-day';
import { harness } from '../../../test/harness';

let h: Awaited<ReturnType<typeof harness>>;
let cdc: { cookie: string };
const day = freshDay();

beforeAll(async () => {
  h = await harness();
  cdc = await h.login('cdc', '230100');
});
afterAll(() => h.close());

const events = async (type: string, positiveId: number) =>
  (
    await h.pool.query(
      "SELECT payload FROM domain_events WHERE type = $1 AND (payload->>'positiveId')::bigint = $2 ORDER BY seq",
      [type, positiveId],
    )
  ).rows.map((r) => r.payload);

describe('the facts surveillance announces', () => {
  it('appends positive.registered to domain_events once per registration, and positive.reclassified', async () => {
    const district = Number((await h.pool.query("SELECT id FROM territory_nodes WHERE code = '230108'")).rows[0].id);
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/surveillance/positives',
      headers: { cookie: cdc.cookie },
      payload: { reportDate: day, reportHour: 9, kind: 'asymptomatic', districtId: district, channel: '社区筛查发现' },
    });
    expect(res.statusCode).toBe(200);
    const { id } = res.json();
    expect(await events('positive.registered', id)).toEqual([
      { positiveId: id, reportDate: day, kind: 'asymptomatic', districtId: district, personId: null },
    ]);

    const confirmed = await h.app.inject({
      method: 'POST',
      url: `/api/surveillance/positives/${id}/reclassify`,
      headers: { cookie: cdc.cookie },
      payload: { reportDate: day, reportHour: 12, severity: 'mild' },
    });
    expect(confirmed.statusCode).toBe(200);
    expect(await events('positive.reclassified', confirmed.json().id)).toEqual([
      { positiveId: confirmed.json().id, fromId: id, reportDate: day, personId: null },
    ]);
    // Reclassifying writes a new record, not a registration.
    expect(await events('positive.registered', confirmed.json().id)).toEqual([]);
  });
});
