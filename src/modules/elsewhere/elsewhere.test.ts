import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../test/harness';
import type { RiskFeed } from '../risk/area-spec';

let h: Awaited<ReturnType<typeof harness>>;
let cdc: string;
let city: string;

beforeAll(async () => {
  h = await harness('2021-11-06T10:00:00+08:00');
  cdc = (await h.login('cdc', '230100')).cookie;
  city = `测试${h.tag}市`;
});
afterAll(() => h.close());

const call = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) =>
  h.app.inject({ method, url, payload, headers: { cookie } });

/**
 * What another Fangyi city's GET /api/public/risk-areas answers (the risk module's feed, built here by hand
 * while that module is not merged): its areas as notices print them, each with the spec the notice was drawn from.
 */
const feedOf = (generatedAt: string, areas: RiskFeed['areas'], c = city): RiskFeed => ({
  format: 'fangyi.risk-areas/1',
  province: '河北省',
  city: c,
  generatedAt,
  areas,
});
const village = (id: string, name: string, level: 'high' | 'medium' | 'low', since: string): RiskFeed['areas'][number] => ({
  id,
  district: '深泽县',
  name,
  level,
  since,
  spec: { nodeType: 'compound', name, part: { kind: 'whole' } },
});
/** The first feed of the test's city (made once the city is named). */
const first = () =>
  feedOf('2021-11-04T06:00:00+08:00', [
    village('a-1', '河庄村', 'medium', '2021-10-17T00:00:00+08:00'),
    village('a-2', '西河村', 'medium', '2021-11-04T00:00:00+08:00'),
    {
      id: 'a-3',
      district: '深泽县',
      name: '印象城小区(除7栋外)',
      level: 'high',
      since: '2021-11-04T03:00:00+08:00',
      spec: {
        nodeType: 'compound',
        name: '印象城小区',
        part: { kind: 'whole' },
        except: { names: ['7栋'], outer: true },
      },
    },
  ]);

const spans = async (c = city) =>
  (
    await h.pool.query(
      `SELECT feed_area_id, level, since, until FROM elsewhere_areas WHERE city = $1 ORDER BY feed_area_id, since`,
      [c],
    )
  ).rows as { feed_area_id: string; level: string; since: Date; until: Date | null }[];
const rowCounts = async () =>
  (
    await h.pool.query(
      'SELECT (SELECT count(*) FROM elsewhere_areas)::int AS a, (SELECT count(*) FROM elsewhere_feeds)::int AS f',
    )
  ).rows[0];

describe('importing another city’s risk-area feed (外地中高风险地区)', () => {
  it('adds its areas, audits and emits once; the same feed again is answered as a replay and changes nothing', async () => {
    const res = await call('POST', '/api/elsewhere/feeds', cdc, first());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ city, added: 3, changed: 0, ended: 0, unchanged: 0 });
    expect(res.json().replayOf).toBeUndefined();
    const before = await rowCounts();
    const events = async () =>
      (
        await h.pool.query(
          `SELECT count(*)::int AS n FROM domain_events WHERE type = 'elsewhere.areas_changed' AND payload->>'city' = $1`,
          [city],
        )
      ).rows[0].n;
    expect(await events()).toBe(1);

    const again = await call('POST', '/api/elsewhere/feeds', cdc, first());
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ added: 3, changed: 0, ended: 0, unchanged: 0 });
    expect(again.json().replayOf.at).toBeTruthy();
    expect(await rowCounts()).toEqual(before);
    expect(await events()).toBe(1);
    const audits = await h.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'elsewhere.feed_import' AND target = $1`,
      [`河北省${city}`],
    );
    expect(audits.rows[0].n).toBe(1);
  });

  it('a newer feed ends the area it no longer lists and keeps the history of the one it raised', async () => {
    const newer = feedOf('2021-11-05T06:00:00+08:00', [
      village('a-1', '河庄村', 'high', '2021-11-04T00:00:00+08:00'),
      first().areas[2],
      village('a-4', '南河村', 'medium', '2021-11-05T00:00:00+08:00'),
    ]);
    const res = await call('POST', '/api/elsewhere/feeds', cdc, newer);
    expect(res.json()).toMatchObject({ added: 1, changed: 1, ended: 1, unchanged: 1 });
    const rows = await spans();
    const of = (id: string) => rows.filter((r) => r.feed_area_id === id);
    // 河庄村: medium from 10月17日 to 11月4日, then high from 11月4日 (no gap, no overlap).
    expect(of('a-1').map((r) => [r.level, r.since.toISOString(), r.until?.toISOString() ?? null])).toEqual([
      ['medium', '2021-10-16T16:00:00.000Z', '2021-11-03T16:00:00.000Z'],
      ['high', '2021-11-03T16:00:00.000Z', null],
    ]);
    // 西河村 is missing from the newer feed: ended when that feed was generated.
    expect(of('a-2').map((r) => r.until?.toISOString())).toEqual(['2021-11-04T22:00:00.000Z']);

    const id = (
      await h.pool.query(`SELECT id FROM elsewhere_areas WHERE city = $1 AND feed_area_id = 'a-1' AND until IS NULL`, [city])
    ).rows[0].id;
    const history = await call('GET', `/api/elsewhere/areas/${id}/history`, cdc);
    expect(history.json().items.map((a: { level: string }) => a.level)).toEqual(['medium', 'high']);
    expect(history.json().items[0].feed).toMatchObject({ province: '河北省', city });
  });

  it('refuses an older feed than the newest imported, and other content under a generation time already imported', async () => {
    const older = feedOf('2021-11-03T06:00:00+08:00', first().areas);
    expect((await call('POST', '/api/elsewhere/feeds', cdc, older)).statusCode).toBe(409);
    const altered = { ...first(), areas: first().areas.slice(1) };
    expect((await call('POST', '/api/elsewhere/feeds', cdc, altered)).json().error.code).toBe('elsewhere.feed_differs');
  });

  it('names the bad field in Chinese and writes nothing of a feed with one bad area (all or nothing)', async () => {
    const before = await rowCounts();
    const bad = feedOf('2021-11-06T06:00:00+08:00', [
      village('b-1', '东河村', 'high', '2021-11-06T00:00:00+08:00'),
      { ...village('b-2', '北河村', 'high', '2021-11-06T00:00:00+08:00'), level: 'severe' as 'high' },
    ]);
    const res = await call('POST', '/api/elsewhere/feeds', cdc, bad);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('风险等级');
    expect(res.json().error.details.fields[0]).toMatchObject({ path: 'areas.1.level' });
    const twice = feedOf('2021-11-06T06:00:00+08:00', [first().areas[0], first().areas[0]]);
    const dup = await call('POST', '/api/elsewhere/feeds', cdc, twice);
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.message).toContain('区域标识');
    expect(await rowCounts()).toEqual(before);
  });

  it('two imports of one feed at once: one writes, the other is answered as its replay (the city is locked)', async () => {
    const racing = `测试${h.tag}丙市`;
    const feed = feedOf('2021-11-05T06:00:00+08:00', first().areas, racing);
    const answers = await Promise.all([1, 2].map(() => call('POST', '/api/elsewhere/feeds', cdc, feed)));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    expect(answers.filter((a) => a.json().replayOf).length).toBe(1);
    expect(await spans(racing)).toHaveLength(3);
  });

  it('takes the feed as an uploaded .json file too, labelled the same when it is bad', async () => {
    const other = `测试${h.tag}乙市`;
    const upload = (body: string) => {
      const boundary = `----fangyi${Date.now()}`;
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="risk-areas.json"\r\nContent-Type: application/json\r\n\r\n`,
        ),
        Buffer.from(body),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return h.app.inject({
        method: 'POST',
        url: '/api/elsewhere/feeds',
        payload,
        headers: { cookie: cdc, 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
    };
    const ok = await upload(JSON.stringify(feedOf('2021-11-05T06:00:00+08:00', first().areas, other)));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ city: other, added: 3 });
    const notJson = await upload('{"format": ');
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.code).toBe('elsewhere.not_json');
    const bad = await upload(JSON.stringify({ ...feedOf('2021-11-06T06:00:00+08:00', [], other), generatedAt: '昨天' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('生成时间');
  });
});

describe('the registry as the console and the reminder read it', () => {
  it('lists current areas by city, pages by cursor, and sums them per city', async () => {
    const first = await call('GET', `/api/elsewhere/areas?city=${encodeURIComponent(city)}&pageSize=2`, cdc);
    expect(first.statusCode).toBe(200);
    expect(first.json().items).toHaveLength(2);
    const next = await call(
      'GET',
      `/api/elsewhere/areas?city=${encodeURIComponent(city)}&pageSize=2&cursor=${first.json().next}`,
      cdc,
    );
    expect(next.json().items).toHaveLength(1);
    expect(next.json().next).toBeNull();
    const names = [...first.json().items, ...next.json().items].map((a: { name: string }) => a.name).sort();
    expect(names).toEqual(['南河村', '印象城小区(除7栋外)', '河庄村']);
    const cities = (await call('GET', '/api/elsewhere/cities', cdc)).json().items;
    expect(cities.find((c: { city: string }) => c.city === city)).toMatchObject({ high: 2, medium: 1, low: 0 });
  });

  it('answers the reminder’s 风险地区调整 and 报备地区 in the reminder document’s shapes', async () => {
    const res = await call('GET', '/api/elsewhere/changes?since=2021-11-04&until=2021-11-05', cdc);
    expect(res.statusCode).toBe(200);
    const mine = res.json().items.filter((c: { city: string }) => c.city === city);
    const change = (place: string, level: string, effectiveFrom: string) => ({
      province: '河北省',
      city,
      county: '深泽县',
      place,
      level,
      effectiveFrom,
      wording: 'plain',
    });
    expect(mine).toEqual([
      change('河庄村', 'high', '2021-11-04'),
      change('印象城小区(除7栋外)', 'high', '2021-11-04'),
      change('南河村', 'medium', '2021-11-05'),
    ]);
    expect(res.json().reportDuty).toContainEqual({ province: '河北省', city, county: '深泽县', since: '2021-11-04' });
    expect((await call('GET', '/api/elsewhere/changes?since=2021-11-05&until=2021-11-04', cdc)).statusCode).toBe(400);
  });

  it('tells a community worker whether a traveller must report, and why', async () => {
    const community = (await h.login('community', '230100')).cookie;
    const q = (trip: Record<string, string>) =>
      `/api/elsewhere/check?${new URLSearchParams({ province: '河北省', city, ...trip })}`;
    const yes = await call(
      'GET',
      q({ place: '河庄村', arrivedAt: '2021-11-04T12:00:00+08:00', leftAt: '2021-11-05T09:00:00+08:00' }),
      community,
    );
    expect(yes.statusCode).toBe(200);
    expect(yes.json().mustReport).toBe(true);
    expect(yes.json().reasons[0].sentence).toBe(`曾于11月4日至11月5日到过河北省${city}深泽县河庄村（高风险地区，自11月4日起）`);
    const no = await call(
      'GET',
      q({ place: '西河村', arrivedAt: '2021-11-05T12:00:00+08:00', leftAt: '2021-11-05T18:00:00+08:00' }),
      community,
    );
    expect(no.json()).toEqual({ mustReport: false, count: 0, reasons: [] });
    const anywhere = await call('GET', q({ arrivedAt: '2021-11-01T12:00:00+08:00' }), community);
    // Still there since 11月1日: both spans of 河庄村, 西河村 until it was lifted, the compound and 南河村.
    expect(anywhere.json()).toMatchObject({ mustReport: true, count: 5 });
  });
});

describe('the CDC’s own entries, and who may do what', () => {
  const area = () => ({
    province: '河南省',
    city: `测试${h.tag}郑州`,
    district: '金水区',
    name: '未来路办事处银基王朝四期',
    level: 'medium',
    since: '2021-11-04T00:00:00+08:00',
  });

  it('enters an area once, changes its level from a time (the earlier span kept), then ends it', async () => {
    const created = await call('POST', '/api/elsewhere/areas', cdc, area());
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ level: 'medium', source: 'manual', until: null, feed: null });
    expect((await call('POST', '/api/elsewhere/areas', cdc, area())).statusCode).toBe(409);

    const id = created.json().id;
    const early = await call('POST', `/api/elsewhere/areas/${id}/level`, cdc, { level: 'high', at: '2021-11-01T00:00:00+08:00' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toContain('调整时间');
    const raised = await call('POST', `/api/elsewhere/areas/${id}/level`, cdc, {
      level: 'high',
      at: '2021-11-05T12:00:00+08:00',
    });
    expect(raised.json()).toMatchObject({ level: 'high', since: '2021-11-05T04:00:00.000Z' });
    expect(
      (await call('POST', `/api/elsewhere/areas/${id}/level`, cdc, { level: 'low', at: '2021-11-06T00:00:00+08:00' })).statusCode,
    ).toBe(409);

    const ended = await call('POST', `/api/elsewhere/areas/${raised.json().id}/end`, cdc, { at: '2021-11-06T00:00:00+08:00' });
    expect(ended.json().until).toBe('2021-11-05T16:00:00.000Z');
    const history = (await call('GET', `/api/elsewhere/areas/${id}/history`, cdc)).json().items;
    expect(history.map((a: { level: string; until: string | null }) => [a.level, a.until])).toEqual([
      ['medium', '2021-11-05T04:00:00.000Z'],
      ['high', '2021-11-05T16:00:00.000Z'],
    ]);
    const sentences = await h.pool.query(
      `SELECT action FROM audit_log WHERE action LIKE 'elsewhere.area_%' AND target = $1 ORDER BY id`,
      [`河南省${area().city}金水区未来路办事处银基王朝四期`],
    );
    expect(sentences.rows.map((r) => r.action)).toEqual(['elsewhere.area_create', 'elsewhere.area_level', 'elsewhere.area_end']);
  });

  it('a feed’s areas are changed by the next feed only', async () => {
    const fed = (await h.pool.query(`SELECT id FROM elsewhere_areas WHERE city = $1 AND until IS NULL LIMIT 1`, [city])).rows[0]
      .id;
    const res = await call('POST', `/api/elsewhere/areas/${fed}/end`, cdc, { at: '2021-11-06T00:00:00+08:00' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('elsewhere.feed_owned');
  });

  it('a district account reads and checks but cannot write; a district CDC cannot import', async () => {
    const district = (await h.login('district', '230108')).cookie;
    expect((await call('GET', '/api/elsewhere/areas', district)).statusCode).toBe(200);
    expect((await call('GET', '/api/elsewhere/cities', district)).statusCode).toBe(200);
    expect((await call('POST', '/api/elsewhere/areas', district, { ...area(), name: '另一小区' })).statusCode).toBe(403);
    const districtCdc = (await h.login('cdc', '230108')).cookie;
    expect((await call('POST', '/api/elsewhere/feeds', districtCdc, feedOf('2021-11-06T09:00:00+08:00', []))).statusCode).toBe(
      403,
    );
    const hq = (await h.login('city_hq', '230100')).cookie;
    expect((await call('POST', '/api/elsewhere/areas', hq, { ...area(), name: '指挥部登记小区' })).statusCode).toBe(200);
  });
});
