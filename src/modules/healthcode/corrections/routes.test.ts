import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../../test/harness';
import { roundOverCompound } from '../../testing/fixtures/round';

let h: Awaited<ReturnType<typeof harness>>;
let r: Awaited<ReturnType<typeof roundOverCompound>>;
let community: string;
let cdc: string;
let cdc2: string;

beforeAll(async () => {
  h = await harness('2022-11-27T10:00:00+08:00');
  r = await roundOverCompound(h);
  community = (await h.login('community', r.w.a.code)).cookie;
  cdc = (await h.login('cdc', '230100')).cookie;
  cdc2 = (await h.login('cdc', '230100')).cookie;
});
afterAll(() => h?.close());

const post = (url: string, cookie: string, payload: unknown) =>
  h.app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie } });
const person = () => r.built.dwellers[0] as { id: number; path: string };

describe('the corrections’ routes', () => {
  it('looks a person up and corrects them; a red correction waits for the CDC’s second person', async () => {
    const idNumber = (await h.pool.query('SELECT id_number FROM people WHERE id = $1', [person().id])).rows[0].id_number;
    const card = await post('/api/healthcode/lookup', community, { idNumber });
    expect(card.statusCode).toBe(200);
    expect(card.json().code.colour).toBe('green');
    const green = await post('/api/healthcode/corrections', community, {
      personIds: [person().id],
      colour: 'yellow',
      reason: '待复核',
    });
    expect(green.json()).toMatchObject({ status: 'applied' });
    const red = await post('/api/healthcode/corrections', community, { personIds: [person().id], colour: 'red', reason: '密接' });
    expect(red.json()).toMatchObject({ status: 'pending' });
    expect((await post(`/api/healthcode/corrections/${red.json().id}/approve`, community, {})).statusCode).toBe(403);
    const list = await h.app.inject({
      method: 'GET',
      url: '/api/healthcode/corrections?status=pending',
      headers: { cookie: cdc },
    });
    expect(list.json().items.map((x: { id: number }) => x.id)).toContain(red.json().id);
    const ok = await post(`/api/healthcode/corrections/${red.json().id}/approve`, cdc2, {});
    expect(ok.json()).toMatchObject({ status: 'applied' });
    expect((await post(`/api/healthcode/corrections/${red.json().id}/reject`, cdc, { note: '晚了' })).statusCode).toBe(409);
    const admin = (await h.login('admin', '230100')).cookie;
    const audit = await h.app.inject({ method: 'GET', url: `/api/audit?personId=${person().id}`, headers: { cookie: admin } });
    const sentences = (audit.json().items as { sentence: string }[]).map((x) => x.sentence);
    expect(sentences).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^审核通过健康码更正#\d+（黄码→红码）：居民，原因：密接$/),
        expect.stringMatching(/^更正健康码#\d+（黄码→红码）：居民，原因：密接，待疾控审核$/),
        expect.stringMatching(/^更正健康码#\d+（绿码→黄码）：居民，原因：待复核，已生效$/),
      ]),
    );
  });

  it.each([
    ['lookup', '/api/healthcode/lookup', { idNumber: '230103198001011234' }, '身份证号'],
    ['no reason', '/api/healthcode/corrections', { personIds: [1], colour: 'green' }, '更正原因'],
    ['blank reason', '/api/healthcode/corrections', { personIds: [1], colour: 'green', reason: '   ' }, '更正原因'],
    ['no people', '/api/healthcode/corrections', { personIds: [], colour: 'green', reason: 'x' }, '更正人员'],
    [
      'too many',
      '/api/healthcode/corrections',
      { personIds: Array.from({ length: 10_001 }, (_, i) => i + 1), colour: 'green', reason: 'x' },
      '更正人员',
    ],
    ['bad colour', '/api/healthcode/corrections', { personIds: [1], colour: 'blue', reason: 'x' }, '健康码颜色'],
    ['unknown person', '/api/healthcode/corrections', { personIds: [2 ** 40], colour: 'green', reason: 'x' }, '更正人员'],
    ['fact kind', '/api/healthcode/facts', { personId: 1, kind: 'positive' }, '赋码事实'],
  ])('refuses %s with a 400 naming the field', async (_, url, body, label) => {
    const res = await post(url, url.endsWith('facts') ? cdc : community, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain(label);
  });

  it('a reject needs its reason; the facts need healthcode.facts', async () => {
    const res = await post('/api/healthcode/corrections/1/reject', cdc, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('驳回原因');
    expect((await post('/api/healthcode/facts', community, { personId: person().id, kind: 'fever' })).statusCode).toBe(403);
  });
});
