import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codesInLog, nextCode } from '../../../test/citizen-log';
import { harness } from '../../../test/harness';
import { freshId } from '../../../test/ledger-file';
import { elsewhereService } from '../../elsewhere/service';
import { roundOverCompound, sampled } from '../../testing/fixtures/round';
import { labTime, resultRow, resultsCsv } from '../../testing/lab/fixtures';
import { labService } from '../../testing/lab/service';
import { healthKeys } from '../keys';
import { checkToken } from '../tokens';

let h: Awaited<ReturnType<typeof harness>>;
let r: Awaited<ReturnType<typeof roundOverCompound>>;
/** A resident of the round's compound, with a phone on file. */
let person: { id: number; idNumber: string };
beforeAll(async () => {
  h = await harness('2022-11-25T10:00:00+08:00');
  r = await roundOverCompound(h, { number: 1 });
  const d = r.built.dwellers[0] as { id: number };
  const row = await h.pool.query(`UPDATE people SET phone = $2 WHERE id = $1 RETURNING id_number`, [d.id, '13912345678']);
  person = { id: d.id, idNumber: row.rows[0].id_number };
});
afterAll(() => h?.close());

let address = 0;
/** Each test its own client address, so the per-address limit of one never meets another's requests. */
const client = () => `10.1.${Math.floor(++address / 250)}.${(address % 250) + 1}`;
const post = (url: string, payload: unknown, o: { cookie?: string; ip?: string } = {}) =>
  h.app.inject({
    method: 'POST',
    url,
    payload: payload as object,
    remoteAddress: o.ip ?? client(),
    headers: o.cookie ? { cookie: o.cookie } : {},
  });
const get = (url: string, cookie?: string) => h.app.inject({ url, headers: cookie ? { cookie } : {} });
const ask = (idNumber: string, ip?: string) => post('/api/healthcode/citizen/code-requests', { idNumber }, { ip });
const verify = (idNumber: string, code: string, ip?: string) =>
  post('/api/healthcode/citizen/sessions', { idNumber, code }, { ip });
const later = (seconds: number) => h.clock.set(new Date(h.clock.now().getTime() + seconds * 1000));

/** Signs the resident in from scratch (a minute after the last request) and returns their cookie header. */
async function signIn(p = person) {
  later(61);
  const before = codesInLog(p.id).length;
  expect((await ask(p.idNumber)).statusCode).toBe(200);
  const code = await nextCode(p.id, before);
  const res = await verify(p.idNumber, code);
  expect(res.statusCode, res.body).toBe(200);
  const c = res.cookies.find((x) => x.name === 'fy_citizen');
  return `fy_citizen=${c?.value}`;
}

describe('sign-in with the ID number and a one-time code', () => {
  it('answers the same whether or not the number is known; a bad number is a 400 naming 身份证号', async () => {
    const before = codesInLog(person.id).length;
    const known = await ask(person.idNumber);
    const unknown = await ask(freshId());
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    expect(known.json()).toEqual(unknown.json());
    expect(known.json()).toEqual({ sent: true, expiresIn: 300, resendIn: 60 });
    const bad = await ask('230102199013011234');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('身份证号');
    // The code went to the log with the number and phone masked, never whole.
    expect(await nextCode(person.id, before)).toMatch(/^\d{6}$/);
  });

  it('one code a minute and five an hour per number, known or not: 429 alike', async () => {
    later(3600);
    const stranger = freshId();
    for (const id of [person.idNumber, stranger]) {
      expect((await ask(id)).statusCode).toBe(200);
      const again = await ask(id);
      expect(again.statusCode).toBe(429);
      expect(again.json().error.code).toBe('citizen.code_throttled');
      expect(again.headers['retry-after']).toBe('60');
    }
    for (let i = 0; i < 4; i++) {
      later(61);
      for (const id of [person.idNumber, stranger]) expect((await ask(id)).statusCode).toBe(200);
    }
    later(61);
    for (const id of [person.idNumber, stranger]) {
      const hourly = await ask(id);
      expect(hourly.statusCode).toBe(429);
      expect(hourly.json().error.message).toContain('过于频繁');
    }
  });

  it('one address may ask 30 times a minute (per API process), then 429', async () => {
    const ip = '10.200.0.1';
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await ask(freshId(), ip)).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 200)).toBe(true);
    const last = await ask(freshId(), ip);
    expect(last.statusCode).toBe(429);
    expect(last.json().error.code).toBe('rate_limited');
  });

  it('a right code signs in once with an HttpOnly, SameSite=Strict cookie; wrong codes are a 400 naming 验证码', async () => {
    later(3600);
    const before = codesInLog(person.id).length;
    expect((await ask(person.idNumber)).statusCode).toBe(200);
    const code = await nextCode(person.id, before);
    const wrong = await verify(person.idNumber, code === '000000' ? '000001' : '000000');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toContain('验证码');
    expect(wrong.json().error.details.fields[0]).toMatchObject({ path: 'code' });
    const malformed = await verify(person.idNumber, '12ab');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.message).toContain('验证码');
    const ok = await verify(person.idNumber, code);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ personId: person.id, name: '居*' });
    const cookie = ok.cookies.find((c) => c.name === 'fy_citizen');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect((await verify(person.idNumber, code)).statusCode).toBe(400);
    const me = await get('/api/healthcode/citizen/me', `fy_citizen=${cookie?.value}`);
    expect(me.json()).toMatchObject({ personId: person.id, name: '居*' });
    const audit = await h.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'healthcode.citizen_signin' AND person_id = $1`,
      [person.id],
    );
    expect(audit.rows[0].n).toBeGreaterThanOrEqual(1);
  });

  it('five wrong codes lock the request: the right code then gets 429, for a known number as for an unknown one', async () => {
    later(3600);
    const stranger = freshId();
    const before = codesInLog(person.id).length;
    for (const id of [person.idNumber, stranger]) expect((await ask(id)).statusCode).toBe(200);
    const code = await nextCode(person.id, before);
    const other = code === '999999' ? '999998' : '999999';
    for (let i = 0; i < 5; i++)
      for (const id of [person.idNumber, stranger]) expect((await verify(id, other)).statusCode).toBe(400);
    const locked = await verify(person.idNumber, code);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('citizen.code_locked');
    const lockedToo = await verify(stranger, other);
    expect(lockedToo.statusCode).toBe(429);
    expect(lockedToo.json()).toMatchObject({ error: { code: 'citizen.code_locked', message: locked.json().error.message } });
  });

  it('a code expires after five minutes', async () => {
    later(3600);
    const before = codesInLog(person.id).length;
    await ask(person.idNumber);
    const code = await nextCode(person.id, before);
    later(301);
    expect((await verify(person.idNumber, code)).statusCode).toBe(400);
  });

  it('citizen routes answer 401 without a session, with a tampered cookie and to an account', async () => {
    const cookie = await signIn();
    expect((await get('/api/healthcode/citizen/code', cookie)).statusCode).toBe(200);
    expect((await get('/api/healthcode/citizen/code')).statusCode).toBe(401);
    const value = cookie.slice('fy_citizen='.length);
    const [body, mac] = value.split('.') as [string, string];
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), p: person.id + 1 }),
    ).toString('base64url');
    for (const bad of [`${forged}.${mac}`, `${body}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`, 'x'.repeat(400)])
      expect((await get('/api/healthcode/citizen/code', `fy_citizen=${bad}`)).statusCode).toBe(401);
    const account = await h.login('community', r.w.a.code);
    expect((await get('/api/healthcode/citizen/code', account.cookie)).statusCode).toBe(401);
    const out = await post('/api/healthcode/citizen/logout', {}, { cookie });
    expect(out.statusCode).toBe(200);
    expect(out.cookies.find((c) => c.name === 'fy_citizen')?.value).toBe('');
  });
});

describe('the code page', () => {
  it('green with a QR token the API checks, no tests yet: the 48-hour check says why not', async () => {
    const cookie = await signIn();
    const res = await get('/api/healthcode/citizen/code', cookie);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({ colour: 'green', reasons: [], tests: [], name: '居*' });
    expect(c.leaving.allowed).toBe(false);
    expect(c.leaving.reason).toContain('48小时内核酸检测阴性证明');
    const check = checkToken(await healthKeys(h.kit), c.token, h.clock.now());
    expect(check).toMatchObject({ ok: true, claims: { personId: person.id, colour: 'green', name: '居*' } });
    expect(new Date(c.renewAt).getTime()).toBeLessThan(new Date(c.expiresAt).getTime());
  });

  it('a negative result imported shows in the latest tests and counts toward the 48-hour check the edition in force asks for', async () => {
    const [tube] = await sampled(h, r.roundId, [[r.built.dwellers[0] as { id: number; path: string }]], 'pool10');
    later(3600);
    const lab = await h.ctx('lab', '230100');
    await labService.importResults(lab, resultsCsv([resultRow(tube?.barcode as string, '阴性', labTime(h.clock.now()))]));
    const c = (await get('/api/healthcode/citizen/code', await signIn())).json();
    expect(c.tests).toMatchObject([{ roundNumber: 1, purpose: 'round', meaning: 'negative', label: '阴性' }]);
    // The edition in force on 2022-11-25 (the 20 measures) asks for two negatives 24 hours apart: one is not enough.
    expect(c.leaving).toMatchObject({ allowed: false, withinHours: 48, negativeTests: 2 });
    expect(c.leaving.reason).toBe('须持48小时内核酸检测阴性证明2次（间隔至少24小时），现有符合条件的1次');
  });
});

describe('self-reports (报备)', () => {
  it('a trip through a high-risk area elsewhere is stored once and turns the code red with its reason', async () => {
    const cdc = await h.ctx('cdc', '230100');
    const city = `测试市${h.tag}`;
    await elsewhereService.create(cdc, {
      province: '河北省',
      city,
      district: '深泽县',
      name: '河庄村',
      level: 'high',
      since: '2022-11-20T00:00:00+08:00',
    });
    const cookie = await signIn();
    const trip = {
      province: '河北省',
      city,
      district: '深泽县',
      leftOn: '2022-11-21',
      arrivedOn: '2022-11-24',
      transport: '火车',
    };
    const first = await post('/api/healthcode/citizen/travel-reports', trip, { cookie });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ mustReport: true, level: 'high', replay: false });
    expect(first.json().sentence).toContain('河庄村（高风险地区');
    const code = (await get('/api/healthcode/citizen/code', cookie)).json();
    expect(code.colour).toBe('red');
    expect(code.reasons).toContain(`11月24日自外地高风险地区（河北省${city}深泽县）抵哈`);
    expect(code.leaving.allowed).toBe(false);

    const again = await post('/api/healthcode/citizen/travel-reports', trip, { cookie });
    expect(again.json()).toMatchObject({ id: first.json().id, replay: true });
    expect((await get('/api/healthcode/citizen/code', cookie)).json().version).toBe(code.version);
    const list = (await get('/api/healthcode/citizen/travel-reports', cookie)).json();
    expect(list.items.filter((x: { id: number }) => x.id === first.json().id)).toHaveLength(1);
  });

  it('a trip to a place with no risk area is stored and colours nothing; bad days are a 400 naming the field', async () => {
    const other = { id: (r.built.dwellers[1] as { id: number }).id, idNumber: '' };
    other.idNumber = (await h.pool.query('SELECT id_number FROM people WHERE id = $1', [other.id])).rows[0].id_number;
    const cookie = await signIn(other);
    const ok = await post(
      '/api/healthcode/citizen/travel-reports',
      { province: '辽宁省', city: `平安市${h.tag}`, leftOn: '2022-11-22', arrivedOn: '2022-11-23' },
      { cookie },
    );
    expect(ok.json()).toMatchObject({ mustReport: false, level: null, sentence: null });
    expect((await get('/api/healthcode/citizen/code', cookie)).json().colour).toBe('green');
    const future = await post(
      '/api/healthcode/citizen/travel-reports',
      { province: '辽宁省', city: '沈阳市', leftOn: '2022-11-22', arrivedOn: '2022-12-30' },
      { cookie },
    );
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('返哈日期');
    const reversed = await post(
      '/api/healthcode/citizen/travel-reports',
      { province: '辽宁省', city: '沈阳市', leftOn: '2022-11-24', arrivedOn: '2022-11-23' },
      { cookie },
    );
    expect(reversed.json().error.message).toContain('离哈日期');
    const nul = await post(
      '/api/healthcode/citizen/travel-reports',
      { province: '辽\u0000', city: '沈阳市', leftOn: '2022-11-22', arrivedOn: '2022-11-23' },
      { cookie },
    );
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.message).toContain('省份');
  });
});
