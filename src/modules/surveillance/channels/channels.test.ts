import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../../test/harness';

let h: Awaited<ReturnType<typeof harness>>;
let cdc: { cookie: string };
let name: string;

beforeAll(async () => {
  h = await harness();
  cdc = await h.login('cdc', '230100');
  name = `测试${h.tag}筛查发现`;
});
afterAll(() => h.close());

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: object) =>
  h.app.inject({ method, url, payload, headers: { cookie } });
const names = async (url: string) =>
  (await call('GET', url, cdc.cookie)).json().items.map((c: { name: string }) => c.name) as string[];

describe('the detection channel list (发现途径) the city CDC edits', () => {
  it('adds a channel at the end of its period, once, and audits it', async () => {
    const res = await call('POST', '/api/surveillance/channels', cdc.cookie, { name, period: '2022-11' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name, period: '2022-11', active: true });
    expect(await names('/api/surveillance/channels')).toContain(name);
    const again = await call('POST', '/api/surveillance/channels', cdc.cookie, { name, period: '2022-11' });
    expect(again.statusCode).toBe(409);
    const audit = await h.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'channel.create' AND target = $1", [
      name,
    ]);
    expect(audit.rows[0].n).toBe(1);
  });

  it('retires a channel: gone from the active list, kept in the full one, and restores it', async () => {
    const id = (await h.pool.query('SELECT id FROM detection_channels WHERE name = $1', [name])).rows[0].id;
    const off = await call('PATCH', `/api/surveillance/channels/${id}`, cdc.cookie, { active: false });
    expect(off.json().active).toBe(false);
    expect(await names('/api/surveillance/channels')).not.toContain(name);
    expect(await names('/api/surveillance/channels?all=true')).toContain(name);
    await call('PATCH', `/api/surveillance/channels/${id}`, cdc.cookie, { active: true });
    expect(await names('/api/surveillance/channels')).toContain(name);
  });

  it('names the bad field, and refuses a district CDC and unknown ids', async () => {
    const bad = await call('POST', '/api/surveillance/channels', cdc.cookie, { name: '随便写写', period: '22年' });
    expect(bad.statusCode).toBe(400);
    const details = JSON.stringify(bad.json().error.details);
    expect(details).toContain('name');
    expect(details).toContain('period');
    const district = await h.login('cdc', '230103');
    expect(
      (await call('POST', '/api/surveillance/channels', district.cookie, { name: `区${name}`, period: '2022' })).statusCode,
    ).toBe(403);
    expect((await call('PATCH', '/api/surveillance/channels/99999999', cdc.cookie, { active: false })).statusCode).toBe(404);
  });
});
