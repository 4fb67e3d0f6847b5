import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDay } from '../../../test/fresh-day';
import { harness } from '../../../test/harness';
import { publishThrough } from '../../../test/review';

let h: Awaited<ReturnType<typeof harness>>;
let cdc: { cookie: string };
let districts: Record<string, number>;
// Each test file works on its own day so positives numbered per day never meet another file's.
const day = freshDay();

beforeAll(async () => {
  h = await harness();
  cdc = await h.login('cdc', '230100');
  districts = Object.fromEntries(
    (await h.pool.query('SELECT name, id FROM territory_nodes WHERE depth = 1')).rows.map((r) => [r.name, Number(r.id)]),
  );
});
afterAll(() => h.close());

const post = (url: string, payload: unknown, cookie = cdc.cookie) =>
  h.app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie } });

describe('positives, contacts and the bulletin built from them', () => {
  let first: { id: number; number: number };

  it('numbers positives per day and kind, and links relationships', async () => {
    first = (
      await post('/api/surveillance/positives', {
        reportDate: day,
        reportHour: 9,
        kind: 'confirmed',
        severity: 'mild',
        districtId: districts.南岗区,
        channel: '集中隔离发现',
        residence: '南岗区测绘路150号如闲精品酒店式公寓',
        origin: '系外地市抵哈人员',
        trajectory: [
          {
            day: '2031-01-01',
            times: [{ from: '00:10', to: '03:00' }],
            stop: { type: 'place', name: '南岗区大娘铁锅炖(汉广街店)' },
          },
          {
            day: '2031-01-02',
            times: [{ at: '07:22' }],
            stop: { type: 'ride', line: '336路公交车', from: '铁路街站', to: '熙街生活广场站' },
          },
        ],
      })
    ).json();
    const second = await post('/api/surveillance/positives', {
      reportDate: day,
      reportHour: 10,
      kind: 'confirmed',
      severity: 'mild',
      districtId: districts.南岗区,
      channel: '密切接触者筛查发现',
      residence: '南岗区曲线街45号',
      contactOf: [first.id],
    });
    expect(second.json().number).toBe(first.number + 1);
    const detail = (
      await h.app.inject({ url: `/api/surveillance/positives/${second.json().id}`, headers: { cookie: cdc.cookie } })
    ).json();
    expect(detail.contactOf).toEqual([{ id: first.id, date: day, kind: 'confirmed', number: first.number }]);
  });

  it('gives every visited place a disinfection and a closure task', async () => {
    const detail = (
      await h.app.inject({ url: `/api/surveillance/positives/${first.id}`, headers: { cookie: cdc.cookie } })
    ).json();
    expect(detail.placeTasks.map((t: { task: string }) => t.task)).toEqual(['closure', 'disinfection']);
    expect(detail.trajectory).toHaveLength(2);
    const done = await post(`/api/surveillance/place-tasks/${detail.placeTasks[0].id}/done`, {});
    expect(done.statusCode).toBe(200);
  });

  it('adds contacts idempotently and names a bad field', async () => {
    const contacts = { contacts: [{ kind: 'close', name: '李娜', idNumber: '11010519491231002X', sourcePositiveId: first.id }] };
    expect((await post('/api/surveillance/contacts', contacts)).json()).toEqual({ rows: 1, inserted: 1 });
    expect((await post('/api/surveillance/contacts', contacts)).json()).toEqual({ rows: 1, inserted: 0 });
    const bad = await post('/api/surveillance/contacts', {
      contacts: [{ kind: 'close', name: '王伟', idNumber: '123', sourcePositiveId: first.id }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('密接第1行 · 身份证号');
  });

  it('exports the day as a case list xlsx', async () => {
    const { readFirstSheet } = await import('../../../lib/xlsx');
    const res = await h.app.inject({ url: `/api/surveillance/positives/export?date=${day}`, headers: { cookie: cdc.cookie } });
    const sheet = await readFirstSheet(res.rawPayload);
    expect(sheet.name).toBe('病例表');
    expect(sheet.rows.map((r) => r.cells.slice(1, 7))).toEqual([
      ['确诊病例', '轻型', String(first.number), '本土', '南岗区', '集中隔离发现'],
      ['确诊病例', '轻型', String(first.number + 1), '本土', '南岗区', '密切接触者筛查发现'],
    ]);
  });

  it('previews the day in the 2022-channels layout from the records', async () => {
    const res = await post('/api/surveillance/bulletins/preview', { date: day, template: '2022-channels' });
    const { text } = res.json();
    const md = `${Number(day.slice(5, 7))}月${Number(day.slice(8))}日`;
    expect(text).toContain(`${md}哈市新增2例新冠病毒阳性感染者信息及活动轨迹`);
    expect(text).toContain('其中确诊病例2例,集中隔离发现1例,密切接触者筛查发现1例。');
    expect(text).toContain(`【确诊病例(轻型)${first.number}】\n\n现住南岗区测绘路150号如闲精品酒店式公寓,系外地市抵哈人员。`);
    expect(text).toContain('07:22 336路公交车(铁路街站至熙街生活广场站)');
  });

  it('publishes frozen versions, only from a city-wide account', async () => {
    const req = { date: day, template: '2022-channels', body: '通报正文（已审核）' };
    const reviewer = await h.login('cdc', '230100');
    const publish = (payload: object) => publishThrough(h, '/api/surveillance/bulletins', payload, cdc.cookie, reviewer.cookie);
    expect((await publish(req)).version).toBe(1);
    expect((await publish({ ...req, body: '更正版', correctionReason: '更正病例活动轨迹' })).version).toBe(2);
    await expect(h.pool.query("UPDATE bulletins SET body = 'x'")).rejects.toThrow(/frozen/);
    const published = await h.pool.query(
      "SELECT payload FROM domain_events WHERE type = 'bulletin.published' AND payload->>'day' = $1 ORDER BY seq",
      [day],
    );
    expect(published.rows.map((r) => r.payload.version)).toEqual([1, 2]);
    const list = (await h.app.inject({ url: '/api/surveillance/bulletins', headers: { cookie: cdc.cookie } })).json();
    const v2 = list.items.find((b: { day: string; version: number }) => b.day === day && b.version === 2);
    const docx = await h.app.inject({ url: `/api/surveillance/bulletins/${v2.id}/docx`, headers: { cookie: cdc.cookie } });
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const { default: JSZip } = await import('jszip');
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string');
    expect(xml).toContain('更正版');
    const districtCdc = await h.login('cdc', '230103');
    expect((await post('/api/surveillance/bulletins', req, districtCdc.cookie)).statusCode).toBe(403);
  });

  it('a district sees only its own positives; a community account none', async () => {
    const daoli = await h.login('district', '230102');
    const list = (
      await h.app.inject({ url: `/api/surveillance/positives?date=${day}`, headers: { cookie: daoli.cookie } })
    ).json();
    expect(list.total).toEqual({ value: 0, exact: true });
    expect(
      (await h.app.inject({ url: `/api/surveillance/positives/${first.id}`, headers: { cookie: daoli.cookie } })).statusCode,
    ).toBe(404);
    const w = await h.world();
    const community = await h.login('community', w.a.code);
    expect((await h.app.inject({ url: '/api/surveillance/positives', headers: { cookie: community.cookie } })).statusCode).toBe(
      403,
    );
  });

  it('reclassifies an asymptomatic infection as a new confirmed record, once', async () => {
    const a = (
      await post('/api/surveillance/positives', {
        reportDate: day,
        reportHour: 11,
        kind: 'asymptomatic',
        districtId: districts.平房区,
        channel: '社区筛查发现',
      })
    ).json();
    const next = `${day.slice(0, 8)}${String(Number(day.slice(8)) + 1).padStart(2, '0')}`;
    const c = await post(`/api/surveillance/positives/${a.id}/reclassify`, {
      reportDate: next,
      reportHour: 8,
      severity: 'moderate',
    });
    expect(c.json().number).toBeGreaterThan(0);
    const again = await post(`/api/surveillance/positives/${a.id}/reclassify`, { reportDate: next, reportHour: 8 });
    expect(again.json().error.code).toBe('positive.already_reclassified');
    const detail = (
      await h.app.inject({ url: `/api/surveillance/positives/${c.json().id}`, headers: { cookie: cdc.cookie } })
    ).json();
    expect(detail).toMatchObject({ kind: 'confirmed', reclassified: true, severity: 'moderate', district: '平房区' });
  });

  it('pages the case list by cursor in its order: newest day, confirmed first, by number', async () => {
    const get = async (q: string) =>
      (await h.app.inject({ url: `/api/surveillance/positives?${q}`, headers: { cookie: cdc.cookie } })).json();
    const whole = await get(`date=${day}&pageSize=200`);
    const walked: number[] = [];
    for (let page = await get(`date=${day}&pageSize=1`); ; page = await get(`date=${day}&pageSize=1&after=${page.next}`)) {
      walked.push(...page.items.map((p: { id: number }) => p.id));
      expect(page.total).toEqual({ value: whole.items.length, exact: true });
      if (!page.next) break;
    }
    expect(whole.items.length).toBeGreaterThan(2);
    expect(walked).toEqual(whole.items.map((p: { id: number }) => p.id));
    expect(whole.items.map((p: { kind: string }) => p.kind)).toEqual(
      whole.items
        .map((p: { kind: string }) => p.kind)
        .sort()
        .reverse(),
    );
  });
});
