import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../test/harness';

let h: Awaited<ReturnType<typeof harness>>;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());

describe('the audit log (审计日志)', () => {
  it('pages newest first by cursor, ties broken by id, with the filtered total (counted: under 1,000); rows name the person by id (the people module gives names)', async () => {
    const action = `test.audit_${h.tag}`;
    const writer = await h.ctx('admin', '230100');
    await writer.transaction(async (tx) => {
      for (const i of [1, 2, 3, 4, 5]) await tx.audit({ action, personId: 2_147_480_000 + i, target: `t${i}` });
    });
    const admin = await h.login('admin', '230100');
    const page = async (before?: string) =>
      (
        await h.app.inject({
          url: `/api/audit?action=${action}&pageSize=2${before ? `&before=${encodeURIComponent(before)}` : ''}`,
          headers: { cookie: admin.cookie },
        })
      ).json();
    const first = await page();
    const second = await page(first.next);
    const third = await page(second.next);
    expect([first.total, second.total, third.total]).toEqual([1, 2, 3].map(() => ({ value: 5, exact: true })));
    expect([...first.items, ...second.items, ...third.items].map((r) => r.target)).toEqual(['t5', 't4', 't3', 't2', 't1']);
    expect(third.next).toBeNull();
    expect(first.items[0]).toMatchObject({ personId: 2_147_480_005, username: expect.stringMatching(/^admin-/), role: 'admin' });
    expect(first.items[0].personName).toBeNull(); // no such resident: the people module names none
  });

  it('finds a row naming several residents (a page read) by any of them, and counts them', async () => {
    const action = `test.audit_many_${h.tag}`;
    const writer = await h.ctx('admin', '230100');
    const ids = [2_147_470_001, 2_147_470_002, 2_147_470_003];
    await writer.audit({ action, personIds: ids });
    const admin = await h.login('admin', '230100');
    const res = await h.app.inject({ url: `/api/audit?action=${action}&personId=${ids[1]}`, headers: { cookie: admin.cookie } });
    expect(res.json().items).toEqual([expect.objectContaining({ personId: null, personCount: 3, personNames: [] })]);
    const raw = await h.pool.query('SELECT person_ids FROM audit_log WHERE action = $1', [action]);
    expect(raw.rows.map((r) => r.person_ids.map(Number))).toEqual([ids]);
  });

  it('refuses a malformed cursor with a 400 naming it', async () => {
    const admin = await h.login('admin', '230100');
    for (const before of ['yesterday', '2026-13-45T00:00:00Z_1', '2026-01-01T00:00:00Z_99999999999999999999']) {
      const res = await h.app.inject({ url: `/api/audit?before=${before}`, headers: { cookie: admin.cookie } });
      expect(res.statusCode, before).toBe(400);
      expect(res.json().error.message).toMatch(/^翻页游标：/);
      expect(res.json().error.details.fields).toMatchObject([{ in: 'querystring', path: 'before' }]);
    }
  });

  it('says each row as a sentence in Chinese, as the module of its action declares it', async () => {
    const writer = await h.ctx('cdc', '230100');
    await writer.transaction(async (tx) => {
      await tx.audit({ action: 'positive.create', target: '2022-11-28 confirmed 42' });
      await tx.audit({ action: 'bulletin.publish', target: '2022-11-28 0-24 v1', detail: { confirmed: 42, asymptomatic: 2 } });
      await tx.audit({ action: 'person.export', detail: { rows: 1200, area: '南岗区', tag: null } });
      await tx.audit({ action: `test.unknown_${h.tag}`, target: 'x' });
    });
    const admin = await h.login('admin', '230100');
    const res = await h.app.inject({ url: `/api/audit?username=${writer.actor?.username}`, headers: { cookie: admin.cookie } });
    expect(res.json().items.map((r: { sentence: string }) => r.sentence)).toEqual([
      '其他操作：x',
      '导出居民名单 1,200 人（南岗区）',
      '发布疫情通报：2022年11月28日0—24时（第1版），确诊病例42例、无症状感染者2例',
      '登记2022年11月28日确诊病例42',
    ]);
  });
});
