import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../test/harness';
import { buildApp } from './app';
import { loadConfig } from './config';

let h: Awaited<ReturnType<typeof harness>>;
let cookie: string;
beforeAll(async () => {
  h = await harness();
  ({ cookie } = await h.login('admin', '230100'));
});
afterAll(() => h.close());

const appWith = (env: Record<string, string>) =>
  buildApp({ pool: h.pool, clock: h.clock, config: loadConfig({ DATABASE_URL: 'postgres://unused/x', ...env }) });

describe('security headers', () => {
  it('every answer has the CSP and the helmet headers; no HSTS over plain http', async () => {
    const res = await h.app.inject({ url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res.headers).toMatchObject({
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('every /api answer is no-store, errors included', async () => {
    for (const url of ['/api/health', '/api/auth/me', '/api/no-such-route'])
      expect((await h.app.inject({ url, headers: { cookie } })).headers['cache-control'], url).toBe('no-store');
  });

  it('an https PUBLIC_URL adds HSTS and upgrade-insecure-requests, and makes the session cookie Secure', async () => {
    const { username } = await h.login('admin', '230100');
    const plain = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: 'correct-horse-battery' },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(plain.cookies[0]?.secure).toBeUndefined();
    const app = await appWith({ PUBLIC_URL: 'https://fangyi.example.cn' });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: 'correct-horse-battery' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.cookies[0]).toMatchObject({ name: 'fy_session', secure: true, httpOnly: true });
    expect(res.headers['strict-transport-security']).toContain('max-age=31536000');
    expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    await app.close();
  });
});

describe('TRUST_PROXY', () => {
  it('is off by default: X-Forwarded-For does not choose the client address', async () => {
    const app = await appWith({});
    app.get('/api/test-ip', { config: { access: { public: true } } }, async (req) => ({ ip: req.ip }));
    const res = await app.inject({ url: '/api/test-ip', headers: { 'x-forwarded-for': '6.6.6.6' } });
    expect(res.json().ip).toBe('127.0.0.1');
    await app.close();
  });

  it('when set to the proxy address, the forwarded client address is used', async () => {
    const app = await appWith({ TRUST_PROXY: '127.0.0.1' });
    app.get('/api/test-ip', { config: { access: { public: true } } }, async (req) => ({ ip: req.ip }));
    const res = await app.inject({ url: '/api/test-ip', headers: { 'x-forwarded-for': '10.1.2.3' } });
    expect(res.json().ip).toBe('10.1.2.3');
    await app.close();
  });

  it('reads off, true and address lists', () => {
    const t = (v?: string) => loadConfig(v === undefined ? {} : { TRUST_PROXY: v }).TRUST_PROXY;
    expect([t(), t('false'), t('0'), t('true'), t('10.0.0.0/8, 127.0.0.1')]).toEqual([
      false,
      false,
      false,
      true,
      ['10.0.0.0/8', '127.0.0.1'],
    ]);
  });
});

describe('state-changing requests', () => {
  const postLogin = (headers: Record<string, string>, payload?: string) =>
    h.app.inject({ method: 'POST', url: '/api/auth/login', headers, payload });

  it('a text/plain or form body is refused with 415 in both languages, before it is read', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await postLogin({ 'content-type': type }, 'username=a&password=b');
      expect(res.statusCode, type).toBe(415);
      expect(res.json().error).toMatchObject({ code: 'unsupported_media_type' });
      expect(res.json().error.message).toContain('application/json');
      expect(res.json().error.messageEn).toContain('multipart/form-data');
    }
    const noType = await h.app.inject({ method: 'DELETE', url: '/api/auth/me', body: 'x', headers: { cookie } });
    expect(noType.statusCode).toBe(415);
  });

  it('JSON, multipart and body-less requests pass the check', async () => {
    const json = await postLogin(
      { 'content-type': 'application/json; charset=utf-8' },
      JSON.stringify({ username: `nobody-${h.tag}`, password: 'x' }),
    );
    expect(json.statusCode).toBe(401);
    const bodyless = await h.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: (await h.login('cdc', '230100')).cookie },
    });
    expect(bodyless.statusCode).toBe(200);
    const upload = await h.importResidents(cookie, []);
    expect(upload.statusCode).not.toBe(415);
  });

  it('an Origin of another site is refused with 403; this host and PUBLIC_URL are accepted', async () => {
    const body = JSON.stringify({ username: `nobody-${h.tag}`, password: 'x' });
    const json = { 'content-type': 'application/json' };
    const evil = await postLogin({ ...json, origin: 'https://evil.example' }, body);
    expect(evil.statusCode).toBe(403);
    expect(evil.json().error).toMatchObject({ code: 'origin_mismatch', message: '请求来源与本站不符' });
    expect((await postLogin({ ...json, origin: 'null' }, body)).statusCode).toBe(403);
    expect((await postLogin({ ...json, host: 'fangyi.local:3000', origin: 'http://fangyi.local:3000' }, body)).statusCode).toBe(
      401,
    );
    const app = await appWith({ PUBLIC_URL: 'https://fangyi.example.cn' });
    const viaPublic = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { ...json, host: '10.0.0.5:3000', origin: 'https://fangyi.example.cn' },
      payload: body,
    });
    expect(viaPublic.statusCode).toBe(401);
    await app.close();
  });
});

describe('inline scripts of the console page', () => {
  it('are allowed by their hash only: a module script or a script with a source is not hashed', async () => {
    const { createHash } = await import('node:crypto');
    const { inlineScriptHashes } = await import('./security');
    const boot = "document.getElementById('boot')";
    const html = `<script>${boot}</script><script type="module" src="/x.js"></script><script src="/y.js"></script>`;
    expect(inlineScriptHashes(html)).toEqual([`'sha256-${createHash('sha256').update(boot).digest('base64')}'`]);
  });
});
