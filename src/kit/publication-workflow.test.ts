import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDay } from '../test/fresh-day';
import { harness } from '../test/harness';

// The review of a publication, through the bulletins' routes (the kit serves every kind with the same steps;
// the reminders' API test takes reminders through it too).
let h: Awaited<ReturnType<typeof harness>>;
let drafter: { cookie: string; username: string };
let reviewer: { cookie: string; username: string };
const day = freshDay();
const base = '/api/surveillance/bulletins';
const req = { date: day, template: '2022-channels', body: '通报正文（待审核）' };

beforeAll(async () => {
  h = await harness();
  drafter = await h.login('cdc', '230100');
  reviewer = await h.login('cdc', '230100');
});
afterAll(() => h.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) =>
  h.app.inject({ method, url, payload: method === 'GET' ? undefined : (payload ?? {}), headers: { cookie } });
const row = async (id: number) => (await h.pool.query('SELECT * FROM bulletins WHERE id = $1', [id])).rows[0];
/** The audit rows of the day's series, oldest first, with the account that acted. */
const audited = async () =>
  (
    await h.pool.query(
      "SELECT action, u.username FROM audit_log a JOIN users u ON u.id = a.user_id WHERE target LIKE $1 || ' %' ORDER BY a.id",
      [`${day} 0-24`],
    )
  ).rows;
const events = async () =>
  (await h.pool.query("SELECT payload FROM domain_events WHERE type = 'bulletin.published' AND payload->>'day' = $1", [day]))
    .rows;

describe('draft → submitted → approved by a second publisher → published', () => {
  let id: number;

  it('a draft is the drafter’s: editable, re-rendered, invisible to readers who do not publish, not announced', async () => {
    const created = await call('POST', base, drafter.cookie, req);
    expect(created.json()).toMatchObject({ state: 'draft' });
    id = created.json().id;
    // Without a body the draft is rendered from the records of the day.
    const rendered = await call('PUT', `${base}/${id}`, drafter.cookie, { ...req, body: undefined });
    expect(rendered.statusCode).toBe(200);
    expect((await row(id)).body).toContain('哈市');
    expect((await call('PUT', `${base}/${id}`, drafter.cookie, req)).statusCode).toBe(200);
    // Another publisher may neither edit nor submit it.
    const foreign = await call('PUT', `${base}/${id}`, reviewer.cookie, req);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.messageEn).toContain('Only the drafter');
    const hq = await h.login('city_hq', '230100');
    expect((await call('GET', `${base}/${id}`, hq.cookie)).statusCode).toBe(404);
    const list = (await call('GET', `${base}?pageSize=50`, hq.cookie)).json();
    expect(list.items.some((b: { id: number }) => b.id === id)).toBe(false);
    const mine = (await call('GET', `${base}/${id}`, drafter.cookie)).json();
    expect(mine).toMatchObject({ state: 'draft', version: null, actions: ['edit', 'submit'] });
    expect(await events()).toEqual([]);
  });

  it('accounts without the publish permission get 403 at every step', async () => {
    const hq = await h.login('city_hq', '230100');
    const districtCdc = await h.login('cdc', '230103');
    for (const cookie of [hq.cookie, districtCdc.cookie]) {
      expect((await call('POST', base, cookie, req)).statusCode).toBe(403);
      for (const s of ['submit', 'approve', 'publish'])
        expect((await call('POST', `${base}/${id}/${s}`, cookie)).statusCode).toBe(403);
      expect((await call('POST', `${base}/${id}/reject`, cookie, { reason: '不行' })).statusCode).toBe(403);
    }
    expect((await row(id)).state).toBe('draft');
  });

  it('the drafter submits; the text is frozen from then on; the drafter cannot approve their own', async () => {
    expect((await call('POST', `${base}/${id}/submit`, reviewer.cookie)).statusCode).toBe(403);
    expect((await call('POST', `${base}/${id}/submit`, drafter.cookie)).json()).toMatchObject({ state: 'submitted' });
    expect((await call('PUT', `${base}/${id}`, drafter.cookie, req)).statusCode).toBe(409);
    await expect(h.pool.query("UPDATE bulletins SET body = 'x' WHERE id = $1", [id])).rejects.toThrow(/frozen/);
    const own = await call('POST', `${base}/${id}/approve`, drafter.cookie);
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toContain('起草人不能审核自己起草的稿件');
    expect(own.json().error.messageEn).toContain('The drafter cannot review their own draft');
    expect((await call('POST', `${base}/${id}/reject`, drafter.cookie, { reason: '自己退回' })).statusCode).toBe(403);
    expect((await call('POST', `${base}/${id}/publish`, drafter.cookie)).statusCode).toBe(409);
    expect((await call('GET', `${base}/${id}`, drafter.cookie)).json().actions).toEqual([]);
    expect((await call('GET', `${base}/${id}`, reviewer.cookie)).json().actions).toEqual(['approve', 'reject']);
  });

  it('a second publisher sends it back with a reason; the drafter edits and resubmits', async () => {
    const back = await call('POST', `${base}/${id}/reject`, reviewer.cookie, { reason: '第二段数字有误' });
    expect(back.json()).toMatchObject({ state: 'draft' });
    expect(await call('GET', `${base}/${id}`, drafter.cookie).then((r) => r.json())).toMatchObject({
      state: 'draft',
      reviewNote: '第二段数字有误',
      reviewedBy: reviewer.username,
    });
    expect((await call('PUT', `${base}/${id}`, drafter.cookie, { ...req, body: '通报正文（已改）' })).statusCode).toBe(200);
    expect((await call('POST', `${base}/${id}/submit`, drafter.cookie)).statusCode).toBe(200);
  });

  it('a second publisher approves exactly the submitted text, frozen; then it is published, numbered and announced', async () => {
    const ok = await call('POST', `${base}/${id}/approve`, reviewer.cookie);
    expect(ok.json()).toMatchObject({ state: 'approved' });
    const approved = await row(id);
    expect(approved.body).toBe('通报正文（已改）');
    await expect(h.pool.query("UPDATE bulletins SET body = 'x' WHERE id = $1", [id])).rejects.toThrow(/frozen/);
    await expect(h.pool.query("UPDATE bulletins SET state = 'draft' WHERE id = $1", [id])).rejects.toThrow(/frozen/);
    await expect(h.pool.query('DELETE FROM bulletins WHERE id = $1', [id])).rejects.toThrow(/frozen/);
    expect((await call('POST', `${base}/${id}/approve`, reviewer.cookie)).statusCode).toBe(409);
    // Any publisher sends the approved text out, the drafter too.
    const out = await call('POST', `${base}/${id}/publish`, drafter.cookie);
    expect(out.json()).toMatchObject({ id, state: 'published', version: 1 });
    expect((await row(id)).body).toBe('通报正文（已改）');
    expect((await events()).map((e) => e.payload)).toEqual([{ id, version: 1, day, fromHour: 0, toHour: 24 }]);
    const listed = (await call('GET', `${base}?pageSize=50`, (await h.login('city_hq', '230100')).cookie)).json();
    expect(listed.items.find((b: { id: number }) => b.id === id)).toMatchObject({
      state: 'published',
      version: 1,
      draftedBy: drafter.username,
      reviewedBy: reviewer.username,
      publishedBy: drafter.username,
      actions: [],
    });
    await expect(h.pool.query('UPDATE bulletins SET published_by = NULL WHERE id = $1', [id])).rejects.toThrow(/frozen/);
  });

  it('a correction is a new version that must say what it corrects', async () => {
    const silent = await call('POST', base, drafter.cookie, { ...req, body: '更正版' });
    expect(silent.statusCode).toBe(400);
    expect(silent.json().error.message).toContain('correctionReason');
    const fix = await call('POST', base, drafter.cookie, { ...req, body: '更正版', correctionReason: '更正南岗区病例活动轨迹' });
    const fixId = fix.json().id;
    for (const [s, cookie] of [
      ['submit', drafter.cookie],
      ['approve', reviewer.cookie],
      ['publish', reviewer.cookie],
    ] as const)
      expect((await call('POST', `${base}/${fixId}/${s}`, cookie)).statusCode).toBe(200);
    const v2 = (await call('GET', `${base}/${fixId}`, drafter.cookie)).json();
    expect(v2).toMatchObject({
      version: 2,
      correctsId: id,
      correctsVersion: 1,
      correctionReason: '更正南岗区病例活动轨迹',
      actions: ['correct'],
    });
    expect((await events()).map((e) => e.payload.version)).toEqual([1, 2]);
    // The Word file carries the text as approved, and the correction's 更正说明 below it.
    const docx = await call('GET', `${base}/${fixId}/docx`, drafter.cookie);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string');
    expect(xml).toContain('更正版');
    expect(xml).toContain('更正说明：本版更正第1版，更正南岗区病例活动轨迹');
    // A first version has nothing to correct.
    const none = await call('POST', base, drafter.cookie, { ...req, date: freshDay(), correctionReason: '无' });
    expect(none.statusCode).toBe(400);
  });

  it('audits each step as the account that took it', async () => {
    const steps = (await audited()).map((r) => `${r.action} ${r.username === drafter.username ? 'drafter' : 'reviewer'}`);
    expect(steps).toEqual([
      'bulletin.draft drafter',
      'bulletin.draft drafter',
      'bulletin.draft drafter',
      'bulletin.submit drafter',
      'bulletin.reject reviewer',
      'bulletin.draft drafter',
      'bulletin.submit drafter',
      'bulletin.approve reviewer',
      'bulletin.publish drafter',
      'bulletin.draft drafter',
      'bulletin.submit drafter',
      'bulletin.approve reviewer',
      'bulletin.publish reviewer',
    ]);
  });
});
