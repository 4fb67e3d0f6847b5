import type { harness } from './harness';

type Harness = Awaited<ReturnType<typeof harness>>;

/**
 * Takes a text through the review as the console does: drafted and submitted by `drafter`, approved and
 * published by `reviewer` (a second publisher). Returns the publication's answer (`{ id, state, version }`);
 * throws with the refusing answer when a step fails.
 */
export async function publishThrough(h: Harness, base: string, payload: object, drafter: string, reviewer: string) {
  const call = async (url: string, cookie: string, body?: object) => {
    const res = await h.app.inject({ method: 'POST', url, payload: body ?? {}, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json() as { id: number; state: string; version: number | null };
  };
  const { id } = await call(base, drafter, payload);
  await call(`${base}/${id}/submit`, drafter);
  await call(`${base}/${id}/approve`, reviewer);
  return call(`${base}/${id}/publish`, reviewer);
}
