import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../kit/roles';
import { harness } from '../test/harness';
import type { AccessEntry } from './access';
import { paths, type Schema, sample } from './fuzz-inputs';

/**
 * Every field of every route's contract, refused, is named by its Chinese label (src/kit/labels.ts) and never
 * by an internal path. The routes come from the OpenAPI document, as in the fuzz test, so a new route or field
 * is covered without a line here; its expected label is read from the same document (the `label` keyword the
 * contracts carry), and a field without one fails.
 */

type Node = Schema & { label?: string; $ref?: string };
interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema?: Node }[];
  requestBody?: { content: Record<string, { schema: Node }> };
}

const branches = (s: Node): Node[] => [s, ...((s.anyOf ?? s.oneOf ?? s.allOf ?? []) as Node[]).flatMap(branches)];
const labelOf = (s: Node) => branches(s).find((b) => b.label)?.label;
const childOf = (s: Node, key: string | number): Node | undefined => {
  for (const b of branches(s)) {
    if (typeof key === 'number' && b.items) return b.items as Node;
    if (typeof key === 'string' && b.properties?.[key]) return b.properties[key] as Node;
  }
  return undefined;
};

/** The labels along a path as the message must say them: 密接第1行 · 身份证号 (undefined when a part lacks one). */
function expectedLabel(root: Node, path: (string | number)[]): string | undefined {
  const parts: string[] = [];
  let s: Node | undefined = root;
  for (const key of path) {
    s = s && childOf(s, key);
    if (typeof key === 'number') parts[parts.length - 1] += `第${key + 1}行`;
    else {
      const label = s && labelOf(s);
      if (!label) return undefined;
      parts.push(label);
    }
  }
  return parts.join(' · ');
}

/** A value no field of this schema takes: an object where a scalar or a list is due, a scalar where an object is. */
const wrongFor = (s: Node) => (branches(s).some((b) => b.type === 'object' || b.properties) ? 'x' : { zz: 1 });
/** The same for a query or path parameter, which arrives as text. */
const wrongParam = (s: Node) => (branches(s).some((b) => b.type === 'string' && !b.format && !b.enum) ? 'x'.repeat(5000) : 'abc');

/** What a message may not show: a wire path, an index path, or any ASCII word (a field's key is one). */
const INTERNAL = /\b(body|querystring|params)\b|\.\d+\.|[A-Za-z]{2,}/;

let h: Awaited<ReturnType<typeof harness>>;
const cookies = new Map<Role, string>();
beforeAll(async () => {
  h = await harness();
  for (const role of ['admin', 'cdc'] as Role[]) cookies.set(role, (await h.login(role, '230100')).cookie);
}, 60_000);
afterAll(() => h.close());

describe('contract labels', () => {
  it('every refused field of every route is named by its Chinese label, never by an internal path', async () => {
    const doc = (await h.app.inject({ url: '/docs/json' })).json() as { paths: Record<string, Record<string, Operation>> };
    const matrix = (
      await h.app.inject({ url: '/api/platform/access', headers: { cookie: cookies.get('admin') as string } })
    ).json().items as AccessEntry[];
    const failures: string[] = [];
    let checked = 0;
    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (template === '/api/auth/logout' || template.startsWith('/docs')) continue;
        const entry = matrix.find((m) => m.method === method.toUpperCase() && m.url === template.replace(/\{(\w+)\}/g, ':$1'));
        const role =
          !entry || 'public' in entry.access ? 'admin' : (['admin', 'cdc'] as Role[]).find((x) => entry.roles.includes(x));
        if (!role) continue;
        const params = op.parameters ?? [];
        const json = op.requestBody?.content['application/json']?.schema;
        const base = json ? sample(json) : undefined;
        const validPath = Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, '1']));
        const validQuery = Object.fromEntries(
          params.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, String(sample(p.schema ?? {}))]),
        );
        const send = async (pathValues: Record<string, string>, query: Record<string, string>, body?: unknown) => {
          const url = template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(pathValues[k] ?? '1'));
          const qs = new URLSearchParams(query).toString();
          const res = await h.app.inject({
            method: method.toUpperCase() as 'GET',
            url: qs ? `${url}?${qs}` : url,
            headers: { cookie: cookies.get(role) as string },
            ...(body !== undefined ? { payload: body as object } : {}),
          });
          checked++;
          return res;
        };
        const judge = async (what: string, label: string | undefined, res: Awaited<ReturnType<typeof send>>) => {
          const route = `${method.toUpperCase()} ${template} ${what}`;
          if (!label) return failures.push(`${route}: the contract gives the field no label`);
          if (res.statusCode !== 400) return failures.push(`${route}: ${res.statusCode}, expected a 400`);
          const error = res.json().error as { message: string; details?: { fields?: { label: string }[] } };
          if (!error.message.includes(label)) failures.push(`${route}: "${error.message}" does not name ${label}`);
          if (INTERNAL.test(error.message)) failures.push(`${route}: "${error.message}" shows an internal name`);
          if (!error.details?.fields?.some((f) => f.label.includes(label)))
            failures.push(`${route}: details.fields lacks ${label}`);
        };
        for (const p of params.filter((x) => x.in === 'path' || x.in === 'query')) {
          const wrong = wrongParam(p.schema ?? {});
          const res =
            p.in === 'path'
              ? await send({ ...validPath, [p.name]: wrong }, validQuery, base)
              : await send(validPath, { ...validQuery, [p.name]: wrong }, base);
          await judge(`${p.in}.${p.name}`, p.schema && labelOf(p.schema), res);
        }
        if (!json) continue;
        for (const where of paths(base)) {
          const node = where.reduce<Node | undefined>((s, k) => s && childOf(s, k), json);
          if (!node || typeof where.at(-1) === 'number') continue; // a list's row is judged by its fields
          const body = structuredClone(base) as Record<string | number, unknown>;
          let parent = body;
          for (const key of where.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
          parent[where.at(-1) as string] = wrongFor(node);
          await judge(`body.${where.join('.')}`, expectedLabel(json, where), await send(validPath, validQuery, body));
        }
      }
    }
    expect(checked).toBeGreaterThan(150);
    expect(failures).toEqual([]);
  }, 120_000);

  it('says which row and field of a list is wrong, and what is wrong with it', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/surveillance/contacts',
      headers: { cookie: cookies.get('cdc') as string },
      payload: { contacts: [{ kind: 'close', name: '张三', idNumber: '230103199001011230', phone: '138', sourcePositiveId: 1 }] },
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.message).toBe('密接第1行 · 身份证号：校验位错误；密接第1行 · 联系电话：应为11位手机号或带区号的固定电话');
    expect(error.details.fields).toMatchObject([
      { in: 'body', path: 'contacts.0.idNumber', label: '密接第1行 · 身份证号' },
      { in: 'body', path: 'contacts.0.phone', label: '密接第1行 · 联系电话' },
    ]);
    const times = await h.app.inject({
      method: 'PUT',
      url: '/api/surveillance/positives/1/trajectory',
      headers: { cookie: cookies.get('cdc') as string },
      payload: { entries: [{ day: '2021-11-04', times: [{ at: '8点半' }], stop: { type: 'place', name: '超市' } }] },
    });
    expect(times.json().error.message).toBe('活动轨迹第1行 · 时间第1行 · 时刻：时间格式应为 时:分（如 08:30）');
  });
});
