import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../../test/harness';
import { publishThrough } from '../../../test/review';
import { contextForAccount } from '../../auth/actor';
import { harbinCdcDirectory } from './defaults';
import { reminderDocumentSchema } from './document';
import { caseReportRecords20211103, reminder20211103, reportDutyRecords20211103 } from './fixtures/seed001-2021-11-03';
import { renderReminder } from './render';
import { reminderService } from './service';

let h: Awaited<ReturnType<typeof harness>>;
let cdc: { cookie: string; username: string };

// The test database outlives runs and is shared with the end-to-end tests, which publish reminders on the real
// clock; this file's reminders are issued and published on the last day of 2099 so they are the latest.
const ISSUED_ON = '2099-12-31';
beforeAll(async () => {
  h = await harness(`${ISSUED_ON}T10:00:00+08:00`);
  cdc = await h.login('cdc', '230100');
});
afterAll(() => h.close());

const call = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) =>
  h.app.inject({ method, url, payload, headers: { cookie } });

/** Seed 001's reminder as the console sends it: the day's records, and the paragraphs of the draft. */
const seed001 = {
  issuedOn: ISSUED_ON,
  issuer: '哈尔滨市疾病预防控制中心',
  caseReports: caseReportRecords20211103,
  reportDuty: reportDutyRecords20211103,
  fixedText: reminder20211103.fixedText,
  directory: harbinCdcDirectory('two-columns'),
};

describe('the urgent reminder (紧急提醒) through the API', () => {
  it('previews seed 001 from its records, character for character', async () => {
    const res = await call('POST', '/api/surveillance/reminders/preview', cdc.cookie, { document: seed001 });
    expect(res.statusCode).toBe(200);
    expect(res.json().text).toBe(renderReminder(reminder20211103));
  });

  it('names the field of a bad document, in both languages, with a 400', async () => {
    const dated = await call('POST', '/api/surveillance/reminders/preview', cdc.cookie, {
      document: { ...seed001, reportDuty: [{ city: '成都市', since: '2100-01-05' }] },
    });
    expect(dated.statusCode).toBe(400);
    expect(JSON.stringify(dated.json().error)).toContain('document.reportDuty.0.since');
    const empty = await call('POST', '/api/surveillance/reminders/preview', cdc.cookie, {
      document: { ...seed001, reportDuty: [] },
    });
    expect(empty.statusCode).toBe(400);
    // Named by its label, the path beside it for the console to highlight the field.
    expect(empty.json().error.message).toContain('报备地区');
    expect(empty.json().error.details.fields[0].path).toBe('document.reportDuty');
  });

  it('previews a document in the house style it names, among the layouts the API lists, and refuses an unknown one', async () => {
    const layouts = (await call('GET', '/api/surveillance/reminders/layouts', cdc.cookie)).json().items;
    expect(layouts.map((l: { name: string; isDefault: boolean }) => [l.name, l.isDefault])).toEqual([
      ['harbin-2021', true],
      ['signed-2022', false],
    ]);
    const signed = await call('POST', '/api/surveillance/reminders/preview', cdc.cookie, {
      document: { ...seed001, layout: 'signed-2022', title: '疫情防控提醒' },
    });
    expect(signed.statusCode).toBe(200);
    expect(signed.json().text.split('\n\n').slice(0, 2)).toEqual([
      '哈尔滨市疾病预防控制中心疫情防控提醒',
      '2021年11月2日，成都市金牛区报告1例新冠肺炎确诊病例。',
    ]);
    expect(signed.json().text.endsWith(`哈尔滨市疾病预防控制中心\n\n2099年12月31日`)).toBe(true);
    const unknown = await call('POST', '/api/surveillance/reminders/preview', cdc.cookie, {
      document: { ...seed001, layout: 'harbin-1999' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.messageEn).toContain('document.layout');
  });

  it('publishes frozen versions from a city account only, audited, with text and Word downloads', async () => {
    const text = renderReminder(reminder20211103);
    const district = await h.login('cdc', '230103');
    expect(
      (await call('POST', '/api/surveillance/reminders', district.cookie, { document: seed001, body: text })).statusCode,
    ).toBe(403);
    const reviewer = await h.login('cdc', '230100');
    const publish = async (payload: object) => {
      const r = await publishThrough(h, '/api/surveillance/reminders', payload, cdc.cookie, reviewer.cookie);
      return { statusCode: 200, json: () => r };
    };
    // Reruns on the shared database find the day already published: every version after the first corrects it.
    const correction = (await h.pool.query("SELECT 1 FROM reminders WHERE issued_on = $1 AND state = 'published'", [ISSUED_ON]))
      .rowCount
      ? { correctionReason: '重新发布' }
      : {};
    const first = await publish({ document: seed001, body: text, ...correction });
    expect(first.statusCode).toBe(200);
    const edited = `${text}\n\n（此条为测试修改）`;
    const second = await publish({ document: seed001, body: edited, correctionReason: '测试修改' });
    expect(second.json().version).toBe((first.json().version as number) + 1);
    await expect(h.pool.query('UPDATE reminders SET body = $1', ['x'])).rejects.toThrow(/frozen/);

    const list = (await call('GET', '/api/surveillance/reminders?pageSize=5', district.cookie)).json();
    expect(list.items[0]).toMatchObject({
      id: second.json().id,
      issuedOn: ISSUED_ON,
      title: '哈尔滨市疾病预防控制中心紧急提醒',
    });
    // The publisher is named by the auth module, after the read: its display name, not its account id.
    const { rows: publisher } = await h.pool.query('SELECT display_name FROM users WHERE username = $1', [reviewer.username]);
    expect(list.items[0].publishedBy).toBe(publisher[0].display_name);
    expect(list.items[0]).not.toHaveProperty('publisherId');
    const one = (await call('GET', `/api/surveillance/reminders/${second.json().id}`, cdc.cookie)).json();
    expect(one.publishedBy).toBe(publisher[0].display_name);
    const txt = await call('GET', `/api/surveillance/reminders/${second.json().id}/text`, cdc.cookie);
    expect(txt.body).toBe(edited);
    expect(txt.headers['content-disposition']).toContain(encodeURIComponent(`紧急提醒-${ISSUED_ON}`));
    const docx = await call('GET', `/api/surveillance/reminders/${first.json().id}/docx`, cdc.cookie);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string');
    expect(xml).toContain('哈尔滨市疾病预防控制中心紧急提醒');
    expect(xml).toContain('金牛区报告1例新冠肺炎确诊病例');

    const audit = await h.pool.query("SELECT detail FROM audit_log WHERE action = 'reminder.publish' AND target = $1", [
      `${ISSUED_ON} v${second.json().version}`,
    ]);
    expect(audit.rows[0].detail).toEqual({ edited: true });
    const announced = await h.pool.query(
      "SELECT payload FROM domain_events WHERE type = 'reminder.published' AND (payload->>'id')::bigint = $1",
      [second.json().id],
    );
    expect(announced.rows.map((r) => r.payload)).toEqual([
      { id: second.json().id, version: second.json().version, issuedOn: ISSUED_ON },
    ]);
    expect((await call('GET', '/api/surveillance/reminders/99999999', cdc.cookie)).statusCode).toBe(404);
  });

  it('refuses a publication from a context scoped below the city, whichever caller skips the route', async () => {
    const district = await h.login('cdc', '230103');
    const ctx = await contextForAccount(h.kit, district.username, 'test');
    const document = reminderDocumentSchema.parse(seed001);
    await expect(reminderService.saveDraft(ctx, document, renderReminder(document))).rejects.toMatchObject({ status: 403 });
  });

  it("drafts the next reminder from the last one: regions to report kept, the day's news empty", async () => {
    const res = await call('GET', '/api/surveillance/reminders/draft?issuedOn=2100-01-01', cdc.cookie);
    expect(res.json().document).toMatchObject({
      issuedOn: '2100-01-01',
      issuer: '哈尔滨市疾病预防控制中心',
      caseReports: [],
      riskAreaChanges: [],
      reportDuty: reportDutyRecords20211103,
      fixedText: reminder20211103.fixedText,
    });
  });
});
