import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateHour } from '../../lib/zh-words';
import { harness } from '../../test/harness';
import { publishThrough } from '../../test/review';
import { contextForAccount } from '../auth/actor';
import { noticeDocumentSchema } from './document';
import { nangang1300 } from './fixtures/seed004';
import { renderNotice } from './render';
import { noticeService } from './service';

let h: Awaited<ReturnType<typeof harness>>;
let hq: { cookie: string; username: string };
let hq2: { cookie: string; username: string };

// The test database outlives runs: each run's notice starts at an hour of its own in 2099, so it is a new series.
const AT = new Date(Date.UTC(2099, 0, 1) + Math.floor(Math.random() * 500_000) * 3600_000).toISOString();
const DAY = AT.slice(0, 10);
const document = {
  ...nangang1300,
  date: DAY,
  edition: 'ed9' as const,
  // written by hand: no planned changes behind it (src/modules/risk/public.test.ts publishes a notice drafted from some)
  changes: (nangang1300.changes ?? []).map((c) => ({ ...c, at: AT })),
};

beforeAll(async () => {
  h = await harness('2099-01-01T10:00:00+08:00');
  hq = await h.login('city_hq', '230100');
  hq2 = await h.login('city_hq', '230100');
});
afterAll(() => h.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) =>
  h.app.inject({ method, url, payload, headers: { cookie } });

describe('risk-level notices through the API', () => {
  it('drafts a notice with the text rendered from its document; its drafter edits it while a draft', async () => {
    const res = await call('POST', '/api/notices', hq.cookie, { document });
    expect(res.statusCode).toBe(200);
    const { id } = res.json();
    const one = (await call('GET', `/api/notices/${id}`, hq.cookie)).json();
    expect(one).toMatchObject({ state: 'draft', issuedOn: DAY, startsAt: AT, title: '关于调整哈尔滨市南岗区风险等级的通告' });
    expect(one.body).toBe(renderNotice(noticeDocumentSchema.parse(document)).text);
    expect(one.signatureLines).toBe(2);
    // Readers without the publish permission do not see drafts.
    const reader = await h.login('district', '230103');
    expect((await call('GET', `/api/notices/${id}`, reader.cookie)).statusCode).toBe(404);
    expect((await call('PUT', `/api/notices/${id}`, hq2.cookie, { document })).statusCode).toBe(403);
    const paragraphs = await call('PUT', `/api/notices/${id}`, hq.cookie, {
      document: { ...document, layout: 'harbin-2022-paragraphs' },
    });
    expect(paragraphs.statusCode).toBe(200);
    expect((await call('GET', `/api/notices/${id}`, hq.cookie)).json().body).toContain('市指挥部决定：\n\n自');
    await call('POST', `/api/notices/${id}/submit`, hq.cookie);
    expect((await call('PUT', `/api/notices/${id}`, hq.cookie, { document })).statusCode).toBe(409);
    expect((await call('POST', `/api/notices/${id}/approve`, hq.cookie)).statusCode).toBe(403);
    expect((await call('POST', `/api/notices/${id}/reject`, hq2.cookie, { reason: '请用接排版式' })).statusCode).toBe(200);
  });

  it('names the field of a bad document, in both languages, with a 400 and nothing written', async () => {
    const before = (await h.pool.query('SELECT count(*)::int AS n FROM risk_notices')).rows[0].n;
    const bad = await call('POST', '/api/notices', hq.cookie, {
      document: { ...document, changes: [{ ...document.changes[0], level: 'severe' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('调整区域第1行 · 风险等级');
    expect(bad.json().error.details.fields[0].path).toBe('document.changes.0.level');
    const layout = await call('POST', '/api/notices', hq.cookie, { document: { ...document, layout: 'harbin-1999' } });
    expect(layout.statusCode).toBe(400);
    expect(layout.json().error.message).toContain('版式');
    expect((await h.pool.query('SELECT count(*)::int AS n FROM risk_notices')).rows[0].n).toBe(before);
  });

  it('publishes after a second account approves: numbered, frozen, announced with its change ids, audited', async () => {
    const first = await publishThrough(h, '/api/notices', { document }, hq.cookie, hq2.cookie);
    expect(first.state).toBe('published');
    await expect(h.pool.query('UPDATE risk_notices SET body = $1 WHERE id = $2', ['x', first.id])).rejects.toThrow(/frozen/);
    const announced = await h.pool.query(
      "SELECT payload FROM domain_events WHERE type = 'notice.published' AND (payload->>'noticeId')::bigint = $1",
      [first.id],
    );
    expect(announced.rows.map((r) => r.payload)).toEqual([{ noticeId: first.id, version: first.version, changeIds: [] }]);
    // A new version of the same notice is a correction and says why.
    const again = await call('POST', '/api/notices', hq.cookie, { document });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.message).toContain('更正说明');
    const second = await publishThrough(h, '/api/notices', { document, correctionReason: '更正区域名称' }, hq.cookie, hq2.cookie);
    expect(second.version).toBe((first.version as number) + 1);

    const reader = await h.login('community', '230103');
    const list = (await call('GET', '/api/notices?pageSize=5', reader.cookie)).json();
    expect(list.items[0]).toMatchObject({ id: second.id, state: 'published', correctsVersion: first.version, actions: [] });
    const txt = await call('GET', `/api/notices/${second.id}/text`, reader.cookie);
    expect(txt.body).toBe(renderNotice(noticeDocumentSchema.parse(document)).text);
    expect(txt.headers['content-disposition']).toContain(encodeURIComponent(`风险等级通告-${DAY}`));
    const docx = await call('GET', `/api/notices/${second.id}/docx`, reader.cookie);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string');
    expect(xml).toContain('关于调整哈尔滨市南岗区风险等级的通告');
    expect(xml).toContain('艺体花园小区24栋至35栋合围区(除30栋外)');

    const audit = await h.pool.query(
      "SELECT action, target, detail FROM audit_log WHERE action = 'notice.publish' AND target = $1",
      [`关于调整哈尔滨市南岗区风险等级的通告 ${AT} v${second.version}`],
    );
    expect(audit.rows.map((r) => r.detail)).toEqual([{ changeIds: [] }]);
    const admin = await h.login('admin', '230100');
    const rows = (await call('GET', `/api/audit?action=notice.publish&username=${hq2.username}`, admin.cookie)).json().items;
    expect(rows.map((r: { sentence: string }) => r.sentence)).toContain(
      `发布风险等级通告：关于调整哈尔滨市南岗区风险等级的通告（自${formatDateHour(AT)}起，第${second.version}版）`,
    );
  });

  it('refuses a draft from a context scoped below the city, whichever caller skips the route', async () => {
    const district = await h.login('city_hq', '230103');
    const ctx = await contextForAccount(h.kit, district.username, 'test');
    await expect(noticeService.saveDraft(ctx, noticeDocumentSchema.parse(document))).rejects.toMatchObject({ status: 403 });
  });
});
