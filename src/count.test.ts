import { it } from 'vitest';
import { harness } from './test/harness';

it('times', async () => {
  const h = await harness();
  const { cookie } = await h.login('cdc', '230100');
  await new Promise((r) => setTimeout(r, 300));
  for (const [label, url, headers] of [
    ['me', '/api/auth/me', { cookie }],
    ['me-anon', '/api/auth/me', {}],
    ['catalogue', '/api/platform/catalogue', { cookie }],
    ['docs404', '/api/nothing', {}],
  ] as const) {
    for (let i = 0; i < 200; i++) await h.app.inject({ url, headers });
    const t = performance.now();
    for (let i = 0; i < 2000; i++) await h.app.inject({ url, headers });
    console.log(label, ((performance.now() - t) / 2000).toFixed(3), 'ms/req');
  }
  await h.close();
});
