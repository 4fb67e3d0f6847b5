import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDay } from '../../../test/fresh-day';
import { harness } from '../../../test/harness';
import { freshId, row } from '../../../test/ledger-file';

let h: Awaited<ReturnType<typeof harness>>;
let w: Awaited<ReturnType<Awaited<ReturnType<typeof harness>>['world']>>;
let cdc: { cookie: string };
const resident = freshId();
const day = freshDay();

beforeAll(async () => {
  h = await harness();
  w = await h.world();
  cdc = await h.login('cdc', '230100');
  const worker = await h.login('community', w.a.code);
  const imported = await h.importResidents(worker.cookie, [row('赵刚', resident, { room: '502' })]);
  expect(imported.statusCode, imported.body).toBe(200);
});
afterAll(() => h.close());

const positive = (extra: object) =>
  h.app.inject({
    method: 'POST',
    url: '/api/surveillance/positives',
    headers: { cookie: cdc.cookie },
    payload: { reportDate: day, reportHour: 10, kind: 'asymptomatic', districtId: w.district, channel: '社区筛查发现', ...extra },
  });

describe('a positive linked to the residents ledger', () => {
  it("takes the resident's household as its dwelling, prints its address, and is seen by that community", async () => {
    const res = await positive({ idNumber: resident.toLowerCase() });
    expect(res.statusCode).toBe(200);
    const detail = (
      await h.app.inject({ url: `/api/surveillance/positives/${res.json().id}`, headers: { cookie: cdc.cookie } })
    ).json();
    const person = (await h.pool.query('SELECT id, household_id FROM people WHERE id_number = $1', [resident])).rows[0];
    expect(detail).toMatchObject({
      personId: Number(person.id),
      residenceNodeId: Number(person.household_id),
      residence: '平房区宇光小区3栋1单元502室',
    });
    const seen = async (code: string) => {
      const user = await h.login('district', code);
      const list = await h.app.inject({ url: `/api/surveillance/positives?date=${day}`, headers: { cookie: user.cookie } });
      return list.json().items.map((p: { id: number }) => p.id) as number[];
    };
    expect(await seen(w.a.code)).toContain(res.json().id);
    expect(await seen(w.b.code)).not.toContain(res.json().id);
    const audit = await h.pool.query(
      "SELECT action FROM audit_log WHERE action IN ('positive.create', 'positive.read') AND person_id = $1 ORDER BY id",
      [person.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['positive.create', 'positive.read']);
  });

  it('keeps the dwelling and the link when reclassified as confirmed', async () => {
    const asymptomatic = (await positive({ idNumber: resident })).json();
    const confirmed = await h.app.inject({
      method: 'POST',
      url: `/api/surveillance/positives/${asymptomatic.id}/reclassify`,
      headers: { cookie: cdc.cookie },
      payload: { reportDate: day, reportHour: 12 },
    });
    const row = await h.pool.query(
      'SELECT person_id, residence_node_id, terr_path FROM positives WHERE id = ANY($1) ORDER BY id',
      [[asymptomatic.id, confirmed.json().id]],
    );
    expect(row.rows[1]).toEqual(row.rows[0]);
    expect(row.rows[0].person_id).not.toBeNull();
  });

  it('names the field when the resident or the dwelling does not fit', async () => {
    const unknown = await positive({ idNumber: freshId() });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields[0]).toMatchObject({
      path: 'idNumber',
      label: '身份证号',
      zh: '您辖区的居民台账中没有此人',
    });
    const invalid = await positive({ idNumber: '230103199001011234' });
    expect(invalid.json().error.details.fields[0]).toMatchObject({ path: 'idNumber', label: '身份证号', zh: '校验位错误' });
    const elsewhere = (await h.pool.query("SELECT id FROM territory_nodes WHERE name = '南岗区'")).rows[0].id;
    const wrong = await positive({ residenceNodeId: w.a.id, districtId: Number(elsewhere) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.fields[0].path).toBe('residenceNodeId');
    const street = await positive({ residenceNodeId: w.street.id });
    expect(street.json().error.details.fields[0]).toMatchObject({
      path: 'residenceNodeId',
      zh: '须为户、单元、楼栋、小区或村屯',
    });
    expect((await h.pool.query('SELECT count(*)::int AS n FROM positives WHERE report_date = $1', [day])).rows[0].n).toBe(3); // none of the refused
  });

  it('links a trajectory stop to a place of the territory, and refuses a node that is not a place', async () => {
    const shop = await h.node(w.a.id, 'place', `甲社区便民超市${h.tag}`);
    const entry = (placeNodeId: number) => ({
      day,
      times: [{ at: '09:10' }],
      stop: { type: 'place', name: shop.name },
      placeNodeId,
    });
    const ok = await positive({ trajectory: [entry(shop.id)] });
    expect(ok.statusCode).toBe(200);
    const detail = (
      await h.app.inject({ url: `/api/surveillance/positives/${ok.json().id}`, headers: { cookie: cdc.cookie } })
    ).json();
    expect(detail.trajectory[0].placeNodeId).toBe(shop.id);
    const bad = await h.app.inject({
      method: 'PUT',
      url: `/api/surveillance/positives/${ok.json().id}/trajectory`,
      headers: { cookie: cdc.cookie },
      payload: { entries: [entry(shop.id), entry(w.a.id)] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields).toEqual([
      {
        in: 'body',
        path: 'entries.1.placeNodeId',
        label: '活动轨迹第2行 · 场所',
        zh: '不是辖区内登记的场所',
        en: 'is not a place of the territory',
      },
    ]);
    expect(bad.json().error.message).toBe('活动轨迹第2行 · 场所：不是辖区内登记的场所');
  });
});
